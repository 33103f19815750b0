//! Drafts: a deck as a trainer edits it in the studio, valid or not.
//!
//! A [`Deck`] only exists once every field is right; a trainer typing a deck spends most of the
//! time in between. A [`Draft`] holds every field as the text typed, so nothing is refused while
//! it is being written, and [`Draft::check`] runs the app's own deck parser on the draft's JSON
//! and maps each of the parser's problems back to the field it is about ([`Field`]). There is
//! no second set of rules for the editor: what the studio accepts, the app loads.
//!
//! Edits arrive as [`Edit`] values and [`Draft::apply`] makes the next draft, as the learner's
//! state does with its events; the shell keeps earlier drafts for undo. A statement refers to
//! its category by the category's key in the draft ([`Tagged`]), not by its id, so typing a new
//! id letter by letter never moves a statement to another category whose id it passes through;
//! the id is written only when the deck's JSON is.
//!
//! Drafts are read back leniently ([`Draft::from_value`]): any deck-shaped JSON, even a broken
//! one, becomes a draft with every readable field kept, so a trainer can open a faulty deck file
//! and fix it in the editor. [`Draft::to_json`] writes the deck format's fields in its order; a
//! valid deck survives `Draft::from_deck` → `to_json` → [`Deck::parse`] unchanged.

use super::deck::{Deck, DeckError, Kind, FORMAT};
use super::json::{self, Write};
use super::sheet::SheetImport;
use super::text::{slug, unique_slug};
use serde_json::Value;

/// A category as typed. `key` identifies it in the draft, whatever its id says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftCategory {
    pub key: u32,
    pub id: String,
    pub label: String,
    pub description: String,
    /// `""` (a plain shape by position), an icon's name, or what a loaded file held.
    pub icon: String,
}

/// A statement as typed. `key` identifies the row in the editor for as long as the draft is
/// open (list keys, focus, undo); `id` is the statement's id in the deck, which progress is
/// stored by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftStatement {
    pub key: u32,
    pub id: String,
    pub text: String,
    /// The statement's category (the deck format's `tag`).
    pub category: Tagged,
    pub explanation: String,
    pub quote: String,
    /// `""` (the deck's default, 2), or the difficulty as typed.
    pub difficulty: String,
    /// `""`, `claim` or `scenario`, or what a loaded file held.
    pub kind: String,
    /// Who says the quote; `""` when not named.
    pub speaker: String,
    /// The sentences for wrong answers, by the category answered. Empty sentences, and one for
    /// the statement's own category (left when it moves there), are not written to the deck.
    pub wrong: Vec<(Tagged, String)>,
}

impl DraftStatement {
    /// The sentence for a learner who answers the category with this key; `""` when none.
    pub fn wrong_for(&self, category: u32) -> &str {
        self.wrong
            .iter()
            .find(|(t, _)| *t == Tagged::Category(category))
            .map_or("", |(_, text)| text.as_str())
    }

    /// Whether it has sentences for answers that name none of the draft's categories.
    pub fn has_unknown_wrong(&self) -> bool {
        self.wrong.iter().any(|(t, _)| matches!(t, Tagged::Unknown(_)))
    }
}

/// Which category a statement is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tagged {
    /// The draft's category with this key.
    Category(u32),
    /// A tag that names none of the draft's categories (from a file, or left by a removed
    /// category), kept as written so the parser names it at its field; empty when unset.
    Unknown(String),
}

impl Default for Tagged {
    fn default() -> Tagged {
        Tagged::Unknown(String::new())
    }
}

/// A deck as typed. Empty optional fields (a quote, the source) are left out of the deck.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub title: String,
    pub description: String,
    pub language: String,
    /// `""` (the default question), or the question as typed.
    pub prompt: String,
    pub source: [String; 4],
    pub categories: Vec<DraftCategory>,
    pub statements: Vec<DraftStatement>,
    /// The next free [`DraftStatement::key`].
    pub next_key: u32,
    /// The next free [`DraftCategory::key`].
    pub next_category_key: u32,
}

/// A deck-level field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetaField {
    Id,
    Title,
    Description,
    Language,
    Prompt,
    SourceTitle,
    SourceAuthor,
    SourceDate,
    SourceUrl,
}

/// A category's field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CategoryField {
    Id,
    Label,
    Description,
    Icon,
}

/// A statement's field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatementField {
    Id,
    Text,
    Category,
    Explanation,
    Quote,
    Speaker,
    Difficulty,
    Kind,
    /// The sentence for a wrong answer: the category's key, or [`UNKNOWN_CATEGORY`] for
    /// sentences whose category the draft does not have.
    Wrong(u32),
}

/// [`StatementField::Wrong`] for sentences keyed by no category of the draft.
pub const UNKNOWN_CATEGORY: u32 = u32::MAX;

impl StatementField {
    /// Every field a spreadsheet has a column for, in the order its columns are listed.
    pub const ALL: [StatementField; 8] = [
        StatementField::Text,
        StatementField::Category,
        StatementField::Explanation,
        StatementField::Quote,
        StatementField::Speaker,
        StatementField::Difficulty,
        StatementField::Kind,
        StatementField::Id,
    ];

    /// Its name: the column a spreadsheet names it by, and the last word of its element id.
    pub fn name(self) -> &'static str {
        match self {
            StatementField::Text => "text",
            StatementField::Category => "category",
            StatementField::Explanation => "explanation",
            StatementField::Quote => "quote",
            StatementField::Speaker => "speaker",
            StatementField::Wrong(_) => "wrong",
            StatementField::Difficulty => "difficulty",
            StatementField::Kind => "kind",
            StatementField::Id => "id",
        }
    }
}

/// Where a problem is: the place in the editor that shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The deck as a whole (its format, a field the editor does not show).
    Deck,
    Meta(MetaField),
    /// The list of categories (too few or too many).
    Categories,
    /// The list of statements (none, or too many).
    Statements,
    /// The category at this position.
    Category(usize, CategoryField),
    /// The statement with this key.
    Statement(u32, StatementField),
}

/// One problem, at its field, in the parser's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    pub message: String,
}

/// What checking a draft found: the deck it makes, or every problem at its field.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    pub deck: Option<Deck>,
    pub problems: Vec<FieldProblem>,
}

