//! Progress kept by the LMS: the compact, versioned text RoleCall writes to `cmi.suspend_data`.
//!
//! An LMS keeps a few kilobytes for a learning object between launches (SCORM 1.2 allows 4,096
//! characters), which is where a learner's place must live when the app runs in a cross-site
//! frame whose storage the browser blocks, or on another device. The text holds, for the deck
//! in use: the unfinished quiz, every card's schedule, and the attempts started per plan.
//!
//! ```text
//! R1|<deck fingerprint>|<quiz>|<new day>,<new today>|<cards>|<attempts>
//! ```
//! Numbers are base 36. Statements are referred to by their position in the deck, which the
//! fingerprint (a hash of the deck's id and statement ids, in order) pins: text written for
//! another deck, or another edition of it, is refused rather than misread. Times are kept to the
//! second and FSRS values to four decimals. The built-in deck, with every card studied and a
//! quiz of all its statements unfinished, takes about 2,250 characters.
//!
//! [`encode`] never returns text over the limit it is given: it keeps the quiz, then drops the
//! cards reviewed longest ago, and says how much it dropped. [`decode`] checks every field and
//! refuses, with a reason, text it did not write or written by a newer version.

use super::cards::{CardState, DeckCards, Phase};
use super::config::{percent_decode, percent_encode};
use super::deck::Deck;
use super::progress::{DeckProgress, SavedAnswer, SavedQuiz};
use super::quiz::Reporting;
use std::collections::BTreeMap;

/// The version this code writes.
const VERSION: &str = "R1";

/// What the LMS keeps for the deck in use.
#[derive(Clone, Debug, PartialEq)]
pub struct Suspended {
    pub quiz: Option<SavedQuiz>,
    pub cards: DeckCards,
    /// Attempts started, by plan key.
    pub attempts: BTreeMap<String, u32>,
}

/// The text to write, and what had to be left out to fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    pub text: String,
    /// Card schedules left out, the oldest reviews first.
    pub dropped_cards: usize,
    /// The unfinished quiz alone did not fit.
    pub dropped_quiz: bool,
}

/// Why suspend data could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuspendError {
    /// Written by something else, or damaged.
    Unreadable(String),
    /// Written by a newer RoleCall: it must not be overwritten.
    Newer(String),
    /// Written for another deck, or another edition of this one.
    OtherDeck,
}

impl std::fmt::Display for SuspendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SuspendError::Unreadable(why) => write!(f, "the progress your LMS holds is not RoleCall's ({why})"),
            SuspendError::Newer(v) => write!(
                f,
                "the progress your LMS holds was saved by a newer version of RoleCall ({v})"
            ),
            SuspendError::OtherDeck => write!(f, "the progress your LMS holds is for another edition of this deck"),
        }
    }
}

/// A short hash of the deck's identity and statement order.
pub fn fingerprint(deck: &Deck) -> String {
    // FNV-1a, 32 bits: stable across builds and platforms, unlike the standard hasher.
    let mut h: u32 = 0x811c_9dc5;
    let ids = std::iter::once(deck.id.as_str()).chain(deck.statements.iter().map(|s| s.id.as_str()));
    for id in ids {
        for b in id.bytes().chain([b'\n']) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    }
    b36(i64::from(h))
}

/// Encodes `progress` on `deck` in at most `limit` characters.
pub fn encode(deck: &Deck, progress: &DeckProgress, limit: usize) -> Encoded {
    let index = deck.index();
    let quiz = progress
        .quiz
        .as_ref()
        .and_then(|q| quiz_text(deck, &index, q))
        .unwrap_or_default();
    let day = format!(
        "{},{}",
        b36(progress.cards.new_day),
        b36(i64::from(progress.cards.new_today))
    );
    // Oldest reviews first, so that trimming drops from the front.
    let mut cards: Vec<(i64, String)> = progress
        .cards
        .cards
        .iter()
        .filter_map(|(id, state)| Some((state.last_review, card_text(*index.get(id.as_str())?, state))))
        .collect();
    cards.sort();
    let attempts: Vec<String> = progress
        .attempts
        .iter()
        .filter(|(_, a)| a.started > 0)
        .map(|(plan, a)| format!("{}={}", percent_encode(plan), b36(i64::from(a.started))))
        .collect();
    let attempts = attempts.join(";");
    let head = format!("{VERSION}|{}|", fingerprint(deck));
    let fixed = |quiz: &str| head.len() + quiz.len() + 1 + day.len() + 1 + 1 + attempts.len();
    let (quiz, dropped_quiz) = if fixed(&quiz) <= limit || quiz.is_empty() {
        (quiz, false)
    } else {
        (String::new(), true)
    };
    let mut room = limit.saturating_sub(fixed(&quiz));
    // Keep the newest cards that fit: walk from the newest, stop at the first that does not.
    let mut kept = 0;
    for (_, text) in cards.iter().rev() {
        let cost = text.len() + usize::from(kept > 0);
        if cost > room {
            break;
        }
        room -= cost;
        kept += 1;
    }
    let dropped_cards = cards.len() - kept;
    let cards: Vec<&str> = cards[dropped_cards..].iter().map(|(_, t)| t.as_str()).collect();
    let mut text = format!("{head}{quiz}|{day}|{}|{attempts}", cards.join(";"));
    if text.len() > limit {
        // Only a limit smaller than the header can get here: write nothing rather than too much.
        text.clear();
    }
    Encoded {
        text,
        dropped_cards,
        dropped_quiz,
    }
}

