//! Dismissible notices: ignored URL parameters, storage problems, and similar. Which notices
//! exist and what they say is decided in `core::notices`; this only draws them.

use super::icons::{icon, Icon};
use crate::core::notices::{Level, Notice, NoticeAction, NoticeId};
use std::rc::Rc;
use yew::prelude::*;

pub struct NoticesProps {
    pub notices: Rc<[Notice]>,
    pub on_dismiss: Callback<NoticeId>,
    pub on_action: Callback<NoticeAction>,
}

pub fn notices(props: NoticesProps) -> Html {
    // The region exists even when empty so that notices added later are announced.
    let items = props.notices.iter().map(|n| {
        let key = n.id.key();
        let (on_dismiss, id) = (props.on_dismiss.clone(), n.id);
        let dismiss = Callback::from(move |_: MouseEvent| on_dismiss.emit(id));
        let action = n.action.map(|(label, action)| {
            let on_action = props.on_action.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_action.emit(action));
            html! { <button type="button" class="button small" {onclick} data-testid={format!("notice-action-{key}")}>{ label }</button> }
        });
        let (level, glyph) = match n.level {
            Level::Warning => ("warning", Icon::Warning),
            Level::Info => ("info", Icon::Info),
        };
        html! {
            <li key={key.clone()} class={classes!("notice", level)} data-testid={format!("notice-{key}")}>
                { icon(glyph) }
                <p>{ &n.text }</p>
                { for action }
                <button type="button" class="icon-button small" onclick={dismiss} aria-label="Dismiss this notice"
                    data-testid={format!("dismiss-{key}")}>{ icon(Icon::Cross) }</button>
            </li>
        }
    });
    html! {
        <div class="notices" role="status" aria-live="polite" data-testid="notices">
            if !props.notices.is_empty() { <ul>{ for items }</ul> }
        </div>
    }
}
