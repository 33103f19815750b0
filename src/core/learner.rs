//! The learner: progress, the deck in use, and the quiz and study sessions, changed together.
//!
//! Grading a card changes both the card's schedule (progress) and what the session shows next;
//! answering a question changes the quiz and the saved copy that lets a reload resume it. Doing
//! each pair in one pure step ([`Learner::apply`]) means a double click or a key repeat can never
//! leave them out of step. `revision` counts changes to [`Progress`], so the shell knows when to
//! write storage.

use super::cards::{Clock, Grade, Mode, Scope, Study, StudyAction, StudyPhase, MAX_NEW_PER_DAY};
use super::deck::{Deck, Tag};
use super::progress::{Attempt, Progress, Settings};
use super::quiz::{self, Quiz};
use std::rc::Rc;

/// Everything the learner is doing and has done.
#[derive(Clone, Debug, PartialEq)]
pub struct Learner {
    pub progress: Progress,
    pub deck: Rc<Deck>,
    /// The quiz on screen; kept after it finishes so the results can be shown.
    pub quiz: Option<Quiz>,
    pub study: Option<Study>,
    /// Increases whenever `progress` changes.
    pub revision: u64,
}

/// Something the learner (or the app on their behalf) did.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Switch to another deck; resumes its saved quiz if there is one.
    UseDeck {
        deck: Rc<Deck>,
        now_ms: i64,
    },
    StartQuiz(Quiz),
    Quiz(quiz::Action),
    /// Start a quiz of the finished quiz's misses.
    RetryMissed {
        now_ms: i64,
        registration: String,
    },
    /// Leave the quiz (the results, or an unfinished quiz the learner abandons).
    CloseQuiz,
    StartStudy {
        scope: Scope,
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
    /// Replace progress with imported progress, or merge it in.
    Import {
        progress: Progress,
        merge: bool,
    },
    /// Forget everything; a new anonymous id is given.
    Reset {
        learner: String,
    },
}

impl Learner {
    /// A learner on `deck`, resuming any saved quiz for it.
    pub fn new(progress: Progress, deck: Rc<Deck>, now_ms: i64) -> Learner {
        let quiz = restore_quiz(&progress, &deck, now_ms);
        Learner {
            progress,
            deck,
            quiz,
            study: None,
            revision: 0,
        }
    }

    fn deck_key(&self) -> String {
        self.deck.id.0.clone()
    }

    /// An unfinished quiz is saved for this deck but none is on screen: it no longer fits the
    /// deck (which changed since), so it could not be resumed. Its saved copy stays until a new
    /// quiz replaces it. (Every other way to leave a quiz removes the saved copy too.)
    pub fn quiz_not_resumed(&self) -> bool {
        self.quiz.is_none()
            && self
                .progress
                .decks
                .get(&self.deck.id.0)
                .is_some_and(|d| d.quiz.is_some())
    }

    /// Progress on the deck in use.
    pub fn deck_progress(&self) -> super::progress::DeckProgress {
        self.progress.deck(&self.deck.id.0)
    }

    fn changed_progress(mut self) -> Learner {
        self.revision += 1;
        self
    }

    /// Keeps the saved copy of the quiz in step with the quiz; a finished quiz is recorded in
    /// the history and its saved copy removed.
    fn with_quiz(mut self, quiz: Quiz, now_ms: i64) -> Learner {
        let key = self.deck_key();
        let entry = self.progress.decks.entry(key).or_default();
        if quiz.is_finished() {
            entry.quiz = None;
            let r = quiz.results();
            entry.record(Attempt {
                at: now_ms,
                correct: r.score.correct as u32,
                total: r.score.total as u32,
                retry: quiz.origin == quiz::Origin::RetryMissed,
            });
        } else {
            entry.quiz = Some(quiz.save(&self.deck));
        }
        self.quiz = Some(quiz);
        self.changed_progress()
    }

