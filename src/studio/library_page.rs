//! "My decks" wired to the library: what each button of `DeckLibrary` does.
//!
//! Opening a file or a link decides what it holds (`core::library::open_json`, the spreadsheet
//! reader, a shared link) and adds a deck, or the decks of an exported library; the new deck
//! opens in the editor. Every failure is said on the page, and the library is left as it was.

use super::editor_page::file_name;
use super::library::UseLibraryHandle;
use super::Page;
use crate::components::deck_library::DeckLibrary;
use crate::core::deck::Deck;
use crate::core::draft::Draft;
use crate::core::library::{self, Opened, Slot};
use crate::core::link;
use crate::core::sheet;
use crate::core::text::unique_slug;
use crate::web::{env, files, net};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LibraryPageProps {
    pub library: UseLibraryHandle,
    pub builtin: Rc<Deck>,
    pub app_url: AttrValue,
}

/// A deck id no deck in the library has, from `base`.
fn free_id(library: &UseLibraryHandle, base: &str) -> String {
    unique_slug(base, |id| library.entries().any(|e| e.draft.id == id))
}

/// What a chosen file holds, by its name and its first character.
fn read_file(name: &str, text: &str) -> Result<Opened, String> {
    let lower = name.to_ascii_lowercase();
    let looks_json = text.trim_start_matches('\u{feff}').trim_start().starts_with('{');
    if lower.ends_with(".json") || (looks_json && !lower.ends_with(".csv") && !lower.ends_with(".tsv")) {
        return library::open_json(text);
    }
    let import = sheet::read_sheet(text);
    if import.rows.is_empty() {
        let first = import
            .problems
            .first()
            .map(|p| p.to_string())
            .unwrap_or_else(|| "it has no rows".into());
        return Err(format!("No statements could be read from the spreadsheet: {first}"));
    }
    let title = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string();
    let mut draft = Draft {
        title,
        language: "en".into(),
        ..Draft::default()
    };
    draft = draft.with_sheet(&import).0;
    Ok(Opened::Deck(draft))
}

/// The deck a link holds: a shared link's packed deck, or the deck file at an address.
async fn read_link(text: &str, app_url: &str) -> Result<Draft, String> {
    let value = link::packed_in(text).unwrap_or(text);
    if !link::is_packed(value) && !crate::core::config::deck_url_allowed(value) {
        return Err("Use a shared deck link, or the http:// or https:// address of a deck file.".into());
    }
    let bytes = net::deck_bytes(value, app_url).await?;
    let text = String::from_utf8(bytes).map_err(|_| "The deck is not UTF-8 text.".to_string())?;
    match library::open_json(&text)? {
        Opened::Deck(draft) => Ok(draft),
        Opened::Library(_) => Err("That is an exported library: open it as a file.".into()),
    }
}

#[component]
pub fn LibraryPage(props: &LibraryPageProps) -> Html {
    let status = use_state_eq(|| None::<AttrValue>);
    let library = &props.library;
    let open = |key: String| env::navigate_hash(&Page::Deck(key).hash());
    let on_new = {
        let library = library.clone();
        Callback::from(move |()| {
            let id = free_id(&library, "my-deck");
            open(library.create(Draft::blank(&id)));
        })
    };
    let on_copy_builtin = {
        let (library, builtin) = (library.clone(), props.builtin.clone());
        Callback::from(move |()| {
            let mut draft = Draft::from_deck(&builtin);
            // A copy is a new deck: its own id keeps learners' progress on the two apart.
            draft.id = free_id(&library, &format!("{}-copy", builtin.id));
            draft.title = format!("{} (copy)", builtin.title);
            open(library.create(draft));
        })
    };
    let add_opened = {
        let (library, status) = (library.clone(), status.clone());
        move |opened: Result<Opened, String>, from: &str| match opened {
            Ok(Opened::Deck(draft)) => open(library.create(draft)),
            Ok(Opened::Library(drafts)) => {
                let n = drafts.len();
                library.import(drafts);
                status.set(Some(
                    format!(
                        "Added {} from {from}.",
                        if n == 1 { "1 deck".into() } else { format!("{n} decks") }
                    )
                    .into(),
                ));
            }
            Err(e) => status.set(Some(format!("Could not open {from}: {e}").into())),
        }
    };
    let on_open_file = {
        let add_opened = add_opened.clone();
        Callback::from(move |file: web_sys::File| {
            let add_opened = add_opened.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let opened = files::read_text(&file).await.and_then(|text| read_file(&name, &text));
                add_opened(opened, &format!("\u{201c}{name}\u{201d}"));
            });
        })
    };
    let on_open_link = {
        let (add_opened, app_url, status) = (add_opened.clone(), props.app_url.clone(), status.clone());
        Callback::from(move |text: String| {
            let (add_opened, app_url) = (add_opened.clone(), app_url.clone());
            status.set(Some("Opening the link\u{2026}".into()));
            wasm_bindgen_futures::spawn_local(async move {
                let opened = read_link(&text, &app_url).await.map(Opened::Deck);
                add_opened(opened, "the link");
            });
        })
    };
    let on_export = {
        let (library, status) = (library.clone(), status.clone());
        Callback::from(move |()| {
            let entries: Vec<_> = library.entries().collect();
            let text = library::export(&entries);
            let name = format!("rolecall-decks-{}.json", crate::core::dates::date_stamp(env::now_ms()));
            if !files::download(&name, &text, "application/json") {
                status.set(Some("The browser did not allow the download.".into()));
            }
        })
    };
    let on_duplicate = {
        let library = library.clone();
        Callback::from(move |key: String| {
            if let Some(e) = library.entry(&key) {
                let mut draft = e.draft.clone();
                draft.id = free_id(&library, &draft.id);
                draft.title = format!("{} (copy)", draft.title.trim());
                library.create(draft);
            }
        })
    };
    let on_delete = {
        let library = library.clone();
        Callback::from(move |key: String| library.delete(&key))
    };
    let on_download = {
        let library = library.clone();
        Callback::from(move |key: String| {
            match library.slots.iter().find(|s| s.key() == key).map(|s| (**s).clone()) {
                Some(Slot::Deck(e)) => {
                    files::download(&file_name(&e.draft), &e.draft.to_pretty_json(), "application/json")
                }
                Some(Slot::Unreadable { raw, .. }) => {
                    files::download(&format!("rolecall-unreadable-deck-{key}.txt"), &raw, "text/plain")
                }
                None => false,
            };
        })
    };
    html! {
        <DeckLibrary slots={library.slots.iter().cloned().collect::<Rc<[_]>>()} status={(*status).clone()}
            {on_new} {on_copy_builtin} {on_open_file} {on_open_link} {on_export} {on_duplicate} {on_delete} {on_download} />
    }
}
