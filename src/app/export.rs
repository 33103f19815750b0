//! Downloads of the learner's data: their progress, or stored text the app could not use.

use crate::core::progress::Progress;
use crate::core::report;
use crate::web::{env, files};

fn today() -> String {
    report::iso_timestamp(env::now_ms()).chars().take(10).collect()
}

/// Downloads `progress` as `rolecall-progress-<date>.json`.
pub fn progress(progress: &Progress) {
    files::download(
        &format!("rolecall-progress-{}.json", today()),
        &progress.encode(),
        "application/json",
    );
}

/// Downloads stored text that could not be used, exactly as it was found.
pub fn unreadable(raw: &str) {
    files::download(
        &format!("rolecall-unreadable-{}.json", today()),
        raw,
        "application/json",
    );
}
