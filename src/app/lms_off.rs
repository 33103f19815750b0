//! The plain app's stand-in for the LMS run-time (`app::lms`, built with feature `lms`): the
//! same interface, and no way to connect. [`Lms`] has no values, so every use of one is
//! unreachable and none of the run-time, or the core's SCORM, cmi5 and suspend-data code, ends
//! up in the plain app's wasm. The page loads the other build when an LMS launched it.

use crate::core::cmi5::LaunchParams;
use crate::core::deck::Deck;
use crate::core::progress::{DeckProgress, Progress};
use crate::core::quiz::Quiz;
use crate::core::suspend::Suspended;
use std::rc::Rc;
use yew::prelude::*;

/// A connection to an LMS: never made in this build.
#[derive(PartialEq)]
pub enum Lms {}

/// What the page was launched from: here, never an LMS.
pub enum Launch {
    None,
    Ready(Rc<Lms>),
    Cmi5(LaunchParams),
}

pub fn connect() -> Launch {
    Launch::None
}

pub async fn connect_cmi5(_: LaunchParams) -> Rc<Lms> {
    unreachable!("the plain app never finds a cmi5 launch")
}

impl Lms {
    pub fn launch_query(&self) -> &str {
        match *self {}
    }
    pub fn label(&self) -> Option<&'static str> {
        match *self {}
    }
    pub fn problems(&self) -> Vec<String> {
        match *self {}
    }
    pub fn has_ended(&self) -> bool {
        match *self {}
    }
    pub fn returns(&self) -> bool {
        match *self {}
    }
    pub fn take_suspended(&self, _: &Deck) -> Option<Suspended> {
        match *self {}
    }
    pub fn merge_into(&self, _: &Deck, _: &mut Progress) {
        match *self {}
    }
    pub fn save(&self, _: &Deck, _: Option<&DeckProgress>) {
        match *self {}
    }
    pub fn answered(self: &Rc<Self>, _: &Deck, _: &Quiz, _: usize, _: impl FnOnce() -> Option<String>) {
        match **self {}
    }
    pub fn finished(self: &Rc<Self>, _: &Quiz) {
        match **self {}
    }
    pub fn end(self: &Rc<Self>, _: bool) {
        match **self {}
    }
}

/// Nothing to listen to.
#[hook]
pub fn use_lms(lms: &Option<Rc<Lms>>) {
    let _ = lms;
}
