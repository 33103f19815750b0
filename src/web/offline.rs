//! Registers the service worker that makes the app work offline after the first visit.
//!
//! The page runs under `require-trusted-types-for 'script'`, where `register()` only accepts a
//! `TrustedScriptURL`; a policy named `rolecall` (the only one the CSP allows) vouches for exactly
//! one URL, the worker next to the page. Debug builds (`trunk serve`) skip registration so that
//! development never fights a cache.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = get(target, method)?.dyn_into().ok()?;
    let args: js_sys::Array = args.iter().collect();
    f.apply(target, &args).ok()
}

/// The worker's URL as the browser wants it: trusted where Trusted Types are enforced.
fn worker_url(window: &web_sys::Window, worker: &'static str) -> Option<JsValue> {
    let Some(tt) = get(window, "trustedTypes") else {
        return Some(JsValue::from_str(worker));
    };
    let vouch = Closure::<dyn Fn(String) -> JsValue>::new(move |url: String| {
        if url == worker {
            JsValue::from_str(&url)
        } else {
            wasm_bindgen::throw_str("RoleCall only loads its own service worker")
        }
    });
    let rules = Object::new();
    Reflect::set(&rules, &"createScriptURL".into(), vouch.as_ref()).ok()?;
    // The policy lives as long as the page.
    vouch.forget();
    let policy = call(&tt, "createPolicy", &["rolecall".into(), rules.into()])?;
    call(&policy, "createScriptURL", &[worker.into()])
}

/// Registers the worker at `worker` (`./sw.js` from the app, `../sw.js` from the studio: its
/// scope is the app's folder either way) where service workers exist (secure contexts). Failures
/// are harmless: the page then simply needs the network, as any web page does.
pub fn register(worker: &'static str) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let Some(container) = get(&window.navigator(), "serviceWorker") else {
        return;
    };
    let Some(url) = worker_url(&window, worker) else { return };
    let Some(promise) = call(&container, "register", &[url]).and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) else {
        return;
    };
    // Awaiting observes a refusal, so it is not reported as an unhandled rejection.
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return;
        };
        // register() does not look for a new worker when one is installed; update() does, so a
        // new deploy is installed on the next visit rather than within a day.
        if let Some(p) = call(&registration, "update", &[]).and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
    });
}
