//! Stats and progress management: cards by state, the week ahead, quiz scores over time, and
//! export, import and reset.

use super::cards_view::words;
use super::charts::{columns, history_chart};
use super::icons::{icon, Icon};
use crate::core::cards::{Clock, Counts, WORDS};
use crate::core::dates::weekday;
use crate::core::progress::{Attempt, Progress};
use crate::web::{env, files};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatsProps {
    pub counts: Counts,
    /// Cards due on each of the next seven days.
    pub forecast: Rc<[usize]>,
    pub history: Rc<[Attempt]>,
    pub pass_mark: u8,
    pub clock: Clock,
    /// A sentence about where progress is kept.
    pub storage_note: AttrValue,
    pub on_export: Callback<()>,
    /// Imported progress, and whether to merge it (rather than replace).
    pub on_import: Callback<(Progress, bool)>,
    pub on_reset: Callback<()>,
}

/// The label of a forecast column: "Today", then weekday names.
fn day_label(offset: usize, today: i64) -> String {
    const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    match offset {
        0 => "Today".to_string(),
        _ => NAMES[weekday(today + offset as i64)].to_string(),
    }
}

/// An import waiting for the learner to choose replace or merge.
#[derive(Clone, PartialEq)]
enum ImportState {
    Idle,
    Confirm(Rc<Progress>),
    Failed(String),
    Done(&'static str),
}

#[component]
pub fn Stats(props: &StatsProps) -> Html {
    let import = use_state(|| ImportState::Idle);
    // `use_state_eq(bool::default)` as help's open flag has it: one hook instantiation for both.
    let confirm_reset = use_state_eq(bool::default);
    let c = props.counts;
    let total = (c.new + c.learning + c.review).max(1);
    let today = props.clock.day();
    let labels: Vec<String> = (0..props.forecast.len()).map(|i| day_label(i, today)).collect();

    let on_file = {
        let import = import.clone();
        Callback::from(move |e: Event| {
            let Some(file) = files::chosen(&e) else {
                return;
            };
            let import = import.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let next = match files::read_text(&file).await {
                    Err(e) => ImportState::Failed(e),
                    Ok(text) => match Progress::parse(&text) {
                        Ok(p) => ImportState::Confirm(Rc::new(p)),
                        Err(e) => ImportState::Failed(format!("Nothing was imported: {e}.")),
                    },
                };
                import.set(next);
            });
        })
    };
    let choose = |merge: bool| {
        let (import, on_import) = (import.clone(), props.on_import.clone());
        Callback::from(move |_: MouseEvent| {
            if let ImportState::Confirm(p) = &*import {
                on_import.emit(((**p).clone(), merge));
                import.set(ImportState::Done(if merge {
                    "Progress merged."
                } else {
                    "Progress replaced."
                }));
            }
        })
    };
    let cancel = {
        let import = import.clone();
        Callback::from(move |_: MouseEvent| import.set(ImportState::Idle))
    };
    let import_panel = match &*import {
        ImportState::Idle => html! {},
        ImportState::Failed(msg) => {
            html! { <p class="inline-error" role="alert" data-testid="import-error">{ icon(Icon::Warning) }{ msg }</p> }
        }
        ImportState::Done(msg) => {
            html! { <p class="status-line" role="status" data-testid="import-done">{ icon(Icon::Check) }{ *msg }</p> }
        }
        ImportState::Confirm(p) => {
            let attempts: usize = p.decks.values().map(|d| d.history.len()).sum();
            html! {
                <div class="confirm" role="alertdialog" aria-labelledby="import-q" data-testid="import-confirm">
                    <p id="import-q">{ format!("This file holds {} scheduled card{} and {} quiz attempt{}. Replace your progress with it, or merge the two (the newer review of each card wins)?",
                        p.card_count(), if p.card_count() == 1 { "" } else { "s" }, attempts, if attempts == 1 { "" } else { "s" }) }</p>
                    <div class="actions wrap">
                        <button type="button" class="button primary" onclick={choose(true)} data-testid="import-merge">{ "Merge" }</button>
                        <button type="button" class="button danger" onclick={choose(false)} data-testid="import-replace">{ "Replace" }</button>
                        <button type="button" class="button" onclick={cancel} data-testid="import-cancel">{ "Cancel" }</button>
                    </div>
                </div>
            }
        }
    };
    let export = env::emit_on_click(&props.on_export, ());
    let ask_reset = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_: MouseEvent| confirm_reset.set(true))
    };
    let do_reset = {
        let (confirm_reset, on_reset) = (confirm_reset.clone(), props.on_reset.clone());
        Callback::from(move |_: MouseEvent| {
            confirm_reset.set(false);
            on_reset.emit(());
        })
    };
    let keep = {
        let confirm_reset = confirm_reset.clone();
        Callback::from(move |_: MouseEvent| confirm_reset.set(false))
    };
    html! {
        <section class="screen stats" aria-labelledby="stats-title" data-testid="stats">
            <h1 id="stats-title">{ "Your progress" }</h1>
            <div class="grid-2">
                <section class="card" aria-labelledby="states-title">
                    <h2 id="states-title">{ "Cards by state" }</h2>
                    <p class="state-line" data-testid="state-counts">
                        <span class="st new">{ format!("{} new", c.new) }</span>
                        <span class="st learning">{ format!("{} learning", c.learning) }</span>
                        <span class="st review">{ format!("{} in review", c.review) }</span>
                    </p>
                    <svg class="stack" viewBox="0 0 100 10" preserveAspectRatio="none" role="img"
                        aria-label={format!("{} new, {} learning, {} in review", c.new, c.learning, c.review)}>
                        <rect class="st-new" x="0" y="0" height="10" width={(c.new * 100 / total).to_string()} />
                        <rect class="st-learning" x={(c.new * 100 / total).to_string()} y="0" height="10" width={(c.learning * 100 / total).to_string()} />
                        <rect class="st-review" x={((c.new + c.learning) * 100 / total).to_string()} y="0" height="10" width={(100 - (c.new + c.learning) * 100 / total).to_string()} />
                    </svg>
                    <dl class="glossary state-key" data-testid="state-key">
                        { words(&WORDS[..3]) }
                    </dl>
                </section>
                <section class="card" aria-labelledby="forecast-title">
                    <h2 id="forecast-title">{ "Due in the next 7 days" }</h2>
                    if props.forecast.iter().all(|&n| n == 0) {
                        <p class="muted empty-chart" data-testid="forecast-empty">{ "No reviews due this week. Study some cards and their next reviews show up here." }</p>
                    } else {
                        { columns(&props.forecast, &labels, "Cards due per day") }
                    }
                </section>
            </div>
            <section class="card" aria-labelledby="acc-title">
                <h2 id="acc-title">{ "Scores over time" }</h2>
                { history_chart(&props.history, props.pass_mark, props.clock.utc_offset_ms) }
            </section>
            <section class="card" aria-labelledby="keep-title">
                <h2 id="keep-title">{ "Keep your progress" }</h2>
                <p class="muted" data-testid="storage-note">{ &props.storage_note }</p>
                <div class="actions wrap">
                    <button type="button" class="button" onclick={export} data-testid="export">{ icon(Icon::Download) }{ "Export progress" }</button>
                    <label class="button file-button">
                        { icon(Icon::Upload) }{ "Import progress" }
                        <input type="file" accept="application/json,.json" class="visually-hidden-input" onchange={on_file} data-testid="import-file" />
                    </label>
                    <button type="button" class="button danger" onclick={ask_reset} data-testid="reset">{ icon(Icon::Trash) }{ "Reset progress" }</button>
                </div>
                { import_panel }
                if *confirm_reset {
                    <div class="confirm" role="alertdialog" aria-labelledby="reset-q" data-testid="reset-confirm">
                        <p id="reset-q">{ "Erase all flashcard schedules and quiz history in this browser? Export first if you may want them back. (How many quiz attempts you started is kept, so a trainer's limit still holds.)" }</p>
                        <div class="actions wrap">
                            <button type="button" class="button danger" onclick={do_reset} data-testid="reset-yes">{ "Erase everything" }</button>
                            <button type="button" class="button" onclick={keep} data-testid="reset-no">{ "Keep my progress" }</button>
                        </div>
                    </div>
                }
            </section>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn forecast_labels() {
        // Day 19_657 is Friday 2023-10-27.
        for (offset, want) in [(0, "Today"), (1, "Sat"), (2, "Sun"), (3, "Mon"), (6, "Thu"), (7, "Fri")] {
            assert_eq!(super::day_label(offset, 19_657), want, "offset {offset}");
        }
        assert_eq!(super::day_label(1, -1), "Thu", "the day before the epoch");
    }
}
