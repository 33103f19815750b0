//! `use_location`: the screen and the URL's settings, kept in step with the location hash.
//!
//! Links, the back button and typed URLs change the hash, and the `hashchange` event brings the
//! new location here. When the app itself moves to a screen ([`UseLocationHandle::show`]), the new
//! location is taken at once, so the screen is never drawn once under the old route first.

use crate::core::config::{Location, Route};
use crate::web::env;
use gloo::events::EventListener;
use std::ops::Deref;
use yew::prelude::*;

/// The location, and a way to move to another screen.
#[derive(Clone, PartialEq)]
pub struct UseLocationHandle {
    inner: UseStateHandle<Location>,
}

impl UseLocationHandle {
    /// Goes to `route`, adding a history entry (so the back button works).
    pub fn show(&self, route: &Route) {
        env::navigate(route);
        self.inner.set(read());
    }
}

impl Deref for UseLocationHandle {
    type Target = Location;

    fn deref(&self) -> &Location {
        &self.inner
    }
}

fn read() -> Location {
    let (search, hash) = env::location_parts();
    Location::parse(&search, &hash)
}

#[hook]
pub fn use_location() -> UseLocationHandle {
    let inner = use_state_eq(read);
    {
        let inner = inner.clone();
        use_effect_with((), move |_| {
            let listener = env::window().map(|w| EventListener::new(&w, "hashchange", move |_| inner.set(read())));
            move || drop(listener)
        });
    }
    UseLocationHandle { inner }
}
