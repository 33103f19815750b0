//! A supporting quote with its attribution.

use crate::core::deck::Deck;
use yew::prelude::*;

/// The quote `text`, attributed to `deck`'s source when it has one.
pub fn quote(text: &str, deck: &Deck) -> Html {
    html! {
        <figure class="quote" data-testid="quote">
            <blockquote><p>{ text }</p></blockquote>
            if let Some(cite) = deck.attribution() {
                <figcaption>{ "\u{2014} " }<cite>{ cite }</cite></figcaption>
            }
        </figure>
    }
}
