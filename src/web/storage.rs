//! localStorage, the only place the app keeps anything, reached defensively.
//!
//! Browsers block storage in many third-party iframes (merely touching `window.localStorage`
//! throws `SecurityError`), and `setItem` throws when the quota is full. So storage is always an
//! `Option`, every call is fallible, and nothing here panics. What the app does about a failure
//! is decided in `core::storage::Status`; a [`Store`] only carries it out and remembers it.

use crate::core::progress::{Loaded, Progress};
use crate::core::storage::{Status, Write};
use std::cell::RefCell;
use web_sys::Storage;

/// The key of the progress envelope.
pub const KEY: &str = "rolecall.progress";

fn storage() -> Option<Storage> {
    // `local_storage()` returns Err when access throws (blocked third-party storage).
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the envelope. `Err(())` when storage is unavailable.
fn read() -> Result<Option<String>, ()> {
    storage().ok_or(())?.get_item(KEY).map_err(|_| ())
}

fn write(key: &str, value: &str) -> Write {
    match storage() {
        None => Write::Unavailable,
        Some(s) => match s.set_item(key, value) {
            Ok(()) => Write::Done,
            Err(_) => Write::Full,
        },
    }
}

/// The progress store: what was found at start-up, and the status of every write since.
#[derive(Debug)]
pub struct Store {
    status: RefCell<Status>,
    /// The original text of stored progress that could not be used, kept so it can be exported.
    pub unreadable: Option<String>,
}

impl Store {
    /// Loads progress at start-up. `new_learner` makes a fresh anonymous id when needed.
    /// Unreadable progress is copied aside before anything else is written.
    pub fn load(now_ms: i64, new_learner: impl FnOnce() -> String) -> (Store, Progress) {
        let Ok(raw) = read() else {
            let store = Store {
                status: RefCell::new(Status::Blocked),
                unreadable: None,
            };
            return (store, Progress::new(new_learner()));
        };
        let loaded = Progress::decode(raw.as_deref());
        let status = Status::after_load(&loaded, now_ms, write);
        let (progress, unreadable) = match loaded {
            Loaded::Ok(progress) => (progress, None),
            Loaded::Empty => (Progress::new(new_learner()), None),
            Loaded::Unreadable { raw, .. } | Loaded::Newer { raw, .. } => (Progress::new(new_learner()), Some(raw)),
        };
        let store = Store {
            status: RefCell::new(status),
            unreadable,
        };
        (store, progress)
    }

    pub fn status(&self) -> Status {
        self.status.borrow().clone()
    }

    /// Saves the envelope if the status allows, and returns the status after trying.
    pub fn save(&self, progress: &Progress) -> Status {
        let before = self.status();
        if !before.may_write() {
            return before;
        }
        let after = before.after_write(write(KEY, &progress.encode()));
        *self.status.borrow_mut() = after.clone();
        after
    }
}
