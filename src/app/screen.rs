//! `screen`: which view the app shows, from the route and the learner's state, with each view's
//! callbacks turned into learner events.
//!
//! A deck that is still downloading, or failed, takes the whole screen. Otherwise the route picks
//! the view; the quiz route shows the quiz in progress or else the start screen, and the results
//! route shows the finished quiz or says there is none yet.

use super::learner::{self, UseLearnerHandle};
use super::location::UseLocationHandle;
use super::share::UseShareHandle;
use crate::components::cards_view::{cards_view, CardsViewProps};
use crate::components::error_screen::{error_screen, loading, ErrorScreenProps};
use crate::components::home::{home, HomeProps};
use crate::components::quiz_start::QuizStart;
use crate::components::quiz_view::QuizView;
use crate::components::results::Results;
use crate::components::sort_board::{sort_start, SortBoard, SortStartProps};
use crate::components::stats::Stats;
use crate::core::config::Route;
use crate::core::learner::{DeckFailure, DeckSource, Draw, Event, Learner};
use crate::core::progress::{Attempt, DeckProgress, Progress};
use crate::core::quiz::{self, Length, Quiz, QuizPlan};
use crate::core::sort::{self, Board};
use crate::core::storage::Status;
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

/// What the screen is drawn from.
pub struct Screen<'a> {
    pub learner: &'a UseLearnerHandle,
    pub location: &'a UseLocationHandle,
    pub plan: &'a QuizPlan,
    pub storage: &'a Status,
    pub share: &'a UseShareHandle,
    pub on_export: Callback<()>,
    /// An embedded learner: the trainer's errors are told calmly, without detail.
    pub learner_facing: bool,
    /// The learner is kept in the configured mode (a locked plan).
    pub confined: bool,
    /// Says something to screen-reader users.
    pub say: Callback<String>,
}

/// A fresh random seed, attempt id and time for a new quiz.
fn draw() -> Draw {
    Draw {
        seed: env::new_seed(),
        registration: env::new_uuid(),
        now_ms: env::now_ms(),
    }
}

pub fn screen(s: &Screen) -> Html {
    let learner: &Learner = s.learner;
    let no_progress = DeckProgress::default();
    // Borrowed, not copied: a render on the quiz screen must not clone every card's schedule.
    let progress = learner.deck_progress().unwrap_or(&no_progress);
    match (&learner.source, &s.location.route) {
        (DeckSource::Loading(_), _) => loading("Loading the deck\u{2026}"),
        (DeckSource::Failed(failure), _) => deck_error(s, failure),
        (_, Route::Home) => home_screen(learner, progress, s.plan),
        (_, Route::Quiz) => match learner.quiz_in_progress() {
            Some(quiz) => quiz_screen(s, quiz),
            None => start_screen(s, progress),
        },
        (_, Route::Results) => match learner.last_finished() {
            Some(quiz) => results_screen(s, &quiz, progress),
            None => no_results(s.location),
        },
        (_, Route::Cards) => cards_screen(s, progress),
        (_, Route::Sort) => match &learner.sort {
            Some(board) => sort_screen(s, board),
            None => sort_start_screen(s),
        },
        (_, Route::Stats) => stats_screen(s, progress),
        // The page's own script sends old links here on to the studio before the app loads; this
        // is for a hash typed while the app runs.
        (_, Route::Embed) => error_screen(ErrorScreenProps {
            title: "The embed builder is in RoleCall Studio".into(),
            message: "Trainers' tools have a page of their own, so that learners never download them.".into(),
            detail: None,
            action: Some(("Open RoleCall Studio".into(), Callback::from(|()| env::open_studio()))),
            testid: Some("moved-to-studio".into()),
            home: true,
        }),
        (_, Route::NotFound(path)) => error_screen(ErrorScreenProps {
            title: "Nothing here".into(),
            message: format!("RoleCall has no page at #{path}. The links above lead to every screen.").into(),
            detail: None,
            action: None,
            testid: Some("not-found".into()),
            home: !s.confined,
        }),
    }
}

fn deck_error(s: &Screen, failure: &DeckFailure) -> Html {
    if s.learner_facing {
        // The trainer reads the detail on the console and in the host page; the learner can
        // do nothing about it, so there is no link, no address and no other content to try.
        return error_screen(ErrorScreenProps {
            title: "This activity is not ready".into(),
            message: "It could not be set up, so there is nothing to do here yet. Please let your trainer know.".into(),
            detail: None,
            action: None,
            testid: Some("setup-error".into()),
            home: false,
        });
    }
    let on_use_builtin_deck = s.learner.callback(|()| Event::UseBuiltinDeck { now_ms: env::now_ms() });
    error_screen(ErrorScreenProps {
        title: "This deck could not be loaded".into(),
        message: failure.headline().into(),
        detail: failure.detail.clone().map(AttrValue::from),
        action: Some(("Use the built-in deck".into(), on_use_builtin_deck)),
        testid: Some("deck-error".into()),
        home: true,
    })
}

