//! Rules about plain text that several parts of the core share: how a long value is shortened
//! before a message repeats it, and what an id looks like.
//!
//! Lengths count characters (Unicode scalar values), never bytes, so a cut never splits a
//! character and a limit means the same for "é" as for "e". Each rule lives here once, so a deck
//! problem, a URL notice and an xAPI statement shorten text the same way, and a deck id and a
//! category id named in a URL are checked by the same test.

use std::borrow::Cow;

/// The mark left where a text was cut.
pub const ELLIPSIS: char = '\u{2026}';

/// How many characters of a rejected value a message repeats: enough to recognise it, too few for
/// a 5,000-character value to flood the message.
pub const ECHO_LEN: usize = 40;

/// `s` itself when it has at most `max` characters; otherwise its first `max` characters followed
/// by "…".
pub fn clip(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((end, _)) => {
            let mut out = String::with_capacity(end + ELLIPSIS.len_utf8());
            out.push_str(&s[..end]);
            out.push(ELLIPSIS);
            Cow::Owned(out)
        }
    }
}

/// The longest id, in characters (ids are ASCII, so in bytes too).
pub const MAX_SLUG_LEN: usize = 64;

/// Whether `s` is a slug: 1 to [`MAX_SLUG_LEN`] lowercase ASCII letters, digits and `-`, not
/// starting with `-`. Deck, category and statement ids are slugs, and so are the category ids a
/// URL's `tags` parameter names.
pub fn is_slug(s: &str) -> bool {
    let mut bytes = s.bytes();
    s.len() <= MAX_SLUG_LEN
        && matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping() {
        let long = "x".repeat(41);
        let cut = format!("{}\u{2026}", "x".repeat(40));
        for (s, max, want) in [
            ("", 0, ""),
            ("", 3, ""),
            ("abc", 3, "abc"),
            ("abcd", 3, "abc\u{2026}"),
            ("abc", 0, "\u{2026}"),
            // Characters, not bytes: four two-byte letters fit in four.
            ("\u{e9}\u{e9}\u{e9}\u{e9}", 4, "\u{e9}\u{e9}\u{e9}\u{e9}"),
            ("\u{e9}\u{e9}\u{e9}\u{e9}", 2, "\u{e9}\u{e9}\u{2026}"),
            ("\u{1f600}\u{1f680}", 1, "\u{1f600}\u{2026}"),
            ("x".repeat(40).as_str(), ECHO_LEN, "x".repeat(40).as_str()),
            (long.as_str(), ECHO_LEN, cut.as_str()),
        ] {
            assert_eq!(clip(s, max), want, "{s:?} to {max}");
        }
        assert!(
            matches!(clip("short", 10), Cow::Borrowed(_)),
            "no copy when nothing is cut"
        );
    }

    #[test]
    fn slugs() {
        let longest = "a".repeat(MAX_SLUG_LEN);
        let too_long = "a".repeat(MAX_SLUG_LEN + 1);
        for (s, want) in [
            ("devops", true),
            ("devops-vs-platform", true),
            ("0", true),
            ("9-lives", true),
            ("a--b", true),
            ("ends-", true),
            (longest.as_str(), true),
            (too_long.as_str(), false),
            ("", false),
            ("-lead", false),
            ("Upper", false),
            ("has space", false),
            ("under_score", false),
            ("dot.ted", false),
            ("caf\u{e9}", false),
            ("line\n", false),
        ] {
            assert_eq!(is_slug(s), want, "{s:?}");
        }
    }
}
