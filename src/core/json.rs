//! JSON in and out.
//!
//! Reading: every piece of JSON the app reads (decks, stored or imported progress, messages from
//! a host page) goes through one strict parser, so the wasm carries a single copy of it. It
//! refuses duplicate keys: most parsers keep the last of two equal keys, which silently drops
//! what an author wrote first (`"title"` twice, say). [`Read`] turns the tree into typed values
//! with errors that say where.
//!
//! Writing: stored progress and the messages sent to a host page are written as text directly
//! through [`Write`], in field order, without building a tree first.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;
use std::fmt;

struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "the key {key:?} appears twice in one object"
                )));
            }
            let Strict(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// Parses JSON text into a tree, refusing duplicate keys.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let Strict(v) = Strict::deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

// --- Typed reading and writing ---------------------------------------------------------------
//
// Stored progress is read and written by hand rather than by derived serde code, and messages
// are written without serde_json's trees: together these cost less wasm than the derives and the
// serialiser did, and a hand-written reader can say *where* stored data went wrong
// (`decks.d.history[2].total: expected a whole number, found a string`).

/// Why a value could not be read: where (a path such as `decks.d.history[2]`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

impl ReadError {
    pub fn new(message: impl Into<String>) -> ReadError {
        ReadError {
            path: String::new(),
            message: message.into(),
        }
    }

    /// The same error one level further out: `key` is an object key or an `[index]`.
    fn within(mut self, key: &str) -> ReadError {
        let sep = if self.path.is_empty() || self.path.starts_with('[') {
            ""
        } else {
            "."
        };
        self.path = format!("{key}{sep}{}", self.path);
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// What type of JSON value this is, for messages (`expected a string, found a boolean`). Deck
/// problems and stored-progress errors both name types with it, so they read the same.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `expected {what}, found {type of v}`.
pub fn expected(what: &str, v: &Value) -> ReadError {
    ReadError::new(format!("expected {what}, found {}", type_name(v)))
}

// --- Whole numbers -----------------------------------------------------------------------------
//
// Two rules, because two kinds of text are read. A deck is written by a person and checked by
// `deck.schema.json` too, so it follows JSON Schema, where `1.0` is an integer; parser and schema
// must agree on every file. Stored progress is written only by this app, which never writes `1.0`
// for a count, and serde's derives of the same types (the reference in tests) refuse it, so its
// reader refuses it too.

/// A whole number of 0 or more as JSON Schema's `integer` reads it: `2`, `2.0` and `2e0` alike.
/// Decimals are taken below 10^15 only, where every whole number is exact. For deck files.
pub fn schema_integer(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        v.as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e15)
            .map(|f| f as u64)
    })
}

/// A whole number written as one (`2`, not `2.0` or `2e0`) that fits `T`, as serde reads an
/// integer field. For stored progress.
pub fn exact_integer<T: TryFrom<u64> + TryFrom<i64>>(v: &Value) -> Option<T> {
    match v {
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => T::try_from(u).ok(),
            (None, Some(i)) => T::try_from(i).ok(),
            _ => None,
        },
        _ => None,
    }
}

/// A type that can be read from a JSON tree.
pub trait Read: Sized {
    fn read(v: &Value) -> Result<Self, ReadError>;
}

/// Reads a whole number that fits `T` (see [`exact_integer`]).
fn whole<T: TryFrom<u64> + TryFrom<i64>>(v: &Value, what: &str) -> Result<T, ReadError> {
    exact_integer(v).ok_or_else(|| expected(what, v))
}

