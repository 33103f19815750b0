//! Renders the learner app's first screens to static HTML, on the host, for the build to put in
//! `index.html` (scripts/post_build.py). They are the real `App`, rendered by Yew's server
//! renderer as a first visit sees it: no stored progress, the built-in deck, and the URL of each
//! variant. The page shows the one matching its URL until the wasm arrives and the app takes its
//! place with the same markup.
//!
//! Prints one JSON object: `{"home": "<div class=\"app\">…", "quiz": …, "embed": …}`.

use rolecall::app::{App, AppProps};
use rolecall::core::deck::Deck;
use rolecall::core::json::Write;
use rolecall::web::env;
use std::rc::Rc;
use yew::LocalServerRenderer;

/// Each variant: its name and the query string and hash it stands for.
const VARIANTS: [(&str, &str, &str); 3] = [("home", "", ""), ("quiz", "", "#/quiz"), ("embed", "?embed=1", "")];

fn main() {
    let deck = match Deck::builtin() {
        Ok(deck) => Rc::new(deck),
        Err(e) => {
            eprintln!("prerender: the built-in deck is damaged: {e}");
            std::process::exit(1);
        }
    };
    let mut out = String::from("{");
    for (i, (name, search, hash)) in VARIANTS.iter().enumerate() {
        env::set_host_location(search, hash);
        let html = futures::executor::block_on(
            LocalServerRenderer::<App>::with_props(AppProps {
                builtin: deck.clone(),
                lms: None,
            })
            .hydratable(false)
            .render(),
        );
        if i > 0 {
            out.push(',');
        }
        name.write(&mut out);
        out.push(':');
        html.write(&mut out);
    }
    out.push('}');
    println!("{out}");
}
