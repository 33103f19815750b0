//! One flashcard: the statement on the front; the statement again with its tag, reason and quote
//! on the back, so the question stays in sight with its answer, as Anki shows it. It flips in
//! 3D, or cross-fades when the learner prefers reduced motion (see the stylesheet). The face that
//! is turned away is inert, so neither the keyboard nor a screen reader can reach it.
//!
//! The back's actions (the grades, or "Next card") stick to the bottom of the screen while the
//! back is taller than it, so a phone never needs a scroll to answer; and a back whose top would
//! be above the screen (the learner scrolled down to answer) is brought into view.

use super::feedback::{tag_chip, why_not};
use super::icons::{icon, Icon};
use super::quote::quote;
use super::tag_picker::{tag_picker, TagPickerProps};
use crate::core::cards::{Grade, Mode};
use crate::core::dates::Span;
use crate::core::deck::{Deck, Tag};
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FlashcardProps {
    pub deck: Rc<Deck>,
    /// The statement on the card (a deck index).
    pub card: usize,
    /// Whether the back is showing.
    pub flipped: bool,
    /// Answer-first: the tag picked before flipping.
    #[prop_or_default]
    pub picked: Option<Tag>,
    pub mode: Mode,
    /// How long each grade would put the card away for, in ms (Again, Hard, Good, Easy).
    pub previews: [i64; 4],
    pub shortcuts: bool,
    pub on_flip: Callback<()>,
    pub on_pick: Callback<Tag>,
    pub on_grade: Callback<Grade>,
    pub on_next: Callback<()>,
}

#[component]
pub fn Flashcard(props: &FlashcardProps) -> Html {
    let front_ref = use_node_ref();
    let back_ref = use_node_ref();
    // Focus follows the face that is showing.
    let face = if props.flipped { &back_ref } else { &front_ref };
    env::use_focus_on((props.card, props.flipped as usize), face);
    let back_face = use_node_ref();
    {
        let back_face = back_face.clone();
        let flipped = props.flipped;
        use_effect_with((props.card, flipped), move |_| {
            if flipped {
                env::reveal_top(&back_face);
            }
        });
    }
    let deck = &props.deck;
    let Some(s) = deck.statements.get(props.card) else {
        return html! {};
    };
    let flipped = props.flipped;
    let flip = env::emit_on_click(&props.on_flip, ());
    let front_action = if props.mode == Mode::AnswerFirst {
        html! {
            { tag_picker(TagPickerProps {
                deck: deck.clone(),
                prompt: format!("{} Answer, then see the back.", deck.prompt()).into(),
                picked: None,
                truth: None,
                shortcuts: props.shortcuts,
                on_pick: props.on_pick.clone(),
            }) }
        }
    } else {
        html! {}
    };
    let result = props.picked.map(|p| {
        let right = p == s.tag;
        html! {
            <p class={classes!("card-verdict", if right { "right" } else { "wrong" })} data-testid="card-verdict">
                { icon(if right { Icon::Check } else { Icon::Cross }) }
                { if right { "Correct \u{2013} counted as Good" } else { "Not quite \u{2013} counted as Again" } }
            </p>
        }
    });
    let back_actions = if props.picked.is_some() {
        let onclick = env::emit_on_click(&props.on_next, ());
        html! {
            <div class="actions">
                <button type="button" class="button primary" {onclick} data-testid="next-card">
                    { "Next card" }{ icon(Icon::Arrow) }
                    if props.shortcuts { <kbd aria-hidden="true">{ "Enter" }</kbd> }
                </button>
            </div>
        }
    } else {
        let grades = Grade::ALL.iter().enumerate().map(|(i, &g)| {
            let on_grade = props.on_grade.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_grade.emit(g));
            let when = Span::of(props.previews[i]);
            html! {
                <button type="button" key={g.label()} class={classes!("grade", format!("grade-{}", g.label().to_ascii_lowercase()))}
                    {onclick} data-testid={format!("grade-{}", g.label().to_ascii_lowercase())}
                    aria-label={format!("{}, see again in {}", g.label(), when.long())}>
                    <span class="grade-label">{ g.label() }</span>
                    <span class="grade-when">{ when.short() }</span>
                    if props.shortcuts { <kbd aria-hidden="true">{ i + 1 }</kbd> }
                </button>
            }
        });
        html! {
            <div class="grades" role="group" aria-labelledby="grade-prompt">
                <p id="grade-prompt" class="tag-prompt">{ "How well did you know it?" }</p>
                <div class="grade-buttons">{ for grades }</div>
            </div>
        }
    };
    html! {
        <div class={classes!("flashcard", flipped.then_some("flipped"))} data-testid="flashcard" data-face={if flipped { "back" } else { "front" }}>
            <div class="face front" inert={flipped} aria-hidden={flipped.then_some("true")}>
                <p class="eyebrow">{ "Front \u{b7} statement" }</p>
                <p class="statement" tabindex="-1" ref={front_ref} data-testid="card-front">{ &s.text }</p>
                { front_action }
                <div class="actions">
                    <button type="button" class="button" onclick={flip} data-testid="flip"
                        aria-keyshortcuts={props.shortcuts.then_some("Space")}>
                        { icon(Icon::Flip) }{ "Show answer" }
                        if props.shortcuts { <kbd aria-hidden="true">{ "Space" }</kbd> }
                    </button>
                </div>
            </div>
            <div class="face back" inert={!flipped} aria-hidden={(!flipped).then_some("true")} ref={back_face}>
                <p class="eyebrow">{ "Back \u{b7} answer" }</p>
                <p class="card-question" data-testid="card-question">{ &s.text }</p>
                <h2 class="card-tag" tabindex="-1" ref={back_ref} data-testid="card-back">{ tag_chip(deck, s.tag) }</h2>
                { for result }
                if let Some(p) = props.picked { { why_not(deck, s, p) } }
                <p class="explanation">{ &s.explanation }</p>
                { quote(s, deck) }
                <div class="card-actions" data-testid="card-actions">{ back_actions }</div>
            </div>
        </div>
    }
}
