//! The answer buttons: one per category, with icon, label and keyboard shortcuts.

use super::icons::category_icon;
use crate::core::deck::{Deck, Tag};
use std::rc::Rc;
use yew::prelude::*;

/// What the answer buttons show and do.
pub struct TagPickerProps {
    pub deck: Rc<Deck>,
    /// The question this group answers (visible, and the group's accessible name).
    pub prompt: AttrValue,
    /// The tag the learner picked, once answered.
    pub picked: Option<Tag>,
    /// The correct tag, shown once answered.
    pub truth: Option<Tag>,
    pub shortcuts: bool,
    pub on_pick: Callback<Tag>,
}

/// Renders the answer buttons. A plain function rather than a component: it has no state.
pub fn tag_picker(props: TagPickerProps) -> Html {
    let answered = props.picked.is_some();
    let prompt_id = "tag-prompt";
    let buttons = props.deck.categories.iter().enumerate().map(|(i, cat)| {
        let tag = Tag(i as u8);
        let on_pick = props.on_pick.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_pick.emit(tag));
        let is_truth = answered && props.truth == Some(tag);
        let is_wrong_pick = answered && props.picked == Some(tag) && !is_truth;
        let class = classes!(
            "tag-button",
            format!("cat-{}", i.min(5)),
            is_truth.then_some("is-truth"),
            is_wrong_pick.then_some("is-wrong"),
            (answered && !is_truth && !is_wrong_pick).then_some("is-faded"),
        );
        let keys = if props.shortcuts && !answered {
            let letter = cat.letter.map(|c| c.to_ascii_uppercase().to_string());
            html! {
                <span class="keys" aria-hidden="true">
                    <kbd>{ i + 1 }</kbd>
                    if let Some(l) = letter { <kbd>{ l }</kbd> }
                </span>
            }
        } else {
            html! {}
        };
        let marker = if is_truth {
            html! { <span class="marker">{ "Correct answer" }</span> }
        } else if is_wrong_pick {
            html! { <span class="marker">{ "Your answer" }</span> }
        } else {
            html! {}
        };
        html! {
            <button type="button" key={cat.id.clone()} {class} {onclick} disabled={answered}
                data-testid={format!("tag-{}", cat.id)} data-tag={cat.id.clone()}
                aria-keyshortcuts={props.shortcuts.then(|| format!("{} {}", i + 1, cat.letter.map(|c| c.to_ascii_uppercase().to_string()).unwrap_or_default()).trim().to_string())}>
                { category_icon(&props.deck, i) }
                <span class="tag-label">{ &cat.label }</span>
                { marker }
                { keys }
            </button>
        }
    });
    html! {
        <div class="tag-picker" role="group" aria-labelledby={prompt_id} data-testid="tag-picker">
            <p class="tag-prompt" id={prompt_id}>{ &props.prompt }</p>
            <div class={classes!("tag-buttons", format!("n{}", props.deck.categories.len()))}>
                { for buttons }
            </div>
        </div>
    }
}
