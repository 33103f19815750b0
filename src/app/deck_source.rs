//! `use_deck_download`: fetches the deck a trainer named in the URL (`?deck=`), or unpacks the
//! one shared in the link itself (`deck=packed:…`).
//!
//! The learner state says which deck is wanted (`DeckSource::Loading(url)`); this hook loads
//! and parses it, then reports back with one event, `DeckLoaded` or `DeckFailed`, which switches
//! the deck, its source and its saved quiz together.

use super::learner::UseLearnerHandle;
use super::lms::Lms;
use crate::core::learner::{DeckSource, Event};
use crate::web::{env, net};
use std::rc::Rc;
use yew::prelude::*;

#[hook]
pub fn use_deck_download(learner: &UseLearnerHandle, lms: &Option<Rc<Lms>>) {
    let wanted = match &learner.source {
        DeckSource::Loading(url) => Some(url.clone()),
        _ => None,
    };
    let (learner, lms) = (learner.clone(), lms.clone());
    use_effect_with(wanted, move |wanted| {
        if let Some(url) = wanted.clone() {
            wasm_bindgen_futures::spawn_local(async move {
                let parsed = net::load_deck(&url).await;
                // What the LMS kept for this deck joins the progress before the deck is used.
                if let (Ok(deck), Some(lms)) = (&parsed, &lms) {
                    if let Some(suspended) = lms.take_suspended(deck) {
                        let deck = deck.id.as_str().to_string();
                        learner.dispatch(Event::Resume { deck, suspended });
                    }
                }
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
