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

fn next_theme(t: Theme) -> Theme {
    match t {
        Theme::Auto => Theme::Light,
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::Auto,
    }
}

pub fn header(props: HeaderProps) -> Html {
    let links: &[(Route, &str, Icon)] = &[
        (Route::Quiz, "Quiz", Icon::Quiz),
        (Route::Cards, "Flashcards", Icon::Cards),
        (Route::Stats, "Progress", Icon::Chart),
    ];
    let current = match &props.route {
        Route::Results => Route::Quiz,
        r => r.clone(),
    };
    let nav = links.iter().map(|(r, label, ic)| {
        let here = *r == current;
        html! {
            <li key={*label}>
                <a href={env::href(r)} aria-current={here.then_some("page")} data-testid={format!("nav-{}", label.to_ascii_lowercase())}>
                    { icon(*ic) }<span class="nav-label">{ *label }</span>
                </a>
            </li>
        }
    });
    let (theme_icon, theme_name) = match props.theme {
        Theme::Auto => (Icon::Auto, "automatic"),
        Theme::Light => (Icon::Sun, "light"),
        Theme::Dark => (Icon::Moon, "dark"),
    };
    let on_theme = props.on_theme.clone();
    let theme = props.theme;
    let cycle = Callback::from(move |_: MouseEvent| on_theme.emit(next_theme(theme)));
    let on_help = props.on_help.clone();
    let help = Callback::from(move |_: MouseEvent| on_help.emit(()));
    html! {
        <header class={classes!("masthead", props.embed.then_some("compact"))}>
            <div class="masthead-inner">
                if props.confined {
                    <span class="brand">{ logo() }<span>{ "RoleCall" }</span></span>
                } else {
                    <a class="brand" href={env::href(&Route::Home)} data-testid="brand">{ logo() }<span>{ "RoleCall" }</span></a>
                    <nav aria-label="Main">
                        <ul class="nav">{ for nav }</ul>
                    </nav>
                }
                <div class="tools">
                    <button type="button" class="icon-button" onclick={cycle} data-testid="theme-toggle"
                        aria-label={format!("Colour theme: {theme_name}. Change theme")} title={format!("Theme: {theme_name}")}>
                        { icon(theme_icon) }
                    </button>
                    <button type="button" class="icon-button" onclick={help} data-testid="help-button"
                        aria-label="Help and keyboard shortcuts" aria-keyshortcuts="?" title="Help (?)">
                        { icon(Icon::Help) }
                    </button>
                </div>
            </div>
        </header>
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