/// Reads suspend data written by [`encode`] for `deck`. Empty text is `Ok(None)`.
pub fn decode(deck: &Deck, text: &str) -> Result<Option<Suspended>, SuspendError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let bad = |why: &str| SuspendError::Unreadable(why.to_string());
    let parts: Vec<&str> = text.split('|').collect();
    let version = parts[0];
    if version != VERSION {
        let newer = version
            .strip_prefix('R')
            .and_then(|v| v.parse::<u32>().ok())
            .is_some_and(|v| v > 1);
        return Err(if newer {
            SuspendError::Newer(version.chars().take(8).collect())
        } else {
            bad("it does not start as RoleCall's does")
        });
    }
    let [_, fp, quiz, day, cards, attempts] = parts[..] else {
        return Err(bad("it does not have RoleCall's six parts"));
    };
    if fp != fingerprint(deck) {
        return Err(SuspendError::OtherDeck);
    }
    let quiz = if quiz.is_empty() {
        None
    } else {
        Some(read_quiz(deck, quiz).ok_or_else(|| bad("its unfinished quiz is damaged"))?)
    };
    let (new_day, new_today) = day.split_once(',').ok_or_else(|| bad("its day count is damaged"))?;
    let mut deck_cards = DeckCards {
        cards: BTreeMap::new(),
        new_day: num(new_day).ok_or_else(|| bad("its day count is damaged"))?,
        new_today: num(new_today)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| bad("its day count is damaged"))?,
    };
    for record in cards.split(';').filter(|r| !r.is_empty()) {
        let (i, state) = read_card(record).ok_or_else(|| bad("a card's schedule is damaged"))?;
        let id = deck
            .statements
            .get(i)
            .ok_or_else(|| bad("a card is not in the deck"))?
            .id
            .to_string();
        deck_cards.cards.insert(id, state);
    }
    let mut started = BTreeMap::new();
    for record in attempts.split(';').filter(|r| !r.is_empty()) {
        let (plan, n) = record
            .split_once('=')
            .ok_or_else(|| bad("its attempt count is damaged"))?;
        let n = num(n)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| bad("its attempt count is damaged"))?;
        started.insert(percent_decode(plan), n);
    }
    Ok(Some(Suspended {
        quiz,
        cards: deck_cards,
        attempts: started,
    }))
}

impl Suspended {
    /// Brings what the LMS keeps into the progress kept in this browser: the LMS's unfinished
    /// quiz is the one to resume; each card keeps its latest review, whichever side has it; an
    /// attempt count keeps the higher number.
    pub fn merge_into(self, progress: &mut DeckProgress) {
        progress.quiz = self.quiz;
        for (id, state) in self.cards.cards {
            let newer = progress
                .cards
                .cards
                .get(&id)
                .is_none_or(|here| here.last_review < state.last_review);
            if newer {
                progress.cards.cards.insert(id, state);
            }
        }
        if self.cards.new_day > progress.cards.new_day {
            progress.cards.new_day = self.cards.new_day;
            progress.cards.new_today = self.cards.new_today;
        } else if self.cards.new_day == progress.cards.new_day {
            progress.cards.new_today = progress.cards.new_today.max(self.cards.new_today);
        }
        for (plan, n) in self.attempts {
            let here = progress.attempts.entry(plan).or_default();
            here.started = here.started.max(n);
        }
    }
}

