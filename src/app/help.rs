//! `use_help`: whether the help dialog is open.
//!
//! The dialog reports a close both at once (its button, Escape) and again with its later `close`
//! event; the state only changes, and the app only re-renders, on the first.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct UseHelpHandle {
    open: UseStateHandle<bool>,
}

impl UseHelpHandle {
    pub fn is_open(&self) -> bool {
        *self.open
    }

    pub fn open(&self) {
        self.open.set(true);
    }

    pub fn close(&self) {
        self.open.set(false);
    }

    pub fn on_open(&self) -> Callback<()> {
        let this = self.clone();
        Callback::from(move |()| this.open())
    }

    pub fn on_close(&self) -> Callback<()> {
        let this = self.clone();
        Callback::from(move |()| this.close())
    }
}

#[hook]
pub fn use_help() -> UseHelpHandle {
    UseHelpHandle {
        // The same hook and initialiser as the reset confirmation's flag: one instantiation for both.
        open: use_state_eq(bool::default),
    }
}
