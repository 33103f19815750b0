//! Progress: everything RoleCall keeps for a learner, as one versioned envelope.
//!
//! The envelope is a JSON object `{"format": 1, ...}` stored under one localStorage key and
//! written whole on every change. This module only encodes and decodes; reading and writing the
//! browser's storage lives in `web::storage`, which is the only place that touches it.
//!
//! Decoding never loses data: anything that is not a valid envelope of this version comes back as
//! [`Loaded::Unreadable`] or [`Loaded::Newer`] *with the original text*, so the shell can keep it
//! aside and offer it for export instead of overwriting it.

use super::cards::{CardState, DeckCards, DEFAULT_NEW_PER_DAY, MAX_NEW_PER_DAY};
use super::json::{self, Read, ReadError, Write};
use super::sort::SavedBoard;
#[cfg(test)]
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The envelope format this build writes and reads.
pub const FORMAT: u64 = 1;
/// Quiz attempts kept per deck.
pub const HISTORY_LEN: usize = 20;
/// Largest envelope accepted on import (a full 10,000-card deck stays far below this).
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;

/// The colour theme the learner chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
#[cfg_attr(test, serde(rename_all = "lowercase"))]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "auto" => Some(Theme::Auto),
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Whether the page shows dark colours under this theme, on a device that prefers them or not.
    pub fn is_dark(self, device_dark: bool) -> bool {
        match self {
            Theme::Auto => device_dark,
            Theme::Light => false,
            Theme::Dark => true,
        }
    }

    /// The theme the theme button moves to. From the device's theme it goes to the other look
    /// first, so the first click always changes the colours; then to the device's look chosen
    /// for good; then back to following the device.
    pub fn next(self, device_dark: bool) -> Theme {
        let (same, other) = if device_dark {
            (Theme::Dark, Theme::Light)
        } else {
            (Theme::Light, Theme::Dark)
        };
        match self {
            Theme::Auto => other,
            t if t == other => same,
            _ => Theme::Auto,
        }
    }
}

#[cfg(test)]
fn yes() -> bool {
    true
}

#[cfg(test)]
fn default_new_per_day() -> u32 {
    DEFAULT_NEW_PER_DAY
}

/// Preferences that apply to every deck.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct Settings {
    #[cfg_attr(test, serde(default))]
    pub theme: Theme,
    /// Single-key shortcuts (1-6, letters, Enter, Space, ?); WCAG 2.1.4 asks that they can be off.
    #[cfg_attr(test, serde(default = "yes"))]
    pub shortcuts: bool,
    #[cfg_attr(test, serde(default = "default_new_per_day"))]
    pub new_per_day: u32,
    /// Flashcards: pick the tag before flipping.
    #[cfg_attr(test, serde(default))]
    pub answer_first: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::Auto,
            shortcuts: true,
            new_per_day: DEFAULT_NEW_PER_DAY,
            answer_first: false,
        }
    }
}

/// One finished quiz, for the history chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct Attempt {
    /// When it finished, epoch ms.
    pub at: i64,
    pub correct: u32,
    pub total: u32,
    /// True for a "retry the missed ones" quiz. Only older versions recorded those; they are
    /// practice, kept but not shown as attempts.
    #[cfg_attr(test, serde(default))]
    pub retry: bool,
    /// The attempt's number under its plan; 0 when recorded before attempts were numbered.
    #[cfg_attr(test, serde(default))]
    pub attempt: u32,
}

impl Attempt {
    /// Orders attempts by score ratio, then by size, then by recency.
    pub fn beats(&self, other: &Attempt) -> bool {
        let a = u64::from(self.correct) * u64::from(other.total.max(1));
        let b = u64::from(other.correct) * u64::from(self.total.max(1));
        (a, self.total, self.at) > (b, other.total, other.at)
    }
}

/// The better of two optional attempts.
fn better(a: Option<Attempt>, b: Option<Attempt>) -> Option<Attempt> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.beats(&a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// An answer inside a saved, unfinished quiz.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct SavedAnswer {
    /// The category id picked.
    pub tag: String,
    pub ms: u64,
}

