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
pub mod location;
pub mod page;
pub mod progress_store;
pub mod screen;
pub mod share;
pub mod shortcuts;

use crate::components::header::{header, HeaderProps};
use crate::components::help::Help;
use crate::components::notices::{notices as notice_list, NoticesProps};
use crate::core::config::Mode;
use crate::core::deck::Deck;
use crate::core::learner::{Event, Learner};
use crate::core::notices::{self, NoticeAction, Situation};
use crate::core::progress::Settings;
use crate::web::env;
use effects::Effects;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The built-in deck, already validated.
    pub builtin: Rc<Deck>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let location = use_location();
    let store = use_progress_store();
    let host = use_host(location.config.parent_origin.clone());
    let announcer = use_announcer();
    let effects = Effects {
        store: store.clone(),
        host: host.clone(),
        announcer: announcer.clone(),
        location: location.clone(),
    };
    let init = || {
        Learner::new(
            (*store.loaded).clone(),
            props.builtin.clone(),
            location.config.deck.clone(),
            env::now_ms(),
        )
    };
    let learner = use_learner(init, effects);
    use_deck_download(&learner);
    let root = use_node_ref();
    use_host_page(&host, &root, &learner.deck, Mode::of(&location.route));
    let embed = location.config.embed;
    use_page(embed, &learner.deck.title);
    let (theme, on_theme) = use_theme(&learner, location.config.theme);
    let help = use_help();
    use_shortcuts(&learner, &location.route, &help);
    let dismissed = use_dismissed();
    let share = use_share();

    let (plan, unknown_tags) = location.config.quiz_plan(&learner.deck);
    let situation = Situation {
        params: &location.notices,
        unknown_tags: unknown_tags.as_ref(),
        quiz_not_resumed: learner.quiz_not_resumed(),
        storage: store.status(),
    };
    let on_export = {
        let learner = learner.clone();
        Callback::from(move |()| export::progress(&learner.progress))
    };
    let on_notice_action = {
        let (on_export, store) = (on_export.clone(), store.clone());
        Callback::from(move |action| match action {
            NoticeAction::ExportProgress => on_export.emit(()),
            NoticeAction::ExportUnreadable => store.unreadable().into_iter().for_each(export::unreadable),
        })
    };
    let settings = learner.progress.settings.clone();
    let on_shortcuts = learner.callback(move |shortcuts| {
        Event::Settings(Settings {
            shortcuts,
            ..settings.clone()
        })
    });
    let view = screen::screen(&screen::Screen {
        learner: &learner,
        location: &location,
        plan: &plan,
        storage: store.status(),
        share: &share,
        on_export,
    });
    // In embed mode the same bar sits at the bottom, compact.
    let masthead = header(HeaderProps {
        route: location.route.clone(),
        theme,
        embed,
        on_theme,
        on_help: Callback::from({
            let help = help.clone();
            move |()| help.open()
        }),
    });
    html! {
        <div class={classes!("app", embed.then_some("embed"))} ref={root}>
            <a class="skip-link" href="#main" onclick={Callback::from(|e: MouseEvent| {
                // The hash belongs to the router, so move focus without changing it.
                e.prevent_default();
                env::focus_id("main");
            })}>{ "Skip to content" }</a>
            if !embed { { masthead.clone() } }
            <main id="main" tabindex="-1">
                { notice_list(NoticesProps {
                    notices: notices::notices(&situation, dismissed.ids()).into(),
                    on_dismiss: dismissed.on_dismiss(),
                    on_action: on_notice_action,
                }) }
                { view }
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
            <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="live">{ announcer.text() }</div>
            <Help open={help.is_open()} deck={learner.deck.clone()} shortcuts={learner.progress.settings.shortcuts}
                on_close={Callback::from(move |()| help.close())} {on_shortcuts} />
        </div>
    }
}

use announcer::use_announcer;
use deck_source::use_deck_download;
use dismissed::use_dismissed;
use help::use_help;
use host_page::{use_host, use_host_page};
use learner::use_learner;
use location::use_location;
use page::{use_page, use_theme};
use progress_store::use_progress_store;
use share::use_share;
use shortcuts::use_shortcuts;
