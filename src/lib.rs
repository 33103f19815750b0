//! RoleCall: tag statements DevOps, Platform or Both, in a quiz or as spaced-repetition cards.
//!
//! The crate is split into a pure core and a thin shell:
//!
//! - [`core`] holds every rule of the app (decks, quiz, scheduling, storage format, URL
//!   configuration, host messages) as plain Rust with no browser imports, tested on the host.
//! - [`web`] is the small impure layer over the browser: storage, clock, randomness, messaging.
//! - [`components`] are Yew components: props in, callbacks out.
//! - [`app`] is the root component: it owns the state, wires callbacks and picks the screen.

pub mod app;
pub mod components;
pub mod core;
pub mod studio;
pub mod web;

use std::rc::Rc;

/// Starts the learner's app in the page's `<body>`.
pub fn run() {
    start("./sw.js", |deck| {
        let props = app::AppProps {
            builtin: deck,
            lms: None,
        };
        // Only the build for LMS launches has a connection to make first.
        #[cfg(feature = "lms")]
        yew::Renderer::<app::Root>::with_props(props).render();
        #[cfg(not(feature = "lms"))]
        yew::Renderer::<app::App>::with_props(props).render();
    });
}

/// What both pages do first: the error panel, the test hooks, the built-in deck; then `render`
/// takes the place of the static loading shell, and the service worker is registered.
pub(crate) fn start(worker: &'static str, render: impl FnOnce(Rc<core::deck::Deck>)) {
    web::panic::install();
    test_hooks();
    // The static loading shell, or the pre-rendered first screen, from the page: the app (or the
    // error panel) takes its place before the browser paints again.
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        for id in ["boot", "prerendered"] {
            if let Some(el) = doc.get_element_by_id(id) {
                el.remove();
            }
        }
    }
    match core::deck::Deck::builtin() {
        Ok(deck) => {
            render(Rc::new(deck));
            web::offline::register(worker);
        }
        // Only a defective build can get here: the built-in deck is checked by the tests.
        Err(e) => {
            web::panic::show(&format!("RoleCall's built-in deck is damaged: {e}"));
        }
    }
}

/// Test-only hook: when the browser test harness defines `window.__rolecallTestHooks` before the
/// app starts (a page cannot do this itself under the app's CSP), the event
/// `rolecall-test-panic` makes the app panic, so tests can check the error panel.
fn test_hooks() {
    use wasm_bindgen::JsValue;
    let Some(window) = web_sys::window() else { return };
    let enabled = js_sys::Reflect::get(&window, &JsValue::from_str("__rolecallTestHooks")).is_ok_and(|v| v.is_truthy());
    if enabled {
        gloo::events::EventListener::new(&window, "rolecall-test-panic", |_| {
            panic!("test panic requested by the browser test harness");
        })
        .forget();
    }
}
