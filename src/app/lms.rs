//! The LMS the app was launched from, if any: a SCORM 1.2 or 2004 run-time, or a cmi5 launch.
//!
//! [`connect`] runs before the app is drawn. A SCORM session opens at once (the API object is
//! synchronous); a cmi5 launch needs its token and launch data first, so the page shows
//! "Connecting to your course" until they arrive. Either way the app then starts with the
//! LMS's settings (launch data, mastery score) added to the URL's, and with the progress the LMS
//! kept merged into this browser's.
//!
//! While the app runs, [`Lms`] records what the core's effects report (`app::effects`): each
//! answer, each counted result, and the progress after every change. It ends exactly once, on
//! the learner's "Finish" or when the page goes away. Every LMS call is checked; a refusal
//! becomes a notice and the learner keeps playing. cmi5 statements wait in a queue, in order,
//! until the LRS accepts them, and are retried until the page closes.

use crate::core::cmi5::{self, LaunchParams, Session, Stamp};
use crate::core::deck::Deck;
use crate::core::progress::{DeckProgress, Progress};
use crate::core::quiz::Quiz;
use crate::core::scorm::{self, Set};
use crate::core::suspend::{self, SuspendError, Suspended};
use crate::web::cmi5 as http;
use crate::web::env;
use crate::web::scorm::Api;
use gloo::timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use yew::prelude::*;

impl PartialEq for Lms {
    /// One connection per page: two are equal only if they are the same.
    fn eq(&self, other: &Lms) -> bool {
        std::ptr::eq(self, other)
    }
}

/// How long a cmi5 statement waits before it is sent again, after a failure.
const RETRY_MS: u32 = 4_000;
/// How long "Finish" waits for the LRS to take the last statements.
const FINISH_WAIT_MS: u32 = 8_000;

/// A connection to the LMS.
pub struct Lms {
    link: Link,
    started_ms: i64,
    /// RoleCall's settings from the LMS, in the URL's query form.
    launch_query: String,
    /// The progress the LMS kept, until the deck it belongs to is in use.
    suspended: RefCell<Option<String>>,
    /// False when the LMS holds progress of a newer RoleCall, which must not be overwritten.
    may_suspend: Cell<bool>,
    result_recorded: Cell<bool>,
    /// The LMS began a new attempt: a quiz kept from the last one is not resumed.
    new_attempt: Cell<bool>,
    /// A quiz is unfinished: leaving suspends the attempt, so that it resumes.
    unfinished: Cell<bool>,
    ended: Cell<bool>,
    /// What the learner is told about the launch, for the whole session.
    notes: RefCell<Vec<String>>,
    /// The current trouble recording, cleared when recording works again.
    trouble: RefCell<Option<String>>,
    /// Told when the problems or the ended state change, so the app re-renders.
    listener: RefCell<Option<Callback<()>>>,
}

enum Link {
    Scorm(ScormLink),
    Cmi5(Box<Cmi5Link>),
    /// A cmi5 launch that could not be set up: nothing can be recorded.
    Broken,
}

struct ScormLink {
    api: Api,
    /// The LMS opened the session for review or browsing: nothing is recorded.
    records: bool,
    /// Values the LMS refused, with the tries left, set again before the next values.
    pending: RefCell<Vec<(Set, u8)>>,
    /// Interactions written in this session, where the LMS cannot count them.
    written: Cell<usize>,
    /// The first refusal since the last commit.
    refusal: RefCell<Option<String>>,
}

struct Cmi5Link {
    session: Session,
    token: String,
    queue: RefCell<VecDeque<String>>,
    /// The first `in_flight` statements of the queue are being sent.
    in_flight: Cell<usize>,
    retry: RefCell<Option<Timeout>>,
    passed: Cell<bool>,
    completed: Cell<bool>,
}

/// What the page was launched from.
pub enum Launch {
    /// No LMS: the app as always.
    None,
    /// A SCORM session, open.
    Ready(Rc<Lms>),
    /// A cmi5 launch, to connect (see [`connect_cmi5`]).
    Cmi5(LaunchParams),
}

/// Finds the LMS: a cmi5 launch (its query parameters) or a SCORM API on an ancestor window.
pub fn connect() -> Launch {
    let (search, _) = env::location_parts();
    match LaunchParams::from_query(&search) {
        Some(Ok(params)) => return Launch::Cmi5(params),
        Some(Err(why)) => {
            return Launch::Ready(Lms::new(
                Link::Broken,
                String::new(),
                vec![format!("Your results cannot reach your course: {why}.")],
            ))
        }
        None => {}
    }
    match Api::find() {
        Some(api) => Launch::Ready(open_scorm(api)),
        None => Launch::None,
    }
}

