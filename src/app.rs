//! The root component: it calls one hook per concern and picks the screen; it decides nothing.
//!
//! Every rule lives in the pure core: events go to `core::learner`, which returns the next state
//! with the effects to carry out (`app::effects`). The hooks, one file each, are the shell:
//! - [`location`]: the route and the URL's settings; [`progress_store`]: saved progress;
//! - [`learner`]: the learner state, whose events run their effects ([`effects`]);
//! - [`deck_source`]: a deck named in the URL; [`host_page`]: the embedding page;
//! - [`announcer`], [`help`], [`dismissed`] notices, [`share`], [`page`], [`shortcuts`];
//! - [`screen`]: which view to show.

pub mod announcer;
pub mod deck_source;
pub mod dismissed;
pub mod effects;
pub mod export;
pub mod help;
pub mod host_page;
pub mod learner;
// The LMS run-time is in the app built for LMS launches only; the plain app has a stand-in
// with the same interface that never connects, so none of the run-time is in its wasm.
#[cfg(feature = "lms")]
pub mod lms;
#[cfg(not(feature = "lms"))]
#[path = "app/lms_off.rs"]
pub mod lms;
pub mod location;
pub mod page;
pub mod progress_store;
pub mod screen;
pub mod setup_errors;
pub mod share;
pub mod shortcuts;

use crate::components::header::{footer, header, skip_link, HeaderProps};
use crate::components::help::Help;
use crate::components::notices::{notices as notice_list, NoticesProps};
use crate::core::config::Mode;
use crate::core::deck::Deck;
use crate::core::learner::{DeckSource, Event};
use crate::core::notices::{self, Situation};
use effects::Effects;
use screen::{screen, Screen};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The built-in deck, already validated.
    pub builtin: Rc<Deck>,
    /// The LMS the app was launched from, connected.
    #[prop_or_default]
    pub lms: Option<Rc<Lms>>,
}

/// The page's root in the build for LMS launches: connects to the LMS, then starts the app.
#[cfg(feature = "lms")]
#[component]
pub fn Root(props: &AppProps) -> Html {
    let stage = use_state(|| match lms::connect() {
        Launch::None => Stage::Ready(None),
        Launch::Ready(lms) => {
            env::set_launch_query(lms.launch_query());
            Stage::Ready(Some(lms))
        }
        Launch::Cmi5(params) => Stage::Connecting(params),
    });
    {
        let stage = stage.clone();
        use_effect_with((), move |_| {
            if let Stage::Connecting(params) = &*stage {
                let params = params.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let lms = lms::connect_cmi5(params).await;
                    env::set_launch_query(lms.launch_query());
                    stage.set(Stage::Ready(Some(lms)));
                });
            }
        });
    }
    match &*stage {
        Stage::Connecting(_) => html! {
            <div class="app embed"><main id="main" tabindex="-1">{ loading("Connecting to your course\u{2026}") }</main></div>
        },
        Stage::Ready(lms) => html! { <App builtin={props.builtin.clone()} lms={lms.clone()} /> },
    }
}

#[cfg(feature = "lms")]
enum Stage {
    Connecting(crate::core::cmi5::LaunchParams),
    Ready(Option<Rc<Lms>>),
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let location = use_location();
    let store = use_progress_store();
    let host = use_host(location.config.parent_origin.clone());
    let announcer = use_announcer();
    use_lms(&props.lms);
    let effects = Effects::new(&store, &host, &announcer, &location, &props.lms);
    let learner = use_learner(
        || store.learner(&props.builtin, &location.config, props.lms.as_deref()),
        effects,
    );
    use_deck_download(&learner, &props.lms);
    let root = use_node_ref();
    use_host_page(&host, &root, &learner.deck, Mode::of(&location.route));
    let embed = location.config.embed;
    use_page(embed, &learner.deck.title);
    let (theme, on_theme) = use_theme(&learner, location.config.theme);
    let help = use_help();
    use_shortcuts(&learner, &location, &help);
    let dismissed = use_dismissed();
    let share = use_share();

