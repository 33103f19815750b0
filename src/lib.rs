//! RoleCall: tag statements DevOps, Platform or Both, in a quiz or as spaced-repetition cards.
//!
//! The crate is split into a pure core and a thin shell:
//!
//! - [`core`] holds every rule of the app (decks, quiz, scheduling, storage format, URL
//!   configuration, host messages) as plain Rust, tested on the host.
//! - [`web`] is the small impure layer over the browser: storage, clock, randomness, messaging.
//! - [`components`] are Yew components: props in, callbacks out.
//! - [`app`] is the root component: it owns the state, wires callbacks and routes.

pub mod core;
