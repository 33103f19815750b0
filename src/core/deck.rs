//! Decks: the statements a learner tags, and the categories they are tagged with.
//!
//! A deck arrives as bytes (compiled in, or fetched from a trainer's URL). Parsing happens in two
//! steps, as in any careful parser: the bytes become a loose JSON tree (`serde_json::Value`), then
//! [`Deck::parse`] walks that tree, checking every field and collecting *all* problems with their
//! JSON path, so an author can fix a deck in one pass. Only a fully valid deck becomes a [`Deck`].
//!
//! Invariants of a [`Deck`]: 2 to 6 categories with unique ids; 1 to [`MAX_STATEMENTS`] statements
//! with unique ids; every statement's tag is one of the deck's categories; every text is non-blank
//! and within its length limit. Nothing in this module panics on any input.
//!
//! The format is documented in `docs/deck-format.md` and described by `static/deck.schema.json`.

use super::dates::Date;
use super::json::{self, schema_integer, type_name};
use super::text::{clip, is_slug, ECHO_LEN, MAX_SLUG_LEN};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;

/// The only deck format version this build reads.
pub const FORMAT: u64 = 1;
/// Largest deck file accepted, in bytes.
pub const MAX_DECK_BYTES: usize = 8 * 1024 * 1024;
/// Most statements a deck may hold.
pub const MAX_STATEMENTS: usize = 10_000;
/// Fewest and most categories a deck may define.
pub const CATEGORY_RANGE: (usize, usize) = (2, 6);
/// How many problems are listed before the rest are summarised.
const MAX_PROBLEMS_LISTED: usize = 20;
/// The question asked with each statement when the deck does not set its own `prompt`.
pub const DEFAULT_PROMPT: &str = "Which category fits this statement?";

/// The built-in deck, compiled into the app so the first screen needs no request.
pub const BUILTIN_JSON: &str = include_str!("../../decks/devops-vs-platform.json");

/// A deck's stable id (a slug such as `devops-vs-platform`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeckId(String);

/// A statement's stable id within its deck; progress is stored by it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatementId(String);

macro_rules! id_type {
    ($($name:ident),*) => {$(
        impl $name {
            /// An id as validated by the deck parser (a slug of at most 64 characters).
            pub fn new(id: impl Into<String>) -> $name {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
id_type!(DeckId, StatementId);

/// A category, referred to by its position in [`Deck::categories`].
///
/// Using the position (not the id string) keeps answers and confusion matrices cheap and makes an
/// unknown tag unrepresentable once a deck is validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag(pub u8);

impl Tag {
    /// The position of this tag in the deck's category list.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// One of the labels a learner can give a statement ("DevOps", "Platform", "Both").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// Slug used in deck files, URLs and xAPI choice ids.
    pub id: String,
    /// Short label shown on the answer button.
    pub label: String,
    /// One-line description shown in help and on the start screen.
    pub description: String,
    /// The letter shortcut, if the label's first letter is not taken by an earlier category.
    pub letter: Option<char>,
    /// The icon the deck chose for it; see [`Deck::icon`] for the one shown.
    pub icon: Option<CategoryIcon>,
}

/// The icons a deck may give its categories, by the names deck files use. A small fixed set the
/// app draws itself: a deck is data, so it names a picture rather than supplying one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CategoryIcon {
    /// Two joined loops: delivery and operations (the built-in deck's DevOps).
    Loop,
    /// Stacked layers: a platform (the built-in deck's Platform).
    Layers,
    /// Two overlapping circles: common ground (the built-in deck's Both).
    Overlap,
    Circle,
    Square,
    Triangle,
    Diamond,
    Hexagon,
    Star,
    Code,
    Cloud,
    Person,
}

impl CategoryIcon {
    /// Every icon, in the order the studio lists them.
    pub const ALL: [CategoryIcon; 12] = [
        CategoryIcon::Circle,
        CategoryIcon::Square,
        CategoryIcon::Triangle,
        CategoryIcon::Diamond,
        CategoryIcon::Hexagon,
        CategoryIcon::Star,
        CategoryIcon::Loop,
        CategoryIcon::Layers,
        CategoryIcon::Overlap,
        CategoryIcon::Code,
        CategoryIcon::Cloud,
        CategoryIcon::Person,
    ];

    /// Its name in deck files.
    pub fn name(self) -> &'static str {
        match self {
            CategoryIcon::Loop => "loop",
            CategoryIcon::Layers => "layers",
            CategoryIcon::Overlap => "overlap",
            CategoryIcon::Circle => "circle",
            CategoryIcon::Square => "square",
            CategoryIcon::Triangle => "triangle",
            CategoryIcon::Diamond => "diamond",
            CategoryIcon::Hexagon => "hexagon",
            CategoryIcon::Star => "star",
            CategoryIcon::Code => "code",
            CategoryIcon::Cloud => "cloud",
            CategoryIcon::Person => "person",
        }
    }

    /// The icon with this name, exactly as written (names are lowercase).
    pub fn from_name(name: &str) -> Option<CategoryIcon> {
        CategoryIcon::ALL.into_iter().find(|i| i.name() == name)
    }

    /// The icon of a category that names none: a plain shape, different for each position, so
    /// categories stay apart without colour and no deck borrows another's pictures.
    pub fn by_position(index: usize) -> CategoryIcon {
        CategoryIcon::ALL[index.min(5)]
    }
}

/// Whether a statement restates the source or applies it to a situation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Restates one of the source's own claims.
    Claim,
    /// An applied situation whose answer the source decides.
    Scenario,
}

/// One statement to tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub id: StatementId,
    pub text: String,
    /// The correct answer.
    pub tag: Tag,
    /// Why the answer is right, for the learner.
    pub explanation: String,
    /// The words of the source that decide the answer, when the deck has a source.
    pub quote: Option<String>,
    /// 1 (easy) to 3 (subtle); 2 when the deck does not say.
    pub difficulty: u8,
    pub kind: Option<Kind>,
    /// Who says the quote in the source, as it reads after "Said by": "the Platform Engineer".
    /// Only with a quote.
    pub speaker: Option<String>,
    /// For a wrong answer, one sentence on why it is tempting but wrong, by the category the
    /// learner chose; in category order, never the statement's own tag.
    pub wrong: Vec<(Tag, String)>,
}

impl Statement {
    /// The sentence for a learner who answered `picked`, when the deck gives one.
    pub fn if_wrong(&self, picked: Tag) -> Option<&str> {
        self.wrong.iter().find(|(t, _)| *t == picked).map(|(_, s)| s.as_str())
    }
}

/// Where a deck's content comes from, shown with every quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub title: String,
    pub author: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Where the source can be read: an `https://` (or `http://`) address with a host.
    pub url: Option<String>,
}

