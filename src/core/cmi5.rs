//! cmi5: RoleCall as an assignable unit (AU) that reports to the LMS's Learning Record Store.
//!
//! An LMS that speaks cmi5 launches the AU with five query parameters ([`LaunchParams`]). The AU
//! fetches an auth token once, reads the `LMS.LaunchData` state document ([`LaunchData`]), then
//! sends statements in the order the specification requires: `Initialized`, the learner's
//! `answered` statements, `Passed` or `Failed` and `Completed` as they are earned (never in the
//! Browse and Review launch modes), and `Terminated` last. Every statement carries the launch's
//! actor, the registration and the LMS's context template; those the cmi5 specification defines
//! also carry its category activity (and, for the ones that can satisfy the LMS's "move on"
//! rule, the moveOn category).
//!
//! Everything here is pure: the shell (`web::cmi5`) does the HTTP and keeps the queue.

use super::config::query_pairs;
use super::dates::iso_timestamp;
use super::json;
use super::quiz::Results;
use super::report::iso_duration;
use super::text::clip;
use serde_json::{Map, Number, Value};

const CATEGORY_CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const CATEGORY_MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
const EXT_MASTERY: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
pub const STATE_ID: &str = "LMS.LaunchData";
/// The xAPI version cmi5 requires, sent with every request to the LRS.
pub const XAPI_VERSION: &str = "1.0.3";

/// The query parameters an LMS launches a cmi5 AU with.
#[derive(Clone, Debug, PartialEq)]
pub struct LaunchParams {
    /// The LRS's base address, ending in `/`.
    pub endpoint: String,
    /// Where to POST, once, for the auth token.
    pub fetch: String,
    /// The learner (an xAPI Agent), as the LMS sent it.
    pub actor: Value,
    /// The actor as JSON text, for the state API's `agent` parameter.
    pub actor_json: String,
    pub registration: String,
    pub activity_id: String,
}

impl LaunchParams {
    /// Reads the launch from the page's query string: `None` when this is not a cmi5 launch
    /// (no `endpoint` and no `fetch`), an error naming what is wrong when it is a broken one.
    pub fn from_query(search: &str) -> Option<Result<LaunchParams, String>> {
        let pairs = query_pairs(search);
        let get = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_string())
        };
        let (endpoint, fetch) = (get("endpoint"), get("fetch"));
        if endpoint.is_none() && fetch.is_none() {
            return None;
        }
        Some((|| {
            let need = |name: &str| {
                get(name)
                    .filter(|v| !v.is_empty())
                    .ok_or(format!("the launch has no {name}"))
            };
            let endpoint = need("endpoint")?;
            let fetch = need("fetch")?;
            for (name, url) in [("endpoint", &endpoint), ("fetch", &fetch)] {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(format!("the launch's {name} is not an http(s) address"));
                }
            }
            let actor_json = need("actor")?;
            let actor = json::parse(&actor_json)
                .ok()
                .filter(|a| {
                    a.get("account").is_some_and(Value::is_object) || a.get("mbox").is_some_and(Value::is_string)
                })
                .ok_or("the launch's actor is not an xAPI agent")?;
            let registration = need("registration")?;
            if !is_uuid(&registration) {
                return Err("the launch's registration is not a UUID".into());
            }
            let activity_id = need("activityId")?;
            let endpoint = if endpoint.ends_with('/') {
                endpoint
            } else {
                format!("{endpoint}/")
            };
            Ok(LaunchParams {
                endpoint,
                fetch,
                actor,
                actor_json,
                registration,
                activity_id,
            })
        })())
    }

    /// The address of the `LMS.LaunchData` state document.
    pub fn state_url(&self) -> String {
        use super::config::percent_encode as enc;
        format!(
            "{}activities/state?stateId={}&activityId={}&agent={}&registration={}",
            self.endpoint,
            STATE_ID,
            enc(&self.activity_id),
            enc(&self.actor_json),
            enc(&self.registration)
        )
    }

    pub fn statements_url(&self) -> String {
        format!("{}statements", self.endpoint)
    }
}

