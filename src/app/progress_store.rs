//! `use_progress_store`: the learner's saved progress, loaded once, saved on every change.
//!
//! Loading happens on the first render, before the learner state is built from it. Saving is an
//! effect of the core (`Effect::Save`), carried out by [`UseProgressStoreHandle::save`]. The
//! storage status (saving, blocked, full, kept aside, protected) lives in the store itself, so a
//! save always starts from the latest status; a copy in component state re-renders the app only
//! when it changes.

use crate::core::config::EmbedConfig;
use crate::core::deck::Deck;
use crate::core::learner::Learner;
use crate::core::progress::Progress;
use crate::core::storage::Status;
use crate::web::env;
use crate::web::storage::Store;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone)]
pub struct UseProgressStoreHandle {
    store: Rc<Store>,
    /// The progress found at start-up.
    pub loaded: Rc<Progress>,
    status: UseStateHandle<Status>,
}

impl PartialEq for UseProgressStoreHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.store, &other.store) && self.status == other.status
    }
}

impl UseProgressStoreHandle {
    /// Writes `progress`, as far as the storage status allows.
    pub fn save(&self, progress: &Progress) {
        self.status.set(self.store.save(progress));
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The learner as the app starts: the loaded progress on the built-in deck, awaiting the
    /// deck the URL names, if any.
    pub fn learner(&self, builtin: &Rc<Deck>, config: &EmbedConfig) -> Learner {
        Learner::new(
            (*self.loaded).clone(),
            builtin.clone(),
            config.deck.clone(),
            env::now_ms(),
        )
    }

    /// The stored text that could not be used at start-up, if any.
    pub fn unreadable(&self) -> Option<&str> {
        self.store.unreadable.as_deref()
    }
}

#[hook]
pub fn use_progress_store() -> UseProgressStoreHandle {
    let loaded = use_memo((), |_| {
        let (store, progress) = Store::load(env::now_ms(), env::new_uuid);
        (Rc::new(store), Rc::new(progress))
    });
    let (store, progress) = (*loaded).clone();
    let status = {
        let store = store.clone();
        use_state_eq(move || store.status())
    };
    UseProgressStoreHandle {
        store,
        loaded: progress,
        status,
    }
}
