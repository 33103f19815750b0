//! Rules about plain text that several parts of the core share: how a long value is shortened
//! before a message repeats it, how a number and its noun agree, and what an id looks like.
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

/// A number with its noun, singular for exactly one: `count(1, "card", "cards")` is "1 card",
/// `count(0, "card", "cards")` is "0 cards". Every count a learner reads goes through here, so no
/// screen says "1 cards".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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

/// A slug made from a label: letters and digits kept (accented Latin letters without their
/// accents, lowercased), every other run of characters one `-`, at most [`MAX_SLUG_LEN`]
/// characters. Empty when the label has no letter or digit to keep.
pub fn slug(label: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in label.chars() {
        for b in fold(c) {
            if b.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else if b != 0 {
                dash = true;
            }
        }
        if out.len() >= MAX_SLUG_LEN {
            break;
        }
    }
    // Everything pushed is ASCII, so the cut falls between characters.
    out.truncate(MAX_SLUG_LEN);
    let kept = out.trim_end_matches('-').len();
    out.truncate(kept);
    out
}

/// Latin-1 and Latin Extended-A letters (U+00C0 to U+017F) without their accents; `-` for the
/// two signs among them, `?` where [`fold`] writes two letters.
const LATIN_FOLD: &[u8; 192] = b"aaaaaa?ceeeeiiiidnooooo-ouuuuy??aaaaaa?ceeeeiiiidnooooo-ouuuuy?y\
aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllllnnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// The ASCII bytes a character becomes in a slug (a 0 is nothing): itself when ASCII, a Latin
/// letter without its accent, nothing for a combining accent (text that writes é as e and
/// U+0301), and a space, which separates words, for anything else.
fn fold(c: char) -> [u8; 2] {
    match c {
        _ if c.is_ascii() => [c as u8, 0],
        'Æ' | 'æ' => *b"ae",
        'Œ' | 'œ' => *b"oe",
        'Ĳ' | 'ĳ' => *b"ij",
        'Þ' | 'þ' => *b"th",
        'ß' => *b"ss",
        '\u{300}'..='\u{36f}' => [0, 0],
        '\u{c0}'..='\u{17f}' => [LATIN_FOLD.get(c as usize - 0xc0).copied().unwrap_or(b' '), 0],
        _ => [b' ', 0],
    }
}

/// `base` (or `category` when empty), with `-2`, `-3` … added while `taken` says it is used,
/// cut so the result stays within [`MAX_SLUG_LEN`].
pub fn unique_slug(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { "category" } else { base };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let stem = base.get(..MAX_SLUG_LEN.saturating_sub(suffix.len())).unwrap_or(base);
            format!("{}{suffix}", stem.trim_end_matches('-'))
        })
        .find(|id| !taken(id))
        .unwrap_or_default()
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
    fn counts_agree_with_their_nouns() {
        for (n, want) in [(0, "0 cards"), (1, "1 card"), (2, "2 cards"), (21, "21 cards")] {
            assert_eq!(count(n, "card", "cards"), want);
        }
        assert_eq!(count(1, "new card today", "new cards today"), "1 new card today");
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

    #[test]
    fn slugs_from_labels() {
        let long = "word ".repeat(20);
        for (label, want) in [
            ("DevOps", "devops"),
            ("Platform Engineering", "platform-engineering"),
            ("\u{c9}quipe", "equipe"),
            ("  Ops & Dev!! ", "ops-dev"),
            ("Stra\u{df}e", "strasse"),
            ("\u{152}uvre", "oeuvre"),
            ("\u{c6}sir", "aesir"),
            ("\u{141}\u{f3}d\u{17a}", "lodz"),
            ("e\u{301}te\u{301}", "ete"),
            ("9 lives", "9-lives"),
            ("-lead", "lead"),
            ("a \u{d7} b", "a-b"),
            ("\u{65e5}\u{672c}", ""),
            ("!!!", ""),
            ("", ""),
            (
                long.as_str(),
                "word-word-word-word-word-word-word-word-word-word-word-word-word",
            ),
        ] {
            let got = slug(label);
            assert_eq!(got, want, "{label:?}");
            assert!(got.is_empty() || is_slug(&got), "{got:?}");
        }
        assert_eq!(LATIN_FOLD.len(), 0x180 - 0xc0);
    }

    #[test]
    fn slugs_are_made_unique() {
        let long = "a".repeat(MAX_SLUG_LEN);
        let long_2 = format!("{}-2", "a".repeat(MAX_SLUG_LEN - 2));
        let dashed = format!("{}-b", "a".repeat(MAX_SLUG_LEN - 3));
        let dashed_2 = format!("{}-2", "a".repeat(MAX_SLUG_LEN - 3));
        for (base, ids, want) in [
            ("devops", vec![], "devops"),
            ("devops", vec!["devops"], "devops-2"),
            ("devops", vec!["devops", "devops-2"], "devops-3"),
            ("", vec![], "category"),
            ("", vec!["category"], "category-2"),
            (long.as_str(), vec![long.as_str()], long_2.as_str()),
            // A cut that leaves a dash at the end drops it.
            (dashed.as_str(), vec![dashed.as_str()], dashed_2.as_str()),
        ] {
            let got = unique_slug(base, |id| ids.contains(&id));
            assert_eq!(got, want, "{base:?} after {ids:?}");
            assert!(is_slug(&got), "{got:?}");
        }
    }
}
