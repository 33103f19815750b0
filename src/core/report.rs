//! Messages between the app and the page that embeds it: results out, resize handshakes in.
//!
//! Outgoing results are xAPI statements (what LMSs and Learning Record Stores ingest) wrapped in
//! a small versioned envelope, plus plain `rolecall:*` events for hosts that do not speak xAPI.
//! Everything here is pure: ids, times and URLs are passed in. Where results may be sent is
//! decided by [`results_origin`]; which incoming messages are accepted by [`HostMessage::parse`].
//! The message formats are documented in the README ("Embedding").

use super::config::{origin_of_url, parse_origin, Mode};
use super::dates::iso_timestamp;
use super::deck::{Deck, Tag};
use super::json::{self, Obj, With};
use super::quiz::{Answer, Item, Results};
use super::text::clip;

/// Version of the `rolecall:*` envelopes.
pub const ENVELOPE_VERSION: u32 = 1;
/// Incoming messages larger than this (as JSON) are ignored unread.
pub const MAX_INCOMING_BYTES: usize = 1024;

const VERB_ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
const TYPE_INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
const TYPE_ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";

/// Formats 16 random bytes as an RFC 4122 version-4 UUID.
pub fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// An ISO 8601 duration with up to hundredths of a second (`PT4.27S`, `PT3M12.4S`, `PT1H0M5S`).
pub fn iso_duration(ms: u64) -> String {
    let centis = (ms + 5) / 10;
    let (h, rem) = (centis / 360_000, centis % 360_000);
    let (m, rem) = (rem / 6_000, rem % 6_000);
    let (s, cs) = (rem / 100, rem % 100);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if h > 0 || m > 0 {
        out.push_str(&format!("{m}M"));
    }
    match cs {
        0 => out.push_str(&format!("{s}S")),
        c if c % 10 == 0 => out.push_str(&format!("{s}.{}S", c / 10)),
        c => out.push_str(&format!("{s}.{c:02}S")),
    }
    out
}

/// Where learner results may be sent: the configured parent origin, else the origin of the
/// referring page. `None` (send nothing) when neither is known; never `*`.
pub fn results_origin(parent_origin: Option<&str>, referrer: &str) -> Option<String> {
    match parent_origin {
        Some(o) => parse_origin(o),
        None => origin_of_url(referrer),
    }
}

/// What every statement of one session shares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context<'a> {
    /// The app's address without query or hash; activity ids hang below it.
    pub app_url: &'a str,
    /// The app's origin, the `homePage` of the anonymous account.
    pub app_origin: &'a str,
    /// The anonymous learner id kept with the progress.
    pub learner: &'a str,
    /// The attempt's registration (a UUID).
    pub registration: &'a str,
    /// The attempt's number under its plan, from 1.
    pub attempt: u32,
}

impl Context<'_> {
    fn deck_iri(&self, deck: &Deck) -> String {
        format!("{}/decks/{}", self.app_url.trim_end_matches('/'), deck.id.as_str())
    }

    fn write_actor(&self, out: &mut String) {
        let account = Obj(&[("homePage", &self.app_origin), ("name", &self.learner)]);
        json::write_object(out, &[("objectType", &"Agent"), ("account", &account)])
    }

    /// The statement context: the registration, the deck as parent activity, and extensions
    /// for the attempt's number and (with `pass_mark`) the pass mark.
    fn write_context(&self, out: &mut String, deck: &Deck, pass_mark: Option<u8>) {
        let parent = [Obj(&[("objectType", &"Activity"), ("id", &self.deck_iri(deck))])];
        let activities = Obj(&[("parent", &parent)]);
        let base = self.app_url.trim_end_matches('/');
        let (attempt_key, mark_key) = (format!("{base}/attempt"), format!("{base}/pass-mark"));
        let mut extensions: Vec<(&str, &dyn json::Write)> = vec![(&attempt_key, &self.attempt)];
        if let Some(mark) = &pass_mark {
            extensions.push((&mark_key, mark));
        }
        json::write_object(
            out,
            &[
                ("registration", &self.registration),
                ("contextActivities", &activities),
                ("extensions", &Obj(&extensions)),
            ],
        )
    }

    fn lang<'s>(&self, deck: &'s Deck) -> &'s str {
        &deck.language
    }
}

