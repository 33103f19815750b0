//! A supporting quote with its attribution.

use crate::core::deck::{Deck, Statement};
use yew::prelude::*;

/// A statement's quote (nothing when it has none), with who says it when the deck names the
/// speaker, attributed to `deck`'s source when it has one, and linked to where the source can be
/// read when the deck gives its address, so a learner can check the words.
pub fn quote(statement: &Statement, deck: &Deck) -> Html {
    let Some(text) = &statement.quote else {
        return html! {};
    };
    let url = deck.source.as_ref().and_then(|s| s.url.clone());
    html! {
        <figure class="quote" data-testid="quote">
            if let Some(who) = &statement.speaker {
                <p class="speaker" data-testid="speaker">{ "Said by " }{ who }</p>
            }
            <blockquote><p>{ text }</p></blockquote>
            if let Some((who, date)) = deck.attribution() {
                <figcaption>{ "\u{2014} " }
                    if let Some(href) = url {
                        { source_link(href, cite(who, date), "quote-source-link") }
                    } else {
                        { cite(who, date) }
                    }
                </figcaption>
            }
        </figure>
    }
}

/// The source named, with its date kept on one line ("(2023-" and "10-27)" apart on a phone
/// read as two things).
fn cite(who: String, date: &str) -> Html {
    html! { <cite>{ who }{ " " }<span class="nowrap">{ format!("({date})") }</span></cite> }
}

/// A link to a deck's source. It opens a new tab, so an embedded activity stays where it is,
/// and says so to screen readers.
pub fn source_link(href: String, content: Html, testid: &'static str) -> Html {
    html! {
        <a {href} target="_blank" rel="noopener noreferrer" data-testid={testid}>
            { content }<span class="sr-only">{ " (opens in a new tab)" }</span>
        </a>
    }
}
