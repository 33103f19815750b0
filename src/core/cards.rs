//! Flashcards: FSRS scheduling of every statement, and a study session over the cards due.
//!
//! Scheduling is delegated to `rs-fsrs` (the Free Spaced Repetition Scheduler used by Anki), with
//! its short-term steps enabled: a new or failed card comes back after minutes, a remembered one
//! after days. A study session shows cards in Anki's order: learning cards that are due, reviews
//! that are due, new cards up to the daily limit, and finally learning cards due within the
//! learn-ahead window, so a card failed now returns later in the same session.
//!
//! When nothing is due, a learner may go on in two ways, as Anki's custom study offers: learn
//! more new cards than today's limit ([`DeckCards::more_new_limit`]), or study ahead: review
//! cards before they are due, soonest first ([`DeckCards::ahead`]). FSRS counts an early review
//! for what it is (the memory was still fresh, so it gains little), and one rule of ours keeps
//! studying ahead from costing anything: a card in review that is remembered early (Hard, Good or
//! Easy) is never due sooner than it already was ([`schedule`]). Forgetting it (Again) is news,
//! and reschedules it as at any other time.
//!
//! The clock is always passed in ([`Clock`]); nothing here reads the time.

use super::dates::DAY_MS;
use super::deck::{Deck, StatementId, Tag};
use super::json;
use super::text::count;
use chrono::{DateTime, TimeZone, Utc};
use rs_fsrs::{Card, Parameters, Rating, State, FSRS};
#[cfg(test)]
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;

const MINUTE_MS: i64 = 60_000;
/// Learning cards due within this window are shown rather than ending the session (Anki's default).
pub const LEARN_AHEAD_MS: i64 = 20 * MINUTE_MS;
/// New cards introduced per day unless the learner changes it.
pub const DEFAULT_NEW_PER_DAY: u32 = 10;
/// The largest daily new-card limit offered.
pub const MAX_NEW_PER_DAY: u32 = 200;

/// The current time and the learner's offset from UTC, so "today" means the learner's day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub now_ms: i64,
    /// Local time minus UTC, in milliseconds (UTC+2 is 7_200_000).
    pub utc_offset_ms: i64,
}

impl Clock {
    /// The learner's day number (days since 1970-01-01 in local time).
    pub fn day(self) -> i64 {
        self.day_of(self.now_ms)
    }

    /// The local day number of an instant.
    pub fn day_of(self, ms: i64) -> i64 {
        (ms.saturating_add(self.utc_offset_ms)).div_euclid(DAY_MS)
    }
}

/// A learner's self-assessment after seeing the back of a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    pub fn label(self) -> &'static str {
        match self {
            Grade::Again => "Again",
            Grade::Hard => "Hard",
            Grade::Good => "Good",
            Grade::Easy => "Easy",
        }
    }

    /// The grade a key selects (`1`..`4`).
    pub fn from_key(key: &str) -> Option<Grade> {
        match key {
            "1" => Some(Grade::Again),
            "2" => Some(Grade::Hard),
            "3" => Some(Grade::Good),
            "4" => Some(Grade::Easy),
            _ => None,
        }
    }

    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }
}

/// Where a card is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub enum Phase {
    #[cfg_attr(test, serde(rename = "learning"))]
    Learning,
    #[cfg_attr(test, serde(rename = "review"))]
    Review,
    #[cfg_attr(test, serde(rename = "relearning"))]
    Relearning,
}

/// The scheduling state of one studied card (a card never studied has none).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct CardState {
    /// When the card is next due, epoch ms.
    pub due: i64,
    /// FSRS memory stability, in days.
    pub stability: f64,
    /// FSRS difficulty, 1 to 10.
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: u32,
    pub lapses: u32,
    pub phase: Phase,
    /// When the card was last graded, epoch ms.
    pub last_review: i64,
}

