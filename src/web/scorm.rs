//! The LMS's SCORM API object: found the standard way, called defensively.
//!
//! An LMS that plays a SCORM package puts an API object on one of the package's ancestor windows
//! (or on the window that opened it): `API_1484_11` for SCORM 2004, `API` for SCORM 1.2. The
//! search walks `window.parent` up to the top, then `opener` and its parents; a window from
//! another origin throws on access and is skipped. Every call's result is checked, with the
//! LMS's error code and text when it fails; an API that throws is an error, never a panic.

use crate::core::scorm::{Call, Version};
use crate::web::env;
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// How many ancestors the search climbs at most (a frame nested deeper is not an LMS's).
const MAX_LEVELS: usize = 64;

/// A SCORM run-time and its version.
pub struct Api {
    object: Object,
    pub version: Version,
}

/// A failed call: what was asked, and the LMS's code and words for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError(pub String);

impl Api {
    /// Looks for SCORM 2004's API, then SCORM 1.2's, on this window, its ancestors and its
    /// opener's.
    pub fn find() -> Option<Api> {
        let window: JsValue = env::window()?.into();
        let opener = Reflect::get(&window, &"opener".into()).ok().filter(|o| o.is_object());
        [Version::V2004, Version::V12].into_iter().find_map(|version| {
            let on = |start: &JsValue| search(start, version.api_name());
            let object = on(&window).or_else(|| opener.as_ref().and_then(on))?;
            Some(Api { object, version })
        })
    }

    fn call(&self, call: Call, args: &[&str]) -> Result<String, ApiError> {
        let name = self.version.call(call);
        let function: Function = Reflect::get(&self.object, &name.into())
            .ok()
            .filter(JsValue::is_function)
            .map(JsCast::unchecked_into)
            .ok_or_else(|| ApiError(format!("the LMS has no {name} call")))?;
        let result = match args {
            [] => function.call1(&self.object, &"".into()),
            [a] => function.call1(&self.object, &(*a).into()),
            [a, b, ..] => function.call2(&self.object, &(*a).into(), &(*b).into()),
        };
        match result {
            Ok(v) => Ok(v.as_string().unwrap_or_else(|| match v.as_bool() {
                Some(b) => b.to_string(),
                None => v.as_f64().map(|n| n.to_string()).unwrap_or_default(),
            })),
            Err(_) => Err(ApiError(format!("the LMS's {name} call failed"))),
        }
    }

    /// The LMS's last error code ("0" for none).
    fn last_error(&self) -> String {
        self.call(Call::GetLastError, &[]).unwrap_or_else(|_| "0".into())
    }

    /// Describes a call that did not succeed, with the LMS's error code and text.
    fn error(&self, what: &str) -> ApiError {
        let code = self.last_error();
        let text = self.call(Call::GetErrorString, &[&code]).unwrap_or_default();
        let text = text.trim();
        ApiError(if text.is_empty() {
            format!("{what} (error {code})")
        } else {
            format!("{what} (error {code}: {text})")
        })
    }

    /// A call whose answer is "true" on success.
    fn expect_true(&self, call: Call, args: &[&str], what: &str) -> Result<(), ApiError> {
        match self.call(call, args)?.as_str() {
            "true" => Ok(()),
            _ => Err(self.error(what)),
        }
    }

    pub fn initialize(&self) -> Result<(), ApiError> {
        self.expect_true(Call::Initialize, &[], "the LMS did not start the session")
    }

    /// Reads an element. An element the LMS leaves unset reads as empty.
    pub fn get(&self, element: &str) -> Result<String, ApiError> {
        let value = self.call(Call::GetValue, &[element])?;
        match self.last_error().as_str() {
            // 403 (2004): "not initialized", i.e. no value yet.
            "0" | "403" => Ok(value),
            _ => Err(self.error(&format!("the LMS could not read {element}"))),
        }
    }

    pub fn set(&self, element: &str, value: &str) -> Result<(), ApiError> {
        self.expect_true(
            Call::SetValue,
            &[element, value],
            &format!("the LMS did not accept {element}"),
        )
    }

    pub fn commit(&self) -> Result<(), ApiError> {
        self.expect_true(Call::Commit, &[], "the LMS did not save the session")
    }

    pub fn terminate(&self) -> Result<(), ApiError> {
        self.expect_true(Call::Terminate, &[], "the LMS did not close the session")
    }
}

/// `name` on `start` or one of its ancestors, if it is an object.
fn search(start: &JsValue, name: &str) -> Option<Object> {
    let mut current = start.clone();
    for _ in 0..MAX_LEVELS {
        // A window from another origin throws here: it cannot be the LMS's, so look higher.
        if let Ok(api) = Reflect::get(&current, &name.into()) {
            // Not `dyn_into`: the object comes from another window, whose `Object` is not ours.
            if api.is_object() {
                return Some(api.unchecked_into());
            }
        }
        let parent = Reflect::get(&current, &"parent".into()).ok()?;
        if !parent.is_object() || Object::is(&parent, &current) {
            return None;
        }
        current = parent;
    }
    None
}
