//! Clock, randomness, location and small DOM chores.

use crate::core::cards::Clock;
use crate::core::config::Route;
use crate::core::progress::Theme;
use crate::core::report::uuid_v4;
use crate::core::rng::seed_from;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, Window};

/// The browser window. On the host (the build's pre-rendering of the first screens) there is
/// none, and every function here falls back to what a first visit with no URL settings sees.
pub fn window() -> Option<Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    return None;
}

/// Milliseconds since the epoch.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Date::now() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    return std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
}

/// The current time and the learner's UTC offset, for "today" in the learner's time zone.
pub fn clock() -> Clock {
    // getTimezoneOffset is UTC minus local, in minutes.
    #[cfg(target_arch = "wasm32")]
    let offset_min = js_sys::Date::new_0().get_timezone_offset();
    #[cfg(not(target_arch = "wasm32"))]
    let offset_min = 0.0;
    Clock {
        now_ms: now_ms(),
        utc_offset_ms: (-offset_min * 60_000.0) as i64,
    }
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static HOST_LOCATION: std::cell::RefCell<(String, String)> = Default::default();
}

/// On the host, the query string and hash the pre-rendered page stands for.
#[cfg(not(target_arch = "wasm32"))]
pub fn set_host_location(search: &str, hash: &str) {
    HOST_LOCATION.with(|l| *l.borrow_mut() = (search.to_string(), hash.to_string()));
}

/// 16 random bytes from the browser's CSPRNG, or from `Math.random` where that is missing.
pub fn random_bytes() -> [u8; 16] {
    let mut b = [0u8; 16];
    let filled = window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut b).is_ok());
    // (The host, which pre-renders pages, has neither and needs no randomness.)
    if !filled && cfg!(target_arch = "wasm32") {
        for x in b.iter_mut() {
            *x = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    b
}

/// A fresh RFC 4122 v4 UUID.
pub fn new_uuid() -> String {
    uuid_v4(random_bytes())
}

/// A fresh, short quiz seed.
pub fn new_seed() -> u64 {
    let b = random_bytes();
    seed_from(u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
}

/// The page's query string and hash (both with their leading `?` / `#`).
/// The settings an LMS launched the app with, read as if they followed the page's query string.
pub fn location_parts() -> (String, String) {
    let (search, hash) = page_location();
    let launch = LAUNCH_QUERY.with(|q| q.borrow().clone());
    if launch.is_empty() {
        return (search, hash);
    }
    let search = if search.len() > 1 {
        format!("{search}&{launch}")
    } else {
        format!("?{launch}")
    };
    (search, hash)
}

fn page_location() -> (String, String) {
    #[cfg(not(target_arch = "wasm32"))]
    return HOST_LOCATION.with(|l| l.borrow().clone());
    #[cfg(target_arch = "wasm32")]
    {
        let loc = window().map(|w| w.location());
        let get = |f: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
            loc.as_ref().and_then(|l| f(l).ok()).unwrap_or_default()
        };
        (get(web_sys::Location::search), get(web_sys::Location::hash))
    }
}

thread_local! {
    static LAUNCH_QUERY: std::cell::RefCell<String> = Default::default();
}

/// Adds the settings an LMS launched the app with (its launch data, in the URL query form) to
/// the page's own, once, before the app starts. They come after the page's, so they win.
pub fn set_launch_query(query: &str) {
    LAUNCH_QUERY.with(|q| *q.borrow_mut() = query.to_string());
}

/// Leaves the app for `url` (an LMS's return address).
pub fn go_to(url: &str) {
    if let Some(w) = window() {
        let _ = w.location().assign(url);
    }
}

/// `relative` resolved against the page's address, e.g. `../` from the studio is the learner's app.
pub fn resolve_url(relative: &str) -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .and_then(|base| web_sys::Url::new_with_base(relative, &base).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| relative.to_string())
}

/// The studio's address for this page: `studio/` with the page's query string (its deck and
/// settings), and the query of an old `#/embed?…` link.
pub fn studio_url() -> String {
    let (search, hash) = location_parts();
    let hash_query = hash.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let query = [search.trim_start_matches('?'), hash_query]
        .into_iter()
        .filter(|q| !q.is_empty())
        .collect::<Vec<_>>()
        .join("&");
    if query.is_empty() {
        "studio/".into()
    } else {
        format!("studio/?{query}")
    }
}

/// Leaves for the studio, replacing this history entry (whose hash only led there).
pub fn open_studio() {
    if let Some(w) = window() {
        let _ = w.location().replace(&studio_url());
    }
}

/// The app's address without query or hash, e.g. `https://host.example/training/rolecall/`.
pub fn app_url() -> String {
    window()
        .map(|w| w.location())
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default()
}