fn home_screen(learner: &Learner, progress: &DeckProgress, plan: &QuizPlan) -> Html {
    let today = progress
        .cards
        .today(&learner.deck, learner.progress.settings.new_per_day, env::clock());
    let unfinished = learner.quiz_in_progress().and_then(|q| {
        let (i, _) = q.current()?;
        Some(AttrValue::from(format!("question {} of {}", i + 1, q.items.len())))
    });
    let source_note = learner.source.note().map(AttrValue::from);
    let sort_note = match &learner.sort {
        Some(b) if !b.is_finished() => format!("Round under way: {} of {} placed", b.placed(), b.len()),
        _ => format!(
            "{} cards into columns, checked together",
            sort::round_length(plan.requested, plan.available(&learner.deck))
        ),
    };
    home(HomeProps {
        sort_note: sort_note.into(),
        heading: learner.source.heading(&learner.deck).to_string().into(),
        deck: learner.deck.clone(),
        cards_note: today.summary().into(),
        best: progress.best,
        unfinished,
        source_note,
    })
}

fn quiz_screen(s: &Screen, quiz: &Quiz) -> Html {
    let l = s.learner;
    let label = quiz.origin.label(s.plan.max_attempts).map(AttrValue::from);
    html! {
        <QuizView deck={l.deck.clone()} quiz={Rc::new(quiz.clone())} shortcuts={l.progress.settings.shortcuts}
            on_pick={l.callback(learner::pick)} on_next={l.callback(|()| learner::next())}
            on_quit={l.callback(|()| Event::CloseQuiz)} {label} locked={s.plan.locked} />
    }
}

fn start_screen(s: &Screen, progress: &DeckProgress) -> Html {
    let (l, plan) = (s.learner, s.plan.clone());
    let available = plan.available(&l.deck);
    let started = l.attempts_started(&plan);
    let limit = l.attempt_limit(&plan);
    let can_start = limit.is_none();
    let error = limit.or_else(|| l.start_error.clone()).map(|e| e.to_string());
    let on_start = l.callback(move |length: Length| Event::StartQuiz {
        length,
        plan: plan.clone(),
        draw: draw(),
    });
    html! {
        <QuizStart deck={l.deck.clone()} {available} requested={s.plan.requested} seed={s.plan.seed}
            fixed={s.plan.fixed_length(available)} attempts={s.plan.attempts_note(started).map(AttrValue::from)}
            grade_note={s.plan.grade.explained().map(AttrValue::from)} pass_mark={s.plan.pass_mark}
            {can_start} best={progress.best} error={error.map(AttrValue::from)} {on_start} />
    }
}

fn results_screen(s: &Screen, quiz: &Quiz, progress: &DeckProgress) -> Html {
    let (l, plan) = (s.learner, s.plan.clone());
    let on_share = {
        let (share, learner) = (s.share.clone(), l.clone());
        Callback::from(move |()| {
            if let Some(quiz) = learner.last_finished() {
                share.share(
                    quiz.registration.clone(),
                    quiz.results()
                        .share_text(&learner.deck, quiz.pass_mark, &env::app_url()),
                );
            }
        })
    };
    let label = quiz.origin.label(s.plan.max_attempts).map(AttrValue::from);
    let note = quiz::counting_note(quiz, s.plan.grade).map(AttrValue::from);
    let sort = QuizPlan::is_sort_key(&quiz.plan);
    let on_new_quiz = if sort {
        l.callback(move |()| Event::NewRound {
            plan: plan.clone(),
            draw: draw(),
        })
    } else {
        l.callback(move |()| Event::NewQuiz {
            plan: plan.clone(),
            draw: draw(),
        })
    };
    let can_start = if sort {
        l.round_limit(s.plan).is_none()
    } else {
        l.attempt_limit(s.plan).is_none()
    };
    html! {
        <Results deck={l.deck.clone()} quiz={Rc::new(quiz.clone())} history={attempts_history(progress)}
            best={progress.best} kept={s.storage.keeps_progress()} sharing={s.share.state(&quiz.registration)}
            utc_offset_ms={env::clock().utc_offset_ms} {label} {note} {can_start} can_leave={!s.confined}
            on_retry_missed={l.callback(|()| Event::RetryMissed { now_ms: env::now_ms(), registration: env::new_uuid() })}
            on_study_missed={l.callback(|()| Event::StudyMissed { clock: env::clock() })}
            {on_new_quiz}
            {on_share} />
    }
}

