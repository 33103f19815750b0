//! "Add rows from a spreadsheet": cells pasted from a spreadsheet, or a CSV file, read by
//! `core::sheet` and added to the deck in the editor.
//!
//! What the rows hold is shown before anything changes: how many statements are ready, the
//! categories they bring, and each bad row with its row and column. Adding keeps the good rows;
//! the change can be undone.

use crate::components::field::value_of;
use crate::components::icons::{icon, Icon};
use crate::core::draft::Draft;
use crate::core::sheet::{read_sheet, SheetImport};
use crate::web::files;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SheetPanelProps {
    pub draft: Rc<Draft>,
    /// The deck with the rows added, and what undoing it would bring back.
    pub on_done: Callback<(Draft, String)>,
    pub on_cancel: Callback<MouseEvent>,
}

/// How many problems are listed before "and N more".
const LISTED: usize = 20;

fn separator_name(c: char) -> &'static str {
    match c {
        '\t' => "tabs (pasted cells)",
        ';' => "semicolons",
        _ => "commas",
    }
}

#[component]
pub fn SheetPanel(props: &SheetPanelProps) -> Html {
    let text = use_state(String::new);
    let error = use_state_eq(|| None::<String>);
    let import: Rc<Option<SheetImport>> = use_memo((*text).clone(), |t| (!t.trim().is_empty()).then(|| read_sheet(t)));
    let on_paste = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(value_of(&e)))
    };
    let on_file = {
        let (text, error) = (text.clone(), error.clone());
        Callback::from(move |e: Event| {
            let Some(file) = files::chosen(&e) else {
                return;
            };
            let (text, error) = (text.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match files::read_text(&file).await {
                    Ok(t) => {
                        error.set(None);
                        text.set(t);
                    }
                    Err(e) => error.set(Some(format!("Could not read \u{201c}{}\u{201d}: {e}.", file.name()))),
                }
            });
        })
    };
    let result = (*import).as_ref().map(|import| {
        let rows = import.rows.len();
        let new_categories: Vec<&str> = import
            .categories
            .iter()
            .filter(|c| {
                !props.draft.categories.iter().any(|d| {
                    d.id.eq_ignore_ascii_case(&c.id) || d.label.trim().eq_ignore_ascii_case(c.label.trim())
                })
            })
            .map(|c| c.label.as_str())
            .collect();
        let problems = import.problems.iter().take(LISTED).map(|p| html! { <li>{ p.to_string() }</li> });
        let add = {
            let (draft, on_done, import) = (props.draft.clone(), props.on_done.clone(), import.clone());
            Callback::from(move |_: MouseEvent| {
                let (next, _, left_out) = draft.with_sheet(&import);
                let added = import.rows.len() - left_out;
                let label = if added == 1 {
                    "1 statement added from the spreadsheet.".to_string()
                } else {
                    format!("{added} statements added from the spreadsheet.")
                };
                on_done.emit((next, label));
            })
        };
        html! {
            <div class="sheet-result" data-testid="sheet-result">
                <p role="status">
                    <strong>{ if rows == 1 { "1 statement ready".to_string() } else { format!("{rows} statements ready") } }</strong>
                    { format!(", read with {} as separators.", separator_name(import.separator)) }
                    if !new_categories.is_empty() {
                        { format!(" New categories: {}.", new_categories.join(", ")) }
                    }
                </p>
                if !import.problems.is_empty() {
                    <div class="sheet-problems" role="alert">
                        <p>{ icon(Icon::Warning) }<strong>{ format!("{} left out:", if import.problems.len() == 1 { "1 problem; its row is".to_string() } else { format!("{} problems; their rows are", import.problems.len()) }) }</strong></p>
                        <ul data-testid="sheet-problems">{ for problems }</ul>
                        if import.problems.len() > LISTED {
                            <p class="muted">{ format!("and {} more", import.problems.len() - LISTED) }</p>
                        }
                    </div>
                }
                <div class="actions">
                    <button type="button" class="button primary" onclick={add} disabled={rows == 0} data-testid="sheet-add">
                        { icon(Icon::Plus) }{ if rows == 1 { "Add 1 statement".to_string() } else { format!("Add {rows} statements") } }</button>
                    <button type="button" class="button" onclick={props.on_cancel.clone()}>{ "Cancel" }</button>
                </div>
            </div>
        }
    });
    html! {
        <section class="card sheet-panel" aria-labelledby="sheet-title" data-testid="sheet-panel">
            <h2 id="sheet-title">{ "Add rows from a spreadsheet" }</h2>
            <p>{ "Copy cells in your spreadsheet, header row included, and paste them here; or choose a CSV file. The header names the columns: " }
                <code>{ "text" }</code>{ ", " }<code>{ "category" }</code>{ ", and optionally " }<code>{ "explanation" }</code>{ ", " }
                <code>{ "quote" }</code>{ ", " }<code>{ "speaker" }</code>{ " (who says the quote), " }<code>{ "difficulty" }</code>{ " (1 to 3) and " }<code>{ "kind" }</code>{ " (claim or scenario), in any order. New categories are made from the values found." }</p>
            <label class="field"><span>{ "Pasted cells" }</span>
                <textarea rows="6" class="code" value={(*text).clone()} oninput={on_paste} data-testid="sheet-paste"
                    placeholder={"text\tcategory\texplanation\nWe automate the release pipeline.\tDevOps\tDelivery is the DevOps focus."} /></label>
            <label class="button file-button">
                { icon(Icon::Upload) }{ "Choose a CSV file\u{2026}" }
                <input type="file" class="visually-hidden-input" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
                    onchange={on_file} data-testid="sheet-file" />
            </label>
            if let Some(e) = &*error {
                <p class="inline-error" role="alert">{ icon(Icon::Warning) }{ e }</p>
            }
            { for result }
        </section>
    }
}
