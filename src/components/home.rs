//! The first screen: what RoleCall is, where its content comes from, and the ways in.

use super::icons::{category_icon, icon, Icon};
use super::quiz_start::category_list;
use super::quote::source_link;
use crate::core::config::Route;
use crate::core::dates::Date;
use crate::core::deck::Deck;
use crate::core::progress::Attempt;
use crate::web::env;
use std::rc::Rc;
use yew::prelude::*;

pub struct HomeProps {
    pub deck: Rc<Deck>,
    /// The screen's heading: the app's name, or a deck's own title (see `DeckSource::heading`).
    pub heading: AttrValue,
    /// What waits in flashcards, in their words (`Today::summary`).
    pub cards_note: AttrValue,
    /// What sort mode holds: a round under way, or what a round is.
    pub sort_note: AttrValue,
    pub best: Option<Attempt>,
    /// "Question 7 of 20" when a quiz is unfinished.
    pub unfinished: Option<AttrValue>,
    /// Where the deck came from, when the URL named it ("Deck loaded from …"; see
    /// `DeckSource::note`).
    pub source_note: Option<AttrValue>,
}

pub fn home(props: HomeProps) -> Html {
    let deck = &props.deck;
    let quiz_note = match (&props.unfinished, props.best) {
        (Some(u), _) => format!("Resume: {u}"),
        (None, Some(b)) => format!("Best so far: {} of {}", b.correct, b.total),
        (None, None) if deck.statements.len() > 10 => {
            format!("{} statements, 10 at a time or all at once", deck.statements.len())
        }
        (None, None) => format!("{} statements", deck.statements.len()),
    };
    let categories = deck.categories.iter().enumerate().map(|(i, c)| {
        html! {
            <li key={c.id.clone()} class={format!("cat-{}", i.min(5))}>
                <span class="cat-badge">{ category_icon(deck, i) }</span>
                <span><strong>{ &c.label }</strong><br/><span class="muted">{ &c.description }</span></span>
            </li>
        }
    });
    html! {
        <section class="screen home" aria-labelledby="home-title" data-testid="home">
            <div class="hero">
                <h1 id="home-title" data-testid="app-title">{ &props.heading }</h1>
                <p class="tagline" data-testid="tagline">{ format!("Tag each statement {}.", category_list(deck)) }</p>
                <p class="lead">{ &deck.description }</p>
            </div>
            <nav class="entry-points" aria-label="Start">
                <a class="entry" href={env::href(&Route::Quiz)} data-testid="enter-quiz">
                    <span class="entry-icon">{ icon(Icon::Quiz) }</span>
                    <span class="entry-text"><strong>{ if props.unfinished.is_some() { "Resume quiz" } else { "Quiz" } }</strong>
                        <span class="muted">{ quiz_note }</span></span>
                    { icon(Icon::Arrow) }
                </a>
                <a class="entry" href={env::href(&Route::Sort)} data-testid="enter-sort">
                    <span class="entry-icon">{ icon(Icon::Sort) }</span>
                    <span class="entry-text"><strong>{ "Sort" }</strong><span class="muted" data-testid="sort-note">{ &props.sort_note }</span></span>
                    { icon(Icon::Arrow) }
                </a>
                <a class="entry" href={env::href(&Route::Cards)} data-testid="enter-cards">
                    <span class="entry-icon">{ icon(Icon::Cards) }</span>
                    <span class="entry-text"><strong>{ "Flashcards" }</strong><span class="muted" data-testid="cards-note">{ &props.cards_note }</span></span>
                    { icon(Icon::Arrow) }
                </a>
            </nav>
            <section class="card" aria-labelledby="cats-title">
                <h2 id="cats-title">{ "The categories" }</h2>
                <ul class="category-legend">{ for categories }</ul>
            </section>
            if let Some(src) = &deck.source {
                <p class="attribution" data-testid="attribution">
                    { "Content based on " }
                    if let Some(url) = &src.url {
                        { source_link(url.clone(), html! { <cite>{ &src.title }</cite> }, "source-link") }
                    } else {
                        <cite>{ &src.title }</cite>
                    }
                    { format!(" by {}, {}.", src.author, long_date(&src.date)) }
                </p>
            }
            if let Some(note) = &props.source_note {
                <p class="muted" data-testid="custom-deck-note">{ note }</p>
            }
        </section>
    }
}

/// "2023-10-27" as "27 October 2023"; anything else is shown as it is.
pub fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match Date::parse(iso) {
        Some(d) => format!("{} {} {:04}", d.day, MONTHS[d.month as usize - 1], d.year),
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        for (iso, want) in [
            ("2023-10-27", "27 October 2023"),
            ("2024-01-01", "1 January 2024"),
            ("0001-12-31", "31 December 0001"),
            ("2023-13-01", "2023-13-01"),
            ("27/10/2023", "27/10/2023"),
        ] {
            assert_eq!(super::long_date(iso), want, "{iso}");
        }
    }
}
