//! The quiz start screen: choose a length and start, or resume.

use super::icons::{icon, Icon};
use crate::core::deck::Deck;
use crate::core::progress::Attempt;
use crate::core::quiz::{length_choices, Length};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuizStartProps {
    pub deck: Rc<Deck>,
    /// Statements available after any category filter.
    pub available: usize,
    /// A length asked for by the URL, offered and preselected.
    #[prop_or_default]
    pub requested: Option<usize>,
    /// A seed from the URL: the order is then fixed.
    #[prop_or_default]
    pub seed: Option<u64>,
    /// The one length the trainer allows (a locked plan): no choice is offered.
    #[prop_or_default]
    pub fixed: Option<Length>,
    /// Where the learner stands with a limit on attempts ("Attempt 2 of 3").
    #[prop_or_default]
    pub attempts: Option<AttrValue>,
    /// Which attempt counts, when the trainer chose.
    #[prop_or_default]
    pub grade_note: Option<AttrValue>,
    pub pass_mark: u8,
    /// False when no attempt is left.
    #[prop_or(true)]
    pub can_start: bool,
    #[prop_or_default]
    pub best: Option<Attempt>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_start: Callback<Length>,
}

#[component]
pub fn QuizStart(props: &QuizStartProps) -> Html {
    let available = props.available;
    let (offered, initial) = length_choices(available, props.requested);
    let chosen = use_state(|| initial);
    let radios = offered.iter().map(|len| {
        let (value, label) = match len {
            Length::Count(n) => (n.to_string(), format!("{n} statements")),
            Length::All => ("all".to_string(), format!("All {available}")),
        };
        let chosen_setter = chosen.clone();
        let len = *len;
        let onchange = Callback::from(move |_: Event| chosen_setter.set(len));
        html! {
            <label class="choice" key={value.clone()}>
                <input type="radio" name="length" value={value.clone()} checked={*chosen == len} {onchange}
                    data-testid={format!("length-{value}")} />
                <span>{ label }</span>
            </label>
        }
    });
    let on_start = props.on_start.clone();
    let chosen_now = props.fixed.unwrap_or(*chosen);
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        on_start.emit(chosen_now);
    });
    let fixed = props.fixed.map(|len| match len {
        Length::Count(n) if n < available => format!("{n} statements, set by your trainer"),
        _ => format!("All {available} statements, set by your trainer"),
    });
    html! {
        <section class="screen quiz-start" aria-labelledby="start-title" data-testid="quiz-start">
            <h1 id="start-title">{ "Quiz" }</h1>
            <p class="lead">
                { "Read each statement and tag it " }{ category_list(&props.deck) }
                { ". You see the answer, the reason and the article's words after every question. There is no timer." }
            </p>
            if let Some(err) = &props.error {
                <p class="inline-error" role="alert" data-testid="start-error">{ icon(Icon::Warning) }{ err }</p>
            }
            <form class="card start-form" {onsubmit}>
                if let Some(fixed) = fixed {
                    <p class="fixed-length" data-testid="fixed-length">{ fixed }</p>
                } else {
                    <fieldset>
                        <legend>{ "How many statements?" }</legend>
                        <div class="choices">{ for radios }</div>
                    </fieldset>
                }
                <ul class="facts">
                    <li>{ format!("Pass mark {}%", props.pass_mark) }</li>
                    if let Some(seed) = props.seed { <li data-testid="seed-note">{ format!("Fixed order (seed {seed})") }</li> }
                    if let Some(a) = &props.attempts { <li data-testid="attempts-note">{ a }</li> }
                    if let Some(g) = &props.grade_note { <li data-testid="grade-note">{ g }</li> }
                    if let Some(b) = props.best {
                        <li>{ format!("Your best: {} / {}", b.correct, b.total) }</li>
                    }
                </ul>
                // With no attempt left, the error says why and there is nothing to press in vain.
                if props.can_start {
                    <button type="submit" class="button primary big" data-testid="start-quiz">
                        { "Start quiz" }{ icon(Icon::Arrow) }
                    </button>
                }
            </form>
        </section>
    }
}

/// "DevOps, Platform or Both" for any deck.
pub fn category_list(deck: &Deck) -> String {
    let labels: Vec<&str> = deck.categories.iter().map(|c| c.label.as_str()).collect();
    match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {}", rest.join(", "), last),
        Some((last, _)) => last.to_string(),
        None => String::new(),
    }
}
