//! Sharing a deck by link: the deck, compressed, in the link's fragment (`core::link`), so
//! nothing is uploaded and the fragment never reaches a server.
//!
//! [`use_packed`] packs the deck's JSON a moment after the trainer stops typing (packing goes
//! through the browser's `CompressionStream`, which is asynchronous); [`SharePanel`] shows the
//! link with its length, copies it, and, above the length links travel well at, advises the
//! deck file instead. The panel also takes the deck to the embed builder, whose snippet and LMS
//! packages then carry it.

use crate::components::icons::{icon, Icon};
use crate::core::link::{self, SHARE_LINK_MAX};
use crate::web::{files, pack};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

/// How long typing must pause before the deck is packed again, in milliseconds.
const SETTLE_MS: u32 = 300;

/// The packed deck (`packed:…`), or why packing failed, for the latest valid JSON; the earlier
/// result stays until the new one is ready, and `fresh` says whether it is the latest.
#[derive(Clone, PartialEq)]
pub struct Packed {
    pub value: Result<AttrValue, AttrValue>,
    pub fresh: bool,
}

impl Packed {
    pub fn as_ref(&self) -> Result<&str, &str> {
        match &self.value {
            Ok(v) => Ok(v.as_str()),
            Err(e) => Err(e.as_str()),
        }
    }
}

#[hook]
pub fn use_packed(json: Option<String>) -> Option<Packed> {
    let result = use_state_eq(|| None::<(String, Result<AttrValue, AttrValue>)>);
    let latest = use_mut_ref(|| None::<String>);
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        let (result, latest, timer) = (result.clone(), latest.clone(), timer.clone());
        use_effect_with(json.clone(), move |json| {
            *latest.borrow_mut() = json.clone();
            let Some(json) = json.clone() else {
                timer.borrow_mut().take();
                return;
            };
            let done = (result.clone(), latest.clone());
            *timer.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || {
                wasm_bindgen_futures::spawn_local(async move {
                    let packed = pack::pack(&json).await;
                    let (result, latest) = done;
                    // A result for text that has since changed is dropped; the newer one follows.
                    if latest.borrow().as_deref() == Some(json.as_str()) {
                        result.set(Some((json, packed.map(AttrValue::from).map_err(AttrValue::from))));
                    }
                });
            }));
        });
    }
    let fresh = match (&*result, &json) {
        (Some((made_from, _)), Some(json)) => made_from == json,
        _ => false,
    };
    json.as_ref()?;
    (*result).as_ref().map(|(_, value)| Packed {
        value: value.clone(),
        fresh,
    })
}

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub app_url: AttrValue,
    /// The deck's key in the library, for the embed builder's link.
    pub library_key: AttrValue,
    /// How many problems the deck has: a deck with problems is not shared.
    pub problems: usize,
    pub packed: Option<Packed>,
    /// The deck file's name, for the advice to host it.
    pub deck_file: String,
}

#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let copied = use_state_eq(|| None::<&'static str>);
    let body = if props.problems > 0 {
        let n = props.problems;
        html! {
            <p class="muted" data-testid="share-blocked">{ format!(
                "Fix the {} first: only a deck with no problems can be shared, so learners never meet a broken one.",
                if n == 1 { "problem".to_string() } else { format!("{n} problems") }
            ) }</p>
        }
    } else {
        match props.packed.as_ref().map(|p| (p.as_ref(), p.fresh)) {
            None | Some((Ok(_), false)) => html! { <p class="muted" role="status">{ "Making the link\u{2026}" }</p> },
            Some((Err(e), _)) => {
                html! { <p class="inline-error" role="alert">{ icon(Icon::Warning) }{ format!("The link could not be made: {e}") }</p> }
            }
            Some((Ok(packed), true)) => {
                let link = Rc::new(link::share_url(&props.app_url, packed));
                let length = link.chars().count();
                let too_long = length > SHARE_LINK_MAX;
                let copy = {
                    let (link, copied) = (link.clone(), copied.clone());
                    Callback::from(move |_: MouseEvent| {
                        let (link, copied) = (link.clone(), copied.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            copied.set(Some(match files::copy(&link).await {
                                Ok(()) => "Link copied to the clipboard.",
                                Err(()) => "The browser did not allow copying: select the link and copy it.",
                            }));
                        });
                    })
                };
                let length_note = format!("{} characters", thousands(length));
                html! {
                    <>
                        <label class="field"><span>{ "Link to this deck" }</span>
                            <textarea readonly=true rows="3" class="code" value={(*link).clone()} data-testid="share-link"
                                aria-describedby="share-length" /></label>
                        <p id="share-length" class={classes!("share-length", too_long.then_some("field-warning"))} data-testid="share-length">
                            if too_long {
                                { icon(Icon::Warning) }
                                { format!("{length_note}: longer than the {} characters that links travel well at (chat tools, e-mail and LMS fields may cut it). Host the deck file ({}) and use its address instead.", thousands(SHARE_LINK_MAX), props.deck_file) }
                            } else {
                                { format!("{length_note}. The deck travels inside the link: nothing is uploaded.") }
                            }
                        </p>
                        <div class="actions">
                            <button type="button" class="button primary" onclick={copy} data-testid="share-copy">{ icon(Icon::Copy) }{ "Copy link" }</button>
                            <a class="button" href={(*link).clone()} target="_blank" rel="noopener" data-testid="share-open">{ icon(Icon::Quiz) }{ "Open" }</a>
                            <a class="button" href={format!("#/?library={}", props.library_key)} data-testid="share-embed">{ icon(Icon::Code) }{ "Embed or package" }</a>
                        </div>
                        <p class="status-line" role="status">{ copied.unwrap_or_default() }</p>
                    </>
                }
            }
        }
    };
    html! {
        <section class="card share-card" aria-labelledby="share-title" data-testid="share-panel">
            <h2 id="share-title">{ icon(Icon::Link) }{ "Share" }</h2>
            { body }
        </section>
    }
}

/// 16384 as "16,384".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (16384, "16,384"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(super::thousands(n), s);
        }
    }
}
