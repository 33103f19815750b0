//! The flashcards screen: today's queue and settings, then the study session.

use super::flashcard::Flashcard;
use super::icons::{icon, Icon};
use crate::core::cards::{preview, Clock, Grade, Study, StudyPhase, Today, MAX_NEW_PER_DAY, WORDS};
use crate::core::config::Route;
use crate::core::dates::Span;
use crate::core::deck::{Deck, Tag};
use crate::core::progress::{DeckProgress, Settings};
use crate::core::text::count;
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

pub struct CardsViewProps {
    pub deck: Rc<Deck>,
    pub study: Option<Rc<Study>>,
    pub progress: Rc<DeckProgress>,
    pub settings: Rc<Settings>,
    pub clock: Clock,
    pub shortcuts: bool,
    pub on_start: Callback<()>,
    /// Study cards that are not due yet, soonest first.
    pub on_study_ahead: Callback<()>,
    /// Study new cards beyond today's limit.
    pub on_learn_more: Callback<()>,
    pub on_end: Callback<()>,
    pub on_settings: Callback<Settings>,
    pub on_flip: Callback<()>,
    pub on_pick: Callback<Tag>,
    pub on_grade: Callback<Grade>,
    pub on_next: Callback<()>,
    /// False when the learner is kept in flashcards (a locked embed): no links to other screens.
    pub can_leave: bool,
}

fn next_due_text(today: &Today, now: i64) -> String {
    match today.next_due_ms {
        Some(t) => format!("Next card due in {}", Span::of(t - now).long()),
        None => "No cards studied yet".to_string(),
    }
}

pub fn cards_view(props: CardsViewProps) -> Html {
    let deck = &props.deck;
    let today = props
        .progress
        .cards
        .today(deck, props.settings.new_per_day, props.clock);
    match props.study.as_deref() {
        Some(study) if study.phase != StudyPhase::Done => study_view(&props, study),
        Some(study) => done_view(&props, study, &today),
        None => home_view(&props, &today),
    }
}

fn home_view(props: &CardsViewProps, today: &Today) -> Html {
    let settings = (*props.settings).clone();
    let on_settings = props.on_settings.clone();
    let set_mode = {
        let settings = settings.clone();
        let on_settings = on_settings.clone();
        Callback::from(move |e: Event| {
            let answer_first = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value() == "answer-first")
                .unwrap_or(false);
            on_settings.emit(Settings {
                answer_first,
                ..settings.clone()
            });
        })
    };
    // On every keystroke, not on leaving the field: the counts above follow as the learner types.
    let set_new = {
        let settings = settings.clone();
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Ok(n) = input.value().trim().parse::<u32>() {
                on_settings.emit(Settings {
                    new_per_day: n.min(MAX_NEW_PER_DAY),
                    ..settings.clone()
                });
            }
        })
    };
    let start = env::emit_on_click(&props.on_start, ());
    // Open for a learner who has not studied yet; closed once they know the words.
    let first_time = props.progress.cards.cards.is_empty();
    html! {
        <section class="screen cards-home" aria-labelledby="cards-title" data-testid="cards-home">
            <h1 id="cards-title">{ "Flashcards" }</h1>
            <p class="lead">{ "Spaced repetition: each card comes back just before you would forget it. Cards you miss return in a few minutes." }</p>
            <div class="stat-tiles" data-testid="cards-today">
                <div class="tile"><span class="tile-figure" data-testid="due-count">{ today.due }</span>
                    <span class="tile-label">{ if today.due == 1 { "card due" } else { "cards due" } }</span></div>
                <div class="tile"><span class="tile-figure" data-testid="new-count">{ today.new_available }</span>
                    <span class="tile-label">{ if today.new_available == 1 { "new card today" } else { "new cards today" } }</span></div>
                <div class="tile wide"><span class="tile-label" data-testid="next-due">{ icon(Icon::Clock) }{ next_due_text(today, props.clock.now_ms) }</span></div>
            </div>
            <details class="glossary" open={first_time} data-testid="glossary">
                <summary>{ "What \u{201c}due\u{201d}, \u{201c}new\u{201d}, \u{201c}learning\u{201d} and \u{201c}review\u{201d} mean" }</summary>
                <dl>{ words(&WORDS) }</dl>
            </details>
            <div class="card settings-form">
                <fieldset>
                    <legend>{ "How to answer" }</legend>
                    <label class="choice">
                        <input type="radio" name="study-mode" value="self-grade" checked={!settings.answer_first} onchange={set_mode.clone()} data-testid="mode-self" />
                        <span><strong>{ "Flip and grade yourself" }</strong>{ " \u{2013} Again, Hard, Good or Easy" }</span>
                    </label>
                    <label class="choice">
                        <input type="radio" name="study-mode" value="answer-first" checked={settings.answer_first} onchange={set_mode} data-testid="mode-answer-first" />
                        <span><strong>{ "Answer first" }</strong>{ " \u{2013} pick the tag, then flip: right counts as Good, wrong as Again" }</span>
                    </label>
                </fieldset>
                <label class="field inline">
                    <span>{ "New cards per day" }</span>
                    <input type="number" min="0" max={MAX_NEW_PER_DAY.to_string()} step="1" inputmode="numeric"
                        value={settings.new_per_day.to_string()} oninput={set_new} data-testid="new-per-day" />
                </label>
            </div>
            if today.anything() {
                <div class="actions">
                    <button type="button" class="button primary big" onclick={start} data-testid="start-study">
                        { icon(Icon::Cards) }{ "Study now" }
                    </button>
                </div>
            } else {
                { go_on_view(props, today, settings.new_per_day) }
            }
        </section>
    }
}