fn to_utc(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

fn scheduler() -> FSRS {
    // Fuzz is off so that the same history always gives the same schedule.
    FSRS::new(Parameters {
        enable_fuzz: false,
        ..Parameters::default()
    })
}

impl CardState {
    /// True when stored values are within what FSRS can produce; anything else is corrupt.
    pub fn is_plausible(&self) -> bool {
        self.stability.is_finite()
            && self.stability >= 0.0
            && self.difficulty.is_finite()
            && (0.0..=10.0).contains(&self.difficulty)
            && self.elapsed_days >= 0
            && self.scheduled_days >= 0
            && to_utc(self.due).timestamp_millis() == self.due
            && to_utc(self.last_review).timestamp_millis() == self.last_review
    }

    fn to_fsrs(&self) -> Card {
        Card {
            due: to_utc(self.due),
            stability: self.stability,
            difficulty: self.difficulty,
            elapsed_days: self.elapsed_days,
            scheduled_days: self.scheduled_days,
            reps: self.reps.min(i32::MAX as u32) as i32,
            lapses: self.lapses.min(i32::MAX as u32) as i32,
            state: match self.phase {
                Phase::Learning => State::Learning,
                Phase::Review => State::Review,
                Phase::Relearning => State::Relearning,
            },
            last_review: to_utc(self.last_review),
        }
    }

    fn from_fsrs(card: &Card) -> CardState {
        CardState {
            due: card.due.timestamp_millis(),
            stability: card.stability,
            difficulty: card.difficulty,
            elapsed_days: card.elapsed_days,
            scheduled_days: card.scheduled_days,
            reps: card.reps.max(0) as u32,
            lapses: card.lapses.max(0) as u32,
            phase: match card.state {
                State::Review => Phase::Review,
                State::Relearning => Phase::Relearning,
                // rs-fsrs never returns New after a review; treat it as learning if it did.
                State::New | State::Learning => Phase::Learning,
            },
            last_review: card.last_review.timestamp_millis(),
        }
    }

    /// Is the card in a learning step (minutes apart) rather than a review (days apart)?
    pub fn is_learning(&self) -> bool {
        matches!(self.phase, Phase::Learning | Phase::Relearning)
    }
}

/// Schedules a card after a grade. `prev` is `None` for a card never studied.
///
/// A card in review that is graded before it is due and remembered (anything but Again) keeps
/// at least its due date: studying ahead can push a card later, never bring it forward. FSRS's
/// own stability update for the early review is kept.
pub fn schedule(prev: Option<&CardState>, grade: Grade, now_ms: i64) -> CardState {
    let now = to_utc(now_ms);
    let card = match prev {
        Some(state) => state.to_fsrs(),
        None => Card {
            due: now,
            last_review: now,
            ..Card::default()
        },
    };
    let mut next = CardState::from_fsrs(&scheduler().next(card, now, grade.rating()).card);
    if let Some(p) = prev.filter(|p| p.phase == Phase::Review && grade != Grade::Again) {
        if next.due < p.due {
            next.due = p.due;
            next.scheduled_days = (p.due - now_ms).div_euclid(DAY_MS).max(0);
        }
    }
    next
}

/// How long each grade would put the card away for, in ms (Again, Hard, Good, Easy), so the
/// grade buttons can say "10 min" or "4 d" as Anki's do (see [`super::dates::Span`]).
pub fn preview(prev: Option<&CardState>, now_ms: i64) -> [i64; 4] {
    Grade::ALL.map(|g| schedule(prev, g, now_ms).due - now_ms)
}

/// A learner's flashcard progress on one deck.
#[derive(Clone, Debug, PartialEq, Default)]
#[cfg_attr(test, derive(Serialize, Deserialize))]
pub struct DeckCards {
    /// States by statement id; a statement without a state is new.
    #[cfg_attr(test, serde(default))]
    pub cards: BTreeMap<String, CardState>,
    /// The local day `new_today` counts.
    #[cfg_attr(test, serde(default))]
    pub new_day: i64,
    /// New cards introduced on `new_day`.
    #[cfg_attr(test, serde(default))]
    pub new_today: u32,
}

// Stored as JSON by hand (see `json::object!`); the field names and shapes are the progress format.

impl Phase {
    fn as_str(self) -> &'static str {
        match self {
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }
}

impl json::Read for Phase {
    fn read(v: &Value) -> Result<Self, json::ReadError> {
        match v.as_str() {
            Some("learning") => Ok(Phase::Learning),
            Some("review") => Ok(Phase::Review),
            Some("relearning") => Ok(Phase::Relearning),
            _ => Err(json::expected("\"learning\", \"review\" or \"relearning\"", v)),
        }
    }
}

impl json::Write for Phase {
    fn write(&self, out: &mut String) {
        json::Write::write(self.as_str(), out)
    }
}

json::object! { CardState {
    due: req,
    stability: req,
    difficulty: req,
    elapsed_days: req,
    scheduled_days: req,
    reps: req,
    lapses: req,
    phase: req,
    last_review: req,
} }

json::object! { DeckCards { cards: or(BTreeMap::new()), new_day: or(0), new_today: or(0) } }

/// How many cards are in each phase, for the stats screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Counts {
    pub new: usize,
    pub learning: usize,
    pub review: usize,
}

/// What is waiting today, for the home and flashcards screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Today {
    /// Learning and review cards due now.
    pub due: usize,
    /// New cards that may still be introduced today.
    pub new_available: usize,
    /// The earliest due time among cards not due now.
    pub next_due_ms: Option<i64>,
    /// Studied cards not due yet: what studying ahead would show.
    pub ahead: usize,
    /// New cards "learn more" would add beyond today's limit (see [`DeckCards::more_new_limit`]).
    pub more_new: usize,
}

/// The words the flashcard screens use for where a card stands, each with what it means, so
/// that every screen that shows one explains it the same way. Anki's terms, in plain words.
pub const WORDS: [(&str, &str); 4] = [
    (
        "New",
        "a card you have not studied yet. A few are added each day (you choose how many).",
    ),
    (
        "Learning",
        "a card you saw in the last few minutes. It comes back within minutes until you know it.",
    ),
    (
        "Review",
        "a card you know. It comes back after days, and later each time you remember it.",
    ),
    ("Due", "a card whose time to come back has come."),
];