impl Read for u8 {
    fn read(v: &Value) -> Result<Self, ReadError> {
        whole(v, "a whole number from 0 to 255")
    }
}
impl Read for u32 {
    fn read(v: &Value) -> Result<Self, ReadError> {
        whole(v, "a whole number from 0 to 4294967295")
    }
}
impl Read for u64 {
    fn read(v: &Value) -> Result<Self, ReadError> {
        whole(v, "a whole number of 0 or more")
    }
}
impl Read for i64 {
    fn read(v: &Value) -> Result<Self, ReadError> {
        whole(v, "a whole number")
    }
}
impl Read for f64 {
    fn read(v: &Value) -> Result<Self, ReadError> {
        v.as_f64().ok_or_else(|| expected("a number", v))
    }
}
impl Read for bool {
    fn read(v: &Value) -> Result<Self, ReadError> {
        v.as_bool().ok_or_else(|| expected("true or false", v))
    }
}
impl Read for String {
    fn read(v: &Value) -> Result<Self, ReadError> {
        v.as_str().map(str::to_string).ok_or_else(|| expected("a string", v))
    }
}
/// `null` reads as `None`.
impl<T: Read> Read for Option<T> {
    fn read(v: &Value) -> Result<Self, ReadError> {
        match v {
            Value::Null => Ok(None),
            v => T::read(v).map(Some),
        }
    }
}
impl<T: Read> Read for Vec<T> {
    fn read(v: &Value) -> Result<Self, ReadError> {
        let items = v.as_array().ok_or_else(|| expected("an array", v))?;
        let read = |(i, item)| T::read(item).map_err(|e: ReadError| e.within(&format!("[{i}]")));
        items.iter().enumerate().map(read).collect()
    }
}
impl<T: Read> Read for BTreeMap<String, T> {
    fn read(v: &Value) -> Result<Self, ReadError> {
        let map = v.as_object().ok_or_else(|| expected("an object", v))?;
        let read = |(k, item): (&String, &Value)| Ok((k.clone(), T::read(item).map_err(|e| e.within(k))?));
        map.iter().map(read).collect()
    }
}

/// The fields of a JSON object being read into a struct. Unknown fields are ignored, so data
/// from a later minor change still reads.
pub struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    pub fn of(v: &'a Value) -> Result<Fields<'a>, ReadError> {
        v.as_object().map(Fields).ok_or_else(|| expected("an object", v))
    }

    /// A field that must be present.
    pub fn req<T: Read>(&self, key: &str) -> Result<T, ReadError> {
        match self.0.get(key) {
            Some(v) => T::read(v).map_err(|e| e.within(key)),
            None => Err(ReadError::new(format!("missing field `{key}`"))),
        }
    }

    /// A field that may be left out, taking `default` then (an explicit `null` is still an error
    /// unless `T` is an `Option`).
    pub fn or<T: Read>(&self, key: &str, default: T) -> Result<T, ReadError> {
        match self.0.get(key) {
            Some(v) => T::read(v).map_err(|e| e.within(key)),
            None => Ok(default),
        }
    }
}

/// A type that writes itself as JSON text.
pub trait Write {
    fn write(&self, out: &mut String);
}

impl Write for str {
    fn write(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if c < ' ' => {
                    let _ = fmt::Write::write_fmt(out, format_args!("\\u{:04x}", c as u32));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}
impl Write for String {
    fn write(&self, out: &mut String) {
        self.as_str().write(out)
    }
}
macro_rules! write_display {
    ($($t:ty),*) => {$(
        impl Write for $t {
            fn write(&self, out: &mut String) {
                let _ = fmt::Write::write_fmt(out, format_args!("{self}"));
            }
        }
    )*};
}
write_display!(u8, u32, u64, i64, bool);
/// The shortest text that reads back as the same number, as serde_json writes it; JSON has no
/// NaN or infinity, so those become `null` (and reading them back fails rather than inventing a
/// value).
impl Write for f64 {
    fn write(&self, out: &mut String) {
        if self.is_finite() {
            let start = out.len();
            // Plain digits even for extreme values (which stored progress never holds): still
            // valid JSON, and no exponent formatting code in the wasm.
            let _ = fmt::Write::write_fmt(out, format_args!("{self}"));
            // Whole numbers keep a `.0`, so a float stays a float for readers that care.
            if !out[start..].contains(['.', 'e']) {
                out.push_str(".0");
            }
        } else {
            out.push_str("null");
        }
    }
}
impl<T: Write> Write for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
}
impl<T: Write> Write for [T] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            v.write(out);
        }
        out.push(']');
    }
}
impl<T: Write, const N: usize> Write for [T; N] {
    fn write(&self, out: &mut String) {
        self.as_slice().write(out)
    }
}
impl<T: Write> Write for Vec<T> {
    fn write(&self, out: &mut String) {
        self.as_slice().write(out)
    }
}
impl<T: Write> Write for BTreeMap<String, T> {
    fn write(&self, out: &mut String) {
        write_entries(out, self.iter().map(|(k, v)| (k.as_str(), v as &dyn Write)))
    }
}

