//! The learner: progress, the deck in use, and the quiz and study sessions, changed together,
//! and what the app must do about each change.
//!
//! Grading a card changes both the card's schedule (progress) and what the session shows next;
//! answering a question changes the quiz and the saved copy that lets a reload resume it;
//! switching decks changes the deck, where it came from, and the quiz resumed for it. Doing each
//! of these in one pure step ([`Learner::apply`]) means a double click or a key repeat can never
//! leave them out of step.
//!
//! Every step also says what the shell must do about it, as [`Effect`]s: save progress, report an
//! answer or a result to the host page, announce something to screen readers, show a screen. The
//! shell carries them out and decides nothing. Answering a question, for example, is the event
//! [`Event::Quiz`] with a pick, whose effects are `Save`, `ReportAnswer` and `Announce`.

use super::cards::{Clock, DeckCards, Grade, Mode, Scope, Study, StudyAction, StudyPhase, MAX_NEW_PER_DAY};
use super::config::Route;
use super::deck::{Deck, Tag};
use super::link;
use super::progress::{Attempt, DeckProgress, PlanAttempts, Progress, SavedQuiz, Settings, Theme};
use super::quiz::{self, Answer, Item, Length, Quiz, QuizError, QuizPlan, Reporting};
use super::report::SetupError;
use super::sort::{self, Board};
use super::suspend::Suspended;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::rc::Rc;

/// Everything the learner is doing and has done.
#[derive(Clone, Debug, PartialEq)]
pub struct Learner {
    pub progress: Progress,
    /// The deck the app ships, to come back to.
    pub builtin: Rc<Deck>,
    /// The deck in use.
    pub deck: Rc<Deck>,
    /// Where the deck in use comes from.
    pub source: DeckSource,
    /// The quiz on screen; kept after it finishes so the results can be shown.
    pub quiz: Option<Quiz>,
    pub study: Option<Study>,
    /// The sort round on screen, finished or not; kept until another is dealt.
    pub sort: Option<Board>,
    /// Why the last quiz could not be started, for the start screen.
    pub start_error: Option<QuizError>,
    /// What the shell must do because of the event that made this state, in order.
    pub effects: Vec<Effect>,
}

/// Where the deck in use comes from. The `String`s are the URL's `deck` value: an address, or
/// a deck shared by link (`packed:…`, thousands of characters), which no message repeats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeckSource {
    Builtin,
    /// A deck named in the URL is downloading (or unpacking); the built-in deck is in use until
    /// it arrives.
    Loading(String),
    /// A deck from this URL is in use.
    Custom(String),
    /// The deck named in the URL could not be used; the built-in deck is in use.
    Failed(DeckFailure),
}

impl DeckSource {
    /// What the home screen says about a deck from the URL.
    pub fn note(&self) -> Option<String> {
        match self {
            DeckSource::Custom(value) if link::is_packed(value) => Some("Deck shared in this page's link.".into()),
            DeckSource::Custom(url) => Some(format!("Deck loaded from {url}.")),
            _ => None,
        }
    }

    /// The home screen's heading: the app's name over the deck it ships, a deck's own title
    /// over a deck from the URL, so a trainer's deck does not pass for RoleCall's own.
    pub fn heading<'a>(&self, deck: &'a Deck) -> &'a str {
        match self {
            DeckSource::Custom(_) => &deck.title,
            _ => "RoleCall",
        }
    }
}

/// Why a deck from a URL could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeckFailure {
    pub url: String,
    /// The first line of the error.
    pub message: String,
    /// The rest of it (a deck's list of problems), if any.
    pub detail: Option<String>,
}

impl DeckFailure {
    /// The failure as the trainer's set-up error, with every detail. A shared deck's messages
    /// name it themselves ("The shared deck's link is damaged: …").
    pub fn setup_error(&self) -> SetupError {
        let message = if link::is_packed(&self.url) {
            self.message.clone()
        } else {
            format!("The deck at {} could not be used: {}", self.url, self.message)
        };
        SetupError {
            code: "deck",
            message,
            detail: self.detail.clone(),
        }
    }

    /// The failure's first line on the error screen: the address and what went wrong, or for a
    /// shared deck, its own message.
    pub fn headline(&self) -> String {
        if link::is_packed(&self.url) {
            self.message.clone()
        } else {
            format!("{}: {}", self.url, self.message)
        }
    }
}

/// What the shell must do after an event. The core decides; the shell only carries these out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Progress changed: write it to storage.
    Save,
    /// Question `index` of the quiz on screen was answered: tell the host page.
    ReportAnswer { index: usize },
    /// The quiz on screen finished: tell the host page its result.
    ReportResult,
    /// Say this to screen-reader users (a polite live region).
    Announce(String),
    /// Card `index` of the sort round was first checked: tell the host page.
    ReportSortAnswer { index: usize },
    /// The sort round finished: tell the host page its result.
    ReportSortResult,
    /// Go to this screen.
    Show(Route),
}

/// What drawing a new quiz takes from outside the core: a random seed (used when the plan fixes
/// no order), a fresh attempt id (the xAPI registration) and the time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draw {
    pub seed: u64,
    pub registration: String,
    pub now_ms: i64,
}

/// Something the learner (or the app on their behalf) did.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The deck named in the URL arrived and is valid: use it, resuming its saved quiz.
    DeckLoaded {
        url: String,
        deck: Rc<Deck>,
        now_ms: i64,
    },
    /// The deck named in the URL could not be downloaded or read; `error` may span lines.
    DeckFailed {
        url: String,
        error: String,
    },
    /// Go back to the built-in deck (after a failed download) and to the home screen.
    UseBuiltinDeck {
        now_ms: i64,
    },
    /// Start a quiz of `length` from the start screen.
    StartQuiz {
        length: Length,
        plan: QuizPlan,
        draw: Draw,
    },
    /// Start another quiz from the results, as long as the last one (see [`quiz::next_length`])
    /// and in a new order.
    NewQuiz {
        plan: QuizPlan,
        draw: Draw,
    },
    Quiz(quiz::Action),
    /// Deal a sort round under `plan` from the start screen (its length is the plan's, else
    /// `sort::DEFAULT_CARDS`), in the plan's order if it fixes one.
    StartSort {
        plan: QuizPlan,
        draw: Draw,
    },
    /// Deal another round after one: a new deal unless the trainer locked the plan.
    NewRound {
        plan: QuizPlan,
        draw: Draw,
    },
    /// Move a card, check the board or show where cards belong.
    Sort(sort::Move),
    /// Start a quiz of the finished quiz's misses.
    RetryMissed {
        now_ms: i64,
        registration: String,
    },
    /// Study the finished quiz's misses as flashcards.
    StudyMissed {
        clock: Clock,
    },
    /// Leave the quiz (the results, or an unfinished quiz the learner abandons).
    CloseQuiz,
    /// Study what is due, plus new cards up to the daily limit.
    StartStudy {
        clock: Clock,
    },
    /// Nothing due: study the cards that are not due yet, soonest first (see `cards`).
    StudyAhead {
        clock: Clock,
    },
    /// Nothing due: study new cards beyond today's limit, one more day's worth.
    LearnMore {
        clock: Clock,
    },
    Flip,
    /// Answer-first: pick a tag; it is graded at once (right is Good, wrong is Again).
    PickCard {
        tag: Tag,
        clock: Clock,
    },
    /// Self-grade the card whose back is showing, and move on.
    Grade {
        grade: Grade,
        clock: Clock,
    },
    /// After an answer-first card: move on.
    NextCard {
        clock: Clock,
    },
    EndStudy,
    Settings(Settings),
    /// The learner picked a colour theme.
    Theme(Theme),
    /// The learner switched single-key shortcuts on or off.
    Shortcuts(bool),
    /// Replace progress with imported progress, or merge it in.
    Import {
        progress: Progress,
        merge: bool,
    },
    /// Progress the LMS kept for `deck` (its suspend data) arrived: it is merged into the
    /// progress kept here before that deck is used (see `suspend::Suspended::merge_into`).
    Resume {
        deck: String,
        suspended: Suspended,
    },
    /// Forget everything; a new anonymous id is given.
    Reset {
        learner: String,
    },
}

impl Learner {
    /// A learner starting on the built-in deck, resuming any saved quiz for it. With
    /// `deck_url`, the deck from there is awaited ([`DeckSource::Loading`]).
    pub fn new(progress: Progress, builtin: Rc<Deck>, deck_url: Option<String>, now_ms: i64) -> Learner {
        let quiz = restore_quiz(&progress, &builtin, now_ms);
        let sort = restore_board(&progress, &builtin, now_ms);
        Learner {
            sort,
            progress,
            deck: builtin.clone(),
            builtin,
            source: deck_url.map_or(DeckSource::Builtin, DeckSource::Loading),
            quiz,
            study: None,
            start_error: None,
            effects: Vec::new(),
        }
    }

    /// An unfinished quiz is saved for this deck but none is on screen: it no longer fits the
    /// deck (which changed since), so it could not be resumed. Its saved copy stays until a new
    /// quiz replaces it. (Every other way to leave a quiz removes the saved copy too.)
    pub fn quiz_not_resumed(&self) -> bool {
        self.quiz.is_none() && self.deck_progress().is_some_and(|d| d.quiz.is_some())
    }

