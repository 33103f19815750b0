//! `use_share`: copying a result's summary to the clipboard, or showing it to copy by hand where
//! the browser or the embedding page does not allow the clipboard.

use crate::components::results::Sharing;
use crate::web::files;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct UseShareHandle {
    state: UseStateHandle<Sharing>,
}

impl UseShareHandle {
    /// Copies `text`; the outcome arrives in [`UseShareHandle::state`].
    pub fn share(&self, text: String) {
        let state = self.state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            state.set(match files::copy(&text).await {
                Ok(()) => Sharing::Copied,
                Err(()) => Sharing::ByHand(text.into()),
            });
        });
    }

    pub fn state(&self) -> Sharing {
        (*self.state).clone()
    }
}

#[hook]
pub fn use_share() -> UseShareHandle {
    UseShareHandle {
        state: use_state(Sharing::default),
    }
}
