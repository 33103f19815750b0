//! `use_page`: the document around the app: colour theme, compact embed layout, and title.
//!
//! A theme from the URL (`theme=`) applies until the learner picks one; the learner's pick is a
//! setting, saved with their progress.

use super::learner::UseLearnerHandle;
use crate::core::learner::Event;
use crate::core::progress::Theme;
use crate::web::env;
use yew::prelude::*;

/// The theme in use, and a callback for the learner's pick.
#[hook]
pub fn use_theme(learner: &UseLearnerHandle, from_url: Option<Theme>) -> (Theme, Callback<Theme>) {
    let from_url = use_state_eq(move || from_url);
    let theme = from_url.unwrap_or(learner.progress.settings.theme);
    use_effect_with(theme, |t| env::apply_theme(*t));
    let on_theme = learner.callback(move |theme| {
        // The learner's own pick replaces the URL's from now on.
        from_url.set(None);
        Event::Theme(theme)
    });
    (theme, on_theme)
}

/// Marks the document for the compact embed layout and titles it after the deck.
#[hook]
pub fn use_page(embed: bool, deck_title: &str) {
    // One effect for both (each effect is its own code in the wasm): setting either again to the
    // value it already has changes nothing.
    use_effect_with((embed, deck_title.to_string()), |(embed, title)| {
        env::set_root_flag("data-embed", *embed);
        env::set_title(&format!("RoleCall: {title}"))
    });
}
