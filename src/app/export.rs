//! Downloads of the learner's data: their progress, or stored text the app could not use.

use super::learner::UseLearnerHandle;
use super::progress_store::UseProgressStoreHandle;
use crate::core::dates;
use crate::core::notices::NoticeAction;
use crate::core::progress::Progress;
use crate::web::{env, files};
use yew::Callback;

/// A callback that downloads the learner's progress as it is when clicked.
pub fn on_export(learner: &UseLearnerHandle) -> Callback<()> {
    let learner = learner.clone();
    Callback::from(move |()| progress(&learner.progress))
}

/// A callback that carries out a notice's action.
pub fn on_notice_action(learner: &UseLearnerHandle, store: &UseProgressStoreHandle) -> Callback<NoticeAction> {
    let (learner, store) = (learner.clone(), store.clone());
    Callback::from(move |action| match action {
        NoticeAction::ExportProgress => progress(&learner.progress),
        NoticeAction::ExportUnreadable => store.unreadable().into_iter().for_each(unreadable),
    })
}

/// Today's date in the learner's time zone, for file names.
fn today() -> String {
    let clock = env::clock();
    dates::date_stamp(clock.now_ms.saturating_add(clock.utc_offset_ms))
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
