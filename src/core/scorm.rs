//! SCORM 1.2 and SCORM 2004 (4th edition): what the app writes to the LMS's data model, in each
//! version's own names and formats.
//!
//! The shell (`web::lms`) finds the LMS's API object and makes the calls; everything here is the
//! pure part: which element gets which value. The two versions name the same ideas differently
//! (`cmi.core.lesson_status` against `cmi.completion_status` plus `cmi.success_status`), format
//! times differently (`HHHH:MM:SS.SS` against ISO 8601 durations) and accept different
//! vocabularies (an interaction's result is `wrong` in 1.2 and `incorrect` in 2004; a 1.2 choice
//! response is a single letter). Each function returns `(element, value)` pairs in the order
//! they must be set: an interaction's `id` first, as SCORM 1.2 requires.
//!
//! Values read from the LMS are checked here too: a mastery score out of range, or launch data
//! that is not RoleCall's settings, is refused with a reason rather than trusted.

use super::config::{query_pairs, KNOWN};
use super::dates::{iso_timestamp, DAY_MS};
use super::deck::{Deck, Tag};
use super::quiz::{Answer, Item, Results};
use super::report::iso_duration;
use super::text::clip;

/// The longest launch data read, in characters; RoleCall's settings take far fewer.
pub const MAX_LAUNCH_DATA: usize = 4096;

/// Which SCORM run-time the LMS offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// SCORM 1.2: the object `API`, calls prefixed `LMS`.
    V12,
    /// SCORM 2004 (4th edition): the object `API_1484_11`.
    V2004,
}

/// A data-model element and the value to set it to.
pub type Set = (String, String);

fn set(element: impl Into<String>, value: impl Into<String>) -> Set {
    (element.into(), value.into())
}

