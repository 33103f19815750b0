//! Inline SVG icons. Decorative: hidden from assistive technology, the text next to them speaks.

use crate::core::deck::{CategoryIcon, Deck, Tag};
use yew::prelude::*;

/// Named icons used across the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Check,
    Cross,
    Arrow,
    Flame,
    Sun,
    Moon,
    Auto,
    Help,
    Cards,
    Quiz,
    Chart,
    Code,
    Download,
    Upload,
    Retry,
    Trash,
    Copy,
    Clock,
    Home,
    Flip,
    Info,
    Warning,
    Plus,
    Up,
    Down,
    Link,
    Eye,
    Pencil,
    Menu,
    /// Columns to sort cards into.
    Sort,
    /// Dots to grab a card by.
    Grip,
}

fn path(icon: Icon) -> &'static str {
    match icon {
        Icon::Check => "M5 12.5l4.5 4.5L19 7.5",
        Icon::Cross => "M6.5 6.5l11 11M17.5 6.5l-11 11",
        Icon::Arrow => "M5 12h13M13 6l6 6-6 6",
        Icon::Flame => "M12 3c1 3.5 5 5.5 5 10a5 5 0 0 1-10 0c0-2.2 1-3.6 2.2-4.6.2 1.6 1 2.6 2 3 0-3 0-5.8.8-8.4z",
        Icon::Sun => "M12 7.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9zM12 2.5v2M12 19.5v2M4.6 4.6l1.4 1.4M18 18l1.4 1.4M2.5 12h2M19.5 12h2M4.6 19.4L6 18M18 6l1.4-1.4",
        Icon::Moon => "M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z",
        Icon::Auto => "M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17zM12 3.5v17",
        Icon::Help => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17h.01",
        Icon::Cards => "M4 7.5h12v12H4zM8 4.5h12v12",
        Icon::Quiz => "M4.5 4.5h15v15h-15zM8 9.5l2 2 4-4M8 15.5h8",
        Icon::Chart => "M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3",
        Icon::Code => "M8.5 7L3.5 12l5 5M15.5 7l5 5-5 5M13.5 4.5l-3 15",
        Icon::Download => "M12 4v11M7 10.5l5 5 5-5M4.5 19.5h15",
        Icon::Upload => "M12 15.5v-11M7 9l5-5 5 5M4.5 19.5h15",
        Icon::Retry => "M4.5 12a7.5 7.5 0 1 0 2.2-5.3M4.5 4v4h4",
        Icon::Trash => "M5 7h14M10 7V4.5h4V7M6.5 7l1 12.5h9l1-12.5",
        Icon::Copy => "M8.5 8.5h11v11h-11zM15.5 8.5v-4h-11v11h4",
        Icon::Clock => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3.5 2",
        Icon::Home => "M4 11l8-6.5 8 6.5M6.5 9.5v10h11v-10",
        Icon::Flip => "M4.5 9a7.5 7.5 0 0 1 13.4-2.5M19.5 15a7.5 7.5 0 0 1-13.4 2.5M18 3v4h-4M6 21v-4h4",
        Icon::Info => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v6M12 7.5h.01",
        Icon::Warning => "M12 4l9 16H3zM12 10v4.5M12 17.5h.01",
        Icon::Plus => "M12 5v14M5 12h14",
        Icon::Up => "M12 19V5M6 11l6-6 6 6",
        Icon::Down => "M12 5v14M6 13l6 6 6-6",
        Icon::Link => "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
        Icon::Eye => "M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12zM12 14.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
        Icon::Pencil => "M4.5 19.5l1-4.5L16 4.5l3.5 3.5L9 18.5zM13.5 7l3.5 3.5",
        Icon::Menu => "M4 7h16M4 12h16M4 17h16",
        Icon::Sort => "M3.5 4.5h5v15h-5zM9.5 4.5h5v15h-5zM15.5 4.5h5v15h-5zM5 8h2M11 11h2M17 8h2",
        Icon::Grip => "M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01",
    }
}

/// Renders a 24-unit stroke icon.
pub fn icon(icon: Icon) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d={path(icon)} />
        </svg>
    }
}

/// The icon of the deck's category at `index`: the one the deck chose, or a plain shape (see
/// [`Deck::icon`]).
pub fn category_icon(deck: &Deck, index: usize) -> Html {
    category_glyph(deck.icon(Tag(index as u8)))
}

/// One of the icons a deck may give a category.
pub fn category_glyph(icon: CategoryIcon) -> Html {
    let d = match icon {
        CategoryIcon::Loop => "M12 12c-2-2.7-3.8-4.5-6-4.5a4.5 4.5 0 0 0 0 9c2.2 0 4-1.8 6-4.5zm0 0c2 2.7 3.8 4.5 6 4.5a4.5 4.5 0 0 0 0-9c-2.2 0-4 1.8-6 4.5z",
        CategoryIcon::Layers => "M12 3.5l8.5 4.5-8.5 4.5L3.5 8zM3.5 12l8.5 4.5 8.5-4.5M3.5 16l8.5 4.5 8.5-4.5",
        CategoryIcon::Overlap => "M9 17.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11zM15 17.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11z",
        CategoryIcon::Circle => "M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16z",
        CategoryIcon::Square => "M5 5h14v14H5z",
        CategoryIcon::Triangle => "M12 4l8.5 15h-17z",
        CategoryIcon::Diamond => "M12 3.5l8.5 8.5-8.5 8.5-8.5-8.5z",
        CategoryIcon::Hexagon => "M12 3.5l7.4 4.25v8.5L12 20.5l-7.4-4.25v-8.5z",
        CategoryIcon::Star => "M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z",
        CategoryIcon::Code => path(Icon::Code),
        CategoryIcon::Cloud => "M7 18.5h10.5a4 4 0 0 0 .3-8 6 6 0 0 0-11.5-1.2A4.6 4.6 0 0 0 7 18.5z",
        CategoryIcon::Person => "M12 11.5a3.8 3.8 0 1 0 0-7.6 3.8 3.8 0 0 0 0 7.6zM4.5 20.5a7.5 7.5 0 0 1 15 0",
    };
    html! {
        <svg class="icon cat-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-icon={icon.name()}>
            <path d={d} />
        </svg>
    }
}

/// The logo: two overlapping circles, the roles and what they share.
pub fn logo() -> Html {
    html! {
        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <circle class="logo-a" cx="12" cy="16" r="9" />
            <circle class="logo-b" cx="20" cy="16" r="9" />
        </svg>
    }
}
