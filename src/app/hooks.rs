//! Custom hooks for the root component: each wraps one browser subscription and cleans it up.

use crate::core::config::{EmbedConfig, Notice as ParamNotice, Route};
use crate::web::env;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The route and URL configuration, kept in step with the location hash.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    pub route: Route,
    pub config: EmbedConfig,
    pub notices: Rc<[ParamNotice]>,
}

impl Location {
    /// Reads the current location. With no hash route, an embed's `mode` picks the start screen.
    pub fn read() -> Location {
        let (search, hash) = env::location_parts();
        let (route, hash_query) = Route::parse(&hash);
        let (config, notices) = EmbedConfig::from_query(&search, hash_query);
        let bare = hash.trim_start_matches('#').trim_start_matches('/').is_empty();
        let route = match (bare, config.mode) {
            (true, Some(crate::core::config::Mode::Cards)) => Route::Cards,
            (true, Some(crate::core::config::Mode::Quiz)) => Route::Quiz,
            (true, None) if config.embed => Route::Quiz,
            _ => route,
        };
        Location {
            route,
            config,
            notices: notices.into(),
        }
    }
}

/// The location, updated on every `hashchange` (links, the back button, typed URLs).
#[hook]
pub fn use_location() -> UseStateHandle<Location> {
    let location = use_state(Location::read);
    {
        let location = location.clone();
        use_effect_with((), move |_| {
            let listener = env::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    location.set(Location::read());
                })
            });
            move || drop(listener)
        });
    }
    location
}

/// Calls `handler` on every `keydown` on the document, without re-subscribing on each render:
/// the handler is kept in a cell that each render refreshes.
#[hook]
pub fn use_keydown(handler: Callback<web_sys::KeyboardEvent>) {
    let slot = use_mut_ref(|| handler.clone());
    *slot.borrow_mut() = handler;
    use_effect_with((), move |_| {
        let slot: Rc<RefCell<Callback<web_sys::KeyboardEvent>>> = slot;
        let listener = env::window().and_then(|w| w.document()).map(|doc| {
            // Not passive: Space on a flashcard must not also scroll the page.
            EventListener::new_with_options(
                &doc,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    if let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                        let cb = slot.borrow().clone();
                        cb.emit(k.clone());
                    }
                },
            )
        });
        move || drop(listener)
    });
}