impl Version {
    /// The name of the API object the LMS puts on one of the app's ancestor windows.
    pub fn api_name(self) -> &'static str {
        match self {
            Version::V12 => "API",
            Version::V2004 => "API_1484_11",
        }
    }

    /// The short name the page and the notices use.
    pub fn label(self) -> &'static str {
        match self {
            Version::V12 => "SCORM 1.2",
            Version::V2004 => "SCORM 2004",
        }
    }

    /// The value of the page's `data-lms` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Version::V12 => "scorm12",
            Version::V2004 => "scorm2004",
        }
    }

    /// The name of each run-time call in this version.
    pub fn call(self, call: Call) -> &'static str {
        use Call::*;
        match (self, call) {
            (Version::V12, Initialize) => "LMSInitialize",
            (Version::V12, Terminate) => "LMSFinish",
            (Version::V12, GetValue) => "LMSGetValue",
            (Version::V12, SetValue) => "LMSSetValue",
            (Version::V12, Commit) => "LMSCommit",
            (Version::V12, GetLastError) => "LMSGetLastError",
            (Version::V12, GetErrorString) => "LMSGetErrorString",
            (Version::V2004, Initialize) => "Initialize",
            (Version::V2004, Terminate) => "Terminate",
            (Version::V2004, GetValue) => "GetValue",
            (Version::V2004, SetValue) => "SetValue",
            (Version::V2004, Commit) => "Commit",
            (Version::V2004, GetLastError) => "GetLastError",
            (Version::V2004, GetErrorString) => "GetErrorString",
        }
    }

    /// The element holding data for the next launch.
    pub fn suspend_data(self) -> &'static str {
        "cmi.suspend_data"
    }

    /// The most characters `cmi.suspend_data` may hold.
    pub fn suspend_limit(self) -> usize {
        match self {
            Version::V12 => 4096,
            Version::V2004 => 64_000,
        }
    }

    pub fn entry(self) -> &'static str {
        match self {
            Version::V12 => "cmi.core.entry",
            Version::V2004 => "cmi.entry",
        }
    }

    /// Where the LMS's mastery score is read.
    pub fn mastery(self) -> &'static str {
        match self {
            Version::V12 => "cmi.student_data.mastery_score",
            Version::V2004 => "cmi.scaled_passing_score",
        }
    }

    /// The status element read at start to tell a first launch from a later one.
    pub fn status(self) -> &'static str {
        match self {
            Version::V12 => "cmi.core.lesson_status",
            Version::V2004 => "cmi.completion_status",
        }
    }

    /// What to write at the start of a session whose status reads `status`: a first launch
    /// becomes "incomplete"; a finished one is left as it is.
    pub fn start(self, status: &str) -> Vec<Set> {
        match status {
            "" | "not attempted" | "unknown" => vec![set(self.status(), "incomplete")],
            _ => Vec::new(),
        }
    }

    /// The values recording answer number `n` (from 0) of a quiz: question `item` answered with
    /// `answer` at `at_ms` (epoch ms), where the clock is `utc_offset_ms` ahead of UTC.
    pub fn interaction(
        self,
        n: usize,
        deck: &Deck,
        item: Item,
        answer: Answer,
        at_ms: i64,
        utc_offset_ms: i64,
    ) -> Vec<Set> {
        let Some(statement) = deck.statements.get(item.statement) else {
            return Vec::new();
        };
        let key = |field: &str| format!("cmi.interactions.{n}.{field}");
        let mut out = vec![set(key("id"), statement.id.as_str()), set(key("type"), "choice")];
        match self {
            Version::V12 => out.extend([
                set(key("student_response"), letter(answer.picked)),
                set(key("correct_responses.0.pattern"), letter(item.truth)),
                set(key("result"), if answer.correct { "correct" } else { "wrong" }),
                set(key("time"), time_of_day(at_ms.saturating_add(utc_offset_ms))),
                set(key("latency"), timespan_12(answer.duration_ms)),
            ]),
            Version::V2004 => {
                let cat = |t: Tag| deck.category(t).map(|c| c.id.clone()).unwrap_or_default();
                out.extend([
                    set(key("learner_response"), cat(answer.picked)),
                    set(key("correct_responses.0.pattern"), cat(item.truth)),
                    set(key("result"), if answer.correct { "correct" } else { "incorrect" }),
                    set(key("timestamp"), timestamp_2004(at_ms)),
                    set(key("latency"), iso_duration(answer.duration_ms)),
                    set(key("description"), description(&statement.text)),
                ])
            }
        }
        out
    }

    /// The values that record a finished quiz: the score, and passed or failed.
    pub fn result(self, results: &Results) -> Vec<Set> {
        let score = results.score;
        let status = if results.passed { "passed" } else { "failed" };
        match self {
            Version::V12 => vec![
                set("cmi.core.score.raw", score.percent().to_string()),
                set("cmi.core.score.min", "0"),
                set("cmi.core.score.max", "100"),
                set("cmi.core.lesson_status", status),
            ],
            Version::V2004 => {
                let scaled = if score.total == 0 {
                    0.0
                } else {
                    score.correct as f64 / score.total as f64
                };
                vec![
                    set("cmi.score.raw", score.correct.to_string()),
                    set("cmi.score.min", "0"),
                    set("cmi.score.max", score.total.to_string()),
                    set("cmi.score.scaled", decimal(scaled)),
                    set("cmi.completion_status", "completed"),
                    set("cmi.success_status", status),
                ]
            }
        }
    }

    /// The values that close a session of `session_ms`: its time, and whether the LMS should
    /// keep the attempt open for a later launch (`suspend`).
    pub fn exit(self, session_ms: u64, suspend: bool) -> Vec<Set> {
        match self {
            Version::V12 => vec![
                set("cmi.core.session_time", timespan_12(session_ms)),
                set("cmi.core.exit", if suspend { "suspend" } else { "" }),
            ],
            Version::V2004 => vec![
                set("cmi.session_time", iso_duration(session_ms)),
                set("cmi.exit", if suspend { "suspend" } else { "normal" }),
            ],
        }
    }

    /// Reads the LMS's mastery score as a pass mark in whole percent: `Ok(None)` when the LMS
    /// sets none, an error when the value is not one the standard allows.
    pub fn pass_mark(self, raw: &str) -> Result<Option<u8>, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let value: f64 = raw
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| format!("the mastery score \u{201c}{}\u{201d} is not a number", clip(raw, 20)))?;
        let percent = match self {
            Version::V12 if (0.0..=100.0).contains(&value) => value,
            Version::V12 => return Err(format!("the mastery score {} is outside 0 to 100", clip(raw, 20))),
            // A negative passing score lets every score pass: a pass mark of 0.
            Version::V2004 if (-1.0..=1.0).contains(&value) => value.max(0.0) * 100.0,
            Version::V2004 => return Err(format!("the passing score {} is outside -1 to 1", clip(raw, 20))),
        };
        Ok(Some(percent.ceil() as u8))
    }

    /// The session is a review of a finished attempt when the LMS says so (2004 `cmi.mode`,
    /// 1.2 `cmi.core.lesson_mode`): nothing is recorded then.
    pub fn mode(self) -> &'static str {
        match self {
            Version::V12 => "cmi.core.lesson_mode",
            Version::V2004 => "cmi.mode",
        }
    }
}

/// The run-time calls, named per version by [`Version::call`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    Initialize,
    Terminate,
    GetValue,
    SetValue,
    Commit,
    GetLastError,
    GetErrorString,
}