/// `{"id": verb, "display": {"en-US": display}}`.
fn verb(id: &str, display: &str, out: &mut String) {
    json::write_object(out, &[("id", &id), ("display", &Obj(&[("en-US", &display)]))])
}

/// The xAPI statement for one answer (`answered`, a `choice` interaction), as JSON text.
pub fn answered_statement(cx: &Context, deck: &Deck, item: Item, answer: Answer, id: &str, at_ms: i64) -> String {
    let s = &deck.statements[item.statement.min(deck.statements.len().saturating_sub(1))];
    let lang = cx.lang(deck);
    let cat_id = |t: Tag| deck.category(t).map(|c| c.id.as_str()).unwrap_or("");
    let choices: Vec<_> = deck
        .categories
        .iter()
        .map(|c| {
            With(move |out: &mut String| {
                json::write_object(out, &[("id", &c.id), ("description", &Obj(&[(lang, &c.label)]))])
            })
        })
        .collect();
    let name = clip(&s.text, 60);
    let definition = Obj(&[
        ("type", &TYPE_INTERACTION),
        ("name", &Obj(&[(lang, &name.as_ref())])),
        ("description", &Obj(&[(lang, &s.text)])),
        ("interactionType", &"choice"),
        ("correctResponsesPattern", &[cat_id(item.truth)]),
        ("choices", &choices),
    ]);
    let object = Obj(&[
        ("objectType", &"Activity"),
        ("id", &format!("{}/statements/{}", cx.deck_iri(deck), s.id.as_str())),
        ("definition", &definition),
    ]);
    let point = u8::from(answer.correct);
    let result = Obj(&[
        ("response", &cat_id(answer.picked)),
        ("success", &answer.correct),
        ("completion", &true),
        (
            "score",
            &Obj(&[("min", &0u8), ("max", &1u8), ("raw", &point), ("scaled", &point)]),
        ),
        ("duration", &iso_duration(answer.duration_ms)),
    ]);
    json::to_string(&Obj(&[
        ("id", &id),
        ("timestamp", &iso_timestamp(at_ms)),
        ("actor", &With(|out: &mut String| cx.write_actor(out))),
        ("verb", &With(|out: &mut String| verb(VERB_ANSWERED, "answered", out))),
        ("object", &object),
        ("result", &result),
        ("context", &With(|out: &mut String| cx.write_context(out, deck, None))),
    ]))
}

/// The statements that close an attempt, as JSON text: `completed`, then `passed` or `failed`
/// against the pass mark. `ids` are two fresh UUIDs.
pub fn finished_statements(
    cx: &Context,
    deck: &Deck,
    results: &Results,
    pass_mark: u8,
    ids: [&str; 2],
    at_ms: i64,
) -> [String; 2] {
    let lang = cx.lang(deck);
    let score = results.score;
    let scaled = if score.total == 0 {
        0.0
    } else {
        score.correct as f64 / score.total as f64
    };
    let (correct, total) = (score.correct as u64, score.total as u64);
    let duration = iso_duration(results.duration_ms);
    let result = Obj(&[
        (
            "score",
            &Obj(&[("min", &0u8), ("max", &total), ("raw", &correct), ("scaled", &scaled)]),
        ),
        ("success", &results.passed),
        ("completion", &true),
        ("duration", &duration),
    ]);
    let definition = Obj(&[
        ("type", &TYPE_ASSESSMENT),
        ("name", &Obj(&[(lang, &deck.title)])),
        ("description", &Obj(&[(lang, &deck.description)])),
    ]);
    let object = Obj(&[
        ("objectType", &"Activity"),
        ("id", &cx.deck_iri(deck)),
        ("definition", &definition),
    ]);
    let timestamp = iso_timestamp(at_ms);
    let statement = |id: &str, verb_id: &str, display: &str| {
        json::to_string(&Obj(&[
            ("id", &id),
            ("timestamp", &timestamp),
            ("actor", &With(|out: &mut String| cx.write_actor(out))),
            ("verb", &With(|out: &mut String| verb(verb_id, display, out))),
            ("object", &object),
            ("result", &result),
            (
                "context",
                &With(|out: &mut String| cx.write_context(out, deck, Some(pass_mark))),
            ),
        ]))
    };
    let (verb_id, display) = if results.passed {
        (VERB_PASSED, "passed")
    } else {
        (VERB_FAILED, "failed")
    };
    [
        statement(ids[0], VERB_COMPLETED, "completed"),
        statement(ids[1], verb_id, display),
    ]
}