impl Checked {
    /// The first problem at `field`.
    pub fn at(&self, field: Field) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    }

    /// How many problems a statement has, for its row's summary.
    pub fn count_for_statement(&self, key: u32) -> usize {
        self.problems
            .iter()
            .filter(|p| matches!(p.field, Field::Statement(k, _) if k == key))
            .count()
    }
}

/// A change to a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Meta(MetaField, String),
    Category(usize, CategoryField, String),
    AddCategory,
    RemoveCategory(usize),
    Statement(u32, StatementField, String),
    /// A new empty statement after the one with this key (at the end when `None`), in
    /// `category` when given (the editor's category filter).
    AddStatement {
        after: Option<u32>,
        category: Option<u32>,
    },
    /// Puts a statement in the category with this key.
    Categorize(u32, u32),
    Duplicate(u32),
    Delete(u32),
    /// Moves a statement one place up (`-1`) or down (`1`).
    Move(u32, i8),
}

/// A kind as the deck format writes it; empty when unset.
fn kind_text(kind: Option<Kind>) -> String {
    match kind {
        None => String::new(),
        Some(Kind::Claim) => "claim".into(),
        Some(Kind::Scenario) => "scenario".into(),
    }
}

fn text_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

impl Draft {
    /// An empty deck to start from: two categories to rename, one empty statement.
    pub fn blank(id: &str) -> Draft {
        let mut d = Draft {
            id: id.to_string(),
            language: "en".into(),
            categories: ["First", "Second"]
                .iter()
                .zip(0..)
                .map(|(label, key)| DraftCategory {
                    key,
                    id: slug(label),
                    label: label.to_string(),
                    ..DraftCategory::default()
                })
                .collect(),
            next_category_key: 2,
            ..Draft::default()
        };
        d.add_statement(None, None);
        d
    }

    /// A draft holding exactly `deck`.
    pub fn from_deck(deck: &Deck) -> Draft {
        let statements: Vec<DraftStatement> = deck
            .statements
            .iter()
            .enumerate()
            .map(|(i, s)| DraftStatement {
                key: i as u32,
                id: s.id.to_string(),
                text: s.text.clone(),
                category: Tagged::Category(s.tag.0.into()),
                explanation: s.explanation.clone(),
                quote: s.quote.clone().unwrap_or_default(),
                difficulty: s.difficulty.to_string(),
                kind: kind_text(s.kind),
                speaker: s.speaker.clone().unwrap_or_default(),
                wrong: s
                    .wrong
                    .iter()
                    .map(|(t, text)| (Tagged::Category(t.0.into()), text.clone()))
                    .collect(),
            })
            .collect();
        let source = deck.source.as_ref().map_or_else(Default::default, |s| {
            [
                s.title.clone(),
                s.author.clone(),
                s.date.clone(),
                s.url.clone().unwrap_or_default(),
            ]
        });
        Draft {
            id: deck.id.to_string(),
            title: deck.title.clone(),
            description: deck.description.clone(),
            language: deck.language.clone(),
            prompt: deck.prompt.clone().unwrap_or_default(),
            source,
            categories: deck
                .categories
                .iter()
                .zip(0..)
                .map(|(c, key)| DraftCategory {
                    key,
                    id: c.id.clone(),
                    label: c.label.clone(),
                    description: c.description.clone(),
                    icon: c.icon.map(|i| i.name().to_string()).unwrap_or_default(),
                })
                .collect(),
            next_key: statements.len() as u32,
            next_category_key: deck.categories.len() as u32,
            statements,
        }
    }

