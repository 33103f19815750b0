//! `use_host_page`: the page that embeds the app, told how tall the app is and that it is ready.
//!
//! Results reach the host page as effects of the learner's events (see `effects`); this hook
//! covers the rest of the conversation: the resize dialects (H5P, Canvas, RoleCall's own) for as
//! long as the app lives, and `rolecall:ready` once a deck is in use.

use crate::core::config::Mode;
use crate::core::deck::Deck;
use crate::core::report;
use crate::web::env;
use crate::web::host::{self, Host};
use std::rc::Rc;
use yew::prelude::*;

/// Where results may go, from the URL's `parentOrigin` and the referrer.
#[hook]
pub fn use_host(parent_origin: Option<String>) -> Rc<Host> {
    use_memo(parent_origin, |p| Host::new(p.as_deref()))
}

/// Sizes the frame to `root` and announces `deck` (opened in `mode`) to the host page.
#[hook]
pub fn use_host_page(host: &Rc<Host>, root: &NodeRef, deck: &Rc<Deck>, mode: Mode) {
    let (host, root, deck) = (host.clone(), root.clone(), deck.clone());
    use_effect_with(deck.id.clone(), move |_| {
        // A framed page must not stretch to the viewport, or the frame could never shrink.
        env::set_root_flag("data-framed", host.is_framed());
        let resizer = root
            .cast::<web_sys::Element>()
            .and_then(|el| host::start(el, host.clone()));
        host.send_result(&report::ready_event(&deck, mode));
        env::set_root_flag("data-ready", true);
        move || drop(resizer)
    });
}