/// Wraps an xAPI statement (JSON text) for `postMessage`.
pub fn xapi_envelope(statement: &str) -> String {
    json::to_string(&Obj(&[
        ("type", &"rolecall:xapi"),
        ("version", &ENVELOPE_VERSION),
        ("statement", &Raw(statement)),
    ]))
}

/// JSON text that is already written.
struct Raw<'a>(&'a str);

impl json::Write for Raw<'_> {
    fn write(&self, out: &mut String) {
        out.push_str(self.0)
    }
}

/// The simple event sent when the app is ready.
pub fn ready_event(deck: &Deck, mode: Mode) -> String {
    json::to_string(&Obj(&[
        ("type", &"rolecall:ready"),
        ("version", &ENVELOPE_VERSION),
        ("deck", &deck.id.as_str()),
        ("mode", &mode.as_str()),
    ]))
}

/// The simple event sent after each answer of attempt `attempt`.
pub fn answered_event(deck: &Deck, item: Item, answer: Answer, index: usize, total: usize, attempt: u32) -> String {
    let cat_id = |t: Tag| deck.category(t).map(|c| c.id.as_str()).unwrap_or_default();
    json::to_string(&Obj(&[
        ("type", &"rolecall:answered"),
        ("version", &ENVELOPE_VERSION),
        ("deck", &deck.id.as_str()),
        ("statement", &deck.statements.get(item.statement).map(|s| s.id.as_str())),
        ("response", &cat_id(answer.picked)),
        ("correct", &answer.correct),
        ("question", &(index as u64 + 1)),
        ("of", &(total as u64)),
        ("attempt", &attempt),
    ]))
}

/// The simple event sent when attempt `attempt` is finished.
pub fn completed_event(deck: &Deck, results: &Results, pass_mark: u8, attempt: u32) -> String {
    let s = results.score;
    let score = Obj(&[
        ("raw", &(s.correct as u64)),
        ("max", &(s.total as u64)),
        ("percent", &(s.percent() as u64)),
    ]);
    json::to_string(&Obj(&[
        ("type", &"rolecall:completed"),
        ("version", &ENVELOPE_VERSION),
        ("deck", &deck.id.as_str()),
        ("score", &score),
        ("passed", &results.passed),
        ("passMark", &pass_mark),
        ("durationMs", &results.duration_ms),
        ("attempt", &attempt),
    ]))
}

/// What went wrong in the trainer's set-up, told to the host page (`rolecall:error`) and the
/// console, never in detail to the learner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetupError {
    /// `deck` (the deck could not be used) or `parameter` (a URL parameter was ignored).
    pub code: &'static str,
    /// One line on what is wrong.
    pub message: String,
    /// More lines (a deck's list of problems), if any.
    pub detail: Option<String>,
}

/// The `rolecall:error` event for a set-up error.
pub fn error_event(e: &SetupError) -> String {
    json::to_string(&Obj(&[
        ("type", &"rolecall:error"),
        ("version", &ENVELOPE_VERSION),
        ("code", &e.code),
        ("message", &e.message),
        ("detail", &e.detail),
    ]))
}

/// The height messages, one per resize dialect hosts speak (H5P's is sent by the handshake).
pub fn resize_messages(height: u32) -> [String; 2] {
    [
        json::to_string(&Obj(&[("subject", &"lti.frameResize"), ("height", &height)])),
        json::to_string(&Obj(&[
            ("type", &"rolecall:resize"),
            ("version", &ENVELOPE_VERSION),
            ("height", &height),
        ])),
    ]
}

