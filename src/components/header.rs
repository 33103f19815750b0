//! The page around the screens: the skip link, the masthead (the app's name, navigation, theme
//! and help) and the footer. In embed mode the masthead shrinks to a slim toolbar at the bottom,
//! so the content fits a 400 px frame.

use super::icons::{icon, logo, Icon};
use crate::core::config::Route;
use crate::core::progress::Theme;
use crate::web::env;
use yew::prelude::*;

pub struct HeaderProps {
    pub route: Route,
    pub theme: Theme,
    pub embed: bool,
    /// The learner is kept in one mode: no navigation is offered.
    pub confined: bool,
    pub on_theme: Callback<Theme>,
    pub on_help: Callback<()>,
}

/// The screens the navigation leads to, with their words and icons.
const LINKS: [(Route, &str, Icon); 4] = [
    (Route::Quiz, "Quiz", Icon::Quiz),
    (Route::Sort, "Sort", Icon::Sort),
    (Route::Cards, "Flashcards", Icon::Cards),
    (Route::Stats, "Progress", Icon::Chart),
];

/// The screen whose link shows as current: the results belong to the quiz.
fn current(route: &Route) -> Route {
    match route {
        Route::Results => Route::Quiz,
        r => r.clone(),
    }
}

/// What the theme button says: the theme in use, what it means, and what a click chooses.
/// Worked out once per render of the masthead (it asks the device for its colour scheme) and
/// shared by the button and the phone's menu.
#[derive(Clone, PartialEq)]
struct ThemeChoice {
    icon: Icon,
    /// "automatic (your device's, now light)"
    now: String,
    next: Theme,
    /// "Switch to dark" / "Switch back to your device's theme"
    action: &'static str,
}

fn theme_choice(theme: Theme) -> ThemeChoice {
    let device_dark = env::device_prefers_dark();
    let next = theme.next(device_dark);
    ThemeChoice {
        icon: match theme {
            Theme::Auto => Icon::Auto,
            Theme::Light => Icon::Sun,
            Theme::Dark => Icon::Moon,
        },
        now: match theme {
            Theme::Auto => format!(
                "automatic, as your device (now {})",
                if device_dark { "dark" } else { "light" }
            ),
            t => t.as_str().to_string(),
        },
        next,
        action: match next {
            Theme::Auto => "Switch back to your device\u{2019}s theme",
            Theme::Light => "Switch to light",
            Theme::Dark => "Switch to dark",
        },
    }
}

