//! The embed builder: choose options, get an iframe snippet to paste into a course page, and see
//! a live preview of exactly what the snippet shows.

use super::field::value_of;
use super::icons::{icon, Icon};
use super::package_panel::PackagePanel;
use crate::core::config::{deck_url_allowed, parse_origin, EmbedConfig, Mode, MAX_ATTEMPTS};
use crate::core::deck::Deck;
use crate::core::link;
use crate::core::progress::Theme;
use crate::core::quiz::GradeRule;
use crate::core::rng::MAX_SEED;
use crate::core::text::clip;
use crate::web::files;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmbedBuilderProps {
    /// The app's own address, the base of the snippet.
    pub app_url: AttrValue,
    /// The deck whose categories the filter offers: the built-in one, or the custom deck named
    /// in the deck field once it has been read.
    pub deck: Rc<Deck>,
    /// Where `deck` comes from, said next to the categories.
    pub deck_note: DeckNote,
    /// The custom deck address the studio has taken up (entered and committed), which the
    /// snippet and preview use. While it is typed, the preview does not reload on every key.
    pub deck_url: Option<AttrValue>,
    /// The settings to start from (the studio's own URL parameters).
    pub initial: EmbedConfig,
    /// A custom deck address was entered (valid) or cleared: the studio reads that deck.
    pub on_deck_url: Callback<Option<String>>,
    /// The trainer's decks that can be shared (no problems), as `(library key, title)`.
    pub library: Rc<[(AttrValue, AttrValue)]>,
    /// The one of them chosen as the deck, carried in the snippet's link.
    pub library_choice: Option<AttrValue>,
    pub on_library_choice: Callback<Option<String>>,
}

/// Which kind of deck the builder's deck choice shows.
#[derive(Clone, Copy, PartialEq)]
enum DeckKind {
    Builtin,
    Mine,
    Address,
}

/// Where the categories on offer come from.
#[derive(Clone, PartialEq)]
pub enum DeckNote {
    Builtin,
    Loading,
    /// The custom deck, by title.
    Custom(AttrValue),
    Failed,
}

impl DeckNote {
    fn text(&self) -> String {
        match self {
            DeckNote::Builtin => "The built-in deck's categories.".into(),
            DeckNote::Loading => "Reading the custom deck\u{2026}".into(),
            DeckNote::Custom(title) => format!("The categories of \u{201c}{title}\u{201d}."),
            DeckNote::Failed => "The custom deck could not be read here (the preview below says why); these are the built-in deck's categories.".into(),
        }
    }
}

/// The iframe snippet for a URL. `deck_title` names a custom deck in the frame's title (its
/// accessible name); the built-in deck's frame keeps the app's own name.
pub fn snippet(url: &str, deck_title: Option<&str>) -> String {
    let attr = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
    let escaped = attr(url);
    let title = attr(&format!("RoleCall: {}", deck_title.unwrap_or("DevOps or Platform?")));
    format!(
        "<iframe src=\"{escaped}\" title=\"{title}\" width=\"100%\" height=\"640\" loading=\"lazy\" allow=\"clipboard-write\" style=\"border:0;max-width:100%\"></iframe>"
    )
}

/// The address the snippet frames: the settings in the query string, and a deck carried in a
/// link (`packed:…`) in the fragment, which never reaches a server.
pub fn embed_url(app_url: &str, settings: &EmbedConfig) -> String {
    let packed = settings.deck.as_deref().filter(|d| link::is_packed(d));
    let query = EmbedConfig {
        deck: if packed.is_some() { None } else { settings.deck.clone() },
        ..settings.clone()
    }
    .to_query();
    let mut url = app_url.to_string();
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    if let Some(packed) = packed {
        url = format!("{url}#/?deck={packed}");
    }
    url
}

/// The few lines a host page needs when it has no H5P or Canvas resizer.
pub const LISTENER: &str = "<script>\naddEventListener('message', (e) => {\n  const d = e.data;\n  if (!d || d.type !== 'rolecall:resize') return;\n  for (const f of document.querySelectorAll('iframe')) {\n    if (f.contentWindow === e.source) f.style.height = d.height + 'px';\n  }\n});\n</script>";

/// What the preview frame said that the builder acts on.
enum FromPreview {
    /// `rolecall:resize`: the height it asks for (capped).
    Height(u32),
    /// `rolecall:error`: a set-up error, as one text for the trainer.
    Error(String),
}

