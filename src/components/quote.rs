//! A supporting quote with its attribution.

use crate::core::deck::Deck;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuoteProps {
    pub text: AttrValue,
    /// The deck's attribution line, when it has a source.
    #[prop_or_default]
    pub cite: Option<AttrValue>,
}

#[component]
pub fn Quote(props: &QuoteProps) -> Html {
    html! {
        <figure class="quote" data-testid="quote">
            <blockquote><p>{ &props.text }</p></blockquote>
            if let Some(cite) = &props.cite {
                <figcaption>{ "\u{2014} " }<cite>{ cite }</cite></figcaption>
            }
        </figure>
    }
}

/// The attribution of a deck as an optional prop value.
pub fn cite_of(deck: &Deck) -> Option<AttrValue> {
    deck.attribution().map(AttrValue::from)
}
