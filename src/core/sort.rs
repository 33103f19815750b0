//! Sort mode: a round deals a handful of statements into a tray; the learner places each in a
//! category's zone, then checks the whole board at once.
//!
//! A [`Board`] is the round's state machine:
//! - **deal** ([`Board::deal`]): every card starts in the tray, in the seed's order;
//! - **place** ([`Move::Place`]): a card goes to a zone, to another zone or back to the tray,
//!   until it is locked;
//! - **check** ([`Move::Check`]), once every card is placed: right cards lock. The first check
//!   grades every card, and that is the score: the placements are recorded as the answers of
//!   [`Board::round`], a [`Quiz`] like any other, so the results screen, the history, the host
//!   page and the LMS see a sort round exactly as a quiz. Wrong cards go back to the tray for
//!   another try while tries are left ([`Board::retries`]); on the last try they stay, marked;
//! - **reveal** ([`Move::Reveal`]), on request after a check: every card not yet right is shown in
//!   the zone it belongs to, and the round ends;
//! - **finish**: when every card is right, or no try is left, or on reveal.
//!
//! Nothing here knows about pointers, keys or the page: the shell turns a drag, a tap or a key
//! into a [`Move`].

use super::deck::{CategoryIcon, Deck, Tag};
use super::progress::SavedQuiz;
use super::quiz::{Answer, Length, Phase, Quiz, QuizError, QuizSpec};
use super::text::{clip, count};

/// Cards dealt when the URL does not say (`n`).
pub const DEFAULT_CARDS: usize = 8;
/// The most cards a board holds: more would not fit a phone, however long the deck.
pub const MAX_CARDS: usize = 20;
/// Tries after the first check when the URL does not say (`retries`).
pub const DEFAULT_RETRIES: u8 = 2;
/// The most tries after the first that a URL may allow.
pub const MAX_RETRIES: u8 = 5;

/// The cards a round deals when the plan asks for `requested` (else [`DEFAULT_CARDS`]) and
/// `available` statements can be dealt: never more than a board holds.
pub fn round_length(requested: Option<usize>, available: usize) -> usize {
    requested.unwrap_or(DEFAULT_CARDS).min(MAX_CARDS).min(available)
}

/// Where a card is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In the tray: not placed yet, or sent back for another try.
    Tray,
    /// Placed in a zone, not checked there yet.
    Zone(Tag),
    /// Checked and right: locked in its zone.
    Right(Tag),
    /// Checked and wrong with no try left: it stays where it was put, marked.
    Wrong(Tag),
    /// Shown in the zone it belongs to, on request, after a wrong placement.
    Shown(Tag),
}

impl Place {
    /// The zone the card sits in, if any.
    pub fn zone(self) -> Option<Tag> {
        match self {
            Place::Tray => None,
            Place::Zone(t) | Place::Right(t) | Place::Wrong(t) | Place::Shown(t) => Some(t),
        }
    }

    /// Whether the learner may still move the card.
    pub fn movable(self) -> bool {
        matches!(self, Place::Tray | Place::Zone(_))
    }
}

/// What the learner can do to a board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Put card `card` (a position in the round) in `zone`, or back in the tray (`None`).
    Place { card: usize, zone: Option<Tag> },
    /// Check every placed card.
    Check { at_ms: i64 },
    /// Show where every card not yet right belongs, ending the round.
    Reveal { at_ms: i64 },
}

/// Why a check cannot be made yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotReady {
    /// Cards are still in the tray.
    InTray(usize),
    /// Nothing was moved since the last check.
    NothingNew,
    Finished,
}

/// A sort round. See the module documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    /// The round as a quiz: its cards are the items, its answers the first check's placements.
    pub round: Quiz,
    /// Where each card of `round.items` is.
    pub places: Vec<Place>,
    /// Per card, the zones it was checked wrong in (bit `t` for tag `t`), so that a card back in
    /// the tray can say where it does not belong.
    pub misses: Vec<u8>,
    /// Checks made so far.
    pub checks: u32,
    /// Tries allowed after the first check.
    pub retries: u8,
}