pub fn header(props: HeaderProps) -> Html {
    let here = current(&props.route);
    let nav = LINKS.iter().map(|(r, label, ic)| {
        html! {
            <li key={*label}>
                <a href={env::href(r)} aria-current={(*r == here).then_some("page")} data-testid={format!("nav-{}", label.to_ascii_lowercase())}>
                    { icon(*ic) }<span class="nav-label">{ *label }</span>
                </a>
            </li>
        }
    });
    let choice = theme_choice(props.theme);
    let cycle = env::emit_on_click(&props.on_theme, choice.next);
    let help = env::emit_on_click(&props.on_help, ());
    let menu = !props.confined && !props.embed;
    html! {
        <header class={classes!("masthead", props.embed.then_some("compact"), menu.then_some("with-menu"))}>
            <div class="masthead-inner">
                if props.confined {
                    <span class="brand">{ logo() }<span>{ "RoleCall" }</span></span>
                } else {
                    <a class="brand" href={env::href(&Route::Home)} data-testid="brand">{ logo() }<span>{ "RoleCall" }</span></a>
                    <nav aria-label="Main" class="desk-nav">
                        <ul class="nav">{ for nav }</ul>
                    </nav>
                }
                <div class="tools">
                    <button type="button" class="icon-button" onclick={cycle.clone()} data-testid="theme-toggle"
                        aria-label={format!("Colour theme: {}. {}", choice.now, choice.action)} title={format!("Theme: {}. {}", choice.now, choice.action)}>
                        { icon(choice.icon) }
                    </button>
                    <button type="button" class="icon-button" onclick={help} data-testid="help-button"
                        aria-label="Help and keyboard shortcuts" aria-keyshortcuts="?" title="Help (?)">
                        { icon(Icon::Help) }
                    </button>
                </div>
                if menu {
                    <SiteMenu route={props.route.clone()} {choice} on_theme={cycle} on_help={props.on_help.clone()} />
                }
            </div>
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct SiteMenuProps {
    route: Route,
    choice: ThemeChoice,
    /// Chooses `choice.next`, as the masthead's own theme button does.
    on_theme: Callback<MouseEvent>,
    on_help: Callback<()>,
}

/// On phones, where the masthead has no room for words: a Menu button that opens every screen,
/// the theme, help and the studio, each named in words. Escape, a click outside, choosing an
/// entry or a new screen closes it.
#[component]
fn SiteMenu(props: &SiteMenuProps) -> Html {
    let open = use_state_eq(|| false);
    let button_ref = use_node_ref();
    {
        let open = open.clone();
        use_effect_with(props.route.clone(), move |_| open.set(false));
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let onkeydown = {
        let (open, button) = (open.clone(), button_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                open.set(false);
                env::focus(&button);
            }
        })
    };
    let here = current(&props.route);
    let home = (Route::Home, "Home", Icon::Home);
    let links = std::iter::once(&home).chain(LINKS.iter()).map(|(r, label, ic)| {
        html! {
            <li key={*label}>
                <a href={env::href(r)} class="menu-item" aria-current={(*r == here).then_some("page")} onclick={close.clone()}
                    data-testid={format!("menu-{}", label.to_ascii_lowercase())}>
                    { icon(*ic) }<span>{ *label }</span>
                </a>
            </li>
        }
    });
    let choice = &props.choice;
    let help = {
        let (on_help, open) = (props.on_help.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            on_help.emit(());
        })
    };
    html! {
        <div class="site-menu" {onkeydown}>
            <button type="button" class="menu-button" onclick={toggle} ref={button_ref} aria-expanded={open.to_string()}
                aria-controls="site-menu-panel" data-testid="menu-button">
                { icon(Icon::Menu) }<span>{ "Menu" }</span>
            </button>
            if *open {
                <div class="menu-backdrop" onclick={close.clone()} aria-hidden="true"></div>
                <div id="site-menu-panel" class="menu-panel" data-testid="menu">
                    <nav aria-label="Main">
                        <ul class="menu-list">{ for links }</ul>
                    </nav>
                    <ul class="menu-list menu-tools">
                        <li>
                            <button type="button" class="menu-item" onclick={props.on_theme.clone()} data-testid="menu-theme">
                                { icon(choice.icon) }
                                <span>{ format!("Theme: {}", choice.now) }<span class="menu-hint">{ choice.action }</span></span>
                            </button>
                        </li>
                        <li>
                            <button type="button" class="menu-item" onclick={help} data-testid="menu-help">
                                { icon(Icon::Help) }<span>{ "Help and keyboard shortcuts" }</span>
                            </button>
                        </li>
                        <li>
                            <a class="menu-item" href={env::studio_url()} data-testid="menu-studio">
                                { icon(Icon::Code) }<span>{ "For trainers: RoleCall Studio" }<span class="menu-hint">{ "Embed it in a course, make a deck" }</span></span>
                            </a>
                        </li>
                    </ul>
                </div>
            }
        </div>
    }
}

/// "Skip to content": moves focus to the main region without touching the hash, which belongs
/// to the router.
pub fn skip_link() -> Html {
    let onclick = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        env::focus_id("main");
    });
    html! { <a class="skip-link" href="#main" {onclick}>{ "Skip to content" }</a> }
}

/// The footer: in embed mode, the compact masthead; otherwise where progress stays and links for
/// trainers: the studio (at `studio`, with this page's deck and settings) and the deck format.
pub fn footer(embed: bool, confined: bool, masthead: Html, studio: &str) -> Html {
    html! {
        <footer class="site-footer">
            if embed {
                { masthead }
            } else if confined {
                <p>{ "RoleCall runs entirely in your browser; your progress stays on this device." }</p>
            } else {
                <p>{ "RoleCall runs entirely in your browser; your progress stays on this device. " }
                    <a href={studio.to_string()} data-testid="studio-link">{ "Embed it in your course: RoleCall Studio" }</a>{ " \u{b7} " }
                    <a href="deck.schema.json">{ "Deck format (JSON Schema)" }</a></p>
            }
        </footer>
    }
}
