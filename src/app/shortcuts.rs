//! `use_shortcuts`: single-key shortcuts, from one `keydown` listener on the document, which
//! also notes that a keyboard is in use (so touch screens show key hints from then on).
//!
//! Which command a key means is decided in `core::keys` from where the learner is; this hook
//! reads the key press, asks, and carries the command out. The listener is registered once. What
//! it asks about (screen, quiz, study session, help) is read from the live state at each key
//! press; each render hands it fresh handles, so they never hold on to old states.

use super::help::UseHelpHandle;
use super::learner::{self, UseLearnerHandle};
use super::location::UseLocationHandle;
use crate::core::keys::{command, Command, KeyContext, Press};
use crate::core::learner::Event;
use crate::web::env;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

#[hook]
pub fn use_shortcuts(learner: &UseLearnerHandle, location: &UseLocationHandle, help: &UseHelpHandle) {
    let (learner, location, help) = (learner.clone(), location.clone(), help.clone());
    use_keydown(Callback::from(move |e: KeyboardEvent| {
        let press = Press {
            modified: e.ctrl_key() || e.alt_key() || e.meta_key(),
            in_field: env::typing_in_field(e.target()),
            on_control: env::activates_on_enter(e.target()),
        };
        // A key pressed outside a text field means a keyboard is at hand: key hints show from now
        // on, touch screen or not. Typing in a field does not count, since on-screen keyboards
        // type there too.
        if !press.in_field {
            env::note_keyboard();
        }
        // Read at the key press, not at the last render: Yew may put a render off to a later
        // task, and a key typed the moment help closes must already find it closed.
        let cx = KeyContext::new(
            &location.route,
            learner.quiz.as_ref(),
            learner.study.as_ref(),
            learner.progress.settings.shortcuts,
            help.is_open(),
        );
        let Some(cmd) = command(&cx, &learner.deck, &e.key(), press) else {
            return;
        };
        e.prevent_default();
        let event: Event = match cmd {
            Command::Pick(tag) => learner::pick(tag),
            Command::Next => learner::next(),
            Command::Flip => Event::Flip,
            Command::CardPick(tag) => learner::card_pick(tag),
            Command::Grade(grade) => learner::grade(grade),
            Command::CardNext => learner::card_next(),
            Command::Help => return help.open(),
        };
        learner.dispatch(event);
    }));
}

/// Calls `handler` on every `keydown` on the document, without re-subscribing on each render:
/// the handler is kept in a cell that each render refreshes.
#[hook]
fn use_keydown(handler: Callback<KeyboardEvent>) {
    let slot = use_mut_ref(|| handler.clone());
    *slot.borrow_mut() = handler;
    use_effect_with((), move |_| {
        let slot: Rc<RefCell<Callback<KeyboardEvent>>> = slot;
        let listener = env::window().and_then(|w| w.document()).map(|doc| {
            // Not passive: Space on a flashcard must not also scroll the page.
            EventListener::new_with_options(
                &doc,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    if let Some(k) = e.dyn_ref::<KeyboardEvent>() {
                        let cb = slot.borrow().clone();
                        cb.emit(k.clone());
                    }
                },
            )
        });
        move || drop(listener)
    });
}