/// Reads the fetch URL's answer: the token, or the LMS's error.
pub fn auth_token(body: &str) -> Result<String, String> {
    let v = json::parse(body).map_err(|_| "the LMS's token answer is not JSON".to_string())?;
    if let Some(token) = v.get("auth-token").and_then(Value::as_str).filter(|t| !t.is_empty()) {
        return Ok(token.to_string());
    }
    let text = v
        .get("error-text")
        .and_then(Value::as_str)
        .unwrap_or("no token was given");
    Err(format!("the LMS refused the launch: {}", clip(text, 120)))
}

/// How the LMS launched the AU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaunchMode {
    Normal,
    /// Without credit: nothing may be passed, failed or completed.
    Browse,
    /// A look back at a finished AU: likewise.
    Review,
}

/// The LMS's `LMS.LaunchData` state document.
#[derive(Clone, Debug, PartialEq)]
pub struct LaunchData {
    pub context_template: Map<String, Value>,
    pub mode: LaunchMode,
    /// The scaled score that passes, 0 to 1.
    pub mastery: Option<f64>,
    pub move_on: String,
    pub return_url: Option<String>,
    /// RoleCall's settings, in the URL query form.
    pub launch_parameters: String,
}

impl LaunchData {
    pub fn parse(body: &str) -> Result<LaunchData, String> {
        let v = json::parse(body).map_err(|_| "its launch data is not JSON".to_string())?;
        let context_template = v
            .get("contextTemplate")
            .and_then(Value::as_object)
            .cloned()
            .ok_or("its launch data has no context template")?;
        let mode = match v.get("launchMode").and_then(Value::as_str) {
            Some("Normal") => LaunchMode::Normal,
            Some("Browse") => LaunchMode::Browse,
            Some("Review") => LaunchMode::Review,
            _ => return Err("its launch data has no valid launch mode".into()),
        };
        let mastery = match v.get("masteryScore") {
            None | Some(Value::Null) => None,
            Some(m) => Some(
                m.as_f64()
                    .filter(|m| (0.0..=1.0).contains(m))
                    .ok_or("its mastery score is not a number from 0 to 1")?,
            ),
        };
        let text = |key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let return_url = text("returnURL").filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        Ok(LaunchData {
            context_template,
            mode,
            mastery,
            move_on: text("moveOn").unwrap_or_else(|| "NotApplicable".into()),
            return_url,
            launch_parameters: text("launchParameters").unwrap_or_default(),
        })
    }

    /// The pass mark in whole percent the mastery score sets, if any.
    pub fn pass_mark(&self) -> Option<u8> {
        self.mastery.map(|m| (m * 100.0).ceil() as u8)
    }
}

/// What every statement of one launch shares.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub launch: LaunchParams,
    pub data: LaunchData,
}

/// A statement to send: its id (a fresh UUID) and time are given by the shell.
pub struct Stamp<'a> {
    pub id: &'a str,
    pub at_ms: i64,
}

impl Session {
    /// Whether this launch may pass, fail or complete the AU.
    pub fn counts(&self) -> bool {
        self.data.mode == LaunchMode::Normal
    }

    /// `Initialized`: the first statement.
    pub fn initialized(&self, stamp: &Stamp) -> String {
        self.defined(stamp, "initialized", Map::new(), false)
    }

    /// `Passed` or `Failed` for a finished quiz: the scaled score against the mastery score
    /// (else the quiz's own pass mark).
    pub fn judged(&self, stamp: &Stamp, results: &Results, duration_ms: u64) -> String {
        let score = results.score;
        let scaled = if score.total == 0 {
            0.0
        } else {
            score.correct as f64 / score.total as f64
        };
        let passed = match self.data.mastery {
            Some(m) => scaled >= m,
            None => results.passed,
        };
        let mut result = Map::new();
        let mut s = Map::new();
        s.insert("scaled".into(), number(scaled));
        s.insert("raw".into(), Value::from(score.correct as u64));
        s.insert("min".into(), Value::from(0u64));
        s.insert("max".into(), Value::from(score.total as u64));
        result.insert("score".into(), Value::Object(s));
        result.insert("success".into(), Value::Bool(passed));
        result.insert("duration".into(), Value::String(iso_duration(duration_ms)));
        self.defined(stamp, if passed { "passed" } else { "failed" }, result, true)
    }

