//! Shared decks: a whole deck carried in a link, so a trainer can share one with no server.
//!
//! The deck travels in the `deck` parameter of the link's fragment (`#/?deck=packed:…`), which
//! browsers never send to a server: the deck's minified JSON, compressed as raw deflate (the
//! browser's `CompressionStream("deflate-raw")`), then written in base64url without padding
//! (RFC 4648 §5) after the prefix [`PREFIX`]. The prefix looks like a URL scheme, which deck
//! addresses may not have (`config::deck_url_allowed`), so a packed deck is never mistaken for one.
//!
//! Unpacking reads untrusted text, so every step is bounded before it costs anything: the text's
//! length is checked before it is decoded ([`MAX_PACKED_LEN`]), and the unpacked deck's size
//! while it is inflated ([`Unpacking`] refuses the chunk that passes [`MAX_UNPACKED_BYTES`]), so a
//! short link that inflates to gigabytes stops after the first megabyte. The shell does the
//! inflating (the browser's `DecompressionStream`, so the learner's wasm carries no inflater);
//! this module holds the format, the limits and the words for every way a link can be broken.
//!
//! The codec is written here rather than taken from a crate: it is a few lines, and it keeps
//! the learner's wasm small. Its tests check it against the `base64` crate.

use super::deck::{Deck, DeckError};
#[cfg(test)]
use super::json::minify;
use std::fmt;

/// What starts a `deck` value that holds the deck itself rather than its address.
pub const PREFIX: &str = "packed:";

/// The longest packed text read (after [`PREFIX`]), in characters: 256 KiB of base64url, which
/// is 192 KiB of compressed deck. Longer text is refused before it is decoded.
pub const MAX_PACKED_LEN: usize = 256 * 1024;

/// The largest deck a link may unpack to, in bytes. A deck that big belongs in a file: hosting
/// it costs the learner less than a link longer than most chat tools accept.
pub const MAX_UNPACKED_BYTES: usize = 1024 * 1024;

/// The longest share link the studio offers, in characters of the whole URL. The built-in deck
/// (47 statements) makes a link of about 13,000; every current browser opens 16,384 (the browser
/// tests open one exactly that long), and most chat and e-mail tools carry it whole. Above it,
/// the studio offers the deck file to host instead.
pub const SHARE_LINK_MAX: usize = 16_384;

/// The base64url alphabet (RFC 4648 §5).
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a shared deck could not be packed or unpacked. `Display` says what happened and what to
/// do, in words for the trainer who made or sent the link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// The value does not start with [`PREFIX`].
    NotPacked,
    /// Nothing follows the prefix.
    Empty,
    /// The packed text is longer than [`MAX_PACKED_LEN`].
    TooLong { chars: usize },
    /// A character base64url does not use; `at` counts characters after the prefix, from 1.
    BadCharacter { found: char, at: usize },
    /// A length no base64url text has (one character more than whole bytes need).
    BadLength { chars: usize },
    /// The last character carries bits that belong to no byte: the text was altered.
    BadEnd,
    /// The compressed data is cut short or altered (the inflater gave up).
    Corrupt,
    /// The deck passes [`MAX_UNPACKED_BYTES`] once unpacked.
    TooLarge,
    /// The unpacked bytes are not a valid deck.
    NotADeck(DeckError),
    /// The browser has no `CompressionStream` or `DecompressionStream`.
    Unsupported,
}