/// Reads launch data (the package's settings, in the app's URL query form such as
/// `embed=1&mode=quiz&n=10`) as a query string to add to the page's. Empty launch data is
/// `Ok("")`; text that is not RoleCall's settings is refused, whole, with the reason.
pub fn launch_query(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let query = raw.strip_prefix('?').unwrap_or(raw);
    if query.is_empty() {
        return Ok(String::new());
    }
    if query.len() > MAX_LAUNCH_DATA {
        return Err(format!("its launch data is longer than {MAX_LAUNCH_DATA} characters"));
    }
    let unknown = query
        .split('&')
        .zip(query_pairs(query))
        .find(|(part, (name, _))| !part.contains('=') || !KNOWN.contains(&name.as_str()));
    match unknown {
        Some((part, _)) => Err(format!(
            "its launch data \u{201c}{}\u{201d} is not a RoleCall setting",
            clip(part, 40)
        )),
        None => Ok(query.to_string()),
    }
}

/// A SCORM 1.2 choice response: the category's letter, `a` for the deck's first.
fn letter(tag: Tag) -> String {
    char::from(b'a' + (tag.index() % 26) as u8).to_string()
}

/// An interaction description (2004 allows 250 characters).
fn description(text: &str) -> String {
    // `{` would start a language tag; line breaks are not allowed.
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    clip(flat.trim_start_matches('{'), 249).into_owned()
}

/// A SCORM 1.2 `CMITimespan`: `HHHH:MM:SS.SS`, hours capped at 9999.
pub fn timespan_12(ms: u64) -> String {
    let centis = ((ms + 5) / 10).min(9999 * 360_000 + 359_999);
    let (h, rem) = (centis / 360_000, centis % 360_000);
    let (m, rem) = (rem / 6_000, rem % 6_000);
    format!("{h:04}:{m:02}:{:02}.{:02}", rem / 100, rem % 100)
}

