//! localStorage, the only place the app keeps anything, reached defensively.
//!
//! Browsers block storage in many third-party iframes (merely touching `window.localStorage`
//! throws `SecurityError`), and `setItem` throws when the quota is full. So storage is always an
//! `Option`, every call is fallible, and nothing here panics. What the app does about a failure
//! is decided in `core::storage::Status`; this module only carries it out.

use crate::core::progress::{Loaded, Progress};
use crate::core::storage::{Status, Write, ASIDE_PREFIX};
use web_sys::Storage;

/// The key of the progress envelope.
pub const KEY: &str = "rolecall.progress";

fn storage() -> Option<Storage> {
    // `local_storage()` returns Err when access throws (blocked third-party storage).
    super::env::window()?.local_storage().ok().flatten()
}

/// Reads the envelope. `Err(())` when storage is unavailable.
fn read() -> Result<Option<String>, ()> {
    // On the host, where the build pre-renders the first screens, the page stands for a first
    // visit: storage works and holds nothing yet.
    if cfg!(not(target_arch = "wasm32")) {
        return Ok(None);
    }
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

/// The key under [`ASIDE_PREFIX`] that already holds exactly `raw`, if any.
fn copy_of(raw: &str) -> Option<String> {
    let s = storage()?;
    keys_with_prefix(ASIDE_PREFIX)
        .into_iter()
        .find(|key| s.get_item(key).ok().flatten().as_deref() == Some(raw))
}

/// What loading found at start-up.
pub struct Start {
    pub progress: Progress,
    pub status: Status,
    /// The original text of stored progress that could not be used, kept so it can be exported.
    pub unreadable: Option<String>,
}

/// Loads progress at start-up. `new_learner` makes a fresh anonymous id when needed.
/// Unreadable progress is copied aside before anything else is written.
pub fn load(now_ms: i64, new_learner: impl FnOnce() -> String) -> Start {
    let Ok(raw) = read() else {
        return Start {
            progress: Progress::new(new_learner()),
            status: Status::Blocked,
            unreadable: None,
        };
    };
    let loaded = Progress::decode(raw.as_deref());
    let status = Status::after_load(&loaded, now_ms, copy_of, write);
    let (progress, unreadable) = match loaded {
        Loaded::Ok(progress) => (progress, None),
        Loaded::Empty => (Progress::new(new_learner()), None),
        Loaded::Unreadable { raw, .. } | Loaded::Newer { raw, .. } => (Progress::new(new_learner()), Some(raw)),
    };
    Start {
        progress,
        status,
        unreadable,
    }
}

/// Saves the envelope if `status` allows, and returns the status after trying.
pub fn save(progress: &Progress, status: &Status) -> Status {
    if !status.may_write() {
        return status.clone();
    }
    status.after_write(write(KEY, &progress.encode()))
}

/// Storage is blocked or missing here.
#[derive(Clone, Copy, Debug)]
pub struct Blocked;

/// Reads any key.
pub fn get(key: &str) -> Result<Option<String>, Blocked> {
    storage().ok_or(Blocked)?.get_item(key).map_err(|_| Blocked)
}

/// Writes any key, saying how it went.
pub fn set(key: &str, value: &str) -> Write {
    write(key, value)
}

/// Removes a key; false when storage refused.
pub fn remove(key: &str) -> bool {
    storage().is_some_and(|s| s.remove_item(key).is_ok())
}

/// Every key that starts with `prefix`, in storage order.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let len = s.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}
