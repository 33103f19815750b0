//! The HTTP side of a cmi5 launch: the LMS's fetch URL, and the LRS's state and statements APIs.
//!
//! Each function makes one request and says, in words, what went wrong; the statement queue and
//! its retries (the same for every failure) live in `app::lms`.

use crate::core::cmi5::{LaunchParams, XAPI_VERSION};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCredentials, RequestInit, RequestMode, Response};

fn init(method: &str, token: Option<&str>, body: Option<&str>, keepalive: bool) -> RequestInit {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_mode(RequestMode::Cors);
    init.set_credentials(RequestCredentials::Omit);
    if let Ok(headers) = Headers::new() {
        if let Some(token) = token {
            let _ = headers.set("Authorization", &format!("Basic {token}"));
            let _ = headers.set("X-Experience-API-Version", XAPI_VERSION);
        }
        if body.is_some() {
            let _ = headers.set("Content-Type", "application/json");
        }
        init.set_headers(&headers);
    }
    if let Some(body) = body {
        init.set_body(&body.into());
    }
    if keepalive {
        // Not in web-sys's RequestInit: set on the dictionary directly.
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    }
    init
}

async fn request(url: &str, init: &RequestInit) -> Result<Response, String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(|_| "it could not be reached".to_string())?;
    response
        .dyn_into()
        .map_err(|_| "it gave an unexpected answer".to_string())
}

async fn text(response: &Response) -> String {
    match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// POSTs the fetch URL (once per launch, as cmi5 requires) and returns its body.
pub async fn fetch_token(launch: &LaunchParams) -> Result<String, String> {
    let response = request(&launch.fetch, &init("POST", None, None, false))
        .await
        .map_err(|e| format!("the LMS's token address: {e}"))?;
    // The LMS's refusals come as JSON with an error code, whatever the status.
    Ok(text(&response).await)
}

/// Reads the `LMS.LaunchData` state document.
pub async fn launch_data(launch: &LaunchParams, token: &str) -> Result<String, String> {
    let response = request(&launch.state_url(), &init("GET", Some(token), None, false))
        .await
        .map_err(|e| format!("the learning record store: {e}"))?;
    match response.status() {
        200 => Ok(text(&response).await),
        404 => Err("the course's launch data is missing (404)".into()),
        s => Err(lrs_error(s)),
    }
}

/// POSTs statements (a JSON array). With `keepalive`, the request outlives the page.
pub async fn send(launch: &LaunchParams, token: &str, statements: &str, keepalive: bool) -> Result<(), String> {
    let response = request(
        &launch.statements_url(),
        &init("POST", Some(token), Some(statements), keepalive),
    )
    .await
    .map_err(|e| format!("the learning record store: {e}"))?;
    match response.status() {
        200..=299 => Ok(()),
        s => Err(lrs_error(s)),
    }
}

/// What the LRS's error `status` means for the learner's results.
fn lrs_error(status: u16) -> String {
    match status {
        401 | 403 => format!("the learning record store refused the course's credentials ({status})"),
        s => format!("the learning record store answered {s}"),
    }
}

/// Sends statements as the page goes away: the browser finishes the request on its own.
pub fn send_on_exit(launch: &LaunchParams, token: &str, statements: &str) {
    let (launch, token, statements) = (launch.clone(), token.to_string(), statements.to_string());
    wasm_bindgen_futures::spawn_local(async move {
        let _ = send(&launch, &token, &statements, true).await;
    });
}