/// A validated deck. See the module documentation for its invariants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deck {
    pub id: DeckId,
    pub title: String,
    pub description: String,
    pub language: String,
    /// The question asked with each statement, if the deck sets one; see [`Deck::prompt`].
    pub prompt: Option<String>,
    pub source: Option<Source>,
    pub categories: Vec<Category>,
    pub statements: Vec<Statement>,
}

/// Why a deck could not be read. `Display` gives a message an author can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeckError {
    /// The file is larger than [`MAX_DECK_BYTES`].
    TooLarge { bytes: usize },
    /// The file is empty or only whitespace.
    Empty,
    /// The bytes are not UTF-8; `offset` is where the first bad byte is.
    NotUtf8 { offset: usize },
    /// The text is not JSON.
    Syntax { line: usize, column: usize, reason: String },
    /// The JSON does not describe a valid deck; every problem found is listed.
    Invalid(Vec<Problem>),
}

/// One problem at one place in a deck file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, such as `statements[3].tag`; empty for the top level.
    pub path: String,
    pub what: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.what)
        } else {
            write!(f, "{}: {}", self.path, self.what)
        }
    }
}

impl fmt::Display for DeckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeckError::TooLarge { bytes } => write!(
                f,
                "the deck file is {} bytes; the largest deck accepted is {} bytes (8 MiB)",
                bytes, MAX_DECK_BYTES
            ),
            DeckError::Empty => write!(f, "the deck file is empty"),
            DeckError::NotUtf8 { offset } => write!(
                f,
                "the deck file is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8"
            ),
            DeckError::Syntax { line, column, reason } => {
                write!(
                    f,
                    "the deck file is not valid JSON: {reason} at line {line}, column {column}"
                )
            }
            DeckError::Invalid(problems) => {
                let n = problems.len();
                write!(f, "the deck has {} problem{}", n, if n == 1 { "" } else { "s" })?;
                for p in problems.iter().take(MAX_PROBLEMS_LISTED) {
                    write!(f, "\n- {p}")?;
                }
                if n > MAX_PROBLEMS_LISTED {
                    write!(f, "\n- and {} more", n - MAX_PROBLEMS_LISTED)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for DeckError {}

/// Limits on text fields, in characters (not bytes). Shared with the spreadsheet reader, so a
/// sheet is held to the same lengths as a deck file.
pub(crate) struct Limit {
    min: usize,
    pub(crate) max: usize,
}

const ID: Limit = Limit {
    min: 1,
    max: MAX_SLUG_LEN,
};
const TITLE: Limit = Limit { min: 1, max: 120 };
const DESCRIPTION: Limit = Limit { min: 0, max: 500 };
pub(crate) const LABEL: Limit = Limit { min: 1, max: 24 };
const CATEGORY_DESCRIPTION: Limit = Limit { min: 1, max: 200 };
pub(crate) const TEXT: Limit = Limit { min: 1, max: 280 };
pub(crate) const EXPLANATION: Limit = Limit { min: 1, max: 600 };
pub(crate) const QUOTE: Limit = Limit { min: 1, max: 600 };
pub(crate) const SPEAKER: Limit = Limit { min: 1, max: 80 };
pub(crate) const WRONG: Limit = Limit { min: 1, max: 300 };
const SOURCE_TITLE: Limit = Limit { min: 1, max: 200 };
const AUTHOR: Limit = Limit { min: 1, max: 120 };
const URL: Limit = Limit { min: 1, max: 2000 };
const PROMPT: Limit = Limit { min: 1, max: 120 };
const LANGUAGE: Limit = Limit { min: 2, max: 35 };
/// Dates are checked by their form; no separate length limit.
const DATE_TEXT: Limit = Limit {
    min: 1,
    max: usize::MAX,
};

impl Deck {
    /// The built-in "DevOps vs Platform Engineering" deck.
    ///
    /// Its validity is checked by the test suite, so failing here is a build defect; the caller
    /// still receives a `Result` so the app can show an error screen rather than panic.
    pub fn builtin() -> Result<Deck, DeckError> {
        Deck::parse(BUILTIN_JSON.as_bytes())
    }

    /// Parses and validates a deck file.
    pub fn parse(bytes: &[u8]) -> Result<Deck, DeckError> {
        if bytes.len() > MAX_DECK_BYTES {
            return Err(DeckError::TooLarge { bytes: bytes.len() });
        }
        let text = std::str::from_utf8(bytes).map_err(|e| DeckError::NotUtf8 {
            offset: e.valid_up_to(),
        })?;
        // Editors on some systems save UTF-8 with a byte-order mark; it carries no meaning.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(DeckError::Empty);
        }
        let value = json::parse(text).map_err(|e| DeckError::Syntax {
            line: e.line(),
            column: e.column(),
            reason: syntax_reason(&e),
        })?;
        let mut v = Validator::default();
        let deck = v.deck(&value);
        match deck {
            Some(deck) if v.problems.is_empty() => Ok(deck),
            _ => Err(DeckError::Invalid(v.problems)),
        }
    }

    /// The category a tag refers to. Tags come from this deck, so the lookup cannot miss; the
    /// `Option` keeps a stray tag from another deck harmless.
    pub fn category(&self, tag: Tag) -> Option<&Category> {
        self.categories.get(tag.index())
    }

    /// The label of `tag`'s category, as messages name it; empty for a tag the deck lacks.
    pub fn label(&self, tag: Tag) -> &str {
        self.category(tag).map_or("", |c| c.label.as_str())
    }

    /// All tags of this deck, in order.
    pub fn tags(&self) -> impl Iterator<Item = Tag> + '_ {
        (0..self.categories.len()).map(|i| Tag(i as u8))
    }

    /// The tag whose category id is `id`.
    pub fn tag_by_id(&self, id: &str) -> Option<Tag> {
        self.categories.iter().position(|c| c.id == id).map(|i| Tag(i as u8))
    }

    /// The tag a key press selects: `1`..`6` by position, or a category's letter.
    pub fn tag_for_key(&self, key: &str) -> Option<Tag> {
        let mut chars = key.chars();
        let (c, None) = (chars.next()?, chars.next()) else {
            return None;
        };
        if let Some(d) = c.to_digit(10) {
            let i = d as usize;
            return (1..=self.categories.len()).contains(&i).then(|| Tag((i - 1) as u8));
        }
        let c = c.to_ascii_lowercase();
        self.categories
            .iter()
            .position(|cat| cat.letter == Some(c))
            .map(|i| Tag(i as u8))
    }

    /// Index of the statement with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.statements.iter().position(|s| s.id.as_str() == id)
    }

    /// A map from statement id to index, for resolving stored progress in bulk. Owned keys, so
    /// it is the same map type as the parser's duplicate check and the wasm carries one copy.
    pub fn index(&self) -> HashMap<String, usize> {
        let mut index = HashMap::with_capacity(self.statements.len());
        for (i, s) in self.statements.iter().enumerate() {
            index.insert(s.id.to_string(), i);
        }
        index
    }

    /// The question asked with each statement: the deck's own, or [`DEFAULT_PROMPT`].
    pub fn prompt(&self) -> &str {
        self.prompt.as_deref().unwrap_or(DEFAULT_PROMPT)
    }

    /// The icon shown for a tag's category: the one the deck chose, or a plain shape by position.
    pub fn icon(&self, tag: Tag) -> CategoryIcon {
        self.category(tag)
            .and_then(|c| c.icon)
            .unwrap_or_else(|| CategoryIcon::by_position(tag.index()))
    }

    /// The source's author and title (`Someone, “A talk”`), and its date apart, which is shown
    /// unbroken.
    pub fn attribution(&self) -> Option<(String, &str)> {
        self.source
            .as_ref()
            .map(|s| (format!("{}, \u{201c}{}\u{201d}", s.author, s.title), s.date.as_str()))
    }
}

