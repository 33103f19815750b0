//! `use_learner`: the learner state (`core::learner::Learner`) as a Yew reducer, with its effects
//! carried out as each event happens.
//!
//! [`UseLearnerHandle::dispatch`] applies an event and, when the state changed, runs the effects
//! the core returned with it ([`Effects::run`]), before the next render. Running them right after
//! the event, rather than in a render effect, means each event's effects run exactly once, even
//! when two events land before the app re-renders. An event that changes nothing returns the same
//! `Rc`, which skips the re-render and has no effects.

use super::effects::Effects;
use crate::core::cards::Grade;
use crate::core::deck::Tag;
use crate::core::learner::{Event, Learner};
use crate::core::quiz::Action;
use crate::web::env;
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

/// The learner and a count of the changes made to it, so a dispatcher can tell whether its event
/// changed anything.
pub struct LearnerState {
    learner: Learner,
    changes: u64,
}

impl Reducible for LearnerState {
    type Action = Event;

    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        match self.learner.apply(event) {
            Some(learner) => Rc::new(LearnerState {
                learner,
                changes: self.changes + 1,
            }),
            None => self,
        }
    }
}

/// The learner, and the way to change it.
#[derive(Clone)]
pub struct UseLearnerHandle {
    state: UseReducerHandle<LearnerState>,
    effects: Effects,
}

impl UseLearnerHandle {
    /// Applies `event` and carries out its effects.
    pub fn dispatch(&self, event: Event) {
        let before = self.state.changes;
        // The reducer runs synchronously: the state read below is the one `event` made.
        self.state.dispatch(event);
        if self.state.changes != before {
            self.effects.run(&self.state.learner);
        }
    }

    /// A callback that dispatches the event `make` builds from its argument.
    pub fn callback<T: 'static>(&self, make: impl Fn(T) -> Event + 'static) -> Callback<T> {
        let this = self.clone();
        Callback::from(move |value: T| this.dispatch(make(value)))
    }
}

impl Deref for UseLearnerHandle {
    type Target = Learner;

    fn deref(&self) -> &Learner {
        &self.state.learner
    }
}

#[hook]
pub fn use_learner(init: impl FnOnce() -> Learner, effects: Effects) -> UseLearnerHandle {
    let state = use_reducer(move || LearnerState {
        learner: init(),
        changes: 0,
    });
    UseLearnerHandle { state, effects }
}

// Events that carry the browser's clock, made in one place for pointer and keyboard alike.

/// Answer the question on screen.
pub fn pick(tag: Tag) -> Event {
    Event::Quiz(Action::Pick {
        tag,
        at_ms: env::now_ms(),
    })
}

/// Move on from the feedback.
pub fn next() -> Event {
    Event::Quiz(Action::Next { at_ms: env::now_ms() })
}

/// Answer-first flashcards: pick a tag.
pub fn card_pick(tag: Tag) -> Event {
    Event::PickCard {
        tag,
        clock: env::clock(),
    }
}

pub fn grade(grade: Grade) -> Event {
    Event::Grade {
        grade,
        clock: env::clock(),
    }
}

pub fn card_next() -> Event {
    Event::NextCard { clock: env::clock() }
}