/// H5P resizer messages the app sends.
pub fn h5p_message(action: &str, scroll_height: Option<u32>, client_height: Option<u32>) -> String {
    let mut fields: Vec<(&str, &dyn json::Write)> = vec![("context", &"h5p"), ("action", &action)];
    if let Some(h) = &scroll_height {
        fields.push(("scrollHeight", h));
    }
    if let Some(h) = &client_height {
        fields.push(("clientHeight", h));
    }
    json::to_string(&Obj(&fields))
}

/// A message from the host page that the app acts on. Everything else is ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostMessage {
    /// H5P resizer: the host answered our hello (a resizer is present).
    H5pHello,
    /// H5P resizer: the host prepared for a new height; send it.
    H5pResizePrepared,
    /// H5P resizer: the host window changed size; measure again.
    H5pResize,
    /// H5P resizer: the host announces itself (only sent to frames with "h5p" in their URL).
    H5pReady,
}

impl HostMessage {
    /// Accepts only exact, known shapes: an object with `context: "h5p"` and a known `action`,
    /// and no other fields. Oversized input is rejected before parsing.
    pub fn parse(json: &str) -> Option<HostMessage> {
        if json.len() > MAX_INCOMING_BYTES {
            return None;
        }
        let value = super::json::parse(json).ok()?;
        let map = value.as_object()?;
        if map.len() != 2 || map.get("context")?.as_str()? != "h5p" {
            return None;
        }
        match map.get("action")?.as_str()? {
            "hello" => Some(HostMessage::H5pHello),
            "resizePrepared" => Some(HostMessage::H5pResizePrepared),
            "resize" => Some(HostMessage::H5pResize),
            "ready" => Some(HostMessage::H5pReady),
            _ => None,
        }
    }
}