fn open_scorm(api: Api) -> Rc<Lms> {
    let v = api.version;
    let mut problems = Vec::new();
    if let Err(e) = api.initialize() {
        problems.push(format!("Your results cannot reach your course: {}.", e.0));
        return Lms::new(Link::Broken, String::new(), problems);
    }
    // An element the LMS cannot read is treated as unset; only its refusal to store is news.
    let read = |element: &str| api.get(element).unwrap_or_default();
    let (launch_data, mastery, mode, suspended) = (
        read("cmi.launch_data"),
        read(v.mastery()),
        read(v.mode()),
        read(v.suspend_data()),
    );
    let status = read(v.status());
    // "ab-initio": the LMS started a new attempt, so an unfinished quiz kept from an earlier
    // one is not resumed (its card schedules still are).
    let new_attempt = read(v.entry()) == "ab-initio";
    let mut query = match scorm::launch_query(&launch_data) {
        Ok(q) => q,
        Err(why) => {
            problems.push(format!("Your course's settings were ignored: {why}."));
            String::new()
        }
    };
    match v.pass_mark(&mastery) {
        Ok(Some(mark)) => push_param(&mut query, &format!("pass={mark}")),
        Ok(None) => {}
        Err(why) => problems.push(format!("Your course's pass mark was ignored: {why}.")),
    }
    let records = !matches!(mode.as_str(), "review" | "browse");
    let link = ScormLink {
        api,
        records,
        pending: RefCell::new(Vec::new()),
        written: Cell::new(0),
        refusal: RefCell::new(None),
    };
    if records {
        link.write(v.start(&status));
    }
    let trouble = if records { link.flush() } else { None };
    env::set_root_attr("data-lms", Some(v.code()));
    let lms = Lms::new(Link::Scorm(link), query, problems);
    *lms.trouble.borrow_mut() = trouble;
    *lms.suspended.borrow_mut() = Some(suspended).filter(|s| !s.is_empty());
    lms.new_attempt.set(new_attempt);
    lms
}

/// Opens a cmi5 launch: the token (fetched once), the launch data, then `Initialized`.
pub async fn connect_cmi5(launch: LaunchParams) -> Rc<Lms> {
    let broken = |why: String| {
        Lms::new(
            Link::Broken,
            String::new(),
            vec![format!("Your results cannot reach your course: {why}.")],
        )
    };
    let token = match http::fetch_token(&launch)
        .await
        .and_then(|body| cmi5::auth_token(&body))
    {
        Ok(t) => t,
        Err(why) => return broken(why),
    };
    let data = match http::launch_data(&launch, &token).await {
        Ok(body) => match cmi5::LaunchData::parse(&body) {
            Ok(d) => d,
            Err(why) => return broken(why),
        },
        Err(e) => return broken(e),
    };
    let mut problems = Vec::new();
    let mut query = match scorm::launch_query(&data.launch_parameters) {
        Ok(q) => q,
        Err(why) => {
            problems.push(format!(
                "Your course's settings were ignored: {}.",
                why.replace("launch data", "launch parameters")
            ));
            String::new()
        }
    };
    if let Some(mark) = data.pass_mark() {
        push_param(&mut query, &format!("pass={mark}"));
    }
    let link = Cmi5Link {
        session: Session { launch, data },
        token,
        queue: RefCell::new(VecDeque::new()),
        in_flight: Cell::new(0),
        retry: RefCell::new(None),
        passed: Cell::new(false),
        completed: Cell::new(false),
    };
    let lms = Lms::new(Link::Cmi5(Box::new(link)), query, problems);
    if let Link::Cmi5(link) = &lms.link {
        let stamp = Stamp {
            id: &env::new_uuid(),
            at_ms: lms.started_ms,
        };
        link.queue.borrow_mut().push_back(link.session.initialized(&stamp));
    }
    env::set_root_attr("data-lms", Some("cmi5"));
    lms.pump();
    lms
}

fn push_param(query: &mut String, param: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(param);
}