    /// A sort round is saved for this deck but none is on the board: it no longer fits the deck.
    /// Its saved copy stays until a new round replaces it.
    pub fn board_not_resumed(&self) -> bool {
        self.sort.is_none() && self.deck_progress().is_some_and(|d| d.sort.is_some())
    }

    /// Progress on the deck in use, if there is any.
    pub fn deck_progress(&self) -> Option<&DeckProgress> {
        self.progress.decks.get(self.deck.id.as_str())
    }

    /// The quiz on screen while it is unfinished.
    pub fn quiz_in_progress(&self) -> Option<&Quiz> {
        self.quiz.as_ref().filter(|q| !q.is_finished())
    }

    /// The finished quiz whose results are on screen.
    pub fn finished_quiz(&self) -> Option<&Quiz> {
        self.quiz.as_ref().filter(|q| q.is_finished())
    }

    /// The results the results screen shows: the quiz just finished, else the last one finished
    /// on this deck (kept in progress), also while another quiz is under way.
    pub fn last_finished(&self) -> Option<Cow<'_, Quiz>> {
        match self.finished_quiz() {
            Some(quiz) => Some(Cow::Borrowed(quiz)),
            None => restore_finished(self.deck_progress()?, &self.deck).map(Cow::Owned),
        }
    }

    /// The next state, or `None` when the event changes nothing. The next state's `effects` say
    /// what the shell must do about it.
    pub fn apply(&self, event: Event) -> Option<Learner> {
        let mut effects = Vec::new();
        let mut next = self.step(event, &mut effects)?;
        next.effects = effects;
        Some(next)
    }

    fn deck_entry(&mut self) -> &mut DeckProgress {
        self.progress
            .decks
            .entry(self.deck.id.as_str().to_string())
            .or_default()
    }

    /// Uses `deck`, resuming its saved quiz; any study session ends.
    fn with_deck(&self, deck: Rc<Deck>, source: DeckSource, now_ms: i64) -> Learner {
        Learner {
            quiz: restore_quiz(&self.progress, &deck, now_ms),
            sort: restore_board(&self.progress, &deck, now_ms),
            deck,
            source,
            study: None,
            ..self.clone()
        }
    }

    /// Keeps the saved copy of the quiz in step with the quiz. A finished attempt is recorded
    /// in the history, its saved copy removed, and its result reported if it counts (see
    /// [`Reporting`]); finished practice is only forgotten.
    fn with_quiz(mut self, quiz: Quiz, now_ms: i64, fx: &mut Vec<Effect>) -> Learner {
        let saved = quiz.save(&self.deck);
        let report = if quiz.is_finished() {
            self.deck_entry().quiz = None;
            self.record_finished(&quiz, saved, now_ms)
        } else {
            self.deck_entry().quiz = Some(saved);
            false
        };
        self.quiz = Some(quiz);
        self.start_error = None;
        fx.push(Effect::Save);
        if report {
            fx.push(Effect::ReportResult);
        }
        self
    }

    /// Records a finished quiz or sort round (`saved` is its stored form): kept for its results
    /// screen, and as an attempt in the history. Returns whether its result is reported (see
    /// [`Reporting`]).
    fn record_finished(&mut self, quiz: &Quiz, saved: SavedQuiz, now_ms: i64) -> bool {
        let entry = self.deck_entry();
        entry.finished = Some(saved);
        let r = quiz.results();
        let attempt = Attempt {
            at: now_ms,
            correct: r.score.correct as u32,
            total: r.score.total as u32,
            retry: !quiz.origin.is_attempt(),
            attempt: quiz.origin.number(),
        };
        let beats_earlier = entry.plan(&quiz.plan).best.is_none_or(|b| attempt.beats(&b));
        entry.record(attempt, &quiz.plan);
        match quiz.reporting {
            Reporting::Nothing => false,
            Reporting::Everything => true,
            Reporting::ResultIfBest => beats_earlier,
        }
    }

    /// Keeps the saved copy of the board in step with it. The first check reports every card;
    /// a round that finishes is recorded like a finished quiz, and its results replace a
    /// finished quiz's on the results screen.
    fn with_board(mut self, before: &Board, board: Board, now_ms: i64, fx: &mut Vec<Effect>) -> Learner {
        let saved = board.save(&self.deck);
        self.deck_entry().sort = Some(saved);
        let reports = board.round.reporting != Reporting::Nothing;
        if before.checks == 0 && board.checks > 0 && reports {
            fx.extend((0..board.len()).map(|index| Effect::ReportSortAnswer { index }));
        }
        let mut report = false;
        if board.is_finished() && !before.is_finished() {
            report = self.record_finished(&board.round, board.round.save(&self.deck), now_ms);
            if self.finished_quiz().is_some() {
                self.quiz = None;
            }
        }
        self.sort = Some(board);
        fx.push(Effect::Save);
        if report {
            fx.push(Effect::ReportSortResult);
        }
        self
    }

    /// Attempts started at sort rounds under `plan` on the deck in use.
    pub fn rounds_started(&self, plan: &QuizPlan) -> u32 {
        self.started(&plan.sort_key())
    }

    /// Why no further sort round may be dealt under `plan`, if its limit is reached.
    pub fn round_limit(&self, plan: &QuizPlan) -> Option<QuizError> {
        plan.limit_reached(self.rounds_started(plan))
    }

    /// Deals round number `started + 1` under `plan`, in the plan's order if it has one and
    /// `planned_order`, else in the drawn one; or records why it cannot be dealt.
    fn deal(&self, plan: &QuizPlan, draw: Draw, planned_order: bool, fx: &mut Vec<Effect>) -> Option<Learner> {
        let started = self.rounds_started(plan);
        if let Some(limit) = plan.limit_reached(started) {
            return self.cannot_start(limit);
        }
        let length = Length::Count(sort::round_length(plan.requested, sort::MAX_CARDS));
        let mut spec = plan.spec(length, draw.seed, draw.registration, started.saturating_add(1));
        if !planned_order {
            spec.seed = draw.seed;
        }
        spec.plan = plan.sort_key();
        match Board::deal(&self.deck, &spec, plan.retries, draw.now_ms) {
            Ok(board) => {
                let mut next = self.clone();
                let record = next.deck_entry().attempts.entry(spec.plan.clone()).or_default();
                record.started = record.started.saturating_add(1);
                let mut next = next.with_board(&board, board.clone(), draw.now_ms, fx);
                next.start_error = None;
                Some(next)
            }
            Err(e) => self.cannot_start(e),
        }
    }

    /// Attempts started under `plan` on the deck in use.
    pub fn attempts_started(&self, plan: &QuizPlan) -> u32 {
        self.started(&plan.key())
    }

    /// Attempts started under the plan key `key` (a quiz's or a sort round's) on the deck in use.
    fn started(&self, key: &str) -> u32 {
        self.deck_progress().map_or(0, |d| d.plan(key).started)
    }

    /// Why no further attempt may start under `plan`, if its limit is reached.
    pub fn attempt_limit(&self, plan: &QuizPlan) -> Option<QuizError> {
        plan.limit_reached(self.attempts_started(plan))
    }

    /// Starts attempt number `started + 1` under `plan`, of `length` (unless the plan fixes it),
    /// in the plan's order if it has one and `planned_order`, else in the drawn one; or records
    /// why it cannot start.
    fn start_attempt(
        &self,
        plan: &QuizPlan,
        length: Length,
        draw: Draw,
        planned_order: bool,
        fx: &mut Vec<Effect>,
    ) -> Option<Learner> {
        let started = self.attempts_started(plan);
        if let Some(limit) = plan.limit_reached(started) {
            return self.cannot_start(limit);
        }
        let length = plan.fixed_length(plan.available(&self.deck)).unwrap_or(length);
        let mut spec = plan.spec(length, draw.seed, draw.registration, started.saturating_add(1));
        if !planned_order {
            spec.seed = draw.seed;
        }
        match Quiz::new(&self.deck, &spec, draw.now_ms) {
            Ok(quiz) => {
                let mut next = self.clone();
                let record = next.deck_entry().attempts.entry(spec.plan.clone()).or_default();
                record.started = record.started.saturating_add(1);
                Some(next.with_quiz(quiz, draw.now_ms, fx))
            }
            Err(e) => self.cannot_start(e),
        }
    }

    /// Says why a quiz cannot start, once.
    fn cannot_start(&self, e: QuizError) -> Option<Learner> {
        (self.start_error.as_ref() != Some(&e)).then(|| Learner {
            start_error: Some(e),
            ..self.clone()
        })
    }

    /// A study session of `scope` in the learner's chosen mode, with today's new-card limit.
    fn with_study(&self, scope: Scope, clock: Clock) -> Learner {
        self.with_study_limit(scope, self.progress.settings.new_per_day, clock)
    }

    /// A study session of `scope` that introduces new cards while fewer than `new_per_day` were
    /// introduced today.
    fn with_study_limit(&self, scope: Scope, new_per_day: u32, clock: Clock) -> Learner {
        let cards = self.deck_progress().map(|d| d.cards.clone()).unwrap_or_default();
        let study = Study::start(&self.deck, &cards, scope, self.card_mode(), new_per_day, clock);
        Learner {
            study: Some(study),
            ..self.clone()
        }
    }

    fn card_mode(&self) -> Mode {
        if self.progress.settings.answer_first {
            Mode::AnswerFirst
        } else {
            Mode::SelfGrade
        }
    }

    /// Grades the card showing and, for self-grading, moves on.
    fn grade(&self, grade: Grade, clock: Clock, advance: bool, fx: &mut Vec<Effect>) -> Option<Learner> {
        let study = self.study.as_ref()?;
        let statement = self.deck.statements.get(study.card()?)?;
        let mut next = self.clone();
        let entry = next.deck_entry();
        entry.cards = entry.cards.graded(&statement.id, grade, clock);
        if advance {
            let cards = Rc::new(entry.cards.clone());
            next.study = Some(study.apply(&self.deck, StudyAction::Advance { cards, clock })?);
        }
        fx.push(Effect::Save);
        Some(next)
    }

    /// The same learner with `study` on screen; a card turned to its back is announced.
    fn with_card(&self, study: Study, fx: &mut Vec<Effect>) -> Learner {
        if let StudyPhase::Back { card, picked } = study.phase {
            fx.extend(card_back_announcement(&self.deck, card, picked).map(Effect::Announce));
        }
        Learner {
            study: Some(study),
            ..self.clone()
        }
    }

    fn step(&self, event: Event, fx: &mut Vec<Effect>) -> Option<Learner> {
        match event {
            Event::DeckLoaded { url, deck, now_ms } => {
                (self.source == DeckSource::Loading(url.clone())).then_some(())?;
                Some(self.with_deck(deck, DeckSource::Custom(url), now_ms))
            }
            Event::DeckFailed { url, error } => {
                (self.source == DeckSource::Loading(url.clone())).then_some(())?;
                let (message, detail) = match error.split_once('\n') {
                    Some((head, rest)) => (head.to_string(), Some(rest.to_string())),
                    None => (error, None),
                };
                Some(Learner {
                    source: DeckSource::Failed(DeckFailure { url, message, detail }),
                    ..self.clone()
                })
            }
            Event::UseBuiltinDeck { now_ms } => {
                if self.source == DeckSource::Builtin {
                    return None;
                }
                fx.push(Effect::Show(Route::Home));
                Some(self.with_deck(self.builtin.clone(), DeckSource::Builtin, now_ms))
            }
            Event::StartQuiz { length, plan, draw } => self.start_attempt(&plan, length, draw, true, fx),
            Event::NewQuiz { plan, draw } => {
                let length = quiz::next_length(self.quiz.as_ref(), &self.deck, &plan);
                // Unless the trainer locked the plan, another go comes in a new order.
                let next = self.start_attempt(&plan, length, draw, plan.locked, fx);
                fx.push(Effect::Show(Route::Quiz));
                Some(next.unwrap_or_else(|| self.clone()))
            }
            Event::Quiz(action) => {
                let quiz = self.quiz.as_ref()?.apply(action)?;
                let now = match action {
                    quiz::Action::Pick { at_ms, .. } | quiz::Action::Next { at_ms } => at_ms,
                };
                let next = self.clone().with_quiz(quiz, now, fx);
                let quiz = next.quiz.as_ref()?;
                match action {
                    quiz::Action::Pick { .. } => {
                        let index = quiz.answers.len() - 1;
                        let (item, answer) = (*quiz.items.get(index)?, *quiz.answers.get(index)?);
                        if quiz.reporting != Reporting::Nothing {
                            fx.push(Effect::ReportAnswer { index });
                        }
                        fx.push(Effect::Announce(feedback_announcement(&self.deck, item, answer)));
                    }
                    quiz::Action::Next { .. } if quiz.is_finished() => {
                        fx.push(Effect::Announce(finish_announcement(quiz)));
                        fx.push(Effect::Show(Route::Results));
                    }
                    quiz::Action::Next { .. } => {}
                }
                Some(next)
            }
            Event::StartSort { plan, draw } => {
                let next = self.deal(&plan, draw, true, fx);
                fx.push(Effect::Show(Route::Sort));
                Some(next.unwrap_or_else(|| self.clone()))
            }
            Event::NewRound { plan, draw } => {
                // Unless the trainer locked the plan, another round is a new deal, as another
                // quiz is in a new order.
                let next = self.deal(&plan, draw, plan.locked, fx);
                fx.push(Effect::Show(Route::Sort));
                Some(next.unwrap_or_else(|| self.clone()))
            }
            Event::Sort(m) => {
                let board = self.sort.as_ref()?;
                if let (sort::Move::Check { .. }, Some(why)) = (m, board.not_ready()) {
                    fx.push(Effect::Announce(sort::not_ready_announcement(why)));
                    return Some(self.clone());
                }
                let after = board.apply(m)?;
                let (said, now) = match m {
                    sort::Move::Place { card, .. } => (sort::place_announcement(&self.deck, &after, card), 0),
                    sort::Move::Check { at_ms } => (sort::check_announcement(board, &after), at_ms),
                    sort::Move::Reveal { at_ms } => (sort::reveal_announcement(&after), at_ms),
                };
                let next = self.clone().with_board(board, after, now, fx);
                fx.push(Effect::Announce(said));
                Some(next)
            }
            Event::RetryMissed { now_ms, registration } => {
                let quiz = self.last_finished()?.retry_missed(now_ms, registration)?;
                let next = self.clone().with_quiz(quiz, now_ms, fx);
                fx.push(Effect::Show(Route::Quiz));
                Some(next)
            }
            Event::StudyMissed { clock } => {
                let missed = self.last_finished()?.missed_statements();
                fx.push(Effect::Show(Route::Cards));
                Some(self.with_study(Scope::Only(missed.into()), clock))
            }
            Event::CloseQuiz => {
                self.quiz.as_ref()?;
                let mut next = Learner {
                    quiz: None,
                    ..self.clone()
                };
                if next.deck_entry().quiz.take().is_some() {
                    fx.push(Effect::Save);
                }
                Some(next)
            }
            Event::StartStudy { clock } => Some(self.with_study(Scope::Due, clock)),
            Event::StudyAhead { clock } => {
                let cards = &self.deck_progress()?.cards;
                let ahead = cards.ahead(&self.deck, clock);
                (!ahead.is_empty()).then_some(())?;
                Some(self.with_study(Scope::Only(ahead.into()), clock))
            }
            Event::LearnMore { clock } => {
                let none = DeckCards::default();
                let cards = self.deck_progress().map_or(&none, |d| &d.cards);
                let limit = cards.more_new_limit(self.progress.settings.new_per_day, clock);
                Some(self.with_study_limit(Scope::Due, limit, clock))
            }
            Event::Flip => {
                let study = self.study.as_ref()?.apply(&self.deck, StudyAction::Flip)?;
                Some(self.with_card(study, fx))
            }
            Event::PickCard { tag, clock } => {
                let study = self.study.as_ref()?;
                let StudyPhase::Front { card } = study.phase else {
                    return None;
                };
                let picked = study.apply(&self.deck, StudyAction::Pick(tag))?;
                let truth = self.deck.statements.get(card)?.tag;
                let grade = if tag == truth { Grade::Good } else { Grade::Again };
                self.with_card(picked, fx).grade(grade, clock, false, fx)
            }
            Event::Grade { grade, clock } => {
                // Only a back without a pick is self-graded; answer-first cards are graded on pick.
                let study = self.study.as_ref()?;
                matches!(study.phase, StudyPhase::Back { picked: None, .. }).then_some(())?;
                self.grade(grade, clock, true, fx)
            }
            Event::NextCard { clock } => {
                let study = self.study.as_ref()?;
                matches!(study.phase, StudyPhase::Back { picked: Some(_), .. }).then_some(())?;
                let cards = Rc::new(self.deck_progress().map(|d| d.cards.clone()).unwrap_or_default());
                let study = study.apply(&self.deck, StudyAction::Advance { cards, clock })?;
                Some(Learner {
                    study: Some(study),
                    ..self.clone()
                })
            }
            Event::EndStudy => {
                self.study.as_ref()?;
                Some(Learner {
                    study: None,
                    ..self.clone()
                })
            }
            Event::Settings(settings) => {
                if settings == self.progress.settings {
                    return None;
                }
                let mut next = self.clone();
                next.progress.settings = Settings {
                    new_per_day: settings.new_per_day.min(MAX_NEW_PER_DAY),
                    ..settings
                };
                if let Some(study) = &next.study {
                    next.study = study
                        .apply(&next.deck, StudyAction::SetMode(next.card_mode()))
                        .or(next.study.clone());
                }
                fx.push(Effect::Save);
                Some(next)
            }
            Event::Theme(theme) => {
                let settings = Settings {
                    theme,
                    ..self.progress.settings.clone()
                };
                self.step(Event::Settings(settings), fx)
            }
            Event::Shortcuts(shortcuts) => {
                let settings = Settings {
                    shortcuts,
                    ..self.progress.settings.clone()
                };
                self.step(Event::Settings(settings), fx)
            }
            Event::Import { progress, merge } => {
                let progress = if merge {
                    self.progress.merged(&progress)
                } else {
                    progress
                };
                let now_ms = self.quiz.as_ref().map_or(0, |q| q.started_ms);
                let quiz = restore_quiz(&progress, &self.deck, now_ms);
                let sort = restore_board(&progress, &self.deck, now_ms);
                fx.push(Effect::Save);
                Some(Learner {
                    progress,
                    quiz,
                    sort,
                    study: None,
                    ..self.clone()
                })
            }
            Event::Resume { deck, suspended } => {
                let mut next = self.clone();
                suspended.merge_into(next.progress.decks.entry(deck).or_default());
                fx.push(Effect::Save);
                Some(next)
            }
            Event::Reset { learner } => {
                // Everything goes but the count of attempts started, so that a trainer's limit
                // on attempts cannot be undone by erasing progress.
                // Built by inserting rather than collecting: a collect into a B-tree sorts, and
                // each sort is a few KB of wasm.
                let mut decks = BTreeMap::new();
                for (id, d) in self.progress.decks.iter().filter(|(_, d)| !d.attempts.is_empty()) {
                    let mut kept = DeckProgress::default();
                    for (key, a) in &d.attempts {
                        let started = a.started;
                        kept.attempts.insert(key.clone(), PlanAttempts { started, best: None });
                    }
                    decks.insert(id.clone(), kept);
                }
                let progress = Progress {
                    settings: self.progress.settings.clone(),
                    decks,
                    ..Progress::new(learner)
                };
                fx.push(Effect::Save);
                Some(Learner {
                    progress,
                    quiz: None,
                    sort: None,
                    study: None,
                    ..self.clone()
                })
            }
        }
    }
}

