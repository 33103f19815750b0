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
        // A plain loop: collecting `Result`s instantiates an adapter per item type.
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::read(item).map_err(|e| e.within(&format!("[{i}]")))?);
        }
        Ok(out)
    }
}
impl<T: Read> Read for BTreeMap<String, T> {
    fn read(v: &Value) -> Result<Self, ReadError> {
        let map = v.as_object().ok_or_else(|| expected("an object", v))?;
        // Inserted one by one: collecting into a B-tree sorts first, and each sort is a few KB
        // of wasm per value type.
        let mut out = BTreeMap::new();
        for (k, item) in map {
            out.insert(k.clone(), T::read(item).map_err(|e| e.within(k))?);
        }
        Ok(out)
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

/// Each character of JSON text with whether it lies in a string (its quotes included), so
/// whitespace can be dropped or added between tokens without touching any text.
fn with_string_state(json: &str) -> impl Iterator<Item = (char, bool)> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    json.chars().map(move |c| {
        let inside = in_string || c == '"';
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        (c, inside)
    })
}

/// JSON text without the whitespace between its tokens (spaces, tabs, line breaks outside
/// strings), which is all a minifier may drop: the text means the same, with its keys in the
/// author's order. Text that is not JSON is changed no more than valid JSON would be, and a
/// parser then refuses it as it would have before.
pub fn minify(json: &str) -> String {
    with_string_state(json)
        .filter(|&(c, inside)| inside || !matches!(c, ' ' | '\t' | '\n' | '\r'))
        .map(|(c, _)| c)
        .collect()
}

/// JSON text indented by two spaces per level, for files people read (a deck downloaded from
/// the studio). Only whitespace between tokens changes.
pub fn pretty(json: &str) -> String {
    let mut out = String::with_capacity(json.len() * 5 / 4);
    let mut depth = 0usize;
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', depth * 2));
    };
    let mut chars = with_string_state(json).peekable();
    while let Some((c, inside)) = chars.next() {
        match c {
            _ if inside => out.push(c),
            '{' | '[' => {
                out.push(c);
                if let Some(&(close @ ('}' | ']'), _)) = chars.peek() {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            ' ' | '\t' | '\n' | '\r' => {}
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `Ok` as the tree, `Err` as the error text, for one-line comparisons.
    fn parsed(text: &str) -> Result<Value, String> {
        parse(text).map_err(|e| e.to_string())
    }

    #[test]
    fn parsing() {
        let nested = |depth: usize| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let deep_ok = nested(127);
        let too_deep = nested(128);
        let rows: Vec<(&str, Result<Value, &str>)> = vec![
            ("{\"a\":1}", Ok(json!({"a": 1}))),
            (
                " [1, -2, 1.5, \"x\", true, null] \n",
                Ok(json!([1, -2, 1.5, "x", true, null])),
            ),
            ("\"\\u00e9\\ud83d\\ude00\"", Ok(json!("\u{e9}\u{1f600}"))),
            ("18446744073709551615", Ok(json!(u64::MAX))),
            ("-9223372036854775808", Ok(json!(i64::MIN))),
            ("18446744073709551616", Ok(json!(18_446_744_073_709_551_616.0))),
            // The same key in two different objects is no repeat.
            ("[{\"a\":1},{\"a\":2}]", Ok(json!([{"a": 1}, {"a": 2}]))),
            // Duplicate keys are refused, at any depth and even with equal values.
            (
                "{\"a\":1,\"a\":2}",
                Err("the key \"a\" appears twice in one object at line 1 column 10"),
            ),
            (
                "{\"x\":{\"a\":1,\"b\":0,\"a\":1}}",
                Err("the key \"a\" appears twice in one object at line 1 column 21"),
            ),
            (
                "[[{\"\":0,\"\":0}]]",
                Err("the key \"\" appears twice in one object at line 1 column 10"),
            ),
            // One value and nothing after it but whitespace.
            ("{} x", Err("trailing characters at line 1 column 4")),
            ("{}{}", Err("trailing characters at line 1 column 3")),
            ("1 2", Err("trailing characters at line 1 column 3")),
            ("", Err("EOF while parsing a value at line 1 column 0")),
            ("{\"a\":1", Err("EOF while parsing an object at line 1 column 6")),
            ("[1,]", Err("trailing comma at line 1 column 4")),
            ("NaN", Err("expected value at line 1 column 1")),
            ("1e400", Err("number out of range at line 1 column 5")),
            ("\"\\ud800\"", Err("unexpected end of hex escape at line 1 column 8")),
            // Nesting: serde_json's limit of 128 levels makes a deep file an error, not a crash.
            (deep_ok.as_str(), Ok(serde_json::from_str(&deep_ok).unwrap())),
            (too_deep.as_str(), Err("recursion limit exceeded at line 1 column 128")),
        ];
        for (text, want) in rows {
            let want = want.map_err(str::to_string);
            assert_eq!(parsed(text), want, "{text:?}");
        }
    }

    #[test]
    fn type_names() {
        for (v, want) in [
            (json!(null), "null"),
            (json!(false), "a boolean"),
            (json!(0), "a number"),
            (json!(-1.5), "a number"),
            (json!(""), "a string"),
            (json!([]), "an array"),
            (json!({}), "an object"),
        ] {
            assert_eq!(type_name(&v), want, "{v}");
            assert_eq!(expected("x", &v).to_string(), format!("expected x, found {want}"));
        }
    }

    /// Decks read whole numbers as JSON Schema does, stored progress as serde does.
    #[test]
    fn whole_numbers() {
        for (text, schema, exact) in [
            ("0", Some(0), Some(0)),
            ("2", Some(2), Some(2)),
            ("2.0", Some(2), None),
            ("2e0", Some(2), None),
            ("-0.0", Some(0), None),
            ("2.5", None, None),
            ("-1", None, None),
            ("-1.0", None, None),
            ("18446744073709551615", Some(u64::MAX), Some(u64::MAX)),
            ("999999999999999.0", Some(999_999_999_999_999), None),
            ("1e15", None, None),
            ("\"2\"", None, None),
            ("true", None, None),
            ("null", None, None),
        ] {
            let v = parse(text).unwrap();
            assert_eq!(schema_integer(&v), schema, "schema_integer({text})");
            assert_eq!(exact_integer::<u64>(&v), exact, "exact_integer({text})");
        }
        // The exact rule also checks the target type's range, both ways.
        assert_eq!(exact_integer::<i64>(&json!(-1)), Some(-1));
        assert_eq!(exact_integer::<u8>(&json!(256)), None);
        assert_eq!(exact_integer::<u8>(&json!(-1)), None);
        assert_eq!(exact_integer::<i64>(&json!(u64::MAX)), None);
    }

    #[test]
    fn read_errors_say_where() {
        // Keys from the innermost out, as readers add them while an error travels up.
        for (keys, want) in [
            (vec![], "m"),
            (vec!["a"], "a: m"),
            (vec!["b", "a"], "a.b: m"),
            (vec!["[2]"], "[2]: m"),
            (vec!["b", "[2]", "a"], "a[2].b: m"),
            (vec!["[1]", "[0]", "x"], "x[0][1]: m"),
            (
                vec!["total", "[2]", "history", "d", "decks"],
                "decks.d.history[2].total: m",
            ),
        ] {
            let e = keys.iter().fold(ReadError::new("m"), |e, k| e.within(k));
            assert_eq!(e.to_string(), want, "{keys:?}");
        }
    }

    /// Reads `text` as a `T`; the error as its text.
    fn read<T: Read>(text: &str) -> Result<T, String> {
        T::read(&parse(text).unwrap()).map_err(|e| e.to_string())
    }

    /// Each row: JSON text, and what reading it as `T` gives.
    fn check_reads<T: Read + PartialEq + fmt::Debug>(rows: Vec<(&str, Result<T, &str>)>) {
        for (text, want) in rows {
            let want = want.map_err(str::to_string);
            assert_eq!(read::<T>(text), want, "{text} as {}", std::any::type_name::<T>());
        }
    }

    #[test]
    fn reading_numbers() {
        check_reads::<u8>(vec![
            ("0", Ok(0)),
            ("255", Ok(255)),
            ("256", Err("expected a whole number from 0 to 255, found a number")),
            ("-1", Err("expected a whole number from 0 to 255, found a number")),
            ("1.0", Err("expected a whole number from 0 to 255, found a number")),
            ("null", Err("expected a whole number from 0 to 255, found null")),
            ("\"1\"", Err("expected a whole number from 0 to 255, found a string")),
            ("[]", Err("expected a whole number from 0 to 255, found an array")),
        ]);
        check_reads::<u32>(vec![
            ("4294967295", Ok(u32::MAX)),
            (
                "4294967296",
                Err("expected a whole number from 0 to 4294967295, found a number"),
            ),
            (
                "false",
                Err("expected a whole number from 0 to 4294967295, found a boolean"),
            ),
        ]);
        check_reads::<u64>(vec![
            ("18446744073709551615", Ok(u64::MAX)),
            ("-1", Err("expected a whole number of 0 or more, found a number")),
            ("1e3", Err("expected a whole number of 0 or more, found a number")),
        ]);
        check_reads::<i64>(vec![
            ("-9223372036854775808", Ok(i64::MIN)),
            ("9223372036854775807", Ok(i64::MAX)),
            ("9223372036854775808", Err("expected a whole number, found a number")),
            ("{}", Err("expected a whole number, found an object")),
        ]);
        check_reads::<f64>(vec![
            ("1.5", Ok(1.5)),
            ("1", Ok(1.0)),
            ("-9223372036854775808", Ok(-9.223_372_036_854_776e18)),
            ("1e300", Ok(1e300)),
            ("null", Err("expected a number, found null")),
            ("\"1.5\"", Err("expected a number, found a string")),
        ]);
    }

    #[test]
    fn reading_other_values() {
        check_reads::<bool>(vec![
            ("true", Ok(true)),
            ("false", Ok(false)),
            ("1", Err("expected true or false, found a number")),
            ("\"true\"", Err("expected true or false, found a string")),
            ("null", Err("expected true or false, found null")),
        ]);
        check_reads::<String>(vec![
            ("\"\"", Ok(String::new())),
            ("\"\\u00e9\\n\"", Ok("\u{e9}\n".into())),
            ("1", Err("expected a string, found a number")),
            ("[\"a\"]", Err("expected a string, found an array")),
        ]);
        check_reads::<Option<u8>>(vec![
            ("null", Ok(None)),
            ("7", Ok(Some(7))),
            ("\"7\"", Err("expected a whole number from 0 to 255, found a string")),
        ]);
        check_reads::<Vec<u8>>(vec![
            ("[]", Ok(vec![])),
            ("[1,2]", Ok(vec![1, 2])),
            (
                "[1,\"x\"]",
                Err("[1]: expected a whole number from 0 to 255, found a string"),
            ),
            ("{}", Err("expected an array, found an object")),
            ("null", Err("expected an array, found null")),
        ]);
        check_reads::<Vec<Vec<u8>>>(vec![
            ("[[1],[]]", Ok(vec![vec![1], vec![]])),
            (
                "[[1],[2,300]]",
                Err("[1][1]: expected a whole number from 0 to 255, found a number"),
            ),
        ]);
        check_reads::<BTreeMap<String, u8>>(vec![
            ("{}", Ok(BTreeMap::new())),
            (
                "{\"b\":1,\"a\":2}",
                Ok(BTreeMap::from([("a".into(), 2), ("b".into(), 1)])),
            ),
            (
                "{\"a\":{}}",
                Err("a: expected a whole number from 0 to 255, found an object"),
            ),
            ("[]", Err("expected an object, found an array")),
        ]);
        check_reads::<BTreeMap<String, Vec<Option<u8>>>>(vec![
            (
                "{\"k\":[null,1]}",
                Ok(BTreeMap::from([("k".into(), vec![None, Some(1)])])),
            ),
            (
                "{\"k\":[0,-1]}",
                Err("k[1]: expected a whole number from 0 to 255, found a number"),
            ),
        ]);
    }

    /// A struct with every kind of field, read and written through `object!`.
    #[derive(Debug, PartialEq)]
    struct Probe {
        id: String,
        n: u8,
        tags: Vec<String>,
        note: Option<String>,
        on: bool,
    }

    object! { Probe { id: req, n: or(7), tags: or(Vec::new()), note: or(None), on: req } }

    fn probe(n: u8, tags: &[&str], note: Option<&str>) -> Probe {
        Probe {
            id: "p".into(),
            n,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            note: note.map(str::to_string),
            on: true,
        }
    }

    #[test]
    fn fields() {
        check_reads::<Probe>(vec![
            // `req` fields present, `or` fields left out: their defaults.
            (r#"{"id":"p","on":true}"#, Ok(probe(7, &[], None))),
            (
                r#"{"id":"p","n":1,"tags":["a"],"note":"x","on":true}"#,
                Ok(probe(1, &["a"], Some("x"))),
            ),
            // Unknown fields are ignored; order does not matter.
            (r#"{"on":true,"later":[1],"id":"p"}"#, Ok(probe(7, &[], None))),
            // An explicit null is a value: `None` for an Option, an error for anything else.
            (r#"{"id":"p","on":true,"note":null}"#, Ok(probe(7, &[], None))),
            (
                r#"{"id":"p","on":true,"n":null}"#,
                Err("n: expected a whole number from 0 to 255, found null"),
            ),
            (r#"{"on":true}"#, Err("missing field `id`")),
            (r#"{"id":"p"}"#, Err("missing field `on`")),
            (r#"{"id":1,"on":true}"#, Err("id: expected a string, found a number")),
            (
                r#"{"id":"p","on":true,"tags":["a",2]}"#,
                Err("tags[1]: expected a string, found a number"),
            ),
            ("[]", Err("expected an object, found an array")),
        ]);
        // Written in the order listed, every field (defaults and `None` too).
        assert_eq!(
            to_string(&probe(7, &[], None)),
            r#"{"id":"p","n":7,"tags":[],"note":null,"on":true}"#
        );
        let full = probe(1, &["a", "b"], Some("\""));
        assert_eq!(
            to_string(&full),
            r#"{"id":"p","n":1,"tags":["a","b"],"note":"\"","on":true}"#
        );
        assert_eq!(read::<Probe>(&to_string(&full)), Ok(full));
    }

    #[test]
    fn writing() {
        let map = BTreeMap::from([("b".to_string(), 1u8), ("a".to_string(), 2), ("\"".to_string(), 3)]);
        let rows: &[(&dyn Write, &str)] = &[
            // Strings: JSON's two-character escapes where it has them, \u00XX for other control
            // characters, everything else (DEL, non-ASCII, U+2028, '/') as it is.
            (&"", r#""""#),
            (&"plain", r#""plain""#),
            (&"a\"b\\c", r#""a\"b\\c""#),
            (&"\n\r\t", r#""\n\r\t""#),
            (&"\u{0}\u{8}\u{c}\u{1f}", r#""\u0000\u0008\u000c\u001f""#),
            (&"\u{7f}\u{e9}\u{1f600}\u{2028}/", "\"\u{7f}\u{e9}\u{1f600}\u{2028}/\""),
            (&String::from("s"), r#""s""#),
            // Whole numbers and booleans as written.
            (&255u8, "255"),
            (&u32::MAX, "4294967295"),
            (&u64::MAX, "18446744073709551615"),
            (&i64::MIN, "-9223372036854775808"),
            (&true, "true"),
            (&false, "false"),
            // Floats: the shortest text that reads back, a `.0` on whole ones, null when not finite.
            (&0.0f64, "0.0"),
            (&-0.0f64, "-0.0"),
            (&1.0f64, "1.0"),
            (&1.5f64, "1.5"),
            (&0.1f64, "0.1"),
            (&5.314577829570867f64, "5.314577829570867"),
            (&1e-7f64, "0.0000001"),
            (&1e21f64, "1000000000000000000000.0"),
            (&f64::NAN, "null"),
            (&f64::INFINITY, "null"),
            (&f64::NEG_INFINITY, "null"),
            // Containers.
            (&Some(1u8), "1"),
            (&None::<u8>, "null"),
            (&[0u8; 0], "[]"),
            (&[1u8, 2], "[1,2]"),
            (&vec![vec!["a"], vec![]], r#"[["a"],[]]"#),
            (&&[1u8, 2][..], "[1,2]"),
            (&BTreeMap::<String, u8>::new(), "{}"),
            (&map, r#"{"\"":3,"a":2,"b":1}"#),
            // Objects built in place keep the order given.
            (&Obj(&[]), "{}"),
            (
                &Obj(&[("z", &1u8), ("a", &"x"), ("m", &Obj(&[("k", &None::<u8>)]))]),
                r#"{"z":1,"a":"x","m":{"k":null}}"#,
            ),
            (&With(|out: &mut String| out.push_str("42")), "42"),
            (&&&"ref", r#""ref""#),
            // A parsed tree, keys in the tree's order, whole floats keeping their `.0`.
            (
                &json!({"b": [1, -2, 1.5, 2.0, null, true, "x"], "a": {}}),
                r#"{"a":{},"b":[1,-2,1.5,2.0,null,true,"x"]}"#,
            ),
            (&json!(u64::MAX), "18446744073709551615"),
        ];
        for (value, want) in rows {
            assert_eq!(to_string(value), *want);
        }
        let mut out = String::from("x=");
        write_object(&mut out, &[("a", &1u8), ("a", &2u8)]);
        assert_eq!(out, r#"x={"a":1,"a":2}"#, "appends; keys are written as given");
    }

    /// What the writer writes, the parser reads back as the same tree.
    #[test]
    fn round_trip() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        let values = [
            json!(null),
            json!(true),
            json!(0),
            json!(-1),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(0.5),
            json!(-2.25),
            json!(0.1),
            json!(1e-7),
            json!(3.1262),
            json!(2.0),
            json!(-0.0),
            json!(123_456.789),
            json!(""),
            json!(every_control),
            json!("\"\\/\u{7f}\u{e9}\u{1f600}\u{2028}\u{feff}"),
            json!([]),
            json!({}),
            json!([[[]], {"": ""}]),
            json!({"a": {"b": {"c": [1, "2", 3.5, null]}}, "\n": "\u{0}", "é": [true, false]}),
        ];
        for v in values {
            let text = to_string(&v);
            assert_eq!(parse(&text).ok(), Some(v), "{text}");
        }
    }
    #[test]
    fn minifying_drops_only_whitespace_between_tokens() {
        for (json, want) in [
            ("{ \"a\" : [ 1 , 2 ] }", "{\"a\":[1,2]}"),
            ("{\"a b\": \"c\\\" d\"}", "{\"a b\":\"c\\\" d\"}"),
            ("[\"\\\\\", \" \"]", "[\"\\\\\",\" \"]"),
            ("\t\r\n{}\n", "{}"),
            // U+00A0 is not JSON whitespace: the parser refuses it, so minifying keeps it.
            ("{\u{a0}}", "{\u{a0}}"),
            ("\"unterminated  ", "\"unterminated  "),
        ] {
            assert_eq!(minify(json), want, "{json:?}");
        }
        let builtin = minify(crate::core::deck::BUILTIN_JSON);
        assert!(builtin.len() < crate::core::deck::BUILTIN_JSON.len());
        assert_eq!(
            crate::core::deck::Deck::parse(builtin.as_bytes()),
            crate::core::deck::Deck::builtin()
        );
    }

    #[test]
    fn pretty_json_indents_between_tokens_only() {
        assert_eq!(
            pretty("{\"a\":[],\"b\":\"x,{}\\\"\",\"c\":[1,{}]}"),
            "{\n  \"a\": [],\n  \"b\": \"x,{}\\\"\",\n  \"c\": [\n    1,\n    {}\n  ]\n}\n"
        );
        let deck = crate::core::deck::BUILTIN_JSON;
        assert_eq!(parse(&pretty(&minify(deck))).unwrap(), parse(deck).unwrap());
        assert_eq!(minify(&pretty(&minify(deck))), minify(deck));
    }
}