/// An unfinished quiz, saved so a reload resumes it. Statements are stored by id so a saved quiz
/// survives the deck being reordered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct SavedQuiz {
    pub seed: u64,
    pub pass_mark: u8,
    #[cfg_attr(test, serde(default))]
    pub retry: bool,
    pub items: Vec<String>,
    #[cfg_attr(test, serde(default))]
    pub answers: Vec<SavedAnswer>,
    /// Whether feedback for the latest answer is showing.
    #[cfg_attr(test, serde(default))]
    pub answered: bool,
    pub started: i64,
    /// When it finished, epoch ms; 0 while it is under way.
    #[cfg_attr(test, serde(default))]
    pub ended: i64,
    /// The xAPI registration of this attempt.
    #[cfg_attr(test, serde(default))]
    pub registration: String,
    /// The attempt's number (or the number of the attempt practised); 0 before numbering.
    #[cfg_attr(test, serde(default))]
    pub attempt: u32,
    /// The key of the plan the attempt belongs to.
    #[cfg_attr(test, serde(default))]
    pub plan: String,
    /// What the host page hears of it: "all", "best" or "none" (empty before this was kept).
    #[cfg_attr(test, serde(default))]
    pub report: String,
}

/// The attempts made under one plan (see `quiz::QuizPlan::key`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct PlanAttempts {
    /// Attempts started, finished or not: the next one gets number `started + 1`.
    pub started: u32,
    /// The best finished attempt.
    #[cfg_attr(test, serde(default))]
    pub best: Option<Attempt>,
}

/// Everything kept for one deck.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct DeckProgress {
    #[cfg_attr(test, serde(default))]
    pub cards: DeckCards,
    /// Finished quizzes, oldest first, at most [`HISTORY_LEN`].
    #[cfg_attr(test, serde(default))]
    pub history: Vec<Attempt>,
    /// The best attempt ever, kept even after it leaves the history.
    #[cfg_attr(test, serde(default))]
    pub best: Option<Attempt>,
    /// The quiz under way, resumed after a reload.
    #[cfg_attr(test, serde(default))]
    pub quiz: Option<SavedQuiz>,
    /// The last finished quiz, so that a reload of its results screen shows the same results.
    #[cfg_attr(test, serde(default))]
    pub finished: Option<SavedQuiz>,
    /// The sort round on the board, finished or not, so that a reload brings it back.
    #[cfg_attr(test, serde(default))]
    pub sort: Option<SavedBoard>,
    /// Attempts per plan, by plan key.
    #[cfg_attr(test, serde(default))]
    pub attempts: BTreeMap<String, PlanAttempts>,
}

impl DeckProgress {
    /// Records a finished attempt under `plan`: appended to the history (trimmed), and kept as
    /// best (of the deck and of the plan) if it is. Practice is not recorded at all.
    pub fn record(&mut self, attempt: Attempt, plan: &str) {
        if attempt.retry {
            return;
        }
        self.history.push(attempt);
        let excess = self.history.len().saturating_sub(HISTORY_LEN);
        self.history.drain(..excess);
        if self.best.is_none_or(|b| attempt.beats(&b)) {
            self.best = Some(attempt);
        }
        let record = self.attempts.entry(plan.to_string()).or_default();
        if record.best.is_none_or(|b| attempt.beats(&b)) {
            record.best = Some(attempt);
        }
    }

    /// The attempts made under `plan`.
    pub fn plan(&self, plan: &str) -> PlanAttempts {
        self.attempts.get(plan).copied().unwrap_or_default()
    }

    /// The finished attempts in the history, oldest first (practice that older versions
    /// recorded is left out, so the chart and the best score agree).
    pub fn attempts_history(&self) -> impl Iterator<Item = &Attempt> {
        self.history.iter().filter(|a| !a.retry)
    }
}

/// The whole envelope.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct Progress {
    pub format: u64,
    /// An anonymous, random learner id (used as the xAPI actor); never personal data.
    pub learner: String,
    #[cfg_attr(test, serde(default))]
    pub settings: Settings,
    /// By deck id.
    #[cfg_attr(test, serde(default))]
    pub decks: BTreeMap<String, DeckProgress>,
}

/// The result of reading stored progress.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    Ok(Progress),
    /// Stored text that is not valid progress; `raw` is kept to be set aside and exported.
    Unreadable {
        raw: String,
        reason: String,
    },
    /// Progress written by a newer version of RoleCall: must not be overwritten.
    Newer {
        raw: String,
        format: u64,
    },
}

/// Why an import was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge,
    Unreadable(String),
    Newer(u64),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::TooLarge => write!(f, "the file is larger than 16 MiB, too large to be RoleCall progress"),
            ImportError::Unreadable(reason) => write!(f, "the file is not RoleCall progress: {reason}"),
            ImportError::Newer(v) => write!(
                f,
                "the file was saved by a newer version of RoleCall (format {v}); this version reads format {FORMAT}. Nothing was changed"
            ),
        }
    }
}

impl Progress {
    /// Fresh progress for a new learner.
    pub fn new(learner: String) -> Progress {
        Progress {
            format: FORMAT,
            learner,
            settings: Settings::default(),
            decks: BTreeMap::new(),
        }
    }

