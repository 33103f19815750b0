//! A readable error panel instead of a frozen page when the app hits a bug.
//!
//! With `panic = "abort"` the WebAssembly instance stops after a panic, so the panel is built from
//! plain DOM nodes and needs no Rust code to keep working: "Reload" is a link to the page, and
//! "Export progress" is a link to a file made from the stored progress at the time of the panic.

use crate::web::storage::KEY;
use std::panic::PanicHookInfo;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// Installs the panel as Yew's panic hook.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info: &PanicHookInfo<'_>| {
        web_sys::console::error_1(&format!("RoleCall stopped: {info}").into());
        show(&info.to_string());
    }));
}

fn el(doc: &Document, tag: &str, text: Option<&str>, attrs: &[(&str, &str)]) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    for (k, v) in attrs {
        e.set_attribute(k, v).ok()?;
    }
    Some(e)
}

/// Shows the panel with `details` under "Technical details". Everything is text nodes and
/// attributes: the message cannot inject markup.
pub fn show(details: &str) -> Option<()> {
    let window = web_sys::window()?;
    let doc = window.document()?;
    let body = doc.body()?;
    if doc.get_element_by_id("rolecall-crash").is_some() {
        return Some(());
    }
    let root = doc.document_element()?;
    root.set_attribute("data-crashed", "").ok()?;
    let panel = el(
        &doc,
        "section",
        None,
        &[
            ("id", "rolecall-crash"),
            ("class", "crash"),
            ("role", "alert"),
            ("aria-labelledby", "crash-title"),
            ("data-testid", "crash-panel"),
        ],
    )?;
    let title = el(
        &doc,
        "h1",
        Some("Something went wrong"),
        &[("id", "crash-title"), ("tabindex", "-1")],
    )?;
    let what = el(&doc, "p", Some(
        "RoleCall hit an internal error and had to stop. Your saved progress is still in this browser: reload to carry on, or export it first to be safe.",
    ), &[])?;
    let actions = el(&doc, "p", None, &[("class", "crash-actions")])?;
    let loc = window.location();
    let reload_href = format!(
        "{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    );
    let reload = el(
        &doc,
        "a",
        Some("Reload"),
        &[
            ("href", &reload_href),
            ("class", "button primary"),
            ("data-testid", "crash-reload"),
        ],
    )?;
    actions.append_child(&reload).ok()?;
    let stored = window
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten());
    if let Some(stored) = stored {
        let parts = js_sys::Array::of1(&stored.into());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        if let Some(url) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            .ok()
            .and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok())
        {
            let export = el(
                &doc,
                "a",
                Some("Export progress"),
                &[
                    ("href", &url),
                    ("download", "rolecall-progress.json"),
                    ("class", "button"),
                    ("data-testid", "crash-export"),
                ],
            )?;
            actions.append_child(&export).ok()?;
        }
    }
    let more = el(&doc, "details", None, &[])?;
    let summary = el(&doc, "summary", Some("Technical details"), &[])?;
    let pre = el(&doc, "pre", Some(details), &[])?;
    more.append_child(&summary).ok()?;
    more.append_child(&pre).ok()?;
    for child in [&title, &what, &actions, &more] {
        panel.append_child(child).ok()?;
    }
    body.insert_before(&panel, body.first_child().as_ref()).ok()?;
    title.dyn_ref::<web_sys::HtmlElement>()?.focus().ok()?;
    Some(())
}
