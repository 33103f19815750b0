//! RoleCall Studio: the trainers' page (`studio/`), a wasm binary of its own so that learners
//! never download its code.
//!
//! Today it holds the embed builder with its live preview of the learner's app (which lives one
//! level up, at `../`). Its URL takes the learner app's parameters: `studio/?deck=…&n=10` opens
//! the builder with those settings, which is where old links to the app's `#/embed` land.

use crate::components::embed_builder::{DeckNote, EmbedBuilder};
use crate::components::icons::{icon, logo, Icon};
use crate::core::config::{query_pairs, EmbedConfig};
use crate::core::deck::Deck;
use crate::web::{env, net};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StudioProps {
    /// The built-in deck, already validated.
    pub builtin: Rc<Deck>,
}

/// The builder's starting settings: the studio's own query string, compact by default.
pub fn initial_config(search: &str) -> EmbedConfig {
    let (mut cfg, _ignored) = EmbedConfig::from_query(search, "");
    if !query_pairs(search).iter().any(|(k, _)| k == "embed") {
        cfg.embed = true;
    }
    cfg
}

/// A custom deck being read for its categories.
#[derive(Clone, PartialEq)]
enum Custom {
    Loading(String),
    Ready(String, Rc<Deck>),
    Failed(String),
}

#[component]
pub fn Studio(props: &StudioProps) -> Html {
    // The learner's app, one level up: the base of every snippet and of relative deck URLs.
    let app_url = use_memo((), |_| AttrValue::from(env::resolve_url("../")));
    let initial = use_memo((), |_| initial_config(&env::location_parts().0));
    let wanted = use_state_eq(|| initial.deck.clone());
    let custom = use_state_eq(|| initial.deck.clone().map(Custom::Loading));
    {
        let (custom, app_url) = (custom.clone(), app_url.clone());
        use_effect_with((*wanted).clone(), move |wanted| {
            let Some(url) = wanted.clone() else {
                custom.set(None);
                return;
            };
            custom.set(Some(Custom::Loading(url.clone())));
            wasm_bindgen_futures::spawn_local(async move {
                let parsed = net::fetch_bytes_from(&url, &app_url)
                    .await
                    .and_then(|bytes| Deck::parse(&bytes).map_err(|e| e.to_string()));
                custom.set(Some(match parsed {
                    Ok(deck) => Custom::Ready(url, Rc::new(deck)),
                    Err(_) => Custom::Failed(url),
                }));
            });
        });
    }
    use_effect_with((), |_| env::set_root_flag("data-ready", true));
    // The deck address and the categories on offer always change together, so the snippet
    // never asks a deck for another deck's categories.
    let (deck, note, deck_url) = match &*custom {
        Some(Custom::Ready(url, deck)) => (deck.clone(), DeckNote::Custom(deck.title.clone().into()), Some(url)),
        Some(Custom::Loading(url)) => (props.builtin.clone(), DeckNote::Loading, Some(url)),
        Some(Custom::Failed(url)) => (props.builtin.clone(), DeckNote::Failed, Some(url)),
        None => (props.builtin.clone(), DeckNote::Builtin, None),
    };
    let deck_url = deck_url.map(|u| AttrValue::from(u.clone()));
    let on_deck_url = {
        let wanted = wanted.clone();
        Callback::from(move |url: Option<String>| wanted.set(url))
    };
    html! {
        <div class="app studio">
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <header class="masthead">
                <div class="masthead-inner">
                    <span class="brand">{ logo() }<span>{ "RoleCall Studio" }</span></span>
                    <nav aria-label="Main">
                        <ul class="nav">
                            <li><a href={(*app_url).clone()} data-testid="studio-app-link">{ icon(Icon::Quiz) }<span>{ "Open the app" }</span></a></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1">
                <EmbedBuilder app_url={(*app_url).clone()} {deck} deck_note={note} {deck_url} initial={(*initial).clone()} {on_deck_url} />
            </main>
            <footer class="site-footer">
                <p>{ "RoleCall Studio: tools for trainers. Learners only ever download the app itself. " }
                    <a href="../deck.schema.json">{ "Deck format (JSON Schema)" }</a></p>
            </footer>
        </div>
    }
}

/// Starts the studio in the page's `<body>`.
pub fn run() {
    crate::web::pack::install_test_hook();
    crate::start("../sw.js", |deck| {
        yew::Renderer::<Studio>::with_props(StudioProps { builtin: deck }).render();
    });
}

#[cfg(test)]
mod tests {
    use super::initial_config;

    #[test]
    fn the_builder_starts_from_the_studio_url_compact_unless_it_says_otherwise() {
        let cfg = initial_config("");
        assert!(cfg.embed);
        assert_eq!(cfg.n, None);
        let cfg = initial_config("?n=20&pass=80&deck=decks%2Fx.json");
        assert!(cfg.embed);
        assert_eq!(
            (cfg.n, cfg.pass, cfg.deck.as_deref()),
            (Some(20), Some(80), Some("decks/x.json"))
        );
        assert!(!initial_config("?embed=0").embed);
        assert!(initial_config("?embed=1").embed);
    }
}
