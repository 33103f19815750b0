//! Keyboard shortcuts: which command a key press means in the current state.
//!
//! Pure, so the whole table is tested on the host. The shell calls [`command`] from one global
//! `keydown` listener and carries out the command.

use super::cards::{Grade, Mode, Study, StudyPhase};
use super::config::Route;
use super::deck::{Deck, Tag};
use super::quiz::{Phase, Quiz};

/// Where the quiz is, as far as keys are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuizKeys {
    None,
    Asking,
    Answered,
}

/// A snapshot of what the keys can act on.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyContext {
    pub route: Route,
    pub quiz: QuizKeys,
    pub study: Option<(StudyPhase, Mode)>,
    pub shortcuts: bool,
    pub help_open: bool,
}

impl KeyContext {
    /// What the keys can act on with `route` on screen, the learner's quiz and study session,
    /// the shortcut setting, and the help dialog open or not.
    pub fn new(
        route: &Route,
        quiz: Option<&Quiz>,
        study: Option<&Study>,
        shortcuts: bool,
        help_open: bool,
    ) -> KeyContext {
        KeyContext {
            route: route.clone(),
            quiz: match quiz.map(|q| q.phase) {
                Some(Phase::Asking { .. }) => QuizKeys::Asking,
                Some(Phase::Answered { .. }) => QuizKeys::Answered,
                _ => QuizKeys::None,
            },
            study: study.map(|s| (s.phase, s.mode)),
            shortcuts,
            help_open,
        }
    }
}

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Pick(Tag),
    Next,
    Flip,
    CardPick(Tag),
    Grade(Grade),
    CardNext,
    Help,
}

/// Details of the key press that decide whether the app may take it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Press {
    /// Ctrl, Alt or Meta held: the key belongs to the browser or the system.
    pub modified: bool,
    /// Focus is in a text field: keys are typing.
    pub in_field: bool,
    /// Focus is on a button or link: Enter and Space activate it natively.
    pub on_control: bool,
}

/// The command for `key` (a `KeyboardEvent.key` value), if any.
pub fn command(cx: &KeyContext, deck: &Deck, key: &str, press: Press) -> Option<Command> {
    if !cx.shortcuts || cx.help_open || press.modified || press.in_field {
        return None;
    }
    if press.on_control && (key == "Enter" || key == " ") {
        return None;
    }
    if key == "?" {
        return Some(Command::Help);
    }
    match &cx.route {
        Route::Quiz => match cx.quiz {
            QuizKeys::Asking => deck.tag_for_key(key).map(Command::Pick),
            QuizKeys::Answered if key == "Enter" => Some(Command::Next),
            _ => None,
        },
        Route::Cards => match cx.study? {
            (StudyPhase::Front { .. }, mode) => match key {
                " " | "Enter" => Some(Command::Flip),
                k if mode == Mode::AnswerFirst => deck.tag_for_key(k).map(Command::CardPick),
                _ => None,
            },
            (StudyPhase::Back { picked: None, .. }, _) => Grade::from_key(key).map(Command::Grade),
            (StudyPhase::Back { picked: Some(_), .. }, _) if key == "Enter" => Some(Command::CardNext),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck() -> Deck {
        Deck::builtin().unwrap()
    }

    fn cx(route: Route, quiz: QuizKeys, study: Option<(StudyPhase, Mode)>) -> KeyContext {
        KeyContext {
            route,
            quiz,
            study,
            shortcuts: true,
            help_open: false,
        }
    }

    #[test]
    fn table() {
        let d = deck();
        let front = Some((StudyPhase::Front { card: 0 }, Mode::SelfGrade));
        let front_af = Some((StudyPhase::Front { card: 0 }, Mode::AnswerFirst));
        let back = Some((StudyPhase::Back { card: 0, picked: None }, Mode::SelfGrade));
        let back_af = Some((
            StudyPhase::Back {
                card: 0,
                picked: Some(Tag(1)),
            },
            Mode::AnswerFirst,
        ));
        let rows: Vec<(KeyContext, &str, Option<Command>)> = vec![
            (
                cx(Route::Quiz, QuizKeys::Asking, None),
                "1",
                Some(Command::Pick(Tag(0))),
            ),
            (
                cx(Route::Quiz, QuizKeys::Asking, None),
                "p",
                Some(Command::Pick(Tag(1))),
            ),
            (
                cx(Route::Quiz, QuizKeys::Asking, None),
                "B",
                Some(Command::Pick(Tag(2))),
            ),
            (cx(Route::Quiz, QuizKeys::Asking, None), "4", None),
            (cx(Route::Quiz, QuizKeys::Asking, None), "Enter", None),
            (cx(Route::Quiz, QuizKeys::Answered, None), "Enter", Some(Command::Next)),
            (cx(Route::Quiz, QuizKeys::Answered, None), "1", None),
            (cx(Route::Quiz, QuizKeys::None, None), "1", None),
            (cx(Route::Home, QuizKeys::Asking, None), "1", None),
            (cx(Route::Home, QuizKeys::None, None), "?", Some(Command::Help)),
            (cx(Route::Cards, QuizKeys::None, front), " ", Some(Command::Flip)),
            (cx(Route::Cards, QuizKeys::None, front), "Enter", Some(Command::Flip)),
            (cx(Route::Cards, QuizKeys::None, front), "1", None),
            (
                cx(Route::Cards, QuizKeys::None, front_af),
                "2",
                Some(Command::CardPick(Tag(1))),
            ),
            (
                cx(Route::Cards, QuizKeys::None, back),
                "1",
                Some(Command::Grade(Grade::Again)),
            ),
            (
                cx(Route::Cards, QuizKeys::None, back),
                "4",
                Some(Command::Grade(Grade::Easy)),
            ),
            (cx(Route::Cards, QuizKeys::None, back), " ", None),
            (
                cx(Route::Cards, QuizKeys::None, back_af),
                "Enter",
                Some(Command::CardNext),
            ),
            (cx(Route::Cards, QuizKeys::None, back_af), "3", None),
            (cx(Route::Cards, QuizKeys::None, None), " ", None),
        ];
        for (c, key, want) in rows {
            assert_eq!(command(&c, &d, key, Press::default()), want, "{:?} {key:?}", c.route);
        }
    }

    #[test]
    fn when_keys_are_left_alone() {
        let d = deck();
        let asking = cx(Route::Quiz, QuizKeys::Asking, None);
        let answered = cx(Route::Quiz, QuizKeys::Answered, None);
        let modified = Press {
            modified: true,
            ..Press::default()
        };
        let in_field = Press {
            in_field: true,
            ..Press::default()
        };
        let on_control = Press {
            on_control: true,
            ..Press::default()
        };
        assert_eq!(
            command(&asking, &d, "1", modified),
            None,
            "the browser's or the system's key"
        );
        assert_eq!(command(&asking, &d, "1", in_field), None, "typing");
        assert_eq!(
            command(&answered, &d, "Enter", on_control),
            None,
            "the button handles it"
        );
        // With single-key shortcuts off, no key (not even "?") is taken.
        for key in ["1", "?"] {
            let off = KeyContext {
                shortcuts: false,
                ..asking.clone()
            };
            assert_eq!(command(&off, &d, key, Press::default()), None, "{key}");
        }
        assert_eq!(
            command(
                &KeyContext {
                    help_open: true,
                    ..asking
                },
                &d,
                "1",
                Press::default()
            ),
            None
        );
    }
}