impl Board {
    /// Deals a round: `spec`'s statements (at most [`MAX_CARDS`]), every card in the tray.
    pub fn deal(deck: &Deck, spec: &QuizSpec, retries: u8, now_ms: i64) -> Result<Board, QuizError> {
        let length = match spec.length {
            Length::Count(n) => n.min(MAX_CARDS),
            Length::All => MAX_CARDS,
        };
        let spec = QuizSpec {
            length: Length::Count(length),
            ..spec.clone()
        };
        let round = Quiz::new(deck, &spec, now_ms)?;
        let n = round.items.len();
        Ok(Board {
            round,
            places: vec![Place::Tray; n],
            misses: vec![0; n],
            checks: 0,
            retries: retries.min(MAX_RETRIES),
        })
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn is_finished(&self) -> bool {
        self.round.is_finished()
    }

    /// Cards in a zone (locked or not).
    pub fn placed(&self) -> usize {
        self.places.iter().filter(|p| p.zone().is_some()).count()
    }

    /// Cards checked right so far.
    pub fn right(&self) -> usize {
        self.places.iter().filter(|p| matches!(p, Place::Right(_))).count()
    }

    /// Checks left after this one: each sends wrong cards back to the tray but the last.
    pub fn tries_left(&self) -> u8 {
        let used = self.checks.saturating_sub(1);
        self.retries.saturating_sub(used.min(u32::from(u8::MAX)) as u8)
    }

    /// Whether the cards not yet right can be shown where they belong: after a check, before
    /// the round ends, or at its end while wrong cards are marked.
    pub fn can_reveal(&self) -> bool {
        let wrong = self.places.iter().any(|p| matches!(p, Place::Wrong(_)));
        (self.checks > 0 && !self.is_finished()) || wrong
    }

    /// Why [`Move::Check`] would do nothing now, if it would.
    pub fn not_ready(&self) -> Option<NotReady> {
        if self.is_finished() {
            return Some(NotReady::Finished);
        }
        let in_tray = self.len() - self.placed();
        if in_tray > 0 {
            return Some(NotReady::InTray(in_tray));
        }
        if !self.places.iter().any(|p| matches!(p, Place::Zone(_))) {
            return Some(NotReady::NothingNew);
        }
        None
    }

    /// The next board after `m`, or `None` when it changes nothing or does not apply now.
    pub fn apply(&self, m: Move) -> Option<Board> {
        match m {
            Move::Place { card, zone } => {
                let now = *self.places.get(card)?;
                let to = match zone {
                    Some(t) if t.index() < self.round.categories => Place::Zone(t),
                    Some(_) => return None,
                    None => Place::Tray,
                };
                if self.is_finished() || !now.movable() || now == to {
                    return None;
                }
                let mut next = self.clone();
                next.places[card] = to;
                Some(next)
            }
            Move::Check { at_ms } => {
                if self.not_ready().is_some() {
                    return None;
                }
                let mut next = self.clone();
                next.checks += 1;
                if self.checks == 0 {
                    next.record_first(at_ms);
                }
                let send_back = next.checks <= u32::from(self.retries);
                let mut wrong = 0;
                for (i, place) in next.places.iter_mut().enumerate() {
                    let Place::Zone(t) = *place else { continue };
                    if t == self.round.items[i].truth {
                        *place = Place::Right(t);
                    } else {
                        wrong += 1;
                        next.misses[i] |= 1 << t.0.min(7);
                        *place = if send_back { Place::Tray } else { Place::Wrong(t) };
                    }
                }
                if wrong == 0 || !send_back {
                    next.round.phase = Phase::Finished { at_ms };
                }
                Some(next)
            }
            Move::Reveal { at_ms } => {
                if !self.can_reveal() {
                    return None;
                }
                let mut next = self.clone();
                for (i, place) in next.places.iter_mut().enumerate() {
                    if !matches!(place, Place::Right(_)) {
                        *place = Place::Shown(self.round.items[i].truth);
                    }
                }
                if !self.is_finished() {
                    next.round.phase = Phase::Finished { at_ms };
                }
                Some(next)
            }
        }
    }

    /// The first check's placements become the round's answers: each card's time is an equal
    /// share of the time to the first check, as the cards were sorted together.
    fn record_first(&mut self, at_ms: i64) {
        let spent = at_ms.saturating_sub(self.round.started_ms).max(0) as u64;
        let each = spent / self.len().max(1) as u64;
        self.round.answers = (self.round.items.iter().zip(&self.places))
            .filter_map(|(item, place)| {
                let picked = place.zone()?;
                Some(Answer {
                    picked,
                    correct: picked == item.truth,
                    duration_ms: each,
                })
            })
            .collect();
    }

    /// The storable form of the board (statements and zones by id).
    pub fn save(&self, deck: &Deck) -> SavedBoard {
        let id = |t: Tag| deck.category(t).map_or("", |c| c.id.as_str());
        let places = self.places.iter().map(|p| match p {
            Place::Tray => String::new(),
            Place::Zone(t) => id(*t).to_string(),
            Place::Right(t) => format!("right:{}", id(*t)),
            Place::Wrong(t) => format!("wrong:{}", id(*t)),
            Place::Shown(t) => format!("shown:{}", id(*t)),
        });
        // A finished round's answers are its first placements; an unfinished one saves them too.
        let mut round = self.round.save(deck);
        round.answered = false;
        SavedBoard {
            round,
            places: places.collect(),
            misses: self.misses.iter().map(|&m| u32::from(m)).collect(),
            checks: self.checks,
            retries: self.retries,
        }
    }

    /// Rebuilds a saved board against `deck`, checking every part: `None` if it does not fit.
    pub fn restore(deck: &Deck, saved: &SavedBoard, now_ms: i64) -> Option<Board> {
        let mut round = Quiz::restore(deck, &saved.round, now_ms)?;
        let n = round.items.len();
        if saved.places.len() != n || saved.misses.len() != n {
            return None;
        }
        let finished = saved.round.ended > 0;
        let checked = saved.checks > 0;
        // Answers are kept exactly from the first check on, for every card.
        if checked != (round.answers.len() == n) || (!checked && !round.answers.is_empty()) {
            return None;
        }
        round.phase = if finished {
            Phase::Finished {
                at_ms: saved.round.ended,
            }
        } else {
            Phase::Asking {
                index: 0,
                since_ms: round.started_ms,
            }
        };
        let mut places = Vec::with_capacity(n);
        for (text, item) in saved.places.iter().zip(round.items.iter()) {
            let (kind, id) = text.split_once(':').unwrap_or(("", text));
            let place = match (kind, deck.tag_by_id(id)) {
                _ if text.is_empty() => Place::Tray,
                ("", Some(t)) => Place::Zone(t),
                // Locks are recomputed from the deck rather than trusted from storage.
                ("right", Some(t)) if t == item.truth => Place::Right(t),
                ("wrong", Some(t)) if t != item.truth => Place::Wrong(t),
                ("shown", Some(t)) if t == item.truth => Place::Shown(t),
                _ => return None,
            };
            places.push(place);
        }
        let board = Board {
            round,
            places,
            misses: saved.misses.iter().map(|&m| m.min(255) as u8).collect(),
            checks: saved.checks,
            retries: saved.retries.min(MAX_RETRIES),
        };
        let locked = board.places.iter().any(|p| !p.movable());
        (finished || !locked || checked).then_some(board)
    }
}

/// An unfinished (or just finished) board, saved so a reload brings it back.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(serde::Serialize, serde::Deserialize))]
pub struct SavedBoard {
    pub round: SavedQuiz,
    /// Per card: "" in the tray, a category id when placed, `right:`, `wrong:` or `shown:` and
    /// the id once checked.
    pub places: Vec<String>,
    pub misses: Vec<u32>,
    pub checks: u32,
    pub retries: u8,
}

super::json::object! { SavedBoard { round: req, places: req, misses: req, checks: req, retries: req } }

/// The zones in the order the board shows them: the deck's, except that a category drawn as
/// an overlap (the built-in deck's "Both") sits in the middle, between the ones it joins.
pub fn zone_order(deck: &Deck) -> Vec<Tag> {
    let mut order: Vec<Tag> = deck.tags().collect();
    if order.len() >= 3 {
        if let Some(i) = order.iter().position(|&t| deck.icon(t) == CategoryIcon::Overlap) {
            let t = order.remove(i);
            order.insert(order.len() / 2, t);
        }
    }
    order
}

/// The zone `t` is drawn as the overlap of its neighbours in `order`: (left, right).
pub fn overlap_of(deck: &Deck, order: &[Tag], t: Tag) -> Option<(Tag, Tag)> {
    let i = order.iter().position(|&z| z == t)?;
    if deck.icon(t) != CategoryIcon::Overlap || i == 0 || i + 1 >= order.len() {
        return None;
    }
    Some((order[i - 1], order[i + 1]))
}

/// A statement as announcements quote it: its opening words.
fn quoted(deck: &Deck, board: &Board, card: usize) -> String {
    let text = board
        .round
        .items
        .get(card)
        .and_then(|item| deck.statements.get(item.statement))
        .map_or("", |s| s.text.as_str());
    // `clip` ends a shortened text with an ellipsis.
    format!("\u{2018}{}\u{2019}", clip(text, 48))
}

/// What a screen reader hears after a card moves.
pub fn place_announcement(deck: &Deck, board: &Board, card: usize) -> String {
    let where_ = match board.places.get(card).and_then(|p| p.zone()) {
        Some(t) => format!("placed in {}", deck.label(t)),
        None => "back in the tray".to_string(),
    };
    format!(
        "{} {where_}. {} of {} placed.",
        quoted(deck, board, card),
        board.placed(),
        board.len()
    )
}

/// What a screen reader hears when Check cannot check yet.
pub fn not_ready_announcement(why: NotReady) -> String {
    match why {
        NotReady::InTray(1) => "Place the card still in the tray first.".into(),
        NotReady::InTray(n) => format!("Place the {n} cards still in the tray first."),
        NotReady::NothingNew => "Move a card before checking again.".into(),
        NotReady::Finished => "This round is over.".into(),
    }
}

/// What a screen reader hears after a check (or a reveal): how many are right and what now.
pub fn check_announcement(before: &Board, after: &Board) -> String {
    let newly_right = after.right() - before.right().min(after.right());
    let checked = before.places.iter().filter(|p| matches!(p, Place::Zone(_))).count();
    let wrong = checked - newly_right.min(checked);
    let mut out = if wrong == 0 {
        format!("All {checked} right.")
    } else {
        format!("{newly_right} right, {wrong} wrong.")
    };
    if !after.is_finished() {
        let tries = after.tries_left();
        out.push_str(&format!(
            " The wrong ones are back in the tray: {} left.",
            count(usize::from(tries), "try", "tries")
        ));
    } else {
        if after.places.iter().any(|p| matches!(p, Place::Wrong(_))) {
            out.push_str(" No tries left: the wrong ones are marked.");
        }
        out.push_str(&finished_sentence(after));
    }
    out
}

/// What a screen reader hears when the right zones are shown.
pub fn reveal_announcement(after: &Board) -> String {
    let shown = after.places.iter().filter(|p| matches!(p, Place::Shown(_))).count();
    let mut out = if shown == 1 {
        "1 card is now in the zone it belongs to.".to_string()
    } else {
        format!("{shown} cards are now in the zones they belong to.")
    };
    out.push_str(&finished_sentence(after));
    out
}

fn finished_sentence(board: &Board) -> String {
    let score = board.round.results().score;
    format!(
        " Round finished: {} of {} right the first time.",
        score.correct, score.total
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::tests::sample_deck;
    use crate::core::quiz::{Origin, QuizPlan, Reporting};

    const T0: i64 = 1_700_000_000_000;

    fn board(n: usize, retries: u8) -> (Deck, Board) {
        let deck = sample_deck();
        let plan = QuizPlan::default();
        let mut spec = plan.spec(Length::Count(n), 7, "reg".into(), 1);
        spec.plan = plan.sort_key();
        let b = Board::deal(&deck, &spec, retries, T0).unwrap();
        (deck, b)
    }

    fn truth(b: &Board, card: usize) -> Tag {
        b.round.items[card].truth
    }

    fn wrong(b: &Board, card: usize) -> Tag {
        Tag((truth(b, card).0 + 1) % 3)
    }

    fn place(b: &Board, card: usize, zone: Option<Tag>) -> Board {
        b.apply(Move::Place { card, zone }).unwrap()
    }

    /// Places every movable card in the tray: card 0 wrongly, the rest rightly.
    fn place_all(b: &Board, wrong_cards: &[usize]) -> Board {
        let mut b = b.clone();
        for card in 0..b.len() {
            if b.places[card] == Place::Tray {
                let t = if wrong_cards.contains(&card) {
                    wrong(&b, card)
                } else {
                    truth(&b, card)
                };
                b = place(&b, card, Some(t));
            }
        }
        b
    }

    #[test]
    fn a_deal_puts_every_card_in_the_tray_in_the_seeds_order() {
        let (_, b) = board(2, 2);
        let (_, again) = board(2, 2);
        assert_eq!(b.len(), 2);
        assert!(b.places.iter().all(|p| *p == Place::Tray));
        assert_eq!(b.round.items, again.round.items, "the seed decides the deal");
        assert!(b.round.plan.starts_with("sort"));
        assert!(!b.is_finished());
        assert_eq!(b.not_ready(), Some(NotReady::InTray(2)));
    }

    #[test]
    fn the_overlap_sits_between_the_zones_it_joins() {
        let deck = Deck::builtin().unwrap();
        let order = zone_order(&deck);
        let ids: Vec<&str> = order.iter().map(|&t| deck.categories[t.index()].id.as_str()).collect();
        assert_eq!(ids, ["devops", "both", "platform"]);
        let both = deck.tag_by_id("both").unwrap();
        let (l, r) = overlap_of(&deck, &order, both).unwrap();
        assert_eq!((l, r), (order[0], order[2]));
        assert_eq!(overlap_of(&deck, &order, order[0]), None);
        let plain = sample_deck();
        assert_eq!(
            zone_order(&plain),
            plain.tags().collect::<Vec<_>>(),
            "other decks keep their order"
        );
    }

    #[test]
    fn a_deal_is_at_most_a_board_full() {
        let deck = sample_deck();
        let spec = QuizPlan::default().spec(Length::All, 1, "r".into(), 1);
        let b = Board::deal(&deck, &spec, 9, T0).unwrap();
        assert_eq!(b.len(), deck.statements.len().min(MAX_CARDS));
        assert_eq!(b.retries, MAX_RETRIES, "retries are capped");
    }

    /// The state machine, step by step: each row is a move, whether it applies, and the places,
    /// checks and finish that follow (cards 0..3; `r` is a right zone, `w` a wrong one).
    #[test]
    fn the_round_moves_as_the_table_says() {
        #[derive(Clone, Copy)]
        enum Z {
            R,
            W,
            Tray,
        }
        enum Step {
            Put(usize, Z),
            Check,
            Reveal,
        }
        use Step::*;
        use Z::*;
        // (step, applies, expected places by kind: T tray, Z zone, R right, W wrong, S shown, finished)
        let table: &[(Step, bool, &str, bool)] = &[
            (Check, false, "TTT", false),
            (Reveal, false, "TTT", false),
            (Put(0, R), true, "ZTT", false),
            (Put(0, R), false, "ZTT", false),
            (Put(0, Tray), true, "TTT", false),
            (Put(0, Tray), false, "TTT", false),
            (Put(0, W), true, "ZTT", false),
            (Put(0, R), true, "ZTT", false),
            (Put(1, W), true, "ZZT", false),
            (Check, false, "ZZT", false),
            (Put(2, R), true, "ZZZ", false),
            (Check, true, "RTR", false),
            (Check, false, "RTR", false),
            (Put(0, Tray), false, "RTR", false),
            (Put(1, W), true, "RZR", false),
            (Check, true, "RTR", false),
            (Put(1, W), true, "RZR", false),
            (Check, true, "RWR", true),
            (Put(1, R), false, "RWR", true),
            (Check, false, "RWR", true),
            (Reveal, true, "RSR", true),
            (Reveal, false, "RSR", true),
        ];
        let (_, mut b) = board(3, 2);
        for (row, (step, applies, places, finished)) in table.iter().enumerate() {
            let m = match *step {
                Put(card, z) => Move::Place {
                    card,
                    zone: match z {
                        R => Some(truth(&b, card)),
                        W => Some(wrong(&b, card)),
                        Tray => None,
                    },
                },
                Check => Move::Check { at_ms: T0 + 1000 },
                Reveal => Move::Reveal { at_ms: T0 + 2000 },
            };
            let next = b.apply(m);
            assert_eq!(next.is_some(), *applies, "row {row}: {m:?}");
            if let Some(next) = next {
                b = next;
            }
            let kinds: String = b
                .places
                .iter()
                .map(|p| match p {
                    Place::Tray => 'T',
                    Place::Zone(_) => 'Z',
                    Place::Right(_) => 'R',
                    Place::Wrong(_) => 'W',
                    Place::Shown(_) => 'S',
                })
                .collect();
            assert_eq!(&kinds, places, "row {row}");
            assert_eq!(b.is_finished(), *finished, "row {row}");
        }
        assert_eq!(b.checks, 3);
        assert_eq!(b.misses[1].count_ones(), 1, "card 1 was wrong in one zone only");
    }

    #[test]
    fn the_score_is_the_first_check() {
        let (_, b) = board(3, 2);
        let b = place_all(&b, &[0, 2]).apply(Move::Check { at_ms: T0 + 6000 }).unwrap();
        assert_eq!(b.round.answers.len(), 3);
        assert_eq!(b.round.answers[0].picked, wrong(&b, 0));
        assert!(b.round.answers.iter().all(|a| a.duration_ms == 2000), "time is shared");
        // Corrected on the second try: the score stays the first check's.
        let b = place_all(&b, &[]).apply(Move::Check { at_ms: T0 + 9000 }).unwrap();
        assert!(b.is_finished());
        assert_eq!(b.right(), 3);
        let r = b.round.results();
        assert_eq!((r.score.correct, r.score.total), (1, 3));
        assert_eq!(r.missed, vec![0, 2]);
        assert_eq!(r.matrix[truth(&b, 0).index()][wrong(&b, 0).index()], 1);
        assert_eq!(r.duration_ms, 9000);
    }

    #[test]
    fn without_retries_wrong_cards_stay_marked_until_shown() {
        let (_, b) = board(3, 0);
        let b = place_all(&b, &[1]).apply(Move::Check { at_ms: T0 + 10 }).unwrap();
        assert!(b.is_finished());
        assert_eq!(b.places[1], Place::Wrong(wrong(&b, 1)));
        assert!(b.can_reveal());
        let shown = b.apply(Move::Reveal { at_ms: T0 + 20 }).unwrap();
        assert_eq!(shown.places[1], Place::Shown(truth(&b, 1)));
        assert_eq!(shown.round.phase, b.round.phase, "the end stays the check's");
        assert!(!shown.can_reveal());
    }

    #[test]
    fn all_right_at_once_finishes() {
        let (_, b) = board(3, 2);
        let before = place_all(&b, &[]);
        let after = before.apply(Move::Check { at_ms: T0 + 10 }).unwrap();
        assert!(after.is_finished());
        assert_eq!(
            check_announcement(&before, &after),
            "All 3 right. Round finished: 3 of 3 right the first time."
        );
    }

    #[test]
    fn giving_up_shows_every_card_not_yet_right() {
        let (_, b) = board(3, 2);
        let b = place_all(&b, &[0, 1]).apply(Move::Check { at_ms: T0 + 10 }).unwrap();
        assert_eq!(b.tries_left(), 2);
        let b = place(&b, 0, Some(wrong(&b, 0)));
        let done = b.apply(Move::Reveal { at_ms: T0 + 30 }).unwrap();
        assert!(done.is_finished());
        assert_eq!(done.places[0], Place::Shown(truth(&b, 0)));
        assert_eq!(done.places[1], Place::Shown(truth(&b, 1)));
        assert_eq!(done.places[2], Place::Right(truth(&b, 2)));
        assert_eq!(done.round.results().score.correct, 1);
    }

    #[test]
    fn tries_count_down_and_are_announced() {
        let (deck, b) = board(2, 2);
        let before = place_all(&b, &[0]);
        let after = before.apply(Move::Check { at_ms: T0 }).unwrap();
        assert_eq!(
            check_announcement(&before, &after),
            "1 right, 1 wrong. The wrong ones are back in the tray: 2 tries left."
        );
        let after = place_all(&after, &[0]).apply(Move::Check { at_ms: T0 }).unwrap();
        let before = place_all(&after, &[0]);
        let last = before.apply(Move::Check { at_ms: T0 }).unwrap();
        assert_eq!(
            check_announcement(&before, &last),
            "0 right, 1 wrong. No tries left: the wrong ones are marked. Round finished: 1 of 2 right the first time."
        );
        assert_eq!(
            reveal_announcement(&last.apply(Move::Reveal { at_ms: T0 }).unwrap()),
            "1 card is now in the zone it belongs to. Round finished: 1 of 2 right the first time."
        );
        let _ = deck;
    }

    #[test]
    fn announcements_name_the_card_and_count() {
        let (deck, b) = board(3, 2);
        let b = place(&b, 1, Some(Tag(2)));
        let text = &deck.statements[b.round.items[1].statement].text;
        let said = place_announcement(&deck, &b, 1);
        assert!(said.starts_with(&format!("\u{2018}{}", clip(text, 20))), "{said}");
        assert!(
            said.ends_with(&format!("placed in {}. 1 of 3 placed.", deck.categories[2].label)),
            "{said}"
        );
        let b = place(&b, 1, None);
        assert!(place_announcement(&deck, &b, 1).ends_with("back in the tray. 0 of 3 placed."));
        assert_eq!(
            not_ready_announcement(NotReady::InTray(1)),
            "Place the card still in the tray first."
        );
    }

    #[test]
    fn a_board_survives_saving_at_every_step() {
        let (deck, b) = board(3, 1);
        let mut states = vec![b.clone()];
        let b = place(&b, 0, Some(wrong(&b, 0)));
        states.push(b.clone());
        let b = place_all(&b, &[0]).apply(Move::Check { at_ms: T0 + 40 }).unwrap();
        states.push(b.clone());
        let b = place(&b, 0, Some(wrong(&b, 0)))
            .apply(Move::Check { at_ms: T0 + 50 })
            .unwrap();
        states.push(b.clone());
        states.push(b.apply(Move::Reveal { at_ms: T0 + 60 }).unwrap());
        for s in states {
            let saved = s.save(&deck);
            let text = crate::core::json::to_string(&saved);
            let read =
                <SavedBoard as crate::core::json::Read>::read(&crate::core::json::parse(&text).unwrap()).unwrap();
            let back = Board::restore(&deck, &read, T0 + 99).unwrap();
            assert_eq!(back.places, s.places);
            assert_eq!(back.round.answers, s.round.answers);
            assert_eq!(back.is_finished(), s.is_finished());
            assert_eq!(
                (back.checks, back.retries, &back.misses),
                (s.checks, s.retries, &s.misses)
            );
            assert_eq!(back.round.origin, Origin::Attempt(1));
            assert_eq!(back.round.reporting, Reporting::Everything);
        }
    }

    #[test]
    fn a_tampered_board_is_not_restored() {
        let (deck, b) = board(3, 1);
        let b = place_all(&b, &[]).apply(Move::Check { at_ms: T0 + 40 }).unwrap();
        let mut saved = b.save(&deck);
        let wrong_id = deck.categories[wrong(&b, 0).index()].id.clone();
        saved.places[0] = format!("right:{wrong_id}");
        assert!(
            Board::restore(&deck, &saved, T0).is_none(),
            "a lock the deck does not back"
        );
        let mut saved = b.save(&deck);
        saved.places.pop();
        assert!(Board::restore(&deck, &saved, T0).is_none(), "a card short");
        let mut saved = b.save(&deck);
        saved.places[1] = "nowhere".into();
        assert!(Board::restore(&deck, &saved, T0).is_none(), "an unknown zone");
    }
}