fn quiz_text(deck: &Deck, index: &std::collections::HashMap<String, usize>, q: &SavedQuiz) -> Option<String> {
    let items: Option<Vec<String>> = q.items.iter().map(|id| index.get(id).map(|&i| b36(i as i64))).collect();
    let answers: Option<Vec<String>> = q
        .answers
        .iter()
        .map(|a| {
            let tag = deck.tag_by_id(&a.tag)?;
            Some(format!("{}{}", b36(tag.index() as i64), b36(i64::try_from(a.ms).ok()?)))
        })
        .collect();
    let flags = u8::from(q.retry) | u8::from(q.answered) << 1;
    let report = match Reporting::parse(&q.report) {
        Some(Reporting::Nothing) => "n",
        Some(Reporting::ResultIfBest) => "b",
        _ => "a",
    };
    Some(format!(
        "{},{},{flags},{},{},{report},{},{},{},{}",
        b36u(q.seed),
        q.pass_mark,
        b36(q.started),
        b36(i64::from(q.attempt)),
        percent_encode(&q.registration),
        percent_encode(&q.plan),
        items?.join("."),
        answers?.join(".")
    ))
}

fn read_quiz(deck: &Deck, text: &str) -> Option<SavedQuiz> {
    let f: Vec<&str> = text.split(',').collect();
    let [seed, pass, flags, started, attempt, report, registration, plan, items, answers] = f[..] else {
        return None;
    };
    let flags: u8 = flags.parse().ok().filter(|f| *f < 4)?;
    let mut ids = Vec::new();
    for i in items.split('.') {
        ids.push(deck.statements.get(usize::try_from(num(i)?).ok()?)?.id.to_string());
    }
    let mut saved_answers = Vec::new();
    for a in answers.split('.').filter(|a| !a.is_empty()) {
        let (cat, ms) = a.split_at_checked(1)?;
        let category = deck.categories.get(usize::try_from(num(cat)?).ok()?)?;
        saved_answers.push(SavedAnswer {
            tag: category.id.clone(),
            ms: u64::try_from(num(ms)?).ok()?,
        });
    }
    Some(SavedQuiz {
        seed: unum(seed)?,
        pass_mark: pass.parse().ok().filter(|p| *p <= 100)?,
        retry: flags & 1 == 1,
        items: ids,
        answers: saved_answers,
        answered: flags & 2 == 2,
        started: num(started)?,
        ended: 0,
        registration: percent_decode(registration),
        attempt: u32::try_from(num(attempt)?).ok()?,
        plan: percent_decode(plan),
        report: match report {
            "n" => "none",
            "b" => "best",
            "a" => "all",
            _ => return None,
        }
        .to_string(),
    })
}

fn card_text(i: usize, s: &CardState) -> String {
    let phase = match s.phase {
        Phase::Learning => 'l',
        Phase::Review => 'r',
        Phase::Relearning => 'x',
    };
    format!(
        "{},{},{},{},{},{},{},{},{phase},{}",
        b36(i as i64),
        b36(s.due.div_euclid(1000)),
        short(s.stability),
        short(s.difficulty),
        b36(s.elapsed_days),
        b36(s.scheduled_days),
        b36(i64::from(s.reps)),
        b36(i64::from(s.lapses)),
        b36(s.last_review.div_euclid(1000)),
    )
}

fn read_card(text: &str) -> Option<(usize, CardState)> {
    let f: Vec<&str> = text.split(',').collect();
    let [i, due, stability, difficulty, elapsed, scheduled, reps, lapses, phase, last] = f[..] else {
        return None;
    };
    let state = CardState {
        due: num(due)?.checked_mul(1000)?,
        stability: stability.parse().ok()?,
        difficulty: difficulty.parse().ok()?,
        elapsed_days: num(elapsed)?,
        scheduled_days: num(scheduled)?,
        reps: u32::try_from(num(reps)?).ok()?,
        lapses: u32::try_from(num(lapses)?).ok()?,
        phase: match phase {
            "l" => Phase::Learning,
            "r" => Phase::Review,
            "x" => Phase::Relearning,
            _ => return None,
        },
        last_review: num(last)?.checked_mul(1000)?,
    };
    state.is_plausible().then_some((usize::try_from(num(i)?).ok()?, state))
}

/// A number in base 36 (lower case), with a leading `-` when negative.
fn b36(n: i64) -> String {
    let digits = b36u(n.unsigned_abs());
    if n < 0 {
        format!("-{digits}")
    } else {
        digits
    }
}

/// An unsigned number in base 36 (lower case).
fn b36u(mut v: u64) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((v % 36) as u32, 36).unwrap_or('0'));
        v /= 36;
        if v == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

/// Reads [`b36u`].
fn unum(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 13 || !s.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_lowercase()) {
        return None;
    }
    u64::from_str_radix(s, 36).ok()
}