/// Reads a message if it comes from the preview frame and is one the builder acts on.
fn from_preview(m: &web_sys::MessageEvent, frame: &web_sys::HtmlIFrameElement) -> Option<FromPreview> {
    match (m.source(), frame.content_window()) {
        (Some(source), Some(win)) if js_sys::Object::is(&source, &win) => {}
        _ => return None,
    }
    let data = m.data();
    let field = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
    let text = |k: &str| field(k).and_then(|v| v.as_string());
    match text("type")?.as_str() {
        "rolecall:resize" => {
            let height = field("height")
                .and_then(|h| h.as_f64())
                .filter(|h| h.is_finite() && *h > 0.0)?;
            Some(FromPreview::Height(height.min(4000.0) as u32))
        }
        "rolecall:error" => {
            let message = clip(&text("message")?, 300).into_owned();
            Some(FromPreview::Error(match text("detail") {
                Some(detail) => format!("{message}\n{}", clip(&detail, 2000)),
                None => message,
            }))
        }
        _ => None,
    }
}

/// The set-up errors the preview reported since it last loaded.
#[derive(Default, PartialEq)]
struct PreviewProblems(Vec<String>);

enum ProblemAction {
    Add(String),
    Clear,
}

impl Reducible for PreviewProblems {
    type Action = ProblemAction;

    fn reduce(self: Rc<Self>, action: ProblemAction) -> Rc<Self> {
        match action {
            ProblemAction::Add(p) if !self.0.contains(&p) && self.0.len() < 20 => {
                let mut list = self.0.clone();
                list.push(p);
                Rc::new(PreviewProblems(list))
            }
            ProblemAction::Clear if !self.0.is_empty() => Rc::new(PreviewProblems::default()),
            _ => self,
        }
    }
}

