//! `use_progress_store`: the learner's saved progress, loaded once, saved on every change.
//!
//! Loading happens on the first render, before the learner state is built from it. Saving is an
//! effect of the core (`Effect::Save`), carried out by [`UseProgressStoreHandle::save`]. The
//! storage status (saving, blocked, full, kept aside, protected) is component state, read live by
//! each save; the app re-renders only when it changes.

use super::lms::Lms;
use crate::core::config::EmbedConfig;
use crate::core::deck::Deck;
use crate::core::learner::Learner;
use crate::core::progress::Progress;
use crate::core::storage::Status;
use crate::web::env;
use crate::web::storage;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone)]
pub struct UseProgressStoreHandle {
    /// What loading found at start-up.
    start: Rc<storage::Start>,
    status: UseStateHandle<Status>,
}

impl UseProgressStoreHandle {
    /// Writes `progress`, as far as the storage status allows.
    pub fn save(&self, progress: &Progress) {
        self.status.set(storage::save(progress, &self.status));
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The learner as the app starts: the loaded progress on the built-in deck, awaiting the
    /// deck the URL names, if any.
    /// With an LMS, the progress it kept for the built-in deck is merged in first (a custom
    /// deck's is merged when it arrives).
    pub fn learner(&self, builtin: &Rc<Deck>, config: &EmbedConfig, lms: Option<&Lms>) -> Learner {
        let mut progress = self.start.progress.clone();
        if let (Some(lms), None) = (lms, &config.deck) {
            lms.merge_into(builtin, &mut progress);
        }
        Learner::new(progress, builtin.clone(), config.deck.clone(), env::now_ms())
    }

    /// The stored text that could not be used at start-up, if any.
    pub fn unreadable(&self) -> Option<&str> {
        self.start.unreadable.as_deref()
    }
}

#[hook]
pub fn use_progress_store() -> UseProgressStoreHandle {
    let start = use_memo((), |_| storage::load(env::now_ms(), env::new_uuid));
    let status = {
        let start = start.clone();
        use_state_eq(move || start.status.clone())
    };
    UseProgressStoreHandle { start, status }
}