/// What every message about a damaged link ends with: the usual cause is a link cut short by a
/// chat tool or a partial copy.
const COPY_AGAIN: &str = "copy the whole link again";

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const DAMAGED: &str = "The shared deck's link is damaged";
        match self {
            LinkError::NotPacked => write!(f, "{DAMAGED}: its deck does not start with \"{PREFIX}\"; {COPY_AGAIN}"),
            LinkError::Empty => write!(f, "{DAMAGED}: nothing follows \"{PREFIX}\"; {COPY_AGAIN}"),
            LinkError::TooLong { chars } => write!(
                f,
                "The shared deck's link is too long: {chars} characters after \"{PREFIX}\", where at most \
                 {MAX_PACKED_LEN} are read; host the deck file instead"
            ),
            LinkError::BadCharacter { found, at } => write!(
                f,
                "{DAMAGED}: {found:?} (character {at} after \"{PREFIX}\") is never part of a shared deck; {COPY_AGAIN}"
            ),
            LinkError::BadLength { chars } => write!(
                f,
                "{DAMAGED}: {chars} characters after \"{PREFIX}\" cannot be a whole deck, so it was cut short; {COPY_AGAIN}"
            ),
            LinkError::BadEnd => write!(f, "{DAMAGED}: its last character was altered; {COPY_AGAIN}"),
            LinkError::Corrupt => write!(
                f,
                "{DAMAGED}: its packed data is cut short or altered, so no deck can be unpacked from it; {COPY_AGAIN}"
            ),
            LinkError::TooLarge => write!(
                f,
                "The shared deck is larger than {} MiB once unpacked; host the deck file instead",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            ),
            LinkError::NotADeck(e) => write!(f, "The shared deck could not be read: {e}"),
            LinkError::Unsupported => write!(
                f,
                "This browser cannot pack or unpack shared decks (it has no CompressionStream); use a current browser"
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// The packed text of a `deck` value, or `None` when the value is an address.
pub fn packed_text(value: &str) -> Option<&str> {
    value.strip_prefix(PREFIX)
}

/// The packed `deck` value (`packed:…`) in text a trainer pasted: a whole shared link, or the
/// value alone. `None` when the text holds none.
pub fn packed_in(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.starts_with(PREFIX) {
        return Some(text);
    }
    let start = text.find(&format!("deck={PREFIX}"))? + "deck=".len();
    let rest = &text[start..];
    Some(&rest[..rest.find(['&', '#']).unwrap_or(rest.len())])
}

/// Whether a `deck` value holds a deck rather than its address.
pub fn is_packed(value: &str) -> bool {
    packed_text(value).is_some()
}

/// `bytes` in base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // One byte makes two characters, two make three, three make four.
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// The 6-bit value of a base64url character.
fn sextet(b: u8) -> Option<u32> {
    let v = match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Decodes base64url without padding, strictly: only the 64 characters of the alphabet, a length
/// that encodes whole bytes, and no stray bits in the last character, so each byte string has
/// exactly one text and an altered text is refused rather than read as other bytes. Text longer
/// than [`MAX_PACKED_LEN`] is refused unread.
pub fn decode(text: &str) -> Result<Vec<u8>, LinkError> {
    if text.len() > MAX_PACKED_LEN {
        return Err(LinkError::TooLong {
            chars: text.chars().count(),
        });
    }
    if text.is_empty() {
        return Err(LinkError::Empty);
    }
    let mut values = Vec::with_capacity(text.len());
    for (i, b) in text.bytes().enumerate() {
        match sextet(b) {
            Some(v) => values.push(v),
            None => {
                // A byte outside the alphabet may start a longer character: name all of it.
                let found = text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                let at = text[..i].chars().count() + 1;
                return Err(LinkError::BadCharacter { found, at });
            }
        }
    }
    if values.len() % 4 == 1 {
        return Err(LinkError::BadLength { chars: values.len() });
    }
    let mut out = Vec::with_capacity(values.len() / 4 * 3 + 2);
    for group in values.chunks(4) {
        let n = group.iter().enumerate().fold(0u32, |n, (i, v)| n | (v << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let whole = group.len() - 1;
        // The bits after the last whole byte must be zero (RFC 4648 §3.5, canonical encoding).
        if n & (0xff_ffff >> (8 * whole)) != 0 {
            return Err(LinkError::BadEnd);
        }
        out.extend_from_slice(&bytes[..whole]);
    }
    Ok(out)
}

/// The `deck` value for compressed deck bytes: [`PREFIX`] and their base64url text. Refused when
/// the app would not read it back ([`MAX_PACKED_LEN`]).
pub fn pack_value(compressed: &[u8]) -> Result<String, LinkError> {
    let text = encode(compressed);
    if text.len() > MAX_PACKED_LEN {
        return Err(LinkError::TooLong { chars: text.len() });
    }
    Ok(format!("{PREFIX}{text}"))
}

/// The compressed deck bytes in a packed `deck` value.
pub fn unpack_value(value: &str) -> Result<Vec<u8>, LinkError> {
    decode(packed_text(value).ok_or(LinkError::NotPacked)?)
}

/// The link that opens the app at `app_url` (no fragment) on a packed deck. The deck is in the
/// fragment, which browsers never send to a server. Base64url and the prefix need no escaping.
pub fn share_url(app_url: &str, packed: &str) -> String {
    format!("{app_url}#/?deck={packed}")
}

/// A deck being unpacked: the shell feeds it the inflater's output chunk by chunk, and stops
/// (cancelling the inflater) at the first error, so a link that would inflate to gigabytes
/// costs one megabyte.
#[derive(Debug, Default)]
pub struct Unpacking {
    bytes: Vec<u8>,
}

impl Unpacking {
    pub fn new() -> Unpacking {
        Unpacking::default()
    }

    /// Adds a chunk, or refuses it when the deck would pass [`MAX_UNPACKED_BYTES`]; a refused
    /// chunk is not kept.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), LinkError> {
        if chunk.len() > MAX_UNPACKED_BYTES - self.bytes.len() {
            return Err(LinkError::TooLarge);
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    /// The bytes so far.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The whole unpacked deck file.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Parses an unpacked deck; its problems are told as the shared deck's.
pub fn parse_unpacked(bytes: &[u8]) -> Result<Deck, LinkError> {
    Deck::parse(bytes).map_err(LinkError::NotADeck)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::BUILTIN_JSON;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use proptest::prelude::*;
    use std::io::{Read, Write};

    /// Raw deflate, as `CompressionStream("deflate-raw")` makes it.
    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(bytes).unwrap();
        z.finish().unwrap()
    }

    /// What the shell does with a `DecompressionStream`: inflate chunk by chunk into an
    /// [`Unpacking`], stopping at the first chunk over the limit.
    fn inflate(compressed: &[u8]) -> Result<Vec<u8>, LinkError> {
        let mut z = flate2::read::DeflateDecoder::new(compressed);
        let mut unpacking = Unpacking::new();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            match z.read(&mut chunk) {
                Ok(0) => return Ok(unpacking.finish()),
                Ok(n) => unpacking.push(&chunk[..n])?,
                Err(_) => return Err(LinkError::Corrupt),
            }
        }
    }

    /// A link's `deck` value to the deck, as the app reads it.
    fn open(value: &str) -> Result<Deck, LinkError> {
        parse_unpacked(&inflate(&unpack_value(value)?)?)
    }

    /// The `deck` value the studio makes for a deck file.
    fn share(json: &str) -> String {
        pack_value(&deflate(minify(json).as_bytes())).unwrap()
    }

    #[test]
    fn encoding_matches_rfc_4648_vectors() {
        // RFC 4648 §10, without padding; then bytes that use '-' and '_'.
        for (bytes, text) in [
            (&b""[..], ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
            (&[0xfb, 0xff], "-_8"),
            (&[0xff, 0xff, 0xff], "____"),
            (&[0, 0, 0], "AAAA"),
        ] {
            assert_eq!(encode(bytes), text, "{bytes:?}");
            if !bytes.is_empty() {
                assert_eq!(decode(text).as_deref(), Ok(bytes), "{text}");
            }
        }
    }

    /// Each row: a packed text, and the message it gives.
    #[test]
    fn broken_text_is_refused_with_a_message() {
        let long = "A".repeat(MAX_PACKED_LEN + 4);
        let rows: Vec<(&str, &str)> = vec![
            ("", "The shared deck's link is damaged: nothing follows \"packed:\"; copy the whole link again"),
            ("Zm9v+mFy", "The shared deck's link is damaged: '+' (character 5 after \"packed:\") is never part of a shared deck; copy the whole link again"),
            ("Zm9vYg==", "The shared deck's link is damaged: '=' (character 7 after \"packed:\") is never part of a shared deck; copy the whole link again"),
            ("Zm 9v", "The shared deck's link is damaged: ' ' (character 3 after \"packed:\") is never part of a shared deck; copy the whole link again"),
            ("Zé9v", "The shared deck's link is damaged: 'é' (character 2 after \"packed:\") is never part of a shared deck; copy the whole link again"),
            ("ab\ncd", "The shared deck's link is damaged: '\\n' (character 3 after \"packed:\") is never part of a shared deck; copy the whole link again"),
            ("Zm9vY", "The shared deck's link is damaged: 5 characters after \"packed:\" cannot be a whole deck, so it was cut short; copy the whole link again"),
            ("Zh", "The shared deck's link is damaged: its last character was altered; copy the whole link again"),
            ("Zm9", "The shared deck's link is damaged: its last character was altered; copy the whole link again"),
            (&long, "The shared deck's link is too long: 262148 characters after \"packed:\", where at most 262144 are read; host the deck file instead"),
        ];
        for (text, want) in rows {
            assert_eq!(decode(text).unwrap_err().to_string(), want, "{text:?}");
            assert_eq!(unpack_value(&format!("{PREFIX}{text}")), decode(text));
        }
        assert_eq!(unpack_value("https://x.org/d.json"), Err(LinkError::NotPacked));
        assert_eq!(
            unpack_value("Packed:Zm9v"),
            Err(LinkError::NotPacked),
            "the prefix is exact"
        );
    }

    #[test]
    fn the_longest_text_is_read_and_one_more_block_is_not() {
        let longest = "A".repeat(MAX_PACKED_LEN);
        assert_eq!(decode(&longest).map(|b| b.len()), Ok(MAX_PACKED_LEN / 4 * 3));
        let bytes = vec![0u8; MAX_PACKED_LEN / 4 * 3];
        assert_eq!(pack_value(&bytes).map(|v| v.len()), Ok(PREFIX.len() + MAX_PACKED_LEN));
        assert_eq!(
            pack_value(&[0u8; MAX_PACKED_LEN / 4 * 3 + 1]),
            Err(LinkError::TooLong {
                chars: MAX_PACKED_LEN + 2
            })
        );
    }

    #[test]
    fn unpacking_stops_at_the_first_chunk_past_the_limit() {
        let mut u = Unpacking::new();
        assert!(u.is_empty());
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..16 {
            assert_eq!(u.push(&chunk), Ok(()));
        }
        assert_eq!(u.len(), MAX_UNPACKED_BYTES, "exactly the limit is accepted");
        assert_eq!(u.push(b" "), Err(LinkError::TooLarge));
        assert_eq!(u.push(&[]), Ok(()));
        assert_eq!(u.len(), MAX_UNPACKED_BYTES, "the refused chunk is not kept");
        assert_eq!(
            LinkError::TooLarge.to_string(),
            "The shared deck is larger than 1 MiB once unpacked; host the deck file instead"
        );
    }

    /// Each row: a deck file, packed as the studio packs it, and what the app says opening it.
    #[test]
    fn whole_links_open_or_say_why_not() {
        let bomb = pack_value(&deflate(&vec![0u8; 50 * 1024 * 1024])).unwrap();
        assert!(
            bomb.len() < MAX_PACKED_LEN,
            "50 MB of zeros fits in a link: {}",
            bomb.len()
        );
        let truncated = {
            let full = deflate(minify(BUILTIN_JSON).as_bytes());
            pack_value(&full[..full.len() / 2]).unwrap()
        };
        let rows: Vec<(String, Result<&str, &str>)> = vec![
            (share(BUILTIN_JSON), Ok("devops-vs-platform")),
            (share(&crate::core::deck::tests::sample().to_string()), Ok("sample")),
            (share("{\"format\": 1,"), Err("The shared deck could not be read: the deck file is not valid JSON: EOF while parsing a value at line 1, column 12")),
            (share("[]"), Err("The shared deck could not be read: the deck has 1 problem\n- a deck must be a JSON object, found an array")),
            (share(""), Err("The shared deck could not be read: the deck file is empty")),
            (bomb, Err("The shared deck is larger than 1 MiB once unpacked; host the deck file instead")),
            (truncated, Err("The shared deck's link is damaged: its packed data is cut short or altered, so no deck can be unpacked from it; copy the whole link again")),
            (format!("{PREFIX}{}", encode(b"not deflate at all")), Err("The shared deck's link is damaged: its packed data is cut short or altered, so no deck can be unpacked from it; copy the whole link again")),
        ];
        for (value, want) in rows {
            let got = open(&value).map(|d| d.id.to_string()).map_err(|e| e.to_string());
            assert_eq!(
                got.as_deref().map_err(|e| e.as_str()),
                want,
                "{}",
                &value[..40.min(value.len())]
            );
        }
    }

    #[test]
    fn the_built_in_deck_round_trips_in_a_link_of_about_13000_characters() {
        let value = share(BUILTIN_JSON);
        assert_eq!(open(&value), Ok(Deck::builtin().unwrap()));
        let url = share_url("https://example.org/training/rolecall/", &value);
        assert!(url.starts_with("https://example.org/training/rolecall/#/?deck=packed:"));
        assert!((11_000..15_000).contains(&url.len()), "{} characters", url.len());
        assert!(url.len() <= SHARE_LINK_MAX);
    }

    #[test]
    fn packed_values_in_pasted_text() {
        for (text, want) in [
            ("packed:AbC", Some("packed:AbC")),
            ("  packed:AbC\n", Some("packed:AbC")),
            ("https://x.org/app/#/?deck=packed:AbC", Some("packed:AbC")),
            (
                "https://x.org/app/?embed=1#/quiz?deck=packed:AbC&seed=3",
                Some("packed:AbC"),
            ),
            ("https://x.org/app/?deck=decks/a.json", None),
            ("packed", None),
            ("", None),
        ] {
            assert_eq!(packed_in(text), want, "{text:?}");
        }
    }

    /// Any JSON value: what `serde_json` writes pretty and compact are the same once minified.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            ".{0,12}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
                prop::collection::btree_map(".{0,8}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn random_bytes_survive_encoding(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            let text = encode(&bytes);
            prop_assert_eq!(&text, &URL_SAFE_NO_PAD.encode(&bytes), "the base64 crate writes the same");
            if !bytes.is_empty() {
                prop_assert_eq!(decode(&text), Ok(bytes));
            }
        }

        #[test]
        fn decoding_agrees_with_the_base64_crate(text in "[A-Za-z0-9_=+/ -]{1,64}") {
            // The crate is as strict as this decoder (no padding, no stray bits): both accept
            // exactly the same texts, as the same bytes.
            prop_assert_eq!(decode(&text).ok(), URL_SAFE_NO_PAD.decode(&text).ok());
        }

        #[test]
        fn decoding_any_text_never_panics(text in any::<String>()) {
            let _ = decode(&text);
            let _ = unpack_value(&text);
        }

        #[test]
        fn opening_any_link_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512), text in "[A-Za-z0-9_-]{0,200}") {
            // Random compressed data, and random base64url text.
            let _ = open(&format!("{PREFIX}{}", encode(&bytes)));
            let _ = open(&format!("{PREFIX}{text}"));
        }

        #[test]
        fn random_files_round_trip_through_deflate_and_a_link(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
            let value = pack_value(&deflate(&bytes)).unwrap();
            prop_assert_eq!(unpack_value(&value).and_then(|c| inflate(&c)), Ok(bytes));
        }

        #[test]
        fn minified_json_is_the_compact_json(v in json_value()) {
            let pretty = serde_json::to_string_pretty(&v).unwrap_or_default();
            prop_assert_eq!(minify(&pretty), serde_json::to_string(&v).unwrap_or_default());
        }

        #[test]
        fn random_decks_round_trip_in_a_link(json in crate::core::deck::tests::random_deck_json()) {
            let deck = Deck::parse(json.as_bytes());
            prop_assert!(deck.is_ok(), "{:?}", deck);
            prop_assert_eq!(open(&share(&json)), deck.map_err(LinkError::NotADeck));
        }
    }
}
