//! Files and the clipboard: exporting progress, importing it, copying text.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a file download named `name`. Returns false if the browser refused.
pub fn download(name: &str, text: &str, mime: &str) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let blob = gloo::file::Blob::new_with_options(text, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let Ok(a) = document.create_element("a") else {
        return false;
    };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return false;
    };
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // The object URL is revoked when `url` drops; the click has already started the download.
    true
}

/// The file chosen in the file input an event came from; the input is cleared, so the same
/// file can be chosen again.
pub fn chosen(e: &web_sys::Event) -> Option<web_sys::File> {
    let input = e.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// Reads an uploaded file as text (UTF-8).
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    let value = JsFuture::from(file.text())
        .await
        .map_err(|_| "the file could not be read".to_string())?;
    value
        .as_string()
        .ok_or_else(|| "the file could not be read as text".to_string())
}

/// Copies text to the clipboard. Fails where the browser or an embedding page does not allow it.
pub async fn copy(text: &str) -> Result<(), ()> {
    let clipboard = web_sys::window().ok_or(())?.navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}