    /// Grades the card showing and, for self-grading, moves on.
    fn grade(&self, grade: Grade, clock: Clock, advance: bool) -> Option<Learner> {
        let study = self.study.as_ref()?;
        let card = study.card()?;
        let statement = self.deck.statements.get(card)?;
        let key = self.deck_key();
        let mut next = self.clone();
        let entry = next.progress.decks.entry(key).or_default();
        entry.cards = entry.cards.graded(&statement.id, grade, clock);
        if advance {
            let cards = Rc::new(entry.cards.clone());
            next.study = Some(study.apply(&self.deck, StudyAction::Advance { cards, clock })?);
        }
        Some(next.changed_progress())
    }

    /// The next state, or `None` when the event changes nothing.
    pub fn apply(&self, event: Event) -> Option<Learner> {
        match event {
            Event::UseDeck { deck, now_ms } => {
                if deck == self.deck {
                    return None;
                }
                let quiz = restore_quiz(&self.progress, &deck, now_ms);
                Some(Learner {
                    deck,
                    quiz,
                    study: None,
                    ..self.clone()
                })
            }
            Event::StartQuiz(quiz) => {
                let now = quiz.started_ms;
                Some(self.clone().with_quiz(quiz, now))
            }
            Event::Quiz(action) => {
                let now = match action {
                    quiz::Action::Pick { at_ms, .. } | quiz::Action::Next { at_ms } => at_ms,
                };
                let next = self.quiz.as_ref()?.apply(action)?;
                Some(self.clone().with_quiz(next, now))
            }
            Event::RetryMissed { now_ms, registration } => {
                let quiz = self
                    .quiz
                    .as_ref()
                    .filter(|q| q.is_finished())?
                    .retry_missed(now_ms, registration)?;
                Some(self.clone().with_quiz(quiz, now_ms))
            }
            Event::CloseQuiz => {
                self.quiz.as_ref()?;
                let mut next = Learner {
                    quiz: None,
                    ..self.clone()
                };
                let key = self.deck_key();
                if let Some(entry) = next.progress.decks.get_mut(&key) {
                    if entry.quiz.take().is_some() {
                        return Some(next.changed_progress());
                    }
                }
                Some(next)
            }
            Event::StartStudy { scope, clock } => {
                let mode = if self.progress.settings.answer_first {
                    Mode::AnswerFirst
                } else {
                    Mode::SelfGrade
                };
                let cards = self.deck_progress().cards;
                let study = Study::start(
                    &self.deck,
                    &cards,
                    scope,
                    mode,
                    self.progress.settings.new_per_day,
                    clock,
                );
                Some(Learner {
                    study: Some(study),
                    ..self.clone()
                })
            }
            Event::Flip => {
                let study = self.study.as_ref()?.apply(&self.deck, StudyAction::Flip)?;
                Some(Learner {
                    study: Some(study),
                    ..self.clone()
                })
            }
            Event::PickCard { tag, clock } => {
                let study = self.study.as_ref()?;
                let StudyPhase::Front { card } = study.phase else {
                    return None;
                };
                let picked = study.apply(&self.deck, StudyAction::Pick(tag))?;
                let truth = self.deck.statements.get(card)?.tag;
                let with_pick = Learner {
                    study: Some(picked),
                    ..self.clone()
                };
                with_pick.grade(if tag == truth { Grade::Good } else { Grade::Again }, clock, false)
            }
            Event::Grade { grade, clock } => {
                // Only a back without a pick is self-graded; answer-first cards are graded on pick.
                let study = self.study.as_ref()?;
                matches!(study.phase, StudyPhase::Back { picked: None, .. }).then_some(())?;
                self.grade(grade, clock, true)
            }
            Event::NextCard { clock } => {
                let study = self.study.as_ref()?;
                matches!(study.phase, StudyPhase::Back { picked: Some(_), .. }).then_some(())?;
                let cards = Rc::new(self.deck_progress().cards);
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
                    let mode = if next.progress.settings.answer_first {
                        Mode::AnswerFirst
                    } else {
                        Mode::SelfGrade
                    };
                    next.study = study
                        .apply(&next.deck, StudyAction::SetMode(mode))
                        .or(next.study.clone());
                }
                Some(next.changed_progress())
            }
            Event::Import { progress, merge } => {
                let progress = if merge {
                    self.progress.merged(&progress)
                } else {
                    progress
                };
                let quiz = restore_quiz(&progress, &self.deck, self.quiz.as_ref().map_or(0, |q| q.started_ms));
                Some(
                    Learner {
                        progress,
                        quiz,
                        study: None,
                        ..self.clone()
                    }
                    .changed_progress(),
                )
            }
            Event::Reset { learner } => {
                let progress = Progress {
                    settings: self.progress.settings.clone(),
                    ..Progress::new(learner)
                };
                Some(
                    Learner {
                        progress,
                        quiz: None,
                        study: None,
                        ..self.clone()
                    }
                    .changed_progress(),
                )
            }
        }
    }
}

