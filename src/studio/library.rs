//! `use_library`: the trainer's decks ("My decks"), loaded once, saved on every change.
//!
//! The state is `core::library::Library` (its changes and undo are pure and tested there): a
//! list of slots, each behind its own `Rc`, so an edit replaces one slot and the saving effect
//! writes exactly the slots whose `Rc` changed: typing in one deck rewrites that deck only. A
//! write that fails (storage full or blocked) is retried on the next change, and the trainer is
//! told, with a warning before leaving the page while anything is unsaved. Destructive changes
//! (deleting a statement, a category or a deck, adding rows from a file) can be undone once,
//! until the deck changes again. A change saved by another tab of the studio is taken up here
//! at once (the browser's `storage` event).

use crate::core::draft::{Draft, Edit};
use crate::core::library::{self, entry_key, Action, Entry, Library, Slot, ENTRY_PREFIX, INDEX_KEY};
use crate::core::storage::Write;
use crate::web::{env, storage};
use gloo::events::{EventListener, EventListenerOptions};
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// Whether the library reaches the browser's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saving {
    /// Every change is saved as it happens.
    Saved,
    /// Storage is blocked here: decks live in this tab only.
    Blocked,
    /// The browser's storage is full: the latest changes are not saved.
    Full,
}

impl Reducible for Library {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        self.after(action).map_or(self, Rc::new)
    }
}

/// Reads the library: the index's keys in order, then any entry the index missed (an index
/// write that failed must not hide a deck). `Err` when storage is blocked.
fn load() -> Result<Vec<Rc<Slot>>, storage::Blocked> {
    let index = storage::get(INDEX_KEY)?;
    let mut keys: Vec<String> = index.as_deref().and_then(library::decode_index).unwrap_or_default();
    for stored in storage::keys_with_prefix(ENTRY_PREFIX) {
        let key = stored[ENTRY_PREFIX.len()..].to_string();
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    Ok(keys
        .into_iter()
        .filter_map(|key| {
            let raw = storage::get(&entry_key(&key)).ok().flatten()?;
            Some(Rc::new(Entry::decode(&key, &raw)))
        })
        .collect())
}

/// A new library key: short, random, safe in a storage key and a URL hash.
pub fn new_key() -> String {
    env::random_bytes()[..6].iter().map(|b| format!("{b:02x}")).collect()
}

#[derive(Clone)]
pub struct UseLibraryHandle {
    state: UseReducerHandle<Library>,
    saving: UseStateHandle<Saving>,
}

impl std::ops::Deref for UseLibraryHandle {
    type Target = Library;

    fn deref(&self) -> &Library {
        &self.state
    }
}

impl PartialEq for UseLibraryHandle {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && *self.saving == *other.saving
    }
}

impl UseLibraryHandle {
    pub fn saving(&self) -> Saving {
        *self.saving
    }

    /// Adds a deck made from `draft`, first in the list, and returns its key.
    pub fn create(&self, draft: Draft) -> String {
        self.add(vec![draft]).swap_remove(0)
    }

    /// Adds decks (an exported library's), first in the list, in their order.
    pub fn import(&self, drafts: Vec<Draft>) {
        self.add(drafts);
    }

    fn add(&self, drafts: Vec<Draft>) -> Vec<String> {
        let now = env::now_ms() as f64;
        let entries: Vec<Entry> = drafts
            .into_iter()
            .map(|draft| Entry {
                key: new_key(),
                saved_ms: now,
                draft,
            })
            .collect();
        let keys = entries.iter().map(|e| e.key.clone()).collect();
        self.state.dispatch(Action::Add(entries));
        keys
    }

    pub fn edit(&self, key: &str, edit: Edit) {
        self.state.dispatch(Action::Edit {
            key: key.to_string(),
            edit,
            now_ms: env::now_ms() as f64,
        });
    }

    pub fn replace(&self, key: &str, draft: Draft, label: String) {
        self.state.dispatch(Action::Replace {
            key: key.to_string(),
            draft: Box::new(draft),
            now_ms: env::now_ms() as f64,
            label,
        });
    }

    pub fn delete(&self, key: &str) {
        self.state.dispatch(Action::Delete(key.to_string()));
    }

    pub fn undo(&self) {
        self.state.dispatch(Action::Undo);
    }
}

/// What the saving effect remembers between changes.
#[derive(Default)]
struct Saved {
    /// The slots as last seen, to find what changed.
    slots: Vec<Rc<Slot>>,
    /// Keys whose latest write failed, retried on every change.
    dirty: HashSet<String>,
    index_dirty: bool,
}