    /// `Completed`: the learner went through the whole quiz.
    pub fn completed(&self, stamp: &Stamp, duration_ms: u64) -> String {
        let mut result = Map::new();
        result.insert("completion".into(), Value::Bool(true));
        result.insert("duration".into(), Value::String(iso_duration(duration_ms)));
        self.defined(stamp, "completed", result, true)
    }

    /// `Terminated`: the last statement, with the session's length.
    pub fn terminated(&self, stamp: &Stamp, session_ms: u64) -> String {
        let mut result = Map::new();
        result.insert("duration".into(), Value::String(iso_duration(session_ms)));
        self.defined(stamp, "terminated", result, false)
    }

    /// An xAPI statement RoleCall wrote (`core::report`), made a cmi5 "allowed" statement: the
    /// launch's actor, and the context template with the registration. `None` if it is not a
    /// statement.
    pub fn allowed(&self, statement: &str) -> Option<String> {
        let mut v = json::parse(statement).ok()?;
        let map = v.as_object_mut()?;
        map.insert("actor".into(), self.launch.actor.clone());
        // RoleCall's own context extensions (attempt number, pass mark) are kept beside the
        // template's.
        let own = map
            .get("context")
            .and_then(|c| c.get("extensions"))
            .and_then(Value::as_object)
            .cloned();
        let mut context = self.context(false);
        if let Some(own) = own {
            let ext = context.entry("extensions").or_insert_with(|| Value::Object(Map::new()));
            if let Some(ext) = ext.as_object_mut() {
                for (k, v) in own {
                    ext.entry(k).or_insert(v);
                }
            }
        }
        map.insert("context".into(), Value::Object(context));
        Some(json::to_string(&v))
    }

    /// The context template, with the registration and, for cmi5-defined statements, the cmi5
    /// category (and the moveOn category, and the mastery score, where the spec asks).
    fn context(&self, judged: bool) -> Map<String, Value> {
        let mut context = self.data.context_template.clone();
        context.insert("registration".into(), Value::String(self.launch.registration.clone()));
        if judged {
            if let Some(m) = self.data.mastery {
                let ext = context.entry("extensions").or_insert_with(|| Value::Object(Map::new()));
                if let Some(ext) = ext.as_object_mut() {
                    ext.insert(EXT_MASTERY.into(), number(m));
                }
            }
        }
        context
    }

    fn defined(&self, stamp: &Stamp, verb: &str, result: Map<String, Value>, moves_on: bool) -> String {
        let mut context = self.context(verb == "passed" || verb == "failed");
        let activities = context
            .entry("contextActivities")
            .or_insert_with(|| Value::Object(Map::new()));
        if !activities.is_object() {
            *activities = Value::Object(Map::new());
        }
        if let Some(activities) = activities.as_object_mut() {
            let category = activities.entry("category").or_insert_with(|| Value::Array(Vec::new()));
            if !category.is_array() {
                *category = Value::Array(Vec::new());
            }
            if let Some(list) = category.as_array_mut() {
                list.push(activity(CATEGORY_CMI5));
                if moves_on {
                    list.push(activity(CATEGORY_MOVEON));
                }
            }
        }
        let mut display = Map::new();
        display.insert("en-US".into(), Value::String(verb.into()));
        let mut verb_obj = Map::new();
        verb_obj.insert(
            "id".into(),
            Value::String(format!("http://adlnet.gov/expapi/verbs/{verb}")),
        );
        verb_obj.insert("display".into(), Value::Object(display));
        let mut object = Map::new();
        object.insert("objectType".into(), Value::String("Activity".into()));
        object.insert("id".into(), Value::String(self.launch.activity_id.clone()));
        let mut s = Map::new();
        s.insert("id".into(), Value::String(stamp.id.into()));
        s.insert("timestamp".into(), Value::String(iso_timestamp(stamp.at_ms)));
        s.insert("actor".into(), self.launch.actor.clone());
        s.insert("verb".into(), Value::Object(verb_obj));
        s.insert("object".into(), Value::Object(object));
        if !result.is_empty() {
            s.insert("result".into(), Value::Object(result));
        }
        s.insert("context".into(), Value::Object(context));
        json::to_string(&Value::Object(s))
    }
}

