//! The results screen: score and pass/fail, accuracy per category, the confusion matrix, the
//! missed statements, what to do next, and the history of attempts.

use super::charts::{history_chart, score_bar, score_ring};
use super::feedback::{tag_chip, why_not};
use super::icons::{category_icon, icon, Icon};
use super::quote::quote;
use crate::core::deck::{Deck, Tag};
use crate::core::progress::Attempt;
use crate::core::quiz::{Quiz, QuizPlan};
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub deck: Rc<Deck>,
    pub quiz: Rc<Quiz>,
    pub history: Rc<[Attempt]>,
    #[prop_or_default]
    pub best: Option<Attempt>,
    /// False when progress cannot be kept (storage blocked).
    pub kept: bool,
    /// Where sharing the result stands, shown next to the button.
    #[prop_or_default]
    pub sharing: Sharing,
    /// The learner's UTC offset, for the dates in the history chart.
    pub utc_offset_ms: i64,
    /// What to call this quiz ("Attempt 2 of 3", "Practice"), if anything.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// How this quiz counts (practice, or which attempt the trainer counts).
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// False when the trainer's limit on attempts is reached: no new quiz is offered.
    #[prop_or(true)]
    pub can_start: bool,
    /// False when the learner is kept in the quiz (a locked embed): no flashcards.
    #[prop_or(true)]
    pub can_leave: bool,
    pub on_retry_missed: Callback<()>,
    pub on_study_missed: Callback<()>,
    pub on_new_quiz: Callback<()>,
    pub on_share: Callback<()>,
}

/// Where sharing a result stands.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Sharing {
    #[default]
    NotYet,
    /// The summary is on the clipboard.
    Copied,
    /// The clipboard refused; the summary is shown to copy by hand.
    ByHand(AttrValue),
}

impl Sharing {
    fn status(&self) -> &'static str {
        match self {
            Sharing::NotYet => "",
            Sharing::Copied => "Result copied to the clipboard.",
            Sharing::ByHand(_) => "Copying is not allowed here; copy the text below.",
        }
    }
}

fn duration_text(ms: u64) -> String {
    let s = ms / 1000;
    match (s / 60, s % 60) {
        (0, s) => format!("{s} s"),
        (m, s) => format!("{m} min {s} s"),
    }
}

fn button(label: &str, ic: Icon, testid: &'static str, primary: bool, cb: &Callback<()>) -> Html {
    let onclick = env::emit_on_click(cb, ());
    html! {
        <button type="button" class={classes!("button", primary.then_some("primary"))} {onclick} data-testid={testid}>
            { icon(ic) }{ label }
        </button>
    }
}