/// The quiz a reload brings back for `deck`: the one under way, else the last finished one (its
/// results screen), if it still fits the deck.
fn restore_quiz(progress: &Progress, deck: &Deck, now_ms: i64) -> Option<Quiz> {
    let entry = progress.decks.get(deck.id.as_str())?;
    if let Some(saved) = &entry.quiz {
        return Quiz::restore(deck, saved, now_ms).map(|q| q.resumed(now_ms));
    }
    restore_finished(entry, deck)
}

/// The sort round a reload brings back for `deck`, if it still fits the deck.
fn restore_board(progress: &Progress, deck: &Deck, now_ms: i64) -> Option<Board> {
    Board::restore(deck, progress.decks.get(deck.id.as_str())?.sort.as_ref()?, now_ms)
}

/// The last finished quiz kept for a deck, if it still fits the deck.
fn restore_finished(entry: &DeckProgress, deck: &Deck) -> Option<Quiz> {
    // A finished quiz keeps its own end, so the time of restoring plays no part.
    Quiz::restore(deck, entry.finished.as_ref()?, 0).filter(Quiz::is_finished)
}

/// What a screen reader hears after an answer.
pub fn feedback_announcement(deck: &Deck, item: Item, answer: Answer) -> String {
    if answer.correct {
        return format!("Correct. The answer is {}.", deck.label(item.truth));
    }
    let mut said = format!(
        "Not quite. The answer is {}; you said {}.",
        deck.label(item.truth),
        deck.label(answer.picked)
    );
    if let Some(why) = deck
        .statements
        .get(item.statement)
        .and_then(|s| s.if_wrong(answer.picked))
    {
        said.push(' ');
        said.push_str(why);
    }
    said
}

