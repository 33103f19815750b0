//! The editor's page: one deck of the library, with its tools around the editor: adding rows
//! from a spreadsheet, the deck file, sharing by link and a live preview in the learner's app.
//!
//! The draft lives in the library (`use_library`), which saves every edit; this page checks the
//! draft with the deck parser once per change and hands the result to the editor and the tools.

use super::library::UseLibraryHandle;
use super::share::{use_packed, SharePanel};
use super::sheet_panel::SheetPanel;
use crate::components::deck_editor::DeckEditor;
use crate::components::icons::{icon, Icon};
use crate::core::draft::{Draft, Edit};
use crate::core::library::Slot;
use crate::web::{env, files};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorPageProps {
    pub library: UseLibraryHandle,
    /// The deck's library key.
    pub key_: AttrValue,
    /// The learner's app: where previews and shared links point.
    pub app_url: AttrValue,
}

/// A slot compared by identity: the library replaces a slot's `Rc` on every change, so this is
/// a cheap "has the deck changed" for memos over large decks.
#[derive(Clone)]
struct Same(Rc<Slot>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A file name made from a deck id (or "deck").
pub fn file_name(draft: &Draft) -> String {
    let id = draft.id.trim();
    let safe = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    format!("{}.json", if safe { id } else { "deck" })
}

#[component]
pub fn EditorPage(props: &EditorPageProps) -> Html {
    let slot = props
        .library
        .slots
        .iter()
        .find(|s| s.key() == props.key_.as_str())
        .cloned();
    let checked = use_memo(slot.clone().map(Same), |slot| {
        slot.as_ref().and_then(|Same(s)| match &**s {
            Slot::Deck(e) => Some(Rc::new(e.draft.check())),
            Slot::Unreadable { .. } => None,
        })
    });
    let rows_open = use_state_eq(|| false);
    let preview_open = use_state_eq(|| false);
    let valid_json = (*checked)
        .as_ref()
        .filter(|c| c.deck.is_some())
        .zip(slot.as_ref())
        .and_then(|(_, s)| match &**s {
            Slot::Deck(e) => Some(e.draft.to_json()),
            Slot::Unreadable { .. } => None,
        });
    let packed = use_packed(valid_json);
    // Arriving at a deck moves the keyboard into it: to the title of a new deck, else to the
    // page's heading, unless something already has focus.
    {
        let empty_title = match slot.as_deref() {
            Some(Slot::Deck(e)) => e.draft.title.trim().is_empty(),
            _ => false,
        };
        use_effect_with(props.key_.clone(), move |_| {
            if env::focused_id().is_none() {
                env::focus_id(if empty_title { "deck-title" } else { "editor-title" });
            }
        });
    }
    if let Some(Slot::Unreadable { reason, .. }) = slot.as_deref() {
        return html! {
            <section class="screen" data-testid="editor-unreadable">
                <h1>{ "This saved deck cannot be read" }</h1>
                <p>{ format!("The studio cannot read it: {reason}. Its text is kept as it was; download it from My decks, or delete it there.") }</p>
                <p><a class="button primary" href="#/decks">{ "Back to My decks" }</a></p>
            </section>
        };
    }
    let (Some(slot), Some(checked)) = (slot, (*checked).clone()) else {
        return html! {
            <section class="screen" data-testid="editor-missing">
                <h1>{ "This deck is not in your library" }</h1>
                <p>{ "It may have been deleted, or saved in another browser. Decks live in the browser they were written in." }</p>
                <p><a class="button primary" href="#/decks">{ "Back to My decks" }</a></p>
            </section>
        };
    };
    let Slot::Deck(entry) = &*slot else {
        return html! {};
    };
    let draft = Rc::new(entry.draft.clone());
    let key = props.key_.to_string();
    let on_edit = {
        let (library, key) = (props.library.clone(), key.clone());
        Callback::from(move |edit: Edit| library.edit(&key, edit))
    };
    let on_rows = {
        let (library, key) = (props.library.clone(), key.clone());
        let rows_open = rows_open.clone();
        Callback::from(move |(next, label): (Draft, String)| {
            library.replace(&key, next, label);
            rows_open.set(false);
        })
    };
    let toggle = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.set(!*state))
    };
    let download = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            files::download(&file_name(&draft), &draft.to_pretty_json(), "application/json");
        })
    };
    let valid = checked.deck.is_some();
    let title = if draft.title.trim().is_empty() {
        "Untitled deck".to_string()
    } else {
        draft.title.clone()
    };
    let preview_src = packed
        .as_ref()
        .and_then(|p| p.as_ref().ok())
        .map(|p| format!("{}?embed=1#/quiz?deck={p}", props.app_url));
    html! {
        <section class={classes!("screen", "editor-page", preview_open.then_some("with-preview"))} aria-labelledby="editor-title" data-testid="editor-page">
            <p class="breadcrumb"><a href="#/decks">{ icon(Icon::Arrow) }{ "My decks" }</a></p>
            <div class="editor-title">
                <h1 id="editor-title" tabindex="-1">{ &title }</h1>
                <div class="actions">
                    <button type="button" class="button" onclick={toggle(&rows_open)} aria-expanded={rows_open.to_string()}
                        data-testid="open-rows">{ icon(Icon::Upload) }{ "Add rows from a spreadsheet" }</button>
                    <button type="button" class="button" onclick={toggle(&preview_open)} aria-expanded={preview_open.to_string()}
                        data-testid="open-preview">{ icon(Icon::Eye) }{ if *preview_open { "Hide the preview" } else { "Preview" } }</button>
                    <button type="button" class="button" onclick={download} disabled={!valid}
                        title={(!valid).then_some("Fix the problems first: only a valid deck makes a deck file.")}
                        data-testid="download-deck">{ icon(Icon::Download) }{ "Deck file" }</button>
                </div>
            </div>
            if *rows_open {
                <SheetPanel draft={draft.clone()} on_done={on_rows} on_cancel={toggle(&rows_open)} />
            }
            <div class="editor-layout">
                <DeckEditor draft={draft.clone()} checked={checked.clone()} {on_edit} />
                <aside class="editor-side">
                    if *preview_open {
                        <section class="card preview-card" aria-labelledby="editor-preview-title">
                            <h2 id="editor-preview-title">{ "Preview" }</h2>
                            if let Some(src) = preview_src {
                                <div class="preview-frame">
                                    <iframe src={src} title={format!("Preview of {title}")} data-testid="editor-preview"></iframe>
                                </div>
                            } else if !valid {
                                <p class="muted">{ "The preview plays the deck once it has no problems." }</p>
                            } else {
                                <p class="muted" role="status">{ "Preparing the preview\u{2026}" }</p>
                            }
                        </section>
                    }
                    <SharePanel app_url={props.app_url.clone()} library_key={props.key_.clone()} problems={checked.problems.len()}
                        packed={packed.clone()} deck_file={file_name(&draft)} />
                </aside>
            </div>
        </section>
    }
}
