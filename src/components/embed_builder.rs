//! The embed builder: choose options, get a snippet to paste into a course page (a frame that
//! sizes itself, the frame alone, or a link), and see a live preview of exactly what it shows.
//! What the trainer types is checked as it is typed; a setting that is wrong is said at its
//! field, and no snippet is offered until it is put right.

use super::field::{text_field, value_of, TextField};
use super::icons::{icon, Icon};
use super::package_panel::PackagePanel;
use crate::core::config::{parse_origin, EmbedConfig, Mode, Notice};
use crate::core::deck::Deck;
use crate::core::embed::{
    applicable, deck_address_problem, embed_url, length_note, length_words, mode_choice, questions, questions_choice,
    questions_menu, read_mode, read_questions, read_retries, retries_choice, retries_menu, retries_note, snippet,
    NumberField, SnippetKind,
};
use crate::core::progress::Theme;
use crate::core::quiz::GradeRule;
use crate::core::text::{clip, count};
use crate::web::{env, files};
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
    /// Where `deck` comes from, said next to the categories and at the deck field.
    pub deck_note: DeckNote,
    /// The custom deck address the studio has taken up (entered and committed), which the
    /// snippet and preview use. While it is typed, the preview does not reload on every key.
    pub deck_url: Option<AttrValue>,
    /// The settings to start from (the studio's own URL parameters).
    pub initial: EmbedConfig,
    /// The parameters of the studio's URL that could not be used: a field's value is put back in
    /// its field, where it is said to be wrong; the others are listed above the form.
    #[prop_or_default]
    pub ignored: Rc<[Notice]>,
    /// A custom deck address was entered (valid) or cleared: the studio reads that deck.
    pub on_deck_url: Callback<Option<String>>,
    /// "Test the deck address": the studio reads the deck at this address again, even if it is
    /// the one already taken up (the file may have changed on its server).
    pub on_test_deck: Callback<String>,
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
    /// The custom deck could not be read: why, in the loader's or the parser's words.
    Failed(AttrValue),
}

impl DeckNote {
    fn text(&self) -> String {
        match self {
            DeckNote::Builtin => "The built-in deck's categories.".into(),
            DeckNote::Loading => "Reading the custom deck\u{2026}".into(),
            DeckNote::Custom(title) => format!("The categories of \u{201c}{title}\u{201d}."),
            DeckNote::Failed(_) => {
                "The custom deck could not be read (the deck field says why); these are the built-in deck's categories."
                    .into()
            }
        }
    }
}

/// The builder's number fields as typed, kept as typed so that nothing is lost while it is wrong.
#[derive(Clone, PartialEq)]
struct Typed {
    /// The "Questions" menu's choice (see [`questions`]) and the number typed beside it.
    n_choice: String,
    n: String,
    seed: String,
    pass: String,
    attempts: String,
}

impl Typed {
    /// The fields for these settings, with the values the URL had that could not be used put
    /// back as they were written.
    fn of(cfg: &EmbedConfig, ignored: &[Notice]) -> Typed {
        let text = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
        let (n_choice, n) = questions_choice(cfg.n);
        let mut typed = Typed {
            n_choice,
            n,
            seed: text(cfg.seed),
            pass: text(cfg.pass.map(u64::from)),
            attempts: text(cfg.attempts.map(u64::from)),
        };
        for notice in ignored {
            let value = notice.value.clone();
            match notice.param {
                "n" => (typed.n_choice, typed.n) = (questions::SET.into(), value),
                "seed" => typed.seed = value,
                "pass" => typed.pass = value,
                "attempts" => typed.attempts = value,
                _ => {}
            }
        }
        typed
    }

    /// The settings with these fields, and what is wrong with any of them, by field id. A field
    /// that is wrong sets nothing.
    fn apply(&self, cfg: &EmbedConfig) -> (EmbedConfig, Vec<(&'static str, String)>) {
        let mut next = cfg.clone();
        let mut wrong = Vec::new();
        let n = read_questions(&self.n_choice, &self.n, cfg.mode);
        next.n = n.clone().unwrap_or(None);
        if let Err(e) = n {
            wrong.push((N_ID, e));
        }
        let mut number = |id: &'static str, field: NumberField, text: &str| match field.read(text) {
            Ok(v) => v,
            Err(e) => {
                wrong.push((id, e));
                None
            }
        };
        next.seed = number(SEED_ID, NumberField::Seed, &self.seed);
        next.pass = number(PASS_ID, NumberField::Pass, &self.pass).map(|p| p as u8);
        next.attempts = number(ATTEMPTS_ID, NumberField::Attempts, &self.attempts).map(|a| a as u32);
        (next, wrong)
    }
}

