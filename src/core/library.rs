//! The studio's library ("My decks"): the trainer's drafts as kept in the browser's storage, and
//! as one exported file.
//!
//! Each draft is stored under a key of its own ([`entry_key`]), so typing in one deck rewrites
//! only that deck, small enough to save on every keystroke; the list of keys, in the order shown,
//! is kept under [`INDEX_KEY`]. A stored entry that cannot be read is never rewritten or dropped:
//! it stays in the index as [`Slot::Unreadable`] with its text, which the trainer can download
//! or delete. The exported library is one JSON file holding every deck in the deck format, so
//! each deck in it is also a valid deck file.

use super::draft::{Draft, Edit};
use super::json::{self, Write};
use serde_json::Value;
use std::rc::Rc;

/// Where the list of the library's keys is kept.
pub const INDEX_KEY: &str = "rolecall.studio.library";
/// The prefix of each deck's own storage key.
pub const ENTRY_PREFIX: &str = "rolecall.studio.deck.";
/// What an exported library says it is.
const EXPORT_KIND: &str = "rolecall-studio-library";
const FORMAT: u64 = 1;

/// The storage key of the deck with this library key.
pub fn entry_key(key: &str) -> String {
    format!("{ENTRY_PREFIX}{key}")
}

/// One deck in the library.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The library's own id for the draft (not the deck's id, which the trainer may change).
    pub key: String,
    /// When it was last saved, in milliseconds since the epoch.
    pub saved_ms: f64,
    pub draft: Draft,
}

/// What a library key holds.
// Unreadable slots are rare and every slot sits behind an `Rc`: boxing decks would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Slot {
    Deck(Entry),
    /// Stored text that is not a library entry: kept as it is, shown, never overwritten.
    Unreadable {
        key: String,
        raw: String,
        reason: String,
    },
}

impl Slot {
    pub fn key(&self) -> &str {
        match self {
            Slot::Deck(e) => &e.key,
            Slot::Unreadable { key, .. } => key,
        }
    }
}

impl Entry {
    /// The stored text of this entry: the deck's JSON, and each statement's category by its
    /// position, which keeps statements apart while two categories share an id (mid-typing).
    pub fn encode(&self) -> String {
        let positions: Vec<Option<u64>> = self
            .draft
            .category_positions()
            .into_iter()
            .map(|p| p.map(|i| i as u64))
            .collect();
        // Each statement's sentences for wrong answers as [[position, text], ...].
        let wrong_of: Vec<Vec<Value>> = self
            .draft
            .wrong_positions()
            .into_iter()
            .map(|wrong| {
                wrong
                    .into_iter()
                    .map(|(i, text)| Value::from(vec![Value::from(i), Value::from(text)]))
                    .collect()
            })
            .collect();
        let mut out = String::new();
        json::write_object(
            &mut out,
            &[
                ("format", &FORMAT),
                ("saved", &self.saved_ms),
                ("deck", &self.draft),
                ("categoryOf", &positions),
                ("wrongOf", &wrong_of),
            ],
        );
        out
    }

    /// Reads a stored entry; `Unreadable` (with the text kept) when it is not one.
    pub fn decode(key: &str, raw: &str) -> Slot {
        let unreadable = |reason: String| Slot::Unreadable {
            key: key.to_string(),
            raw: raw.to_string(),
            reason,
        };
        let value = match json::parse(raw) {
            Ok(v) => v,
            Err(e) => return unreadable(format!("it is not JSON ({e})")),
        };
        match value.get("format").and_then(Value::as_u64) {
            Some(FORMAT) => {}
            Some(n) => return unreadable(format!("it was saved by a newer studio (format {n})")),
            None => return unreadable("it is not a saved deck".into()),
        }
        let Some(deck) = value.get("deck").filter(|d| d.is_object()) else {
            return unreadable("it holds no deck".into());
        };
        let positions: Vec<Option<usize>> = value
            .get("categoryOf")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|p| p.as_u64().map(|i| i as usize)).collect())
            .unwrap_or_default();
        // Each statement's sentences for wrong answers as [[position, text], ...].
        let wrong_of: Vec<Vec<(usize, String)>> = value
            .get("wrongOf")
            .and_then(Value::as_array)
            .map(|all| {
                all.iter()
                    .map(|list| {
                        let pairs = list.as_array().map(Vec::as_slice).unwrap_or_default();
                        pairs
                            .iter()
                            .filter_map(|p| Some((p.get(0)?.as_u64()? as usize, p.get(1)?.as_str()?.to_string())))
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default();
        Slot::Deck(Entry {
            key: key.to_string(),
            saved_ms: value.get("saved").and_then(Value::as_f64).unwrap_or(0.0),
            draft: Draft::from_value(deck)
                .with_category_positions(&positions)
                .with_wrong_positions(&wrong_of),
        })
    }
}

/// The stored list of keys.
pub fn encode_index(keys: &[String]) -> String {
    json::to_string(keys)
}

/// Reads the stored list of keys. `None` when it is damaged: the caller then finds the entries
/// by their prefix instead, so a broken list never hides a deck.
pub fn decode_index(raw: &str) -> Option<Vec<String>> {
    let value = json::parse(raw).ok()?;
    let items = value.as_array()?;
    items.iter().map(|v| v.as_str().map(str::to_string)).collect()
}

/// The whole library as one file, every deck in the deck format.
pub fn export(entries: &[&Entry]) -> String {
    let decks = json::With(|out: &mut String| {
        out.push('[');
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            e.draft.write(out);
        }
        out.push(']');
    });
    let mut out = String::new();
    json::write_object(
        &mut out,
        &[("kind", &EXPORT_KIND), ("format", &FORMAT), ("decks", &decks)],
    );
    json::pretty(&out)
}

/// What a file a trainer opens turned out to be; short-lived, so its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// An exported library: its decks.
    Library(Vec<Draft>),
    /// One deck file (perhaps with problems, which the editor shows).
    Deck(Draft),
}

