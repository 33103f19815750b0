//! RoleCall Studio: the trainers' page (`studio/`), a wasm binary of its own so that learners
//! never download its code.
//!
//! Its pages, by hash: the embed builder with its live preview of the learner's app (which lives
//! one level up, at `../`), at `#/`; the trainer's decks ("My decks") at `#/decks`; and the deck
//! editor at `#/decks/<key>`. Its URL takes the learner app's parameters: `studio/?deck=…&n=10`
//! opens the builder with those settings, which is where old links to the app's `#/embed` land.

pub mod editor_page;
pub mod library;
pub mod library_page;
pub mod share;
pub mod sheet_panel;

use crate::components::embed_builder::{DeckNote, EmbedBuilder};
use crate::components::icons::{icon, logo, Icon};
use crate::core::config::{query_pairs, EmbedConfig, Notice};
use crate::core::deck::Deck;
use crate::web::{env, net};
use editor_page::EditorPage;
use library::{use_library, Saving, UseLibraryHandle};
use library_page::LibraryPage;
use share::use_packed;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StudioProps {
    /// The built-in deck, already validated.
    pub builtin: Rc<Deck>,
}

/// The builder's starting settings: the studio's own query string, compact by default; and the
/// parameters it had to ignore, which the builder shows rather than drop.
pub fn initial_settings(search: &str) -> (EmbedConfig, Vec<Notice>) {
    let (mut cfg, ignored) = EmbedConfig::from_query(search, "");
    if !query_pairs(search).iter().any(|(k, _)| k == "embed") {
        cfg.embed = true;
    }
    (cfg, ignored)
}

/// The builder's starting settings (see [`initial_settings`]).
pub fn initial_config(search: &str) -> EmbedConfig {
    initial_settings(search).0
}

/// A custom deck being read for its categories.
#[derive(Clone, PartialEq)]
enum Custom {
    Loading(String),
    Ready(String, Rc<Deck>),
    /// The address, and why the deck there could not be used.
    Failed(String, String),
}

/// The studio's pages, addressed by the hash so every one has a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The embed builder (the studio's first page, where old links land).
    Embed,
    /// "My decks".
    Decks,
    /// The editor, for the deck with this library key.
    Deck(String),
}

impl Page {
    /// The page a location hash names; anything unknown is the embed builder.
    pub fn of(hash: &str) -> Page {
        let path = hash.trim_start_matches('#');
        let path = path.split_once('?').map_or(path, |(p, _)| p).trim_end_matches('/');
        if path == "/decks" {
            return Page::Decks;
        }
        match path.strip_prefix("/decks/") {
            Some(key) if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                Page::Deck(key.to_string())
            }
            Some(_) => Page::Decks,
            None => Page::Embed,
        }
    }

    pub fn hash(&self) -> String {
        match self {
            Page::Embed => "#/".into(),
            Page::Decks => "#/decks".into(),
            Page::Deck(key) => format!("#/decks/{key}"),
        }
    }
}

/// The page the location shows, kept in step with the hash.
#[hook]
fn use_page() -> UseStateHandle<Page> {
    let page = use_state_eq(|| Page::of(&env::location_parts().1));
    {
        let page = page.clone();
        use_effect_with((), move |_| {
            let listener = env::window().map(|w| {
                gloo::events::EventListener::new(&w, "hashchange", move |_| {
                    page.set(Page::of(&env::location_parts().1))
                })
            });
            move || drop(listener)
        });
    }
    page
}

#[component]
pub fn Studio(props: &StudioProps) -> Html {
    // The learner's app, one level up: the base of every snippet and of relative deck URLs.
    let app_url = use_memo((), |_| AttrValue::from(env::resolve_url("../")));
    let page = use_page();
    let library = use_library();
    let main = match &*page {
        Page::Embed => {
            html! { <EmbedPage app_url={(*app_url).clone()} builtin={props.builtin.clone()} library={library.clone()} /> }
        }
        Page::Decks => {
            html! { <LibraryPage library={library.clone()} builtin={props.builtin.clone()} app_url={(*app_url).clone()} /> }
        }
        Page::Deck(key) => {
            html! { <EditorPage library={library.clone()} key_={AttrValue::from(key.clone())} app_url={(*app_url).clone()} /> }
        }
    };
    use_effect_with((), |_| env::set_root_flag("data-ready", true));
    // Each page has its own title, for tabs, history and screen readers.
    let title = match &*page {
        Page::Embed => "Embed RoleCall \u{b7} RoleCall Studio".to_string(),
        Page::Decks => "My decks \u{b7} RoleCall Studio".to_string(),
        Page::Deck(key) => {
            let name = library
                .entry(key)
                .map(|e| e.draft.title.trim().to_string())
                .unwrap_or_default();
            let name = if name.is_empty() {
                "Untitled deck".to_string()
            } else {
                name
            };
            format!("{name} \u{b7} RoleCall Studio")
        }
    };
    use_effect_with(title, |title| env::set_title(title));
    let current = |p: bool| p.then_some("page");
    let on_decks = matches!(*page, Page::Decks | Page::Deck(_));
    html! {
        <div class="app studio">
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); env::focus_id("main"); })}>{ "Skip to content" }</a>
            <header class="masthead">
                <div class="masthead-inner">
                    <span class="brand">{ logo() }<span>{ "RoleCall Studio" }</span></span>
                    <nav aria-label="Main">
                        <ul class="nav">
                            <li><a href="#/decks" aria-current={current(on_decks)} data-testid="studio-decks-link">{ icon(Icon::Pencil) }<span>{ "My decks" }</span></a></li>
                            <li><a href="#/" aria-current={current(*page == Page::Embed)} data-testid="studio-embed-link">{ icon(Icon::Code) }<span>{ "Embed" }</span></a></li>
                            <li><a href={(*app_url).clone()} data-testid="studio-app-link">{ icon(Icon::Quiz) }<span>{ "Open the app" }</span></a></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="main" tabindex="-1">
                <StudioNotices library={library.clone()} />
                { main }
            </main>
            <footer class="site-footer">
                <p>{ "RoleCall Studio: tools for trainers. Learners only ever download the app itself. " }
                    <a href="../deck.schema.json">{ "Deck format (JSON Schema)" }</a></p>
            </footer>
        </div>
    }
}

