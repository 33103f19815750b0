//! Custom decks: downloaded from a trainer's URL, or unpacked from the link itself; and the
//! app's own files (for the studio's LMS packages).

use crate::core::config::deck_url_allowed;
use crate::core::deck::{Deck, MAX_DECK_BYTES};
use crate::core::link;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit, RequestMode, Response};

/// Resolves `url` against `base` and checks it is http(s). Returns the absolute URL.
fn resolve(url: &str, base: &str) -> Result<String, String> {
    if !deck_url_allowed(url) {
        return Err("only http:// and https:// deck addresses can be loaded".into());
    }
    let parsed = web_sys::Url::new_with_base(url, base).map_err(|_| format!("{url:?} is not a valid address"))?;
    match parsed.protocol().as_str() {
        "http:" | "https:" => Ok(parsed.href()),
        other => Err(format!("{other} addresses cannot be loaded; use http:// or https://")),
    }
}

/// The deck a URL's `deck` value names: unpacked from the value itself when it is a deck shared
/// by link (`packed:…`, see [`super::pack`]), else downloaded from its address. The error may
/// span lines (a deck's problems), says what went wrong in words a trainer can act on, and
/// never repeats a shared deck's value.
pub async fn load_deck(value: &str) -> Result<Deck, String> {
    load_deck_from(value, &page()).await
}

/// The deck a `deck` value names, as [`load_deck`], with an address relative to `base`.
pub async fn load_deck_from(value: &str, base: &str) -> Result<Deck, String> {
    let bytes = deck_bytes(value, base).await?;
    if link::is_packed(value) {
        link::parse_unpacked(&bytes).map_err(|e| e.to_string())
    } else {
        Deck::parse(&bytes).map_err(|e| e.to_string())
    }
}

/// The bytes of the deck file a `deck` value names: unpacked from a shared link, or downloaded.
pub async fn deck_bytes(value: &str, base: &str) -> Result<Vec<u8>, String> {
    if link::is_packed(value) {
        super::pack::unpack(value).await
    } else {
        fetch_bytes_from(value, base).await
    }
}

/// The page's address, which relative deck addresses are resolved against.
fn page() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Downloads a deck file named relative to `base`. The error says what went wrong in words a
/// trainer can act on.
pub async fn fetch_bytes_from(url: &str, base: &str) -> Result<Vec<u8>, String> {
    let url = resolve(url, base)?;
    let window = web_sys::window().ok_or("no browser window")?;
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    let response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| {
            "the deck could not be downloaded: the server is unreachable, or it does not allow other sites to load the file (CORS)".to_string()
        })?;
    let response: Response = response.dyn_into().map_err(|_| "unexpected response".to_string())?;
    if !response.ok() {
        return Err(refused(&response));
    }
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_DECK_BYTES) {
        return Err(format!(
            "the deck file is {} bytes; the largest deck accepted is {MAX_DECK_BYTES} bytes (8 MiB)",
            declared.unwrap_or(0)
        ));
    }
    body(&response, "the deck could not be read").await
}

/// Downloads one of the app's own files (same origin, so any failure is the deployment's).
pub async fn fetch_own_file(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| "the network is unreachable".to_string())?;
    let response: Response = response.dyn_into().map_err(|_| "unexpected response".to_string())?;
    if !response.ok() {
        return Err(refused(&response));
    }
    body(&response, "the file could not be read").await
}

/// What a server that answered with an error status said.
fn refused(response: &Response) -> String {
    format!("the server answered {} {}", response.status(), response.status_text())
}

/// A response's body as bytes; `unreadable` says what went wrong if it cannot be read at all.
async fn body(response: &Response, unreadable: &str) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| unreadable.to_string())?)
        .await
        .map_err(|_| "the download was interrupted".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
