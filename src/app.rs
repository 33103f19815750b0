//! The root component: owns the learner state, storage status and location; wires callbacks to
//! the core; runs the side effects (saving, reporting to the host, announcing); picks the screen.

pub mod hooks;
pub mod keys;
pub mod state;

use crate::components::cards_view::{cards_view, CardsViewProps};
use crate::components::embed_builder::EmbedBuilder;
use crate::components::error_screen::{error_screen, loading, ErrorScreenProps};
use crate::components::header::{header, HeaderProps};
use crate::components::help::Help;
use crate::components::home::{home, HomeProps};
use crate::components::notices::{notices as notice_list, Level, Notice, NoticesProps};
use crate::components::quiz_start::QuizStart;
use crate::components::quiz_view::QuizView;
use crate::components::results::{share_text, Results};
use crate::components::stats::Stats;
use crate::core::cards::{Grade, Scope, StudyPhase};
use crate::core::config::Route;
use crate::core::deck::{Deck, Tag};
use crate::core::learner::{Event, Learner};
use crate::core::progress::{Progress, Settings, Theme};
use crate::core::quiz::{self, Length, Quiz, QuizSpec, DEFAULT_PASS_MARK};
use crate::core::report::{self, Context};
use crate::web::host::{self, Host};
use crate::web::storage::{self, Status};
use crate::web::{env, files, net};
use hooks::{use_keydown, use_location};
use keys::{command, Command, KeyContext, Press, QuizKeys};
use state::LearnerState;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The built-in deck, already validated.
    pub builtin: Rc<Deck>,
}

/// Where the deck in use comes from.
#[derive(Clone, Debug, PartialEq)]
enum DeckSource {
    Builtin,
    Loading(String),
    Custom(String),
    Failed {
        url: String,
        message: String,
        detail: Option<String>,
    },
}

/// What storage loading found at start-up.
struct Boot {
    progress: Progress,
    status: Status,
    unreadable: Option<Rc<str>>,
}

fn storage_note(status: &Status) -> &'static str {
    match status {
        Status::Saving => "Progress is saved in this browser only. Export it to move it to another browser or device.",
        Status::Blocked => "Your browser blocks storage here (common in embedded frames), so progress lasts only until you close this page. Export it from Progress to keep it.",
        Status::Full => "Storage is full: your latest progress is not saved. Export it to keep it.",
        Status::KeptAside { .. } => "Earlier progress could not be read; it was kept aside untouched, and new progress is saved.",
        Status::Protected { .. } => "Saved progress could not be used and is left untouched, so nothing you do now is saved. Export to keep a copy.",
    }
}

fn storage_notice(status: &Status) -> Option<Notice> {
    let (text, action) = match status {
        Status::Saving => return None,
        Status::Blocked => (storage_note(status).to_string(), None),
        Status::Full => (storage_note(status).to_string(), Some(("Export progress", "export"))),
        Status::KeptAside { reason, .. } => (
            format!("Your saved progress could not be read ({reason}). It was kept aside, untouched, and you are starting fresh."),
            Some(("Export the unreadable data", "export-unreadable")),
        ),
        Status::Protected { reason } => (
            format!("Your saved progress could not be used: {reason}. It is left untouched, so progress made now will not be saved."),
            Some(("Export the saved data", "export-unreadable")),
        ),
    };
    Some(Notice {
        id: "storage".into(),
        level: Level::Warning,
        text: text.into(),
        action: action.map(|(l, a)| (AttrValue::from(l), AttrValue::from(a))),
    })
}