    /// Reads any deck-shaped JSON, keeping every readable field; what is missing stays empty.
    pub fn from_value(v: &Value) -> Draft {
        let get = |k: &str| text_of(v.get(k));
        let list = |k: &str| v.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
        let src = v.get("source");
        let src_field = |k: &str| text_of(src.and_then(|s| s.get(k)));
        let statements: Vec<DraftStatement> = list("statements")
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let f = |k: &str| text_of(s.get(k));
                DraftStatement {
                    key: i as u32,
                    id: f("id"),
                    text: f("text"),
                    category: Tagged::Unknown(f("tag")),
                    explanation: f("explanation"),
                    quote: f("quote"),
                    difficulty: f("difficulty"),
                    kind: f("kind"),
                    speaker: f("speaker"),
                    wrong: s
                        .get("wrong")
                        .and_then(Value::as_object)
                        .map(|m| {
                            m.iter()
                                .map(|(k, v)| (Tagged::Unknown(k.clone()), text_of(Some(v))))
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        Draft {
            id: get("id"),
            title: get("title"),
            description: get("description"),
            language: get("language"),
            prompt: get("prompt"),
            source: [
                src_field("title"),
                src_field("author"),
                src_field("date"),
                src_field("url"),
            ],
            categories: list("categories")
                .iter()
                .zip(0..)
                .map(|(c, key)| DraftCategory {
                    key,
                    id: text_of(c.get("id")),
                    label: text_of(c.get("label")),
                    description: text_of(c.get("description")),
                    icon: text_of(c.get("icon")),
                })
                .collect(),
            next_key: statements.len() as u32,
            next_category_key: list("categories").len() as u32,
            statements,
        }
        .resolved()
    }

    /// Statements whose tag names a category (the first with that id) refer to it by its key.
    fn resolved(mut self) -> Draft {
        let categories = &self.categories;
        let resolve = |t: &mut Tagged| {
            if let Tagged::Unknown(id) = t {
                if let Some(c) = categories.iter().find(|c| c.id == *id) {
                    *t = Tagged::Category(c.key);
                }
            }
        };
        let position = |t: &Tagged| match t {
            Tagged::Category(key) => categories.iter().position(|c| c.key == *key).unwrap_or(usize::MAX),
            Tagged::Unknown(_) => usize::MAX,
        };
        for s in &mut self.statements {
            resolve(&mut s.category);
            s.wrong.iter_mut().for_each(|(t, _)| resolve(t));
            // In the categories' order, as a deck holds them, whatever the file's order.
            s.wrong.sort_by_key(|(t, _)| position(t));
        }
        self
    }

    /// Each statement's category as its position in the list (`None` for an unknown tag): what
    /// the deck's JSON cannot say while two categories share an id, kept with a stored draft.
    pub fn category_positions(&self) -> Vec<Option<usize>> {
        self.statements
            .iter()
            .map(|s| match s.category {
                Tagged::Category(key) => self.categories.iter().position(|c| c.key == key),
                Tagged::Unknown(_) => None,
            })
            .collect()
    }

    /// The draft with each statement in the category at its position, as
    /// [`Draft::category_positions`] gave them; unchanged unless they fit this draft.
    pub fn with_category_positions(mut self, positions: &[Option<usize>]) -> Draft {
        let fits =
            positions.len() == self.statements.len() && positions.iter().flatten().all(|&i| i < self.categories.len());
        if fits {
            for (s, position) in self.statements.iter_mut().zip(positions) {
                if let Some(i) = position {
                    s.category = Tagged::Category(self.categories[*i].key);
                }
            }
        }
        self
    }

    /// Each statement's sentences for wrong answers by their category's position in the list:
    /// what the deck's JSON cannot say while two categories share an id (its object would need
    /// the same key twice), kept with a stored draft. Sentences for unknown ids are left to the
    /// JSON.
    pub fn wrong_positions(&self) -> Vec<Vec<(usize, String)>> {
        self.statements
            .iter()
            .map(|s| {
                s.wrong
                    .iter()
                    .filter_map(|(t, text)| match t {
                        Tagged::Category(key) => {
                            Some((self.categories.iter().position(|c| c.key == *key)?, text.clone()))
                        }
                        Tagged::Unknown(_) => None,
                    })
                    .collect()
            })
            .collect()
    }

    /// The draft with each statement's sentences for the deck's categories as
    /// [`Draft::wrong_positions`] gave them; unchanged unless they fit this draft.
    pub fn with_wrong_positions(mut self, positions: &[Vec<(usize, String)>]) -> Draft {
        let n = self.categories.len();
        let fits = positions.len() == self.statements.len() && positions.iter().flatten().all(|(i, _)| *i < n);
        if fits {
            for (s, wrong) in self.statements.iter_mut().zip(positions) {
                s.wrong.retain(|(t, _)| matches!(t, Tagged::Unknown(_)));
                let known = wrong
                    .iter()
                    .map(|(i, text)| (Tagged::Category(self.categories[*i].key), text.clone()));
                s.wrong.splice(0..0, known);
            }
        }
        self
    }

    /// The category with this key.
    pub fn category(&self, key: u32) -> Option<&DraftCategory> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// A statement's tag as the deck's JSON writes it.
    pub fn tag_of<'a>(&'a self, s: &'a DraftStatement) -> &'a str {
        match &s.category {
            Tagged::Category(key) => self.category(*key).map_or("", |c| c.id.as_str()),
            Tagged::Unknown(tag) => tag,
        }
    }

    /// The deck file's JSON, compact, fields in the format's order.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(256 + self.statements.len() * 256);
        self.write(&mut out);
        out
    }

    /// The deck file's JSON, indented for people to read (the downloaded file).
    pub fn to_pretty_json(&self) -> String {
        json::pretty(&self.to_json())
    }

    /// Runs the app's deck parser on this draft and places each problem at its field.
    pub fn check(&self) -> Checked {
        match Deck::parse(self.to_json().as_bytes()) {
            Ok(deck) => Checked {
                deck: Some(deck),
                problems: Vec::new(),
            },
            Err(DeckError::Invalid(problems)) => Checked {
                deck: None,
                problems: problems
                    .into_iter()
                    .map(|p| FieldProblem {
                        field: self.field_at(&p.path),
                        message: readable(&p.what),
                    })
                    .collect(),
            },
            // The draft's own JSON is always well formed and far below the size limit; should
            // that ever change, the problem still shows, on the deck as a whole.
            Err(other) => Checked {
                deck: None,
                problems: vec![FieldProblem {
                    field: Field::Deck,
                    message: other.to_string(),
                }],
            },
        }
    }

    /// The field a parser path (`statements[3].tag`) is about.
    fn field_at(&self, path: &str) -> Field {
        let (head, rest) = path.split_once('.').unwrap_or((path, ""));
        let indexed = |prefix: &str| -> Option<usize> { head.strip_prefix(prefix)?.strip_suffix(']')?.parse().ok() };
        if let Some(i) = indexed("statements[") {
            let Some(key) = self.statements.get(i).map(|s| s.key) else {
                return Field::Statements;
            };
            let f = match rest {
                "id" => StatementField::Id,
                "tag" => StatementField::Category,
                "explanation" => StatementField::Explanation,
                "quote" => StatementField::Quote,
                "speaker" => StatementField::Speaker,
                r if r == "wrong" || r.starts_with("wrong.") => StatementField::Wrong(
                    r.strip_prefix("wrong.")
                        .and_then(|id| self.categories.iter().find(|c| c.id == id))
                        .map_or(UNKNOWN_CATEGORY, |c| c.key),
                ),
                "difficulty" => StatementField::Difficulty,
                "kind" => StatementField::Kind,
                _ => StatementField::Text,
            };
            return Field::Statement(key, f);
        }
        if let Some(i) = indexed("categories[") {
            let f = match rest {
                "id" => CategoryField::Id,
                "description" => CategoryField::Description,
                "icon" => CategoryField::Icon,
                _ => CategoryField::Label,
            };
            return Field::Category(i, f);
        }
        match (head, rest) {
            ("categories", _) => Field::Categories,
            ("statements", _) => Field::Statements,
            ("id", _) => Field::Meta(MetaField::Id),
            ("title", _) => Field::Meta(MetaField::Title),
            ("description", _) => Field::Meta(MetaField::Description),
            ("language", _) => Field::Meta(MetaField::Language),
            ("prompt", _) => Field::Meta(MetaField::Prompt),
            ("source", "author") => Field::Meta(MetaField::SourceAuthor),
            ("source", "date") => Field::Meta(MetaField::SourceDate),
            ("source", "url") => Field::Meta(MetaField::SourceUrl),
            ("source", _) => Field::Meta(MetaField::SourceTitle),
            _ => Field::Deck,
        }
    }

    /// The statement with this key, and its position.
    pub fn find(&self, key: u32) -> Option<(usize, &DraftStatement)> {
        self.statements.iter().enumerate().find(|(_, s)| s.key == key)
    }

    /// The draft after `edit`; `None` when it changes nothing.
    pub fn apply(&self, edit: Edit) -> Option<Draft> {
        let mut d = self.clone();
        match edit {
            Edit::Meta(f, v) => {
                let slot = match f {
                    MetaField::Id => &mut d.id,
                    MetaField::Title => &mut d.title,
                    MetaField::Description => &mut d.description,
                    MetaField::Language => &mut d.language,
                    MetaField::Prompt => &mut d.prompt,
                    MetaField::SourceTitle => &mut d.source[0],
                    MetaField::SourceAuthor => &mut d.source[1],
                    MetaField::SourceDate => &mut d.source[2],
                    MetaField::SourceUrl => &mut d.source[3],
                };
                *slot = v;
            }
            Edit::Category(i, f, v) => {
                let c = d.categories.get_mut(i)?;
                match f {
                    CategoryField::Id => c.id = v,
                    CategoryField::Label => c.label = v,
                    CategoryField::Description => c.description = v,
                    CategoryField::Icon => c.icon = v,
                }
            }
            Edit::AddCategory => {
                let n = d.categories.len() + 1;
                let label = format!("Category {n}");
                let id = unique_slug(&slug(&label), |id| d.categories.iter().any(|c| c.id == id));
                d.categories.push(DraftCategory {
                    key: d.next_category_key,
                    id,
                    label,
                    ..DraftCategory::default()
                });
                d.next_category_key += 1;
            }
            Edit::RemoveCategory(i) => {
                if i >= d.categories.len() {
                    return None;
                }
                let gone = d.categories.remove(i);
                // Its statements keep the id they had, which the parser then names as unknown.
                // Sentences for answering it have no answer left to follow (undo brings them back).
                for s in &mut d.statements {
                    if s.category == Tagged::Category(gone.key) {
                        s.category = Tagged::Unknown(gone.id.clone());
                    }
                    s.wrong.retain(|(t, _)| *t != Tagged::Category(gone.key));
                }
            }
            Edit::Statement(key, f, v) => {
                let s = d.statements.iter_mut().find(|s| s.key == key)?;
                let slot = match f {
                    StatementField::Id => &mut s.id,
                    StatementField::Text => &mut s.text,
                    StatementField::Explanation => &mut s.explanation,
                    StatementField::Quote => &mut s.quote,
                    StatementField::Speaker => &mut s.speaker,
                    StatementField::Difficulty => &mut s.difficulty,
                    StatementField::Kind => &mut s.kind,
                    // A category is chosen by key (`Edit::Categorize`), never typed.
                    StatementField::Category => return None,
                    StatementField::Wrong(UNKNOWN_CATEGORY) => {
                        // Only clearing them is offered: the editor has no field per unknown id.
                        s.wrong.retain(|(t, _)| !matches!(t, Tagged::Unknown(_)));
                        return (d != *self).then_some(d);
                    }
                    StatementField::Wrong(category) => {
                        // Only for a category the draft has (an edit from a stale field is
                        // dropped, as a category chosen by an unknown key is).
                        self.category(category)?;
                        let tagged = Tagged::Category(category);
                        match s.wrong.iter_mut().find(|(t, _)| *t == tagged) {
                            Some((_, text)) => text,
                            None => {
                                s.wrong.push((tagged, String::new()));
                                &mut s.wrong.last_mut().expect("just pushed").1
                            }
                        }
                    }
                };
                *slot = v;
            }
            Edit::Categorize(key, category) => {
                d.category(category)?;
                d.statements.iter_mut().find(|s| s.key == key)?.category = Tagged::Category(category);
            }
            Edit::AddStatement { after, category } => {
                let at = match after {
                    Some(k) => d.find(k)?.0 + 1,
                    None => d.statements.len(),
                };
                d.add_statement(Some(at), category);
            }
            Edit::Duplicate(key) => {
                let (i, s) = d.find(key)?;
                let mut copy = s.clone();
                copy.key = d.next_key;
                copy.id = d.new_statement_id();
                d.next_key += 1;
                d.statements.insert(i + 1, copy);
            }
            Edit::Delete(key) => {
                let (i, _) = d.find(key)?;
                d.statements.remove(i);
            }
            Edit::Move(key, by) => {
                let (i, _) = d.find(key)?;
                let j = i.checked_add_signed(by.into()).filter(|j| *j < d.statements.len())?;
                d.statements.swap(i, j);
            }
        }
        (d != *self).then_some(d)
    }

    /// Adds an empty statement at `at` (the end when `None`).
    fn add_statement(&mut self, at: Option<usize>, category: Option<u32>) {
        let s = DraftStatement {
            key: self.next_key,
            id: self.new_statement_id(),
            category: category
                .or_else(|| self.categories.first().map(|c| c.key))
                .map(Tagged::Category)
                .unwrap_or_default(),
            ..DraftStatement::default()
        };
        self.next_key += 1;
        let at = at.unwrap_or(self.statements.len()).min(self.statements.len());
        self.statements.insert(at, s);
    }

    /// An id no statement has: `s1`, `s2`… from the count up, so new ids stay short.
    fn new_statement_id(&self) -> String {
        let taken = |id: &str| self.statements.iter().any(|s| s.id == id);
        (self.statements.len() + 1..)
            .map(|n| format!("s{n}"))
            .find(|id| !taken(id))
            .unwrap_or_default()
    }

    /// Adds rows from a spreadsheet: `categories` are the sheet's `(id, label)` pairs, matched
    /// to the draft's own by id or label (case-free) and added when new; each row's `category`
    /// is `Tagged::Unknown` with one of the sheet's ids. Rows whose category does not fit (the deck would have more
    /// than the most categories allowed) are left out, and their number returned with the
    /// categories that did not fit.
    pub fn with_rows(&self, categories: &[(String, String)], rows: Vec<DraftStatement>) -> (Draft, Vec<String>, usize) {
        let mut d = self.clone();
        let mut mapping: Vec<(String, Option<u32>)> = Vec::new();
        let mut refused = Vec::new();
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim()) && !a.trim().is_empty();
        for (id, label) in categories {
            let found = d
                .categories
                .iter()
                .find(|c| same(&c.id, id) || same(&c.label, label) || same(&c.id, label))
                .map(|c| c.key);
            let target = match found {
                Some(existing) => Some(existing),
                None if d.categories.len() < super::deck::CATEGORY_RANGE.1 => {
                    let key = d.next_category_key;
                    d.next_category_key += 1;
                    d.categories.push(DraftCategory {
                        key,
                        id: unique_slug(id, |x| d.categories.iter().any(|c| c.id == x)),
                        label: label.clone(),
                        ..DraftCategory::default()
                    });
                    Some(key)
                }
                None => {
                    refused.push(label.clone());
                    None
                }
            };
            mapping.push((id.clone(), target));
        }
        let mut left_out = 0;
        let kept: Vec<DraftStatement> = rows
            .into_iter()
            .filter_map(|mut s| {
                let from = match &s.category {
                    Tagged::Unknown(id) => id.as_str(),
                    Tagged::Category(_) => "",
                };
                match mapping.iter().find(|(id, _)| id == from) {
                    Some((_, Some(to))) => s.category = Tagged::Category(*to),
                    Some((_, None)) => {
                        left_out += 1;
                        return None;
                    }
                    None => {}
                }
                Some(s)
            })
            .collect();
        d.append(kept);
        (d, refused, left_out)
    }

    /// Adds the good rows of a spreadsheet (see [`Draft::with_rows`]).
    pub fn with_sheet(&self, sheet: &SheetImport) -> (Draft, Vec<String>, usize) {
        let categories: Vec<(String, String)> = sheet
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect();
        let rows = sheet
            .rows
            .iter()
            .map(|r| DraftStatement {
                key: 0,
                id: r.id.clone().unwrap_or_default(),
                text: r.text.clone(),
                category: Tagged::Unknown(r.category.clone()),
                explanation: r.explanation.clone(),
                quote: r.quote.clone(),
                difficulty: r.difficulty.map(|d| d.to_string()).unwrap_or_default(),
                kind: kind_text(r.kind),
                speaker: r.speaker.clone(),
                wrong: Vec::new(),
            })
            .collect();
        self.with_rows(&categories, rows)
    }

    /// Adds statements to the end, giving each its key, and an id when it has none (or one the
    /// draft already uses).
    pub fn append(&mut self, statements: Vec<DraftStatement>) {
        for mut s in statements {
            s.key = self.next_key;
            self.next_key += 1;
            if s.id.is_empty() || self.statements.iter().any(|t| t.id == s.id) {
                s.id = self.new_statement_id();
            }
            self.statements.push(s);
        }
    }
}

impl Write for Draft {
    fn write(&self, out: &mut String) {
        let [st, sa, sd, su] = &self.source;
        let has_source = self.source.iter().any(|s| !s.is_empty());
        let source = json::With(|out: &mut String| {
            let mut fields: Vec<(&str, &dyn Write)> = vec![("title", st), ("author", sa), ("date", sd)];
            if !su.is_empty() {
                fields.push(("url", su));
            }
            json::write_object(out, &fields);
        });
        let categories = json::With(|out: &mut String| {
            out.push('[');
            for (i, c) in self.categories.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let mut fields: Vec<(&str, &dyn Write)> =
                    vec![("id", &c.id), ("label", &c.label), ("description", &c.description)];
                if !c.icon.is_empty() {
                    fields.push(("icon", &c.icon));
                }
                json::write_object(out, &fields);
            }
            out.push(']');
        });
        let statements = json::With(|out: &mut String| {
            out.push('[');
            for (i, s) in self.statements.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_statement(out, s, self);
            }
            out.push(']');
        });
        let mut fields: Vec<(&str, &dyn Write)> = vec![
            ("format", &FORMAT),
            ("id", &self.id),
            ("title", &self.title),
            ("description", &self.description),
            ("language", &self.language),
        ];
        if !self.prompt.is_empty() {
            fields.push(("prompt", &self.prompt));
        }
        if has_source {
            fields.push(("source", &source));
        }
        fields.push(("categories", &categories));
        fields.push(("statements", &statements));
        json::write_object(out, &fields);
    }
}

