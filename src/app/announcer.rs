//! `use_announcer`: what screen-reader users hear, through one polite live region.
//!
//! The core decides the words (see `core::learner`'s announcements); this hook only holds the
//! latest sentence for the region that `App` renders.

use yew::prelude::*;

/// The latest announcement, and a way to make one.
#[derive(Clone, PartialEq)]
pub struct UseAnnouncerHandle {
    text: UseStateHandle<AttrValue>,
}

impl UseAnnouncerHandle {
    /// Says `text`. Saying the same words again re-renders the region, as a new answer should.
    pub fn say(&self, text: &str) {
        self.text.set(AttrValue::from(text.to_string()));
    }

    pub fn text(&self) -> AttrValue {
        (*self.text).clone()
    }
}

#[hook]
pub fn use_announcer() -> UseAnnouncerHandle {
    UseAnnouncerHandle {
        text: use_state(AttrValue::default),
    }
}
