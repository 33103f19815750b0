//! Dismissible notices: ignored URL parameters, storage problems, and similar.

use super::icons::{icon, Icon};
use std::rc::Rc;
use yew::prelude::*;

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
}

/// One notice. `id` is stable (such as `param-n` or `storage`), so dismissing survives re-renders.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub id: AttrValue,
    pub level: Level,
    pub text: AttrValue,
    /// An optional action button: its label and the id emitted when pressed.
    pub action: Option<(AttrValue, AttrValue)>,
}

pub struct NoticesProps {
    pub notices: Rc<[Notice]>,
    pub on_dismiss: Callback<AttrValue>,
    pub on_action: Callback<AttrValue>,
}

pub fn notices(props: NoticesProps) -> Html {
    // The region exists even when empty so that notices added later are announced.
    let items = props.notices.iter().map(|n| {
        let (on_dismiss, id) = (props.on_dismiss.clone(), n.id.clone());
        let dismiss = Callback::from(move |_: MouseEvent| on_dismiss.emit(id.clone()));
        let action = n.action.clone().map(|(label, action_id)| {
            let on_action = props.on_action.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_action.emit(action_id.clone()));
            html! { <button type="button" class="button small" {onclick} data-testid={format!("notice-action-{}", n.id)}>{ label }</button> }
        });
        let level = if n.level == Level::Warning { "warning" } else { "info" };
        html! {
            <li key={n.id.to_string()} class={classes!("notice", level)} data-testid={format!("notice-{}", n.id)}>
                { icon(if n.level == Level::Warning { Icon::Warning } else { Icon::Info }) }
                <p>{ &n.text }</p>
                { for action }
                <button type="button" class="icon-button small" onclick={dismiss} aria-label="Dismiss this notice"
                    data-testid={format!("dismiss-{}", n.id)}>{ icon(Icon::Cross) }</button>
            </li>
        }
    });
    html! {
        <div class="notices" role="status" aria-live="polite" data-testid="notices">
            if !props.notices.is_empty() { <ul>{ for items }</ul> }
        </div>
    }
}