/// One statement's JSON, with its category's id as the tag.
fn write_statement(out: &mut String, s: &DraftStatement, draft: &Draft) {
    let tag = draft.tag_of(s);
    let mut wrong: Vec<(&str, &String)> = Vec::with_capacity(s.wrong.len());
    for (t, text) in s.wrong.iter().filter(|(t, text)| !text.is_empty() && *t != s.category) {
        let id = match t {
            Tagged::Category(key) => draft.category(*key).map_or("", |c| c.id.as_str()),
            Tagged::Unknown(id) => id.as_str(),
        };
        // While two categories share an id (mid-typing), one key is written, so the JSON stays
        // readable; a stored draft keeps the other by position (`wrong_positions`).
        if !wrong.iter().any(|(written, _)| *written == id) {
            wrong.push((id, text));
        }
    }
    let wrong_object = json::With(|out: &mut String| {
        let fields: Vec<(&str, &dyn Write)> = wrong.iter().map(|(id, text)| (*id, *text as &dyn Write)).collect();
        json::write_object(out, &fields);
    });
    let mut fields: Vec<(&str, &dyn Write)> = vec![
        ("id", &s.id),
        ("text", &s.text),
        ("tag", &tag),
        ("explanation", &s.explanation),
    ];
    if !s.quote.is_empty() {
        fields.push(("quote", &s.quote));
    }
    if !s.speaker.is_empty() {
        fields.push(("speaker", &s.speaker));
    }
    if !wrong.is_empty() {
        fields.push(("wrong", &wrong_object));
    }
    // A difficulty typed as a whole number is written as one; anything else stays text, so
    // the parser names it at its field.
    let number = s.difficulty.trim().parse::<u64>().ok();
    if let Some(n) = &number {
        fields.push(("difficulty", n));
    } else if !s.difficulty.is_empty() {
        fields.push(("difficulty", &s.difficulty));
    }
    if !s.kind.is_empty() {
        fields.push(("kind", &s.kind));
    }
    json::write_object(out, &fields);
}

