//! Feedback after an answer: right or wrong in icon, words and colour; the correct tag; why;
//! and the supporting quote.

use super::icons::{category_icon, icon, Icon};
use super::quote::quote;
use crate::core::deck::{Deck, Statement, Tag};
use crate::core::quiz::Answer;
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

/// What the feedback shows and does.
pub struct FeedbackProps {
    pub deck: Rc<Deck>,
    /// Index of the statement answered.
    pub statement: usize,
    pub answer: Answer,
    /// Whether this was the last question (the button then leads to the results).
    pub last: bool,
    pub shortcuts: bool,
    pub on_next: Callback<()>,
    /// The Next button, which the quiz view focuses when the feedback appears.
    pub next_ref: NodeRef,
}

/// "DevOps" with its icon, for a tag.
pub fn tag_chip(deck: &Deck, tag: Tag) -> Html {
    let label = deck.category(tag).map(|c| c.label.clone()).unwrap_or_default();
    html! {
        <span class={classes!("chip", format!("cat-{}", tag.index().min(5)))}>
            { category_icon(deck, tag.index()) }{ label }
        </span>
    }
}

/// "Why not Platform?" and the deck's sentence on why that answer is tempting but wrong, for a
/// learner who answered `picked`; nothing when the deck has no sentence for it, which is always
/// so for the right answer (a deck holds none for a statement's own tag).
pub fn why_not(deck: &Deck, statement: &Statement, picked: Tag) -> Html {
    match statement.if_wrong(picked) {
        Some(sentence) => html! {
            <p class="why-not" data-testid="why-not">
                <strong>{ format!("Why not {}?", deck.label(picked)) }</strong>{ " " }{ sentence }
            </p>
        },
        None => html! {},
    }
}

/// Renders the feedback. A plain function rather than a component (each component is its own
/// few KB of wasm); the quiz view holds the hook that focuses Next.
pub fn feedback(props: FeedbackProps) -> Html {
    let next_ref = props.next_ref.clone();
    let Some(statement) = props.deck.statements.get(props.statement) else {
        return html! {};
    };
    let a = props.answer;
    let (verdict_class, verdict_icon, verdict) = if a.correct {
        ("right", Icon::Check, "Correct")
    } else {
        ("wrong", Icon::Cross, "Not quite")
    };
    let onclick = env::emit_on_click(&props.on_next, ());
    let next_label = if props.last { "See results" } else { "Next question" };
    html! {
        <section class={classes!("feedback", verdict_class)} data-testid="feedback" aria-labelledby="feedback-title">
            <h2 class="verdict" id="feedback-title">
                <span class="verdict-icon">{ icon(verdict_icon) }</span>
                <span data-testid="verdict">{ verdict }</span>
            </h2>
            <p class="answer-line" data-testid="correct-tag">
                { "The answer is " }{ tag_chip(&props.deck, statement.tag) }
                if !a.correct {
                    <span class="you-said">{ "You said " }{ tag_chip(&props.deck, a.picked) }</span>
                }
            </p>
            { why_not(&props.deck, statement, a.picked) }
            <p class="explanation" data-testid="explanation">{ &statement.explanation }</p>
            { quote(statement, &props.deck) }
            <div class="actions">
                <button type="button" class="button primary" ref={next_ref} {onclick} data-testid="next"
                    aria-keyshortcuts={props.shortcuts.then_some("Enter")}>
                    { next_label }{ icon(Icon::Arrow) }
                    if props.shortcuts { <kbd aria-hidden="true">{ "Enter" }</kbd> }
                </button>
            </div>
        </section>
    }
}
