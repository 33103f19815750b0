//! The studio's library ("My decks"): the trainer's drafts as kept in the browser's storage, and
//! as one exported file.
//!
//! Each draft is stored under a key of its own ([`entry_key`]), so typing in one deck rewrites
//! only that deck, small enough to save on every keystroke; the list of keys, in the order shown,
//! is kept under [`INDEX_KEY`]. A stored entry that cannot be read is never rewritten or dropped:
//! it stays in the index as [`Slot::Unreadable`] with its text, which the trainer can download
//! or delete. The exported library is one JSON file holding every deck in the deck format, so
//! each deck in it is also a valid deck file.

use super::draft::Draft;
use super::json::{self, Write};
use serde_json::Value;

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
        let mut out = String::new();
        json::write_object(
            &mut out,
            &[
                ("format", &FORMAT),
                ("saved", &self.saved_ms),
                ("deck", &self.draft),
                ("categoryOf", &positions),
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
        Slot::Deck(Entry {
            key: key.to_string(),
            saved_ms: value.get("saved").and_then(Value::as_f64).unwrap_or(0.0),
            draft: Draft::from_value(deck).with_category_positions(&positions),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::Deck;

    fn entry() -> Entry {
        Entry {
            key: "k1".into(),
            saved_ms: 1_700_000_000_123.0,
            draft: Draft::from_deck(&Deck::builtin().unwrap()),
        }
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
