//! Flashcards: FSRS scheduling of every statement, and a study session over the cards due.
//!
//! Scheduling is delegated to `rs-fsrs` (the Free Spaced Repetition Scheduler used by Anki), with
//! its short-term steps enabled: a new or failed card comes back after minutes, a remembered one
//! after days. A study session shows cards in Anki's order: learning cards that are due, reviews
//! that are due, new cards up to the daily limit, and finally learning cards due within the
//! learn-ahead window, so a card failed now returns later in the same session.
//!
//! The clock is always passed in ([`Clock`]); nothing here reads the time.

use super::dates::DAY_MS;
use super::deck::{Deck, StatementId, Tag};
use super::json;
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
    let next = scheduler().next(card, now, grade.rating());
    CardState::from_fsrs(&next.card)
}

/// How long each grade would put the card away for, in ms (Again, Hard, Good, Easy), so the
/// grade buttons can say "10 min" or "4 d" as Anki's do.
pub fn preview(prev: Option<&CardState>, now_ms: i64) -> [i64; 4] {
    Grade::ALL.map(|g| schedule(prev, g, now_ms).due - now_ms)
}

/// A short human duration: "1 min", "10 min", "3 h", "4 d", "2 mo", "1 y".
pub fn describe_interval(ms: i64) -> String {
    let minutes = (ms.max(0) + MINUTE_MS / 2) / MINUTE_MS;
    let hours = minutes / 60;
    let days = (ms.max(0) + DAY_MS / 2) / DAY_MS;
    match () {
        _ if minutes < 1 => "now".to_string(),
        _ if minutes < 60 => format!("{minutes} min"),
        _ if hours < 24 => format!("{hours} h"),
        _ if days < 31 => format!("{days} d"),
        _ if days < 365 => format!("{} mo", days / 30),
        _ => format!("{} y", days / 365),
    }
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

/// What is waiting today, for the flashcards start screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Today {
    /// Learning and review cards due now.
    pub due: usize,
    /// New cards that may still be introduced today.
    pub new_available: usize,
    /// The earliest due time among cards not due now.
    pub next_due_ms: Option<i64>,
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
        let mut next_due_ms: Option<i64> = None;
        for s in &deck.statements {
            match self.cards.get(s.id.as_str()) {
                None => new += 1,
                Some(st) if st.due <= clock.now_ms => due += 1,
                Some(st) => next_due_ms = Some(next_due_ms.map_or(st.due, |d| d.min(st.due))),
            }
        }
        let left = new_per_day.saturating_sub(self.introduced_today(clock)) as usize;
        Today {
            due,
            new_available: new.min(left),
            next_due_ms,
        }
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
                next_due_ms: Some(cards.cards[deck.statements[0].id.as_str()].due)
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
        let p = preview(None, T0);
        assert_eq!(p, [MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 15 * DAY]);
        let text: Vec<String> = p.iter().map(|&ms| describe_interval(ms)).collect();
        assert_eq!(text, vec!["1 min", "5 min", "10 min", "15 d"]);
        for (ms, want) in [
            (0, "now"),
            (3 * 3_600_000, "3 h"),
            (62 * DAY, "2 mo"),
            (800 * DAY, "2 y"),
            (-5, "now"),
        ] {
            assert_eq!(describe_interval(ms), want);
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
