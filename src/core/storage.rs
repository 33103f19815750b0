//! What the app may do with the browser's storage, decided from what loading and saving found.
//!
//! Storage is optional: browsers block it in many third-party frames, quotas fill up, and data
//! saved by another version may be unreadable. [`Status`] is the one place that decides what
//! happens then: whether the next change may be written, and what the learner is told. The
//! browser calls themselves live in `web::storage`; this module only decides.

use super::progress::Loaded;

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

/// How a write to storage went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    Done,
    /// Storage is not available at all.
    Unavailable,
    /// The quota is exceeded.
    Full,
}

/// Where unreadable progress found at start-up is copied before anything is written.
pub const ASIDE_PREFIX: &str = "rolecall.unreadable.";

impl Status {
    /// The status after loading found `loaded`, given how copying unreadable data aside went.
    /// Both closures are asked only for unreadable data: `copy_of` names a key under
    /// [`ASIDE_PREFIX`] that already holds the same text (a reload before anything was saved
    /// must not pile up copies), and `aside` writes to the key it is given.
    pub fn after_load(
        loaded: &Loaded,
        now_ms: i64,
        copy_of: impl FnOnce(&str) -> Option<String>,
        aside: impl FnOnce(&str, &str) -> Write,
    ) -> Status {
        match loaded {
            Loaded::Empty | Loaded::Ok(_) => Status::Saving,
            Loaded::Unreadable { raw, reason } => {
                if let Some(key) = copy_of(raw) {
                    return Status::KeptAside {
                        reason: reason.clone(),
                        key,
                    };
                }
                let key = format!("{ASIDE_PREFIX}{now_ms}");
                match aside(&key, raw) {
                    Write::Done => Status::KeptAside {
                        reason: reason.clone(),
                        key,
                    },
                    Write::Unavailable | Write::Full => Status::Protected { reason: reason.clone() },
                }
            }
            Loaded::Newer { format, .. } => Status::Protected {
                reason: format!("it was saved by a newer version of RoleCall (format {format})"),
            },
        }
    }

    /// Whether writing the envelope is allowed.
    pub fn may_write(&self) -> bool {
        matches!(self, Status::Saving | Status::Full | Status::KeptAside { .. })
    }

    /// The status after trying to write the envelope.
    pub fn after_write(&self, write: Write) -> Status {
        match (write, self) {
            (Write::Done, Status::KeptAside { .. }) => self.clone(),
            (Write::Done, _) => Status::Saving,
            (Write::Full, _) => Status::Full,
            (Write::Unavailable, _) => Status::Blocked,
        }
    }

    /// Whether progress made now outlives the page (results say so beside the score).
    pub fn keeps_progress(&self) -> bool {
        !matches!(self, Status::Blocked | Status::Protected { .. })
    }

    /// One sentence on where progress is kept, for the Progress screen.
    pub fn note(&self) -> &'static str {
        match self {
            Status::Saving => "Progress is saved in this browser only. Export it to move it to another browser or device.",
            Status::Blocked => "Your browser blocks storage here (common in embedded frames), so progress lasts only until you close this page. Export it from Progress to keep it.",
            Status::Full => "Storage is full: your latest progress is not saved. Export it to keep it.",
            Status::KeptAside { .. } => "Earlier progress could not be read; it was kept aside untouched, and new progress is saved.",
            Status::Protected { .. } => "Saved progress could not be used and is left untouched, so nothing you do now is saved. Export to keep a copy.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::progress::Progress;

    fn unreadable() -> Loaded {
        Loaded::Unreadable {
            raw: "{oops".into(),
            reason: "it is not JSON".into(),
        }
    }

    #[test]
    fn loading() {
        let never = |_: &str, _: &str| -> Write { panic!("nothing to keep aside") };
        let unasked = |_: &str| -> Option<String> { panic!("nothing to look for") };
        let none = |_: &str| None;
        assert_eq!(Status::after_load(&Loaded::Empty, 5, unasked, never), Status::Saving);
        assert_eq!(
            Status::after_load(&Loaded::Ok(Progress::new("me".into())), 5, unasked, never),
            Status::Saving
        );
        let mut written = None;
        let kept = Status::after_load(&unreadable(), 5, none, |key, raw| {
            written = Some((key.to_string(), raw.to_string()));
            Write::Done
        });
        assert_eq!(
            kept,
            Status::KeptAside {
                reason: "it is not JSON".into(),
                key: "rolecall.unreadable.5".into()
            }
        );
        assert_eq!(
            written,
            Some(("rolecall.unreadable.5".into(), "{oops".into())),
            "the original text"
        );
        for failure in [Write::Full, Write::Unavailable] {
            assert_eq!(
                Status::after_load(&unreadable(), 5, none, |_, _| failure),
                Status::Protected {
                    reason: "it is not JSON".into()
                }
            );
        }
        let newer = Loaded::Newer {
            raw: "{}".into(),
            format: 9,
        };
        assert!(
            matches!(Status::after_load(&newer, 5, unasked, never), Status::Protected { reason } if reason.contains("format 9"))
        );
    }

    #[test]
    fn a_copy_already_aside_is_reused() {
        // Reloading before anything is saved finds the same unreadable text again.
        let mut asked = None;
        let kept = Status::after_load(
            &unreadable(),
            9,
            |raw| {
                asked = Some(raw.to_string());
                Some("rolecall.unreadable.5".into())
            },
            |_, _| panic!("no second copy"),
        );
        assert_eq!(asked.as_deref(), Some("{oops"));
        assert_eq!(
            kept,
            Status::KeptAside {
                reason: "it is not JSON".into(),
                key: "rolecall.unreadable.5".into()
            }
        );
    }

    #[test]
    fn writing() {
        let aside = Status::KeptAside {
            reason: "r".into(),
            key: "k".into(),
        };
        let protected = Status::Protected { reason: "r".into() };
        // (before, may write, after Done, after Full, after Unavailable, keeps progress)
        let rows = [
            (
                Status::Saving,
                true,
                Status::Saving,
                Status::Full,
                Status::Blocked,
                true,
            ),
            (Status::Full, true, Status::Saving, Status::Full, Status::Blocked, true),
            (aside.clone(), true, aside.clone(), Status::Full, Status::Blocked, true),
            (
                Status::Blocked,
                false,
                Status::Saving,
                Status::Full,
                Status::Blocked,
                false,
            ),
            (
                protected.clone(),
                false,
                Status::Saving,
                Status::Full,
                Status::Blocked,
                false,
            ),
        ];
        for (before, may, done, full, gone, keeps) in rows {
            assert_eq!(before.may_write(), may, "{before:?}");
            assert_eq!(before.after_write(Write::Done), done, "{before:?}");
            assert_eq!(before.after_write(Write::Full), full, "{before:?}");
            assert_eq!(before.after_write(Write::Unavailable), gone, "{before:?}");
            assert_eq!(before.keeps_progress(), keeps, "{before:?}");
        }
    }
}