    let (plan, unknown_tags) = location.config.quiz_plan(&learner.deck);
    let learner_facing = location.config.learner_facing(host.is_framed());
    let confined = location.config.confined();
    // An embedded learner whose activity could not be set up has nowhere to go: the built-in
    // deck's screens would be unrelated content, and there is no progress to speak of.
    let stranded = learner_facing && matches!(learner.source, DeckSource::Failed(_));
    let situation = Situation {
        params: &location.notices,
        // Tags are checked against the deck they name: not the built-in one while it downloads.
        unknown_tags: unknown_tags
            .as_ref()
            .filter(|_| !matches!(learner.source, DeckSource::Loading(_))),
        quiz_not_resumed: learner.quiz_not_resumed(),
        board_not_resumed: learner.board_not_resumed(),
        storage: store.status(),
        learner_facing,
    };
    // Outside an embed the screen itself tells the whole story; inside one, the trainer is told.
    let mut setup_errors = Vec::new();
    if learner_facing {
        setup_errors = notices::setup_errors(&situation);
        if let DeckSource::Failed(failure) = &learner.source {
            setup_errors.push(failure.setup_error());
        }
    }
    use_setup_errors(&host, setup_errors);
    let notices = if stranded {
        Vec::new()
    } else {
        notices::notices(&situation, dismissed.ids())
    };
    let ended = props.lms.as_ref().is_some_and(|l| l.has_ended());
    let view = if ended {
        finished(props.lms.as_deref())
    } else {
        screen(&Screen {
            learner: &learner,
            location: &location,
            plan: &plan,
            storage: store.status(),
            share: &share,
            on_export: export::on_export(&learner),
            learner_facing,
            confined,
            say: {
                let announcer = announcer.clone();
                Callback::from(move |text: String| announcer.say(&text))
            },
        })
    };
    let lms_bar = props.lms.as_ref().filter(|_| !ended).map(|lms| {
        let on_finish = {
            let lms = lms.clone();
            Callback::from(move |()| lms.end(false))
        };
        html! { <LmsBar label={lms.label().map(AttrValue::from)} problems={Rc::from(lms.problems())} {on_finish} /> }
    });
    let masthead = header(HeaderProps {
        route: location.route.clone(),
        theme,
        embed,
        confined: confined || stranded || ended,
        on_theme,
        on_help: help.on_open(),
    });
    html! {
        <div class={classes!("app", embed.then_some("embed"))} ref={root}>
            { skip_link() }
            if !embed { { masthead.clone() } }
            <main id="main" tabindex="-1">
                { notice_list(NoticesProps {
                    notices: notices.into(),
                    on_dismiss: dismissed.on_dismiss(),
                    on_action: export::on_notice_action(&learner, &store),
                }) }
                { view }
            </main>
            { for lms_bar }
            { footer(embed, confined || stranded || ended, masthead, &crate::web::env::studio_url()) }
            <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="live">{ announcer.text() }</div>
            <Help open={help.is_open()} deck={learner.deck.clone()} shortcuts={learner.progress.settings.shortcuts}
                on_close={help.on_close()} on_shortcuts={learner.callback(Event::Shortcuts)} />
        </div>
    }
}

/// The screen after the learner finished an LMS session: nothing more to do here.
fn finished(lms: Option<&Lms>) -> Html {
    let message = if lms.is_some_and(Lms::returns) {
        "Your results are saved in your course. Taking you back to it\u{2026}"
    } else {
        "Your results are saved in your course. You can close this window."
    };
    html! {
        <section class="screen error-screen" aria-labelledby="finished-title" data-testid="lms-finished">
            <div class="error-icon done">{ icon(Icon::Check) }</div>
            <h1 id="finished-title">{ "You have finished" }</h1>
            <p class="lead">{ message }</p>
        </section>
    }
}

#[cfg(feature = "lms")]
use crate::components::error_screen::loading;
use crate::components::icons::{icon, Icon};
use crate::components::lms_bar::LmsBar;
#[cfg(feature = "lms")]
use crate::web::env;
use announcer::use_announcer;
use deck_source::use_deck_download;
use dismissed::use_dismissed;
use help::use_help;
use host_page::{use_host, use_host_page};
use learner::use_learner;
#[cfg(feature = "lms")]
use lms::Launch;
use lms::{use_lms, Lms};
use location::use_location;
use page::{use_page, use_theme};
use progress_store::use_progress_store;
use setup_errors::use_setup_errors;
use share::use_share;
use shortcuts::use_shortcuts;
