//! The quiz: a session that asks statements in a seeded order, records each answer, and scores it.
//!
//! A [`Quiz`] is an immutable value; [`Quiz::apply`] returns the next value or `None` when an
//! action does not apply in the current phase (a second answer to the same question, `Next` before
//! answering). The phase is an enum that carries its data, so "answered but no answer recorded"
//! cannot be represented. Time is passed in as epoch milliseconds, and the order comes from a
//! seed, so every session is reproducible and testable without a browser.

use super::deck::{Deck, Tag};
use super::progress::{SavedAnswer, SavedQuiz};
use super::rng::SplitMix64;
use std::rc::Rc;

/// The default pass mark, in percent.
pub const DEFAULT_PASS_MARK: u8 = 70;
/// The lengths offered on the start screen; "all" is offered besides these.
pub const LENGTHS: [usize; 2] = [10, 20];

/// How many questions to ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    Count(usize),
    All,
}

/// What a new quiz is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizSpec {
    pub length: Length,
    pub seed: u64,
    /// Ask only statements with these tags; `None` asks all. Every category stays answerable.
    pub only: Option<Vec<Tag>>,
    pub pass_mark: u8,
    /// A fresh id for this attempt (the xAPI registration), made by the caller.
    pub registration: String,
    /// Which attempt this is.
    pub origin: Origin,
    /// The plan's key (see [`QuizPlan::key`]), under which the attempt is counted.
    pub plan: String,
    pub reporting: Reporting,
}

/// Which attempts count, as the trainer chose (`grade=`): what reaches the host page, and what
/// the learner is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum GradeRule {
    /// Every attempt is reported, each with its number; the host decides.
    #[default]
    All,
    /// Only the first attempt is reported; later ones are practice.
    First,
    /// An attempt's result is reported only when it beats every earlier one.
    Best,
    /// Every attempt is reported; the learner is told the last one counts.
    Last,
}

impl GradeRule {
    pub fn parse(s: &str) -> Option<GradeRule> {
        Some(match s {
            "all" => GradeRule::All,
            "first" => GradeRule::First,
            "best" => GradeRule::Best,
            "last" => GradeRule::Last,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            GradeRule::All => "all",
            GradeRule::First => "first",
            GradeRule::Best => "best",
            GradeRule::Last => "last",
        }
    }

    /// How much of attempt `number` the host page hears.
    pub fn reporting(self, number: u32) -> Reporting {
        match self {
            GradeRule::First if number > 1 => Reporting::Nothing,
            GradeRule::Best => Reporting::ResultIfBest,
            _ => Reporting::Everything,
        }
    }

    /// One sentence for the learner on which attempt counts; `None` when every one is reported.
    pub fn explained(self) -> Option<&'static str> {
        match self {
            GradeRule::All => None,
            GradeRule::First => Some("Your first attempt is the one that counts."),
            GradeRule::Best => Some("Your best attempt is the one that counts."),
            GradeRule::Last => Some("Your last attempt is the one that counts."),
        }
    }
}

/// What the host page hears of a quiz.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reporting {
    /// Nothing: practice, or an attempt that cannot count.
    Nothing,
    /// Every answer and the result.
    Everything,
    /// Every answer; the result only if it beats every earlier attempt at the plan.
    ResultIfBest,
}

impl Reporting {
    pub fn as_str(self) -> &'static str {
        match self {
            Reporting::Nothing => "none",
            Reporting::Everything => "all",
            Reporting::ResultIfBest => "best",
        }
    }

    pub fn parse(s: &str) -> Option<Reporting> {
        Some(match s {
            "none" => Reporting::Nothing,
            "all" => Reporting::Everything,
            "best" => Reporting::ResultIfBest,
            _ => return None,
        })
    }
}

/// What the trainer configured for quizzes (from the URL), resolved against the deck in use.
/// Every quiz the learner starts is drawn from it; see [`QuizPlan::spec`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizPlan {
    /// Questions to ask, preselected on the start screen; `None` lets the learner choose.
    pub requested: Option<usize>,
    /// A fixed question order; `None` draws a new order for every quiz.
    pub seed: Option<u64>,
    /// Ask only statements with these tags; `None` asks all.
    pub only: Option<Vec<Tag>>,
    pub pass_mark: u8,
    /// The learner cannot change the length or the order (`lock`): every attempt is the same.
    pub locked: bool,
    /// The most attempts a learner may start (`attempts`); `None`: no limit.
    pub max_attempts: Option<u32>,
    pub grade: GradeRule,
    /// Sort mode: tries after a round's first check (see `sort::Board::retries`).
    pub retries: u8,
}

impl Default for QuizPlan {
    fn default() -> QuizPlan {
        QuizPlan {
            requested: None,
            seed: None,
            only: None,
            pass_mark: DEFAULT_PASS_MARK,
            locked: false,
            max_attempts: None,
            grade: GradeRule::All,
            retries: super::sort::DEFAULT_RETRIES,
        }
    }
}

impl QuizPlan {
    /// How many statements of `deck` the plan can ask.
    pub fn available(&self, deck: &Deck) -> usize {
        deck.statements
            .iter()
            .filter(|s| asks(self.only.as_deref(), s.tag))
            .count()
    }