/// Whether an incoming message may be acted on: it must come from the parent window and from
/// exactly the expected origin (no prefix or pattern matching).
pub fn accept_message(from_parent: bool, event_origin: &str, expected: Option<&str>) -> bool {
    from_parent && expected.is_some_and(|e| e == event_origin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::tests::sample_deck;
    use crate::core::quiz::{Action, Length, Quiz, QuizPlan};
    use serde_json::{json, Value};

    fn tree(text: &str) -> Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    #[test]
    fn uuids_are_version_4() {
        let u = uuid_v4([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn durations() {
        for (ms, want) in [
            (0, "PT0S"),
            (4_270, "PT4.27S"),
            (4_274, "PT4.27S"),
            (4_275, "PT4.28S"),
            (192_400, "PT3M12.4S"),
            (60_000, "PT1M0S"),
            (3_605_000, "PT1H0M5S"),
            (999, "PT1S"),
        ] {
            assert_eq!(iso_duration(ms), want, "{ms}");
        }
    }

    #[test]
    fn where_results_go() {
        for (parent, referrer, want) in [
            (
                Some("https://lms.example.org"),
                "https://other.org/x",
                Some("https://lms.example.org"),
            ),
            (
                None,
                "https://lms.example.org/course/7?x",
                Some("https://lms.example.org"),
            ),
            (None, "", None),
            (Some("not an origin"), "https://lms.example.org/", None),
        ] {
            assert_eq!(results_origin(parent, referrer).as_deref(), want);
        }
    }

    #[test]
    fn incoming_messages() {
        for (json, want) in [
            (r#"{"context":"h5p","action":"hello"}"#, Some(HostMessage::H5pHello)),
            (
                r#"{"action":"resizePrepared","context":"h5p"}"#,
                Some(HostMessage::H5pResizePrepared),
            ),
            (r#"{"context":"h5p","action":"resize"}"#, Some(HostMessage::H5pResize)),
            (r#"{"context":"h5p","action":"ready"}"#, Some(HostMessage::H5pReady)),
            (r#"{"context":"h5p","action":"hello","extra":1}"#, None),
            (r#"{"context":"h5p","action":"explode"}"#, None),
            (r#"{"context":"H5P","action":"hello"}"#, None),
            (r#"{"context":"h5p","action":1}"#, None),
            (r#"["h5p","hello"]"#, None),
            (r#""hello""#, None),
            ("not json", None),
        ] {
            assert_eq!(HostMessage::parse(json), want, "{json}");
        }
        let big = format!(r#"{{"context":"h5p","action":"hello{}"}}"#, " ".repeat(2000));
        assert_eq!(HostMessage::parse(&big), None);
    }

    #[test]
    fn origin_checks_are_exact() {
        let e = Some("https://lms.example.org");
        assert!(accept_message(true, "https://lms.example.org", e));
        assert!(
            !accept_message(false, "https://lms.example.org", e),
            "not from the parent"
        );
        assert!(!accept_message(true, "https://lms.example.org.evil.com", e));
        assert!(!accept_message(true, "https://evil.com", e));
        assert!(!accept_message(true, "null", e));
        assert!(!accept_message(true, "https://lms.example.org", None));
    }

    fn cx() -> Context<'static> {
        Context {
            app_url: "https://host.example/training/rolecall/",
            app_origin: "https://host.example",
            learner: "learner-1",
            registration: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            attempt: 2,
        }
    }

    #[test]
    fn answered_statement_shape() {
        let deck = sample_deck();
        let item = Item {
            statement: 1,
            truth: Tag(1),
        };
        let answer = Answer {
            picked: Tag(0),
            correct: false,
            duration_ms: 4_270,
        };
        let s = tree(&answered_statement(
            &cx(),
            &deck,
            item,
            answer,
            "id-1",
            1_698_399_000_000,
        ));
        assert_eq!(
            s,
            json!({
                "id": "id-1",
                "timestamp": "2023-10-27T09:30:00.000Z",
                "actor": {"objectType": "Agent", "account": {"homePage": "https://host.example", "name": "learner-1"}},
                "verb": {"id": VERB_ANSWERED, "display": {"en-US": "answered"}},
                "object": {
                    "objectType": "Activity",
                    "id": "https://host.example/training/rolecall/decks/sample/statements/b",
                    "definition": {
                        "type": TYPE_INTERACTION,
                        "name": {"en": "Runs clusters."},
                        "description": {"en": "Runs clusters."},
                        "interactionType": "choice",
                        "correctResponsesPattern": ["platform"],
                        "choices": [
                            {"id": "devops", "description": {"en": "DevOps"}},
                            {"id": "platform", "description": {"en": "Platform"}},
                            {"id": "both", "description": {"en": "Both"}}
                        ]
                    }
                },
                "result": {"response": "devops", "success": false, "completion": true,
                           "score": {"min": 0, "max": 1, "raw": 0, "scaled": 0}, "duration": "PT4.27S"},
                "context": {
                    "registration": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                    "extensions": {"https://host.example/training/rolecall/attempt": 2},
                    "contextActivities": {"parent": [{"objectType": "Activity", "id": "https://host.example/training/rolecall/decks/sample"}]}
                }
            })
        );
        assert_eq!(s["verb"]["id"], VERB_ANSWERED);
        assert_eq!(
            s["object"]["id"],
            "https://host.example/training/rolecall/decks/sample/statements/b"
        );
        assert_eq!(
            s["object"]["definition"]["correctResponsesPattern"],
            json!(["platform"])
        );
        assert_eq!(
            s["object"]["definition"]["choices"][2],
            json!({"id": "both", "description": {"en": "Both"}})
        );
        assert_eq!(
            s["result"],
            json!({"response": "devops", "success": false, "completion": true,
                   "score": {"min": 0, "max": 1, "raw": 0, "scaled": 0}, "duration": "PT4.27S"})
        );
        assert_eq!(s["context"]["registration"], cx().registration);
        assert_eq!(s["actor"]["account"]["homePage"], "https://host.example");
        assert_eq!(s["timestamp"], "2023-10-27T09:30:00.000Z");
    }

    /// The interaction's name is the statement's text, cut to 60 characters with a mark where it
    /// was cut; the description keeps the whole text.
    #[test]
    fn long_statement_names_are_clipped() {
        let mut deck = sample_deck();
        let item = Item {
            statement: 1,
            truth: Tag(1),
        };
        let answer = Answer {
            picked: Tag(1),
            correct: true,
            duration_ms: 1,
        };
        for (text, name) in [
            ("x".repeat(60), "x".repeat(60)),
            ("x".repeat(61), format!("{}\u{2026}", "x".repeat(60))),
            ("\u{e9}".repeat(280), format!("{}\u{2026}", "\u{e9}".repeat(60))),
        ] {
            deck.statements[1].text = text.clone();
            let s = tree(&answered_statement(&cx(), &deck, item, answer, "id", 0));
            let definition = &s["object"]["definition"];
            assert_eq!(definition["name"]["en"], name.as_str());
            assert_eq!(definition["description"]["en"], text.as_str());
        }
    }

    #[test]
    fn small_messages() {
        assert_eq!(
            resize_messages(420),
            [
                r#"{"subject":"lti.frameResize","height":420}"#.to_string(),
                r#"{"type":"rolecall:resize","version":1,"height":420}"#.to_string()
            ]
        );
        assert_eq!(
            h5p_message("hello", None, None),
            r#"{"context":"h5p","action":"hello"}"#
        );
        assert_eq!(
            h5p_message("prepareResize", Some(420), Some(800)),
            r#"{"context":"h5p","action":"prepareResize","scrollHeight":420,"clientHeight":800}"#
        );
        let deck = sample_deck();
        assert_eq!(
            tree(&ready_event(&deck, Mode::Cards)),
            json!({"type": "rolecall:ready", "version": 1, "deck": "sample", "mode": "cards"})
        );
        let answer = Answer {
            picked: Tag(2),
            correct: true,
            duration_ms: 10,
        };
        let item = Item {
            statement: 2,
            truth: Tag(2),
        };
        assert_eq!(
            tree(&answered_event(&deck, item, answer, 0, 3, 2)),
            json!({"type": "rolecall:answered", "version": 1, "deck": "sample", "statement": "c",
                   "response": "both", "correct": true, "question": 1, "of": 3, "attempt": 2})
        );
        // A quoted statement keeps its JSON intact inside the envelope.
        let envelope = tree(&xapi_envelope(r#"{"id":"x","verb":{"id":"v"}}"#));
        assert_eq!(envelope["statement"]["verb"]["id"], "v");
    }

    #[test]
    fn finished_statements_shape() {
        let deck = sample_deck();
        let plan = QuizPlan {
            pass_mark: 60,
            ..QuizPlan::default()
        };
        let spec = plan.spec(Length::All, 1, "r".into(), 2);
        let mut q = Quiz::new(&deck, &spec, 0).unwrap();
        for right in [true, true, false] {
            let (_, item) = q.current().unwrap();
            let tag = if right { item.truth } else { Tag((item.truth.0 + 1) % 3) };
            q = q
                .apply(Action::Pick { tag, at_ms: 1_000 })
                .unwrap()
                .apply(Action::Next { at_ms: 2_000 })
                .unwrap();
        }
        let r = q.results();
        let [completed, passed] = finished_statements(&cx(), &deck, &r, 60, ["a", "b"], 5_000).map(|t| tree(&t));
        assert_eq!(
            completed["context"]["extensions"],
            json!({
                "https://host.example/training/rolecall/attempt": 2,
                "https://host.example/training/rolecall/pass-mark": 60
            })
        );
        assert_eq!(completed["actor"], passed["actor"]);
        assert_eq!(
            (completed["id"].as_str(), passed["id"].as_str()),
            (Some("a"), Some("b"))
        );
        assert_eq!(completed["verb"]["id"], VERB_COMPLETED);
        assert_eq!(passed["verb"]["id"], VERB_PASSED);
        assert_eq!(completed["object"]["definition"]["type"], TYPE_ASSESSMENT);
        let score = &completed["result"]["score"];
        assert_eq!((score["raw"].as_u64(), score["max"].as_u64()), (Some(2), Some(3)));
        let scaled = score["scaled"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&scaled) && (scaled - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(completed["result"]["duration"], "PT2S");
        let ev = tree(&completed_event(&deck, &r, 60, 2));
        assert_eq!(ev["score"], json!({"raw": 2, "max": 3, "percent": 67}));
        assert_eq!(ev["passed"], true);
        assert_eq!(ev["attempt"], 2);
    }
}