    /// The progress on one deck (empty if none yet).
    pub fn deck(&self, id: &str) -> DeckProgress {
        self.decks.get(id).cloned().unwrap_or_default()
    }

    /// The envelope as JSON text.
    pub fn encode(&self) -> String {
        json::to_string(self)
    }

    /// Reads stored progress. `None` means nothing was stored.
    pub fn decode(raw: Option<&str>) -> Loaded {
        let Some(raw) = raw else { return Loaded::Empty };
        match Self::parse(raw) {
            Ok(p) => Loaded::Ok(p),
            Err(ImportError::Newer(format)) => Loaded::Newer {
                raw: raw.to_string(),
                format,
            },
            Err(e) => Loaded::Unreadable {
                raw: raw.to_string(),
                reason: reason_of(&e),
            },
        }
    }

    /// Parses an envelope from text (stored or imported) and checks it is plausible.
    pub fn parse(raw: &str) -> Result<Progress, ImportError> {
        if raw.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge);
        }
        let bad = |s: &str| ImportError::Unreadable(s.to_string());
        let value =
            json::parse(raw.strip_prefix('\u{feff}').unwrap_or(raw)).map_err(|e| bad(&format!("not JSON ({e})")))?;
        let format = value
            .as_object()
            .ok_or_else(|| bad("not a JSON object"))?
            .get("format")
            .ok_or_else(|| bad("it has no format version"))?;
        let format: u64 = json::exact_integer(format).ok_or_else(|| bad("its format version is not a whole number"))?;
        if format > FORMAT {
            return Err(ImportError::Newer(format));
        }
        if format < FORMAT {
            return Err(bad(&format!("format {format} is older than any this version can read")));
        }
        let p = <Progress as json::Read>::read(&value).map_err(|e| bad(&format!("unexpected content ({e})")))?;
        p.check().map_err(|e| bad(&e))?;
        Ok(p)
    }

    /// Plausibility checks beyond shape: values a working app could not have written.
    fn check(&self) -> Result<(), String> {
        if self.learner.is_empty() || self.learner.len() > 64 {
            return Err("the learner id is missing or too long".into());
        }
        if self.settings.new_per_day > MAX_NEW_PER_DAY {
            return Err(format!(
                "new cards per day is {}, above {MAX_NEW_PER_DAY}",
                self.settings.new_per_day
            ));
        }
        for (deck, p) in &self.decks {
            if let Some((id, _)) = p.cards.cards.iter().find(|(_, c)| !c.is_plausible()) {
                return Err(format!("the card {id:?} of deck {deck:?} has impossible values"));
            }
            if p.history.len() > HISTORY_LEN * 2 {
                return Err(format!("deck {deck:?} has {} history entries", p.history.len()));
            }
            let plan_bests = p.attempts.values().filter_map(|a| a.best.as_ref());
            if p.history
                .iter()
                .chain(p.best.iter())
                .chain(plan_bests)
                .any(|a| a.correct > a.total)
            {
                return Err(format!("deck {deck:?} has a score above its total"));
            }
        }
        Ok(())
    }

    /// Combines imported progress into this one without losing either: for each card the more
    /// recently reviewed state wins; histories are united; the best attempt is the better one.
    /// Settings and the learner id stay as they are here.
    pub fn merged(&self, other: &Progress) -> Progress {
        let mut out = self.clone();
        for (deck_id, theirs) in &other.decks {
            let mine = out.decks.entry(deck_id.clone()).or_default();
            for (id, card) in &theirs.cards.cards {
                let keep_mine = mine
                    .cards
                    .cards
                    .get(id)
                    .is_some_and(|m| m.last_review >= card.last_review);
                if !keep_mine {
                    mine.cards.cards.insert(id.clone(), card.clone());
                }
            }
            if theirs.cards.new_day > mine.cards.new_day {
                mine.cards.new_day = theirs.cards.new_day;
                mine.cards.new_today = theirs.cards.new_today;
            }
            let both: Vec<Attempt> = mine.history.iter().chain(&theirs.history).copied().collect();
            // A stable sort by time, done as a sort of (time, position) pairs: the study queue
            // sorts the same type, so the wasm carries one sort rather than two.
            let mut order: Vec<(i64, usize)> = both.iter().enumerate().map(|(i, a)| (a.at, i)).collect();
            order.sort();
            let mut history: Vec<Attempt> = order.into_iter().map(|(_, i)| both[i]).collect();
            history.dedup();
            let excess = history.len().saturating_sub(HISTORY_LEN);
            history.drain(..excess);
            mine.history = history;
            mine.best = better(mine.best, theirs.best);
            // Attempts started are never forgotten: the larger count wins, so a limit holds.
            for (key, t) in &theirs.attempts {
                let m = mine.attempts.entry(key.clone()).or_default();
                m.started = m.started.max(t.started);
                m.best = better(m.best, t.best);
            }
            if mine.quiz.is_none() {
                mine.quiz = theirs.quiz.clone();
            }
            if mine.sort.is_none() {
                mine.sort = theirs.sort.clone();
            }
            if mine.finished.is_none() {
                mine.finished = theirs.finished.clone();
            }
        }
        out
    }

    /// Number of cards with a schedule, over all decks (shown when confirming an import).
    pub fn card_count(&self) -> usize {
        self.decks.values().map(|d| d.cards.cards.len()).sum()
    }

    /// Replaces one card state (used by tests and imports of single decks).
    pub fn set_card(&mut self, deck: &str, id: &str, state: CardState) {
        self.decks
            .entry(deck.to_string())
            .or_default()
            .cards
            .cards
            .insert(id.to_string(), state);
    }
}