impl Today {
    /// Whether anything waits now: cards due, or new cards within today's limit.
    pub fn anything(&self) -> bool {
        self.due + self.new_available > 0
    }

    /// What waits now, in the words of the flashcards screen: "3 cards due and 10 new today",
    /// "1 card due", "10 new cards today", or "Nothing due now". The home screen says the same.
    pub fn summary(&self) -> String {
        match (self.due, self.new_available) {
            (0, 0) => "Nothing due now".to_string(),
            (due, 0) => count(due, "card due", "cards due"),
            (0, new) => count(new, "new card today", "new cards today"),
            (due, new) => format!("{} and {new} new today", count(due, "card due", "cards due")),
        }
    }
}

impl DeckCards {
    pub fn state(&self, id: &StatementId) -> Option<&CardState> {
        self.cards.get(id.as_str())
    }

    /// New cards introduced today (0 if the stored day is another day).
    pub fn introduced_today(&self, clock: Clock) -> u32 {
        if self.new_day == clock.day() {
            self.new_today
        } else {
            0
        }
    }

    /// The progress after grading statement `id`.
    pub fn graded(&self, id: &StatementId, grade: Grade, clock: Clock) -> DeckCards {
        let mut next = self.clone();
        let prev = self.cards.get(id.as_str());
        if prev.is_none() {
            next.new_today = self.introduced_today(clock) + 1;
            next.new_day = clock.day();
        }
        next.cards.insert(id.to_string(), schedule(prev, grade, clock.now_ms));
        next
    }

    pub fn counts(&self, deck: &Deck) -> Counts {
        let mut c = Counts::default();
        for s in &deck.statements {
            match self.cards.get(s.id.as_str()) {
                None => c.new += 1,
                Some(st) if st.is_learning() => c.learning += 1,
                Some(_) => c.review += 1,
            }
        }
        c
    }

    pub fn today(&self, deck: &Deck, new_per_day: u32, clock: Clock) -> Today {
        let mut due = 0;
        let mut new = 0;
        let mut ahead = 0;
        let mut next_due_ms: Option<i64> = None;
        for s in &deck.statements {
            match self.cards.get(s.id.as_str()) {
                None => new += 1,
                Some(st) if st.due <= clock.now_ms => due += 1,
                Some(st) => {
                    ahead += 1;
                    next_due_ms = Some(next_due_ms.map_or(st.due, |d| d.min(st.due)));
                }
            }
        }
        let left = new_per_day.saturating_sub(self.introduced_today(clock)) as usize;
        let more = self.more_new_limit(new_per_day, clock) - self.introduced_today(clock);
        Today {
            due,
            new_available: new.min(left),
            next_due_ms,
            ahead,
            more_new: new.min(more as usize),
        }
    }

    /// The daily limit that lets "learn more" add one more day's worth of new cards to what was
    /// introduced today: today's count plus the learner's daily limit (or the default, when the
    /// learner chose none a day, since asking for more means at least some).
    pub fn more_new_limit(&self, new_per_day: u32, clock: Clock) -> u32 {
        let batch = if new_per_day == 0 {
            DEFAULT_NEW_PER_DAY
        } else {
            new_per_day
        };
        self.introduced_today(clock).saturating_add(batch)
    }

    /// Studied cards that are not due yet (deck indices), soonest due first: a study-ahead
    /// session's order, so the cards closest to their time come first.
    pub fn ahead(&self, deck: &Deck, clock: Clock) -> Vec<usize> {
        let mut v: Vec<(i64, usize)> = deck
            .statements
            .iter()
            .enumerate()
            .filter_map(|(i, s)| self.cards.get(s.id.as_str()).map(|st| (st.due, i)))
            .filter(|&(due, _)| due > clock.now_ms)
            .collect();
        v.sort();
        v.into_iter().map(|(_, i)| i).collect()
    }

    /// Cards due on each of the next `days` local days; day 0 includes overdue cards.
    pub fn forecast(&self, deck: &Deck, days: usize, clock: Clock) -> Vec<usize> {
        let mut out = vec![0; days];
        let today = clock.day();
        for s in &deck.statements {
            if let Some(st) = self.cards.get(s.id.as_str()) {
                let d = (clock.day_of(st.due) - today).max(0);
                if let Some(slot) = usize::try_from(d).ok().and_then(|d| out.get_mut(d)) {
                    *slot += 1;
                }
            }
        }
        out
    }
}

/// Which cards a study session draws from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Whatever is due, plus new cards up to the daily limit.
    Due,
    /// Exactly these statements (deck indices), each at least once, e.g. the misses of a quiz.
    Only(Rc<[usize]>),
}

/// How the learner answers a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Flip, then grade yourself Again / Hard / Good / Easy.
    SelfGrade,
    /// Pick the tag first; right counts as Good, wrong as Again.
    AnswerFirst,
}