#[component]
pub fn EmbedBuilder(props: &EmbedBuilderProps) -> Html {
    let cfg = use_state(|| EmbedConfig {
        deck: None,
        parent_origin: None,
        ..props.initial.clone()
    });
    let deck_text = use_state(|| props.initial.deck.clone().unwrap_or_default());
    // "A deck file at an address" chosen, before any address is typed.
    let address = use_state_eq(|| false);
    let origin_text = use_state(|| props.initial.parent_origin.clone().unwrap_or_default());
    let copied = use_state(|| None::<&'static str>);
    // Set-up errors the preview reported, as the trainer's host page would receive them.
    let problems = use_reducer_eq(PreviewProblems::default);
    let preview = use_node_ref();
    // The preview sizes itself exactly as it would on a host page: by its rolecall:resize
    // messages; its rolecall:error messages are listed for the trainer.
    {
        let (preview, problems) = (preview.clone(), problems.dispatcher());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "message", move |e| {
                    let Some(frame) = preview.cast::<web_sys::HtmlIFrameElement>() else {
                        return;
                    };
                    match e
                        .dyn_ref::<web_sys::MessageEvent>()
                        .and_then(|m| from_preview(m, &frame))
                    {
                        Some(FromPreview::Height(height)) => {
                            let _ = frame.style().set_property("--frame-height", &format!("{height}px"));
                        }
                        Some(FromPreview::Error(text)) => problems.dispatch(ProblemAction::Add(text)),
                        None => {}
                    }
                })
            });
            move || drop(listener)
        });
    }

    let deck_error =
        (!deck_text.is_empty() && !deck_url_allowed(&deck_text)).then_some("Use an http:// or https:// address.");
    let origin_error = (!origin_text.is_empty() && parse_origin(&origin_text).is_none())
        .then_some("Use an origin such as https://lms.example.org, without a path.");
    let mut effective = (*cfg).clone();
    // Categories ticked for another deck are not offered, so they are not asked for either.
    effective.tags = effective
        .tags
        .map(|tags| {
            tags.into_iter()
                .filter(|t| props.deck.tag_by_id(t).is_some())
                .collect::<Vec<_>>()
        })
        .filter(|tags| !tags.is_empty());
    effective.deck = props.deck_url.as_ref().map(|u| u.to_string());
    effective.parent_origin = parse_origin(&origin_text);
    let url = embed_url(&props.app_url, &effective);
    let deck_title = match &props.deck_note {
        DeckNote::Custom(title) => Some(title.as_str()),
        _ => None,
    };
    let code = snippet(&url, deck_title);
    // A new preview starts with a clean list.
    {
        let problems = problems.dispatcher();
        use_effect_with(url.clone(), move |_| problems.dispatch(ProblemAction::Clear));
    }
    let deck = &props.deck;
    let only = effective.quiz_plan(deck).0.only;
    let one_category = only
        .as_deref()
        .filter(|only| only.len() == 1)
        .and_then(|only| deck.category(only[0]))
        .map(|c| {
            format!(
                "With only {} statements, every answer is {}: learners can score full marks without reading. Choose at least two categories.",
                c.label, c.label
            )
        });

    let update = |f: fn(&mut EmbedConfig, &str)| {
        let cfg = cfg.clone();
        Callback::from(move |e: Event| {
            let mut next = (*cfg).clone();
            f(&mut next, &value_of(&e));
            cfg.set(next);
        })
    };
    let on_mode = update(|c, v| c.mode = if v == "cards" { Some(Mode::Cards) } else { None });
    let on_n = update(|c, v| c.n = v.parse().ok());
    let on_pass = update(|c, v| c.pass = v.parse::<u8>().ok().filter(|p| *p <= 100));
    let on_theme = update(|c, v| c.theme = Theme::parse(v).filter(|t| *t != Theme::Auto));
    let on_embed = update(|c, v| c.embed = v == "true");
    let on_seed = update(|c, v| c.seed = v.trim().parse().ok().filter(|s| *s <= MAX_SEED));
    let on_lock = update(|c, v| c.lock = v == "true");
    let on_nav = update(|c, v| c.nav = v == "true");
    let on_attempts = update(|c, v| c.attempts = v.trim().parse().ok().filter(|a| (1..=MAX_ATTEMPTS).contains(a)));
    let on_grade = update(|c, v| c.grade = GradeRule::parse(v).filter(|g| *g != GradeRule::All));
    let categories = deck.categories.iter().map(|c| {
        let checked = cfg.tags.as_ref().is_some_and(|t| t.contains(&c.id));
        let onchange = {
            let (cfg, id, all) = (cfg.clone(), c.id.clone(), deck.categories.len());
            Callback::from(move |e: Event| {
                let mut next = (*cfg).clone();
                let mut tags = next.tags.take().unwrap_or_default();
                tags.retain(|t| *t != id);
                if value_of(&e) == "true" {
                    tags.push(id.clone());
                }
                // None ticked, or all: every category is asked, and the URL says nothing.
                next.tags = (!tags.is_empty() && tags.len() < all).then_some(tags);
                cfg.set(next);
            })
        };
        html! {
            <label class="switch" key={c.id.clone()}>
                <input type="checkbox" {checked} {onchange} data-testid={format!("embed-tag-{}", c.id)} />
                <span>{ &c.label }</span>
            </label>
        }
    });
    let on_deck = {
        let deck_text = deck_text.clone();
        Callback::from(move |e: InputEvent| deck_text.set(value_of(&e)))
    };
    // Once the address is committed (change, not every keystroke), the studio reads the deck.
    let on_deck_done = props.on_deck_url.reform(|e: Event| {
        let url = value_of(&e).trim().to_string();
        (!url.is_empty() && deck_url_allowed(&url)).then_some(url)
    });
    let deck_kind = if props.library_choice.is_some() {
        DeckKind::Mine
    } else if *address || !deck_text.is_empty() {
        DeckKind::Address
    } else {
        DeckKind::Builtin
    };
    let on_deck_kind = {
        let (address, deck_text) = (address.clone(), deck_text.clone());
        let (on_choice, on_url) = (props.on_library_choice.clone(), props.on_deck_url.clone());
        Callback::from(move |e: Event| {
            let v = value_of(&e);
            address.set(v == "url");
            on_choice.emit(v.strip_prefix("lib:").map(str::to_string));
            if v != "url" {
                deck_text.set(String::new());
                on_url.emit(None);
            }
        })
    };
    let on_origin = {
        let origin_text = origin_text.clone();
        Callback::from(move |e: InputEvent| origin_text.set(value_of(&e)))
    };
    let copy = {
        let (code, copied) = (code.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (code, copied) = (code.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(match files::copy(&code).await {
                    Ok(()) => "Snippet copied to the clipboard.",
                    Err(()) => "The browser did not allow copying: select the snippet and copy it.",
                }));
            });
        })
    };
    let n_value = cfg.n.map(|n| n.to_string()).unwrap_or_default();
    html! {
        <section class="screen embed-builder" aria-labelledby="embed-title" data-testid="embed-builder">
            <h1 id="embed-title">{ "Embed RoleCall" }</h1>
            <p class="lead">{ "Put RoleCall in a course page, wiki or LMS. It sizes its frame by itself (H5P resizer, Canvas, or a three-line listener) and can send results to the page as xAPI statements." }</p>
            <div class="grid-2">
                <form class="card embed-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <label class="field"><span>{ "Mode" }</span>
                        <select onchange={on_mode} data-testid="embed-mode">
                            <option value="quiz" selected={cfg.mode != Some(Mode::Cards)}>{ "Quiz" }</option>
                            <option value="cards" selected={cfg.mode == Some(Mode::Cards)}>{ "Flashcards" }</option>
                        </select></label>
                    <label class="field"><span>{ "Questions" }</span>
                        <select onchange={on_n} data-testid="embed-n">
                            <option value="" selected={n_value.is_empty()}>{ "Learner chooses" }</option>
                            <option value="10" selected={n_value == "10"}>{ "10" }</option>
                            <option value="20" selected={n_value == "20"}>{ "20" }</option>
                            <option value="10000" selected={n_value == "10000"}>{ "All" }</option>
                        </select></label>
                    <label class="field"><span>{ "Pass mark (%)" }</span>
                        <input type="number" min="0" max="100" placeholder="70" onchange={on_pass} data-testid="embed-pass"
                            value={cfg.pass.map(|p| p.to_string()).unwrap_or_default()} /></label>
                    <label class="field"><span>{ "Theme" }</span>
                        <select onchange={on_theme} data-testid="embed-theme">
                            <option value="auto" selected={cfg.theme.is_none()}>{ "Follow the learner's system" }</option>
                            <option value="light" selected={cfg.theme == Some(Theme::Light)}>{ "Light" }</option>
                            <option value="dark" selected={cfg.theme == Some(Theme::Dark)}>{ "Dark" }</option>
                        </select></label>
                    <label class="field"><span>{ "Deck" }</span>
                        <select onchange={on_deck_kind} data-testid="embed-deck-choice" aria-describedby="deck-choice-help">
                            <option value="" selected={deck_kind == DeckKind::Builtin}>{ "The built-in deck" }</option>
                            if !props.library.is_empty() {
                                <optgroup label="My decks (carried in the link)">
                                    { for props.library.iter().map(|(key, title)| html! {
                                        <option value={format!("lib:{key}")} selected={props.library_choice.as_ref() == Some(key)}>{ title }</option>
                                    }) }
                                </optgroup>
                            }
                            <option value="url" selected={deck_kind == DeckKind::Address}>{ "A deck file at an address" }</option>
                        </select>
                        <small id="deck-choice-help">{ match deck_kind {
                            DeckKind::Mine => "The deck travels inside the snippet's link and the LMS packages: nothing to host.",
                            DeckKind::Address => "For a deck too long for a link, or one you update in place.",
                            DeckKind::Builtin => "Write your own in My decks; decks with no problems are offered here.",
                        } }</small></label>
                    if deck_kind == DeckKind::Address {
                        <label class="field"><span>{ "Deck file address" }</span>
                            <input type="url" placeholder="https://example.org/my-deck.json" value={(*deck_text).clone()} oninput={on_deck} onchange={on_deck_done}
                                aria-invalid={deck_error.map(|_| "true")} aria-describedby="deck-help" data-testid="embed-deck" />
                            <small id="deck-help" class={classes!(deck_error.map(|_| "field-error"))}>
                                { deck_error.unwrap_or("A deck file in RoleCall's format; its server must allow cross-origin requests.") }
                            </small></label>
                    }
                    <label class="field"><span>{ "Send results to (origin of your page)" }</span>
                        <input type="url" placeholder="https://lms.example.org" value={(*origin_text).clone()} oninput={on_origin}
                            aria-invalid={origin_error.map(|_| "true")} aria-describedby="origin-help" data-testid="embed-origin" />
                        <small id="origin-help" class={classes!(origin_error.map(|_| "field-error"))}>
                            { origin_error.unwrap_or("Optional. Without it, results go to the origin of the embedding page, if the browser reveals it.") }
                        </small></label>
                    <label class="switch"><input type="checkbox" checked={cfg.embed} onchange={on_embed} data-testid="embed-compact" />
                        <span>{ "Compact layout (no page header)" }</span></label>
                    <fieldset class="field">
                        <legend>{ "Ask only these categories (none ticked: all)" }</legend>
                        <small class="field-note" data-testid="embed-deck-note">{ props.deck_note.text() }</small>
                        <div class="choices">{ for categories }</div>
                        if let Some(warning) = &one_category {
                            <small class="field-warning" role="status" data-testid="embed-tags-warning">{ icon(Icon::Warning) }{ warning }</small>
                        }
                    </fieldset>
                    <label class="field"><span>{ "Question order (seed, optional)" }</span>
                        <input type="number" min="0" max={MAX_SEED.to_string()} placeholder="random" onchange={on_seed} data-testid="embed-seed"
                            value={cfg.seed.map(|s| s.to_string()).unwrap_or_default()} aria-describedby="seed-help" />
                        <small id="seed-help">{ "The same number gives every learner the same statements in the same order." }</small></label>
                    <h3>{ "Assessment" }</h3>
                    <label class="switch"><input type="checkbox" checked={cfg.lock} onchange={on_lock} data-testid="embed-lock" aria-describedby="lock-help" />
                        <span>{ "Lock the settings" }</span></label>
                    <small id="lock-help" class="switch-help">{ "Learners cannot change the number of questions or the order, and stay in this mode." }</small>
                    if cfg.lock {
                        <label class="switch"><input type="checkbox" checked={cfg.nav} onchange={on_nav} data-testid="embed-nav" />
                            <span>{ "Still let learners visit the other screens" }</span></label>
                    }
                    <label class="field"><span>{ "Attempts allowed (optional)" }</span>
                        <input type="number" min="1" max={MAX_ATTEMPTS.to_string()} placeholder="no limit" onchange={on_attempts} data-testid="embed-attempts"
                            value={cfg.attempts.map(|a| a.to_string()).unwrap_or_default()} /></label>
                    <label class="field"><span>{ "Which attempt counts" }</span>
                        <select onchange={on_grade} data-testid="embed-grade" aria-describedby="grade-help">
                            <option value="all" selected={cfg.grade.is_none()}>{ "Report every attempt, numbered" }</option>
                            <option value="first" selected={cfg.grade == Some(GradeRule::First)}>{ "The first" }</option>
                            <option value="best" selected={cfg.grade == Some(GradeRule::Best)}>{ "The best" }</option>
                            <option value="last" selected={cfg.grade == Some(GradeRule::Last)}>{ "The last" }</option>
                        </select>
                        <small id="grade-help">{ "Practice on missed statements is never reported." }</small></label>
                </form>
                <div class="builder-side">
                <div class="card">
                    <h2>{ "Snippet" }</h2>
                    <label class="field"><span class="sr-only">{ "Embed code" }</span>
                        <textarea readonly=true rows="6" class="code" value={code.clone()} data-testid="embed-snippet" /></label>
                    <div class="actions">
                        <button type="button" class="button primary" onclick={copy} data-testid="embed-copy">{ icon(Icon::Copy) }{ "Copy snippet" }</button>
                    </div>
                    <p class="status-line" role="status">{ copied.unwrap_or_default() }</p>
                    <details>
                        <summary>{ "No resizer on your page? Add this listener" }</summary>
                        <textarea readonly=true rows="9" class="code" value={LISTENER} aria-label="Resize listener" />
                    </details>
                </div>
                <PackagePanel app_url={props.app_url.clone()} settings={effective.clone()} builtin={props.deck.clone()} />
                </div>
            </div>
            <section class="card" aria-labelledby="preview-title">
                <h2 id="preview-title">{ "Live preview" }</h2>
                if !problems.0.is_empty() {
                    <div class="preview-problems" role="status" data-testid="embed-preview-problems">
                        <p><strong>{ "Learners would see that this activity is not set up. The preview reported:" }</strong></p>
                        <ul>{ for problems.0.iter().map(|p| html! { <li><pre class="problems">{ p }</pre></li> }) }</ul>
                    </div>
                }
                <div class="preview-frame">
                    <iframe ref={preview} src={url.clone()} title="Preview of the embedded RoleCall" data-testid="embed-preview"></iframe>
                </div>
            </section>
        </section>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn snippets_escape_the_url() {
        let s = super::snippet("https://x.org/app/?mode=cards&n=10\"", None);
        assert!(s.contains("src=\"https://x.org/app/?mode=cards&amp;n=10&quot;\""));
        assert!(s.contains("title=\"RoleCall: DevOps or Platform?\""));
    }

    #[test]
    fn a_custom_deck_names_the_frame() {
        let s = super::snippet("https://x.org/app/", Some("Sun & \"rain\" <or> snow?"));
        assert!(
            s.contains("title=\"RoleCall: Sun &amp; &quot;rain&quot; &lt;or> snow?\""),
            "{s}"
        );
    }
}