fn activity(id: &str) -> Value {
    let mut a = Map::new();
    a.insert("objectType".into(), Value::String("Activity".into()));
    a.insert("id".into(), Value::String(id.into()));
    Value::Object(a)
}

fn number(v: f64) -> Value {
    // Four decimals, as the other statements do; finite by construction.
    Number::from_f64((v * 10_000.0).round() / 10_000.0).map_or(Value::Null, Value::Number)
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::percent_encode;

    const REG: &str = "0f6d2a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6";

    fn launch_query() -> String {
        format!(
            "?endpoint={}&fetch={}&actor={}&registration={REG}&activityId={}",
            percent_encode("https://lrs.example.org/xapi"),
            percent_encode("https://lms.example.org/fetch/abc"),
            percent_encode(r#"{"objectType":"Agent","account":{"homePage":"https://lms.example.org","name":"42"}}"#),
            percent_encode("https://example.org/au/1"),
        )
    }

    fn session(mode: &str, mastery: &str) -> Session {
        let launch = LaunchParams::from_query(&launch_query()).unwrap().unwrap();
        let data = LaunchData::parse(&format!(
            r#"{{"contextTemplate":{{"contextActivities":{{"grouping":[{{"id":"https://example.org/au/1"}}]}},"extensions":{{"https://w3id.org/xapi/cmi5/context/extensions/sessionid":"s1"}}}},"launchMode":"{mode}","moveOn":"CompletedAndPassed"{mastery},"returnURL":"https://lms.example.org/back","launchParameters":"mode=quiz&n=5"}}"#
        ))
        .unwrap();
        Session { launch, data }
    }

    #[test]
    fn launch_parameters() {
        assert_eq!(LaunchParams::from_query("?embed=1&mode=quiz"), None);
        let p = LaunchParams::from_query(&launch_query()).unwrap().unwrap();
        assert_eq!(p.endpoint, "https://lrs.example.org/xapi/");
        assert_eq!(p.registration, REG);
        assert!(p.state_url().starts_with(
            "https://lrs.example.org/xapi/activities/state?stateId=LMS.LaunchData&activityId=https%3A%2F%2F"
        ));
        assert!(p.state_url().contains(&format!("registration={REG}")));
        assert_eq!(p.statements_url(), "https://lrs.example.org/xapi/statements");
        for (from, to) in [
            ("registration=0f6d", "registration=zz6d"),
            ("endpoint=https", "endpoint=ftp"),
            ("actor=%7B", "actor=%5B"),
            ("&activityId=", "&other="),
        ] {
            let broken = launch_query().replace(from, to);
            assert!(LaunchParams::from_query(&broken).unwrap().is_err(), "{broken}");
        }
    }

    #[test]
    fn tokens() {
        assert_eq!(
            auth_token(r#"{"auth-token":"QWxhZGRpbjpvcGVu"}"#),
            Ok("QWxhZGRpbjpvcGVu".into())
        );
        assert!(auth_token(r#"{"error-code":"1","error-text":"already fetched"}"#)
            .unwrap_err()
            .contains("already fetched"));
        assert!(auth_token("<html>").is_err());
    }

    #[test]
    fn launch_data() {
        let s = session("Normal", r#","masteryScore":0.75"#);
        assert_eq!(s.data.mastery, Some(0.75));
        assert_eq!(s.data.pass_mark(), Some(75));
        assert_eq!(s.data.launch_parameters, "mode=quiz&n=5");
        assert_eq!(s.data.return_url.as_deref(), Some("https://lms.example.org/back"));
        assert!(s.counts());
        assert!(!session("Browse", "").counts());
        for bad in [
            "{}",
            r#"{"contextTemplate":{},"launchMode":"Play"}"#,
            r#"{"contextTemplate":{},"launchMode":"Normal","masteryScore":3}"#,
            r#"{"contextTemplate":[],"launchMode":"Normal"}"#,
            "not json",
        ] {
            assert!(LaunchData::parse(bad).is_err(), "{bad}");
        }
        let hostile =
            LaunchData::parse(r#"{"contextTemplate":{},"launchMode":"Normal","returnURL":"javascript:alert(1)"}"#)
                .unwrap();
        assert_eq!(hostile.return_url, None);
    }

    fn parsed(s: &str) -> Value {
        json::parse(s).unwrap()
    }

    #[test]
    fn defined_statements_carry_the_template_registration_and_categories() {
        let s = session("Normal", r#","masteryScore":0.8"#);
        let init = parsed(&s.initialized(&Stamp { id: "i", at_ms: 0 }));
        assert_eq!(init["verb"]["id"], "http://adlnet.gov/expapi/verbs/initialized");
        assert_eq!(init["object"]["id"], "https://example.org/au/1");
        assert_eq!(init["context"]["registration"], REG);
        assert_eq!(
            init["context"]["contextActivities"]["grouping"][0]["id"],
            "https://example.org/au/1"
        );
        assert_eq!(init["context"]["contextActivities"]["category"][0]["id"], CATEGORY_CMI5);
        assert_eq!(
            init["context"]["contextActivities"]["category"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert_eq!(init["actor"]["account"]["name"], "42");
        assert!(init.get("result").is_none());

        let failed = parsed(&s.judged(&Stamp { id: "f", at_ms: 0 }, &Results::scored(7, 10, true), 61_000));
        // 0.7 is below the LMS's 0.8, whatever the quiz's own pass mark said.
        assert_eq!(failed["verb"]["id"], "http://adlnet.gov/expapi/verbs/failed");
        assert_eq!(failed["result"]["score"]["scaled"], 0.7);
        assert_eq!(failed["result"]["success"], false);
        assert_eq!(failed["result"]["duration"], "PT1M1S");
        assert_eq!(failed["context"]["extensions"][EXT_MASTERY], 0.8);
        assert_eq!(
            failed["context"]["contextActivities"]["category"][1]["id"],
            CATEGORY_MOVEON
        );
        let passed = parsed(&s.judged(&Stamp { id: "p", at_ms: 0 }, &Results::scored(8, 10, false), 0));
        assert_eq!(passed["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");

        let done = parsed(&s.completed(&Stamp { id: "c", at_ms: 0 }, 5_000));
        assert_eq!(done["result"]["completion"], true);
        assert_eq!(
            done["context"]["contextActivities"]["category"][1]["id"],
            CATEGORY_MOVEON
        );
        assert!(done["context"]["extensions"].get(EXT_MASTERY).is_none());
        let end = parsed(&s.terminated(&Stamp { id: "t", at_ms: 0 }, 90_000));
        assert_eq!(end["result"]["duration"], "PT1M30S");
        assert_eq!(
            end["context"]["contextActivities"]["category"]
                .as_array()
                .unwrap()
                .len(),
            1
        );

        // Without a mastery score, the quiz's pass mark decides.
        let own = session("Normal", "");
        let judged = parsed(&own.judged(&Stamp { id: "j", at_ms: 0 }, &Results::scored(1, 10, true), 0));
        assert_eq!(judged["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
    }

    #[test]
    fn allowed_statements_get_the_launch_actor_and_context() {
        let s = session("Normal", "");
        let mine = r#"{"id":"x","actor":{"account":{"homePage":"https://app","name":"anon"}},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://app/decks/d/statements/s"},"context":{"registration":"other","extensions":{"https://app/attempt":2}}}"#;
        let out = parsed(&s.allowed(mine).unwrap());
        assert_eq!(out["actor"]["account"]["name"], "42");
        assert_eq!(out["context"]["registration"], REG);
        assert_eq!(out["context"]["extensions"]["https://app/attempt"], 2);
        assert_eq!(
            out["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"],
            "s1"
        );
        assert!(out["context"]["contextActivities"].get("category").is_none());
        assert_eq!(s.allowed("[1]"), None);
    }
}