/// Which side of which card is showing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StudyPhase {
    /// The front of card `card` (a deck index).
    Front { card: usize },
    /// The back of `card`; `picked` is the tag chosen before flipping, in answer-first mode.
    Back { card: usize, picked: Option<Tag> },
    /// Nothing left to study now.
    Done,
}

/// A study session. Card states live in [`DeckCards`]; the session only knows what it has shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Study {
    pub scope: Scope,
    pub mode: Mode,
    pub phase: StudyPhase,
    /// Cards graded in this session, in order (a card appears once per grade).
    pub graded: Vec<usize>,
    /// For [`Scope::Only`]: the cards not shown yet, in order.
    pub remaining: Vec<usize>,
    pub new_per_day: u32,
}

/// What the learner can do in a session.
#[derive(Clone, Debug, PartialEq)]
pub enum StudyAction {
    /// Show the back without answering.
    Flip,
    /// Answer-first: pick a tag, which shows the back.
    Pick(Tag),
    /// The card on screen has been graded; `cards` is the progress after that grade. Moves on.
    Advance { cards: Rc<DeckCards>, clock: Clock },
    /// Switch between self-grading and answer-first (applies from the next card).
    SetMode(Mode),
}

impl Study {
    /// Starts a session, showing the first card or `Done` if nothing is due.
    pub fn start(deck: &Deck, cards: &DeckCards, scope: Scope, mode: Mode, new_per_day: u32, clock: Clock) -> Study {
        let remaining = match &scope {
            Scope::Only(list) => list.iter().copied().filter(|&i| i < deck.statements.len()).collect(),
            Scope::Due => Vec::new(),
        };
        let mut s = Study {
            scope,
            mode,
            phase: StudyPhase::Done,
            graded: Vec::new(),
            remaining,
            new_per_day,
        };
        s.phase = s.next_phase(deck, cards, clock, None);
        s
    }

    /// How many different cards were graded in this session (a card missed and shown again
    /// counts once).
    pub fn cards_studied(&self) -> usize {
        let mut seen = self.graded.clone();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }

    /// The session in one sentence for its end: "You studied 12 cards." or, when cards missed
    /// came back, "You studied 12 cards, 29 reviews in all: the ones you missed came back."
    pub fn summary(&self) -> String {
        let cards = count(self.cards_studied(), "card", "cards");
        let reviews = self.graded.len();
        if reviews == self.cards_studied() {
            format!("You studied {cards}.")
        } else {
            format!("You studied {cards}, {reviews} reviews in all: the ones you missed came back.")
        }
    }

    /// The card showing, front or back.
    pub fn card(&self) -> Option<usize> {
        match self.phase {
            StudyPhase::Front { card } | StudyPhase::Back { card, .. } => Some(card),
            StudyPhase::Done => None,
        }
    }

    /// The next state, or `None` if the action does not apply now. `deck` resolves card ids.
    pub fn apply(&self, deck: &Deck, action: StudyAction) -> Option<Study> {
        match (self.phase, action) {
            (StudyPhase::Front { card }, StudyAction::Flip) => Some(Study {
                phase: StudyPhase::Back { card, picked: None },
                ..self.clone()
            }),
            (StudyPhase::Front { card }, StudyAction::Pick(tag)) if tag.index() < deck.categories.len() => {
                Some(Study {
                    phase: StudyPhase::Back {
                        card,
                        picked: Some(tag),
                    },
                    ..self.clone()
                })
            }
            (StudyPhase::Back { card, .. }, StudyAction::Advance { cards, clock }) => {
                let mut next = self.clone();
                next.graded.push(card);
                next.remaining.retain(|&i| i != card);
                next.phase = next.next_phase(deck, &cards, clock, Some(card));
                Some(next)
            }
            (_, StudyAction::SetMode(mode)) if mode != self.mode => Some(Study { mode, ..self.clone() }),
            _ => None,
        }
    }