fn restore_quiz(progress: &Progress, deck: &Deck, now_ms: i64) -> Option<Quiz> {
    let saved = progress.decks.get(&deck.id.0)?.quiz.as_ref()?;
    Quiz::restore(deck, saved, now_ms).map(|q| q.resumed(now_ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::tests::sample_deck;
    use crate::core::quiz::{Action, Length, QuizSpec};

    const T0: i64 = 1_700_000_000_000;

    fn clock(ms: i64) -> Clock {
        Clock {
            now_ms: ms,
            utc_offset_ms: 0,
        }
    }

    fn learner() -> Learner {
        Learner::new(Progress::new("me".into()), Rc::new(sample_deck()), T0)
    }

    fn start_quiz(l: &Learner) -> Learner {
        let spec = QuizSpec {
            length: Length::All,
            seed: 3,
            only: None,
            pass_mark: 70,
            registration: "r".into(),
        };
        l.apply(Event::StartQuiz(Quiz::new(&l.deck, &spec, T0).unwrap()))
            .unwrap()
    }

    #[test]
    fn answering_saves_the_quiz_and_finishing_records_it() {
        let l = start_quiz(&learner());
        assert_eq!(l.revision, 1);
        assert!(l.deck_progress().quiz.is_some());
        let mut cur = l;
        while let Some((_, item)) = cur.quiz.as_ref().unwrap().current() {
            cur = cur
                .apply(Event::Quiz(Action::Pick {
                    tag: item.truth,
                    at_ms: T0 + 10,
                }))
                .unwrap();
            // A second pick (double click) changes nothing.
            assert_eq!(
                cur.apply(Event::Quiz(Action::Pick {
                    tag: item.truth,
                    at_ms: T0 + 11
                })),
                None
            );
            cur = cur.apply(Event::Quiz(Action::Next { at_ms: T0 + 20 })).unwrap();
        }
        let d = cur.deck_progress();
        assert_eq!(d.quiz, None);
        assert_eq!(
            d.history,
            vec![Attempt {
                at: T0 + 20,
                correct: 3,
                total: 3,
                retry: false
            }]
        );
        assert!(cur.quiz.as_ref().unwrap().is_finished(), "results stay on screen");
        assert_eq!(
            cur.apply(Event::RetryMissed {
                now_ms: T0,
                registration: "x".into()
            }),
            None,
            "nothing missed"
        );
        let closed = cur.apply(Event::CloseQuiz).unwrap();
        assert_eq!(closed.quiz, None);
    }

    #[test]
    fn a_saved_quiz_that_no_longer_fits_is_reported_and_kept_until_replaced() {
        let l = start_quiz(&learner());
        let mut progress = l.progress.clone();
        let saved = progress.decks.get_mut("sample").unwrap().quiz.as_mut().unwrap();
        saved.items[0] = "gone".into();
        let reloaded = Learner::new(progress.clone(), l.deck.clone(), T0);
        assert!(reloaded.quiz.is_none() && reloaded.quiz_not_resumed());
        assert_eq!(
            reloaded.deck_progress().quiz,
            progress.decks["sample"].quiz,
            "kept, not dropped"
        );
        let restarted = start_quiz(&reloaded);
        assert!(!restarted.quiz_not_resumed());
        assert!(!Learner::new(restarted.progress.clone(), l.deck.clone(), T0).quiz_not_resumed());
    }

    #[test]
    fn a_reload_resumes_the_quiz() {
        let l = start_quiz(&learner());
        let (_, item) = l.quiz.as_ref().unwrap().current().unwrap();
        let l = l
            .apply(Event::Quiz(Action::Pick {
                tag: item.truth,
                at_ms: T0 + 5,
            }))
            .unwrap();
        let stored = l.progress.encode();
        let crate::core::progress::Loaded::Ok(p) = Progress::decode(Some(&stored)) else {
            panic!()
        };
        let reloaded = Learner::new(p, l.deck.clone(), T0 + 60_000);
        assert_eq!(reloaded.quiz, l.quiz.as_ref().map(|q| q.resumed(T0 + 60_000)));
    }

    #[test]
    fn closing_an_unfinished_quiz_forgets_it() {
        let l = start_quiz(&learner()).apply(Event::CloseQuiz).unwrap();
        assert_eq!(l.deck_progress().quiz, None);
        assert_eq!(l.revision, 2);
        assert_eq!(l.apply(Event::CloseQuiz), None);
    }

    #[test]
    fn self_grading_updates_cards_and_session_together() {
        let l = learner()
            .apply(Event::StartStudy {
                scope: Scope::Due,
                clock: clock(T0),
            })
            .unwrap();
        assert_eq!(
            l.apply(Event::Grade {
                grade: Grade::Good,
                clock: clock(T0)
            }),
            None,
            "front: nothing to grade"
        );
        let l = l.apply(Event::Flip).unwrap();
        let l = l
            .apply(Event::Grade {
                grade: Grade::Again,
                clock: clock(T0),
            })
            .unwrap();
        assert_eq!(l.revision, 1);
        assert_eq!(l.deck_progress().cards.cards.len(), 1);
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
    fn answer_first_grades_on_pick() {
        let mut p = Progress::new("me".into());
        p.settings.answer_first = true;
        let l = Learner::new(p, Rc::new(sample_deck()), T0)
            .apply(Event::StartStudy {
                scope: Scope::Due,
                clock: clock(T0),
            })
            .unwrap();
        assert_eq!(l.study.as_ref().unwrap().mode, Mode::AnswerFirst);
        // Card 0 is a devops statement; answering platform is wrong, so it is graded Again.
        let l = l
            .apply(Event::PickCard {
                tag: Tag(1),
                clock: clock(T0),
            })
            .unwrap();
        let st = l.deck_progress().cards.cards["a"].clone();
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
        assert_eq!(l.revision, 1);
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

        let graded = learner()
            .apply(Event::StartStudy {
                scope: Scope::Due,
                clock: clock(T0),
            })
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
        assert_eq!(
            reset.progress.settings, imported.progress.settings,
            "preferences survive a reset"
        );
    }

    #[test]
    fn switching_decks_restores_that_decks_quiz() {
        let l = start_quiz(&learner());
        let mut other = sample_deck();
        other.id.0 = "other".into();
        let moved = l
            .apply(Event::UseDeck {
                deck: Rc::new(other),
                now_ms: T0,
            })
            .unwrap();
        assert_eq!(moved.quiz, None);
        let back = moved
            .apply(Event::UseDeck {
                deck: l.deck.clone(),
                now_ms: T0,
            })
            .unwrap();
        assert!(back.quiz.is_some());
    }
}