/// Writes what changed since `saved`; returns how saving stands.
fn save(saved: &mut Saved, slots: &[Rc<Slot>]) -> Saving {
    let mut result = Write::Done;
    let mut note = |w: Write| {
        result = match (result, w) {
            (Write::Unavailable, _) | (_, Write::Unavailable) => Write::Unavailable,
            (Write::Full, _) | (_, Write::Full) => Write::Full,
            _ => Write::Done,
        }
    };
    let keys: Vec<&str> = slots.iter().map(|s| s.key()).collect();
    let old_keys: Vec<&str> = saved.slots.iter().map(|s| s.key()).collect();
    for old in &old_keys {
        if !keys.contains(old) {
            storage::remove(&entry_key(old));
            saved.dirty.remove(*old);
        }
    }
    for slot in slots {
        let Slot::Deck(entry) = &**slot else {
            continue;
        };
        let unchanged = saved.slots.iter().any(|s| Rc::ptr_eq(s, slot));
        if unchanged && !saved.dirty.contains(&entry.key) {
            continue;
        }
        let w = storage::set(&entry_key(&entry.key), &entry.encode());
        if w == Write::Done {
            saved.dirty.remove(&entry.key);
        } else {
            saved.dirty.insert(entry.key.clone());
        }
        note(w);
    }
    if keys != old_keys || saved.index_dirty {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let w = storage::set(INDEX_KEY, &library::encode_index(&keys));
        saved.index_dirty = w != Write::Done;
        note(w);
    }
    saved.slots = slots.to_vec();
    match result {
        Write::Done if saved.dirty.is_empty() && !saved.index_dirty => Saving::Saved,
        Write::Unavailable => Saving::Blocked,
        _ => Saving::Full,
    }
}

#[hook]
pub fn use_library() -> UseLibraryHandle {
    let loaded = use_memo((), |_| load());
    let state = {
        let loaded = loaded.clone();
        use_reducer_eq(move || Library::new(loaded.as_ref().clone().unwrap_or_default()))
    };
    let saving = use_state_eq(|| if loaded.is_ok() { Saving::Saved } else { Saving::Blocked });
    // Whether a change could not be written: leaving the page would lose it.
    let unsaved = use_state_eq(|| false);
    let saved = {
        let loaded = loaded.clone();
        use_mut_ref(move || Saved {
            slots: loaded.as_ref().clone().unwrap_or_default(),
            ..Saved::default()
        })
    };
    {
        let (saving, unsaved, saved) = (saving.clone(), unsaved.clone(), saved.clone());
        use_effect_with(state.slots.clone(), move |slots| {
            let mut saved = saved.borrow_mut();
            if saved.slots.len() != slots.len() || saved.slots.iter().zip(slots).any(|(a, b)| !Rc::ptr_eq(a, b)) {
                saving.set(save(&mut saved, slots));
                unsaved.set(!saved.dirty.is_empty() || saved.index_dirty);
            }
        });
    }
    // Another tab of the studio saved a change: take up the stored library, so this tab shows
    // it and never writes an older copy over it. Marked as saved first, so nothing is rewritten.
    {
        let (dispatcher, saved) = (state.dispatcher(), saved.clone());
        use_effect_with((), move |_| {
            let listener = env::window().map(|w| {
                EventListener::new(&w, "storage", move |e| {
                    let key = js_sys::Reflect::get(e, &"key".into()).ok().and_then(|k| k.as_string());
                    let ours = key.is_none_or(|k| k == INDEX_KEY || k.starts_with(ENTRY_PREFIX));
                    if let (true, Ok(slots)) = (ours, load()) {
                        saved.borrow_mut().slots = slots.clone();
                        dispatcher.dispatch(Action::Reloaded(slots));
                    }
                })
            });
            move || drop(listener)
        });
    }
    // While a change is unsaved, leaving the page asks first.
    use_effect_with(*unsaved, move |unsaved| {
        let options = EventListenerOptions::enable_prevent_default();
        let listener = unsaved.then(env::window).flatten().map(|w| {
            EventListener::new_with_options(&w, "beforeunload", options, |e| {
                e.prevent_default();
                // Older browsers ask only when a return value is set.
                let _ = js_sys::Reflect::set(e, &"returnValue".into(), &"".into());
            })
        });
        move || drop(listener)
    });
    UseLibraryHandle { state, saving }
}