/// Reads a JSON file a trainer opened: an exported library or a deck file.
pub fn open_json(text: &str) -> Result<Opened, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value = json::parse(text).map_err(|e| format!("The file is not valid JSON: {e}."))?;
    if !value.is_object() {
        return Err("The file holds JSON, but not a deck or a library of decks.".into());
    }
    if value.get("kind").and_then(Value::as_str) == Some(EXPORT_KIND) {
        match value.get("format").and_then(Value::as_u64) {
            Some(FORMAT) => {}
            _ => return Err("The library was exported by a newer studio; update this page and try again.".into()),
        }
        let decks = value
            .get("decks")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        return Ok(Opened::Library(decks.iter().map(Draft::from_value).collect()));
    }
    let deck_like = ["statements", "categories", "title"]
        .iter()
        .any(|k| value.get(k).is_some());
    if !deck_like {
        return Err("The file holds JSON, but not a deck (it has no title, categories or statements).".into());
    }
    Ok(Opened::Deck(Draft::from_value(&value)))
}

/// The library as the studio holds it: its slots in the order shown, each behind its own `Rc`
/// (so saving can tell which changed), and the one destructive change that can be undone.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Library {
    pub slots: Vec<Rc<Slot>>,
    undo: Option<Undo>,
}

/// The one change that can be undone.
#[derive(Clone, Debug, PartialEq)]
pub struct Undo {
    /// What undoing brings back ("Statement 4 deleted.").
    pub label: String,
    kind: UndoKind,
}

#[derive(Clone, Debug, PartialEq)]
enum UndoKind {
    /// A deck's earlier state, restored while the deck is still as the change left it.
    Deck { before: Rc<Slot>, after: Rc<Slot> },
    /// A deleted deck, put back at its place.
    Removed { index: usize, slot: Rc<Slot> },
}

/// A change to the library.
#[derive(Debug)]
pub enum Action {
    /// New decks, first in the list, in their order (one made, or an exported library).
    Add(Vec<Entry>),
    /// An edit to a deck's draft; deleting a statement or a category can be undone.
    Edit {
        key: String,
        edit: Edit,
        now_ms: f64,
    },
    /// A deck's draft replaced (rows added from a file), undoable as `label`.
    Replace {
        key: String,
        draft: Box<Draft>,
        now_ms: f64,
        label: String,
    },
    Delete(String),
    Undo,
    /// The library as another tab left it in storage.
    Reloaded(Vec<Rc<Slot>>),
}

/// The label a destructive edit leaves for its undo, `None` for the others.
fn undo_label(draft: &Draft, edit: &Edit) -> Option<String> {
    match edit {
        Edit::Delete(key) => draft.find(*key).map(|(i, _)| format!("Statement {} deleted.", i + 1)),
        Edit::RemoveCategory(i) => draft.categories.get(*i).map(|c| {
            let name = if c.label.is_empty() { &c.id } else { &c.label };
            format!("Category \u{201c}{name}\u{201d} removed.")
        }),
        _ => None,
    }
}