/// serde_json's message without its trailing position, which we report separately.
fn syntax_reason(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

/// Gives each category the first letter of its label as a shortcut, unless an earlier category
/// took it or it is a digit (digits select by position).
fn assign_letters(categories: &mut [Category]) {
    // One bit per letter a to z: a hash set here would be its own few hundred bytes of wasm.
    let mut taken = 0u32;
    for c in categories {
        c.letter = c.label.chars().next().map(|ch| ch.to_ascii_lowercase()).filter(|ch| {
            let bit = 1u32 << ((*ch as u32).wrapping_sub('a' as u32) & 31);
            let free = ch.is_ascii_lowercase() && taken & bit == 0;
            if free {
                taken |= bit;
            }
            free
        });
    }
}

/// Walks a JSON tree, collecting problems. Each method returns `None` when the value it checks is
/// unusable, so later checks that depend on it are skipped rather than reported twice.
#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

/// Whitespace as JSON Schema's `\S` (ECMAScript) sees it, so that "blank" means the same thing
/// to the parser and to an editor validating against `deck.schema.json`.
pub(crate) fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// Whether `s` has no character but whitespace (see [`is_js_space`]).
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(is_js_space)
}

/// "1 item", "3 items".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A JSON value as an author wrote it, shortened for a message.
fn echo_json(v: &Value) -> String {
    clip(&json::to_string(v), ECHO_LEN).into_owned()
}

/// Trims ECMAScript whitespace (see [`is_js_space`]).
pub(crate) fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