    /// The spec of attempt `attempt`, of `length`, in the plan's fixed order or else in the
    /// order of `drawn_seed` (a fresh random seed from the caller).
    pub fn spec(&self, length: Length, drawn_seed: u64, registration: String, attempt: u32) -> QuizSpec {
        QuizSpec {
            length,
            seed: self.seed.unwrap_or(drawn_seed),
            only: self.only.clone(),
            pass_mark: self.pass_mark,
            registration,
            origin: Origin::Attempt(attempt),
            plan: self.key(),
            reporting: self.grade.reporting(attempt),
        }
    }

    /// What identifies the plan among others on the same deck: attempts are counted per key, so
    /// an assessment link and free play do not share their attempts. The grade rule and the
    /// limit are left out: they change how attempts count, not what an attempt is.
    pub fn key(&self) -> String {
        let mut key = String::from("quiz");
        if let Some(n) = self.requested {
            key.push_str(&format!(";n={n}"));
        }
        if let Some(seed) = self.seed {
            key.push_str(&format!(";seed={seed}"));
        }
        if let Some(only) = &self.only {
            let tags: Vec<String> = only.iter().map(|t| t.index().to_string()).collect();
            key.push_str(&format!(";tags={}", tags.join(",")));
        }
        key.push_str(&format!(";pass={}", self.pass_mark));
        if self.locked {
            key.push_str(";lock");
        }
        key
    }

    /// The key of sort rounds under this plan: counted apart from its quizzes.
    pub fn sort_key(&self) -> String {
        self.key().replacen("quiz", "sort", 1)
    }

    /// Whether a plan key is a sort round's (see [`QuizPlan::sort_key`]).
    pub fn is_sort_key(key: &str) -> bool {
        key.starts_with("sort")
    }

    /// The one length a locked plan allows (what the start screen would preselect); `None`
    /// when the learner chooses.
    pub fn fixed_length(&self, available: usize) -> Option<Length> {
        self.locked.then(|| length_choices(available, self.requested).1)
    }

    /// What the start screen says about the limit on attempts after `started` were started.
    pub fn attempts_note(&self, started: u32) -> Option<String> {
        let max = self.max_attempts?;
        if started < max {
            Origin::Attempt(started + 1).label(Some(max))
        } else {
            Some(format!("All {max} attempts used"))
        }
    }

    /// Why no further attempt may start after `started` were started: the trainer's limit is
    /// reached. `None` while another attempt may start.
    pub fn limit_reached(&self, started: u32) -> Option<QuizError> {
        let max = self.max_attempts.filter(|&max| started >= max)?;
        Some(QuizError::NoAttemptsLeft { max })
    }
}

/// The lengths the start screen offers when `available` statements can be asked and the URL
/// asked for `requested`: the usual [`LENGTHS`] shorter than `available`, the requested one
/// first when it is not among them, and always all. Also returns the one preselected: the
/// requested length (all, if it asks for at least everything), else the first offered.
pub fn length_choices(available: usize, requested: Option<usize>) -> (Vec<Length>, Length) {
    let mut offered: Vec<Length> = LENGTHS
        .iter()
        .filter(|&&n| n < available)
        .map(|&n| Length::Count(n))
        .collect();
    if let Some(n) = requested.filter(|&n| n < available && !LENGTHS.contains(&n)) {
        offered.insert(0, Length::Count(n));
    }
    offered.push(Length::All);
    let chosen = match requested {
        Some(n) if n < available => Length::Count(n),
        Some(_) => Length::All,
        None => offered[0],
    };
    (offered, chosen)
}

/// Whether a quiz limited to the tags `only` (`None`: every tag) asks statements of `tag`.
fn asks(only: Option<&[Tag]>, tag: Tag) -> bool {
    only.is_none_or(|only| only.contains(&tag))
}

/// The length of the quiz "New quiz" starts after `last` under `plan`: the plan's length when
/// it is locked; else as long as `last` when that was an attempt shorter than the deck (the
/// learner's own choice); otherwise every statement.
pub fn next_length(last: Option<&Quiz>, deck: &Deck, plan: &QuizPlan) -> Length {
    if let Some(fixed) = plan.fixed_length(plan.available(deck)) {
        return fixed;
    }
    match last {
        Some(q) if q.origin.is_attempt() && q.items.len() < deck.statements.len() => Length::Count(q.items.len()),
        _ => Length::All,
    }
}

/// What the results say about how `quiz` counts, under the trainer's `grade` rule.
pub fn counting_note(quiz: &Quiz, grade: GradeRule) -> Option<String> {
    match quiz.origin {
        Origin::Practice(n) => Some(format!(
            "Practice on what you missed in attempt {n}: it is not graded, not reported and never your best score. Attempt {n}'s result stands."
        )),
        Origin::Attempt(n) if quiz.reporting == Reporting::Nothing && n > 1 => {
            Some("Only your first attempt counts, so this one was for practice and was not reported.".into())
        }
        Origin::Attempt(_) => grade.explained().map(String::from),
    }
}

/// How this quiz came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Attempt number `n` (from 1) at what the trainer configured.
    Attempt(u32),
    /// Practice on the missed questions of attempt `n`: never graded, never reported.
    Practice(u32),
}

