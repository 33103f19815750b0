//! Yew adapters over the pure core's state types.

use crate::core::learner::{Event, Learner};
use std::rc::Rc;
use yew::Reducible;

/// The learner as a Yew reducer. An event that changes nothing returns the same `Rc`, which
/// skips the re-render.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnerState(pub Learner);

impl Reducible for LearnerState {
    type Action = Event;

    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        match self.0.apply(event) {
            Some(next) => Rc::new(LearnerState(next)),
            None => self,
        }
    }
}