    /// Anki's order: due learning cards, due reviews, new cards within the limit, then learning
    /// cards due within the learn-ahead window. The card just shown is skipped when another
    /// candidate exists, so a failed card is not shown twice in a row.
    fn next_phase(&self, deck: &Deck, cards: &DeckCards, clock: Clock, last: Option<usize>) -> StudyPhase {
        let now = clock.now_ms;
        let state = |i: usize| deck.statements.get(i).and_then(|s| cards.state(&s.id));
        let candidates: Vec<usize> = match &self.scope {
            Scope::Due => (0..deck.statements.len()).collect(),
            Scope::Only(list) => list.iter().copied().filter(|&i| i < deck.statements.len()).collect(),
        };
        let learning_due = |limit: i64| {
            candidates
                .iter()
                .copied()
                .filter_map(|i| {
                    state(i)
                        .filter(|st| st.is_learning() && st.due <= limit)
                        .map(|st| (st.due, i))
                })
                .filter(|&(_, i)| self.scope == Scope::Due || self.graded.contains(&i))
                .collect::<Vec<_>>()
        };
        let mut ordered: Vec<usize> = Vec::new();
        let by_due = |mut v: Vec<(i64, usize)>, out: &mut Vec<usize>| {
            v.sort();
            out.extend(v.into_iter().map(|(_, i)| i));
        };
        by_due(learning_due(now), &mut ordered);
        match &self.scope {
            Scope::Due => {
                let reviews = candidates
                    .iter()
                    .copied()
                    .filter_map(|i| {
                        state(i)
                            .filter(|st| !st.is_learning() && st.due <= now)
                            .map(|st| (st.due, i))
                    })
                    .collect();
                by_due(reviews, &mut ordered);
                let left = self.new_per_day.saturating_sub(cards.introduced_today(clock)) as usize;
                ordered.extend(candidates.iter().copied().filter(|&i| state(i).is_none()).take(left));
            }
            Scope::Only(_) => ordered.extend(self.remaining.iter().copied()),
        }
        by_due(learning_due(now + LEARN_AHEAD_MS), &mut ordered);
        let pick = ordered
            .iter()
            .copied()
            .find(|&i| Some(i) != last)
            .or(ordered.first().copied());
        match pick {
            Some(card) => StudyPhase::Front { card },
            None => StudyPhase::Done,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::tests::sample_deck;

    const T0: i64 = 1_700_000_000_000; // 2023-11-14T22:13:20Z
    const DAY: i64 = DAY_MS;

    fn clock(ms: i64) -> Clock {
        Clock {
            now_ms: ms,
            utc_offset_ms: 0,
        }
    }

    #[test]
    fn days_follow_the_local_offset() {
        let c = Clock {
            now_ms: T0,
            utc_offset_ms: 0,
        };
        let ahead = Clock {
            utc_offset_ms: 2 * 3_600_000,
            ..c
        };
        assert_eq!(c.day(), 19_675);
        assert_eq!(ahead.day(), 19_676, "22:13 UTC is already tomorrow at UTC+2");
        assert_eq!(
            Clock {
                now_ms: -1,
                utc_offset_ms: 0
            }
            .day(),
            -1
        );
    }

    /// Each row: a history of grades at times (days after T0), and the expected phase and due
    /// offset of the last schedule. The short-term steps are FSRS's: 1, 5, 10 minutes.
    #[test]
    fn scheduling_with_fixed_clocks() {
        type Row = (&'static str, Vec<(i64, Grade)>, Phase, i64);
        let rows: Vec<Row> = vec![
            ("new again", vec![(0, Grade::Again)], Phase::Learning, MINUTE_MS),
            ("new hard", vec![(0, Grade::Hard)], Phase::Learning, 5 * MINUTE_MS),
            ("new good", vec![(0, Grade::Good)], Phase::Learning, 10 * MINUTE_MS),
            ("new easy", vec![(0, Grade::Easy)], Phase::Review, 15 * DAY),
            (
                "good twice graduates",
                vec![(0, Grade::Good), (0, Grade::Good)],
                Phase::Review,
                4 * DAY,
            ),
            (
                "learning again",
                vec![(0, Grade::Good), (0, Grade::Again)],
                Phase::Learning,
                5 * MINUTE_MS,
            ),
        ];
        for (name, history, phase, due_in) in rows {
            let mut st: Option<CardState> = None;
            let mut at = T0;
            for (day, g) in &history {
                at = T0 + day * DAY;
                st = Some(schedule(st.as_ref(), *g, at));
            }
            let st = st.unwrap();
            assert_eq!(st.phase, phase, "{name}");
            assert_eq!(st.due - at, due_in, "{name}: due in {} min", (st.due - at) / MINUTE_MS);
            assert!(st.is_plausible(), "{name}");
        }
    }

    #[test]
    fn reviews_grow_and_lapses_count() {
        let mut st = schedule(None, Grade::Easy, T0);
        let mut last_interval = 0;
        for _ in 0..4 {
            let at = st.due;
            st = schedule(Some(&st), Grade::Good, at);
            let interval = st.due - at;
            assert!(interval > last_interval, "intervals grow: {interval} > {last_interval}");
            last_interval = interval;
        }
        let at = st.due;
        let failed = schedule(Some(&st), Grade::Again, at);
        assert_eq!(failed.phase, Phase::Relearning);
        assert_eq!(failed.lapses, 1);
        assert!(failed.due - at < DAY);
    }

    #[test]
    fn same_history_same_schedule() {
        let a = schedule(Some(&schedule(None, Grade::Good, T0)), Grade::Good, T0 + 600_000);
        let b = schedule(Some(&schedule(None, Grade::Good, T0)), Grade::Good, T0 + 600_000);
        assert_eq!(a, b);
    }

    #[test]
    fn implausible_states_are_detected() {
        let good = schedule(None, Grade::Good, T0);
        assert!(good.is_plausible());
        for bad in [
            CardState {
                stability: f64::NAN,
                ..good.clone()
            },
            CardState {
                difficulty: 11.0,
                ..good.clone()
            },
            CardState {
                stability: -1.0,
                ..good.clone()
            },
            CardState {
                due: i64::MAX,
                ..good.clone()
            },
            CardState {
                elapsed_days: -3,
                ..good.clone()
            },
        ] {
            assert!(!bad.is_plausible(), "{bad:?}");
        }
    }

    fn id(deck: &Deck, i: usize) -> StatementId {
        deck.statements[i].id.clone()
    }

    /// Turns the card showing (`Flip`, or `Pick` in answer-first mode), grades it and moves on, as a
    /// learner would; returns the session.
    fn review(s: &Study, deck: &Deck, cards: &mut DeckCards, turn: StudyAction, grade: Grade, c: Clock) -> Study {
        let card = s.card().expect("a card is showing");
        let back = s.apply(deck, turn).expect("the front turns");
        *cards = cards.graded(&deck.statements[card].id, grade, c);
        back.apply(
            deck,
            StudyAction::Advance {
                cards: Rc::new(cards.clone()),
                clock: c,
            },
        )
        .expect("the back advances")
    }

    #[test]
    fn session_order_new_limit_and_learning_queue() {
        let deck = sample_deck();
        let mut cards = DeckCards::default();
        let c = clock(T0);
        let s = Study::start(&deck, &cards, Scope::Due, Mode::SelfGrade, 2, c);
        assert_eq!(s.phase, StudyPhase::Front { card: 0 });

        // Fail card 0: it becomes a learning card due in a minute; card 1 (new) comes next.
        let s = review(&s, &deck, &mut cards, StudyAction::Flip, Grade::Again, c);
        assert_eq!(s.phase, StudyPhase::Front { card: 1 });

        // Good on card 1; the daily limit of 2 is reached, so card 2 (new) is not offered and the
        // failed card 0 comes back from the learning queue (due within the learn-ahead window).
        let s = review(&s, &deck, &mut cards, StudyAction::Flip, Grade::Good, c);
        assert_eq!(cards.introduced_today(c), 2);
        assert_eq!(s.phase, StudyPhase::Front { card: 0 });

        // Easy on card 0 graduates it; card 1 is still learning (due in 10 min) and comes back.
        let s = review(&s, &deck, &mut cards, StudyAction::Flip, Grade::Easy, c);
        assert_eq!(s.phase, StudyPhase::Front { card: 1 });
        let s = review(&s, &deck, &mut cards, StudyAction::Flip, Grade::Easy, c);
        assert_eq!(s.phase, StudyPhase::Done);
        assert_eq!(s.graded, vec![0, 1, 0, 1]);

        let today = cards.today(&deck, 2, c);
        assert_eq!(
            today,
            Today {
                due: 0,
                new_available: 0,
                next_due_ms: Some(cards.cards[deck.statements[0].id.as_str()].due),
                ahead: 2,
                more_new: 1,
            }
        );
        // Tomorrow the limit resets and card 2 is offered.
        let tomorrow = clock(T0 + DAY);
        assert_eq!(cards.introduced_today(tomorrow), 0);
        assert_eq!(
            Study::start(&deck, &cards, Scope::Due, Mode::SelfGrade, 2, tomorrow).phase,
            StudyPhase::Front { card: 2 }
        );
    }

    #[test]
    fn due_reviews_come_before_new_cards() {
        let deck = sample_deck();
        let c = clock(T0);
        let cards = DeckCards::default().graded(&id(&deck, 2), Grade::Easy, c);
        let later = clock(cards.cards[deck.statements[2].id.as_str()].due + 1);
        let s = Study::start(&deck, &cards, Scope::Due, Mode::SelfGrade, 10, later);
        assert_eq!(s.phase, StudyPhase::Front { card: 2 });
        assert_eq!(cards.today(&deck, 10, later).due, 1);
    }

    #[test]
    fn only_scope_shows_each_once_plus_failures() {
        let deck = sample_deck();
        let c = clock(T0);
        let mut cards = DeckCards::default();
        let s = Study::start(
            &deck,
            &cards,
            Scope::Only(Rc::from(vec![2, 0, 99])),
            Mode::AnswerFirst,
            0,
            c,
        );
        assert_eq!(s.remaining, vec![2, 0]);
        assert_eq!(s.phase, StudyPhase::Front { card: 2 });
        let picked = s.apply(&deck, StudyAction::Pick(Tag(1))).unwrap();
        assert_eq!(
            picked.phase,
            StudyPhase::Back {
                card: 2,
                picked: Some(Tag(1))
            }
        );
        let s = review(&s, &deck, &mut cards, StudyAction::Pick(Tag(1)), Grade::Again, c);
        assert_eq!(s.phase, StudyPhase::Front { card: 0 });
        let s = review(&s, &deck, &mut cards, StudyAction::Pick(Tag(0)), Grade::Easy, c);
        assert_eq!(s.phase, StudyPhase::Front { card: 2 }, "the failed card returns");
        let s = review(&s, &deck, &mut cards, StudyAction::Pick(Tag(2)), Grade::Easy, c);
        assert_eq!(s.phase, StudyPhase::Done);
    }

    #[test]
    fn actions_that_do_not_apply() {
        let deck = sample_deck();
        let c = clock(T0);
        let cards = Rc::new(DeckCards::default());
        let s = Study::start(&deck, &cards, Scope::Due, Mode::SelfGrade, 10, c);
        assert_eq!(
            s.apply(
                &deck,
                StudyAction::Advance {
                    cards: cards.clone(),
                    clock: c
                }
            ),
            None,
            "advance from the front"
        );
        assert_eq!(s.apply(&deck, StudyAction::Pick(Tag(7))), None, "tag out of range");
        assert_eq!(s.apply(&deck, StudyAction::SetMode(Mode::SelfGrade)), None, "same mode");
        let back = s.apply(&deck, StudyAction::Flip).unwrap();
        assert_eq!(back.apply(&deck, StudyAction::Flip), None);
        assert_eq!(back.apply(&deck, StudyAction::Pick(Tag(0))), None);
        let empty = Study::start(&deck, &cards, Scope::Due, Mode::SelfGrade, 0, c);
        assert_eq!(empty.phase, StudyPhase::Done);
        assert_eq!(empty.apply(&deck, StudyAction::Flip), None);
    }

    #[test]
    fn counts_and_forecast() {
        let deck = sample_deck();
        let c = clock(T0);
        let cards = DeckCards::default()
            .graded(&id(&deck, 0), Grade::Again, c)
            .graded(&id(&deck, 1), Grade::Easy, c);
        assert_eq!(
            cards.counts(&deck),
            Counts {
                new: 1,
                learning: 1,
                review: 1
            }
        );
        let f = cards.forecast(&deck, 7, c);
        let easy_days = (cards.cards[deck.statements[1].id.as_str()].due - T0) / DAY;
        assert_eq!(f[0], 1, "the learning card is due today");
        if easy_days < 7 {
            assert_eq!(f[easy_days as usize], 1);
        } else {
            assert_eq!(f.iter().sum::<usize>(), 1);
        }
    }

    #[test]
    fn previews_and_descriptions() {
        use crate::core::dates::Span;
        let p = preview(None, T0);
        assert_eq!(p, [MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 15 * DAY]);
        let text: Vec<String> = p.iter().map(|&ms| Span::of(ms).short()).collect();
        assert_eq!(text, vec!["1 min", "5 min", "10 min", "15 d"]);
    }

    /// Studying ahead: each grade given 0 to 14 days early to a card in review. A remembered card
    /// is never due sooner than before (and the previews say so); a forgotten one lapses.
    #[test]
    fn studying_ahead_never_brings_a_remembered_card_forward() {
        // A card in review, due 15 days after T0 (Easy on first sight), then due again after a Good.
        let first = schedule(None, Grade::Easy, T0);
        let second = schedule(Some(&first), Grade::Good, first.due);
        for card in [first, second] {
            assert_eq!(card.phase, Phase::Review);
            for early_days in [0, 1, 3, 7, 14] {
                // Same-day reviews too: a few minutes after it was last graded.
                let at = (card.due - early_days * DAY).max(card.last_review + 5 * MINUTE_MS);
                let previews = preview(Some(&card), at);
                for (i, grade) in Grade::ALL.into_iter().enumerate() {
                    let next = schedule(Some(&card), grade, at);
                    assert_eq!(previews[i], next.due - at, "the preview tells the truth");
                    assert!(next.is_plausible());
                    let case = format!("{grade:?} {early_days} d early");
                    if grade == Grade::Again {
                        assert_eq!(next.phase, Phase::Relearning, "{case}");
                        assert_eq!(next.lapses, card.lapses + 1, "{case}");
                        assert!(
                            next.due - at < DAY,
                            "{case}: a forgotten card comes back within the day"
                        );
                    } else {
                        assert_eq!(next.phase, Phase::Review, "{case}");
                        assert!(next.due >= card.due, "{case}: due {} before {}", next.due, card.due);
                        assert!(
                            next.stability >= card.stability,
                            "{case}: FSRS never lowers a remembered card's stability"
                        );
                        assert_eq!(next.last_review, at);
                    }
                }
            }
        }
    }

    /// FSRS counts an early review for what it is: the earlier, the less the memory gains, so
    /// studying ahead cannot earn a card the long interval of an on-time review.
    #[test]
    fn an_early_review_gains_less_than_an_on_time_one() {
        let card = schedule(None, Grade::Easy, T0);
        let gain = |early_days: i64| {
            let at = card.due - early_days * DAY;
            schedule(Some(&card), Grade::Good, at).stability
        };
        let gains: Vec<f64> = [0, 3, 7, 14].map(gain).to_vec();
        assert!(gains.windows(2).all(|w| w[0] > w[1]), "{gains:?}");
        assert!(gains[3] >= card.stability);
    }

    /// Where FSRS alone would bring a remembered card forward (here a card whose due date lies
    /// beyond what its stability gives, as a merged or older schedule may), the date is kept.
    #[test]
    fn a_remembered_card_keeps_a_later_due_date() {
        let card = CardState {
            due: T0 + 20 * DAY,
            stability: 1.0,
            difficulty: 5.0,
            elapsed_days: 0,
            scheduled_days: 20,
            reps: 3,
            lapses: 0,
            phase: Phase::Review,
            last_review: T0,
        };
        let at = T0 + DAY;
        let hard = schedule(Some(&card), Grade::Hard, at);
        assert_eq!(hard.due, card.due);
        assert_eq!(hard.scheduled_days, 19);
        assert!(
            hard.stability < 5.0,
            "FSRS's own memory estimate is kept: {}",
            hard.stability
        );
        assert_eq!((hard.reps, hard.last_review), (4, at));
        let again = schedule(Some(&card), Grade::Again, at);
        assert!(again.due < at + DAY, "forgetting still reschedules");
    }

    #[test]
    fn study_ahead_and_learn_more_when_nothing_is_due() {
        let deck = sample_deck();
        let c = clock(T0);
        // Card 0 is due in 15 days, card 1 in 10 minutes; card 2 is new, and the limit of 2 is used.
        let cards = DeckCards::default()
            .graded(&id(&deck, 0), Grade::Easy, c)
            .graded(&id(&deck, 1), Grade::Good, c);
        let today = cards.today(&deck, 2, c);
        assert!(!today.anything());
        assert_eq!((today.ahead, today.more_new), (2, 1));
        assert_eq!(cards.ahead(&deck, c), vec![1, 0], "soonest due first");

        // Studying ahead shows each card once, soonest first, and leaves nothing due sooner.
        let mut studied = cards.clone();
        let s = Study::start(
            &deck,
            &studied,
            Scope::Only(cards.ahead(&deck, c).into()),
            Mode::SelfGrade,
            2,
            c,
        );
        assert_eq!(s.phase, StudyPhase::Front { card: 1 });
        let s = review(&s, &deck, &mut studied, StudyAction::Flip, Grade::Easy, c);
        assert_eq!(s.phase, StudyPhase::Front { card: 0 });
        let s = review(&s, &deck, &mut studied, StudyAction::Flip, Grade::Good, c);
        assert_eq!(s.phase, StudyPhase::Done);
        assert_eq!(s.summary(), "You studied 2 cards.");
        let was = |i: usize| cards.cards[deck.statements[i].id.as_str()].due;
        let now = |i: usize| studied.cards[deck.statements[i].id.as_str()].due;
        assert!(now(0) >= was(0));
        assert_eq!(studied.introduced_today(c), 2, "no new card was added");

        // Learning more: a session past today's limit introduces the new card.
        let limit = cards.more_new_limit(2, c);
        assert_eq!(limit, 4, "two introduced today, and one more day's worth");
        let mut more = cards.clone();
        let s = Study::start(&deck, &more, Scope::Due, Mode::SelfGrade, limit, c);
        assert_eq!(s.phase, StudyPhase::Front { card: 2 });
        let s = review(&s, &deck, &mut more, StudyAction::Flip, Grade::Easy, c);
        // Card 1 is still in learning and due within the learn-ahead window: it comes back.
        assert_eq!(s.phase, StudyPhase::Front { card: 1 });
        assert_eq!(more.today(&deck, 2, c).more_new, 0, "no new card left to learn");
        // With a daily limit of 0, "learn more" still means some: the default day's worth.
        assert_eq!(DeckCards::default().more_new_limit(0, c), DEFAULT_NEW_PER_DAY);
    }

    #[test]
    fn summaries_count_cards_and_reviews() {
        let today = |due, new_available| Today {
            due,
            new_available,
            next_due_ms: None,
            ahead: 0,
            more_new: 0,
        };
        for (due, new, want) in [
            (0, 0, "Nothing due now"),
            (1, 0, "1 card due"),
            (3, 0, "3 cards due"),
            (0, 1, "1 new card today"),
            (0, 10, "10 new cards today"),
            (1, 10, "1 card due and 10 new today"),
            (2, 1, "2 cards due and 1 new today"),
        ] {
            assert_eq!(today(due, new).summary(), want);
            assert_eq!(today(due, new).anything(), due + new > 0);
        }
        let session = |graded: Vec<usize>| Study {
            scope: Scope::Due,
            mode: Mode::SelfGrade,
            phase: StudyPhase::Done,
            graded,
            remaining: Vec::new(),
            new_per_day: 10,
        };
        for (graded, cards, want) in [
            (vec![], 0, "You studied 0 cards."),
            (vec![3], 1, "You studied 1 card."),
            (vec![3, 4], 2, "You studied 2 cards."),
            (
                vec![3, 4, 3],
                2,
                "You studied 2 cards, 3 reviews in all: the ones you missed came back.",
            ),
        ] {
            let s = session(graded);
            assert_eq!((s.cards_studied(), s.summary().as_str()), (cards, want));
        }
    }

    #[test]
    fn grade_keys() {
        assert_eq!(Grade::from_key("1"), Some(Grade::Again));
        assert_eq!(Grade::from_key("4"), Some(Grade::Easy));
        assert_eq!(Grade::from_key("5"), None);
        assert_eq!(Grade::from_key("g"), None);
    }
}