impl Origin {
    /// How the quiz screen and the results name this quiz, when there is something to say:
    /// practice always; an attempt when it is not the first or a limit applies.
    pub fn label(self, max_attempts: Option<u32>) -> Option<String> {
        match (self, max_attempts) {
            (Origin::Practice(_), _) => Some("Practice \u{b7} not graded".into()),
            (Origin::Attempt(n), Some(max)) => Some(format!("Attempt {n} of {max}")),
            (Origin::Attempt(n), None) if n > 1 => Some(format!("Attempt {n}")),
            (Origin::Attempt(_), None) => None,
        }
    }

    pub fn is_attempt(self) -> bool {
        matches!(self, Origin::Attempt(_))
    }

    /// The attempt's number, or the number of the attempt practised.
    pub fn number(self) -> u32 {
        match self {
            Origin::Attempt(n) | Origin::Practice(n) => n,
        }
    }
}

/// One question: a statement of the deck and its correct tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// Index into `Deck::statements`.
    pub statement: usize,
    pub truth: Tag,
}

/// The learner's answer to one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    pub picked: Tag,
    pub correct: bool,
    /// Time from showing the question to answering it.
    pub duration_ms: u64,
}

/// Where the quiz is. `index` is a position in [`Quiz::items`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Showing question `index`, waiting for an answer; shown at `since_ms`.
    Asking { index: usize, since_ms: i64 },
    /// Question `index` is answered (its answer is `answers[index]`); feedback is showing.
    Answered { index: usize },
    /// Every question is answered.
    Finished { at_ms: i64 },
}

/// What the learner can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Pick { tag: Tag, at_ms: i64 },
    Next { at_ms: i64 },
}

/// Why a quiz could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuizError {
    /// The category filter leaves no statement to ask.
    NothingToAsk,
    /// Every attempt the trainer allows has been started.
    NoAttemptsLeft { max: u32 },
}

impl std::fmt::Display for QuizError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QuizError::NothingToAsk => write!(f, "no statement in this deck matches the chosen categories"),
            QuizError::NoAttemptsLeft { max: 1 } => write!(f, "You have used your one attempt at this quiz."),
            QuizError::NoAttemptsLeft { max } => write!(f, "You have used all {max} attempts at this quiz."),
        }
    }
}

/// A quiz session. See the module documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quiz {
    pub seed: u64,
    pub pass_mark: u8,
    pub origin: Origin,
    /// Number of categories of the deck (answers are tags below this).
    pub categories: usize,
    pub items: Rc<[Item]>,
    /// `answers[i]` answers `items[i]`; its length is the number answered so far.
    pub answers: Vec<Answer>,
    pub phase: Phase,
    pub started_ms: i64,
    /// The id of this attempt (the xAPI registration).
    pub registration: String,
    /// The key of the plan the attempt was made under (see [`QuizPlan::key`]).
    pub plan: String,
    pub reporting: Reporting,
}

/// Correct answers out of questions asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Score {
    pub correct: usize,
    pub total: usize,
}

impl Score {
    /// Whole percent, rounded half up; 0 for an empty score.
    pub fn percent(self) -> u8 {
        if self.total == 0 {
            return 0;
        }
        ((self.correct * 200 + self.total) / (self.total * 2)) as u8
    }

    /// Whether the exact ratio reaches `pass_mark` percent (no rounding in the learner's favour).
    pub fn passes(self, pass_mark: u8) -> bool {
        self.total > 0 && self.correct * 100 >= usize::from(pass_mark) * self.total
    }
}

/// The analysis shown on the results screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Results {
    pub score: Score,
    pub passed: bool,
    /// Per category (by tag index): questions whose true tag it is, and how many were right.
    pub per_category: Vec<Score>,
    /// `matrix[truth][picked]`: how often a statement of `truth` was answered `picked`.
    pub matrix: Vec<Vec<usize>>,
    /// Positions in `items` answered wrongly, in quiz order.
    pub missed: Vec<usize>,
    pub duration_ms: u64,
    pub best_streak: usize,
}

impl Results {
    /// Results with only a score and a verdict, for tests of what is reported about them.
    #[cfg(test)]
    pub fn scored(correct: usize, total: usize, passed: bool) -> Results {
        Results {
            score: Score { correct, total },
            passed,
            per_category: Vec::new(),
            matrix: Vec::new(),
            missed: Vec::new(),
            duration_ms: 0,
            best_streak: 0,
        }
    }

    /// The learner's most frequent mix-up: (right tag, tag given, how often). The first of
    /// equals in matrix order; `None` when every answer was right.
    pub fn worst_mix_up(&self) -> Option<(Tag, Tag, usize)> {
        let mut worst: Option<(Tag, Tag, usize)> = None;
        for (t, row) in self.matrix.iter().enumerate() {
            for (p, &n) in row.iter().enumerate() {
                if t != p && n > 0 && worst.is_none_or(|w| n > w.2) {
                    worst = Some((Tag(t as u8), Tag(p as u8), n));
                }
            }
        }
        worst
    }

    /// A one-line summary for sharing: deck, score, verdict, pass mark and where to play.
    pub fn share_text(&self, deck: &Deck, pass_mark: u8, url: &str) -> String {
        let verdict = if self.passed { "passed" } else { "not passed yet" };
        format!(
            "RoleCall \u{2013} {}: {} of {} correct ({}%), {verdict} (pass mark {pass_mark}%). {url}",
            deck.title,
            self.score.correct,
            self.score.total,
            self.score.percent()
        )
    }
}

