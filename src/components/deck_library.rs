//! "My decks": the trainer's decks in this browser, and the ways to start a new one (from
//! scratch, from a copy of the built-in deck, from a file or from a link), with the library's
//! export and import.
//!
//! Each deck shows whether it is ready to share or how many problems it has; a stored deck that
//! cannot be read is listed with its reason and its text to download, never dropped.

use super::icons::{icon, Icon};
use crate::core::draft::Draft;
use crate::core::library::{Entry, Slot};
use crate::core::text::count;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DeckLibraryProps {
    pub slots: Rc<[Rc<Slot>]>,
    /// What the last action on this page said (imports, failures), if anything.
    pub status: Option<AttrValue>,
    pub on_new: Callback<()>,
    pub on_copy_builtin: Callback<()>,
    /// A file was chosen (a deck, an exported library or a spreadsheet).
    pub on_open_file: Callback<web_sys::File>,
    /// A link was entered (a shared link or a deck file's address).
    pub on_open_link: Callback<String>,
    pub on_export: Callback<()>,
    pub on_duplicate: Callback<String>,
    pub on_delete: Callback<String>,
    /// Download a deck's file, or an unreadable entry's text.
    pub on_download: Callback<String>,
}

fn entry_card(entry: &Entry, props: &DeckLibraryProps) -> Html {
    let d: &Draft = &entry.draft;
    let problems = d.check().problems.len();
    let title = if d.title.trim().is_empty() {
        "Untitled deck".to_string()
    } else {
        d.title.clone()
    };
    let key = entry.key.clone();
    let emit = |cb: &Callback<String>| {
        let (cb, key) = (cb.clone(), key.clone());
        Callback::from(move |_: MouseEvent| cb.emit(key.clone()))
    };
    let state = if problems == 0 {
        html! { <span class="deck-state ok">{ icon(Icon::Check) }{ "Ready to share" }</span> }
    } else {
        html! { <span class="deck-state needs-work">{ icon(Icon::Warning) }{ format!("Draft: {}", count(problems, "problem", "problems")) }</span> }
    };
    html! {
        <li class="card deck-card" key={entry.key.clone()} data-testid="library-deck">
            <h2><a href={format!("#/decks/{}", entry.key)} data-testid="library-open">{ &title }</a></h2>
            <p class="muted">
                { count(d.statements.len(), "statement", "statements") }{ " \u{b7} " }
                { count(d.categories.len(), "category", "categories") }
                if !d.id.is_empty() { { " \u{b7} id " }<code>{ &d.id }</code> }
            </p>
            { state }
            <div class="actions">
                <a class="button small primary" href={format!("#/decks/{}", entry.key)} aria-label={format!("Edit {title}")}>{ icon(Icon::Pencil) }{ "Edit" }</a>
                <button type="button" class="button small" onclick={emit(&props.on_duplicate)} aria-label={format!("Duplicate {title}")}>{ icon(Icon::Copy) }{ "Duplicate" }</button>
                <button type="button" class="button small" onclick={emit(&props.on_download)} aria-label={format!("Download {title} as a deck file")}
                    disabled={problems > 0} title={(problems > 0).then_some("Fix the problems first: only a valid deck makes a deck file.")}>{ icon(Icon::Download) }{ "Deck file" }</button>
                <button type="button" class="button small danger" onclick={emit(&props.on_delete)} aria-label={format!("Delete {title}")}>{ icon(Icon::Trash) }{ "Delete" }</button>
            </div>
        </li>
    }
}

fn unreadable_card(key: &str, reason: &str, props: &DeckLibraryProps) -> Html {
    let emit = |cb: &Callback<String>| {
        let (cb, key) = (cb.clone(), key.to_string());
        Callback::from(move |_: MouseEvent| cb.emit(key.clone()))
    };
    html! {
        <li class="card deck-card unreadable" key={key.to_string()} data-testid="library-unreadable">
            <h2>{ "A saved deck that cannot be read" }</h2>
            <p>{ format!("This browser holds a deck the studio cannot read: {reason}. It is kept as it is; download its text to keep it, or delete it.") }</p>
            <div class="actions">
                <button type="button" class="button small" onclick={emit(&props.on_download)}>{ icon(Icon::Download) }{ "Download its text" }</button>
                <button type="button" class="button small danger" onclick={emit(&props.on_delete)}>{ icon(Icon::Trash) }{ "Delete" }</button>
            </div>
        </li>
    }
}