fn matrix_view(deck: &Deck, matrix: &[Vec<usize>]) -> Html {
    let n = deck.categories.len();
    // Shade by the count against the largest cell of the whole matrix, in five steps, so that
    // a lone 1 is paler than a 3 wherever it stands.
    let most = matrix.iter().flatten().copied().max().unwrap_or(0);
    let head = deck.categories.iter().enumerate().map(|(i, c)| {
        html! { <th scope="col" key={c.id.clone()}>{ category_icon(deck, i) }{ &c.label }</th> }
    });
    let rows = matrix.iter().enumerate().map(|(t, row)| {
        let total: usize = row.iter().sum();
        let label = deck.categories.get(t).map(|c| c.label.clone()).unwrap_or_default();
        let cells = row.iter().enumerate().map(|(p, &count)| {
            let heat = if most == 0 { 0 } else { (count * 4).div_ceil(most) };
            let class = classes!(if t == p { "diag" } else { "off" }, format!("heat-{heat}"));
            let col = deck.categories.get(p).map(|c| c.id.clone()).unwrap_or_default();
            html! { <td key={col} {class} data-testid={format!("cell-{t}-{p}")}>{ count }</td> }
        });
        html! {
            <tr key={deck.categories.get(t).map(|c| c.id.clone()).unwrap_or_default()}>
                <th scope="row">{ category_icon(deck, t) }{ label }</th>
                { for cells }
                <td class="row-total">{ total }</td>
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <table class="matrix" data-testid="matrix" data-size={n.to_string()}>
                <caption data-testid="matrix-key">
                    { "Each row is a right answer; each column, what you answered. " }
                    <span class="key-swatch right" aria-hidden="true"></span>{ "Green, on the diagonal: right. " }
                    <span class="key-swatch wrong" aria-hidden="true"></span>{ "Red: a mix-up. Darker means more often." }
                </caption>
                <colgroup>
                    <col class="matrix-rows" />
                    <col span={n.to_string()} class="matrix-cols" />
                    <col class="matrix-total" />
                </colgroup>
                <thead>
                    <tr>
                        <td></td>
                        <th scope="colgroup" colspan={n.to_string()} class="axis" data-testid="matrix-columns-axis">{ "You answered \u{2192}" }</th>
                        <td></td>
                    </tr>
                    <tr>
                        <th scope="col" class="axis corner" data-testid="matrix-rows-axis">{ "Right answer \u{2193}" }</th>
                        { for head }
                        <th scope="col">{ "Total" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let title_ref = use_node_ref();
    {
        let title_ref = title_ref.clone();
        use_effect_with(props.quiz.registration.clone(), move |_| {
            crate::web::env::focus(&title_ref)
        });
    }
    let deck = &props.deck;
    let r = props.quiz.results();
    let pass_mark = props.quiz.pass_mark;
    let pct = r.score.percent();
    let practice = !props.quiz.origin.is_attempt();
    // A sort round's results: its score counts first placements, and another round is offered.
    let sort = QuizPlan::is_sort_key(&props.quiz.plan);
    let verdict = if r.passed { "Passed" } else { "Not passed yet" };
    let per_category = r.per_category.iter().enumerate().filter(|(_, s)| s.total > 0).map(|(i, s)| {
        let label = deck.categories.get(i).map(|c| c.label.clone()).unwrap_or_default();
        html! {
            <li key={deck.categories[i].id.clone()} class={format!("cat-{}", i.min(5))} data-testid={format!("bar-{}", deck.categories[i].id)}>
                <span class="bar-label">{ category_icon(deck, i) }{ label }</span>
                { score_bar(*s) }
                <span class="bar-figure" data-testid="bar-figure">{ format!("{} / {} \u{b7} {}%", s.correct, s.total, s.percent()) }</span>
            </li>
        }
    });
    let insight = match r.worst_mix_up() {
        Some((t, p, n)) => {
            let label = |tag: Tag| deck.category(tag).map(|c| c.label.clone()).unwrap_or_default();
            format!(
                "Your most frequent mix-up: you tagged {} statements as {} {}.",
                label(t),
                label(p),
                if n == 1 {
                    "once".to_string()
                } else {
                    format!("{n} times")
                }
            )
        }
        None => "No mix-ups: every statement got its right tag.".to_string(),
    };
    let missed = r.missed.iter().filter_map(|&i| {
        let item = props.quiz.items.get(i)?;
        let answer = props.quiz.answers.get(i)?;
        let s = deck.statements.get(item.statement)?;
        Some(html! {
            <li key={s.id.to_string()} class="missed-item" data-testid="missed-item" data-id={s.id.to_string()}>
                <p class="missed-text">{ &s.text }</p>
                <p class="answer-line">{ "Answer " }{ tag_chip(deck, item.truth) }
                    <span class="you-said">{ "you said " }{ tag_chip(deck, answer.picked) }</span></p>
                { why_not(deck, s, answer.picked) }
                <p class="explanation">{ &s.explanation }</p>
                { quote(s, deck) }
            </li>
        })
    });
    let n_missed = r.missed.len();
    html! {
        <section class="screen results" aria-labelledby="results-title" data-testid="results">
            <h1 id="results-title" tabindex="-1" ref={title_ref}>{ if practice { "Practice results" } else if sort { "Sort results" } else { "Results" } }</h1>
            if sort { <p class="muted" data-testid="sort-note">{ "Each card counts where you first placed it." }</p> }
            <div class={classes!("card", "score-card", if practice { "practice" } else if r.passed { "passed" } else { "failed" })}>
                { score_ring(pct, r.passed && !practice) }
                <div>
                    if let Some(label) = &props.label {
                        <p class={classes!("pill", practice.then_some("practice"))} data-testid="results-label">{ label }</p>
                    }
                    <p class="score-big" data-testid="score">{ format!("{} of {} correct", r.score.correct, r.score.total) }</p>
                    if !practice {
                        <p class="verdict-line" data-testid="pass-verdict">
                            { icon(if r.passed { Icon::Check } else { Icon::Info }) }
                            <strong>{ verdict }</strong>{ format!(" \u{b7} {pct}% against a pass mark of {pass_mark}%") }
                        </p>
                    }
                    if let Some(note) = &props.note {
                        <p class="counting-note" data-testid="counting-note">{ note }</p>
                    }
                    <p class="muted">{ format!("Took {} \u{b7} best streak {}", duration_text(r.duration_ms), r.best_streak) }</p>
                    <div class="share-row">
                        if !practice {
                            { button("Share result", Icon::Copy, "share", false, &props.on_share) }
                        }
                        <p class="status-line" role="status" data-testid="share-status">{ props.sharing.status() }</p>
                    </div>
                    if let Sharing::ByHand(text) = &props.sharing {
                        <label class="field">
                            <span>{ "Copy this summary" }</span>
                            <textarea readonly=true rows="3" value={text.clone()} data-testid="share-text" />
                        </label>
                    }
                </div>
            </div>

            <section class="card" aria-labelledby="by-cat-title">
                <h2 id="by-cat-title">{ "Accuracy by category" }</h2>
                <ul class="bars" data-testid="category-bars">{ for per_category }</ul>
            </section>

            <section class="card" aria-labelledby="matrix-title">
                <h2 id="matrix-title">{ "What you called each statement" }</h2>
                <p class="insight" data-testid="insight">{ insight }</p>
                { matrix_view(deck, &r.matrix) }
            </section>

            <div class="actions wrap" data-testid="result-actions">
                if n_missed > 0 {
                    { button(&format!("Practise the {n_missed} missed"), Icon::Retry, "retry-missed", true, &props.on_retry_missed) }
                    if props.can_leave {
                        { button("Study missed as cards", Icon::Cards, "study-missed", false, &props.on_study_missed) }
                    }
                }
                if props.can_start {
                    { match (practice, sort) {
                        (true, _) => button("New attempt", Icon::Quiz, "new-quiz", n_missed == 0, &props.on_new_quiz),
                        (false, true) => button("New round", Icon::Sort, "new-quiz", n_missed == 0, &props.on_new_quiz),
                        (false, false) => button("New quiz", Icon::Quiz, "new-quiz", n_missed == 0, &props.on_new_quiz),
                    } }
                }
            </div>
            if !props.can_start {
                <p class="muted" data-testid="no-attempts-left">
                    { "You have used every attempt your trainer allows." }
                    if n_missed > 0 { { " You can still practise what you missed." } }
                </p>
            }

            if n_missed > 0 {
                <section class="missed" aria-labelledby="missed-title">
                    <h2 id="missed-title">{ format!("Missed statements ({n_missed})") }</h2>
                    <ol class="missed-list">{ for missed }</ol>
                </section>
            }

            <section class="card" aria-labelledby="history-title">
                <h2 id="history-title">{ "Your history" }</h2>
                if let Some(b) = props.best {
                    <p data-testid="best">{ format!("Best score: {} of {} ({}%)", b.correct, b.total,
                        crate::core::quiz::Score { correct: b.correct as usize, total: b.total as usize }.percent()) }</p>
                }
                { history_chart(&props.history, pass_mark, props.utc_offset_ms) }
                if !props.kept {
                    <p class="muted" data-testid="not-kept">{ "Results are not kept in this browser (storage is unavailable here)." }</p>
                }
            </section>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(4_000), "4 s");
        assert_eq!(duration_text(192_400), "3 min 12 s");
    }
}