impl Quiz {
    /// A fresh quiz over `deck` following `spec`, started at `now_ms`.
    pub fn new(deck: &Deck, spec: &QuizSpec, now_ms: i64) -> Result<Quiz, QuizError> {
        let mut items: Vec<Item> = deck
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| asks(spec.only.as_deref(), s.tag))
            .map(|(i, s)| Item {
                statement: i,
                truth: s.tag,
            })
            .collect();
        if items.is_empty() {
            return Err(QuizError::NothingToAsk);
        }
        SplitMix64::new(spec.seed).shuffle(&mut items);
        if let Length::Count(n) = spec.length {
            items.truncate(n.max(1));
        }
        Ok(Quiz {
            seed: spec.seed,
            pass_mark: spec.pass_mark.min(100),
            origin: spec.origin,
            categories: deck.categories.len(),
            items: items.into(),
            answers: Vec::new(),
            phase: Phase::Asking {
                index: 0,
                since_ms: now_ms,
            },
            started_ms: now_ms,
            registration: spec.registration.clone(),
            plan: spec.plan.clone(),
            reporting: spec.reporting,
        })
    }

    /// Practice on exactly the questions this one missed, in the same order; `None` if none
    /// were. Practice is never reported, and it practises the same attempt.
    pub fn retry_missed(&self, now_ms: i64, registration: String) -> Option<Quiz> {
        let items: Vec<Item> = self
            .items
            .iter()
            .zip(&self.answers)
            .filter(|(_, a)| !a.correct)
            .map(|(item, _)| *item)
            .collect();
        if items.is_empty() {
            return None;
        }
        Some(Quiz {
            origin: Origin::Practice(self.origin.number()),
            reporting: Reporting::Nothing,
            items: items.into(),
            answers: Vec::new(),
            phase: Phase::Asking {
                index: 0,
                since_ms: now_ms,
            },
            started_ms: now_ms,
            registration,
            ..self.clone()
        })
    }

    /// The next state after `action`, or `None` if the action does not apply now.
    pub fn apply(&self, action: Action) -> Option<Quiz> {
        match (self.phase, action) {
            (Phase::Asking { index, since_ms }, Action::Pick { tag, at_ms }) => {
                let item = self.items.get(index)?;
                if tag.index() >= self.categories || self.answers.len() != index {
                    return None;
                }
                let mut next = self.clone();
                next.answers.push(Answer {
                    picked: tag,
                    correct: tag == item.truth,
                    duration_ms: at_ms.saturating_sub(since_ms).max(0) as u64,
                });
                next.phase = Phase::Answered { index };
                Some(next)
            }
            (Phase::Answered { index }, Action::Next { at_ms }) => {
                let mut next = self.clone();
                next.phase = if index + 1 < self.items.len() {
                    Phase::Asking {
                        index: index + 1,
                        since_ms: at_ms,
                    }
                } else {
                    Phase::Finished { at_ms }
                };
                Some(next)
            }
            _ => None,
        }
    }

    /// The question on screen (asking or showing feedback), if any.
    pub fn current(&self) -> Option<(usize, Item)> {
        let index = match self.phase {
            Phase::Asking { index, .. } | Phase::Answered { index } => index,
            Phase::Finished { .. } => return None,
        };
        self.items.get(index).map(|item| (index, *item))
    }

    /// The answer given to the question on screen, once it is answered.
    pub fn current_answer(&self) -> Option<Answer> {
        match self.phase {
            Phase::Answered { index } => self.answers.get(index).copied(),
            _ => None,
        }
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Finished { .. })
    }

    /// Correct answers so far, out of the questions answered so far.
    pub fn running_score(&self) -> Score {
        Score {
            correct: self.answers.iter().filter(|a| a.correct).count(),
            total: self.answers.len(),
        }
    }

    /// Correct answers in a row, ending with the latest answer.
    pub fn streak(&self) -> usize {
        self.answers.iter().rev().take_while(|a| a.correct).count()
    }

    /// The full analysis; meaningful once finished, but defined at any point.
    pub fn results(&self) -> Results {
        let n = self.categories;
        let mut per_category = vec![Score::default(); n];
        let mut matrix = vec![vec![0; n]; n];
        let mut missed = Vec::new();
        let (mut best_streak, mut run) = (0, 0);
        for (i, (item, answer)) in self.items.iter().zip(&self.answers).enumerate() {
            let (t, p) = (item.truth.index(), answer.picked.index());
            if t < n && p < n {
                per_category[t].total += 1;
                matrix[t][p] += 1;
            }
            if answer.correct {
                if t < n {
                    per_category[t].correct += 1;
                }
                run += 1;
                best_streak = best_streak.max(run);
            } else {
                run = 0;
                missed.push(i);
            }
        }
        let score = Score {
            correct: self.answers.iter().filter(|a| a.correct).count(),
            total: self.items.len(),
        };
        let end = match self.phase {
            Phase::Finished { at_ms } => at_ms,
            _ => self.started_ms,
        };
        Results {
            score,
            passed: score.passes(self.pass_mark),
            per_category,
            matrix,
            missed,
            duration_ms: end.saturating_sub(self.started_ms).max(0) as u64,
            best_streak,
        }
    }

    /// The deck indices of the statements answered wrongly, in quiz order.
    pub fn missed_statements(&self) -> Vec<usize> {
        let wrong = self.items.iter().zip(&self.answers).filter(|(_, a)| !a.correct);
        wrong.map(|(item, _)| item.statement).collect()
    }

    /// Restarts the clock of the question on screen, as after a reload: time away is not
    /// counted as time spent answering.
    pub fn resumed(&self, now_ms: i64) -> Quiz {
        let mut next = self.clone();
        if let Phase::Asking { index, .. } = self.phase {
            next.phase = Phase::Asking {
                index,
                since_ms: now_ms,
            };
        }
        next
    }

    /// The storable form of this quiz (statements and tags by id).
    pub fn save(&self, deck: &Deck) -> SavedQuiz {
        let id_of = |i: usize| deck.statements.get(i).map(|s| s.id.to_string()).unwrap_or_default();
        let tag_of = |t: Tag| deck.category(t).map(|c| c.id.clone()).unwrap_or_default();
        SavedQuiz {
            seed: self.seed,
            pass_mark: self.pass_mark,
            retry: !self.origin.is_attempt(),
            attempt: self.origin.number(),
            plan: self.plan.clone(),
            report: self.reporting.as_str().to_string(),
            items: self.items.iter().map(|item| id_of(item.statement)).collect(),
            answers: self
                .answers
                .iter()
                .map(|a| SavedAnswer {
                    tag: tag_of(a.picked),
                    ms: a.duration_ms,
                })
                .collect(),
            answered: matches!(self.phase, Phase::Answered { .. } | Phase::Finished { .. }),
            started: self.started_ms,
            ended: match self.phase {
                Phase::Finished { at_ms } => at_ms,
                _ => 0,
            },
            registration: self.registration.clone(),
        }
    }

    /// Rebuilds a saved quiz against `deck`, checking every part. `None` if it does not fit
    /// (for example, the deck has changed since it was saved).
    pub fn restore(deck: &Deck, saved: &SavedQuiz, now_ms: i64) -> Option<Quiz> {
        let index = deck.index();
        // Plain loops rather than collecting `Option`s, which costs an adapter per item type.
        let mut items: Vec<Item> = Vec::with_capacity(saved.items.len());
        for id in &saved.items {
            let &i = index.get(id.as_str())?;
            items.push(Item {
                statement: i,
                truth: deck.statements[i].tag,
            });
        }
        if items.is_empty() || saved.answers.len() > items.len() {
            return None;
        }
        // Correctness is recomputed from the deck rather than trusted from storage.
        let mut answers: Vec<Answer> = Vec::with_capacity(saved.answers.len());
        for (a, item) in saved.answers.iter().zip(items.iter()) {
            let picked = deck.tag_by_id(&a.tag)?;
            answers.push(Answer {
                picked,
                correct: picked == item.truth,
                duration_ms: a.ms,
            });
        }
        let phase = match (answers.len(), saved.answered) {
            (0, _) => Phase::Asking {
                index: 0,
                since_ms: now_ms,
            },
            // A finished quiz keeps its end. Without one, the last answer's feedback was
            // showing: Next finishes (and records) the quiz.
            (k, true) if k == items.len() && saved.ended > 0 => Phase::Finished { at_ms: saved.ended },
            (k, true) => Phase::Answered { index: k - 1 },
            (k, false) if k == items.len() => Phase::Finished { at_ms: now_ms },
            (k, false) => Phase::Asking {
                index: k,
                since_ms: now_ms,
            },
        };
        Some(Quiz {
            seed: saved.seed,
            pass_mark: saved.pass_mark.min(100),
            // Quizzes saved before attempts were numbered are attempt 1.
            origin: if saved.retry {
                Origin::Practice(saved.attempt.max(1))
            } else {
                Origin::Attempt(saved.attempt.max(1))
            },
            categories: deck.categories.len(),
            items: items.into(),
            answers,
            phase,
            started_ms: saved.started,
            registration: saved.registration.clone(),
            plan: saved.plan.clone(),
            // An unknown value reports nothing rather than something that should not count.
            reporting: match (saved.retry, saved.report.as_str()) {
                (true, _) => Reporting::Nothing,
                (false, "") => Reporting::Everything,
                (false, r) => Reporting::parse(r).unwrap_or(Reporting::Nothing),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::tests::sample_deck;

    fn spec(length: Length, seed: u64) -> QuizSpec {
        QuizSpec {
            length,
            seed,
            only: None,
            pass_mark: DEFAULT_PASS_MARK,
            registration: "reg".into(),
            origin: Origin::Attempt(1),
            plan: "quiz;pass=70".into(),
            reporting: Reporting::Everything,
        }
    }

    /// Plays a whole quiz, answering each question with `choose(truth)`.
    fn play(quiz: &Quiz, choose: impl Fn(Tag) -> Tag) -> Quiz {
        let mut q = quiz.clone();
        let mut t = q.started_ms;
        while let Some((_, item)) = q.current() {
            t += 1000;
            q = q
                .apply(Action::Pick {
                    tag: choose(item.truth),
                    at_ms: t,
                })
                .unwrap();
            t += 500;
            q = q.apply(Action::Next { at_ms: t }).unwrap();
        }
        q
    }

    #[test]
    fn same_seed_same_order_different_seed_different_order() {
        let deck = crate::core::deck::Deck::builtin().unwrap();
        let a = Quiz::new(&deck, &spec(Length::All, 42), 0).unwrap();
        let b = Quiz::new(&deck, &spec(Length::All, 42), 99).unwrap();
        let c = Quiz::new(&deck, &spec(Length::All, 43), 0).unwrap();
        assert_eq!(a.items, b.items);
        assert_ne!(a.items, c.items);
        assert_eq!(a.items.len(), deck.statements.len());
    }

    #[test]
    fn lengths_and_filters() {
        let deck = sample_deck();
        let rows = [
            (Length::Count(2), None, 2),
            (Length::Count(10), None, 3),
            (Length::Count(0), None, 1),
            (Length::All, None, 3),
            (Length::All, Some(vec![Tag(1)]), 1),
            (Length::All, Some(vec![Tag(0), Tag(2)]), 2),
        ];
        for (length, only, want) in rows {
            let q = Quiz::new(
                &deck,
                &QuizSpec {
                    only: only.clone(),
                    ..spec(length, 1)
                },
                0,
            )
            .unwrap();
            assert_eq!(q.items.len(), want, "{length:?} {only:?}");
            if let Some(only) = &only {
                assert!(q.items.iter().all(|i| only.contains(&i.truth)));
            }
        }
        let none = Quiz::new(
            &deck,
            &QuizSpec {
                only: Some(vec![]),
                ..spec(Length::All, 1)
            },
            0,
        );
        assert_eq!(none, Err(QuizError::NothingToAsk));
    }

    /// Every (phase, action) pair: which ones apply and what they lead to.
    #[test]
    fn transitions() {
        let deck = sample_deck();
        let q0 = Quiz::new(&deck, &spec(Length::Count(2), 5), 1_000).unwrap();
        let truth0 = q0.items[0].truth;
        let wrong = Tag((truth0.0 + 1) % 3);

        // Asking: Next does nothing, an out-of-range tag does nothing, a pick records.
        assert_eq!(q0.apply(Action::Next { at_ms: 2_000 }), None);
        assert_eq!(
            q0.apply(Action::Pick {
                tag: Tag(3),
                at_ms: 2_000
            }),
            None
        );
        let q1 = q0
            .apply(Action::Pick {
                tag: wrong,
                at_ms: 4_270,
            })
            .unwrap();
        assert_eq!(q1.phase, Phase::Answered { index: 0 });
        assert_eq!(
            q1.answers,
            vec![Answer {
                picked: wrong,
                correct: false,
                duration_ms: 3_270
            }]
        );
        assert_eq!(q1.current_answer(), Some(q1.answers[0]));

        // Answered: a second pick does nothing; Next moves on and restarts the clock.
        assert_eq!(
            q1.apply(Action::Pick {
                tag: truth0,
                at_ms: 5_000
            }),
            None
        );
        let q2 = q1.apply(Action::Next { at_ms: 6_000 }).unwrap();
        assert_eq!(
            q2.phase,
            Phase::Asking {
                index: 1,
                since_ms: 6_000
            }
        );
        assert_eq!(q2.current_answer(), None);

        let truth1 = q2.items[1].truth;
        let q3 = q2
            .apply(Action::Pick {
                tag: truth1,
                at_ms: 6_500,
            })
            .unwrap();
        assert_eq!(q3.answers[1].duration_ms, 500);
        let q4 = q3.apply(Action::Next { at_ms: 7_000 }).unwrap();
        assert_eq!(q4.phase, Phase::Finished { at_ms: 7_000 });
        assert!(q4.is_finished());
        assert_eq!(q4.current(), None);

        // Finished: nothing applies.
        assert_eq!(q4.apply(Action::Next { at_ms: 8_000 }), None);
        assert_eq!(
            q4.apply(Action::Pick {
                tag: truth1,
                at_ms: 8_000
            }),
            None
        );

        let r = q4.results();
        assert_eq!(r.score, Score { correct: 1, total: 2 });
        assert_eq!(r.duration_ms, 6_000);
        assert_eq!(r.missed, vec![0]);
    }

    #[test]
    fn a_clock_going_backwards_gives_zero_duration() {
        let deck = sample_deck();
        let q = Quiz::new(&deck, &spec(Length::All, 1), 10_000).unwrap();
        let q = q
            .apply(Action::Pick {
                tag: Tag(0),
                at_ms: 5_000,
            })
            .unwrap();
        assert_eq!(q.answers[0].duration_ms, 0);
    }

    #[test]
    fn scoring_matrix_and_categories() {
        let deck = crate::core::deck::Deck::builtin().unwrap();
        let quiz = Quiz::new(&deck, &spec(Length::All, 7), 0).unwrap();
        // Always answer "devops" (tag 0).
        let done = play(&quiz, |_| Tag(0));
        let r = done.results();
        let total = deck.statements.len();
        let devops = deck.statements.iter().filter(|s| s.tag == Tag(0)).count();
        assert_eq!(r.score, Score { correct: devops, total });
        assert_eq!(r.matrix.iter().flatten().sum::<usize>(), total);
        for t in 0..3 {
            let of_t = deck.statements.iter().filter(|s| s.tag.index() == t).count();
            assert_eq!(r.matrix[t][0], of_t, "everything answered devops");
            assert_eq!(r.per_category[t].total, of_t);
            assert_eq!(r.per_category[t].correct, if t == 0 { of_t } else { 0 });
        }
        assert_eq!(r.missed.len(), total - devops);
        assert!(!r.passed);

        let perfect = play(&quiz, |t| t).results();
        assert_eq!(perfect.score.percent(), 100);
        assert!(perfect.passed);
        assert!(perfect.missed.is_empty());
        assert_eq!(perfect.best_streak, total);
    }

    #[test]
    fn percent_and_pass_mark() {
        for (correct, total, pct, pass70) in [
            (0, 0, 0, false),
            (7, 10, 70, true),
            (69, 100, 69, false),
            (2, 3, 67, false),
            (1, 3, 33, false),
            (1, 8, 13, false),
            (10, 10, 100, true),
            (27, 38, 71, true),
        ] {
            let s = Score { correct, total };
            assert_eq!(s.percent(), pct, "{correct}/{total}");
            assert_eq!(s.passes(70), pass70, "{correct}/{total}");
        }
        assert!(Score { correct: 0, total: 5 }.passes(0));
        assert!(!Score { correct: 4, total: 5 }.passes(100));
    }

    #[test]
    fn streaks() {
        let deck = sample_deck();
        let q = Quiz::new(&deck, &spec(Length::All, 3), 0).unwrap();
        let mut cur = q.clone();
        let mut streaks = vec![];
        for right in [true, true, false] {
            let (_, item) = cur.current().unwrap();
            let tag = if right { item.truth } else { Tag((item.truth.0 + 1) % 3) };
            cur = cur.apply(Action::Pick { tag, at_ms: 1 }).unwrap();
            streaks.push(cur.streak());
            cur = cur.apply(Action::Next { at_ms: 2 }).unwrap();
        }
        assert_eq!(streaks, vec![1, 2, 0]);
        assert_eq!(cur.results().best_streak, 2);
    }

    #[test]
    fn retry_missed_has_exactly_the_missed() {
        let deck = crate::core::deck::Deck::builtin().unwrap();
        let quiz = Quiz::new(&deck, &spec(Length::Count(20), 11), 0).unwrap();
        let done = play(&quiz, |_| Tag(1));
        let retry = done.retry_missed(50, "r2".into()).unwrap();
        let missed: Vec<Item> = done.results().missed.iter().map(|&i| done.items[i]).collect();
        assert_eq!(&*retry.items, &missed[..]);
        assert_eq!(retry.origin, Origin::Practice(1), "practice on attempt 1");
        assert_eq!(retry.reporting, Reporting::Nothing, "practice is never reported");
        assert!(retry.answers.is_empty());
        assert!(play(&quiz, |t| t).retry_missed(0, String::new()).is_none());
    }

    #[test]
    fn save_and_restore_each_phase() {
        let deck = sample_deck();
        let q0 = Quiz::new(&deck, &spec(Length::All, 9), 100).unwrap();
        let t = |q: &Quiz| q.current().unwrap().1.truth;
        let q1 = q0
            .apply(Action::Pick {
                tag: t(&q0),
                at_ms: 600,
            })
            .unwrap();
        let q2 = q1.apply(Action::Next { at_ms: 700 }).unwrap();
        let q3 = q2
            .apply(Action::Pick {
                tag: Tag((t(&q2).0 + 1) % 3),
                at_ms: 900,
            })
            .unwrap();
        for q in [&q0, &q1, &q2, &q3] {
            let back = Quiz::restore(&deck, &q.save(&deck), 5_000).unwrap();
            assert_eq!(back, q.resumed(5_000), "{:?}", q.phase);
        }
        let mut done = q3.clone();
        while let Some(next) = done.apply(Action::Next { at_ms: 1_000 }).or_else(|| {
            done.current().and_then(|(_, i)| {
                done.apply(Action::Pick {
                    tag: i.truth,
                    at_ms: 1_000,
                })
            })
        }) {
            done = next;
        }
        assert!(Quiz::restore(&deck, &done.save(&deck), 5_000).unwrap().is_finished());
    }

    #[test]
    fn restore_rejects_what_does_not_fit() {
        let deck = sample_deck();
        let good = Quiz::new(&deck, &spec(Length::All, 9), 100).unwrap().save(&deck);
        type Edit = fn(&mut SavedQuiz);
        let rows: Vec<(&str, Edit)> = vec![
            ("unknown statement", |s| s.items[0] = "gone".into()),
            ("no items", |s| s.items.clear()),
            ("unknown tag", |s| {
                s.answers = vec![SavedAnswer {
                    tag: "ops".into(),
                    ms: 1,
                }]
            }),
            ("too many answers", |s| {
                s.answers = vec![
                    SavedAnswer {
                        tag: "devops".into(),
                        ms: 1
                    };
                    4
                ]
            }),
        ];
        for (name, edit) in rows {
            let mut s = good.clone();
            edit(&mut s);
            assert_eq!(Quiz::restore(&deck, &s, 0), None, "{name}");
        }
    }

    #[test]
    fn resumed_restarts_only_the_question_clock() {
        let deck = sample_deck();
        let q = Quiz::new(&deck, &spec(Length::All, 1), 0).unwrap();
        assert_eq!(
            q.resumed(9_000).phase,
            Phase::Asking {
                index: 0,
                since_ms: 9_000
            }
        );
        let answered = q.apply(Action::Pick { tag: Tag(0), at_ms: 5 }).unwrap();
        assert_eq!(answered.resumed(9_000), answered);
    }

    #[test]
    fn lengths_offered_on_the_start_screen() {
        use Length::{All, Count};
        // (available, requested, offered, preselected)
        let rows: [(usize, Option<usize>, &[Length], Length); 7] = [
            (45, None, &[Count(10), Count(20), All], Count(10)),
            (45, Some(20), &[Count(10), Count(20), All], Count(20)),
            (45, Some(5), &[Count(5), Count(10), Count(20), All], Count(5)),
            (45, Some(45), &[Count(10), Count(20), All], All),
            (45, Some(10_000), &[Count(10), Count(20), All], All),
            (15, None, &[Count(10), All], Count(10)),
            (8, Some(3), &[Count(3), All], Count(3)),
        ];
        for (available, requested, offered, chosen) in rows {
            assert_eq!(
                length_choices(available, requested),
                (offered.to_vec(), chosen),
                "{available} {requested:?}"
            );
        }
        assert_eq!(
            length_choices(10, None),
            (vec![All], All),
            "10 is not shorter than everything"
        );
    }

    #[test]
    fn the_worst_mix_up_and_the_shared_summary() {
        let deck = sample_deck();
        let with = |matrix: Vec<Vec<usize>>| Results {
            score: Score { correct: 3, total: 4 },
            passed: true,
            per_category: vec![],
            matrix,
            missed: vec![],
            duration_ms: 0,
            best_streak: 0,
        };
        let r = with(vec![vec![5, 1, 0], vec![3, 2, 0], vec![0, 2, 4]]);
        assert_eq!(r.worst_mix_up(), Some((Tag(1), Tag(0), 3)));
        assert_eq!(with(vec![vec![2, 0], vec![0, 3]]).worst_mix_up(), None);
        assert_eq!(
            with(vec![vec![0, 2], vec![2, 0]]).worst_mix_up(),
            Some((Tag(0), Tag(1), 2)),
            "the first of equals"
        );
        assert_eq!(
            r.share_text(&deck, 70, "https://x.example/"),
            format!(
                "RoleCall \u{2013} {}: 3 of 4 correct (75%), passed (pass mark 70%). https://x.example/",
                deck.title
            )
        );
        let failed = Results { passed: false, ..r };
        assert!(failed
            .share_text(&deck, 80, "u")
            .contains("75%), not passed yet (pass mark 80%). u"));
    }

    #[test]
    fn what_learners_are_told_about_attempts() {
        assert_eq!(Origin::Attempt(1).label(None), None);
        assert_eq!(Origin::Attempt(2).label(None).as_deref(), Some("Attempt 2"));
        assert_eq!(Origin::Attempt(1).label(Some(3)).as_deref(), Some("Attempt 1 of 3"));
        assert_eq!(
            Origin::Practice(2).label(Some(3)).as_deref(),
            Some("Practice \u{b7} not graded")
        );
        let plan = QuizPlan {
            max_attempts: Some(2),
            ..QuizPlan::default()
        };
        assert_eq!(plan.attempts_note(1).as_deref(), Some("Attempt 2 of 2"));
        assert_eq!(plan.attempts_note(2).as_deref(), Some("All 2 attempts used"));
        assert_eq!(QuizPlan::default().attempts_note(5), None);
        assert_eq!(
            QuizError::NoAttemptsLeft { max: 1 }.to_string(),
            "You have used your one attempt at this quiz."
        );
        let deck = sample_deck();
        let quiz = |origin, reporting| Quiz {
            origin,
            reporting,
            ..Quiz::new(&deck, &spec(Length::All, 1), 0).unwrap()
        };
        let practice = counting_note(&quiz(Origin::Practice(2), Reporting::Nothing), GradeRule::All).unwrap();
        assert!(practice.contains("not graded, not reported") && practice.contains("Attempt 2's result stands"));
        assert_eq!(
            counting_note(&quiz(Origin::Attempt(2), Reporting::Nothing), GradeRule::First).as_deref(),
            Some("Only your first attempt counts, so this one was for practice and was not reported.")
        );
        assert_eq!(
            counting_note(&quiz(Origin::Attempt(1), Reporting::Everything), GradeRule::First).as_deref(),
            Some("Your first attempt is the one that counts.")
        );
        assert_eq!(
            counting_note(&quiz(Origin::Attempt(3), Reporting::Everything), GradeRule::All),
            None
        );
    }

    #[test]
    fn a_locked_plan_has_one_length() {
        let plan = QuizPlan {
            requested: Some(5),
            locked: true,
            ..QuizPlan::default()
        };
        assert_eq!(plan.fixed_length(45), Some(Length::Count(5)));
        assert_eq!(plan.fixed_length(3), Some(Length::All));
        let unlocked = QuizPlan {
            locked: false,
            ..plan.clone()
        };
        assert_eq!(unlocked.fixed_length(45), None);
        assert_eq!(
            QuizPlan {
                requested: None,
                ..plan
            }
            .fixed_length(45),
            Some(Length::Count(10)),
            "the usual first choice"
        );
    }
}