/// A value quoted for a message, shortened so a huge value cannot flood it.
pub(crate) fn echo(s: &str) -> String {
    format!("{:?}", clip(s, ECHO_LEN))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Whether `u` is a web address (`https://` or `http://`) with a host and no whitespace: the only
/// kind of link a deck may put in front of learners (as `^https?://[^\s/?#]+([/?#]\S*)?$` in the
/// schema). Plain http stays allowed: decks written before the host rule used it, and a link to
/// an http page is only a link.
pub(crate) fn is_web_url(u: &str) -> bool {
    let Some(rest) = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host > 0 && !rest.chars().any(is_js_space)
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Validator {
    fn report(&mut self, path: &str, what: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_string(),
            what: what.into(),
        });
    }

    fn object<'v>(&mut self, v: &'v Value, path: &str, allowed: &[&str]) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.report(path, format!("expected an object, found {}", type_name(v)));
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.report(
                    &join(path, &clip(key, ECHO_LEN)),
                    format!("unknown field; allowed fields are {}", allowed.join(", ")),
                );
            }
        }
        Some(map)
    }

    fn required<'v>(&mut self, map: &'v Map<String, Value>, path: &str, key: &str) -> Option<&'v Value> {
        let found = map.get(key);
        if found.is_none() {
            self.report(&join(path, key), "is missing");
        }
        found
    }

    fn text(&mut self, v: &Value, path: &str, limit: &Limit) -> Option<String> {
        let Value::String(s) = v else {
            self.report(path, format!("expected a string, found {}", type_name(v)));
            return None;
        };
        let len = s.chars().count();
        if len > limit.max {
            self.report(
                path,
                format!("is {} long; at most {} are allowed", count(len, "character"), limit.max),
            );
            return None;
        }
        if limit.min > 0 && is_blank(s) {
            self.report(path, "must not be empty");
            return None;
        }
        if len < limit.min {
            self.report(
                path,
                format!(
                    "is {} long; at least {} are required",
                    count(len, "character"),
                    limit.min
                ),
            );
            return None;
        }
        Some(s.clone())
    }

    fn required_text(&mut self, map: &Map<String, Value>, path: &str, key: &str, limit: &Limit) -> Option<String> {
        let v = self.required(map, path, key)?;
        self.text(v, &join(path, key), limit)
    }

    fn optional_text(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        limit: &Limit,
    ) -> Option<Option<String>> {
        match map.get(key) {
            None => Some(None),
            Some(v) => self.text(v, &join(path, key), limit).map(Some),
        }
    }

    fn slug(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<String> {
        let s = self.required_text(map, path, key, &ID)?;
        if is_slug(&s) {
            Some(s)
        } else {
            self.report(
                &join(path, key),
                format!(
                    "{s:?} is not a valid id; use lowercase letters, digits and '-', starting with a letter or digit"
                ),
            );
            None
        }
    }

    fn array<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &str,
        key: &str,
        min: usize,
        max: usize,
    ) -> Option<&'v [Value]> {
        let v = self.required(map, path, key)?;
        let p = join(path, key);
        let Value::Array(items) = v else {
            self.report(&p, format!("expected an array, found {}", type_name(v)));
            return None;
        };
        if items.len() < min || items.len() > max {
            self.report(
                &p,
                format!(
                    "has {}; between {min} and {max} are allowed",
                    count(items.len(), "item")
                ),
            );
            return None;
        }
        Some(items)
    }

    fn deck(&mut self, v: &Value) -> Option<Deck> {
        const FIELDS: &[&str] = &[
            "$schema",
            "format",
            "id",
            "title",
            "description",
            "language",
            "prompt",
            "source",
            "categories",
            "statements",
        ];
        let Value::Object(map) = v else {
            self.report("", format!("a deck must be a JSON object, found {}", type_name(v)));
            return None;
        };
        // A file from a newer format would drown in unknown-field reports; say the one thing that matters.
        match map.get("format") {
            None => {
                self.report("format", "is missing; this app reads format 1");
                return None;
            }
            Some(v) if schema_integer(v) == Some(FORMAT) => {}
            Some(v @ Value::Number(_)) => {
                self.report(
                    "format",
                    format!("{} is not supported; this app reads format {FORMAT}", echo_json(v)),
                );
                return None;
            }
            Some(other) => {
                self.report(
                    "format",
                    format!("expected the number {FORMAT}, found {}", type_name(other)),
                );
                return None;
            }
        }
        let map = self.object(v, "", FIELDS)?;
        if let Some(s) = map.get("$schema") {
            if !s.is_string() {
                self.report("$schema", format!("expected a string, found {}", type_name(s)));
            }
        }
        let id = self.slug(map, "", "id");
        let title = self.required_text(map, "", "title", &TITLE);
        let description = self.required_text(map, "", "description", &DESCRIPTION);
        let language = self.required_text(map, "", "language", &LANGUAGE).and_then(|l| {
            if is_language_tag(&l) {
                Some(l)
            } else {
                self.report(
                    "language",
                    format!("{l:?} is not a language tag such as \"en\" or \"pt-BR\""),
                );
                None
            }
        });
        let prompt = self.optional_text(map, "", "prompt", &PROMPT);
        let source = match map.get("source") {
            None => Some(None),
            Some(v) => self.source(v).map(Some),
        };
        let (categories, ids) = self.categories(map);
        // Statements are checked even when the categories are broken; their tags are checked
        // whenever every category has a valid id of its own, so problems come in one pass.
        let statements = self.statements(map, ids.as_deref());
        Some(Deck {
            id: DeckId(id?),
            title: title?,
            description: description?,
            language: language?,
            prompt: prompt?,
            source: source?,
            categories: categories?,
            statements: statements?,
        })
    }

    fn source(&mut self, v: &Value) -> Option<Source> {
        let map = self.object(v, "source", &["title", "author", "date", "url"])?;
        let title = self.required_text(map, "source", "title", &SOURCE_TITLE);
        let author = self.required_text(map, "source", "author", &AUTHOR);
        let date = self.required_text(map, "source", "date", &DATE_TEXT).and_then(|d| {
            if Date::parse(&d).is_some() {
                Some(d)
            } else {
                self.report(
                    "source.date",
                    format!("{} is not a date in the form YYYY-MM-DD", echo(&d)),
                );
                None
            }
        });
        let url = self.optional_text(map, "source", "url", &URL).and_then(|u| match u {
            Some(u) if !is_web_url(&u) => {
                self.report(
                    "source.url",
                    format!(
                        "{} is not a web address; write it as https://example.org/article",
                        echo(&u)
                    ),
                );
                None
            }
            u => Some(u),
        });
        Some(Source {
            title: title?,
            author: author?,
            date: date?,
            url: url?,
        })
    }

    /// The categories when all are valid, and their ids when at least those are (valid and
    /// distinct), for checking the statements' tags.
    fn categories(&mut self, map: &Map<String, Value>) -> (Option<Vec<Category>>, Option<Vec<String>>) {
        let (min, max) = CATEGORY_RANGE;
        let Some(items) = self.array(map, "", "categories", min, max) else {
            return (None, None);
        };
        let mut out = Vec::with_capacity(items.len());
        let mut first_seen: HashMap<String, usize> = HashMap::new();
        let mut labels: HashMap<String, usize> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("categories[{i}]");
            let Some(obj) = self.object(item, &path, &["id", "label", "description", "icon"]) else {
                continue;
            };
            let id = self.slug(obj, &path, "id");
            let label = self.required_text(obj, &path, "label", &LABEL);
            let description = self.required_text(obj, &path, "description", &CATEGORY_DESCRIPTION);
            let icon = match obj.get("icon") {
                None => Some(None),
                Some(v) => match v.as_str().and_then(CategoryIcon::from_name) {
                    Some(icon) => Some(Some(icon)),
                    None => {
                        let names: Vec<&str> = CategoryIcon::ALL.iter().map(|i| i.name()).collect();
                        self.report(
                            &format!("{path}.icon"),
                            format!(
                                "{} is not an icon RoleCall has; use one of {}",
                                echo_json(v),
                                names.join(", ")
                            ),
                        );
                        None
                    }
                },
            };
            if let Some(id) = &id {
                if let Some(j) = first_seen.get(id) {
                    self.report(
                        &format!("{path}.id"),
                        format!("{id:?} is already used by categories[{j}]"),
                    );
                } else {
                    first_seen.insert(id.clone(), i);
                }
            }
            if let Some(label) = &label {
                let key = js_trim(label).to_ascii_lowercase();
                if let Some(j) = labels.get(&key) {
                    self.report(
                        &format!("{path}.label"),
                        format!("{label:?} is already used by categories[{j}]"),
                    );
                } else {
                    labels.insert(key, i);
                }
            }
            if let (Some(id), Some(label), Some(description), Some(icon)) = (id, label, description, icon) {
                out.push(Category {
                    id,
                    label,
                    description,
                    letter: None,
                    icon,
                });
            }
        }
        let ids = (first_seen.len() == items.len()).then(|| {
            let mut ids = vec![String::new(); items.len()];
            for (id, i) in first_seen {
                ids[i] = id;
            }
            ids
        });
        if out.len() != items.len() || ids.is_none() || labels.len() != items.len() {
            return (None, ids);
        }
        assign_letters(&mut out);
        (Some(out), ids)
    }

    fn statements(&mut self, map: &Map<String, Value>, category_ids: Option<&[String]>) -> Option<Vec<Statement>> {
        let items = self.array(map, "", "statements", 1, MAX_STATEMENTS)?;
        let allowed_tags: Option<Vec<&str>> = category_ids.map(|ids| ids.iter().map(String::as_str).collect());
        let mut out = Vec::with_capacity(items.len());
        let mut first_seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let path = format!("statements[{i}]");
            let statement = self.statement(item, &path, allowed_tags.as_deref());
            // Twin ids are found among the valid ids as written, so a statement with other
            // problems still names its twin, in the same pass.
            if let Some(id) = item.get("id").and_then(Value::as_str).filter(|id| is_slug(id)) {
                if let Some(j) = first_seen.get(id) {
                    self.report(
                        &format!("{path}.id"),
                        format!("{id:?} is already used by statements[{j}]"),
                    );
                    ok = false;
                } else {
                    first_seen.insert(id.to_string(), i);
                }
            }
            match statement {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// Checks one statement. `tags` is `None` when the categories' ids are unusable; the tag is
    /// then only checked to be a string.
    fn statement(&mut self, v: &Value, path: &str, tags: Option<&[&str]>) -> Option<Statement> {
        const FIELDS: &[&str] = &[
            "id",
            "text",
            "tag",
            "explanation",
            "quote",
            "speaker",
            "wrong",
            "difficulty",
            "kind",
        ];
        let map = self.object(v, path, FIELDS)?;
        let id = self.slug(map, path, "id");
        let text = self.required_text(map, path, "text", &TEXT);
        let tag = self.required(map, path, "tag").and_then(|t| {
            let p = join(path, "tag");
            let Value::String(t) = t else {
                self.report(&p, format!("expected a string, found {}", type_name(t)));
                return None;
            };
            self.category_tag(&p, t, tags?)
        });
        let explanation = self.required_text(map, path, "explanation", &EXPLANATION);
        let quote = self.optional_text(map, path, "quote", &QUOTE);
        let speaker = self.optional_text(map, path, "speaker", &SPEAKER).and_then(|speaker| {
            if speaker.is_some() && !map.contains_key("quote") {
                self.report(
                    &join(path, "speaker"),
                    "names who says the quote, but the statement has no quote; add the quote or remove the speaker",
                );
                return None;
            }
            Some(speaker)
        });
        let wrong = match map.get("wrong") {
            None => Some(Vec::new()),
            Some(v) => self.wrong(v, &join(path, "wrong"), map.get("tag").and_then(Value::as_str), tags),
        };
        let difficulty = match map.get("difficulty") {
            None => Some(2),
            Some(v) => match schema_integer(v) {
                Some(d @ 1..=3) => Some(d as u8),
                _ => {
                    self.report(
                        &join(path, "difficulty"),
                        format!("{} is not allowed; use 1, 2 or 3", echo_json(v)),
                    );
                    None
                }
            },
        };
        let kind = match map.get("kind") {
            None => Some(None),
            Some(Value::String(k)) if k == "claim" => Some(Some(Kind::Claim)),
            Some(Value::String(k)) if k == "scenario" => Some(Some(Kind::Scenario)),
            Some(v) => {
                self.report(
                    &join(path, "kind"),
                    format!("{} is not allowed; use \"claim\" or \"scenario\"", echo_json(v)),
                );
                None
            }
        };
        Some(Statement {
            id: StatementId(id?),
            text: text?,
            tag: tag?,
            explanation: explanation?,
            quote: quote?,
            difficulty: difficulty?,
            kind: kind?,
            speaker: speaker?,
            wrong: wrong?,
        })
    }

    /// The tag of the category with id `id` among `tags`; else reported at `path` as not one of
    /// them. Shared by a statement's `tag` and the keys of its `wrong`.
    fn category_tag(&mut self, path: &str, id: &str, tags: &[&str]) -> Option<Tag> {
        match tags.iter().position(|c| *c == id) {
            Some(i) => Some(Tag(i as u8)),
            None => {
                self.report(
                    path,
                    format!("{} is not a category of this deck ({})", echo(id), tags.join(", ")),
                );
                None
            }
        }
    }

    /// Checks a statement's `wrong`: an object from a category id other than the statement's
    /// own `tag` to one sentence. Keys are checked against `tags` when the categories are usable.
    fn wrong(&mut self, v: &Value, path: &str, own: Option<&str>, tags: Option<&[&str]>) -> Option<Vec<(Tag, String)>> {
        let Value::Object(map) = v else {
            self.report(
                path,
                format!(
                    "expected an object from a category id to a sentence, found {}",
                    type_name(v)
                ),
            );
            return None;
        };
        let mut out = Vec::with_capacity(map.len());
        let mut ok = true;
        for (key, value) in map {
            let at = join(path, &clip(key, ECHO_LEN));
            let text = self.text(value, &at, &WRONG);
            let tag = match tags {
                None => None,
                Some(tags) if tags.contains(&key.as_str()) && own == Some(key.as_str()) => {
                    self.report(
                        &at,
                        format!(
                            "{} is this statement's answer; write sentences only for the wrong answers",
                            echo(key)
                        ),
                    );
                    None
                }
                Some(tags) => self.category_tag(&at, key, tags),
            };
            match (tag, text) {
                (Some(tag), Some(text)) => out.push((tag, text)),
                _ => ok = false,
            }
        }
        out.sort_by_key(|(tag, _)| *tag);
        ok.then_some(out)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid deck file with 2 to 6 categories and up to 40 statements of random text, some
    /// with a quote, a kind and a source: for property tests of whatever carries decks.
    pub(crate) fn random_deck_json() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        // Texts start with a letter, so they are never blank, and stay within every limit.
        let text = "[A-Za-z][ -~\u{e9}\u{2019}\u{1F600}\n]{0,60}";
        let statement = (text, text, 0usize..6, 1u8..=3, proptest::option::of(text), 0u8..3);
        (2usize..=6, prop::collection::vec(statement, 1..40), text, any::<bool>()).prop_map(
            |(cats, statements, title, sourced)| {
                let categories: Vec<_> = (0..cats)
                    .map(|i| serde_json::json!({"id": format!("c{i}"), "label": format!("Label {i}"), "description": format!("Category {i}.")}))
                    .collect();
                let statements: Vec<_> = statements
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, explanation, tag, difficulty, quote, kind))| {
                        let mut s = serde_json::json!({"id": format!("s{i}"), "text": text, "tag": format!("c{}", tag % cats),
                            "explanation": explanation, "difficulty": difficulty});
                        if let Some(q) = quote {
                            s["quote"] = q.into();
                        }
                        if kind > 0 {
                            s["kind"] = (if kind == 1 { "claim" } else { "scenario" }).into();
                        }
                        s
                    })
                    .collect();
                let mut deck = serde_json::json!({
                    "format": 1, "id": "random", "title": title, "description": "", "language": "en",
                    "categories": categories, "statements": statements,
                });
                if sourced {
                    deck["source"] = serde_json::json!({"title": "A talk", "author": "Someone", "date": "2024-02-29", "url": "https://example.org/t"});
                }
                serde_json::to_string_pretty(&deck).unwrap_or_default()
            },
        )
    }

    /// A small valid deck as JSON; tests mutate it to produce each kind of bad deck.
    pub(crate) fn sample() -> Value {
        serde_json::json!({
            "format": 1,
            "id": "sample",
            "title": "Sample",
            "description": "A sample deck.",
            "language": "en",
            "source": {"title": "A talk", "author": "Someone", "date": "2023-10-27"},
            "categories": [
                {"id": "devops", "label": "DevOps", "description": "Delivery."},
                {"id": "platform", "label": "Platform", "description": "Infrastructure."},
                {"id": "both", "label": "Both", "description": "Shared."}
            ],
            "statements": [
                {"id": "a", "text": "Ships code.", "tag": "devops", "explanation": "Delivery.", "quote": "q1", "difficulty": 1, "kind": "claim"},
                {"id": "b", "text": "Runs clusters.", "tag": "platform", "explanation": "Infra."},
                {"id": "c", "text": "Uses Docker.", "tag": "both", "explanation": "Shared.", "difficulty": 3, "kind": "scenario"}
            ]
        })
    }

    pub(crate) fn sample_deck() -> Deck {
        Deck::parse(sample().to_string().as_bytes()).unwrap()
    }

    fn parse_value(v: &Value) -> Result<Deck, DeckError> {
        Deck::parse(v.to_string().as_bytes())
    }

    #[test]
    fn a_speaker_and_sentences_for_wrong_answers() {
        let mut v = sample();
        v["statements"][0]["speaker"] = "the DevOps Engineer".into();
        v["statements"][0]["wrong"] = serde_json::json!({"both": "Not shared.", "platform": "Not infrastructure."});
        let deck = parse_value(&v).unwrap();
        let s = &deck.statements[0];
        assert_eq!(s.speaker.as_deref(), Some("the DevOps Engineer"));
        // In category order, whatever the file's order.
        assert_eq!(
            s.wrong,
            [
                (Tag(1), "Not infrastructure.".to_string()),
                (Tag(2), "Not shared.".to_string())
            ]
        );
        assert_eq!(s.if_wrong(Tag(2)), Some("Not shared."));
        assert_eq!(s.if_wrong(Tag(0)), None, "no sentence for the right answer");
        assert_eq!(deck.statements[1].if_wrong(Tag(0)), None, "a statement without any");
        // Every problem with them, in one pass: a speaker needs a quote, keys are the deck's
        // other categories, sentences are text within the limit.
        v["statements"][1]["speaker"] = "someone".into();
        v["statements"][1]["wrong"] =
            serde_json::json!({"platform": "Right answer.", "ops": "x", "devops": "w".repeat(301)});
        v["statements"][2]["wrong"] = serde_json::json!(["devops"]);
        let Err(DeckError::Invalid(problems)) = parse_value(&v) else {
            panic!("invalid");
        };
        let said: Vec<String> = problems.iter().map(Problem::to_string).collect();
        assert_eq!(
            said,
            [
                "statements[1].speaker: names who says the quote, but the statement has no quote; add the quote or remove the speaker",
                "statements[1].wrong.devops: is 301 characters long; at most 300 are allowed",
                "statements[1].wrong.ops: \"ops\" is not a category of this deck (devops, platform, both)",
                "statements[1].wrong.platform: \"platform\" is this statement's answer; write sentences only for the wrong answers",
                "statements[2].wrong: expected an object from a category id to a sentence, found an array",
            ]
        );
    }

    #[test]
    fn builtin_deck_is_valid() {
        let deck = Deck::builtin().unwrap();
        assert_eq!(deck.id.as_str(), "devops-vs-platform");
        assert_eq!(deck.categories.len(), 3);
    }

    #[test]
    fn every_problem_comes_in_one_pass() {
        // A broken category description still leaves its id usable, so tags are checked; a
        // statement with problems of its own still names its twin id.
        let mut v = sample();
        v["categories"][0]["description"] = serde_json::json!("");
        v["statements"][1]["id"] = serde_json::json!("a");
        v["statements"][1]["text"] = serde_json::json!("");
        v["statements"][2]["tag"] = serde_json::json!("ops");
        let Err(DeckError::Invalid(problems)) = Deck::parse(v.to_string().as_bytes()) else {
            panic!("invalid");
        };
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "categories[0].description",
                "statements[1].text",
                "statements[1].id",
                "statements[2].tag"
            ]
        );
        // With a category id broken, tags cannot be checked, and are not guessed at.
        v["categories"][0]["id"] = serde_json::json!("Dev Ops");
        let Err(DeckError::Invalid(problems)) = Deck::parse(v.to_string().as_bytes()) else {
            panic!("invalid");
        };
        assert!(problems.iter().all(|p| p.path != "statements[2].tag"), "{problems:?}");
    }

    #[test]
    fn labels_clash_ignoring_ascii_case_only() {
        let mut v = sample();
        v["categories"][1]["label"] = serde_json::json!(" devops ");
        let err = Deck::parse(v.to_string().as_bytes()).unwrap_err().to_string();
        assert!(err.contains("categories[1].label"), "{err}");
        let mut v = sample();
        v["categories"][0]["label"] = serde_json::json!("\u{c9}quipe");
        v["categories"][1]["label"] = serde_json::json!("\u{e9}quipe");
        let deck = Deck::parse(v.to_string().as_bytes()).unwrap();
        assert_eq!(deck.categories[1].label, "\u{e9}quipe");
    }

    #[test]
    fn sample_parses_with_defaults() {
        let deck = sample_deck();
        assert_eq!(deck.statements[1].difficulty, 2);
        assert_eq!(deck.statements[1].quote, None);
        assert_eq!(deck.statements[2].kind, Some(Kind::Scenario));
        assert_eq!(deck.statements[2].tag, Tag(2));
        let letters: Vec<_> = deck.categories.iter().map(|c| c.letter).collect();
        assert_eq!(letters, vec![Some('d'), Some('p'), Some('b')]);
        assert_eq!(
            deck.attribution().unwrap(),
            ("Someone, \u{201c}A talk\u{201d}".to_string(), "2023-10-27")
        );
    }

    #[test]
    fn prompt_icons_and_source_address_are_read_when_present() {
        let mut v = sample();
        v["prompt"] = "Whose job is this?".into();
        v["categories"][0]["icon"] = "code".into();
        v["categories"][2]["icon"] = "overlap".into();
        v["source"]["url"] = "https://example.org/talk?id=1#part-2".into();
        let deck = parse_value(&v).unwrap();
        assert_eq!(deck.prompt(), "Whose job is this?");
        let icons: Vec<_> = deck.tags().map(|t| deck.icon(t)).collect();
        // The middle category names none and keeps its place's shape.
        assert_eq!(icons, [CategoryIcon::Code, CategoryIcon::Square, CategoryIcon::Overlap]);
        assert_eq!(deck.categories[1].icon, None);
        assert_eq!(
            deck.source.unwrap().url.as_deref(),
            Some("https://example.org/talk?id=1#part-2")
        );
    }

    #[test]
    fn a_deck_without_them_gets_neutral_defaults() {
        let deck = sample_deck();
        assert_eq!((deck.prompt.as_deref(), deck.prompt()), (None, DEFAULT_PROMPT));
        let icons: Vec<_> = deck.tags().map(|t| deck.icon(t)).collect();
        assert_eq!(
            icons,
            [CategoryIcon::Circle, CategoryIcon::Square, CategoryIcon::Triangle]
        );
        // Six categories get six different shapes, none of them a role's picture.
        let shapes: Vec<_> = (0..6).map(CategoryIcon::by_position).collect();
        for (i, a) in shapes.iter().enumerate() {
            assert!(!shapes[..i].contains(a), "{a:?} twice");
            assert!(![CategoryIcon::Loop, CategoryIcon::Layers, CategoryIcon::Overlap].contains(a));
        }
        assert_eq!(deck.source.unwrap().url, None);
    }

    #[test]
    fn the_builtin_deck_asks_its_own_question_with_its_own_icons() {
        let deck = Deck::builtin().unwrap();
        assert_eq!(deck.prompt(), "Which role is this?");
        let icons: Vec<_> = deck.tags().map(|t| deck.icon(t)).collect();
        assert_eq!(icons, [CategoryIcon::Loop, CategoryIcon::Layers, CategoryIcon::Overlap]);
    }

    #[test]
    fn icon_names_read_back() {
        for icon in CategoryIcon::ALL {
            assert_eq!(CategoryIcon::from_name(icon.name()), Some(icon));
        }
        assert_eq!(CategoryIcon::from_name(""), None);
    }

    #[test]
    fn web_addresses() {
        for (url, ok) in [
            ("https://example.org", true),
            ("https://example.org/a?b=c#d", true),
            ("https://h", true),
            ("https://", false),
            ("https://?q", false),
            ("https:///path", false),
            ("http://example.org", true),
            ("http://", false),
            ("HTTPS://example.org", false),
            ("https://exa mple.org", false),
            ("https://example.org/\u{a0}", false),
            ("//example.org", false),
        ] {
            assert_eq!(is_web_url(url), ok, "{url}");
        }
    }

    #[test]
    fn keys_select_tags() {
        let deck = sample_deck();
        for (key, want) in [
            ("1", Some(Tag(0))),
            ("3", Some(Tag(2))),
            ("4", None),
            ("0", None),
            ("d", Some(Tag(0))),
            ("P", Some(Tag(1))),
            ("b", Some(Tag(2))),
            ("x", None),
            ("Enter", None),
            ("", None),
        ] {
            assert_eq!(deck.tag_for_key(key), want, "key {key:?}");
        }
    }

    #[test]
    fn clashing_letters_go_to_the_first_category() {
        let mut v = sample();
        v["categories"][1]["label"] = "Delivery".into();
        v["categories"][2]["label"] = "9 lives".into();
        let deck = parse_value(&v).unwrap();
        let letters: Vec<_> = deck.categories.iter().map(|c| c.letter).collect();
        assert_eq!(letters, vec![Some('d'), None, None]);
    }

    /// Each row: a change to the sample deck, and the exact message it must produce.
    #[test]
    fn bad_decks_give_exact_messages() {
        type Edit = fn(&mut Value);
        let rows: Vec<(&str, Edit, &str)> = vec![
            ("unknown tag", |v| v["statements"][1]["tag"] = "ops".into(),
             "statements[1].tag: \"ops\" is not a category of this deck (devops, platform, both)"),
            ("missing text", |v| { v["statements"][0].as_object_mut().unwrap().remove("text"); },
             "statements[0].text: is missing"),
            ("blank text", |v| v["statements"][0]["text"] = "   ".into(),
             "statements[0].text: must not be empty"),
            ("long text", |v| v["statements"][2]["text"] = "x".repeat(281).into(),
             "statements[2].text: is 281 characters long; at most 280 are allowed"),
            ("duplicate statement id", |v| v["statements"][2]["id"] = "a".into(),
             "statements[2].id: \"a\" is already used by statements[0]"),
            ("duplicate category id", |v| v["categories"][2]["id"] = "devops".into(),
             "categories[2].id: \"devops\" is already used by categories[0]"),
            ("duplicate label", |v| v["categories"][2]["label"] = "devops".into(),
             "categories[2].label: \"devops\" is already used by categories[0]"),
            ("one category", |v| { v["categories"].as_array_mut().unwrap().truncate(1); },
             "categories: has 1 item; between 2 and 6 are allowed"),
            ("no statements", |v| v["statements"] = serde_json::json!([]),
             "statements: has 0 items; between 1 and 10000 are allowed"),
            ("bad difficulty", |v| v["statements"][0]["difficulty"] = 4.into(),
             "statements[0].difficulty: 4 is not allowed; use 1, 2 or 3"),
            ("fractional difficulty", |v| v["statements"][0]["difficulty"] = 1.5.into(),
             "statements[0].difficulty: 1.5 is not allowed; use 1, 2 or 3"),
            ("bad kind", |v| v["statements"][0]["kind"] = "fact".into(),
             "statements[0].kind: \"fact\" is not allowed; use \"claim\" or \"scenario\""),
            ("unknown field", |v| v["statements"][0]["hint"] = "x".into(),
             "statements[0].hint: unknown field; allowed fields are id, text, tag, explanation, quote, speaker, wrong, difficulty, kind"),
            ("tag not string", |v| v["statements"][0]["tag"] = 1.into(),
             "statements[0].tag: expected a string, found a number"),
            ("bad id", |v| v["statements"][0]["id"] = "Has Space".into(),
             "statements[0].id: \"Has Space\" is not a valid id; use lowercase letters, digits and '-', starting with a letter or digit"),
            ("statement not object", |v| v["statements"][0] = "text".into(),
             "statements[0]: expected an object, found a string"),
            ("bad language", |v| v["language"] = "english!".into(),
             "language: \"english!\" is not a language tag such as \"en\" or \"pt-BR\""),
            ("bad date", |v| v["source"]["date"] = "27/10/2023".into(),
             "source.date: \"27/10/2023\" is not a date in the form YYYY-MM-DD"),
            ("bad url", |v| v["source"]["url"] = "javascript:alert(1)".into(),
             "source.url: \"javascript:alert(1)\" is not a web address; write it as https://example.org/article"),
            ("url without a host", |v| v["source"]["url"] = "https:///a".into(),
             "source.url: \"https:///a\" is not a web address; write it as https://example.org/article"),
            ("url with a space", |v| v["source"]["url"] = "https://example.org/a b".into(),
             "source.url: \"https://example.org/a b\" is not a web address; write it as https://example.org/article"),
            ("unknown icon", |v| v["categories"][1]["icon"] = "rocket".into(),
             "categories[1].icon: \"rocket\" is not an icon RoleCall has; use one of circle, square, triangle, diamond, hexagon, star, loop, layers, overlap, code, cloud, person"),
            ("icon in capitals", |v| v["categories"][0]["icon"] = "Loop".into(),
             "categories[0].icon: \"Loop\" is not an icon RoleCall has; use one of circle, square, triangle, diamond, hexagon, star, loop, layers, overlap, code, cloud, person"),
            ("icon not a string", |v| v["categories"][0]["icon"] = 3.into(),
             "categories[0].icon: 3 is not an icon RoleCall has; use one of circle, square, triangle, diamond, hexagon, star, loop, layers, overlap, code, cloud, person"),
            ("blank prompt", |v| v["prompt"] = " ".into(),
             "prompt: must not be empty"),
            ("long prompt", |v| v["prompt"] = "?".repeat(121).into(),
             "prompt: is 121 characters long; at most 120 are allowed"),
            ("prompt not a string", |v| v["prompt"] = serde_json::json!(["Which?"]),
             "prompt: expected a string, found an array"),
            ("newer format", |v| v["format"] = 2.into(),
             "format: 2 is not supported; this app reads format 1"),
            ("missing format", |v| { v.as_object_mut().unwrap().remove("format"); },
             "format: is missing; this app reads format 1"),
            ("categories not array", |v| v["categories"] = serde_json::json!({}),
             "categories: expected an array, found an object"),
        ];
        for (name, edit, want) in rows {
            let mut v = sample();
            edit(&mut v);
            match parse_value(&v) {
                Err(DeckError::Invalid(problems)) => {
                    let got: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                    assert_eq!(got, vec![want.to_string()], "case {name}");
                }
                other => panic!("case {name}: expected Invalid, got {other:?}"),
            }
        }
    }

    #[test]
    fn several_problems_are_reported_together() {
        let mut v = sample();
        v["statements"][0]["tag"] = "ops".into();
        v["statements"][2]["text"] = "".into();
        v["title"] = 3.into();
        let Err(DeckError::Invalid(problems)) = parse_value(&v) else {
            panic!()
        };
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, vec!["title", "statements[0].tag", "statements[2].text"]);
    }

    #[test]
    fn byte_level_errors() {
        let rows: Vec<(Vec<u8>, &str)> = vec![
            (b"".to_vec(), "the deck file is empty"),
            (b"  \n".to_vec(), "the deck file is empty"),
            (
                vec![b'{', 0xff, b'}'],
                "the deck file is not UTF-8 text (invalid byte at offset 1); save it as UTF-8",
            ),
            (
                b"{\"format\": 1,,}".to_vec(),
                "the deck file is not valid JSON: key must be a string at line 1, column 14",
            ),
            (
                b"[1, 2]".to_vec(),
                "the deck has 1 problem\n- a deck must be a JSON object, found an array",
            ),
            (
                vec![b' '; MAX_DECK_BYTES + 1],
                "the deck file is 8388609 bytes; the largest deck accepted is 8388608 bytes (8 MiB)",
            ),
        ];
        for (bytes, want) in rows {
            assert_eq!(Deck::parse(&bytes).unwrap_err().to_string(), want);
        }
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let text = r#"{"format": 1, "title": "A", "title": "B"}"#;
        assert_eq!(
            Deck::parse(text.as_bytes()).unwrap_err().to_string(),
            "the deck file is not valid JSON: the key \"title\" appears twice in one object at line 1, column 35"
        );
    }

    #[test]
    fn whole_numbers_may_be_written_as_decimals() {
        let mut v = sample();
        v["format"] = serde_json::json!(1.0);
        v["statements"][0]["difficulty"] = serde_json::json!(3.0);
        assert_eq!(parse_value(&v).unwrap().statements[0].difficulty, 3);
    }

    #[test]
    fn blank_means_what_json_schema_means() {
        // U+FEFF is whitespace to ECMAScript's \S (the schema), U+0085 is not.
        let mut v = sample();
        v["title"] = "\u{feff}".into();
        assert!(parse_value(&v).is_err());
        v["title"] = "\u{85}".into();
        assert!(parse_value(&v).is_ok());
    }

    #[test]
    fn broken_categories_do_not_hide_statement_problems() {
        let mut v = sample();
        v["categories"][1]["label"] = "".into();
        v["statements"][0]["text"] = "".into();
        let Err(DeckError::Invalid(problems)) = parse_value(&v) else {
            panic!()
        };
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, vec!["categories[1].label", "statements[0].text"]);
    }

    #[test]
    fn long_values_are_shortened_in_messages() {
        let mut v = sample();
        v["statements"][0]["kind"] = "k".repeat(5000).into();
        v["statements"][1][&"x".repeat(5000)] = 1.into();
        let msg = parse_value(&v).unwrap_err().to_string();
        assert!(msg.len() < 600, "{} characters", msg.len());
        assert!(msg.contains(&format!("statements[1].{}\u{2026}: unknown field", "x".repeat(40))));
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend(sample().to_string().as_bytes());
        assert!(Deck::parse(&bytes).is_ok());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        assert!(matches!(Deck::parse(text.as_bytes()), Err(DeckError::Syntax { .. })));
    }

    #[test]
    fn long_problem_lists_are_summarised() {
        let mut v = sample();
        let many: Vec<Value> = (0..30)
            .map(|i| serde_json::json!({"id": format!("s{i}"), "text": "t", "tag": "nope", "explanation": "e"}))
            .collect();
        v["statements"] = Value::Array(many);
        let msg = parse_value(&v).unwrap_err().to_string();
        assert!(msg.starts_with("the deck has 30 problems\n"));
        assert!(msg.ends_with("\n- and 10 more"));
    }
}