impl ScormLink {
    /// Sets `values`, after any the LMS refused before (each is tried three times in all).
    fn write(&self, values: Vec<Set>) {
        let mut todo: Vec<(Set, u8)> = self.pending.take();
        todo.extend(values.into_iter().map(|s| (s, 3)));
        let mut refused = Vec::new();
        for ((element, value), tries) in todo {
            if let Err(e) = self.api.set(&element, &value) {
                self.refusal.borrow_mut().get_or_insert(e.0);
                if tries > 1 {
                    refused.push(((element, value), tries - 1));
                }
            }
        }
        *self.pending.borrow_mut() = refused;
    }

    /// Commits what was written; says what went wrong since the last flush, if anything.
    fn flush(&self) -> Option<String> {
        let commit = self.api.commit();
        if let Some(why) = self.refusal.take() {
            return Some(format!(
                "Your course is not recording everything: {why}. Keep going: RoleCall keeps your progress in this browser and tries again."
            ));
        }
        commit.err().map(|e| {
            format!(
                "Your course is not saving: {}. Keep going: RoleCall tries again after your next answer.",
                e.0
            )
        })
    }
}

impl Lms {
    fn new(link: Link, launch_query: String, problems: Vec<String>) -> Rc<Lms> {
        Rc::new(Lms {
            link,
            started_ms: env::now_ms(),
            launch_query,
            suspended: RefCell::new(None),
            may_suspend: Cell::new(true),
            result_recorded: Cell::new(false),
            new_attempt: Cell::new(false),
            unfinished: Cell::new(false),
            ended: Cell::new(false),
            notes: RefCell::new(problems),
            trouble: RefCell::new(None),
            listener: RefCell::new(None),
        })
    }

    /// RoleCall's settings from the LMS, in the URL's query form.
    pub fn launch_query(&self) -> &str {
        &self.launch_query
    }