// The ids of the fields a problem can be at, which the list of what to put right links to.
const N_ID: &str = "builder-n";
const SEED_ID: &str = "builder-seed";
const PASS_ID: &str = "builder-pass";
const ATTEMPTS_ID: &str = "builder-attempts";
const DECK_ID: &str = "builder-deck";
const DECK_CHOICE_ID: &str = "builder-deck-choice";
const ORIGIN_ID: &str = "builder-origin";
const FORM_ORDER: [&str; 7] = [N_ID, PASS_ID, DECK_CHOICE_ID, DECK_ID, ORIGIN_ID, SEED_ID, ATTEMPTS_ID];

/// A field's name in the list of what to put right (the length's depends on the mode).
fn field_name(id: &str, mode: Option<Mode>) -> &'static str {
    match id {
        N_ID => length_words(mode).field,
        SEED_ID => "Question order",
        PASS_ID => "Pass mark",
        ATTEMPTS_ID => "Attempts allowed",
        DECK_ID => "Deck file address",
        DECK_CHOICE_ID => "Deck",
        _ => "Send results to",
    }
}

/// A one-line field for a whole number, typed as text so that what is typed is never lost.
struct NumberInput<'a> {
    id: &'static str,
    label: &'a str,
    text: &'a str,
    placeholder: &'a str,
    problem: Option<&'a str>,
    hint: Option<&'a str>,
    testid: &'a str,
    oninput: Callback<InputEvent>,
    /// The field was left: the preview follows.
    onchange: Callback<Event>,
}

/// A labelled number field, with its problem (the input marked invalid and described by it) or
/// else its hint under it: the studio's one text field, for digits.
fn number_field(f: NumberInput) -> Html {
    text_field(TextField {
        id: f.id.to_string(),
        label: f.label,
        value: f.text,
        problem: f.problem,
        hint: f.hint,
        placeholder: f.placeholder,
        numeric: true,
        testid: Some(f.testid),
        oninput: f.oninput,
        onchange: Some(f.onchange),
        ..TextField::default()
    })
}