// --- Stored as JSON -------------------------------------------------------------------------
//
// Read and written by hand (see `json`): each struct lists its fields once, in the order they
// are written, and `json::object!` makes the reader and the writer from that one list. Fields
// with a default may be left out; unknown fields are ignored. In tests, serde derives of the same
// types are the reference these are checked against, so the format cannot drift.

impl Read for Theme {
    fn read(v: &Value) -> Result<Self, ReadError> {
        v.as_str()
            .and_then(Theme::parse)
            .ok_or_else(|| json::expected("\"auto\", \"light\" or \"dark\"", v))
    }
}

impl Write for Theme {
    fn write(&self, out: &mut String) {
        self.as_str().write(out)
    }
}

json::object! { Settings {
    theme: or(Theme::Auto),
    shortcuts: or(true),
    new_per_day: or(DEFAULT_NEW_PER_DAY),
    answer_first: or(false),
} }

json::object! { Attempt { at: req, correct: req, total: req, retry: or(false), attempt: or(0) } }

json::object! { PlanAttempts { started: req, best: or(None) } }

json::object! { SavedAnswer { tag: req, ms: req } }

json::object! { SavedQuiz {
    seed: req,
    pass_mark: req,
    retry: or(false),
    items: req,
    answers: or(Vec::new()),
    answered: or(false),
    started: req,
    ended: or(0),
    registration: or(String::new()),
    attempt: or(0),
    plan: or(String::new()),
    report: or(String::new()),
} }

json::object! { DeckProgress {
    cards: or(DeckCards::default()),
    history: or(Vec::new()),
    best: or(None),
    quiz: or(None),
    finished: or(None),
    sort: or(None),
    attempts: or(BTreeMap::new()),
} }

json::object! { Progress {
    format: req,
    learner: req,
    settings: or(Settings::default()),
    decks: or(BTreeMap::new()),
} }

