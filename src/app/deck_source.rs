//! `use_deck_download`: fetches the deck a trainer named in the URL (`?deck=`).
//!
//! The learner state says which deck is wanted (`DeckSource::Loading(url)`); this hook downloads
//! and parses it, then reports back with one event, `DeckLoaded` or `DeckFailed`, which switches
//! the deck, its source and its saved quiz together.

use super::learner::UseLearnerHandle;
use crate::core::deck::Deck;
use crate::core::learner::{DeckSource, Event};
use crate::web::{env, net};
use std::rc::Rc;
use yew::prelude::*;

#[hook]
pub fn use_deck_download(learner: &UseLearnerHandle) {
    let wanted = match &learner.source {
        DeckSource::Loading(url) => Some(url.clone()),
        _ => None,
    };
    let learner = learner.clone();
    use_effect_with(wanted, move |wanted| {
        if let Some(url) = wanted.clone() {
            wasm_bindgen_futures::spawn_local(async move {
                let parsed = net::fetch_bytes(&url)
                    .await
                    .and_then(|bytes| Deck::parse(&bytes).map_err(|e| e.to_string()));
                learner.dispatch(match parsed {
                    Ok(deck) => Event::DeckLoaded {
                        url,
                        deck: Rc::new(deck),
                        now_ms: env::now_ms(),
                    },
                    Err(error) => Event::DeckFailed { url, error },
                });
            });
        }
    });
}