/// What a screen reader hears when the quiz ends.
pub fn finish_announcement(quiz: &Quiz) -> String {
    let score = quiz.results().score;
    let what = if quiz.origin.is_attempt() { "Quiz" } else { "Practice" };
    format!("{what} finished: {} of {} correct.", score.correct, score.total)
}

/// What a screen reader hears when a flashcard turns to its back: the verdict on a picked tag,
/// the right tag and the explanation.
pub fn card_back_announcement(deck: &Deck, card: usize, picked: Option<Tag>) -> Option<String> {
    let s = deck.statements.get(card)?;
    let (verdict, why) = match picked {
        Some(p) if p == s.tag => ("Correct. ", None),
        Some(p) => ("Not quite. ", s.if_wrong(p)),
        None => ("", None),
    };
    let why = why.map(|w| format!("{w} ")).unwrap_or_default();
    Some(format!(
        "Back of the card. {verdict}{}. {why}{}",
        deck.label(s.tag),
        s.explanation
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::tests::sample_deck;
    use crate::core::quiz::Action;

    const T0: i64 = 1_700_000_000_000;

    fn clock(ms: i64) -> Clock {
        Clock {
            now_ms: ms,
            utc_offset_ms: 0,
        }
    }

    fn learner() -> Learner {
        Learner::new(Progress::new("me".into()), Rc::new(sample_deck()), None, T0)
    }

    fn draw(seed: u64) -> Draw {
        Draw {
            seed,
            registration: format!("r{seed}"),
            now_ms: T0,
        }
    }

    fn start(l: &Learner, length: Length) -> Learner {
        l.apply(Event::StartQuiz {
            length,
            plan: QuizPlan::default(),
            draw: draw(3),
        })
        .unwrap()
    }

    fn start_quiz(l: &Learner) -> Learner {
        start(l, Length::All)
    }

    fn pick(l: &Learner, right: bool) -> Learner {
        let (_, item) = l.quiz.as_ref().unwrap().current().unwrap();
        let tag = if right { item.truth } else { Tag((item.truth.0 + 1) % 3) };
        l.apply(Event::Quiz(Action::Pick { tag, at_ms: T0 + 10 })).unwrap()
    }

    fn next(l: &Learner) -> Learner {
        l.apply(Event::Quiz(Action::Next { at_ms: T0 + 20 })).unwrap()
    }

    /// Plays the quiz on screen to its end, answering the first `wrong` questions wrongly.
    fn finish(mut l: Learner, wrong: usize) -> Learner {
        let mut i = 0;
        while l.quiz.as_ref().unwrap().current().is_some() {
            l = next(&pick(&l, i >= wrong));
            i += 1;
        }
        l
    }

    fn other_deck(id: &str) -> Rc<Deck> {
        let mut d = sample_deck();
        d.id = crate::core::deck::DeckId::new(id);
        Rc::new(d)
    }

    fn deal_round(l: &Learner, plan: &QuizPlan) -> Learner {
        l.apply(Event::StartSort {
            plan: plan.clone(),
            draw: draw(5),
        })
        .unwrap()
    }

    /// Places every card of the board in the tray, the first `wrong` of them wrongly.
    fn sort_all(l: &Learner, wrong: usize) -> Learner {
        let mut l = l.clone();
        let board = l.sort.clone().unwrap();
        for card in 0..board.len() {
            if board.places[card] != sort::Place::Tray {
                continue;
            }
            let truth = board.round.items[card].truth;
            let zone = if card < wrong { Tag((truth.0 + 1) % 3) } else { truth };
            l = l
                .apply(Event::Sort(sort::Move::Place { card, zone: Some(zone) }))
                .unwrap();
        }
        l
    }

    fn check(l: &Learner, at_ms: i64) -> Learner {
        l.apply(Event::Sort(sort::Move::Check { at_ms })).unwrap()
    }

    #[test]
    fn a_sort_round_is_dealt_counted_and_saved() {
        let plan = QuizPlan::default();
        let l = deal_round(&learner(), &plan);
        let board = l.sort.as_ref().unwrap();
        assert_eq!(board.len(), 3, "the whole sample deck: fewer than a board's default");
        assert_eq!(l.rounds_started(&plan), 1);
        assert_eq!(l.attempts_started(&plan), 0, "rounds and quizzes are counted apart");
        assert!(l.deck_progress().unwrap().sort.is_some(), "saved for a reload");
        assert!(l.effects.contains(&Effect::Show(Route::Sort)));
        let reloaded = Learner::new(l.progress.clone(), l.builtin.clone(), None, T0 + 5);
        assert_eq!(reloaded.sort.as_ref().unwrap().places, board.places);
    }

    #[test]
    fn a_seed_fixes_the_first_deal_and_a_lock_every_deal() {
        let deck = crate::core::deck::Deck::builtin().unwrap();
        let l = Learner::new(Progress::new("me".into()), Rc::new(deck), None, T0);
        let cards = |l: &Learner| l.sort.as_ref().unwrap().round.items.clone();
        let free = QuizPlan {
            seed: Some(42),
            ..QuizPlan::default()
        };
        let first = l
            .apply(Event::StartSort {
                plan: free.clone(),
                draw: draw(1),
            })
            .unwrap();
        let again = l
            .apply(Event::StartSort {
                plan: free.clone(),
                draw: draw(2),
            })
            .unwrap();
        assert_eq!(cards(&first), cards(&again), "the seed decides the first deal");
        let next = first
            .apply(Event::NewRound {
                plan: free,
                draw: draw(3),
            })
            .unwrap();
        assert_ne!(cards(&next), cards(&first), "another round is a new deal");
        let locked = QuizPlan {
            seed: Some(42),
            locked: true,
            ..QuizPlan::default()
        };
        let first = l
            .apply(Event::StartSort {
                plan: locked.clone(),
                draw: draw(1),
            })
            .unwrap();
        let next = first
            .apply(Event::NewRound {
                plan: locked,
                draw: draw(3),
            })
            .unwrap();
        assert_eq!(cards(&next), cards(&first), "a locked plan deals the same every time");
    }

    #[test]
    fn a_move_is_saved_and_announced() {
        let l = deal_round(&learner(), &QuizPlan::default());
        let l = l
            .apply(Event::Sort(sort::Move::Place {
                card: 0,
                zone: Some(Tag(1)),
            }))
            .unwrap();
        assert_eq!(l.effects[0], Effect::Save);
        let Effect::Announce(said) = &l.effects[1] else {
            panic!("{:?}", l.effects)
        };
        assert!(said.ends_with("1 of 3 placed."), "{said}");
        let reloaded = Learner::new(l.progress.clone(), l.builtin.clone(), None, T0 + 5);
        assert_eq!(reloaded.sort.as_ref().unwrap().places[0], sort::Place::Zone(Tag(1)));
    }

    #[test]
    fn checking_too_early_says_why_and_changes_nothing() {
        let l = deal_round(&learner(), &QuizPlan::default());
        let after = check(&l, T0 + 10);
        assert_eq!(after.sort, l.sort);
        assert_eq!(
            after.effects,
            vec![Effect::Announce("Place the 3 cards still in the tray first.".into())]
        );
    }

    #[test]
    fn the_first_check_reports_every_card_and_a_finished_round_is_recorded() {
        let l = sort_all(&deal_round(&learner(), &QuizPlan::default()), 1);
        let l = check(&l, T0 + 900);
        let reported: Vec<&Effect> = l
            .effects
            .iter()
            .filter(|e| matches!(e, Effect::ReportSortAnswer { .. }))
            .collect();
        assert_eq!(reported.len(), 3, "one statement per card: {:?}", l.effects);
        assert!(
            !l.effects.contains(&Effect::ReportSortResult),
            "not finished: a try is left"
        );
        assert!(l.deck_progress().unwrap().history.is_empty());
        let l = check(&sort_all(&l, 0), T0 + 1000);
        assert!(l.sort.as_ref().unwrap().is_finished());
        assert!(
            !l.effects.iter().any(|e| matches!(e, Effect::ReportSortAnswer { .. })),
            "later checks are not reported again"
        );
        assert!(l.effects.contains(&Effect::ReportSortResult));
        let entry = l.deck_progress().unwrap();
        let last = entry.history.last().unwrap();
        assert_eq!((last.correct, last.total), (2, 3), "the first placements count");
        assert!(QuizPlan::is_sort_key(&entry.finished.as_ref().unwrap().plan));
        let shown = l.last_finished().unwrap();
        assert_eq!(shown.results().score.correct, 2, "the results screen shows the round");
    }

    #[test]
    fn a_finished_round_replaces_a_finished_quiz_on_the_results_screen() {
        let l = finish(start_quiz(&learner()), 0);
        assert!(l.finished_quiz().is_some());
        let l = check(&sort_all(&deal_round(&l, &QuizPlan::default()), 0), T0 + 50);
        assert!(l.quiz.is_none());
        assert!(QuizPlan::is_sort_key(&l.last_finished().unwrap().plan));
        assert_eq!(l.deck_progress().unwrap().history.len(), 2, "both are in the history");
    }

    #[test]
    fn an_unfinished_quiz_survives_a_sort_round() {
        let l = pick(&start_quiz(&learner()), true);
        let l = check(&sort_all(&deal_round(&l, &QuizPlan::default()), 0), T0 + 50);
        assert!(l.quiz_in_progress().is_some());
        assert!(l.deck_progress().unwrap().quiz.is_some());
    }

    #[test]
    fn a_round_that_no_longer_fits_its_deck_is_kept_and_said() {
        let l = deal_round(&learner(), &QuizPlan::default());
        let mut progress = l.progress.clone();
        let saved = progress
            .decks
            .get_mut(l.deck.id.as_str())
            .unwrap()
            .sort
            .as_mut()
            .unwrap();
        saved.round.items[0] = "gone-from-the-deck".into();
        let reloaded = Learner::new(progress, l.builtin.clone(), None, T0);
        assert!(reloaded.sort.is_none());
        assert!(reloaded.board_not_resumed(), "the learner is told");
        assert!(
            reloaded.deck_progress().unwrap().sort.is_some(),
            "and the saved round is not dropped"
        );
        let dealt = deal_round(&reloaded, &QuizPlan::default());
        assert!(!dealt.board_not_resumed(), "until a new round replaces it");
    }

    #[test]
    fn the_trainers_limit_applies_to_rounds() {
        let plan = QuizPlan {
            max_attempts: Some(1),
            ..QuizPlan::default()
        };
        let l = check(&sort_all(&deal_round(&learner(), &plan), 0), T0 + 50);
        assert!(l.round_limit(&plan).is_some());
        let again = l
            .apply(Event::StartSort {
                plan: plan.clone(),
                draw: draw(6),
            })
            .unwrap();
        assert_eq!(again.sort, l.sort, "no new deal");
        assert!(again.start_error.is_some());
    }

    #[test]
    fn progress_from_the_lms_is_merged_before_its_deck_is_used() {
        let played = pick(&start_quiz(&learner()), false);
        let deck = played.deck.clone();
        let kept = crate::core::suspend::encode(&deck, played.deck_progress().unwrap(), 4096);
        let suspended = crate::core::suspend::decode(&deck, &kept.text).unwrap().unwrap();
        let custom = other_deck(deck.id.as_str());
        let waiting = Learner::new(
            Progress::new("me".into()),
            Rc::new(sample_deck()),
            Some("d.json".into()),
            T0,
        );
        let fresh = waiting
            .apply(Event::Resume {
                deck: deck.id.as_str().into(),
                suspended: suspended.clone(),
            })
            .unwrap();
        assert_eq!(fresh.effects, [Effect::Save]);
        assert_eq!(
            fresh.deck_progress().unwrap().quiz,
            played.deck_progress().unwrap().quiz
        );
        // The deck then arrives and its quiz resumes where the LMS left it.
        let loaded = fresh
            .apply(Event::DeckLoaded {
                url: "d.json".into(),
                deck: custom,
                now_ms: T0,
            })
            .unwrap();
        assert_eq!(
            loaded.quiz.as_ref().unwrap().answers,
            played.quiz.as_ref().unwrap().answers
        );
    }

    #[test]
    fn answering_saves_reports_and_announces() {
        let l = start_quiz(&learner());
        assert_eq!(
            l.effects,
            [Effect::Save],
            "a new quiz is saved, and nothing is reported yet"
        );
        assert!(l.deck_progress().unwrap().quiz.is_some());
        let (_, item) = l.quiz.as_ref().unwrap().current().unwrap();
        let label = l.deck.category(item.truth).unwrap().label.clone();
        let answered = pick(&l, true);
        assert_eq!(
            answered.effects,
            [
                Effect::Save,
                Effect::ReportAnswer { index: 0 },
                Effect::Announce(format!("Correct. The answer is {label}."))
            ]
        );
        // A second pick (double click) changes nothing, so nothing is reported twice.
        let again = Event::Quiz(Action::Pick {
            tag: item.truth,
            at_ms: T0 + 11,
        });
        assert_eq!(answered.apply(again), None);
        assert_eq!(next(&answered).effects, [Effect::Save], "moving on only saves");

        let wrong = pick(&l, false);
        let Effect::Announce(text) = &wrong.effects[2] else {
            panic!()
        };
        assert!(
            text.starts_with(&format!("Not quite. The answer is {label}; you said ")),
            "{text}"
        );
    }

    #[test]
    fn a_wrong_answer_is_told_why_it_is_wrong() {
        let mut v = crate::core::deck::tests::sample();
        v["statements"][0]["wrong"] = serde_json::json!({"both": "Shipping is not shared."});
        let deck = Deck::parse(v.to_string().as_bytes()).unwrap();
        let item = Item {
            statement: 0,
            truth: Tag(0),
        };
        let answer = |t: u8| Answer {
            picked: Tag(t),
            correct: t == 0,
            duration_ms: 900,
        };
        assert_eq!(
            feedback_announcement(&deck, item, answer(2)),
            "Not quite. The answer is DevOps; you said Both. Shipping is not shared."
        );
        assert_eq!(
            feedback_announcement(&deck, item, answer(1)),
            "Not quite. The answer is DevOps; you said Platform.",
            "no sentence for this answer"
        );
        assert_eq!(
            feedback_announcement(&deck, item, answer(0)),
            "Correct. The answer is DevOps."
        );
        assert_eq!(
            card_back_announcement(&deck, 0, Some(Tag(2))).unwrap(),
            "Back of the card. Not quite. DevOps. Shipping is not shared. Delivery."
        );
        assert_eq!(
            card_back_announcement(&deck, 0, None).unwrap(),
            "Back of the card. DevOps. Delivery."
        );
    }

    #[test]
    fn finishing_records_reports_and_shows_the_results() {
        let mut cur = start_quiz(&learner());
        for _ in 0..2 {
            cur = next(&pick(&cur, true));
        }
        let last = pick(&cur, false);
        let done = next(&last);
        assert_eq!(
            done.effects,
            [
                Effect::Save,
                Effect::ReportResult,
                Effect::Announce("Quiz finished: 2 of 3 correct.".into()),
                Effect::Show(Route::Results)
            ]
        );
        let d = done.deck_progress().unwrap();
        assert_eq!(d.quiz, None);
        assert_eq!(
            d.history,
            vec![Attempt {
                at: T0 + 20,
                correct: 2,
                total: 3,
                retry: false,
                attempt: 1
            }]
        );
        assert!(
            done.finished_quiz().is_some() && done.quiz_in_progress().is_none(),
            "results stay on screen"
        );
        let closed = done.apply(Event::CloseQuiz).unwrap();
        assert_eq!(closed.quiz, None);
        assert_eq!(closed.effects, [], "nothing saved was left to remove");
    }

    #[test]
    fn retrying_and_studying_the_misses() {
        let all_right = finish(start_quiz(&learner()), 0);
        let retry = Event::RetryMissed {
            now_ms: T0,
            registration: "x".into(),
        };
        assert_eq!(all_right.apply(retry.clone()), None, "nothing missed");
        assert_eq!(
            all_right
                .apply(Event::StudyMissed { clock: clock(T0) })
                .unwrap()
                .study
                .unwrap()
                .remaining,
            Vec::<usize>::new()
        );

        let two_wrong = finish(start_quiz(&learner()), 2);
        let q = two_wrong.quiz.as_ref().unwrap();
        let missed: Vec<usize> = q.items[..2].iter().map(|i| i.statement).collect();
        let retried = two_wrong.apply(retry).unwrap();
        assert_eq!(retried.effects, [Effect::Save, Effect::Show(Route::Quiz)]);
        assert_eq!(retried.quiz.as_ref().unwrap().items.len(), 2);

        let study = two_wrong.apply(Event::StudyMissed { clock: clock(T0) }).unwrap();
        assert_eq!(study.effects, [Effect::Show(Route::Cards)]);
        let s = study.study.unwrap();
        assert_eq!(s.scope, Scope::Only(missed.clone().into()));
        assert_eq!(s.phase, StudyPhase::Front { card: missed[0] });
        assert_eq!(
            start_quiz(&learner()).apply(Event::StudyMissed { clock: clock(T0) }),
            None,
            "only a finished quiz has misses to study"
        );
    }

    #[test]
    fn a_new_quiz_keeps_the_learners_length_and_draws_a_new_order() {
        let plan = QuizPlan {
            seed: Some(7),
            ..QuizPlan::default()
        };
        let new_quiz = |l: &Learner, seed| {
            l.apply(Event::NewQuiz {
                plan: plan.clone(),
                draw: draw(seed),
            })
            .unwrap()
        };
        let short = finish(start_with(&learner(), &plan, Length::Count(2), 3).unwrap(), 0);
        assert_eq!(short.finished_quiz().unwrap().seed, 7, "the plan's order first");
        let again = new_quiz(&short, 11);
        assert_eq!(again.effects, [Effect::Save, Effect::Show(Route::Quiz)]);
        let q = again.quiz_in_progress().unwrap();
        assert_eq!(
            (q.items.len(), q.seed),
            (2, 11),
            "same length, a new order despite the plan's seed"
        );
        assert_eq!(q.origin, quiz::Origin::Attempt(2), "still an attempt at the same plan");
        let retried = finish(
            short
                .apply(Event::RetryMissed {
                    now_ms: T0,
                    registration: "x".into(),
                })
                .unwrap_or(short.clone()),
            0,
        );
        assert_eq!(new_quiz(&retried, 5).quiz.unwrap().items.len(), 2);
        let whole = finish(start_quiz(&learner()), 1);
        let after_retry = finish(
            whole
                .apply(Event::RetryMissed {
                    now_ms: T0,
                    registration: "x".into(),
                })
                .unwrap(),
            0,
        );
        assert_eq!(after_retry.quiz.as_ref().unwrap().items.len(), 1);
        assert_eq!(
            new_quiz(&after_retry, 5).quiz.unwrap().items.len(),
            3,
            "after a retry of the misses, a new quiz asks everything"
        );
        assert_eq!(new_quiz(&learner(), 5).quiz.unwrap().items.len(), 3);
    }

    #[test]
    fn a_quiz_that_cannot_start_says_why_once() {
        let l = learner();
        let only_missing = QuizPlan {
            only: Some(vec![Tag(5)]),
            ..QuizPlan::default()
        };
        let event = Event::StartQuiz {
            length: Length::All,
            plan: only_missing,
            draw: draw(1),
        };
        let failed = l.apply(event.clone()).unwrap();
        assert_eq!(failed.start_error, Some(QuizError::NothingToAsk));
        assert_eq!(failed.quiz, None);
        assert_eq!(failed.effects, []);
        assert_eq!(failed.apply(event), None);
        assert_eq!(start_quiz(&failed).start_error, None);
    }

    #[test]
    fn a_saved_quiz_that_no_longer_fits_is_reported_and_kept_until_replaced() {
        let l = start_quiz(&learner());
        let mut progress = l.progress.clone();
        let saved = progress.decks.get_mut("sample").unwrap().quiz.as_mut().unwrap();
        saved.items[0] = "gone".into();
        let reloaded = Learner::new(progress.clone(), l.deck.clone(), None, T0);
        assert!(reloaded.quiz.is_none() && reloaded.quiz_not_resumed());
        assert_eq!(
            reloaded.deck_progress().unwrap().quiz,
            progress.decks["sample"].quiz,
            "kept, not dropped"
        );
        let restarted = start_quiz(&reloaded);
        assert!(!restarted.quiz_not_resumed());
        assert!(!Learner::new(restarted.progress.clone(), l.deck.clone(), None, T0).quiz_not_resumed());
    }

    #[test]
    fn a_reload_resumes_the_quiz_without_reporting_again() {
        let l = pick(&start_quiz(&learner()), true);
        let stored = l.progress.encode();
        let crate::core::progress::Loaded::Ok(p) = Progress::decode(Some(&stored)) else {
            panic!()
        };
        let reloaded = Learner::new(p, l.deck.clone(), None, T0 + 60_000);
        assert_eq!(reloaded.quiz, l.quiz.as_ref().map(|q| q.resumed(T0 + 60_000)));
        assert_eq!(reloaded.effects, []);
    }

    fn reloaded(l: &Learner, now_ms: i64) -> Learner {
        let crate::core::progress::Loaded::Ok(p) = Progress::decode(Some(&l.progress.encode())) else {
            panic!("stored progress reads back")
        };
        Learner::new(p, l.deck.clone(), None, now_ms)
    }

    #[test]
    fn a_reload_of_the_results_shows_the_same_results() {
        let done = finish(start_quiz(&learner()), 1);
        let again = reloaded(&done, T0 + 86_400_000);
        let (before, after) = (done.finished_quiz().unwrap(), again.finished_quiz().unwrap());
        assert_eq!(
            after.results(),
            before.results(),
            "same score, matrix and duration a day later"
        );
        assert!(again.quiz_in_progress().is_none() && !again.quiz_not_resumed());
        assert_eq!(again.effects, [], "nothing is recorded or reported again");
        assert_eq!(again.deck_progress().unwrap().history.len(), 1);
        // A new quiz takes the results' place once it finishes, not before.
        let next = start_quiz(&again);
        assert!(reloaded(&next, T0).quiz_in_progress().is_some());
        let shown = next.last_finished().unwrap();
        assert_eq!(
            shown.results(),
            before.results(),
            "the results screen still shows the last results"
        );
        assert!(
            next.apply(Event::StudyMissed { clock: clock(T0) }).is_some(),
            "and its buttons work"
        );
    }

    #[test]
    fn a_reload_on_the_last_feedback_lets_next_finish_and_record() {
        let mut l = start_quiz(&learner());
        while l.quiz.as_ref().unwrap().current_answer().is_none()
            || l.quiz.as_ref().unwrap().current().map(|(i, _)| i + 1) != Some(l.quiz.as_ref().unwrap().items.len())
        {
            l = if l.quiz.as_ref().unwrap().current_answer().is_none() {
                pick(&l, true)
            } else {
                next(&l)
            };
        }
        let again = reloaded(&l, T0 + 1_000);
        assert!(
            again.quiz_in_progress().is_some(),
            "the last answer's feedback shows again"
        );
        let done = next(&again);
        assert!(done.finished_quiz().is_some());
        assert_eq!(
            done.deck_progress().unwrap().history.len(),
            1,
            "and Next records the attempt"
        );
    }

    #[test]
    fn closing_an_unfinished_quiz_forgets_it() {
        let l = start_quiz(&learner()).apply(Event::CloseQuiz).unwrap();
        assert_eq!(l.deck_progress().unwrap().quiz, None);
        assert_eq!(l.effects, [Effect::Save]);
        assert_eq!(l.apply(Event::CloseQuiz), None);
    }

    #[test]
    fn self_grading_updates_cards_and_session_together() {
        let l = learner().apply(Event::StartStudy { clock: clock(T0) }).unwrap();
        assert_eq!(
            l.apply(Event::Grade {
                grade: Grade::Good,
                clock: clock(T0)
            }),
            None,
            "front: nothing to grade"
        );
        let l = l.apply(Event::Flip).unwrap();
        let s = &l.deck.statements[0];
        assert_eq!(
            l.effects,
            [Effect::Announce(format!("Back of the card. DevOps. {}", s.explanation))]
        );
        let l = l
            .apply(Event::Grade {
                grade: Grade::Again,
                clock: clock(T0),
            })
            .unwrap();
        assert_eq!(l.effects, [Effect::Save]);
        assert_eq!(l.deck_progress().unwrap().cards.cards.len(), 1);
        assert_eq!(l.study.as_ref().unwrap().phase, StudyPhase::Front { card: 1 });
        // A repeated key press on the new front grades nothing.
        assert_eq!(
            l.apply(Event::Grade {
                grade: Grade::Again,
                clock: clock(T0)
            }),
            None
        );
    }

    #[test]
    fn studying_ahead_and_learning_more_when_nothing_is_due() {
        let mut p = Progress::new("me".into());
        p.settings.new_per_day = 1;
        let l = Learner::new(p, Rc::new(sample_deck()), None, T0);
        assert_eq!(
            l.apply(Event::StudyAhead { clock: clock(T0) }),
            None,
            "nothing studied, nothing ahead"
        );
        // One new card a day: card 0, graded Easy, is due in days; nothing else is offered today.
        let l = l.apply(Event::StartStudy { clock: clock(T0) }).unwrap();
        let l = l.apply(Event::Flip).unwrap();
        let l = l
            .apply(Event::Grade {
                grade: Grade::Easy,
                clock: clock(T0),
            })
            .unwrap();
        assert_eq!(l.study.as_ref().unwrap().phase, StudyPhase::Done);
        let l = l.apply(Event::EndStudy).unwrap();
        let ahead = l.apply(Event::StudyAhead { clock: clock(T0) }).unwrap();
        assert_eq!(ahead.study.as_ref().unwrap().phase, StudyPhase::Front { card: 0 });
        let more = l.apply(Event::LearnMore { clock: clock(T0) }).unwrap();
        let s = more.study.as_ref().unwrap();
        assert_eq!((s.phase, s.new_per_day), (StudyPhase::Front { card: 1 }, 2));
        assert_eq!(more.progress.settings.new_per_day, 1, "the setting itself is unchanged");
    }

    #[test]
    fn answer_first_grades_on_pick() {
        let mut p = Progress::new("me".into());
        p.settings.answer_first = true;
        let l = Learner::new(p, Rc::new(sample_deck()), None, T0)
            .apply(Event::StartStudy { clock: clock(T0) })
            .unwrap();
        assert_eq!(l.study.as_ref().unwrap().mode, Mode::AnswerFirst);
        // Card 0 is a devops statement; answering platform is wrong, so it is graded Again.
        let l = l
            .apply(Event::PickCard {
                tag: Tag(1),
                clock: clock(T0),
            })
            .unwrap();
        assert_eq!(l.effects.len(), 2);
        assert!(matches!(&l.effects[0], Effect::Announce(t) if t.starts_with("Back of the card. Not quite. DevOps. ")));
        assert_eq!(l.effects[1], Effect::Save);
        let st = l.deck_progress().unwrap().cards.cards["a"].clone();
        assert_eq!(st.due - T0, 60_000, "Again: back in a minute");
        assert_eq!(
            l.apply(Event::PickCard {
                tag: Tag(0),
                clock: clock(T0)
            }),
            None,
            "already picked"
        );
        assert_eq!(
            l.apply(Event::Grade {
                grade: Grade::Easy,
                clock: clock(T0)
            }),
            None,
            "already graded"
        );
        let l = l.apply(Event::NextCard { clock: clock(T0) }).unwrap();
        assert_eq!(l.study.as_ref().unwrap().phase, StudyPhase::Front { card: 1 });
        assert_eq!(l.effects, [], "moving on changes no progress");
    }

    #[test]
    fn settings_import_and_reset() {
        let l = learner();
        assert_eq!(l.apply(Event::Settings(l.progress.settings.clone())), None);
        let s = Settings {
            new_per_day: 100_000,
            ..l.progress.settings.clone()
        };
        let l = l.apply(Event::Settings(s)).unwrap();
        assert_eq!(l.progress.settings.new_per_day, MAX_NEW_PER_DAY);
        assert_eq!(l.effects, [Effect::Save]);
        let dark = l.apply(Event::Theme(Theme::Dark)).unwrap();
        assert_eq!(
            (dark.progress.settings.theme, dark.progress.settings.shortcuts),
            (Theme::Dark, true)
        );
        assert_eq!(dark.apply(Event::Theme(Theme::Dark)), None, "already dark");
        let quiet = dark.apply(Event::Shortcuts(false)).unwrap();
        assert_eq!(
            (quiet.progress.settings.theme, quiet.progress.settings.shortcuts),
            (Theme::Dark, false)
        );
        assert_eq!(quiet.effects, [Effect::Save]);

        let graded = learner()
            .apply(Event::StartStudy { clock: clock(T0) })
            .unwrap()
            .apply(Event::Flip)
            .unwrap()
            .apply(Event::Grade {
                grade: Grade::Good,
                clock: clock(T0),
            })
            .unwrap();
        let imported = l
            .apply(Event::Import {
                progress: graded.progress.clone(),
                merge: true,
            })
            .unwrap();
        assert_eq!(imported.progress.card_count(), 1);
        assert_eq!(imported.progress.learner, "me");
        assert_eq!(imported.effects, [Effect::Save]);
        let replaced = l
            .apply(Event::Import {
                progress: graded.progress.clone(),
                merge: false,
            })
            .unwrap();
        assert_eq!(replaced.progress, graded.progress);

        let reset = imported.apply(Event::Reset { learner: "new".into() }).unwrap();
        assert_eq!(reset.progress.card_count(), 0);
        assert_eq!(reset.progress.learner, "new");
        assert_eq!(reset.effects, [Effect::Save]);
        assert_eq!(
            reset.progress.settings, imported.progress.settings,
            "preferences survive a reset"
        );
    }

    #[test]
    fn a_reset_keeps_the_count_of_attempts_started() {
        let plan = QuizPlan {
            max_attempts: Some(1),
            ..QuizPlan::default()
        };
        let done = finish(start_with(&learner(), &plan, Length::All, 1).unwrap(), 1);
        let reset = done.apply(Event::Reset { learner: "new".into() }).unwrap();
        let d = reset.deck_progress().unwrap();
        assert!(d.history.is_empty() && d.best.is_none() && d.cards.cards.is_empty());
        assert_eq!(d.plan(&plan.key()), PlanAttempts { started: 1, best: None });
        let refused = start_with(&reset, &plan, Length::All, 2).unwrap();
        assert_eq!(refused.start_error, Some(QuizError::NoAttemptsLeft { max: 1 }));
    }

    #[test]
    fn a_deck_from_the_url_replaces_the_builtin_one_in_one_step() {
        let p = start_quiz(&learner()).progress;
        let waiting = Learner::new(p, Rc::new(sample_deck()), Some("d.json".into()), T0);
        assert_eq!(waiting.source, DeckSource::Loading("d.json".into()));
        assert!(
            waiting.quiz.is_some(),
            "the built-in deck's quiz, until the deck arrives"
        );
        let loaded = |url: &str| Event::DeckLoaded {
            url: url.into(),
            deck: other_deck("other"),
            now_ms: T0,
        };
        assert_eq!(waiting.apply(loaded("elsewhere.json")), None, "not the deck asked for");
        let custom = waiting.apply(loaded("d.json")).unwrap();
        assert_eq!(custom.source, DeckSource::Custom("d.json".into()));
        assert_eq!(custom.deck.id.as_str(), "other");
        assert_eq!(custom.quiz, None, "the other deck has no saved quiz");
        assert_eq!(custom.apply(loaded("d.json")), None, "only once");

        let failed = waiting
            .apply(Event::DeckFailed {
                url: "d.json".into(),
                error: "the deck has 2 problems:\nstatements[0].tag: bad\ntitle: missing".into(),
            })
            .unwrap();
        assert_eq!(
            failed.source,
            DeckSource::Failed(DeckFailure {
                url: "d.json".into(),
                message: "the deck has 2 problems:".into(),
                detail: Some("statements[0].tag: bad\ntitle: missing".into()),
            })
        );
        let back = failed.apply(Event::UseBuiltinDeck { now_ms: T0 }).unwrap();
        assert_eq!(back.source, DeckSource::Builtin);
        assert_eq!(back.effects, [Effect::Show(Route::Home)]);
        assert!(back.quiz.is_some(), "its saved quiz resumes");
        assert_eq!(back.apply(Event::UseBuiltinDeck { now_ms: T0 }), None);
    }

    /// Each row: the URL's `deck` value, and what the home screen, the error screen and the
    /// trainer's set-up error say about it. A shared deck is never repeated: it is the deck
    /// itself, thousands of characters long.
    #[test]
    fn messages_name_an_address_but_never_repeat_a_shared_deck() {
        let packed = format!("{}{}", link::PREFIX, "AbC".repeat(3000));
        let damaged = link::LinkError::Corrupt.to_string();
        for (value, error, note, headline, setup) in [
            (
                "https://x.org/d.json".to_string(),
                "the server answered 404 Not Found".to_string(),
                "Deck loaded from https://x.org/d.json.".to_string(),
                "https://x.org/d.json: the server answered 404 Not Found".to_string(),
                "The deck at https://x.org/d.json could not be used: the server answered 404 Not Found".to_string(),
            ),
            (
                packed.clone(),
                damaged.clone(),
                "Deck shared in this page's link.".into(),
                damaged.clone(),
                damaged.clone(),
            ),
        ] {
            let waiting = Learner::new(
                Progress::new("me".into()),
                Rc::new(sample_deck()),
                Some(value.clone()),
                T0,
            );
            let custom = waiting
                .apply(Event::DeckLoaded {
                    url: value.clone(),
                    deck: other_deck("other"),
                    now_ms: T0,
                })
                .unwrap();
            assert_eq!(custom.source.note().as_deref(), Some(note.as_str()));
            assert_eq!(custom.source.heading(&custom.deck), custom.deck.title);
            assert_ne!(custom.deck.title, "RoleCall");
            let failed = waiting
                .apply(Event::DeckFailed {
                    url: value.clone(),
                    error,
                })
                .unwrap();
            let DeckSource::Failed(failure) = &failed.source else {
                panic!("{:?}", failed.source)
            };
            assert_eq!(failure.headline(), headline);
            assert_eq!(failure.setup_error().message, setup);
            for said in [note, headline, setup] {
                assert!(said.len() < 200, "{said}");
            }
        }
        assert_eq!(DeckSource::Builtin.note(), None);
        assert_eq!(DeckSource::Loading(packed.clone()).note(), None);
        // The deck RoleCall ships is headed by the app's name, also while another is on its way.
        let deck = sample_deck();
        assert_eq!(DeckSource::Builtin.heading(&deck), "RoleCall");
        assert_eq!(DeckSource::Loading(packed).heading(&deck), "RoleCall");
    }

    #[test]
    fn switching_decks_restores_each_decks_quiz_and_ends_study() {
        let builtin = start_quiz(&learner());
        let l = Learner::new(builtin.progress.clone(), builtin.deck.clone(), Some("u".into()), T0)
            .apply(Event::StartStudy { clock: clock(T0) })
            .unwrap();
        let moved = l
            .apply(Event::DeckLoaded {
                url: "u".into(),
                deck: other_deck("other"),
                now_ms: T0,
            })
            .unwrap();
        assert_eq!((moved.quiz.as_ref(), moved.study.as_ref()), (None, None));
        let moved = start_quiz(&moved);
        let back = moved.apply(Event::UseBuiltinDeck { now_ms: T0 }).unwrap();
        assert!(back.quiz.is_some());
        assert_eq!(back.progress.decks.len(), 2, "both decks' quizzes are kept");
    }

    fn start_with(l: &Learner, plan: &QuizPlan, length: Length, seed: u64) -> Option<Learner> {
        l.apply(Event::StartQuiz {
            length,
            plan: plan.clone(),
            draw: draw(seed),
        })
    }

    fn new_attempt(l: &Learner, plan: &QuizPlan, seed: u64) -> Learner {
        l.apply(Event::NewQuiz {
            plan: plan.clone(),
            draw: draw(seed),
        })
        .unwrap()
    }

    fn practise(l: &Learner) -> Learner {
        l.apply(Event::RetryMissed {
            now_ms: T0,
            registration: "practice".into(),
        })
        .unwrap()
    }

    fn reported(l: &Learner) -> bool {
        l.effects
            .iter()
            .any(|e| matches!(e, Effect::ReportAnswer { .. } | Effect::ReportResult))
    }

    #[test]
    fn practice_on_the_misses_is_never_reported_recorded_or_best() {
        let failed = finish(start_quiz(&learner()), 2);
        assert!(
            failed.effects.contains(&Effect::ReportResult),
            "the attempt's result is sent"
        );
        let history = failed.deck_progress().unwrap().history.clone();
        let best = failed.deck_progress().unwrap().best;
        let practice = practise(&failed);
        assert_eq!(practice.quiz.as_ref().unwrap().origin, quiz::Origin::Practice(1));
        let answered = pick(&practice, true);
        assert!(!reported(&answered), "no answer of practice is reported");
        let done = finish(practice, 0);
        assert!(!reported(&done), "nor its result");
        assert_eq!(
            done.effects.last(),
            Some(&Effect::Show(Route::Results)),
            "its results are still shown"
        );
        assert!(done
            .effects
            .contains(&Effect::Announce("Practice finished: 2 of 2 correct.".into())));
        let d = done.deck_progress().unwrap();
        assert_eq!(d.history, history, "practice is not an attempt in the history");
        assert_eq!(d.best, best, "nor a best score");
        assert_eq!(d.plan(&QuizPlan::default().key()).started, 1);
    }

    #[test]
    fn each_full_attempt_has_its_number_and_registration() {
        let plan = QuizPlan::default();
        let first = finish(start_quiz(&learner()), 1);
        let second = new_attempt(&first, &plan, 9);
        let (q1, q2) = (first.quiz.as_ref().unwrap(), second.quiz.as_ref().unwrap());
        assert_eq!(
            (q1.origin, q2.origin),
            (quiz::Origin::Attempt(1), quiz::Origin::Attempt(2))
        );
        assert_ne!(q1.registration, q2.registration);
        let done = finish(second, 0);
        let numbers: Vec<u32> = done
            .deck_progress()
            .unwrap()
            .history
            .iter()
            .map(|a| a.attempt)
            .collect();
        assert_eq!(numbers, [1, 2]);
        // Practice in between takes no number.
        let third = new_attempt(&finish(practise(&first), 0), &plan, 4);
        assert_eq!(third.quiz.unwrap().origin, quiz::Origin::Attempt(2));
        // Another plan counts its own attempts.
        let other = QuizPlan {
            pass_mark: 90,
            ..QuizPlan::default()
        };
        let elsewhere = start_with(&done, &other, Length::All, 1).unwrap();
        assert_eq!(elsewhere.quiz.unwrap().origin, quiz::Origin::Attempt(1));
    }

    #[test]
    fn the_trainers_rule_decides_which_attempts_reach_the_host() {
        let plan = |grade| QuizPlan {
            grade,
            ..QuizPlan::default()
        };
        // First: the second attempt is not reported at all.
        let first = plan(quiz::GradeRule::First);
        let one = finish(start_with(&learner(), &first, Length::All, 1).unwrap(), 2);
        assert!(one.effects.contains(&Effect::ReportResult));
        let two = new_attempt(&one, &first, 2);
        assert!(!reported(&pick(&two, true)));
        assert!(!reported(&finish(two, 0)));
        // Best: every answer, and a result only when it beats the earlier ones.
        let best = plan(quiz::GradeRule::Best);
        let one = finish(start_with(&learner(), &best, Length::All, 1).unwrap(), 1);
        assert!(
            one.effects.contains(&Effect::ReportResult),
            "the first is the best so far"
        );
        let worse = new_attempt(&one, &best, 2);
        assert!(reported(&pick(&worse, true)), "answers are reported");
        let worse = finish(worse, 2);
        assert!(!worse.effects.contains(&Effect::ReportResult), "a worse result is not");
        let better = finish(new_attempt(&worse, &best, 3), 0);
        assert!(better.effects.contains(&Effect::ReportResult), "a better one is");
        // Last and all: every attempt.
        for rule in [quiz::GradeRule::Last, quiz::GradeRule::All] {
            let p = plan(rule);
            let one = finish(start_with(&learner(), &p, Length::All, 1).unwrap(), 0);
            let two = finish(new_attempt(&one, &p, 2), 3);
            assert!(two.effects.contains(&Effect::ReportResult), "{rule:?}");
        }
    }

    #[test]
    fn a_locked_plan_fixes_length_order_and_attempts() {
        let plan = QuizPlan {
            requested: Some(2),
            seed: Some(7),
            locked: true,
            max_attempts: Some(2),
            ..QuizPlan::default()
        };
        let one = start_with(&learner(), &plan, Length::All, 1).unwrap();
        let q1 = one.quiz.clone().unwrap();
        assert_eq!((q1.items.len(), q1.seed), (2, 7), "the learner's length is not taken");
        let one = finish(one, 1);
        let two = new_attempt(&one, &plan, 99);
        let q2 = two.quiz.clone().unwrap();
        assert_eq!(q2.items, q1.items, "every attempt is the same quiz");
        assert_eq!(q2.origin, quiz::Origin::Attempt(2));
        let two = finish(two, 0);
        // The limit is reached: neither way starts a third.
        let refused = start_with(&two, &plan, Length::All, 3).unwrap();
        assert_eq!(refused.start_error, Some(QuizError::NoAttemptsLeft { max: 2 }));
        assert!(refused.quiz_in_progress().is_none());
        let again = two
            .apply(Event::NewQuiz {
                plan: plan.clone(),
                draw: draw(4),
            })
            .unwrap();
        assert!(again.quiz_in_progress().is_none() && again.finished_quiz().is_some());
        assert_eq!(again.start_error, Some(QuizError::NoAttemptsLeft { max: 2 }));
        // Practice stays open.
        let one_wrong = finish(start_with(&learner(), &plan, Length::All, 1).unwrap(), 1);
        assert!(practise(&one_wrong).quiz_in_progress().is_some());
        // An abandoned attempt still counts, so a bad start cannot be wiped out.
        let abandoned = start_with(&learner(), &plan, Length::All, 1)
            .unwrap()
            .apply(Event::CloseQuiz)
            .unwrap();
        assert_eq!(abandoned.attempts_started(&plan), 1);
    }
}
