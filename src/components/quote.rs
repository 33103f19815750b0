//! A supporting quote with its attribution.

use crate::core::deck::Deck;
use yew::prelude::*;

/// The quote `text`, attributed to `deck`'s source when it has one, and linked to where the
/// source can be read when the deck gives its address, so a learner can check the words.
pub fn quote(text: &str, deck: &Deck) -> Html {
    let url = deck.source.as_ref().and_then(|s| s.url.clone());
    html! {
        <figure class="quote" data-testid="quote">
            <blockquote><p>{ text }</p></blockquote>
            if let Some(cite) = deck.attribution() {
                <figcaption>{ "\u{2014} " }
                    if let Some(href) = url {
                        { source_link(href, html! { <cite>{ cite }</cite> }, "quote-source-link") }
                    } else {
                        <cite>{ cite }</cite>
                    }
                </figcaption>
            }
        </figure>
    }
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
