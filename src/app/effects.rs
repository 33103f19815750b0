//! Carrying out what the core decided: saving, reporting to the host page, announcing, moving to
//! another screen.
//!
//! Every event the learner causes returns, with the next state, a list of `core::learner::Effect`s
//! (see there for which event asks for what). Answering a question, for example, asks to save the
//! quiz, report the answer and announce the feedback; finishing asks to report the result,
//! announce the score and show the results. [`Effects::run`] does exactly that, in order, right
//! after the event, and nothing else: no effect here decides anything.

use super::announcer::UseAnnouncerHandle;
use super::lms::Lms;
use super::location::UseLocationHandle;
use super::progress_store::UseProgressStoreHandle;
use crate::core::learner::{DeckSource, Effect, Learner};
use crate::core::quiz::Quiz;
use crate::core::report::{self, Context};
use crate::web::env;
use crate::web::host::Host;
use std::rc::Rc;

/// What effects act on.
#[derive(Clone)]
pub struct Effects {
    pub store: UseProgressStoreHandle,
    pub host: Rc<Host>,
    pub announcer: UseAnnouncerHandle,
    pub location: UseLocationHandle,
    /// The LMS the app was launched from, which records answers, results and progress too.
    pub lms: Option<Rc<Lms>>,
}

impl Effects {
    pub fn new(
        store: &UseProgressStoreHandle,
        host: &Rc<Host>,
        announcer: &UseAnnouncerHandle,
        location: &UseLocationHandle,
        lms: &Option<Rc<Lms>>,
    ) -> Effects {
        Effects {
            store: store.clone(),
            host: host.clone(),
            announcer: announcer.clone(),
            location: location.clone(),
            lms: lms.clone(),
        }
    }

    /// Carries out the effects of the event that made `learner`.
    pub fn run(&self, learner: &Learner) {
        for effect in &learner.effects {
            match effect {
                Effect::Save => {
                    self.store.save(&learner.progress);
                    // While a named deck downloads, the deck in use is not the learner's.
                    if let (Some(lms), false) = (&self.lms, matches!(learner.source, DeckSource::Loading(_))) {
                        lms.save(&learner.deck, learner.deck_progress());
                    }
                }
                Effect::ReportAnswer { index } => self.answered(learner, learner.quiz.as_ref(), *index),
                Effect::ReportResult => self.finished(learner, learner.quiz.as_ref()),
                // A sort round is reported as the quiz it is recorded as.
                Effect::ReportSortAnswer { index } => {
                    self.answered(learner, learner.sort.as_ref().map(|b| &b.round), *index)
                }
                Effect::ReportSortResult => self.finished(learner, learner.sort.as_ref().map(|b| &b.round)),
                Effect::Announce(text) => self.announcer.say(text),
                Effect::Show(route) => self.location.show(route),
            }
        }
    }

    /// Reports question `index` of `quiz` to the host page and the LMS.
    fn answered(&self, learner: &Learner, quiz: Option<&Quiz>, index: usize) {
        let Some(quiz) = quiz else { return };
        self.report(learner, quiz, |cx, quiz| answered(cx, learner, quiz, index));
        if let Some(lms) = &self.lms {
            // Built only if the LMS sends statements (cmi5), not for SCORM.
            let statement = || with_context(learner, quiz, |cx| answered_statement(cx, learner, quiz, index));
            lms.answered(&learner.deck, quiz, index, statement);
        }
    }

    /// Reports the result of `quiz` to the host page and the LMS.
    fn finished(&self, learner: &Learner, quiz: Option<&Quiz>) {
        let Some(quiz) = quiz else { return };
        self.report(learner, quiz, |cx, quiz| finished(cx, learner, quiz));
        if let Some(lms) = &self.lms {
            lms.finished(quiz);
        }
    }

    /// Sends the messages `build` writes for `quiz`, if there is a page to send them to:
    /// statements are only built when someone will receive them.
    fn report(&self, learner: &Learner, quiz: &Quiz, build: impl FnOnce(&Context, &Quiz) -> Vec<String>) {
        if self.host.results_origin().is_none() {
            return;
        }
        for message in with_context(learner, quiz, |cx| build(cx, quiz)) {
            self.host.send_result(&message);
        }
    }
}

/// Calls `f` with what every statement about `quiz` shares.
fn with_context<T>(learner: &Learner, quiz: &Quiz, f: impl FnOnce(&Context) -> T) -> T {
    let (app_url, app_origin) = (env::app_url(), env::origin());
    f(&Context {
        app_url: &app_url,
        app_origin: &app_origin,
        learner: &learner.progress.learner,
        registration: &quiz.registration,
        attempt: quiz.origin.number(),
    })
}

/// The xAPI `answered` statement and the simple `rolecall:answered` event for question `index`.
fn answered(cx: &Context, learner: &Learner, quiz: &Quiz, index: usize) -> Vec<String> {
    let (Some(item), Some(answer), Some(statement)) = (
        quiz.items.get(index),
        quiz.answers.get(index),
        answered_statement(cx, learner, quiz, index),
    ) else {
        return Vec::new();
    };
    vec![
        report::xapi_envelope(&statement),
        report::answered_event(
            &learner.deck,
            *item,
            *answer,
            index,
            quiz.items.len(),
            quiz.origin.number(),
        ),
    ]
}

/// The xAPI `answered` statement for question `index`, if it was answered.
fn answered_statement(cx: &Context, learner: &Learner, quiz: &Quiz, index: usize) -> Option<String> {
    let (item, answer) = (quiz.items.get(index)?, quiz.answers.get(index)?);
    Some(report::answered_statement(
        cx,
        &learner.deck,
        *item,
        *answer,
        &env::new_uuid(),
        env::now_ms(),
    ))
}

/// The xAPI `completed` and `passed`/`failed` statements, and `rolecall:completed`.
fn finished(cx: &Context, learner: &Learner, quiz: &Quiz) -> Vec<String> {
    let (deck, results) = (&learner.deck, quiz.results());
    let ids = [env::new_uuid(), env::new_uuid()];
    let statements = report::finished_statements(cx, deck, &results, quiz.pass_mark, [&ids[0], &ids[1]], env::now_ms());
    let mut out: Vec<String> = statements.iter().map(|s| report::xapi_envelope(s)).collect();
    out.push(report::completed_event(
        deck,
        &results,
        quiz.pass_mark,
        quiz.origin.number(),
    ));
    out
}