/// The entries of a list of flashcard words and what they mean (`cards::WORDS`), for a `<dl>`:
/// the flashcards screen explains them all, the Progress screen's key the card states.
pub fn words(words: &[(&str, &str)]) -> Html {
    words
        .iter()
        .map(|(word, meaning)| html! { <div key={*word}><dt>{ *word }</dt><dd>{ *meaning }</dd></div> })
        .collect()
}

/// When nothing is due: study ahead, or learn more new cards than today's limit.
fn go_on_view(props: &CardsViewProps, today: &Today, new_per_day: u32) -> Html {
    let ahead = env::emit_on_click(&props.on_study_ahead, ());
    let more = env::emit_on_click(&props.on_learn_more, ());
    let limit_note = match new_per_day {
        0 => "You chose no new cards a day; this adds some anyway.".to_string(),
        n => format!(
            "Today\u{2019}s {} done; this adds more today only.",
            count(n as usize, "new card is", "new cards are")
        ),
    };
    html! {
        <div class="card go-on" data-testid="go-on">
            <h2>{ "Nothing is due now" }</h2>
            if today.ahead + today.more_new == 0 {
                <p class="muted">{ "Every card is studied and none is due. Come back when the next one is." }</p>
            } else {
                <p class="muted">{ "Cards come back when they are due. You can still go on:" }</p>
            }
            <div class="go-on-options">
                if today.ahead > 0 {
                    <div class="go-on-option">
                        <button type="button" class="button primary" onclick={ahead} data-testid="study-ahead">
                            { icon(Icon::Clock) }{ format!("Study ahead ({})", count(today.ahead, "card", "cards")) }
                        </button>
                        <p class="muted">{ "Review cards before they are due, soonest first. One you remember keeps its date or moves later; never sooner." }</p>
                    </div>
                }
                if today.more_new > 0 {
                    <div class="go-on-option">
                        <button type="button" class="button" onclick={more} data-testid="learn-more">
                            { icon(Icon::Cards) }{ format!("Learn {}", count(today.more_new, "more new card", "more new cards")) }
                        </button>
                        <p class="muted">{ limit_note }</p>
                    </div>
                }
            </div>
        </div>
    }
}

fn done_view(props: &CardsViewProps, study: &Study, today: &Today) -> Html {
    let end = env::emit_on_click(&props.on_end, ());
    html! {
        <section class="screen cards-done" aria-labelledby="done-title" data-testid="cards-done">
            <h1 id="done-title" tabindex="-1">{ "All done for now" }</h1>
            <p class="lead" data-testid="session-summary">{ study.summary() }{ " " }
                { next_due_text(today, props.clock.now_ms) }{ "." }</p>
            <div class="actions">
                <button type="button" class="button primary" onclick={end} data-testid="cards-back">{ icon(Icon::Home) }{ "Back to flashcards" }</button>
                if props.can_leave {
                    <a class="button" href={env::href(&Route::Stats)}>{ icon(Icon::Chart) }{ "See your stats" }</a>
                }
            </div>
        </section>
    }
}

fn study_view(props: &CardsViewProps, study: &Study) -> Html {
    let Some(card) = study.card() else { return html! {} };
    let deck = &props.deck;
    let (flipped, picked) = match study.phase {
        StudyPhase::Back { picked, .. } => (true, picked),
        _ => (false, None),
    };
    let prev = deck
        .statements
        .get(card)
        .and_then(|s| props.progress.cards.state(&s.id));
    let previews = preview(prev, props.clock.now_ms);
    let end = env::emit_on_click(&props.on_end, ());
    let label = match prev {
        None => "New card",
        Some(st) if st.is_learning() => "Learning",
        Some(_) => "Review",
    };
    html! {
        <section class="screen study" aria-labelledby="study-title" data-testid="study">
            <header class="quiz-head">
                <h1 id="study-title">{ "Flashcards" }</h1>
                <p class="quiz-meta">
                    <span class="pill" data-testid="card-kind">{ label }</span>
                    <span data-testid="reviewed">{ format!("{} studied", count(study.cards_studied(), "card", "cards")) }</span>
                </p>
            </header>
            <Flashcard deck={deck.clone()} {card} {flipped} {picked} mode={study.mode} {previews}
                shortcuts={props.shortcuts} on_flip={props.on_flip.clone()} on_pick={props.on_pick.clone()}
                on_grade={props.on_grade.clone()} on_next={props.on_next.clone()} />
            <p class="quiet-actions">
                <button type="button" class="link-button" onclick={end} data-testid="end-study">{ "End session" }</button>
            </p>
        </section>
    }
}