/// Resolves the URL's `tags` against the deck: the tags found, and a notice for any not found.
fn resolve_tags(deck: &Deck, wanted: Option<&Vec<String>>) -> (Option<Vec<Tag>>, Option<Notice>) {
    let Some(wanted) = wanted else { return (None, None) };
    let (found, missing): (Vec<_>, Vec<_>) = wanted.iter().partition(|t| deck.tag_by_id(t).is_some());
    let tags: Vec<Tag> = found.iter().filter_map(|t| deck.tag_by_id(t)).collect();
    let notice = (!missing.is_empty()).then(|| {
        let allowed: Vec<&str> = deck.categories.iter().map(|c| c.id.as_str()).collect();
        let names: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
        Notice {
            id: "param-tags-deck".into(),
            level: Level::Warning,
            text: format!(
                "Ignored tags={}: not a category of this deck (use {}).",
                names.join(","),
                allowed.join(", ")
            )
            .into(),
            action: None,
        }
    });
    (if tags.is_empty() { None } else { Some(tags) }, notice)
}

fn today_stamp() -> String {
    report::iso_timestamp(env::now_ms()).chars().take(10).collect()
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let location = use_location();
    let boot = use_memo((), |_| {
        let load = storage::load(env::now_ms(), env::new_uuid);
        Boot {
            progress: load.progress,
            status: load.status,
            unreadable: load.unreadable.map(Rc::from),
        }
    });
    let learner = {
        let (boot, builtin) = (boot.clone(), props.builtin.clone());
        use_reducer(move || LearnerState(Learner::new(boot.progress.clone(), builtin, env::now_ms())))
    };
    let status = {
        let boot = boot.clone();
        use_state(move || boot.status.clone())
    };
    let deck_source = {
        let url = location.config.deck.clone();
        use_state(move || url.map_or(DeckSource::Builtin, DeckSource::Loading))
    };
    let dismissed = use_state(Vec::<AttrValue>::new);
    let help_open = use_state(|| false);
    let announce = use_state(String::new);
    let share = use_state(|| (None::<AttrValue>, None::<AttrValue>));
    let start_error = use_state(|| None::<AttrValue>);
    let theme_override = {
        let t = location.config.theme;
        use_state(move || t)
    };
    let host = {
        let parent = location.config.parent_origin.clone();
        use_memo(parent, |p| Rc::new(Host::new(p.as_deref())))
    };
    let root = use_node_ref();

    let l = &learner.0;
    let deck = l.deck.clone();
    let settings = l.progress.settings.clone();
    let shortcuts = settings.shortcuts;
    let config = location.config.clone();
    let embed = config.embed;
    let theme = theme_override.unwrap_or(settings.theme);
    let pass_mark = config.pass.unwrap_or(DEFAULT_PASS_MARK);
    let (only, tags_notice) = resolve_tags(&deck, config.tags.as_ref());

    // --- Effects -------------------------------------------------------------------------

    // Save on every change to progress, as far as the storage status allows.
    {
        // The handle, not a copy of the progress: nothing is cloned on renders that save nothing.
        let (status, learner) = (status.clone(), learner.clone());
        use_effect_with(l.revision, move |rev| {
            if *rev > 0 {
                let next = storage::save(&learner.0.progress, &status);
                if next != *status {
                    status.set(next);
                }
            }
        });
    }

    use_effect_with(theme, |t| env::apply_theme(*t));
    use_effect_with(embed, |e| env::set_root_flag("data-embed", *e));
    use_effect_with(deck.title.clone(), |title| {
        env::set_title(&format!("RoleCall: {title}"))
    });

    // Load a custom deck named in the URL.
    {
        let (deck_source, learner) = (deck_source.clone(), learner.dispatcher());
        use_effect_with((*deck_source).clone(), move |source| {
            if let DeckSource::Loading(url) = source.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = net::fetch_bytes(&url)
                        .await
                        .and_then(|bytes| Deck::parse(&bytes).map_err(|e| e.to_string()));
                    match result {
                        Ok(deck) => {
                            learner.dispatch(Event::UseDeck {
                                deck: Rc::new(deck),
                                now_ms: env::now_ms(),
                            });
                            deck_source.set(DeckSource::Custom(url));
                        }
                        Err(message) => {
                            let (message, detail) = match message.split_once('\n') {
                                Some((head, rest)) => (head.to_string(), Some(rest.to_string())),
                                None => (message, None),
                            };
                            deck_source.set(DeckSource::Failed { url, message, detail });
                        }
                    }
                });
            }
        });
    }

    // Tell the embedding page the content height, and that the app is ready.
    {
        let (root, host, deck_id) = (root.clone(), (*host).clone(), deck.id.0.clone());
        let mode = if location.route == Route::Cards {
            "cards"
        } else {
            "quiz"
        };
        let ready_deck = deck.clone();
        use_effect_with(deck_id, move |_| {
            // A framed page must not stretch to the viewport, or the frame could never shrink.
            env::set_root_flag("data-framed", host.is_framed());
            let resizer = root
                .cast::<web_sys::Element>()
                .and_then(|el| host::start(el, host.clone()));
            host.send_result(&report::ready_event(&ready_deck, mode));
            env::set_root_flag("data-ready", true);
            move || drop(resizer)
        });
    }

    // Report answers and results to the host, announce feedback, and show results at the end.
    {
        // (attempt, answers given, finished): what has been reported. A quiz resumed after a reload
        // starts as already reported, so nothing is sent twice.
        let key = l
            .quiz
            .as_ref()
            .map(|q| (q.registration.clone(), q.answers.len(), q.is_finished()));
        let seen = {
            let first = key.clone();
            use_mut_ref(move || first)
        };
        let (host, announce, deck, learner) = ((*host).clone(), announce.clone(), deck.clone(), learner.clone());
        use_effect_with(key, move |key| {
            let Some((reg, answered, finished)) = key.clone() else {
                return;
            };
            let Some(quiz) = &learner.0.quiz else { return };
            let mut seen = seen.borrow_mut();
            let (from, was_finished) = match &*seen {
                Some((r, n, f)) if *r == reg => (*n, *f),
                _ => (0, false),
            };
            *seen = Some((reg.clone(), answered, finished));
            let reporting = host.results_origin().is_some();
            let app_url = env::app_url();
            let app_origin = env::origin();
            let cx = Context {
                app_url: &app_url,
                app_origin: &app_origin,
                learner: &learner.0.progress.learner,
                registration: &reg,
            };
            for i in from..answered {
                let (Some(item), Some(answer)) = (quiz.items.get(i), quiz.answers.get(i)) else {
                    continue;
                };
                // Statements are only built when there is somewhere to send them.
                if reporting {
                    let id = env::new_uuid();
                    let statement = report::answered_statement(&cx, &deck, *item, *answer, &id, env::now_ms());
                    host.send_result(&report::xapi_envelope(&statement));
                    host.send_result(&report::answered_event(&deck, *item, *answer, i, quiz.items.len()));
                }
                if i + 1 == answered {
                    let label = |t: Tag| deck.category(t).map(|c| c.label.clone()).unwrap_or_default();
                    announce.set(if answer.correct {
                        format!("Correct. The answer is {}.", label(item.truth))
                    } else {
                        format!(
                            "Not quite. The answer is {}; you said {}.",
                            label(item.truth),
                            label(answer.picked)
                        )
                    });
                }
            }
            if finished && !was_finished && answered > 0 {
                let r = quiz.results();
                if reporting {
                    let ids = [env::new_uuid(), env::new_uuid()];
                    let at = env::now_ms();
                    for s in report::finished_statements(&cx, &deck, &r, quiz.pass_mark, [&ids[0], &ids[1]], at) {
                        host.send_result(&report::xapi_envelope(&s));
                    }
                    host.send_result(&report::completed_event(&deck, &r, quiz.pass_mark));
                }
                announce.set(format!(
                    "Quiz finished: {} of {} correct.",
                    r.score.correct, r.score.total
                ));
                env::navigate(&Route::Results);
            }
        });
    }

    // Announce the face of a flipped flashcard.
    {
        let announce = announce.clone();
        let phase = l.study.as_ref().map(|s| s.phase);
        let deck = deck.clone();
        use_effect_with(phase, move |phase| {
            if let Some(StudyPhase::Back { card, picked }) = phase {
                if let Some(s) = deck.statements.get(*card) {
                    let label = deck.category(s.tag).map(|c| c.label.clone()).unwrap_or_default();
                    let verdict = match picked {
                        Some(p) if *p == s.tag => "Correct. ",
                        Some(_) => "Not quite. ",
                        None => "",
                    };
                    announce.set(format!("Back of the card. {verdict}{label}. {}", s.explanation));
                }
            }
        });
    }

    // --- Callbacks -----------------------------------------------------------------------

    let dispatch = learner.dispatcher();
    let clock = env::clock;

    let on_start = {
        let (dispatch, deck, start_error) = (dispatch.clone(), deck.clone(), start_error.clone());
        let (seed, only) = (config.seed, only.clone());
        Callback::from(move |length: Length| {
            let spec = QuizSpec {
                length,
                seed: seed.unwrap_or_else(env::new_seed),
                only: only.clone(),
                pass_mark,
                registration: env::new_uuid(),
            };
            match Quiz::new(&deck, &spec, env::now_ms()) {
                Ok(q) => {
                    start_error.set(None);
                    dispatch.dispatch(Event::StartQuiz(q));
                }
                Err(e) => start_error.set(Some(e.to_string().into())),
            }
        })
    };
    let on_pick = {
        let dispatch = dispatch.clone();
        Callback::from(move |tag: Tag| {
            dispatch.dispatch(Event::Quiz(quiz::Action::Pick {
                tag,
                at_ms: env::now_ms(),
            }))
        })
    };
    let on_next = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Event::Quiz(quiz::Action::Next { at_ms: env::now_ms() })))
    };
    let on_quit = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Event::CloseQuiz))
    };
    let on_retry_missed = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Event::RetryMissed {
                now_ms: env::now_ms(),
                registration: env::new_uuid(),
            });
            env::navigate(&Route::Quiz);
        })
    };
    let on_study_missed = {
        let (dispatch, quiz) = (dispatch.clone(), l.quiz.clone());
        Callback::from(move |_| {
            let Some(q) = &quiz else { return };
            let missed: Vec<usize> = q
                .results()
                .missed
                .iter()
                .filter_map(|&i| q.items.get(i).map(|it| it.statement))
                .collect();
            dispatch.dispatch(Event::StartStudy {
                scope: Scope::Only(missed.into()),
                clock: clock(),
            });
            env::navigate(&Route::Cards);
        })
    };
    let on_new_quiz = {
        let (dispatch, deck, quiz, only) = (dispatch.clone(), deck.clone(), l.quiz.clone(), only.clone());
        Callback::from(move |_| {
            let length = match &quiz {
                Some(q) if q.origin == quiz::Origin::Fresh && q.items.len() < deck.statements.len() => {
                    Length::Count(q.items.len())
                }
                _ => Length::All,
            };
            let spec = QuizSpec {
                length,
                seed: env::new_seed(),
                only: only.clone(),
                pass_mark,
                registration: env::new_uuid(),
            };
            if let Ok(q) = Quiz::new(&deck, &spec, env::now_ms()) {
                dispatch.dispatch(Event::StartQuiz(q));
            }
            env::navigate(&Route::Quiz);
        })
    };
    let on_share = {
        let (share, deck, quiz) = (share.clone(), deck.clone(), l.quiz.clone());
        Callback::from(move |_| {
            let Some(q) = &quiz else { return };
            let text = share_text(&deck, &q.results(), q.pass_mark, &env::app_url());
            let share = share.clone();
            wasm_bindgen_futures::spawn_local(async move {
                share.set(match files::copy(&text).await {
                    Ok(()) => (Some("Result copied to the clipboard.".into()), None),
                    Err(()) => (
                        Some("Copying is not allowed here; copy the text below.".into()),
                        Some(text.into()),
                    ),
                });
            });
        })
    };
    let on_settings = {
        let dispatch = dispatch.clone();
        Callback::from(move |s: Settings| dispatch.dispatch(Event::Settings(s)))
    };
    let on_theme = {
        let (on_settings, settings, theme_override) = (on_settings.clone(), settings.clone(), theme_override.clone());
        Callback::from(move |t: Theme| {
            theme_override.set(None);
            on_settings.emit(Settings {
                theme: t,
                ..settings.clone()
            });
        })
    };
    let on_shortcuts = {
        let (on_settings, settings) = (on_settings.clone(), settings.clone());
        Callback::from(move |on: bool| {
            on_settings.emit(Settings {
                shortcuts: on,
                ..settings.clone()
            })
        })
    };
    let open_help = {
        let help_open = help_open.clone();
        Callback::from(move |_| help_open.set(true))
    };
    let close_help = {
        // Help reports a close both at once and with the dialog's later `close` event; only the
        // first changes anything.
        let help_open = help_open.clone();
        Callback::from(move |_| {
            if *help_open {
                help_open.set(false)
            }
        })
    };
    let on_card_start = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Event::StartStudy {
                scope: Scope::Due,
                clock: clock(),
            })
        })
    };
    let on_card_end = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Event::EndStudy))
    };
    let on_flip = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Event::Flip))
    };
    let on_card_pick = {
        let dispatch = dispatch.clone();
        Callback::from(move |tag: Tag| dispatch.dispatch(Event::PickCard { tag, clock: clock() }))
    };
    let on_grade = {
        let dispatch = dispatch.clone();
        Callback::from(move |grade: Grade| dispatch.dispatch(Event::Grade { grade, clock: clock() }))
    };
    let on_card_next = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Event::NextCard { clock: clock() }))
    };
    let on_export = {
        let progress = l.progress.clone();
        Callback::from(move |_| {
            files::download(
                &format!("rolecall-progress-{}.json", today_stamp()),
                &progress.encode(),
                "application/json",
            );
        })
    };
    let on_import = {
        let dispatch = dispatch.clone();
        Callback::from(move |(progress, merge): (Progress, bool)| dispatch.dispatch(Event::Import { progress, merge }))
    };
    let on_reset = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Event::Reset {
                learner: env::new_uuid(),
            })
        })
    };
    let on_dismiss = {
        let dismissed = dismissed.clone();
        Callback::from(move |id: AttrValue| {
            let mut next = (*dismissed).clone();
            next.push(id);
            dismissed.set(next);
        })
    };
    let on_notice_action = {
        let (on_export, unreadable) = (on_export.clone(), boot.unreadable.clone());
        Callback::from(move |action: AttrValue| match action.as_str() {
            "export" => on_export.emit(()),
            "export-unreadable" => {
                if let Some(raw) = &unreadable {
                    files::download(
                        &format!("rolecall-unreadable-{}.json", today_stamp()),
                        raw,
                        "application/json",
                    );
                }
            }
            _ => {}
        })
    };
    let use_builtin = {
        let (deck_source, dispatch, builtin) = (deck_source.clone(), dispatch.clone(), props.builtin.clone());
        Callback::from(move |_| {
            dispatch.dispatch(Event::UseDeck {
                deck: builtin.clone(),
                now_ms: env::now_ms(),
            });
            deck_source.set(DeckSource::Builtin);
            env::navigate(&Route::Home);
        })
    };

    // Keyboard shortcuts, from one listener.
    {
        let cx = KeyContext {
            route: location.route.clone(),
            quiz: match l.quiz.as_ref().map(|q| q.phase) {
                Some(quiz::Phase::Asking { .. }) => QuizKeys::Asking,
                Some(quiz::Phase::Answered { .. }) => QuizKeys::Answered,
                _ => QuizKeys::None,
            },
            study: l.study.as_ref().map(|s| (s.phase, s.mode)),
            shortcuts,
            help_open: *help_open,
        };
        let deck = deck.clone();
        let (on_pick, on_next, on_flip, on_card_pick, on_grade, on_card_next, open_help) = (
            on_pick.clone(),
            on_next.clone(),
            on_flip.clone(),
            on_card_pick.clone(),
            on_grade.clone(),
            on_card_next.clone(),
            open_help.clone(),
        );
        use_keydown(Callback::from(move |e: web_sys::KeyboardEvent| {
            let press = Press {
                modified: e.ctrl_key() || e.alt_key() || e.meta_key(),
                in_field: env::typing_in_field(e.target()),
                on_control: env::activates_on_enter(e.target()),
            };
            let Some(cmd) = command(&cx, &deck, &e.key(), press) else {
                return;
            };
            e.prevent_default();
            match cmd {
                Command::Pick(t) => on_pick.emit(t),
                Command::Next => on_next.emit(()),
                Command::Flip => on_flip.emit(()),
                Command::CardPick(t) => on_card_pick.emit(t),
                Command::Grade(g) => on_grade.emit(g),
                Command::CardNext => on_card_next.emit(()),
                Command::Help => open_help.emit(()),
            }
        }));
    }

    // --- View ----------------------------------------------------------------------------

    // Borrowed, not copied: a render on the quiz screen must not clone every card's schedule.
    let no_progress = crate::core::progress::DeckProgress::default();
    let deck_progress = l.progress.decks.get(&deck.id.0).unwrap_or(&no_progress);
    let history = || -> Rc<[_]> { deck_progress.history.clone().into() };
    let notices: Rc<[Notice]> = location
        .notices
        .iter()
        .map(|n| Notice {
            id: format!("param-{}", n.param).into(),
            level: Level::Warning,
            text: n.to_string().into(),
            action: None,
        })
        .chain(tags_notice)
        .chain(l.quiz_not_resumed().then(|| Notice {
            id: "quiz-not-resumed".into(),
            level: Level::Info,
            text: "Your unfinished quiz could not be resumed: this deck has changed since it was saved. Start a new quiz; your history and flashcards are unchanged.".into(),
            action: None,
        }))
        .chain(storage_notice(&status))
        .filter(|n| !dismissed.contains(&n.id))
        .collect();

    let screen = match (&*deck_source, &location.route) {
        (DeckSource::Loading(_), _) => loading("Loading the deck\u{2026}"),
        (DeckSource::Failed { url, message, detail }, _) => error_screen(ErrorScreenProps {
            title: "This deck could not be loaded".into(),
            message: format!("{url}: {message}").into(),
            detail: detail.clone().map(AttrValue::from),
            action: Some(("Use the built-in deck".into(), use_builtin.clone())),
            testid: Some("deck-error".into()),
        }),
        (_, Route::Home) => {
            let today = deck_progress.cards.today(&deck, settings.new_per_day, clock());
            let unfinished = l.quiz.as_ref().filter(|q| !q.is_finished()).and_then(|q| {
                q.current()
                    .map(|(i, _)| AttrValue::from(format!("question {} of {}", i + 1, q.items.len())))
            });
            let custom = match &*deck_source {
                DeckSource::Custom(url) => Some(AttrValue::from(url.clone())),
                _ => None,
            };
            home(HomeProps {
                deck: deck.clone(),
                cards_waiting: today.due + today.new_available,
                best: deck_progress.best,
                unfinished,
                custom_source: custom,
            })
        }
        (_, Route::Quiz) => match l.quiz.as_ref().filter(|q| !q.is_finished()) {
            Some(q) => html! {
                <QuizView deck={deck.clone()} quiz={Rc::new(q.clone())} {shortcuts}
                    on_pick={on_pick.clone()} on_next={on_next.clone()} on_quit={on_quit.clone()} />
            },
            None => {
                let available = deck
                    .statements
                    .iter()
                    .filter(|s| only.as_ref().is_none_or(|o| o.contains(&s.tag)))
                    .count();
                html! {
                    <QuizStart deck={deck.clone()} {available} requested={config.n} seed={config.seed}
                        only={only.clone().map(Rc::from)} {pass_mark} best={deck_progress.best}
                        error={(*start_error).clone()} on_start={on_start.clone()} />
                }
            }
        },
        (_, Route::Results) => match l.quiz.as_ref().filter(|q| q.is_finished()) {
            Some(q) => html! {
                <Results deck={deck.clone()} quiz={Rc::new(q.clone())} history={history()} best={deck_progress.best}
                    kept={!matches!(*status, Status::Blocked | Status::Protected { .. })}
                    share_status={share.0.clone()} share_fallback={share.1.clone()}
                    on_retry_missed={on_retry_missed} on_study_missed={on_study_missed}
                    on_new_quiz={on_new_quiz} on_share={on_share} />
            },
            None => error_screen(ErrorScreenProps {
                title: "No results yet".into(),
                message: "Finish a quiz and its results appear here.".into(),
                detail: None,
                action: Some(("Go to the quiz".into(), Callback::from(|_| env::navigate(&Route::Quiz)))),
                testid: Some("no-results".into()),
            }),
        },
        (_, Route::Cards) => cards_view(CardsViewProps {
            deck: deck.clone(),
            study: l.study.clone().map(Rc::new),
            progress: Rc::new(deck_progress.clone()),
            settings: Rc::new(settings.clone()),
            clock: clock(),
            shortcuts,
            on_start: on_card_start,
            on_end: on_card_end,
            on_settings: on_settings.clone(),
            on_flip,
            on_pick: on_card_pick,
            on_grade,
            on_next: on_card_next,
        }),
        (_, Route::Stats) => {
            let c = clock();
            html! {
                <Stats counts={deck_progress.cards.counts(&deck)} forecast={Rc::from(deck_progress.cards.forecast(&deck, 7, c))}
                    history={history()} {pass_mark} clock={c} storage_note={storage_note(&status)}
                    on_export={on_export} on_import={on_import} on_reset={on_reset} />
            }
        }
        (_, Route::Embed) => html! { <EmbedBuilder app_url={env::app_url()} /> },
        (_, Route::NotFound(path)) => error_screen(ErrorScreenProps {
            title: "Nothing here".into(),
            message: format!("RoleCall has no page at #{path}. The links above lead to every screen.").into(),
            detail: None,
            action: None,
            testid: Some("not-found".into()),
        }),
    };

    // In embed mode the same bar sits at the bottom, compact.
    let masthead = header(HeaderProps {
        route: location.route.clone(),
        theme,
        embed,
        on_theme,
        on_help: open_help,
    });

    html! {
        <div class={classes!("app", embed.then_some("embed"))} ref={root}>
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| {
                // The hash belongs to the router, so move focus without changing it.
                e.prevent_default();
                if let Some(m) = env::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
                    if let Ok(m) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m) { let _ = m.focus(); }
                }
            })}>{ "Skip to content" }</a>
            if !embed { { masthead.clone() } }
            <main id="main" tabindex="-1">
                { notice_list(NoticesProps { notices, on_dismiss, on_action: on_notice_action }) }
                { screen }
            </main>
            <footer class="site-footer">
                if embed {
                    { masthead }
                } else {
                    <p>{ "RoleCall runs entirely in your browser; your progress stays on this device. " }
                        <a href="#/embed">{ "Embed it in your course" }</a>{ " \u{b7} " }
                        <a href="deck.schema.json">{ "Deck format (JSON Schema)" }</a></p>
                }
            </footer>
            <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="live">{ (*announce).clone() }</div>
            <Help open={*help_open} deck={deck.clone()} {shortcuts} on_close={close_help} on_shortcuts={on_shortcuts} />
        </div>
    }
}