/// Reads [`b36`]; `None` for anything else (upper case, signs other than a leading `-`).
fn num(s: &str) -> Option<i64> {
    let (neg, digits) = s.strip_prefix('-').map_or((false, s), |d| (true, d));
    let v = i64::try_from(unum(digits)?).ok()?;
    Some(if neg { -v } else { v })
}

/// A value to four decimals, without trailing zeros.
fn short(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cards::schedule;
    use crate::core::cards::Grade;
    use crate::core::progress::PlanAttempts;

    fn deck() -> Deck {
        Deck::builtin().unwrap()
    }

    /// The heaviest progress the built-in deck can have: every card studied, with long
    /// histories, and a quiz of every statement half answered.
    fn full(deck: &Deck) -> DeckProgress {
        let mut p = DeckProgress::default();
        let day = 86_400_000;
        for (i, s) in deck.statements.iter().enumerate() {
            let mut state = None;
            for k in 0..8 {
                let grade = [Grade::Good, Grade::Easy, Grade::Hard, Grade::Again][(i + k) % 4];
                state = Some(schedule(
                    state.as_ref(),
                    grade,
                    1_700_000_000_000 + (k as i64) * 9 * day + i as i64 * 1000,
                ));
            }
            p.cards.cards.insert(s.id.to_string(), state.unwrap());
        }
        p.cards.new_day = 19_700;
        p.cards.new_today = 12;
        let items: Vec<String> = deck.statements.iter().rev().map(|s| s.id.to_string()).collect();
        let answers = items
            .iter()
            .take(22)
            .enumerate()
            .map(|(k, _)| SavedAnswer {
                tag: deck.categories[k % 3].id.clone(),
                ms: 3_000 + k as u64 * 997,
            })
            .collect();
        p.quiz = Some(SavedQuiz {
            seed: u64::MAX - 7,
            pass_mark: 80,
            retry: false,
            items,
            answers,
            answered: true,
            started: 1_700_000_123_456,
            ended: 0,
            registration: "6f1c2e4a-93b1-4c55-8d2e-0b7a1f3c9d10".into(),
            attempt: 3,
            plan: "quiz;n=10000;seed=7;pass=80;lock".into(),
            report: "best".into(),
        });
        p.attempts.insert(
            "quiz;n=10000;seed=7;pass=80;lock".into(),
            PlanAttempts { started: 3, best: None },
        );
        p.attempts.insert(
            "quiz;pass=80".into(),
            PlanAttempts {
                started: 41,
                best: None,
            },
        );
        p
    }

    #[test]
    fn the_builtin_deck_fits_scorm_12_with_room_to_spare() {
        let d = deck();
        let p = full(&d);
        let e = encode(&d, &p, 4096);
        assert_eq!((e.dropped_cards, e.dropped_quiz), (0, false));
        assert!(e.text.len() < 3000, "{} characters", e.text.len());
        assert!(e.text.starts_with("R1|"));
    }

    #[test]
    fn round_trip_keeps_the_quiz_exactly_and_schedules_to_the_second() {
        let d = deck();
        let p = full(&d);
        let back = decode(&d, &encode(&d, &p, 4096).text).unwrap().unwrap();
        assert_eq!(back.quiz, p.quiz);
        assert_eq!(back.cards.new_day, 19_700);
        assert_eq!(back.cards.new_today, 12);
        assert_eq!(back.attempts.get("quiz;pass=80"), Some(&41));
        assert_eq!(back.cards.cards.len(), p.cards.cards.len());
        for (id, here) in &p.cards.cards {
            let there = &back.cards.cards[id];
            assert_eq!(there.due, here.due.div_euclid(1000) * 1000);
            assert_eq!(there.last_review, here.last_review.div_euclid(1000) * 1000);
            assert!((there.stability - here.stability).abs() < 1e-4);
            assert!((there.difficulty - here.difficulty).abs() < 1e-4);
            assert_eq!(
                (there.reps, there.lapses, there.phase),
                (here.reps, here.lapses, here.phase)
            );
            assert_eq!(
                (there.elapsed_days, there.scheduled_days),
                (here.elapsed_days, here.scheduled_days)
            );
        }
    }

    #[test]
    fn a_small_limit_keeps_the_quiz_and_drops_the_oldest_cards() {
        let d = deck();
        let p = full(&d);
        let e = encode(&d, &p, 1200);
        assert!(e.text.len() <= 1200);
        assert!(!e.dropped_quiz);
        assert!(e.dropped_cards > 0 && e.dropped_cards < p.cards.cards.len());
        let back = decode(&d, &e.text).unwrap().unwrap();
        assert_eq!(back.quiz, p.quiz);
        // The cards kept are the newest reviews.
        let oldest_kept = back.cards.cards.values().map(|s| s.last_review).min().unwrap();
        let dropped_newest = p
            .cards
            .cards
            .iter()
            .filter(|(id, _)| !back.cards.cards.contains_key(*id))
            .map(|(_, s)| s.last_review.div_euclid(1000) * 1000)
            .max()
            .unwrap();
        assert!(dropped_newest <= oldest_kept);
        // Too small even for the quiz: it goes too, and nothing is ever longer than the limit.
        for limit in [0, 5, 40, 300] {
            let e = encode(&d, &p, limit);
            assert!(e.text.len() <= limit, "{limit}");
        }
        assert!(encode(&d, &p, 300).dropped_quiz);
    }

    #[test]
    fn empty_progress_is_short_and_reads_back_empty() {
        let d = deck();
        let e = encode(&d, &DeckProgress::default(), 4096);
        assert!(e.text.len() < 30, "{}", e.text);
        let back = decode(&d, &e.text).unwrap().unwrap();
        assert_eq!(back.quiz, None);
        assert!(back.cards.cards.is_empty());
        assert_eq!(decode(&d, ""), Ok(None));
        assert_eq!(decode(&d, "  "), Ok(None));
    }

    #[test]
    fn foreign_damaged_newer_and_other_deck_text_is_refused() {
        let d = deck();
        let good = encode(&d, &full(&d), 4096).text;
        let fp = fingerprint(&d);
        for bad in [
            "{\"page\":3}".to_string(),
            "lesson=4".into(),
            "R1|x".into(),
            format!("R1|{fp}|zz|0,0||"),
            format!("R1|{fp}||0,0|1,2,3|"),
            format!("R1|{fp}||0,0|zz,1,1,1,1,1,1,1,r,1|"),
            format!("R1|{fp}||0,0|0,1,NaN,1,1,1,1,1,r,1|"),
            format!("R1|{fp}||0,0|0,1,-5,1,1,1,1,1,r,1|"),
            format!("R1|{fp}||0,0||plan"),
            format!("R1|{fp}||x|"),
            good.replace(",80,", ",101,"),
        ] {
            assert!(matches!(decode(&d, &bad), Err(SuspendError::Unreadable(_))), "{bad}");
        }
        assert!(matches!(
            decode(&d, &good.replacen("R1", "R7", 1)),
            Err(SuspendError::Newer(_))
        ));
        assert_eq!(decode(&d, &good.replacen(&fp, "abc", 1)), Err(SuspendError::OtherDeck));
        let mut other = d.clone();
        other.statements.swap(0, 1);
        assert_eq!(decode(&other, &good), Err(SuspendError::OtherDeck));
    }

    #[test]
    fn merging_takes_the_lms_quiz_and_the_latest_reviews() {
        let d = deck();
        let lms = full(&d);
        let suspended = decode(&d, &encode(&d, &lms, 4096).text).unwrap().unwrap();
        let mut here = DeckProgress::default();
        let id = d.statements[0].id.to_string();
        let newer = schedule(None, Grade::Good, 1_900_000_000_000);
        here.cards.cards.insert(id.clone(), newer.clone());
        here.attempts.insert(
            "quiz;pass=80".into(),
            PlanAttempts {
                started: 50,
                best: None,
            },
        );
        suspended.merge_into(&mut here);
        assert_eq!(here.quiz, lms.quiz);
        assert_eq!(here.cards.cards[&id], newer);
        assert_eq!(here.cards.cards.len(), d.statements.len());
        assert_eq!(here.attempts["quiz;pass=80"].started, 50);
        assert_eq!(here.attempts["quiz;n=10000;seed=7;pass=80;lock"].started, 3);
    }

    #[test]
    fn base_36_numbers() {
        for n in [0, 1, 35, 36, -1, -36, 1_700_000_000, i64::from(u32::MAX)] {
            assert_eq!(num(&b36(n)), Some(n), "{n}");
        }
        for bad in ["", "-", "A", "+1", "1 ", "zzzzzzzzzzzzzz", "--1"] {
            assert_eq!(num(bad), None, "{bad:?}");
        }
        assert_eq!(unum(&b36u(u64::MAX)), Some(u64::MAX));
        assert_eq!(short(1.5), "1.5");
        assert_eq!(short(2.0), "2");
        assert_eq!(short(0.00001), "0");
    }
}