/// The parser's message in the editor's words: positions as people count them
/// (`statements[3]` becomes "statement 4").
fn readable(what: &str) -> String {
    let mut out = what.to_string();
    for (path, noun) in [("statements[", "statement"), ("categories[", "category")] {
        while let Some(start) = out.find(path) {
            let digits_at = start + path.len();
            let end = out[digits_at..].find(']').map(|e| digits_at + e);
            let Some(n) = end.and_then(|e| out[digits_at..e].parse::<usize>().ok()) else {
                break;
            };
            out.replace_range(start..=end.unwrap_or(start), &format!("{noun} {}", n + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::tests::sample;
    use crate::core::deck::{CategoryIcon, Tag};

    fn builtin() -> Deck {
        Deck::builtin().expect("the built-in deck is valid")
    }

    #[test]
    fn a_valid_deck_survives_the_round_trip_unchanged() {
        for deck in [builtin(), Deck::parse(sample().to_string().as_bytes()).unwrap()] {
            let draft = Draft::from_deck(&deck);
            let checked = draft.check();
            assert_eq!(checked.problems, vec![]);
            assert_eq!(checked.deck.as_ref(), Some(&deck));
            // Pretty or compact, the file reads back as the same deck and the same draft.
            assert_eq!(Deck::parse(draft.to_pretty_json().as_bytes()).as_ref(), Ok(&deck));
            let value = json::parse(&draft.to_json()).unwrap();
            assert_eq!(Draft::from_value(&value), draft);
        }
    }

    #[test]
    fn pretty_json_is_the_same_json() {
        let draft = Draft::from_deck(&builtin());
        let compact = draft.to_json();
        let pretty = json::pretty(&compact);
        assert!(pretty.contains("\n  \"id\": \"devops-vs-platform\",\n"));
        assert_eq!(json::parse(&pretty).unwrap(), json::parse(&compact).unwrap());
    }

    #[test]
    fn a_blank_draft_names_what_is_missing_at_each_field() {
        let draft = Draft::blank("my-deck");
        let key = draft.statements[0].key;
        let checked = draft.check();
        let fields: Vec<Field> = checked.problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::Meta(MetaField::Title),
                Field::Category(0, CategoryField::Description),
                Field::Category(1, CategoryField::Description),
                Field::Statement(key, StatementField::Text),
                Field::Statement(key, StatementField::Explanation),
            ]
        );
        assert_eq!(checked.at(Field::Meta(MetaField::Title)), Some("must not be empty"));
        assert_eq!(checked.count_for_statement(key), 2);
        assert!(checked.deck.is_none());
    }

    #[test]
    fn problems_land_on_their_fields_in_the_editors_words() {
        let mut value = sample();
        value["statements"][1]["id"] = "a".into();
        value["statements"][2]["tag"] = "ops".into();
        value["statements"][2]["difficulty"] = "hard".into();
        value["categories"][2]["label"] = "devops".into();
        value["source"]["url"] = "ftp://x".into();
        value["language"] = "english".into();
        let draft = Draft::from_value(&value);
        let keys: Vec<u32> = draft.statements.iter().map(|s| s.key).collect();
        let checked = draft.check();
        let got: Vec<(Field, &str)> = checked.problems.iter().map(|p| (p.field, p.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (
                    Field::Meta(MetaField::Language),
                    "\"english\" is not a language tag such as \"en\" or \"pt-BR\""
                ),
                (
                    Field::Meta(MetaField::SourceUrl),
                    "\"ftp://x\" is not a web address; write it as https://example.org/article"
                ),
                (
                    Field::Category(2, CategoryField::Label),
                    "\"devops\" is already used by category 1"
                ),
                (
                    Field::Statement(keys[1], StatementField::Id),
                    "\"a\" is already used by statement 1"
                ),
                (
                    Field::Statement(keys[2], StatementField::Category),
                    "\"ops\" is not a category of this deck (devops, platform, both)"
                ),
                (
                    Field::Statement(keys[2], StatementField::Difficulty),
                    "\"hard\" is not allowed; use 1, 2 or 3"
                ),
            ]
        );
    }

    #[test]
    fn prompt_icons_and_source_address_are_edited_and_written() {
        let draft = Draft::from_value(&sample());
        assert_eq!((draft.prompt.as_str(), draft.categories[1].icon.as_str()), ("", ""));
        let edits = [
            Edit::Meta(MetaField::Prompt, "Whose job is it?".into()),
            Edit::Category(1, CategoryField::Icon, "cloud".into()),
            Edit::Meta(MetaField::SourceUrl, "https://example.org/talk".into()),
        ];
        let d = edits.into_iter().fold(draft.clone(), |d, e| d.apply(e).unwrap());
        let deck = d.check().deck.expect("a valid deck");
        assert_eq!(deck.prompt(), "Whose job is it?");
        assert_eq!(deck.categories[1].icon, Some(CategoryIcon::Cloud));
        assert_eq!(deck.source.unwrap().url.as_deref(), Some("https://example.org/talk"));
        // The downloaded file carries them, and opens as the same draft.
        let value = json::parse(&d.to_pretty_json()).unwrap();
        assert_eq!(value["prompt"], "Whose job is it?");
        assert_eq!(value["categories"][1]["icon"], "cloud");
        assert_eq!(Draft::from_value(&value), d);
        // Emptied again, they are left out of the file rather than written blank.
        let cleared = d
            .apply(Edit::Meta(MetaField::Prompt, String::new()))
            .and_then(|d| d.apply(Edit::Category(1, CategoryField::Icon, String::new())))
            .unwrap();
        assert_eq!(cleared.to_json(), draft.apply(edits_url()).unwrap().to_json());
        // Problems land on their fields.
        let bad = d
            .apply(Edit::Category(0, CategoryField::Icon, "rocket".into()))
            .and_then(|d| d.apply(Edit::Meta(MetaField::Prompt, "  ".into())))
            .and_then(|d| d.apply(Edit::Meta(MetaField::SourceUrl, "ftp://example.org".into())))
            .unwrap();
        let fields: Vec<Field> = bad.check().problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                Field::Meta(MetaField::Prompt),
                Field::Meta(MetaField::SourceUrl),
                Field::Category(0, CategoryField::Icon)
            ]
        );
    }

    fn edits_url() -> Edit {
        Edit::Meta(MetaField::SourceUrl, "https://example.org/talk".into())
    }

    #[test]
    fn list_problems_sit_on_the_lists() {
        let mut draft = Draft::from_deck(&builtin());
        draft.statements.clear();
        draft.categories.truncate(1);
        let checked = draft.check();
        assert_eq!(
            checked.problems.iter().map(|p| p.field).collect::<Vec<_>>(),
            vec![Field::Categories, Field::Statements]
        );
        assert_eq!(
            checked.at(Field::Categories),
            Some("has 1 item; between 2 and 6 are allowed")
        );
    }

    /// How many statements the deck's JSON tags with `tag`.
    fn tagged(d: &Draft, tag: &str) -> usize {
        d.statements.iter().filter(|s| d.tag_of(s) == tag).count()
    }

    #[test]
    fn renaming_a_category_id_carries_its_statements_along() {
        let draft = Draft::from_deck(&builtin());
        let both = tagged(&draft, "both");
        let renamed = draft
            .apply(Edit::Category(2, CategoryField::Id, "shared".into()))
            .unwrap();
        assert_eq!(tagged(&renamed, "shared"), both);
        assert!(renamed.check().problems.is_empty());
        // Typing an id one letter at a time never loses the statements on the way.
        let mut d = draft.clone();
        for id in ["", "s", "sh", "sha"] {
            d = d.apply(Edit::Category(2, CategoryField::Id, id.into())).unwrap();
        }
        assert_eq!(tagged(&d, "sha"), both);
        // Nor does it move them into a category whose id it passes through: typing "devops" over
        // "both" goes by "devops" of the first category, and the statements stay apart.
        let devops = tagged(&draft, "devops");
        let mut d = draft.clone();
        for id in ["d", "de", "dev", "devo", "devop", "devops", "devops-2"] {
            d = d.apply(Edit::Category(2, CategoryField::Id, id.into())).unwrap();
        }
        assert_eq!((tagged(&d, "devops"), tagged(&d, "devops-2")), (devops, both));
        assert!(d.check().problems.is_empty());
    }

    #[test]
    fn removing_a_category_leaves_its_statements_to_be_retagged() {
        let draft = Draft::from_deck(&builtin());
        let both = tagged(&draft, "both");
        let fewer = draft.apply(Edit::RemoveCategory(2)).unwrap();
        assert_eq!(tagged(&fewer, "both"), both, "the tag they had stays, now unknown");
        let checked = fewer.check();
        let unknown = checked
            .problems
            .iter()
            .filter(|p| p.message.starts_with("\"both\" is not a category"))
            .count();
        assert_eq!(unknown, both);
        // Choosing a category by its key fixes one; a key the draft does not have changes nothing.
        let key = fewer.statements.iter().find(|s| fewer.tag_of(s) == "both").unwrap().key;
        let platform = fewer.categories[1].key;
        let fixed = fewer.apply(Edit::Categorize(key, platform)).unwrap();
        assert_eq!(fixed.check().problems.len(), both - 1);
        assert_eq!(fewer.apply(Edit::Categorize(key, 99)), None);
    }

    #[test]
    fn speakers_and_sentences_for_wrong_answers_are_edited_and_kept() {
        let mut v = sample();
        v["statements"][0]["speaker"] = "the DevOps Engineer".into();
        v["statements"][0]["wrong"] = serde_json::json!({"both": "Not shared."});
        let deck = Deck::parse(v.to_string().as_bytes()).unwrap();
        let draft = Draft::from_deck(&deck);
        assert_eq!(draft.check().deck.as_ref(), Some(&deck), "kept through the editor");
        assert_eq!(
            Draft::from_value(&v).statements[0],
            draft.statements[0],
            "read the same from the file"
        );
        let key = draft.statements[0].key;
        let [devops, platform, both] = [0, 1, 2].map(|i| draft.categories[i].key);
        let sentence = |d: &Draft, tag: u8| {
            let deck = d.check().deck.expect("valid");
            deck.statements[0].if_wrong(Tag(tag)).map(str::to_string)
        };
        // A sentence for another answer is typed in its own field; emptied, it is not written.
        let typed = draft
            .apply(Edit::Statement(
                key,
                StatementField::Wrong(platform),
                "Not infrastructure.".into(),
            ))
            .unwrap();
        assert_eq!(typed.statements[0].wrong_for(platform), "Not infrastructure.");
        assert_eq!(
            draft.apply(Edit::Statement(key, StatementField::Wrong(99), "x".into())),
            None,
            "no sentence for a category the draft does not have"
        );
        assert_eq!(sentence(&typed, 1).as_deref(), Some("Not infrastructure."));
        let emptied = typed
            .apply(Edit::Statement(key, StatementField::Wrong(platform), String::new()))
            .unwrap();
        assert_eq!(sentence(&emptied, 1), None);
        // Moved into the category a sentence is for, the statement no longer writes it (it would
        // be about the right answer), and moved back it has it again.
        let moved = typed.apply(Edit::Categorize(key, platform)).unwrap();
        assert_eq!(moved.check().problems, vec![]);
        let back = moved.apply(Edit::Categorize(key, devops)).unwrap();
        assert_eq!(sentence(&back, 1).as_deref(), Some("Not infrastructure."));
        // Removing a category removes the sentences for answering it.
        let fewer = typed.apply(Edit::RemoveCategory(2)).unwrap();
        assert!(fewer.statements[0]
            .wrong
            .iter()
            .all(|(t, _)| *t != Tagged::Category(both)));
        // A speaker without a quote, and sentences for answers the deck does not have, are
        // problems at their fields; the latter can be cleared in one edit.
        let mut bad = v.clone();
        bad["statements"][1]["speaker"] = "someone".into();
        bad["statements"][1]["wrong"] = serde_json::json!({"ops": "x", "devops": "Not delivery."});
        let draft = Draft::from_value(&bad);
        let key = draft.statements[1].key;
        let fields: Vec<Field> = draft.check().problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                Field::Statement(key, StatementField::Speaker),
                Field::Statement(key, StatementField::Wrong(UNKNOWN_CATEGORY))
            ]
        );
        assert!(draft.statements[1].has_unknown_wrong());
        let cleared = draft
            .apply(Edit::Statement(
                key,
                StatementField::Wrong(UNKNOWN_CATEGORY),
                String::new(),
            ))
            .unwrap();
        assert!(!cleared.statements[1].has_unknown_wrong());
        assert_eq!(
            cleared.statements[1].wrong_for(devops),
            "Not delivery.",
            "the known one stays"
        );
        assert_eq!(cleared.check().problems.len(), 1);
    }

    #[test]
    fn statement_edits() {
        let draft = Draft::from_value(&sample());
        let keys: Vec<u32> = draft.statements.iter().map(|s| s.key).collect();
        let ids = |d: &Draft| d.statements.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        // Add after the first, in a chosen category; the new id is fresh and short.
        let added = draft
            .apply(Edit::AddStatement {
                after: Some(keys[0]),
                category: Some(draft.categories[2].key),
            })
            .unwrap();
        assert_eq!(ids(&added), ["a", "s4", "b", "c"]);
        assert_eq!(added.tag_of(&added.statements[1]), "both");
        assert_eq!(added.statements[1].key, draft.next_key);
        // Duplicate keeps the content, with a new key and id, right after the original.
        let dup = draft.apply(Edit::Duplicate(keys[2])).unwrap();
        assert_eq!(ids(&dup), ["a", "b", "c", "s4"]);
        assert_eq!(dup.statements[3].text, dup.statements[2].text);
        assert_ne!(dup.statements[3].key, dup.statements[2].key);
        // Move and delete; moves past either end change nothing.
        let moved = draft.apply(Edit::Move(keys[0], 1)).unwrap();
        assert_eq!(ids(&moved), ["b", "a", "c"]);
        assert_eq!(draft.apply(Edit::Move(keys[0], -1)), None);
        assert_eq!(draft.apply(Edit::Move(keys[2], 1)), None);
        let deleted = draft.apply(Edit::Delete(keys[1])).unwrap();
        assert_eq!(ids(&deleted), ["a", "c"]);
        // Edits of missing rows, or that change nothing, are no change.
        assert_eq!(draft.apply(Edit::Delete(999)), None);
        assert_eq!(
            draft.apply(Edit::Statement(keys[0], StatementField::Text, "Ships code.".into())),
            None
        );
        let edited = draft
            .apply(Edit::Statement(keys[0], StatementField::Kind, "scenario".into()))
            .unwrap();
        assert_eq!(edited.statements[0].kind, "scenario");
        // Categories: add makes a fresh id; remove leaves the statements to be re-tagged.
        let more = draft.apply(Edit::AddCategory).unwrap();
        assert_eq!(more.categories[3].id, "category-4");
        let fewer = draft.apply(Edit::RemoveCategory(2)).unwrap();
        assert_eq!(fewer.categories.len(), 2);
        assert!(fewer
            .check()
            .at(Field::Statement(keys[2], StatementField::Category))
            .is_some());
        assert_eq!(draft.apply(Edit::RemoveCategory(9)), None);
    }

    #[test]
    fn appended_statements_get_keys_and_free_ids() {
        let mut draft = Draft::from_value(&sample());
        let incoming = vec![
            DraftStatement {
                id: "a".into(),
                text: "Taken id".into(),
                ..Default::default()
            },
            DraftStatement {
                id: "fresh".into(),
                ..Default::default()
            },
            DraftStatement::default(),
        ];
        draft.append(incoming);
        let got: Vec<(u32, &str)> = draft.statements.iter().map(|s| (s.key, s.id.as_str())).collect();
        assert_eq!(got, [(0, "a"), (1, "b"), (2, "c"), (3, "s4"), (4, "fresh"), (5, "s6")]);
    }

    #[test]
    fn rows_from_a_sheet_join_the_categories_they_name() {
        let draft = Draft::from_value(&sample());
        let row = |text: &str, category: &str| DraftStatement {
            text: text.into(),
            category: Tagged::Unknown(category.into()),
            ..Default::default()
        };
        let sheet_categories: Vec<(String, String)> = [("devops", "DEVOPS"), ("sre", "SRE"), ("x1", "Both")]
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let rows = vec![row("one", "devops"), row("two", "sre"), row("three", "x1")];
        let (d, refused, left_out) = draft.with_rows(&sheet_categories, rows.clone());
        assert_eq!((refused.len(), left_out), (0, 0));
        let tags: Vec<&str> = d.statements[3..].iter().map(|s| d.tag_of(s)).collect();
        assert_eq!(tags, ["devops", "sre", "both"]);
        assert_eq!(d.categories.len(), 4);
        assert_eq!(
            (d.categories[3].id.as_str(), d.categories[3].label.as_str()),
            ("sre", "SRE")
        );
        // A full deck takes no new category: those rows are left out and counted.
        let mut full = draft.clone();
        for n in 4..=6 {
            full = full.apply(Edit::AddCategory).unwrap();
            assert_eq!(full.categories.len(), n);
        }
        let (d, refused, left_out) = full.with_rows(&sheet_categories, rows);
        assert_eq!((refused, left_out), (vec!["SRE".to_string()], 1));
        assert_eq!(d.statements.len(), 5);
    }

    #[test]
    fn lenient_reading_keeps_what_it_can() {
        let value = serde_json::json!({
            "title": 42,
            "categories": [{"id": "x"}, "junk"],
            "statements": [{"text": "T", "difficulty": 7, "tag": true}],
            "source": "not an object"
        });
        let d = Draft::from_value(&value);
        assert_eq!(d.title, "42");
        assert_eq!(d.categories.len(), 2);
        assert_eq!(d.categories[0].id, "x");
        assert_eq!(d.statements[0].difficulty, "7");
        assert_eq!(d.tag_of(&d.statements[0]), "true");
        assert_eq!(d.source, <[String; 4]>::default());
        // Not even an object: an empty draft, with its problems to fix.
        let d = Draft::from_value(&Value::Null);
        assert!(d.statements.is_empty());
        assert!(!d.check().problems.is_empty());
    }

    #[test]
    fn messages_count_from_one() {
        assert_eq!(
            readable("\"a\" is already used by statements[0]"),
            "\"a\" is already used by statement 1"
        );
        assert_eq!(
            readable("categories[2] and categories[10]"),
            "category 3 and category 11"
        );
        assert_eq!(readable("statements[x]"), "statements[x]");
    }
}
