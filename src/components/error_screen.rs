//! Error and empty screens, designed like the rest: what happened, why, and a way on.

use super::icons::{icon, Icon};
use crate::core::config::Route;
use crate::web::env;
use yew::prelude::*;

pub struct ErrorScreenProps {
    pub title: AttrValue,
    pub message: AttrValue,
    /// Extra detail (such as the list of deck problems), shown as preformatted text.
    pub detail: Option<AttrValue>,
    /// A primary action: label and callback.
    pub action: Option<(AttrValue, Callback<()>)>,
    pub testid: Option<AttrValue>,
    /// Offer the way home (not where home is not the learner's to visit).
    pub home: bool,
}

pub fn error_screen(props: ErrorScreenProps) -> Html {
    let action = props.action.clone().map(|(label, cb)| {
        let onclick = env::emit_on_click(&cb, ());
        html! { <button type="button" class="button primary" {onclick} data-testid="error-action">{ label }</button> }
    });
    html! {
        <section class="screen error-screen" aria-labelledby="error-title" data-testid={props.testid.clone().unwrap_or("error-screen".into())}>
            <div class="error-icon">{ icon(Icon::Warning) }</div>
            <h1 id="error-title">{ &props.title }</h1>
            <p class="lead" data-testid="error-message">{ &props.message }</p>
            if let Some(d) = &props.detail { <pre class="problems" data-testid="error-detail">{ d }</pre> }
            <div class="actions wrap">
                { for action }
                if props.home {
                    <a class="button" href={env::href(&Route::Home)}>{ icon(Icon::Home) }{ "Home" }</a>
                }
            </div>
        </section>
    }
}

/// A calm loading screen saying what is loading.
pub fn loading(what: &str) -> Html {
    html! {
        <section class="screen loading" aria-busy="true" data-testid="loading">
            <div class="spinner" aria-hidden="true"></div>
            <h1>{ what }</h1>
        </section>
    }
}
