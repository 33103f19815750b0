//! `use_share`: copying a result's summary to the clipboard, or showing it to copy by hand where
//! the browser or the embedding page does not allow the clipboard. The outcome belongs to the
//! attempt that was shared, so the next attempt's results do not say it was copied.

use crate::components::results::Sharing;
use crate::web::files;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct UseShareHandle {
    /// The attempt shared (its registration) and the outcome.
    state: UseStateHandle<(String, Sharing)>,
}

impl UseShareHandle {
    /// Copies `text`, the summary of attempt `attempt`; the outcome arrives in
    /// [`UseShareHandle::state`].
    pub fn share(&self, attempt: String, text: String) {
        let state = self.state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = match files::copy(&text).await {
                Ok(()) => Sharing::Copied,
                Err(()) => Sharing::ByHand(text.into()),
            };
            state.set((attempt, outcome));
        });
    }

    /// Where sharing attempt `attempt` stands.
    pub fn state(&self, attempt: &str) -> Sharing {
        match &*self.state {
            (shared, outcome) if shared == attempt => outcome.clone(),
            _ => Sharing::NotYet,
        }
    }
}

#[hook]
pub fn use_share() -> UseShareHandle {
    UseShareHandle {
        state: use_state(|| (String::new(), Sharing::NotYet)),
    }
}