/// Whether focus has fallen back to the page itself (its element was removed).
fn nothing_focused() -> bool {
    let doc = env::window().and_then(|w| w.document());
    let active = doc.as_ref().and_then(|d| d.active_element());
    match (active, doc.and_then(|d| d.body())) {
        (None, _) => true,
        (Some(a), Some(body)) => a == body.into(),
        (Some(_), None) => false,
    }
}

#[derive(Properties, PartialEq)]
struct NoticesProps {
    library: UseLibraryHandle,
}

/// Whether decks are being saved, and the change that can be undone.
#[component]
fn StudioNotices(props: &NoticesProps) -> Html {
    let library = &props.library;
    let saving = match library.saving() {
        Saving::Saved => None,
        Saving::Blocked => Some("This browser blocks storage for this page, so your decks are kept only while this tab is open. Export them (My decks, Export all decks) before you close it."),
        Saving::Full => Some("The browser's storage is full: your latest changes are not saved. Export your decks now, then delete decks you no longer need; saving resumes with your next change."),
    };
    // A deleted row or deck takes the keyboard's focus with it: it goes to Undo instead.
    let undo_button = use_node_ref();
    {
        let undo_button = undo_button.clone();
        let label = library.pending_undo().map(|u| u.label.clone());
        use_effect_with(label, move |label| {
            if label.is_some() && nothing_focused() {
                env::focus(&undo_button);
            }
        });
    }
    let undo = library.pending_undo().map(|u| {
        let l = library.clone();
        let onclick = Callback::from(move |_: MouseEvent| l.undo());
        html! {
            <div class="undo-bar" data-testid="undo-bar">
                <p>{ &u.label }</p>
                <button type="button" class="button small" ref={undo_button.clone()} {onclick} data-testid="undo">{ icon(Icon::Retry) }{ "Undo" }</button>
            </div>
        }
    });
    html! {
        <div class="studio-notices" aria-live="polite">
            if let Some(text) = saving {
                <div class="notice warning" role="alert" data-testid="studio-storage">{ icon(Icon::Warning) }<p>{ text }</p></div>
            }
            { for undo }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EmbedPageProps {
    app_url: AttrValue,
    builtin: Rc<Deck>,
    library: UseLibraryHandle,
}

/// The library deck a studio hash names (`#/?library=<key>`), as the editor's "Embed or
/// package" link does.
fn library_key_in(hash: &str) -> Option<String> {
    let query = hash.split_once('?')?.1;
    query_pairs(query)
        .into_iter()
        .find(|(k, _)| k == "library")
        .map(|(_, v)| v)
}

/// The embed builder, with its deck: the built-in one, one of the trainer's decks (carried in
/// the snippet's link), or a deck file at an address (read for its categories).
#[component]
fn EmbedPage(props: &EmbedPageProps) -> Html {
    let app_url = props.app_url.clone();
    let started = use_memo((), |_| initial_settings(&env::location_parts().0));
    let (initial, ignored) = (&started.0, Rc::<[Notice]>::from(started.1.as_slice()));
    let wanted = use_state_eq(|| initial.deck.clone());
    // Each "Test the deck address" reads the deck again, even at the same address.
    let tests = use_state_eq(|| 0u32);
    let custom = use_state_eq(|| initial.deck.clone().map(Custom::Loading));
    let chosen = use_state_eq(|| library_key_in(&env::location_parts().1));
    {
        let (custom, app_url) = (custom.clone(), app_url.clone());
        // Only the latest reading is shown: an earlier one that ends later is dropped.
        let latest = use_mut_ref(|| 0u32);
        use_effect_with(((*wanted).clone(), *tests), move |(wanted, _)| {
            let reading = {
                let mut latest = latest.borrow_mut();
                *latest += 1;
                *latest
            };
            let Some(url) = wanted.clone() else {
                custom.set(None);
                return;
            };
            custom.set(Some(Custom::Loading(url.clone())));
            wasm_bindgen_futures::spawn_local(async move {
                let parsed = net::load_deck_from(&url, &app_url).await;
                if *latest.borrow() != reading {
                    return;
                }
                custom.set(Some(match parsed {
                    Ok(deck) => Custom::Ready(url, Rc::new(deck)),
                    Err(why) => Custom::Failed(url, why),
                }));
            });
        });
    }
    // The trainer's decks that can be shared: those with no problems.
    let ready: Vec<(String, Rc<Deck>, String)> = props
        .library
        .entries()
        .filter_map(|e| {
            e.draft
                .check()
                .deck
                .map(|d| (e.key.clone(), Rc::new(d), e.draft.to_json()))
        })
        .collect();
    let mine = chosen
        .as_ref()
        .and_then(|key| ready.iter().find(|(k, _, _)| k == key))
        .cloned();
    let packed = use_packed(mine.as_ref().map(|(_, _, json)| json.clone()));
    let offered: Rc<[(AttrValue, AttrValue)]> = ready
        .iter()
        .map(|(key, deck, _)| (AttrValue::from(key.clone()), AttrValue::from(deck.title.clone())))
        .collect();
    // The deck address and the categories on offer always change together, so the snippet
    // never asks a deck for another deck's categories.
    let (deck, note, deck_url) = match (&mine, &*custom) {
        (Some((_, deck, _)), _) => match packed.as_ref().map(|p| (p.as_ref(), p.fresh)) {
            Some((Ok(value), true)) => (
                deck.clone(),
                DeckNote::Custom(deck.title.clone().into()),
                Some(value.to_string()),
            ),
            Some((Err(why), _)) => (
                props.builtin.clone(),
                DeckNote::Failed(AttrValue::from(why.to_string())),
                None,
            ),
            _ => (props.builtin.clone(), DeckNote::Loading, None),
        },
        (None, Some(Custom::Ready(url, deck))) => (
            deck.clone(),
            DeckNote::Custom(deck.title.clone().into()),
            Some(url.clone()),
        ),
        (None, Some(Custom::Loading(url))) => (props.builtin.clone(), DeckNote::Loading, Some(url.clone())),
        (None, Some(Custom::Failed(url, why))) => (
            props.builtin.clone(),
            DeckNote::Failed(why.clone().into()),
            Some(url.clone()),
        ),
        (None, None) => (props.builtin.clone(), DeckNote::Builtin, None),
    };
    let deck_url = deck_url.map(AttrValue::from);
    let on_deck_url = {
        let wanted = wanted.clone();
        Callback::from(move |url: Option<String>| wanted.set(url))
    };
    let on_test_deck = {
        let (wanted, tests) = (wanted.clone(), tests.clone());
        Callback::from(move |url: String| {
            wanted.set(Some(url));
            tests.set(tests.wrapping_add(1));
        })
    };
    let on_library_choice = {
        let chosen = chosen.clone();
        Callback::from(move |key: Option<String>| chosen.set(key))
    };
    let library_choice = mine.map(|(key, _, _)| AttrValue::from(key));
    html! {
        <EmbedBuilder {app_url} {deck} deck_note={note} {deck_url} initial={initial.clone()} {ignored} {on_deck_url} {on_test_deck}
            library={offered} {library_choice} {on_library_choice} />
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
    use super::{initial_config, initial_settings, Page};

    #[test]
    fn pages_by_hash() {
        for (hash, page) in [
            ("", Page::Embed),
            ("#/", Page::Embed),
            ("#/embed", Page::Embed),
            ("#/decks", Page::Decks),
            ("#/decks/", Page::Decks),
            ("#/decks/ab12", Page::Deck("ab12".into())),
            ("#/decks/ab12?x=1", Page::Deck("ab12".into())),
            ("#/decks/a%20b", Page::Decks),
            ("#/decksx", Page::Embed),
        ] {
            assert_eq!(Page::of(hash), page, "{hash:?}");
            if hash.is_empty() || hash.ends_with("ab12") || hash == "#/decks" {
                assert_eq!(Page::of(&page.hash()), page);
            }
        }
    }

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
        // What it cannot use is handed on, for the builder to show.
        let (cfg, ignored) = initial_settings("?pass=150&n=5");
        assert_eq!((cfg.pass, cfg.n), (None, Some(5)));
        assert_eq!(
            ignored.iter().map(|n| (n.param, n.value.as_str())).collect::<Vec<_>>(),
            [("pass", "150")]
        );
    }
}
