//! localStorage, the only place the app keeps anything, reached defensively.
//!
//! Browsers block storage in many third-party iframes (merely touching `window.localStorage`
//! throws `SecurityError`), and `setItem` throws when the quota is full. So storage is always an
//! `Option`, every call is fallible, and nothing here panics. What the app decides to do about a
//! failure lives in [`Status`].

use crate::core::progress::{Loaded, Progress};
use web_sys::Storage;

/// The key of the progress envelope.
pub const KEY: &str = "rolecall.progress";
/// Prefix of keys holding unreadable progress set aside (followed by a timestamp).
pub const ASIDE_PREFIX: &str = "rolecall.unreadable.";

/// What the app can do with storage, and what the learner is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Progress is saved on every change.
    Saving,
    /// Storage is unavailable: progress lives in memory only.
    Blocked,
    /// The last write failed for lack of space; the next change tries again.
    Full,
    /// Stored progress could not be read; it was copied to `key` and a fresh envelope started.
    KeptAside { reason: String, key: String },
    /// Stored progress is unreadable or from a newer version and could not be copied aside, so
    /// it is left untouched and nothing is written.
    Protected { reason: String },
}

impl Status {
    /// Whether writing the envelope is allowed.
    pub fn may_write(&self) -> bool {
        matches!(self, Status::Saving | Status::Full | Status::KeptAside { .. })
    }
}

fn storage() -> Option<Storage> {
    // `local_storage()` returns Err when access throws (blocked third-party storage).
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the envelope. `Err(())` when storage is unavailable.
fn read() -> Result<Option<String>, ()> {
    storage().ok_or(())?.get_item(KEY).map_err(|_| ())
}

/// Writes `value` under `key`; `Err` carries whether storage is missing (`false`) or full (`true`).
fn write(key: &str, value: &str) -> Result<(), bool> {
    let s = storage().ok_or(false)?;
    s.set_item(key, value).map_err(|_| true)
}

/// What loading found: the progress to start with, the storage status, and the original text of
/// anything unreadable (kept in memory so it can be exported).
pub struct Load {
    pub progress: Progress,
    pub status: Status,
    pub unreadable: Option<String>,
}

/// Loads progress at start-up. `new_learner` makes a fresh anonymous id when needed.
pub fn load(now_ms: i64, new_learner: impl FnOnce() -> String) -> Load {
    let raw = match read() {
        Ok(raw) => raw,
        Err(()) => {
            return Load {
                progress: Progress::new(new_learner()),
                status: Status::Blocked,
                unreadable: None,
            };
        }
    };
    match Progress::decode(raw.as_deref()) {
        Loaded::Empty => Load {
            progress: Progress::new(new_learner()),
            status: Status::Saving,
            unreadable: None,
        },
        Loaded::Ok(progress) => Load {
            progress,
            status: Status::Saving,
            unreadable: None,
        },
        Loaded::Unreadable { raw, reason } => {
            let key = format!("{ASIDE_PREFIX}{now_ms}");
            let status = match write(&key, &raw) {
                Ok(()) => Status::KeptAside { reason, key },
                Err(_) => Status::Protected { reason },
            };
            Load {
                progress: Progress::new(new_learner()),
                status,
                unreadable: Some(raw),
            }
        }
        Loaded::Newer { raw, format } => Load {
            progress: Progress::new(new_learner()),
            status: Status::Protected {
                reason: format!("it was saved by a newer version of RoleCall (format {format})"),
            },
            unreadable: Some(raw),
        },
    }
}

/// Saves the envelope if the status allows, and returns the status after trying.
pub fn save(progress: &Progress, status: &Status) -> Status {
    if !status.may_write() {
        return status.clone();
    }
    match write(KEY, &progress.encode()) {
        Ok(()) => match status {
            Status::KeptAside { .. } => status.clone(),
            _ => Status::Saving,
        },
        Err(true) => Status::Full,
        Err(false) => Status::Blocked,
    }
}