/// A SCORM 1.2 `CMITime`: the time of day `HH:MM:SS` of an instant already shifted to local time.
fn time_of_day(local_ms: i64) -> String {
    let s = local_ms.rem_euclid(DAY_MS) / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// A SCORM 2004 timestamp: ISO 8601 in UTC with hundredths, the precision the standard allows.
fn timestamp_2004(ms: i64) -> String {
    // `…:05.123Z` from xAPI's form, less the last digit.
    let iso = iso_timestamp(ms);
    format!("{}Z", &iso[..iso.len() - 2])
}

/// A score in [-1, 1] with at most four decimals, without trailing zeros.
fn decimal(v: f64) -> String {
    let s = format!("{:.4}", v.clamp(-1.0, 1.0));
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck() -> Deck {
        Deck::builtin().unwrap()
    }

    #[test]
    fn timespans_in_each_format() {
        for (ms, v12, v2004) in [
            (0, "0000:00:00.00", "PT0S"),
            (4_270, "0000:00:04.27", "PT4.27S"),
            (192_400, "0000:03:12.40", "PT3M12.4S"),
            (3_605_000, "0001:00:05.00", "PT1H0M5S"),
            (u64::MAX / 2, "9999:59:59.99", ""),
        ] {
            assert_eq!(timespan_12(ms), v12, "{ms}");
            if !v2004.is_empty() {
                assert_eq!(iso_duration(ms), v2004, "{ms}");
            }
        }
    }

    #[test]
    fn times_of_day_and_timestamps() {
        // 2023-10-27T09:30:05.123Z, seen from UTC+2.
        let at = 1_698_399_005_123;
        assert_eq!(time_of_day(at + 2 * 3_600_000), "11:30:05");
        assert_eq!(time_of_day(-1000), "23:59:59");
        assert_eq!(timestamp_2004(at), "2023-10-27T09:30:05.12Z");
    }

    #[test]
    fn interactions_per_version() {
        let d = deck();
        let (i, s) = d
            .statements
            .iter()
            .enumerate()
            .find(|(_, s)| s.tag.index() == 1)
            .unwrap();
        let item = Item {
            statement: i,
            truth: s.tag,
        };
        let wrong = Answer {
            picked: Tag(0),
            correct: false,
            duration_ms: 2_500,
        };
        let v12 = Version::V12.interaction(3, &d, item, wrong, 1_698_399_005_123, 0);
        assert_eq!(v12[0], set("cmi.interactions.3.id", s.id.as_str()));
        assert_eq!(v12[1], set("cmi.interactions.3.type", "choice"));
        assert!(v12.contains(&set("cmi.interactions.3.student_response", "a")));
        assert!(v12.contains(&set("cmi.interactions.3.correct_responses.0.pattern", "b")));
        assert!(v12.contains(&set("cmi.interactions.3.result", "wrong")));
        assert!(v12.contains(&set("cmi.interactions.3.time", "09:30:05")));
        assert!(v12.contains(&set("cmi.interactions.3.latency", "0000:00:02.50")));
        let v2004 = Version::V2004.interaction(0, &d, item, wrong, 1_698_399_005_123, 0);
        assert_eq!(v2004[0], set("cmi.interactions.0.id", s.id.as_str()));
        assert!(v2004.contains(&set("cmi.interactions.0.learner_response", d.categories[0].id.as_str())));
        assert!(v2004.contains(&set(
            "cmi.interactions.0.correct_responses.0.pattern",
            d.categories[1].id.as_str()
        )));
        assert!(v2004.contains(&set("cmi.interactions.0.result", "incorrect")));
        assert!(v2004.contains(&set("cmi.interactions.0.latency", "PT2.5S")));
        assert!(v2004.contains(&set("cmi.interactions.0.description", s.text.as_str())));
        // A statement the deck does not have writes nothing.
        let missing = Item {
            statement: 999,
            truth: Tag(0),
        };
        assert!(Version::V12.interaction(0, &d, missing, wrong, 0, 0).is_empty());
    }

    #[test]
    fn results_per_version() {
        let v12 = Version::V12.result(&Results::scored(7, 9, false));
        assert_eq!(v12[0], set("cmi.core.score.raw", "78"));
        assert_eq!(v12[3], set("cmi.core.lesson_status", "failed"));
        let v2004 = Version::V2004.result(&Results::scored(2, 3, true));
        assert!(v2004.contains(&set("cmi.score.raw", "2")));
        assert!(v2004.contains(&set("cmi.score.max", "3")));
        assert!(v2004.contains(&set("cmi.score.scaled", "0.6667")));
        assert!(v2004.contains(&set("cmi.success_status", "passed")));
        assert!(Version::V2004
            .result(&Results::scored(3, 3, true))
            .contains(&set("cmi.score.scaled", "1")));
        assert!(Version::V2004
            .result(&Results::scored(0, 0, false))
            .contains(&set("cmi.score.scaled", "0")));
    }

    #[test]
    fn exits_and_starts() {
        assert_eq!(
            Version::V12.exit(61_000, true),
            vec![
                set("cmi.core.session_time", "0000:01:01.00"),
                set("cmi.core.exit", "suspend")
            ]
        );
        assert_eq!(Version::V2004.exit(61_000, false)[1], set("cmi.exit", "normal"));
        assert_eq!(
            Version::V12.start("not attempted"),
            vec![set("cmi.core.lesson_status", "incomplete")]
        );
        assert_eq!(
            Version::V2004.start("unknown"),
            vec![set("cmi.completion_status", "incomplete")]
        );
        assert!(Version::V12.start("passed").is_empty());
        assert!(Version::V2004.start("completed").is_empty());
    }

    #[test]
    fn mastery_scores_are_checked() {
        assert_eq!(Version::V12.pass_mark(""), Ok(None));
        assert_eq!(Version::V12.pass_mark("80"), Ok(Some(80)));
        assert_eq!(Version::V12.pass_mark(" 66.5 "), Ok(Some(67)));
        assert!(Version::V12.pass_mark("300").is_err());
        assert!(Version::V12.pass_mark("-1").is_err());
        assert!(Version::V12.pass_mark("eighty").is_err());
        assert!(Version::V12.pass_mark("NaN").is_err());
        assert_eq!(Version::V2004.pass_mark("0.8"), Ok(Some(80)));
        assert_eq!(Version::V2004.pass_mark("-0.5"), Ok(Some(0)));
        assert_eq!(Version::V2004.pass_mark("1"), Ok(Some(100)));
        assert!(Version::V2004.pass_mark("80").is_err());
        assert!(Version::V2004.pass_mark("inf").is_err());
    }

    #[test]
    fn launch_data_is_settings_or_refused() {
        assert_eq!(launch_query(""), Ok(String::new()));
        assert_eq!(
            launch_query(" ?embed=1&mode=quiz&n=5 "),
            Ok("embed=1&mode=quiz&n=5".into())
        );
        assert_eq!(
            launch_query("deck=deck.json&pass=80"),
            Ok("deck=deck.json&pass=80".into())
        );
        for bad in [
            "{\"lesson\":3}",
            "mode=quiz&chapter=2",
            "embed",
            "x".repeat(5000).as_str(),
        ] {
            assert!(launch_query(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn call_names() {
        assert_eq!(Version::V12.call(Call::Terminate), "LMSFinish");
        assert_eq!(Version::V2004.call(Call::Terminate), "Terminate");
        assert_eq!(Version::V12.api_name(), "API");
        assert_eq!(Version::V2004.api_name(), "API_1484_11");
    }

    #[test]
    fn descriptions_are_single_lines_within_limits() {
        assert_eq!(description("a\nb"), "a b");
        assert_eq!(description("{lang=en}x"), "lang=en}x");
        assert!(description(&"x".repeat(400)).chars().count() <= 250);
    }
}
