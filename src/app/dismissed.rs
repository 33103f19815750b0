//! `use_dismissed`: the notices the learner has closed, for as long as the page lives.
//!
//! Which notices exist is decided in `core::notices`; only the learner's dismissals are state.

use crate::core::notices::NoticeId;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct UseDismissedHandle {
    ids: UseStateHandle<Rc<[NoticeId]>>,
}

impl UseDismissedHandle {
    pub fn ids(&self) -> &[NoticeId] {
        &self.ids
    }

    /// A callback that closes the notice it is given.
    pub fn on_dismiss(&self) -> Callback<NoticeId> {
        let ids = self.ids.clone();
        Callback::from(move |id: NoticeId| ids.set(ids.iter().copied().chain([id]).collect()))
    }
}

#[hook]
pub fn use_dismissed() -> UseDismissedHandle {
    UseDismissedHandle {
        ids: use_state(|| Rc::from([])),
    }
}