#[component]
pub fn DeckLibrary(props: &DeckLibraryProps) -> Html {
    let link = use_state(String::new);
    let on_link_input = {
        let link = link.clone();
        Callback::from(move |e: InputEvent| link.set(super::field::value_of(&e)))
    };
    let on_link_submit = {
        let (link, cb) = (link.clone(), props.on_open_link.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = link.trim().to_string();
            if !text.is_empty() {
                cb.emit(text);
            }
        })
    };
    let on_file = {
        let cb = props.on_open_file.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = crate::web::files::chosen(&e) {
                cb.emit(file);
            }
        })
    };
    let cards = props.slots.iter().map(|slot| match &**slot {
        Slot::Deck(entry) => entry_card(entry, props),
        Slot::Unreadable { key, reason, .. } => unreadable_card(key, reason, props),
    });
    let new = props.on_new.reform(|_: MouseEvent| ());
    let copy = props.on_copy_builtin.reform(|_: MouseEvent| ());
    let export = props.on_export.reform(|_: MouseEvent| ());
    let has_decks = props.slots.iter().any(|s| matches!(**s, Slot::Deck(_)));
    html! {
        <section class="screen deck-library" aria-labelledby="library-title" data-testid="deck-library">
            <h1 id="library-title">{ "My decks" }</h1>
            <p class="lead">{ "Write your own deck of statements, or adapt the built-in one. Decks are saved in this browser as you type; share one by link, with no hosting, once it has no problems." }</p>
            <div class="grid-2 library-start">
                <div class="card">
                    <h2>{ "Start a deck" }</h2>
                    <div class="actions">
                        <button type="button" class="button primary" onclick={new} data-testid="library-new">{ icon(Icon::Plus) }{ "New deck" }</button>
                        <button type="button" class="button" onclick={copy} data-testid="library-copy-builtin">{ icon(Icon::Copy) }{ "Copy the built-in deck" }</button>
                        <label class="button file-button">
                            { icon(Icon::Upload) }{ "Open a file\u{2026}" }
                            <input type="file" class="visually-hidden-input" accept=".json,.csv,.tsv,.txt,application/json,text/csv,text/tab-separated-values"
                                onchange={on_file} data-testid="library-file" />
                        </label>
                    </div>
                    <p class="muted">{ "A deck file (JSON), a spreadsheet saved as CSV (a header row naming the columns text, category, explanation, quote, speaker, difficulty, kind), or an exported library." }</p>
                    <form class="link-form" onsubmit={on_link_submit}>
                        <label class="field"><span>{ "Or open a link" }</span>
                            <input type="url" value={(*link).clone()} oninput={on_link_input} placeholder="A shared deck link, or a deck file's address"
                                data-testid="library-link" /></label>
                        <button type="submit" class="button" data-testid="library-link-open">{ icon(Icon::Link) }{ "Open" }</button>
                    </form>
                </div>
                <div class="card">
                    <h2>{ "Keep and move your decks" }</h2>
                    <p>{ "Your decks live in this browser only. Export them to one file to keep a copy or to carry them to another computer; open that file here to bring them back." }</p>
                    <div class="actions">
                        <button type="button" class="button" onclick={export} disabled={!has_decks} data-testid="library-export">{ icon(Icon::Download) }{ "Export all decks" }</button>
                    </div>
                </div>
            </div>
            <p class="status-line" role="status" data-testid="library-status">{ props.status.clone().unwrap_or_default() }</p>
            if props.slots.is_empty() {
                <p class="empty-library muted" data-testid="library-empty">{ "No decks yet. Start one above." }</p>
            } else {
                <ul class="deck-cards">{ for cards }</ul>
            }
        </section>
    }
}