/// Writes an object from its entries, in the order given.
fn write_entries<'a>(out: &mut String, entries: impl Iterator<Item = (&'a str, &'a dyn Write)>) {
    out.push('{');
    for (i, (key, value)) in entries.enumerate() {
        if i > 0 {
            out.push(',');
        }
        key.write(out);
        out.push(':');
        value.write(out);
    }
    out.push('}');
}

/// Writes an object with these fields, in this order.
pub fn write_object(out: &mut String, fields: &[(&str, &dyn Write)]) {
    write_entries(out, fields.iter().copied())
}

/// Implements [`Read`] and [`Write`] for a struct from one list of its fields, each named once:
///
/// ```text
/// json::object! { Attempt { at: req, correct: req, total: req, retry: or(false) } }
/// ```
///
/// The JSON key is the field's name (so renaming a field renames its key in stored data, which
/// `progress`'s exact-text test catches); `req` fields must be present, `or(default)` fields may
/// be left out; fields are written in the order listed, and unknown fields are ignored on reading.
/// Hand-written reading and writing beats serde's derives here: the derives cost 4.6 KB of wasm
/// (1.7 KB gzipped) more and their errors do not say where in the data they are.
macro_rules! object {
    ($type:ident { $($field:ident: $how:ident $(($default:expr))?),* $(,)? }) => {
        impl $crate::core::json::Read for $type {
            fn read(v: &::serde_json::Value) -> Result<Self, $crate::core::json::ReadError> {
                let f = $crate::core::json::Fields::of(v)?;
                Ok($type {
                    $($field: f.$how(stringify!($field) $(, $default)?)?,)*
                })
            }
        }
        impl $crate::core::json::Write for $type {
            fn write(&self, out: &mut String) {
                $crate::core::json::write_object(out, &[$((stringify!($field), &self.$field)),*])
            }
        }
    };
}
pub(crate) use object;

/// The JSON text of a value.
pub fn to_string<T: Write + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write(&mut out);
    out
}

impl<T: Write + ?Sized> Write for &T {
    fn write(&self, out: &mut String) {
        (**self).write(out)
    }
}

/// An object written from borrowed fields, for messages built in place:
/// `Obj(&[("type", &"rolecall:ready"), ("version", &1u32)])`.
pub struct Obj<'a>(pub &'a [(&'a str, &'a dyn Write)]);

impl Write for Obj<'_> {
    fn write(&self, out: &mut String) {
        write_object(out, self.0)
    }
}

/// A value written by a closure, for parts built from borrowed data in a loop.
pub struct With<F: Fn(&mut String)>(pub F);

impl<F: Fn(&mut String)> Write for With<F> {
    fn write(&self, out: &mut String) {
        (self.0)(out)
    }
}

/// A parsed tree written back (keys in the tree's order), for messages that quote a deck.
impl Write for Value {
    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write(out),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u.write(out),
                (None, Some(i)) => i.write(out),
                _ => n.as_f64().unwrap_or_default().write(out),
            },
            Value::String(s) => s.write(out),
            Value::Array(items) => items.write(out),
            Value::Object(map) => write_entries(out, map.iter().map(|(k, v)| (k.as_str(), v as &dyn Write))),
        }
    }
}