    /// The standard the LMS speaks, for the learner ("SCORM 2004"); `None` when not connected.
    pub fn label(&self) -> Option<&'static str> {
        match &self.link {
            Link::Scorm(s) => Some(s.api.version.label()),
            Link::Cmi5(_) => Some("cmi5"),
            Link::Broken => None,
        }
    }

    /// What the learner should know about the LMS now.
    pub fn problems(&self) -> Vec<String> {
        let mut all = self.notes.borrow().clone();
        all.extend(self.trouble.borrow().clone());
        all
    }

    pub fn has_ended(&self) -> bool {
        self.ended.get()
    }

    /// Where to tell the app that something changed. Told at once if something already did
    /// (a statement can fail between the app's first render and this call).
    pub fn listen(&self, listener: Callback<()>) {
        let news = !self.problems().is_empty() || self.ended.get();
        *self.listener.borrow_mut() = Some(listener);
        if news {
            self.changed();
        }
    }

    fn changed(&self) {
        let listener = self.listener.borrow().clone();
        if let Some(l) = listener {
            l.emit(());
        }
    }

    /// Something about the session the learner should know until it ends.
    fn note(&self, text: String) {
        let known = self.notes.borrow().contains(&text);
        if !known {
            self.notes.borrow_mut().push(text);
            self.changed();
        }
    }

    /// Recording is in trouble (replacing any earlier trouble).
    fn problem(&self, text: String) {
        if self.trouble.replace(Some(text.clone())).as_ref() != Some(&text) {
            self.changed();
        }
    }

    /// Recording works again.
    fn clear_problems(&self) {
        if self.trouble.take().is_some() {
            self.changed();
        }
    }

    /// The progress the LMS kept for `deck`, if it is for that deck; taken once. A refusal is
    /// told, and progress of a newer RoleCall is never overwritten.
    pub fn take_suspended(&self, deck: &Deck) -> Option<Suspended> {
        let text = self.suspended.borrow().clone()?;
        match suspend::decode(deck, &text) {
            Ok(found) => {
                self.suspended.borrow_mut().take();
                found.map(|mut s| {
                    if self.new_attempt.get() {
                        s.quiz = None;
                    }
                    s
                })
            }
            Err(SuspendError::OtherDeck) => None,
            Err(e) => {
                self.suspended.borrow_mut().take();
                if matches!(e, SuspendError::Newer(_)) {
                    self.may_suspend.set(false);
                    self.note(format!("Your place is not saved in your course: {e}, which is kept as it is. Progress stays in this browser."));
                } else {
                    self.note(format!("RoleCall started afresh in your course: {e}."));
                }
                None
            }
        }
    }

    /// Merges what the LMS kept for `deck` into `progress`, before the app starts on it.
    pub fn merge_into(&self, deck: &Deck, progress: &mut Progress) {
        let entry = progress.decks.entry(deck.id.as_str().to_string()).or_default();
        if let Some(s) = self.take_suspended(deck) {
            s.merge_into(entry);
        }
        self.unfinished.set(entry.quiz.is_some());
    }

    /// Where the app is when the session has ended: back to the LMS, or told to close.
    pub fn returns(&self) -> bool {
        matches!(&self.link, Link::Cmi5(l) if l.session.data.return_url.is_some())
    }

    /// Keeps the learner's progress on `deck` in the LMS (SCORM's suspend data).
    pub fn save(&self, deck: &Deck, progress: Option<&DeckProgress>) {
        self.unfinished.set(progress.is_some_and(|p| p.quiz.is_some()));
        let Link::Scorm(link) = &self.link else { return };
        if self.ended.get() || !link.records || !self.may_suspend.get() {
            return;
        }
        // Another deck's progress is still waiting to be merged: do not write over it.
        if self.suspended.borrow().is_some() {
            return;
        }
        let empty = DeckProgress::default();
        let encoded = suspend::encode(deck, progress.unwrap_or(&empty), link.api.version.suspend_limit());
        link.write(vec![(link.api.version.suspend_data().into(), encoded.text)]);
        self.after_write(link);
        if encoded.dropped_quiz {
            self.note("Your course keeps too little saved data for this quiz: it resumes in this browser only.".into());
        } else if encoded.dropped_cards > 0 {
            self.note(
                "Your course keeps little saved data: the flashcards you reviewed longest ago are kept in this browser only."
            .into());
        }
    }

    fn after_write(&self, link: &ScormLink) {
        match link.flush() {
            Some(e) => self.problem(e),
            None => self.clear_problems(),
        }
    }

    /// Records answer `index` of `quiz`. `statement` writes the xAPI statement core::report
    /// makes for it, which a cmi5 LRS is sent (made a cmi5 "allowed" statement).
    pub fn answered(
        self: &Rc<Self>,
        deck: &Deck,
        quiz: &Quiz,
        index: usize,
        statement: impl FnOnce() -> Option<String>,
    ) {
        if self.ended.get() {
            return;
        }
        match &self.link {
            Link::Scorm(link) if link.records => {
                let (Some(item), Some(answer)) = (quiz.items.get(index), quiz.answers.get(index)) else {
                    return;
                };
                let v = link.api.version;
                let counted = link
                    .api
                    .get("cmi.interactions._count")
                    .ok()
                    .and_then(|n| n.trim().parse::<usize>().ok());
                let n = counted.unwrap_or(link.written.get());
                let clock = env::clock();
                link.write(v.interaction(n, deck, *item, *answer, clock.now_ms, clock.utc_offset_ms));
                link.written.set(n + 1);
                self.after_write(link);
            }
            Link::Cmi5(link) => {
                if let Some(s) = statement().and_then(|s| link.session.allowed(&s)) {
                    link.queue.borrow_mut().push_back(s);
                    self.pump();
                }
            }
            _ => {}
        }
    }

    /// Records the result of `quiz`, which the trainer's grading rule counts.
    pub fn finished(self: &Rc<Self>, quiz: &Quiz) {
        if self.ended.get() {
            return;
        }
        let results = quiz.results();
        match &self.link {
            Link::Scorm(link) if link.records => {
                link.write(link.api.version.result(&results));
                self.result_recorded.set(true);
                self.after_write(link);
            }
            Link::Cmi5(link) if link.session.counts() => {
                let now = env::now_ms();
                let duration = results.duration_ms;
                let passes = link.session.data.mastery.map_or(results.passed, |m| {
                    results.score.total > 0 && results.score.correct as f64 / results.score.total as f64 >= m
                });
                // Passed once per registration, never Failed after it; Completed once.
                if !link.passed.get() {
                    let stamp = Stamp {
                        id: &env::new_uuid(),
                        at_ms: now,
                    };
                    link.queue
                        .borrow_mut()
                        .push_back(link.session.judged(&stamp, &results, duration));
                    link.passed.set(passes);
                }
                if !link.completed.get() {
                    let stamp = Stamp {
                        id: &env::new_uuid(),
                        at_ms: now,
                    };
                    link.queue
                        .borrow_mut()
                        .push_back(link.session.completed(&stamp, duration));
                    link.completed.set(true);
                }
                self.result_recorded.set(true);
                self.pump();
            }
            _ => {}
        }
    }

    /// Ends the session, once: SCORM writes the session time and whether to resume, commits
    /// and terminates; cmi5 sends `Terminated`. With `leaving`, the page is going away: the
    /// last statements are handed to the browser to finish sending.
    pub fn end(self: &Rc<Self>, leaving: bool) {
        if self.ended.replace(true) {
            return;
        }
        let session_ms = u64::try_from(env::now_ms() - self.started_ms).unwrap_or(0);
        match &self.link {
            Link::Scorm(link) => {
                if link.records {
                    let suspend = self.unfinished.get() || !self.result_recorded.get();
                    link.write(link.api.version.exit(session_ms, suspend));
                    if let Some(e) = link.flush() {
                        self.problem(e);
                    }
                }
                if let Err(e) = link.api.terminate() {
                    self.problem(format!("Your course's LMS did not close the session: {}.", e.0));
                }
            }
            Link::Cmi5(link) => {
                let stamp = Stamp {
                    id: &env::new_uuid(),
                    at_ms: env::now_ms(),
                };
                link.queue
                    .borrow_mut()
                    .push_back(link.session.terminated(&stamp, session_ms));
                if leaving {
                    let unsent: Vec<String> = link.queue.borrow().iter().skip(link.in_flight.get()).cloned().collect();
                    http::send_on_exit(&link.session.launch, &link.token, &format!("[{}]", unsent.join(",")));
                } else {
                    self.pump();
                    self.wait_then_return();
                }
            }
            Link::Broken => {}
        }
        self.changed();
    }

    /// After "Finish" in cmi5: once the LRS has every statement (or after a wait), goes back
    /// to the LMS's return address, if it gave one.
    fn wait_then_return(self: &Rc<Self>) {
        let Link::Cmi5(link) = &self.link else { return };
        let Some(url) = link.session.data.return_url.clone() else {
            return;
        };
        poll_then(self.clone(), FINISH_WAIT_MS, url);
    }

    /// Sends every queued statement, in order, in one request; on failure, tries again later.
    fn pump(self: &Rc<Self>) {
        let Link::Cmi5(link) = &self.link else { return };
        if link.in_flight.get() > 0 || link.queue.borrow().is_empty() || link.retry.borrow().is_some() {
            return;
        }
        let batch: Vec<String> = link.queue.borrow().iter().cloned().collect();
        link.in_flight.set(batch.len());
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Link::Cmi5(link) = &this.link else { return };
            let sent = http::send(
                &link.session.launch,
                &link.token,
                &format!("[{}]", batch.join(",")),
                false,
            )
            .await;
            let count = link.in_flight.replace(0);
            match sent {
                Ok(()) => {
                    link.queue.borrow_mut().drain(..count);
                    this.clear_problems();
                    this.pump();
                }
                Err(why) => {
                    this.problem(format!(
                        "Your results have not reached your course yet: {why}. Keep going: RoleCall keeps them and tries again."
                    ));
                    let again = this.clone();
                    *link.retry.borrow_mut() = Some(Timeout::new(RETRY_MS, move || {
                        if let Link::Cmi5(l) = &again.link {
                            l.retry.borrow_mut().take();
                        }
                        again.pump();
                    }));
                }
            }
        });
    }
}

/// Goes to `url` once every statement is sent, checking every 100 ms for `left` ms at most.
fn poll_then(lms: Rc<Lms>, left: u32, url: String) {
    let sent = matches!(&lms.link, Link::Cmi5(l) if l.queue.borrow().is_empty());
    if sent || left == 0 {
        env::go_to(&url);
        return;
    }
    Timeout::new(100, move || poll_then(lms, left.saturating_sub(100), url)).forget();
}

/// The LMS as the app sees it: re-rendered when its problems or state change, ended when the
/// page goes away.
#[hook]
pub fn use_lms(lms: &Option<Rc<Lms>>) {
    let redraw = use_force_update();
    use_effect_with(lms.clone(), move |lms| {
        let listener = lms.clone().map(|lms| {
            lms.listen(Callback::from(move |()| redraw.force_update()));
            let window = env::window();
            window.map(|w| gloo::events::EventListener::new(&w, "pagehide", move |_| lms.end(true)))
        });
        move || drop(listener)
    });
}