/// What the snippet choice says about each kind: when to pick it.
fn kind_text(kind: SnippetKind) -> (&'static str, &'static str) {
    match kind {
        SnippetKind::Sizing => (
            "Frame that sizes itself",
            "The frame and a short script that lets it grow with its content. For any page that keeps scripts: your own site, a wiki or blog, a Moodle Page resource.",
        ),
        SnippetKind::Frame => (
            "Frame only",
            "For pages that size frames already: Canvas, and pages that load H5P's resizer (H5P on WordPress, Moodle or Drupal). Many LMS editors remove scripts (Canvas's always does); where nothing sizes the frame, it stays 640 px tall and scrolls, so change its height in the snippet, use a link, or download an LMS package below.",
        ),
        SnippetKind::Link => (
            "Link",
            "Opens RoleCall in a tab of its own, with its page header: for e-mail, chat, or an LMS's web link (URL) activity. No results are sent anywhere.",
        ),
    }
}

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
        // The default number of tries is left out of the URL, even when the URL had it.
        retries: read_retries(&retries_choice(props.initial.retries).to_string()),
        ..props.initial.clone()
    });
    // The number fields as typed, and as they were when last left (which the preview shows, so
    // that it does not reload on every key).
    let typed = use_state(|| Typed::of(&props.initial, &props.ignored));
    let committed = use_state(|| Typed::of(&props.initial, &props.ignored));
    let ignored_value = |param: &str| props.ignored.iter().find(|n| n.param == param).map(|n| n.value.clone());
    let deck_text = use_state(|| {
        ignored_value("deck")
            .or_else(|| props.initial.deck.clone())
            .unwrap_or_default()
    });
    // "A deck file at an address" chosen, before any address is typed.
    let address = use_state_eq(|| false);
    let origin_text = use_state(|| {
        ignored_value("parentOrigin")
            .or_else(|| props.initial.parent_origin.clone())
            .unwrap_or_default()
    });
    let kind = use_state_eq(SnippetKind::default);
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

    let deck = &props.deck;
    let deck_kind = if props.library_choice.is_some() {
        DeckKind::Mine
    } else if *address || !deck_text.is_empty() {
        DeckKind::Address
    } else {
        DeckKind::Builtin
    };
    let typed_address = deck_text.trim();
    // Whether the address in the field is the one the studio has read (or is reading).
    let taken_up = props.deck_url.as_deref() == Some(typed_address);
    let failed = match &props.deck_note {
        DeckNote::Failed(why) => Some(why.as_str()),
        _ => None,
    };
    let deck_problem: Option<String> = match deck_kind {
        DeckKind::Address => deck_address_problem(&deck_text).map(str::to_string).or_else(|| {
            failed
                .filter(|_| taken_up)
                .map(|why| format!("It does not load: {why}"))
        }),
        DeckKind::Mine => failed.map(|why| format!("This deck cannot be carried in a link: {why}")),
        DeckKind::Builtin => None,
    };
    let deck_status = match (deck_kind, &props.deck_note) {
        (DeckKind::Address, _) if deck_problem.is_some() => String::new(),
        (DeckKind::Address, _) if !taken_up => {
            "Not checked yet: press \u{201c}Test the deck address\u{201d} or leave the field.".into()
        }
        (DeckKind::Address, DeckNote::Loading) => "Checking the deck\u{2026}".into(),
        (DeckKind::Address, DeckNote::Custom(title)) => format!(
            "It loads: \u{201c}{title}\u{201d}, {} in {}.",
            count(deck.statements.len(), "statement", "statements"),
            count(deck.categories.len(), "category", "categories")
        ),
        _ => String::new(),
    };
    // The address was read and gave a deck: the status above says so, with a tick.
    let loads = deck_kind == DeckKind::Address
        && taken_up
        && deck_problem.is_none()
        && matches!(props.deck_note, DeckNote::Custom(_));
    let origin_error = (!origin_text.is_empty() && parse_origin(&origin_text).is_none())
        .then_some("Use an origin such as https://lms.example.org, without a path.");

    // The settings as chosen: menus and ticks as they are, the number fields as read.
    let chosen = |typed: &Typed| {
        let (mut next, wrong) = typed.apply(&cfg);
        // Categories ticked for another deck are not offered, so they are not asked for either.
        next.tags = next
            .tags
            .map(|tags| {
                tags.into_iter()
                    .filter(|t| deck.tag_by_id(t).is_some())
                    .collect::<Vec<_>>()
            })
            .filter(|tags| !tags.is_empty());
        next.deck = props.deck_url.as_ref().map(|u| u.to_string());
        next.parent_origin = parse_origin(&origin_text);
        (applicable(next), wrong)
    };
    let (effective, mut wrong) = chosen(&typed);
    let field_problem = |id: &str| wrong.iter().find(|(at, _)| *at == id).map(|(_, e)| e.clone());
    let (n_problem, seed_problem, pass_problem, attempts_problem) = (
        field_problem(N_ID),
        field_problem(SEED_ID),
        field_problem(PASS_ID),
        field_problem(ATTEMPTS_ID),
    );
    if let Some(p) = &deck_problem {
        let at = if deck_kind == DeckKind::Mine {
            DECK_CHOICE_ID
        } else {
            DECK_ID
        };
        wrong.push((at, p.clone()));
    }
    if let Some(p) = origin_error {
        wrong.push((ORIGIN_ID, p.to_string()));
    }
    // Listed as the form has them.
    wrong.sort_by_key(|(id, _)| FORM_ORDER.iter().position(|f| f == id));
    let ready = wrong.is_empty();
    let url = embed_url(&props.app_url, &chosen(&committed).0);
    let deck_title = match &props.deck_note {
        DeckNote::Custom(title) => Some(title.as_str()),
        _ => None,
    };
    let code = snippet(*kind, &props.app_url, &effective, deck_title);
    // A new preview starts with a clean list.
    {
        let problems = problems.dispatcher();
        use_effect_with(url.clone(), move |_| problems.dispatch(ProblemAction::Clear));
    }
    // A copied message is about the snippet as it was.
    {
        let copied = copied.clone();
        use_effect_with(code.clone(), move |_| copied.set(None));
    }
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
    let on_mode = update(|c, v| c.mode = read_mode(v));
    let on_retries = update(|c, v| c.retries = read_retries(v));
    let on_theme = update(|c, v| c.theme = Theme::parse(v).filter(|t| *t != Theme::Auto));
    let on_embed = update(|c, v| c.embed = v == "true");
    let on_lock = update(|c, v| c.lock = v == "true");
    let on_nav = update(|c, v| c.nav = v == "true");
    let on_grade = update(|c, v| c.grade = GradeRule::parse(v).filter(|g| *g != GradeRule::All));
    // A number field: read as typed; the preview follows when the field is left.
    let typing = |f: fn(&mut Typed, String)| {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*typed).clone();
            f(&mut next, value_of(&e));
            typed.set(next);
        })
    };
    let on_n_text = typing(|t, v| t.n = v);
    let on_seed = typing(|t, v| t.seed = v);
    let on_pass = typing(|t, v| t.pass = v);
    let on_attempts = typing(|t, v| t.attempts = v);
    let left = {
        let (typed, committed) = (typed.clone(), committed.clone());
        Callback::from(move |_: Event| committed.set((*typed).clone()))
    };
    let on_n_choice = {
        let (typed, committed) = (typed.clone(), committed.clone());
        Callback::from(move |e: Event| {
            let mut next = (*typed).clone();
            next.n_choice = value_of(&e);
            if next.n_choice == questions::SET && next.n.trim().is_empty() {
                next.n = "15".into();
            }
            committed.set(next.clone());
            typed.set(next);
        })
    };
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
        let url = value_of(&e);
        deck_address_problem(&url).is_none().then(|| url.trim().to_string())
    });
    let on_test = {
        let (deck_text, test) = (deck_text.clone(), props.on_test_deck.clone());
        Callback::from(move |_: MouseEvent| {
            if deck_address_problem(&deck_text).is_none() {
                test.emit(deck_text.trim().to_string());
            } else {
                env::focus_id(DECK_ID);
            }
        })
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
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            if let Some(k) = SnippetKind::parse(&value_of(&e)) {
                kind.set(k);
            }
        })
    };
    let copy = {
        let (code, copied, kind) = (code.clone(), copied.clone(), *kind);
        Callback::from(move |_: MouseEvent| {
            let (code, copied) = (code.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(match (files::copy(&code).await, kind) {
                    (Ok(()), SnippetKind::Link) => "Link copied to the clipboard.",
                    (Ok(()), _) => "Snippet copied to the clipboard.",
                    (Err(()), _) => "The browser did not allow copying: select the text and copy it.",
                }));
            });
        })
    };
    let deck_choice_problem = deck_problem.as_deref().filter(|_| deck_kind == DeckKind::Mine);
    let deck_choice_note = deck_choice_problem.unwrap_or(match deck_kind {
        DeckKind::Mine => "The deck travels inside the snippet's link and the LMS packages: nothing to host.",
        DeckKind::Address => "For a deck too long for a link, or one you update in place.",
        DeckKind::Builtin => "Write your own in My decks; decks with no problems are offered here.",
    });
    let deck_field_problem = deck_problem.as_deref().filter(|_| deck_kind == DeckKind::Address);
    let n_hint = length_note(&effective, deck);
    // The URL's values that have no field to be put back in.
    let unused: Vec<&Notice> = props
        .ignored
        .iter()
        .filter(|n| !matches!(n.param, "n" | "seed" | "pass" | "attempts" | "deck" | "parentOrigin"))
        .collect();
    let seed_hint = "The same number gives every learner the same statements in the same order.";
    let blocked = (!ready).then(|| {
        AttrValue::from(format!(
            "No package until {} put right: {}.",
            if wrong.len() == 1 {
                "this setting is"
            } else {
                "these settings are"
            },
            wrong
                .iter()
                .map(|(id, _)| field_name(id, cfg.mode))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    });
    let mode = cfg.mode;
    let length = length_words(mode);
    let fix_list = wrong.iter().map(|(id, problem)| {
        let id = *id;
        let onclick = Callback::from(move |_: MouseEvent| env::focus_id(id));
        html! {
            <li key={id}>
                <button type="button" class="link-button" {onclick}>{ field_name(id, mode) }</button>
                { format!(": {}", clip(problem, 300)) }
            </li>
        }
    });
    let (code_label, copy_label) = match *kind {
        SnippetKind::Link => ("Link", "Copy link"),
        _ => ("Embed code", "Copy snippet"),
    };
    html! {
        <section class="screen embed-builder" aria-labelledby="embed-title" data-testid="embed-builder">
            <h1 id="embed-title">{ "Embed RoleCall" }</h1>
            <p class="lead">{ "Put RoleCall in a course page, wiki or LMS. It sizes its frame by itself (H5P resizer, Canvas, or the script in the snippet) and can send results to the page as xAPI statements." }</p>
            <div class="grid-2">
                <form class="card embed-form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    if !unused.is_empty() {
                        <div class="url-ignored" role="note" data-testid="embed-ignored">
                            <p>{ icon(Icon::Warning) }<strong>{ "This page's address had settings that could not be used; the snippet leaves them out:" }</strong></p>
                            <ul>{ for unused.iter().map(|n| html! { <li>{ n.to_string() }</li> }) }</ul>
                        </div>
                    }
                    <label class="field"><span>{ "Mode" }</span>
                        <select onchange={on_mode} data-testid="embed-mode">
                            { for [("quiz", "Quiz"), ("sort", "Sort"), ("cards", "Flashcards")].into_iter().map(|(value, label)| html! {
                                <option {value} selected={mode_choice(mode) == value}>{ label }</option>
                            }) }
                        </select></label>
                    if mode == Some(Mode::Sort) {
                        <label class="field"><span>{ "Wrong cards" }</span>
                            <select onchange={on_retries} data-testid="embed-retries" aria-describedby="retries-help">
                                { for retries_menu().into_iter().map(|(n, label)| html! {
                                    <option value={n.to_string()} selected={retries_choice(cfg.retries) == n}>{ label }</option>
                                }) }
                            </select>
                            <small id="retries-help">{ retries_note(retries_choice(cfg.retries)) }</small></label>
                    }
                    <label class="field"><span>{ length.menu }</span>
                        <select onchange={on_n_choice} data-testid="embed-n" aria-describedby={(typed.n_choice != questions::SET).then_some("builder-n-choice-note")}>
                            { for questions_menu(mode).into_iter().map(|(value, label)| {
                                let selected = typed.n_choice == value;
                                html! { <option {selected} {value}>{ label }</option> }
                            }) }
                        </select>
                        if typed.n_choice != questions::SET {
                            <small id="builder-n-choice-note" data-testid="embed-n-note">{ n_hint.clone() }</small>
                        }
                    </label>
                    if typed.n_choice == questions::SET {
                        { number_field(NumberInput { id: N_ID, label: length.field, text: &typed.n, placeholder: "15", problem: n_problem.as_deref(),
                            hint: Some(&n_hint), testid: "embed-n-count", oninput: on_n_text, onchange: left.clone() }) }
                    }
                    { number_field(NumberInput { id: PASS_ID, label: "Pass mark (%)", text: &typed.pass, placeholder: "70", problem: pass_problem.as_deref(),
                        hint: None, testid: "embed-pass", oninput: on_pass, onchange: left.clone() }) }
                    <label class="field"><span>{ "Theme" }</span>
                        <select onchange={on_theme} data-testid="embed-theme">
                            <option value="auto" selected={cfg.theme.is_none()}>{ "Follow the learner's system" }</option>
                            <option value="light" selected={cfg.theme == Some(Theme::Light)}>{ "Light" }</option>
                            <option value="dark" selected={cfg.theme == Some(Theme::Dark)}>{ "Dark" }</option>
                        </select></label>
                    <label class="field"><span>{ "Deck" }</span>
                        <select id={DECK_CHOICE_ID} onchange={on_deck_kind} data-testid="embed-deck-choice" aria-describedby="deck-choice-help"
                            aria-invalid={deck_choice_problem.map(|_| "true")}>
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
                        <small id="deck-choice-help" class={classes!(deck_choice_problem.map(|_| "field-error"))}>{ deck_choice_note }</small></label>
                    if deck_kind == DeckKind::Address {
                        <div class="field deck-address">
                            <label for={DECK_ID}>{ "Deck file address" }</label>
                            <div class="field-row">
                                <input id={DECK_ID} type="url" placeholder="https://example.org/my-deck.json" value={(*deck_text).clone()} oninput={on_deck} onchange={on_deck_done}
                                    aria-invalid={deck_field_problem.map(|_| "true")} aria-describedby="deck-help deck-status" data-testid="embed-deck" />
                                <button type="button" class="button" onclick={on_test} data-testid="embed-deck-test">{ "Test the deck address" }</button>
                            </div>
                            <small id="deck-help" class={classes!("multiline", deck_field_problem.map(|_| "field-error"))}>
                                { deck_field_problem.unwrap_or("A deck file in RoleCall's format, or a path relative to the app; its server must allow cross-origin requests.") }
                            </small>
                            <small id="deck-status" class={classes!("deck-status", loads.then_some("ok"))} role="status" data-testid="embed-deck-status">
                                if loads {
                                    { icon(Icon::Check) }
                                }
                                { deck_status }
                            </small>
                        </div>
                    }
                    <label class="field"><span>{ "Send results to (origin of your page)" }</span>
                        <input id={ORIGIN_ID} type="url" placeholder="https://lms.example.org" value={(*origin_text).clone()} oninput={on_origin}
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
                    { number_field(NumberInput { id: SEED_ID, label: "Question order (seed, optional)", text: &typed.seed, placeholder: "random", problem: seed_problem.as_deref(),
                        hint: Some(seed_hint), testid: "embed-seed", oninput: on_seed, onchange: left.clone() }) }
                    <h3>{ "Assessment" }</h3>
                    <label class="switch"><input type="checkbox" checked={cfg.lock} onchange={on_lock} data-testid="embed-lock" aria-describedby="lock-help" />
                        <span>{ "Lock the settings" }</span></label>
                    <small id="lock-help" class="switch-help">{ "Learners cannot change the number of questions or the order, and stay in this mode." }</small>
                    if cfg.lock {
                        <label class="switch"><input type="checkbox" checked={cfg.nav} onchange={on_nav} data-testid="embed-nav" />
                            <span>{ "Still let learners visit the other screens" }</span></label>
                    }
                    { number_field(NumberInput { id: ATTEMPTS_ID, label: "Attempts allowed (optional)", text: &typed.attempts, placeholder: "no limit", problem: attempts_problem.as_deref(),
                        hint: None, testid: "embed-attempts", oninput: on_attempts, onchange: left }) }
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
                <section class="card snippet-card" aria-labelledby="snippet-title">
                    <h2 id="snippet-title">{ "Snippet" }</h2>
                    <fieldset class="field snippet-kinds">
                        <legend>{ "What to paste" }</legend>
                        { for SnippetKind::ALL.into_iter().map(|k| {
                            let (label, about) = kind_text(k);
                            let about_id = format!("kind-{}-about", k.as_str());
                            let input_id = format!("kind-{}", k.as_str());
                            html! {
                                // The label names the choice and the note describes it, so a screen
                                // reader says each once.
                                <div class="kind-choice" key={k.as_str()}>
                                    <input type="radio" id={input_id.clone()} name="snippet-kind" value={k.as_str()} checked={*kind == k} onchange={on_kind.clone()}
                                        aria-describedby={about_id.clone()} data-testid={format!("embed-kind-{}", k.as_str())} />
                                    <label class="kind-label" for={input_id}>{ label }</label>
                                    <small class="kind-about" id={about_id}>{ about }</small>
                                </div>
                            }
                        }) }
                    </fieldset>
                    if ready {
                        <label class="field"><span class="sr-only">{ code_label }</span>
                            <textarea readonly=true rows={if *kind == SnippetKind::Sizing { "9" } else { "5" }} class="code" value={code.clone()} data-testid="embed-snippet" /></label>
                        <div class="actions">
                            <button type="button" class="button primary" onclick={copy} data-testid="embed-copy">{ icon(Icon::Copy) }{ copy_label }</button>
                        </div>
                    } else {
                        <div class="snippet-blocked" data-testid="embed-not-ready">
                            <p>{ icon(Icon::Warning) }<strong>{ if wrong.len() == 1 { "No snippet until this setting is put right:" } else { "No snippet until these settings are put right:" } }</strong></p>
                            <ul>{ for fix_list }</ul>
                        </div>
                    }
                    <p class="status-line" role="status">{ if ready { copied.unwrap_or_default() } else { "" } }</p>
                </section>
                <PackagePanel app_url={props.app_url.clone()} settings={effective.clone()} builtin={props.deck.clone()} {blocked} />
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