pub fn origin() -> String {
    window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

pub fn referrer() -> String {
    window()
        .and_then(|w| w.document())
        .map(|d| d.referrer())
        .unwrap_or_default()
}

/// True when the app runs inside a frame.
pub fn is_framed() -> bool {
    window()
        .and_then(|w| {
            let parent = w.parent().ok()??;
            Some(!js_sys::Object::is(&parent, &w))
        })
        .unwrap_or(false)
}

/// Goes to a route, adding a history entry (so the back button works).
pub fn navigate(route: &Route) {
    navigate_hash(&href(route));
}

/// The link to a screen from this page: the route's hash, keeping a deck shared in the page's
/// hash (see `Route::hash_keeping`), so that a reload on any screen still opens that deck.
pub fn href(route: &Route) -> String {
    route.hash_keeping(&page_location().1)
}

/// Goes to a hash such as `#/quiz?seed=3`.
pub fn navigate_hash(hash: &str) {
    if let Some(w) = window() {
        if w.location().hash().ok().as_deref() != Some(hash) {
            let _ = w.location().set_hash(hash);
        }
    }
}

/// Applies the colour theme to the document (`data-theme` on `<html>`).
pub fn apply_theme(theme: Theme) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
}

/// Sets a boolean marker attribute on `<html>` (such as `data-embed` or `data-ready`).
pub fn set_root_flag(name: &str, on: bool) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = if on {
            root.set_attribute(name, "")
        } else {
            root.remove_attribute(name)
        };
    }
}

/// Sets (or, with `None`, removes) an attribute on `<html>`, such as `data-lms="scorm12"`.
pub fn set_root_attr(name: &str, value: Option<&str>) {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Moves keyboard focus to an element, if it is on the page.
pub fn focus(node: &yew::NodeRef) {
    if let Some(el) = node.cast::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// A click handler that emits `value` on `cb`. One closure type for every button that only
/// forwards its click, so the wasm carries one copy of it per value type rather than per button.
pub fn emit_on_click<T: Clone + 'static>(cb: &yew::Callback<T>, value: T) -> yew::Callback<web_sys::MouseEvent> {
    let cb = cb.clone();
    yew::Callback::from(move |_: web_sys::MouseEvent| cb.emit(value.clone()))
}

/// Moves keyboard focus to `node` after a render in which `key` changed (and after the first).
/// One hook with one key type for every component that does this, so the wasm carries one copy
/// of the effect rather than one per component.
#[yew::hook]
pub fn use_focus_on(key: (usize, usize), node: &yew::NodeRef) {
    let node = node.clone();
    yew::use_effect_with(key, move |_| focus(&node));
}

/// Whether the device asks for dark colours (`prefers-color-scheme: dark`).
pub fn device_prefers_dark() -> bool {
    window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Scrolls the page so the top of `node` shows, if it is above the top of the window (a face
/// of a flashcard turned while the learner was scrolled down to its buttons). Nothing moves
/// when its top is already in view.
pub fn reveal_top(node: &yew::NodeRef) {
    if let Some(el) = node.cast::<web_sys::Element>() {
        if el.get_bounding_client_rect().top() < 0.0 {
            el.scroll_into_view_with_bool(true);
        }
    }
}

/// Marks the page as used with a keyboard (`data-keyboard` on the root element): from then on
/// the stylesheet shows key hints on touch screens too, which hide them until a key is pressed.
pub fn note_keyboard() {
    if let Some(root) = window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        if !root.has_attribute("data-keyboard") {
            let _ = root.set_attribute("data-keyboard", "");
        }
    }
}

/// Moves keyboard focus to the first element matching a CSS selector, if there is one.
pub fn focus_selector(selector: &str) {
    let found = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(el) = found {
        let _ = el.focus();
    }
}

/// Moves keyboard focus to the element with this id, if it is on the page.
pub fn focus_id(id: &str) {
    if let Some(el) = by_id::<HtmlElement>(id) {
        let _ = el.focus();
    }
}

/// The element with this id, if it is on the page and of type `T`.
fn by_id<T: JsCast>(id: &str) -> Option<T> {
    window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
}

/// Selects the text of the input with this id, so that typing replaces it.
pub fn select_id(id: &str) {
    if let Some(input) = by_id::<web_sys::HtmlInputElement>(id) {
        input.select();
    }
}

/// The id of the element with focus, if it has one.
pub fn focused_id() -> Option<String> {
    let id = window()?.document()?.active_element()?.id();
    (!id.is_empty()).then_some(id)
}

/// Whether the element with focus is a text field (where single-key shortcuts must not fire).
pub fn typing_in_field(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        })
}

/// Whether the event target natively handles Enter and Space (buttons, links, summaries).
pub fn activates_on_enter(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A" | "SUMMARY"))
}