fn reason_of(e: &ImportError) -> String {
    match e {
        ImportError::Unreadable(r) => r.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_theme_button_changes_the_look_first() {
        for device_dark in [false, true] {
            let look = |t: Theme| t.is_dark(device_dark);
            let first = Theme::Auto.next(device_dark);
            assert_ne!(look(first), look(Theme::Auto), "the first click changes the colours");
            let second = first.next(device_dark);
            assert_ne!(look(second), look(first), "so does the second");
            assert_ne!(second, Theme::Auto);
            assert_eq!(
                second.next(device_dark),
                Theme::Auto,
                "the third follows the device again"
            );
        }
    }
    use super::*;
    use crate::core::cards::{schedule, Grade};

    const T0: i64 = 1_700_000_000_000;

    fn sample() -> Progress {
        let mut p = Progress::new("3f0b1c1e-1d7e-4b7a-9a57-6a3f1f7e2c10".into());
        p.set_card("devops-vs-platform", "bridge", schedule(None, Grade::Good, T0));
        let d = p.decks.get_mut("devops-vs-platform").unwrap();
        d.record(
            Attempt {
                at: T0,
                correct: 7,
                total: 10,
                retry: false,
                attempt: 1,
            },
            "quiz;pass=70",
        );
        d.attempts.get_mut("quiz;pass=70").unwrap().started = 1;
        d.quiz = Some(SavedQuiz {
            seed: 42,
            pass_mark: 70,
            retry: false,
            items: vec!["bridge".into(), "k8s".into()],
            answers: vec![SavedAnswer {
                tag: "devops".into(),
                ms: 1200,
            }],
            answered: true,
            started: T0,
            ended: 0,
            registration: "r".into(),
            attempt: 1,
            plan: "quiz;pass=70".into(),
            report: "all".into(),
        });
        p.settings.theme = Theme::Dark;
        p
    }

    #[test]
    fn round_trip() {
        let p = sample();
        assert_eq!(Progress::decode(Some(&p.encode())), Loaded::Ok(p));
        assert_eq!(Progress::decode(None), Loaded::Empty);
    }

    /// The exact stored text, so a change to how progress is written shows up as a failure here
    /// before it reaches a learner's storage.
    #[test]
    fn stored_text_is_exact() {
        let mut empty_deck = Progress::new("x".into());
        empty_deck.decks.insert("d".into(), DeckProgress::default());
        for (p, text) in [
            (
                sample(),
                concat!(
                    r#"{"format":1,"learner":"3f0b1c1e-1d7e-4b7a-9a57-6a3f1f7e2c10","#,
                    r#""settings":{"theme":"dark","shortcuts":true,"new_per_day":10,"answer_first":false},"#,
                    r#""decks":{"devops-vs-platform":{"cards":{"cards":{"bridge":{"due":1700000600000,"#,
                    r#""stability":3.1262,"difficulty":5.314577829570867,"elapsed_days":0,"scheduled_days":0,"#,
                    r#""reps":1,"lapses":0,"phase":"learning","last_review":1700000000000}},"new_day":0,"#,
                    r#""new_today":0},"history":[{"at":1700000000000,"correct":7,"total":10,"retry":false,"attempt":1}],"#,
                    r#""best":{"at":1700000000000,"correct":7,"total":10,"retry":false,"attempt":1},"#,
                    r#""quiz":{"seed":42,"pass_mark":70,"retry":false,"items":["bridge","k8s"],"#,
                    r#""answers":[{"tag":"devops","ms":1200}],"answered":true,"started":1700000000000,"#,
                    r#""ended":0,"registration":"r","attempt":1,"plan":"quiz;pass=70","report":"all"},"#,
                    r#""finished":null,"sort":null,"attempts":{"quiz;pass=70":{"started":1,"best":{"at":1700000000000,"correct":7,"#,
                    r#""total":10,"retry":false,"attempt":1}}}}}}"#,
                ),
            ),
            (
                empty_deck,
                concat!(
                    r#"{"format":1,"learner":"x","#,
                    r#""settings":{"theme":"auto","shortcuts":true,"new_per_day":10,"answer_first":false},"#,
                    r#""decks":{"d":{"cards":{"cards":{},"new_day":0,"new_today":0},"history":[],"#,
                    r#""best":null,"quiz":null,"finished":null,"sort":null,"attempts":{}}}}"#,
                ),
            ),
        ] {
            assert_eq!(p.encode(), text);
        }
    }

    #[test]
    fn missing_optional_parts_take_defaults() {
        let Loaded::Ok(p) = Progress::decode(Some(r#"{"format":1,"learner":"x"}"#)) else {
            panic!()
        };
        assert_eq!(p.settings, Settings::default());
        assert!(p.decks.is_empty());
    }

    /// A table of corrupt stored values: each is kept (as raw text) with a reason, never dropped.
    #[test]
    fn corrupt_values_are_kept_with_a_reason() {
        let good = sample().encode();
        let truncated = &good[..good.len() / 2];
        let nan_card = good.replace("\"stability\":", "\"stability\":-");
        let rows: Vec<(&str, String, &str)> = vec![
            ("not json", "{{{".into(), "not JSON"),
            ("truncated", truncated.into(), "not JSON"),
            ("array", "[1,2]".into(), "not a JSON object"),
            ("string", "\"hello\"".into(), "not a JSON object"),
            ("no format", r#"{"learner":"x"}"#.into(), "it has no format version"),
            (
                "format text",
                r#"{"format":"1","learner":"x"}"#.into(),
                "its format version is not a whole number",
            ),
            (
                "older",
                r#"{"format":0,"learner":"x"}"#.into(),
                "format 0 is older than any this version can read",
            ),
            (
                "foreign app",
                r#"{"format":1,"user":"bob","todos":[]}"#.into(),
                "unexpected content (missing field `learner`)",
            ),
            (
                "wrong type",
                r#"{"format":1,"learner":"x","decks":[]}"#.into(),
                "unexpected content (decks: expected an object, found an array)",
            ),
            (
                "empty learner",
                r#"{"format":1,"learner":""}"#.into(),
                "the learner id is missing or too long",
            ),
            (
                "negative stability",
                nan_card,
                "the card \"bridge\" of deck \"devops-vs-platform\" has impossible values",
            ),
            (
                "score above total",
                r#"{"format":1,"learner":"x","decks":{"d":{"history":[{"at":1,"correct":5,"total":3}]}}}"#.into(),
                "deck \"d\" has a score above its total",
            ),
            (
                "new per day",
                r#"{"format":1,"learner":"x","settings":{"new_per_day":100000}}"#.into(),
                "new cards per day is 100000, above 200",
            ),
        ];
        for (name, raw, want) in rows {
            match Progress::decode(Some(&raw)) {
                Loaded::Unreadable { raw: kept, reason } => {
                    assert_eq!(kept, raw, "{name}: original text kept");
                    assert!(
                        reason.starts_with(want),
                        "{name}: {reason:?} should start with {want:?}"
                    );
                }
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn newer_versions_are_refused_not_destroyed() {
        let raw = r#"{"format":2,"learner":"x","whatever":{"new":"shape"}}"#;
        assert_eq!(
            Progress::decode(Some(raw)),
            Loaded::Newer {
                raw: raw.into(),
                format: 2
            }
        );
        assert_eq!(
            Progress::parse(raw).unwrap_err().to_string(),
            "the file was saved by a newer version of RoleCall (format 2); this version reads format 1. Nothing was changed"
        );
    }

    #[test]
    fn history_is_trimmed_and_best_survives() {
        let mut d = DeckProgress::default();
        d.record(
            Attempt {
                at: 0,
                correct: 10,
                total: 10,
                retry: false,
                attempt: 0,
            },
            "quiz;pass=70",
        );
        for i in 1..=25 {
            d.record(
                Attempt {
                    at: i,
                    correct: 1,
                    total: 10,
                    retry: false,
                    attempt: 0,
                },
                "quiz;pass=70",
            );
        }
        assert_eq!(d.history.len(), HISTORY_LEN);
        assert_eq!(d.history[0].at, 6);
        assert_eq!(d.best.unwrap().at, 0);
        // Practice is not recorded: it only holds questions already missed.
        let before = d.clone();
        d.record(
            Attempt {
                at: 99,
                correct: 3,
                total: 3,
                retry: true,
                attempt: 0,
            },
            "quiz;pass=70",
        );
        assert_eq!(d, before);
        assert_eq!(d.plan("quiz;pass=70").best.unwrap().at, 0, "the plan's best too");
        assert_eq!(d.plan("other"), PlanAttempts::default());
    }

    #[test]
    fn best_compares_ratios() {
        let a = Attempt {
            at: 1,
            correct: 9,
            total: 10,
            retry: false,
            attempt: 0,
        };
        let b = Attempt {
            at: 2,
            correct: 18,
            total: 20,
            retry: false,
            attempt: 0,
        };
        let c = Attempt {
            at: 3,
            correct: 8,
            total: 10,
            retry: false,
            attempt: 0,
        };
        assert!(b.beats(&a), "same ratio, larger quiz");
        assert!(a.beats(&c));
        assert!(!c.beats(&a));
    }

    #[test]
    fn merge_keeps_the_newest_card_and_unites_history() {
        let mine = sample();
        let mut theirs = Progress::new("other".into());
        let newer = schedule(None, Grade::Easy, T0 + 1000);
        let older = schedule(None, Grade::Again, T0 - 1000);
        theirs.set_card("devops-vs-platform", "bridge", newer.clone());
        theirs.set_card("devops-vs-platform", "k8s", older.clone());
        theirs.set_card("custom", "x", older.clone());
        theirs.decks.get_mut("devops-vs-platform").unwrap().record(
            Attempt {
                at: T0 + 5,
                correct: 10,
                total: 10,
                retry: false,
                attempt: 0,
            },
            "quiz;pass=70",
        );
        let m = mine.merged(&theirs);
        assert_eq!(m.learner, mine.learner);
        assert_eq!(m.settings, mine.settings);
        let d = &m.decks["devops-vs-platform"];
        assert_eq!(d.cards.cards["bridge"], newer);
        assert_eq!(d.cards.cards["k8s"], older);
        assert_eq!(d.history.len(), 2);
        assert_eq!(d.best.unwrap().correct, 10);
        assert!(d.quiz.is_some());
        assert_eq!(m.decks["custom"].cards.cards.len(), 1);
        assert_eq!(m.card_count(), 3);
        // Merging is idempotent.
        assert_eq!(m.merged(&theirs), m);
    }

    // --- The hand-written reader and writer against serde's derives of the same types --------

    use crate::core::cards::Phase;
    use crate::core::rng::SplitMix64;

    fn pick<'a>(rng: &mut SplitMix64, items: &[&'a str]) -> &'a str {
        items[rng.below(items.len() as u64) as usize]
    }

    /// Text that exercises escaping: quotes, backslashes, control characters, non-ASCII.
    fn text(rng: &mut SplitMix64) -> String {
        let parts = [
            "a", "bridge", "\"", "\\", "\n", "\u{0}", "\u{1f}", "\u{7f}", "é", "😀", "\u{2028}", " ", "/",
        ];
        (0..rng.below(6)).map(|_| pick(rng, &parts)).collect()
    }

    /// A number in FSRS's range (stability 0 to 100 years in days, difficulty 1 to 10), often
    /// with all 17 significant digits.
    fn number(rng: &mut SplitMix64) -> f64 {
        let picks = [0.0, 1.0, 0.1, 2.3065, 0.001, 10.0, 36500.0, 123.456];
        let base = picks[rng.below(picks.len() as u64) as usize];
        base * (1.0 + rng.below(1000) as f64 / 997.0)
    }

    fn card(rng: &mut SplitMix64) -> CardState {
        CardState {
            due: rng.next_u64() as i64 >> rng.below(64),
            stability: number(rng),
            difficulty: number(rng),
            elapsed_days: rng.below(400) as i64 - 3,
            scheduled_days: rng.below(400) as i64,
            reps: rng.below(50) as u32,
            lapses: rng.next_u64() as u32,
            phase: [Phase::Learning, Phase::Review, Phase::Relearning][rng.below(3) as usize],
            last_review: -(rng.below(1 << 50) as i64),
        }
    }

    fn attempt(rng: &mut SplitMix64) -> Attempt {
        Attempt {
            at: rng.next_u64() as i64,
            correct: rng.below(10) as u32,
            total: rng.below(1 << 32) as u32,
            retry: rng.below(2) == 0,
            attempt: 0,
        }
    }

    fn random_progress(rng: &mut SplitMix64) -> Progress {
        let mut p = Progress::new(text(rng) + "x");
        p.settings = Settings {
            theme: [Theme::Auto, Theme::Light, Theme::Dark][rng.below(3) as usize],
            shortcuts: rng.below(2) == 0,
            new_per_day: rng.below(201) as u32,
            answer_first: rng.below(2) == 0,
        };
        for _ in 0..rng.below(3) {
            let mut d = DeckProgress::default();
            for _ in 0..rng.below(4) {
                d.cards.cards.insert(text(rng), card(rng));
            }
            d.cards.new_day = rng.below(30000) as i64;
            d.cards.new_today = rng.below(30) as u32;
            d.history = (0..rng.below(4)).map(|_| attempt(rng)).collect();
            d.best = (rng.below(2) == 0).then(|| attempt(rng));
            d.quiz = (rng.below(2) == 0).then(|| SavedQuiz {
                seed: rng.next_u64(),
                pass_mark: rng.below(256) as u8,
                retry: rng.below(2) == 0,
                items: (0..rng.below(4)).map(|_| text(rng)).collect(),
                answers: (0..rng.below(3))
                    .map(|_| SavedAnswer {
                        tag: text(rng),
                        ms: rng.next_u64(),
                    })
                    .collect(),
                answered: rng.below(2) == 0,
                started: rng.next_u64() as i64,
                ended: rng.next_u64() as i64,
                registration: text(rng),
                attempt: rng.below(5) as u32,
                plan: text(rng),
                report: text(rng),
            });
            // The last finished quiz takes the same shape as the one under way.
            d.finished = d.quiz.clone().filter(|_| rng.below(2) == 0);
            for _ in 0..rng.below(3) {
                let best = (rng.below(2) == 0).then(|| attempt(rng));
                let started = rng.below(1 << 32) as u32;
                d.attempts.insert(text(rng), PlanAttempts { started, best });
            }
            p.decks.insert(text(rng), d);
        }
        p
    }

    /// Every path to a value in the tree, as object keys and array indexes.
    fn paths(v: &Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| {
                let mut p = here.clone();
                p.push(k.clone());
                paths(c, p.clone(), out);
                out.push(p);
            }),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
                let mut p = here.clone();
                p.push(i.to_string());
                paths(c, p.clone(), out);
                out.push(p);
            }),
            _ => {}
        }
    }

    /// Replaces (or, with `None`, removes) the value at `path`, if an earlier edit left it there.
    fn edit(v: &mut Value, path: &[String], new: Option<Value>) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        if let (true, None, Value::Object(m)) = (rest.is_empty(), &new, &mut *v) {
            m.remove(first.as_str());
            return;
        }
        let child = match v {
            Value::Array(a) => first.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            Value::Object(m) => m.get_mut(first.as_str()),
            _ => None,
        };
        match (child, new) {
            (Some(c), new) if !rest.is_empty() => edit(c, rest, new),
            (Some(c), Some(n)) => *c = n,
            _ => {}
        }
    }

    fn within_an_ulp(a: f64, b: f64) -> bool {
        (a.to_bits() as i64 - b.to_bits() as i64).abs() <= 1
    }

    /// Our writer and serde's write the same tree, and each reads back what the other wrote.
    /// Both texts go through the same parser before they are compared: serde_json's fast float
    /// parser may land one unit in the last place away on 17-digit numbers, so a float read back
    /// can differ by that much (a ten-quadrillionth of a day of stability; `float_roundtrip`
    /// would fix it for 8 KB of gzipped wasm).
    #[test]
    fn writer_and_reader_agree_with_serde_on_random_progress() {
        let mut rng = SplitMix64::new(7);
        for round in 0..2000 {
            let p = random_progress(&mut rng);
            let (ours, theirs) = (p.encode(), serde_json::to_string(&p).unwrap());
            let tree = |t: &str| serde_json::from_str::<Value>(t).unwrap_or_else(|e| panic!("round {round}: {e}: {t}"));
            assert_eq!(tree(&ours), tree(&theirs), "round {round}: same tree as serde writes");
            // Random cards need not be plausible, so this reads without `parse`'s checks.
            let read = <Progress as Read>::read(&tree(&ours)).unwrap_or_else(|e| panic!("round {round}: {e}: {ours}"));
            assert_eq!(
                Some(&read),
                serde_json::from_str::<Progress>(&theirs).ok().as_ref(),
                "round {round}"
            );
            let mut again = <Progress as Read>::read(&tree(&read.encode())).unwrap();
            for (deck, d) in again.decks.iter_mut() {
                for (id, c) in d.cards.cards.iter_mut() {
                    let was = &read.decks[deck].cards.cards[id];
                    assert!(
                        within_an_ulp(c.stability, was.stability) && within_an_ulp(c.difficulty, was.difficulty),
                        "{} {} {} {}",
                        c.stability,
                        was.stability,
                        c.difficulty,
                        was.difficulty
                    );
                    (c.stability, c.difficulty) = (was.stability, was.difficulty);
                }
            }
            assert_eq!(again, read, "round {round}: stable once read");
        }
    }

    /// Removing fields, nulls, wrong types and out-of-range numbers at random places: the reader
    /// accepts exactly what serde's derive accepts, with the same result.
    #[test]
    fn reader_accepts_what_serde_accepts() {
        let mut rng = SplitMix64::new(11);
        let replacements = [
            "null",
            "\"x\"",
            "-1",
            "1.5",
            "4294967296",
            "256",
            "true",
            "[]",
            "{}",
            "\"review\"",
            "\"dark\"",
            "1e300",
            "18446744073709551615",
            "-9223372036854775808",
            "0",
        ];
        let (mut same_ok, mut same_err) = (0, 0);
        for round in 0..4000 {
            let p = random_progress(&mut rng);
            let mut v = serde_json::to_value(&p).unwrap();
            let mut all = Vec::new();
            paths(&v, Vec::new(), &mut all);
            for _ in 0..=rng.below(2) {
                let path = &all[rng.below(all.len() as u64) as usize];
                let new = match rng.below(4) {
                    0 => None,
                    _ => Some(serde_json::from_str(pick(&mut rng, &replacements)).unwrap()),
                };
                edit(&mut v, path, new);
            }
            let expected = serde_json::from_value::<Progress>(v.clone()).ok();
            match (<Progress as Read>::read(&v), expected) {
                (Ok(ours), Some(theirs)) => {
                    assert_eq!(ours, theirs, "round {round}: {v}");
                    same_ok += 1;
                }
                (Err(_), None) => same_err += 1,
                // serde also reads a struct written as an array of its fields; RoleCall never
                // wrote one, so only objects are read.
                (Err(e), Some(_)) => assert!(e.message.ends_with("found an array"), "round {round}: {e} {v}"),
                (Ok(ours), None) => panic!("round {round}: read {ours:?} from {v}"),
            }
        }
        assert!(same_ok > 500 && same_err > 500, "{same_ok} read, {same_err} refused");
    }

    #[test]
    fn read_errors_say_where() {
        let raw = r#"{"format":1,"learner":"x","decks":{"d":{"history":[{"at":1,"correct":1,"total":1},{"at":1,"correct":"5","total":3}]}}}"#;
        assert_eq!(
            Progress::parse(raw),
            Err(ImportError::Unreadable(
                "unexpected content (decks.d.history[1].correct: expected a whole number from 0 to 4294967295, found a string)"
                    .into()
            ))
        );
        let raw = r#"{"format":1,"learner":"x","decks":{"d":{"quiz":{"seed":1}}}}"#;
        assert_eq!(
            Progress::parse(raw).unwrap_err().to_string(),
            "the file is not RoleCall progress: unexpected content (decks.d.quiz: missing field `pass_mark`)"
        );
    }
}