impl Library {
    pub fn new(slots: Vec<Rc<Slot>>) -> Library {
        Library { slots, undo: None }
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.slots.iter().position(|s| s.key() == key)
    }

    /// The deck with this key.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries().find(|e| e.key == key)
    }

    /// Every readable deck, in the list's order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.slots.iter().filter_map(|s| match &**s {
            Slot::Deck(e) => Some(e),
            Slot::Unreadable { .. } => None,
        })
    }

    /// The change that can be undone now, if any: a deck's change only while that deck is
    /// still as the change left it.
    pub fn pending_undo(&self) -> Option<&Undo> {
        let undo = self.undo.as_ref()?;
        match &undo.kind {
            UndoKind::Deck { after, .. } => self
                .position(after.key())
                .filter(|i| Rc::ptr_eq(&self.slots[*i], after))
                .map(|_| undo),
            UndoKind::Removed { .. } => Some(undo),
        }
    }

    /// The library with the deck at `i` replaced by `entry`, undoable as `label` if given.
    fn replaced(&self, i: usize, entry: Entry, label: Option<String>) -> Library {
        let mut slots = self.slots.clone();
        let before = std::mem::replace(&mut slots[i], Rc::new(Slot::Deck(entry)));
        let undo = match label {
            Some(label) => Some(Undo {
                label,
                kind: UndoKind::Deck {
                    before,
                    after: slots[i].clone(),
                },
            }),
            None => self.undo.clone(),
        };
        Library { slots, undo }
    }

    /// The library after `action`; `None` when it changes nothing (an unknown key, an edit
    /// that does not apply, nothing to undo).
    pub fn after(&self, action: Action) -> Option<Library> {
        Some(match action {
            Action::Add(entries) => {
                let mut slots: Vec<Rc<Slot>> = entries.into_iter().map(|e| Rc::new(Slot::Deck(e))).collect();
                slots.extend(self.slots.iter().cloned());
                Library {
                    slots,
                    undo: self.undo.clone(),
                }
            }
            Action::Edit { key, edit, now_ms } => {
                let i = self.position(&key)?;
                let Slot::Deck(entry) = &*self.slots[i] else {
                    return None;
                };
                let label = undo_label(&entry.draft, &edit);
                let draft = entry.draft.apply(edit)?;
                self.replaced(
                    i,
                    Entry {
                        key,
                        saved_ms: now_ms,
                        draft,
                    },
                    label,
                )
            }
            Action::Replace {
                key,
                draft,
                now_ms,
                label,
            } => {
                let i = self.position(&key)?;
                let entry = Entry {
                    key,
                    saved_ms: now_ms,
                    draft: *draft,
                };
                self.replaced(i, entry, Some(label))
            }
            Action::Delete(key) => {
                let index = self.position(&key)?;
                let mut slots = self.slots.clone();
                let slot = slots.remove(index);
                let label = match &*slot {
                    Slot::Deck(e) if !e.draft.title.trim().is_empty() => {
                        format!("\u{201c}{}\u{201d} deleted.", e.draft.title.trim())
                    }
                    _ => "Deck deleted.".into(),
                };
                Library {
                    slots,
                    undo: Some(Undo {
                        label,
                        kind: UndoKind::Removed { index, slot },
                    }),
                }
            }
            Action::Undo => {
                let undo = self.pending_undo()?;
                let mut slots = self.slots.clone();
                match &undo.kind {
                    UndoKind::Deck { before, after } => {
                        let i = self.position(after.key())?;
                        slots[i] = before.clone();
                    }
                    UndoKind::Removed { index, slot } => slots.insert((*index).min(slots.len()), slot.clone()),
                }
                Library::new(slots)
            }
            Action::Reloaded(slots) => Library::new(slots),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::Deck;
    use crate::core::draft::MetaField;

    fn entry() -> Entry {
        Entry {
            key: "k1".into(),
            saved_ms: 1_700_000_000_123.0,
            draft: Draft::from_deck(&Deck::builtin().unwrap()),
        }
    }

    fn deck(key: &str, title: &str) -> Entry {
        let mut e = entry();
        e.key = key.into();
        e.draft.title = title.into();
        e
    }

    fn titles(lib: &Library) -> Vec<&str> {
        lib.entries().map(|e| e.draft.title.as_str()).collect()
    }

    fn edit(key: &str, edit: Edit) -> Action {
        Action::Edit {
            key: key.into(),
            edit,
            now_ms: 5.0,
        }
    }

    #[test]
    fn decks_are_added_first_and_deleted_with_undo_at_their_place() {
        let lib = Library::default().after(Action::Add(vec![deck("a", "A")])).unwrap();
        let lib = lib.after(Action::Add(vec![deck("b", "B"), deck("c", "C")])).unwrap();
        assert_eq!(titles(&lib), ["B", "C", "A"]);
        let lib = lib.after(Action::Delete("c".into())).unwrap();
        assert_eq!(titles(&lib), ["B", "A"]);
        assert_eq!(lib.pending_undo().unwrap().label, "\u{201c}C\u{201d} deleted.");
        // The undo outlives edits elsewhere, and puts the deck back where it was.
        let lib = lib.after(edit("a", Edit::Meta(MetaField::Title, "A2".into()))).unwrap();
        let lib = lib.after(Action::Undo).unwrap();
        assert_eq!(titles(&lib), ["B", "C", "A2"]);
        assert!(lib.pending_undo().is_none());
        assert!(lib.after(Action::Undo).is_none(), "nothing left to undo");
        assert!(
            lib.after(Action::Delete("zz".into())).is_none(),
            "an unknown deck changes nothing"
        );
    }

    #[test]
    fn a_deleted_statement_comes_back_until_its_deck_changes_again() {
        let lib = Library::new(vec![Rc::new(Slot::Deck(deck("a", "A")))]);
        let first = lib.entry("a").unwrap().draft.statements[3].clone();
        let lib = lib.after(edit("a", Edit::Delete(first.key))).unwrap();
        assert_eq!(lib.entry("a").unwrap().saved_ms, 5.0);
        assert_eq!(lib.pending_undo().unwrap().label, "Statement 4 deleted.");
        let undone = lib.after(Action::Undo).unwrap();
        assert_eq!(undone.entry("a").unwrap().draft.statements[3], first);
        // Typing after the deletion retires its undo: undoing would throw the typing away.
        let typed = lib.after(edit("a", Edit::Meta(MetaField::Title, "A!".into()))).unwrap();
        assert!(typed.pending_undo().is_none());
        assert!(typed.after(Action::Undo).is_none());
    }

    #[test]
    fn removing_a_category_and_replacing_a_draft_can_be_undone_and_plain_edits_cannot() {
        let lib = Library::new(vec![Rc::new(Slot::Deck(deck("a", "A")))]);
        let plain = lib.after(edit("a", Edit::Meta(MetaField::Title, "B".into()))).unwrap();
        assert!(plain.pending_undo().is_none());
        let removed = plain.after(edit("a", Edit::RemoveCategory(0))).unwrap();
        assert_eq!(
            removed.pending_undo().unwrap().label,
            "Category \u{201c}DevOps\u{201d} removed."
        );
        let mut draft = removed.entry("a").unwrap().draft.clone();
        draft.statements.clear();
        let replaced = removed
            .after(Action::Replace {
                key: "a".into(),
                draft: Box::new(draft),
                now_ms: 9.0,
                label: "Rows added.".into(),
            })
            .unwrap();
        assert!(replaced.entry("a").unwrap().draft.statements.is_empty());
        let undone = replaced.after(Action::Undo).unwrap();
        assert_eq!(undone.entry("a").unwrap().draft, removed.entry("a").unwrap().draft);
    }

    #[test]
    fn unreadable_slots_are_listed_apart_and_never_edited() {
        let bad = Rc::new(Slot::Unreadable {
            key: "x".into(),
            raw: "{".into(),
            reason: "not JSON".into(),
        });
        let lib = Library::new(vec![bad.clone(), Rc::new(Slot::Deck(deck("a", "A")))]);
        assert_eq!(titles(&lib), ["A"]);
        assert!(lib.entry("x").is_none());
        assert!(lib.after(edit("x", Edit::Meta(MetaField::Title, "B".into()))).is_none());
        let reloaded = lib.after(Action::Reloaded(vec![bad])).unwrap();
        assert_eq!(reloaded.slots.len(), 1);
    }

    #[test]
    fn entries_round_trip() {
        let e = entry();
        assert_eq!(Entry::decode("k1", &e.encode()), Slot::Deck(e.clone()));
        // A draft with problems is kept exactly as typed.
        let mut broken = e.clone();
        broken.draft.statements[0].difficulty = "hard".into();
        broken.draft.categories[1].id = "Bad Id".into();
        assert_eq!(Entry::decode("k1", &broken.encode()), Slot::Deck(broken));
    }

    #[test]
    fn a_stored_draft_keeps_statements_apart_while_two_categories_share_an_id() {
        let e = entry();
        let draft = e
            .draft
            .apply(crate::core::draft::Edit::Category(
                2,
                crate::core::draft::CategoryField::Id,
                "devops".into(),
            ))
            .unwrap();
        let both = draft.category_positions();
        let mid_typing = Entry { draft, ..e };
        let Slot::Deck(stored) = Entry::decode("k1", &mid_typing.encode()) else {
            panic!("readable");
        };
        assert_eq!(stored.draft.category_positions(), both);
        // So do the sentences for wrong answers, though the deck's JSON can hold only one of
        // "devops" twice in a statement's `wrong`.
        assert_eq!(stored.draft.wrong_positions(), mid_typing.draft.wrong_positions());
        assert!(mid_typing
            .draft
            .statements
            .iter()
            .any(|s| s.wrong.len() == 2 && s.category != s.wrong[0].0));
        // Without the positions (an older entry), tags resolve by id, to the first category.
        let bare = mid_typing.encode().replace("\"categoryOf\"", "\"ignored\"");
        let Slot::Deck(old) = Entry::decode("k1", &bare) else {
            panic!("readable");
        };
        assert_ne!(old.draft.category_positions(), both);
    }

    #[test]
    fn unreadable_entries_are_kept_with_a_reason() {
        for (raw, reason) in [
            ("{not json", "it is not JSON"),
            (
                "{\"format\":2,\"deck\":{}}",
                "it was saved by a newer studio (format 2)",
            ),
            ("[1,2]", "it is not a saved deck"),
            ("{\"format\":1}", "it holds no deck"),
        ] {
            match Entry::decode("k", raw) {
                Slot::Unreadable {
                    key,
                    raw: kept,
                    reason: got,
                } => {
                    assert_eq!((key.as_str(), kept.as_str()), ("k", raw));
                    assert!(got.starts_with(reason), "{got:?}");
                }
                other => panic!("{raw}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_index() {
        let keys = vec!["a".to_string(), "b\"c".to_string()];
        assert_eq!(decode_index(&encode_index(&keys)), Some(keys));
        assert_eq!(decode_index("[1]"), None);
        assert_eq!(decode_index("nope"), None);
        assert_eq!(decode_index("[]"), Some(vec![]));
    }

    #[test]
    fn an_exported_library_opens_as_its_decks_and_each_is_a_deck_file() {
        let e = entry();
        let mut second = e.clone();
        second.draft.title = "Second".into();
        let file = export(&[&e, &second]);
        assert_eq!(
            open_json(&file),
            Ok(Opened::Library(vec![e.draft.clone(), second.draft.clone()]))
        );
        let value = json::parse(&file).unwrap();
        let first = json::to_string(&value["decks"][0]);
        assert_eq!(Deck::parse(first.as_bytes()), Deck::builtin());
    }

    proptest::proptest! {
        #[test]
        fn any_valid_deck_survives_export_and_import(json in crate::core::deck::tests::random_deck_json()) {
            let deck = Deck::parse(json.as_bytes()).unwrap();
            let e = Entry { key: "k".into(), saved_ms: 1.0, draft: Draft::from_deck(&deck) };
            // Through the library file, through a stored entry, and as a deck file.
            let Ok(Opened::Library(drafts)) = open_json(&export(&[&e])) else {
                panic!("the export reads back as a library");
            };
            proptest::prop_assert_eq!(drafts[0].check().deck, Some(deck.clone()));
            let Slot::Deck(stored) = Entry::decode("k", &e.encode()) else {
                panic!("the entry reads back");
            };
            proptest::prop_assert_eq!(stored.draft.check().deck, Some(deck.clone()));
            proptest::prop_assert_eq!(Deck::parse(e.draft.to_pretty_json().as_bytes()), Ok(deck));
        }
    }

    #[test]
    fn opening_files() {
        let deck = Draft::from_deck(&Deck::builtin().unwrap());
        assert_eq!(
            open_json(&format!("\u{feff}{}", deck.to_json())),
            Ok(Opened::Deck(deck))
        );
        for (text, start) in [
            ("{", "The file is not valid JSON"),
            ("[]", "The file holds JSON, but not a deck or a library"),
            ("{\"name\":\"x\"}", "The file holds JSON, but not a deck (it has"),
            (
                "{\"kind\":\"rolecall-studio-library\",\"format\":9}",
                "The library was exported by a newer studio",
            ),
        ] {
            let err = open_json(text).unwrap_err();
            assert!(err.starts_with(start), "{text}: {err}");
        }
    }
}