/// The finished attempts the history chart shows (never practice).
fn attempts_history(progress: &DeckProgress) -> Rc<[Attempt]> {
    progress.attempts_history().copied().collect()
}

fn no_results(location: &UseLocationHandle) -> Html {
    let location = location.clone();
    error_screen(ErrorScreenProps {
        title: "No results yet".into(),
        message: "Finish a quiz and its results appear here.".into(),
        detail: None,
        action: Some((
            "Go to the quiz".into(),
            Callback::from(move |()| location.show(&Route::Quiz)),
        )),
        testid: Some("no-results".into()),
        home: true,
    })
}

/// A sort round's cards: the plan's length, else the default, as many as the board holds.
fn round_cards(s: &Screen) -> usize {
    sort::round_length(s.plan.requested, s.plan.available(&s.learner.deck))
}

fn sort_start_screen(s: &Screen) -> Html {
    let (l, plan) = (s.learner, s.plan.clone());
    let limit = l.round_limit(&plan);
    let error = limit
        .clone()
        .or_else(|| l.start_error.clone())
        .map(|e| AttrValue::from(e.to_string()));
    sort_start(SortStartProps {
        deck: l.deck.clone(),
        cards: round_cards(s),
        retries: plan.retries,
        pass_mark: plan.pass_mark,
        attempts: plan.attempts_note(l.rounds_started(&plan)).map(AttrValue::from),
        can_start: limit.is_none(),
        error,
        on_start: l.callback(move |()| Event::StartSort {
            plan: plan.clone(),
            draw: draw(),
        }),
    })
}

fn sort_screen(s: &Screen, board: &Board) -> Html {
    let (l, plan) = (s.learner, s.plan.clone());
    let location = s.location.clone();
    let label = board.round.origin.label(plan.max_attempts).map(AttrValue::from);
    html! {
        <SortBoard deck={l.deck.clone()} board={Rc::new(board.clone())} {label}
            on_place={l.callback(|(card, zone)| Event::Sort(sort::Move::Place { card, zone }))}
            on_check={l.callback(|()| Event::Sort(sort::Move::Check { at_ms: env::now_ms() }))}
            on_reveal={l.callback(|()| Event::Sort(sort::Move::Reveal { at_ms: env::now_ms() }))}
            on_results={Callback::from(move |()| location.show(&Route::Results))}
            on_new_round={l.callback(move |()| Event::NewRound { plan: plan.clone(), draw: draw() })}
            can_start={l.round_limit(s.plan).is_none()} on_say={s.say.clone()} />
    }
}

fn cards_screen(s: &Screen, progress: &DeckProgress) -> Html {
    let l = s.learner;
    cards_view(CardsViewProps {
        deck: l.deck.clone(),
        study: l.study.clone().map(Rc::new),
        progress: Rc::new(progress.clone()),
        settings: Rc::new(l.progress.settings.clone()),
        clock: env::clock(),
        shortcuts: l.progress.settings.shortcuts,
        on_start: l.callback(|()| Event::StartStudy { clock: env::clock() }),
        on_study_ahead: l.callback(|()| Event::StudyAhead { clock: env::clock() }),
        on_learn_more: l.callback(|()| Event::LearnMore { clock: env::clock() }),
        on_end: l.callback(|()| Event::EndStudy),
        on_settings: l.callback(Event::Settings),
        on_flip: l.callback(|()| Event::Flip),
        on_pick: l.callback(learner::card_pick),
        on_grade: l.callback(learner::grade),
        on_next: l.callback(|()| learner::card_next()),
        can_leave: !s.confined,
    })
}

fn stats_screen(s: &Screen, progress: &DeckProgress) -> Html {
    let (l, clock) = (s.learner, env::clock());
    let on_import = l.callback(|(progress, merge): (Progress, bool)| Event::Import { progress, merge });
    let on_reset = l.callback(|()| Event::Reset {
        learner: env::new_uuid(),
    });
    html! {
        <Stats counts={progress.cards.counts(&l.deck)} forecast={Rc::from(progress.cards.forecast(&l.deck, 7, clock))}
            history={attempts_history(progress)} pass_mark={s.plan.pass_mark} {clock}
            storage_note={s.storage.note()} on_export={s.on_export.clone()} {on_import} {on_reset} />
    }
}
