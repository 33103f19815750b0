//! The page that embeds the app: results out, sizes out, resize handshakes in.
//!
//! Results go only to an exact origin (the configured `parentOrigin`, else the referrer's
//! origin), never to `*`, and only when the app is framed. Size messages carry nothing personal
//! and go to `*`, as H5P's do, so hosts that do not configure anything still size the frame.
//! Incoming messages are acted on only from the parent window, from exactly the expected origin,
//! in an exactly known shape (see `core::report::HostMessage`).

use crate::core::report::{
    accept_message, error_event, h5p_message, resize_messages, results_origin, HostMessage, SetupError,
    MAX_INCOMING_BYTES,
};
use crate::web::env;
use gloo::events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, MessageEvent, ResizeObserver, Window};

/// Where messages may go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    framed: bool,
    /// The exact origin results are sent to and handshakes accepted from.
    origin: Option<String>,
}

/// A message (JSON text written by `core::report`) as the object `postMessage` sends.
fn to_js(message: &str) -> JsValue {
    js_sys::JSON::parse(message).unwrap_or(JsValue::NULL)
}

fn parent() -> Option<Window> {
    super::env::window()?.parent().ok()?
}

impl Host {
    pub fn new(parent_origin: Option<&str>) -> Host {
        let framed = env::is_framed();
        let origin = if framed {
            results_origin(parent_origin, &env::referrer())
        } else {
            None
        };
        Host { framed, origin }
    }

    pub fn is_framed(&self) -> bool {
        self.framed
    }

    /// The origin results go to, if any.
    pub fn results_origin(&self) -> Option<&str> {
        self.origin.as_deref()
    }

    /// Sends a result message (learner data) to the known origin only.
    pub fn send_result(&self, message: &str) {
        if let (true, Some(origin), Some(p)) = (self.framed, &self.origin, parent()) {
            let _ = p.post_message(&to_js(message), origin);
        }
    }

    /// Tells the trainer about a set-up error: on the console, and to the host page as
    /// `rolecall:error`. It carries nothing about the learner, so like size messages it goes to
    /// any origin: the builder's preview and hosts without `parentOrigin` must see it too.
    pub fn send_error(&self, error: &SetupError) {
        let text = match &error.detail {
            Some(detail) => format!("RoleCall set-up error ({}): {}\n{detail}", error.code, error.message),
            None => format!("RoleCall set-up error ({}): {}", error.code, error.message),
        };
        web_sys::console::error_1(&text.into());
        self.send_size(&error_event(error));
    }

    /// Sends a size message, which carries nothing personal.
    fn send_size(&self, message: &str) {
        if let (true, Some(p)) = (self.framed, parent()) {
            let _ = p.post_message(&to_js(message), "*");
        }
    }
}

/// Keeps the host informed of the content height while it lives.
pub struct Resizer {
    _observer: Option<ResizeObserver>,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
    _on_message: EventListener,
}

impl Drop for Resizer {
    fn drop(&mut self) {
        if let Some(o) = &self._observer {
            o.disconnect();
        }
    }
}

fn measure(root: &Element) -> u32 {
    root.get_bounding_client_rect().height().ceil().max(0.0) as u32
}

fn viewport_height() -> u32 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0)
        .max(0.0) as u32
}

/// Starts reporting the height of `root` in every dialect, and answers the H5P handshake.
/// Returns `None` when not framed (there is nobody to tell).
pub fn start(root: Element, host: Rc<Host>) -> Option<Resizer> {
    if !host.is_framed() {
        return None;
    }
    let window = web_sys::window()?;
    let h5p_present = Rc::new(Cell::new(false));
    let last_sent = Rc::new(Cell::new(0u32));

    let report = {
        let (host, root, h5p_present, last_sent) = (host.clone(), root.clone(), h5p_present.clone(), last_sent.clone());
        move |force: bool| {
            let height = measure(&root);
            if height == 0 || (!force && height == last_sent.get()) {
                return;
            }
            last_sent.set(height);
            for m in resize_messages(height) {
                host.send_size(&m);
            }
            if h5p_present.get() {
                host.send_size(&h5p_message("prepareResize", Some(height), Some(viewport_height())));
            }
        }
    };

    let on_resize = {
        let report = report.clone();
        Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| report(false))
    };
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        o.observe(&root);
    }

    let on_message = {
        let (host, root, h5p_present) = (host.clone(), root.clone(), h5p_present.clone());
        EventListener::new(&window, "message", move |event| {
            let Some(event) = event.dyn_ref::<MessageEvent>() else {
                return;
            };
            let from_parent = match (event.source(), parent()) {
                (Some(source), Some(p)) => js_sys::Object::is(&source, &p),
                _ => false,
            };
            if !accept_message(from_parent, &event.origin(), host.results_origin()) {
                return;
            }
            let Some(json) = js_sys::JSON::stringify(&event.data()).ok().and_then(|s| s.as_string()) else {
                return;
            };
            if json.len() > MAX_INCOMING_BYTES {
                return;
            }
            match HostMessage::parse(&json) {
                Some(HostMessage::H5pHello) => {
                    h5p_present.set(true);
                    host.send_size(&h5p_message(
                        "prepareResize",
                        Some(measure(&root)),
                        Some(viewport_height()),
                    ));
                }
                Some(HostMessage::H5pResizePrepared) => {
                    host.send_size(&h5p_message("resize", Some(measure(&root)), None));
                }
                Some(HostMessage::H5pResize) => {
                    host.send_size(&h5p_message(
                        "prepareResize",
                        Some(measure(&root)),
                        Some(viewport_height()),
                    ));
                }
                Some(HostMessage::H5pReady) => host.send_size(&h5p_message("hello", None, None)),
                None => {}
            }
        })
    };

    // Start the H5P handshake ourselves: its `ready` only reaches frames with "h5p" in their URL.
    host.send_size(&h5p_message("hello", None, None));
    report(true);
    Some(Resizer {
        _observer: observer,
        _on_resize: on_resize,
        _on_message: on_message,
    })
}
