#!/usr/bin/env python3
"""Writes the deck test corpus under tests/decks/ (deterministically: same script, same bytes).

    python3 scripts/gen-deck-corpus.py
    DECK_CORPUS_BLESS=1 cargo test --test deck_corpus    # then review `git diff tests/decks`

- tests/decks/valid/*.json      decks that both the app's parser and the JSON Schema must accept
- tests/decks/invalid/*.json    malformed decks, each small and (mostly) wrong in one way
- tests/decks/schema-verdicts.json
                                for every invalid file, what the JSON Schema says about it:
                                "rejects", "accepts" (only where the schema cannot express the
                                rule; a "note" says why), or "not-json" (not UTF-8 JSON text)

The parser's message for each invalid file is not written here: tests/decks/expected.json holds
them, and tests/deck_corpus.rs writes it from the parser's actual output when run with
DECK_CORPUS_BLESS=1. After adding or changing a case, run both commands above and review the
diff: every new or changed message must say what the case is about.

A file that JSON.parse reads but the parser refuses as "not valid JSON" (a repeated key, a lone
surrogate escape) is "accepts" when the value JSON.parse makes of it is a valid deck: the schema
only ever sees that value, so the rule is beyond it. Its note says so.

Checked by tests/deck_corpus.rs (parser) and tests/schema.test.mjs (schema). The script deletes
files in valid/ and invalid/ that it no longer writes, so a removed case leaves nothing stale.
"""

import copy
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "decks")
BOM = "\ufeff"

# ---------------------------------------------------------------------------------------------
# The base deck: valid, small, with every optional field. Most invalid files change one thing.
# ---------------------------------------------------------------------------------------------

BASE = {
    "$schema": "../../../static/deck.schema.json",
    "format": 1,
    "id": "corpus-base",
    "title": "Corpus base deck",
    "description": "A small valid deck; each invalid file of the corpus changes one thing in it.",
    "language": "en",
    "source": {
        "title": "How Our Web Team Works",
        "author": "Example Team",
        "date": "2024-03-01",
        "url": "https://example.org/how-we-work",
    },
    "categories": [
        {"id": "frontend", "label": "Frontend", "description": "Runs in the user's browser."},
        {"id": "backend", "label": "Backend", "description": "Runs on our servers."},
    ],
    "statements": [
        {
            "id": "css-layout",
            "text": "I fixed the page layout for narrow phone screens.",
            "tag": "frontend",
            "explanation": "Layout is decided by the CSS the browser applies.",
            "quote": "The frontend team owns everything the browser renders.",
            "difficulty": 1,
            "kind": "scenario",
        },
        {
            "id": "database-index",
            "text": "I added an index so the orders query is fast.",
            "tag": "backend",
            "explanation": "The database runs on the servers.",
        },
    ],
}


def dump(value):
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


# The base deck as text, for cases that need a literal JSON cannot produce from a Python value
# (1.0 kept as written, a repeated key, a syntax error at a known place).
BASE_TEXT = dump(BASE)
BASE_COMPACT = json.dumps(BASE, ensure_ascii=False, separators=(",", ":"))


def swap(old, new, text=BASE_TEXT):
    """`text` with `old`, which must occur exactly once, replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def edit(*ops, base=BASE):
    """A copy of `base` with each operation applied. Operations come from set_ and del_."""
    deck = copy.deepcopy(base)
    for op in ops:
        op(deck)
    return deck


def _walk(deck, path):
    node = deck
    for key in path[:-1]:
        if isinstance(node, dict) and key not in node:
            node[key] = {}  # set_ may name a field inside an object the base deck does not have
        node = node[key]
    return node, path[-1]


def set_(*path_and_value):
    *path, value = path_and_value

    def op(deck):
        node, key = _walk(deck, path)
        node[key] = copy.deepcopy(value)

    return op


def del_(*path):
    def op(deck):
        node, key = _walk(deck, path)
        del node[key]

    return op


def category(i):
    return {"id": f"cat-{i}", "label": f"Label {i}", "description": f"Category number {i}."}


# ---------------------------------------------------------------------------------------------
# Valid decks
# ---------------------------------------------------------------------------------------------

VALID = {}


def valid(name, data=None, text=None, raw=None):
    assert name not in VALID, name
    VALID[name] = to_bytes(data, text, raw)


def to_bytes(data, text, raw):
    assert sum(x is not None for x in (data, text, raw)) == 1
    if raw is not None:
        return raw
    if text is not None:
        return text.encode("utf-8")
    return dump(data).encode("utf-8")


valid("base.json", BASE)

MINIMAL = {
    "format": 1,
    "id": "minimal",
    "title": "Minimal deck",
    "description": "",
    "language": "en",
    "categories": [
        {"id": "yes", "label": "Yes", "description": "It is."},
        {"id": "no", "label": "No", "description": "It is not."},
    ],
    "statements": [
        {"id": "s1", "text": "The sky is blue.", "tag": "yes", "explanation": "On a clear day it is."},
    ],
}
valid("minimal-2-categories.json", MINIMAL)

valid(
    "four-categories.json",
    {
        "format": 1,
        "id": "four-seasons",
        "title": "Which season?",
        "description": "Four categories, with keyboard letters that all differ.",
        "language": "en-GB",
        "categories": [
            {"id": "spring", "label": "Spring", "description": "March to May."},
            {"id": "summer", "label": "Summer", "description": "June to August."},
            {"id": "autumn", "label": "Autumn", "description": "September to November."},
            {"id": "winter", "label": "Winter", "description": "December to February."},
        ],
        "statements": [
            {"id": "blossom", "text": "Cherry trees blossom.", "tag": "spring", "explanation": "Blossom comes in spring."},
            {"id": "beach", "text": "The beach is crowded.", "tag": "summer", "explanation": "Holidays fall in summer."},
            {"id": "leaves", "text": "Leaves turn red.", "tag": "autumn", "explanation": "Leaves change in autumn."},
            {"id": "snow", "text": "Snow covers the hills.", "tag": "winter", "explanation": "Snow falls in winter."},
        ],
    },
)

valid(
    "six-categories.json",
    {
        "format": 1,
        "id": "six-of-them",
        "title": "Six categories, the most a deck may have",
        "description": "Labels that share a first letter or start with a digit get no letter shortcut.",
        "language": "en",
        "categories": [
            {"id": "red", "label": "Red", "description": "The colour red."},
            {"id": "rose", "label": "Rose", "description": "Shares the letter r with Red."},
            {"id": "green", "label": "Green", "description": "The colour green."},
            {"id": "blue", "label": "Blue", "description": "The colour blue."},
            {"id": "seven", "label": "7 lives", "description": "Starts with a digit."},
            {"id": "other", "label": "¿Other?", "description": "Starts with punctuation."},
        ],
        "statements": [
            {"id": f"s{i}", "text": f"Statement {i}.", "tag": tag, "explanation": "Because."}
            for i, tag in enumerate(["red", "rose", "green", "blue", "seven", "other"], start=1)
        ],
    },
)

EVERY_OPTIONAL = {
    "$schema": "https://example.org/rolecall/deck.schema.json",
    "format": 1,
    "id": "every-optional-field",
    "title": "Every optional field",
    "description": "A prompt, a source with a URL, icons, and statements with quote, speaker, sentences for wrong answers, difficulty 1 to 3 and both kinds.",
    "language": "en-US",
    "prompt": "Who does this?",
    "source": {
        "title": "The Handbook",
        "author": "Jane Doe",
        "date": "2023-10-27",
        "url": "https://example.org/handbook",
    },
    "categories": [
        {"id": "ops", "label": "Ops", "description": "Operations.", "icon": "hexagon"},
        {"id": "dev", "label": "Dev", "description": "Development.", "icon": "code"},
        {"id": "both", "label": "Both", "description": "Shared."},
    ],
    "statements": [
        {
            "id": "deploys",
            "text": "I deploy the app.",
            "tag": "ops",
            "explanation": "Deploying is operations.",
            "quote": "Ops deploys.",
            "speaker": "the operations lead",
            "wrong": {"dev": "Developers write the code, but deploying it is the operations step.", "both": "Not everyone deploys."},
            "difficulty": 1,
            "kind": "claim",
        },
        {
            "id": "writes-code",
            "text": "I write the feature.",
            "tag": "dev",
            "explanation": "Writing features is development.",
            "quote": "Dev writes features.",
            "speaker": "both, in the summary",
            "wrong": {"ops": "Operations runs the feature, but writing it is development."},
            "difficulty": 2,
            "kind": "scenario",
        },
        {
            "id": "uses-git",
            "text": "I use git.",
            "tag": "both",
            "explanation": "Everyone uses git.",
            "quote": "Both use git.",
            "difficulty": 3,
            "kind": "scenario",
        },
    ],
}
valid("every-optional-field.json", EVERY_OPTIONAL)

# The same deck as minimal-2-categories.json, preceded by a UTF-8 byte-order mark.
valid("bom.json", text=BOM + dump(edit(set_("id", "with-bom"), base=MINIMAL)))

valid(
    "unicode-and-schema.json",
    {
        "$schema": "../../../static/deck.schema.json",
        "format": 1,
        "id": "unicode",
        "title": "Ünïcödé: 日本語, العربية, עברית, emoji 🚀👩🏽‍💻",
        "description": "Combining marks (e\u0301), non-breaking\u00a0spaces, RTL text and astral characters 𝔘𝔫𝔦𝔠𝔬𝔡𝔢.",
        "language": "pt-BR",
        "source": {"title": "Fonte: “Programação” — edição 2ª", "author": "José Ñúñez 山田", "date": "1999-12-31"},
        "categories": [
            {"id": "sim", "label": "Sim ✅", "description": "Está certo."},
            {"id": "nao", "label": "Não ❌", "description": "Está errado."},
            {"id": "talvez", "label": "Ταλβέζ", "description": "Talvez — quem sabe? 🤷"},
        ],
        "statements": [
            {"id": "cafe", "text": "Café ☕ é bom.", "tag": "sim", "explanation": "Sempre.", "quote": "«Café é vida.»"},
            {"id": "chuva", "text": "雨が好きです。", "tag": "nao", "explanation": "Não gosto de chuva."},
            {"id": "arabe", "text": "مرحبا بالعالم", "tag": "talvez", "explanation": "שלום עולם."},
        ],
    },
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PAYLOAD = f'{SCRIPT} {IMG} "quotes" & ampersands'
valid(
    "html-payloads.json",
    {
        "$schema": PAYLOAD,
        "format": 1,
        "id": "html-payloads",
        "title": PAYLOAD,
        "description": PAYLOAD,
        "language": "en",
        "source": {
            "title": PAYLOAD,
            "author": PAYLOAD,
            "date": "2024-01-01",
            "url": "https://example.org/?q=<script>alert(1)</script>",
        },
        "categories": [
            # Labels hold at most 24 characters, too few for the payloads above.
            {"id": "a", "label": "<script>alert(1)", "description": PAYLOAD},
            {"id": "b", "label": "<svg onload=alert(1)>", "description": PAYLOAD},
        ],
        "statements": [
            {
                "id": "x",
                "text": PAYLOAD,
                "tag": "a",
                "explanation": PAYLOAD,
                "quote": PAYLOAD,
                "difficulty": 2,
                "kind": "claim",
            },
            {"id": "y", "text": IMG, "tag": "b", "explanation": SCRIPT, "quote": PAYLOAD},
        ],
    },
)

# Every text exactly at its maximum length, counted in code points: several use characters outside
# the Basic Multilingual Plane (two UTF-16 units, four UTF-8 bytes each) or two-byte characters.
valid(
    "max-lengths.json",
    {
        "format": 1,
        "id": "m" * 64,
        "title": "😀" * 120,
        "description": "é" * 500,
        "language": "abc" + "-abcdefgh" * 3 + "-abcd",  # 35 characters
        "prompt": "🤔" * 120,
        "source": {"title": "𝔘" * 200, "author": "ß" * 120, "date": "2024-02-29", "url": "https://" + "u" * 1992},
        "categories": [
            {"id": "c" * 64, "label": "🚀" * 24, "description": "ü" * 200},
            {"id": "d" * 64, "label": "x" * 24, "description": "y" * 200},
        ],
        "statements": [
            {
                "id": "s" * 64,
                "text": "日" * 280,
                "tag": "c" * 64,
                "explanation": "🙂" * 600,
                "quote": "q" * 600,
                "speaker": "🗣" * 80,
                "wrong": {"d" * 64: "w" * 300},
                "difficulty": 3,
            },
        ],
    },
)

# Every text at its minimum; the description is empty, which is allowed.
valid(
    "min-lengths.json",
    {
        "format": 1,
        "id": "m",
        "title": "T",
        "description": "",
        "language": "en",
        "prompt": "?",
        "source": {"title": "S", "author": "A", "date": "0001-01-01", "url": "https://h"},
        "categories": [
            {"id": "a", "label": "A", "description": "a"},
            {"id": "b", "label": "B", "description": "b"},
        ],
        "statements": [{"id": "0", "text": "t", "tag": "a", "explanation": "e", "quote": "q"}],
    },
)

# Only the description may be blank: its minimum is 0 and it has no "not blank" rule.
valid("description-whitespace-only.json", edit(set_("id", "blank-description"), set_("description", " \t\n "), base=MINIMAL))

# Labels that look alike but differ after trimming and lowercasing are distinct.
valid(
    "similar-labels.json",
    edit(
        set_("id", "similar-labels"),
        set_(
            "categories",
            [
                {"id": "backend", "label": "Backend", "description": "One word."},
                {"id": "back-end", "label": "Back end", "description": "Two words."},
                {"id": "back-end-2", "label": "Back-end", "description": "Hyphenated."},
            ],
        ),
        set_("statements", 0, "tag", "back-end"),
        base=MINIMAL,
    ),
)

# JSON escapes of every kind, including a surrogate pair, decode to valid text.
valid(
    "escapes.json",
    text=(
        '{"format":1,"id":"escapes","title":"Tab\\there, quote \\" backslash \\\\ slash \\/ '
        'e-acute \\u00e9 emoji \\ud83d\\ude00","description":"line\\nbreak\\r\\n\\b\\f",'
        '"language":"\\u0065\\u006e","categories":[{"id":"\\u0061","label":"\\u0041","description":"a"},'
        '{"id":"b","label":"B","description":"b"}],"statements":[{"id":"s","text":"\\u2603 snowman",'
        '"tag":"\\u0061","explanation":"e\\u0301"}]}'
    ),
)

# CRLF line endings, tabs, and fields in an unusual order.
_reordered = {
    "statements": [{"explanation": "Because.", "tag": "no", "text": "Fields in any order.", "id": "s1"}],
    "categories": [
        {"description": "It is.", "label": "Yes", "id": "yes"},
        {"description": "It is not.", "label": "No", "id": "no"},
    ],
    "language": "en",
    "description": "Reordered fields, CRLF line endings and tab indentation.",
    "title": "Reordered",
    "id": "reordered-crlf",
    "format": 1,
}
valid("reordered-crlf-tabs.json", text=json.dumps(_reordered, indent="\t", ensure_ascii=False).replace("\n", "\r\n") + "\r\n")

# Whole numbers written as decimals: JSON Schema's `integer` takes 1.0 as the integer 1, and so does
# the parser.
valid("format-1-point-0.json", text=swap('"format": 1,', '"format": 1.0,'))
valid("difficulty-2-point-0.json", text=swap('"difficulty": 1,', '"difficulty": 2.0,'))
valid(
    "whole-numbers-other-spellings.json",
    text=swap('"difficulty": 1,', '"difficulty": 3.000E0,', text=swap('"format": 1,', '"format": 1e0,')),
)

# "Not blank" means "contains a character that is not ECMAScript whitespace" (the schema's \S).
# U+0085 NEXT LINE, U+180E MONGOLIAN VOWEL SEPARATOR (whitespace before Unicode 6.3) and U+200B
# ZERO WIDTH SPACE are not in that set, so texts made only of them are not blank.
valid(
    "not-ecmascript-whitespace.json",
    edit(
        set_("id", "not-whitespace"),
        set_("title", "\u0085"),
        set_("categories", 0, "description", "\u180e"),
        set_("statements", 0, "text", "\u200b"),
        base=MINIMAL,
    ),
)


# ---------------------------------------------------------------------------------------------
# Invalid decks
# ---------------------------------------------------------------------------------------------

INVALID = {}
VERDICTS = {}


def invalid(name, schema, data=None, text=None, raw=None, note=None):
    """An invalid deck file, and what the JSON Schema must say about it (its parser message is
    recorded by the bless run of tests/deck_corpus.rs, not here)."""
    assert name not in INVALID, name
    assert schema in ("rejects", "accepts", "not-json"), schema
    assert (schema == "accepts") == (note is not None), f"{name}: a note is required exactly for 'accepts'"
    INVALID[name] = to_bytes(data, text, raw)
    VERDICTS[name] = {"schema": schema} if note is None else {"schema": schema, "note": note}


SMALL = '{"format": 1, "id": "small", "title": "T", "description": "", "language": "en"}'

# --- Bytes that are not a deck file at all ----------------------------------------------------

invalid("empty.json", "not-json", raw=b"")
invalid("whitespace-only.json", "not-json", raw=b" \n\t\r\n  ")
invalid("bom-only.json", "not-json", raw=BOM.encode("utf-8"))
invalid("double-bom.json", "not-json", text=BOM + BOM + SMALL)
invalid("utf8-invalid-byte-ff.json", "not-json", raw=b'{"format": 1, "title": "bad \xff byte"}')
invalid("utf8-latin1-encoded.json", "not-json", raw='{"format": 1, "title": "Caf\u00e9"}'.encode("latin-1"))
invalid("utf8-overlong-slash.json", "not-json", raw=b'{"format": 1, "title": "\xc0\xaf"}')
invalid("utf8-encoded-surrogate.json", "not-json", raw=b'{"format": 1, "title": "\xed\xa0\x80"}')
invalid("utf8-truncated-at-end.json", "not-json", raw=b'{"format": 1, "title": "\xe2\x82')
invalid("utf16le-with-bom.json", "not-json", raw=BOM.encode("utf-16-le") + SMALL.encode("utf-16-le"))
invalid("bom-then-invalid-byte.json", "not-json", raw=BOM.encode("utf-8") + b"\x80{}")

# --- Broken JSON -------------------------------------------------------------------------------

invalid("json-trailing-comma.json", "not-json", text=SMALL[:-1] + ",}")
invalid("json-trailing-comma-in-array.json", "not-json", text=BASE_TEXT.replace("    }\n  ]\n}", "    },\n  ]\n}"))
invalid("json-unclosed-brace.json", "not-json", text=BASE_TEXT.rstrip()[:-1])
invalid("json-unclosed-string.json", "not-json", text='{"format": 1, "title": "T')
invalid("json-single-quotes.json", "not-json", text=SMALL.replace('"', "'"))
invalid("json-unquoted-keys.json", "not-json", text='{format: 1, id: "small"}')
invalid("json-line-comment.json", "not-json", text="// A deck with a comment\n" + BASE_TEXT)
invalid(
    "json-block-comment.json",
    "not-json",
    text=BASE_TEXT.replace('{\n  "$schema"', '{\n  /* the schema */ "$schema"', 1),
)
invalid("json-nan.json", "not-json", text=BASE_TEXT.replace('"difficulty": 1', '"difficulty": NaN'))
invalid("json-infinity.json", "not-json", text=BASE_TEXT.replace('"difficulty": 1', '"difficulty": Infinity'))
invalid("json-hex-number.json", "not-json", text='{"format": 0x1}')
invalid("json-leading-zero.json", "not-json", text='{"format": 01}')
invalid("json-plus-sign.json", "not-json", text='{"format": +1}')
invalid("json-trailing-garbage.json", "not-json", text=BASE_TEXT + "x\n")
invalid("json-two-documents.json", "not-json", text="{} {}")
invalid("json-raw-newline-in-string.json", "not-json", text='{"format": 1, "title": "line\nbreak"}')
invalid("json-bad-escape.json", "not-json", text='{"format": 1, "title": "\\x41"}')
invalid(
    "json-nesting-200-arrays-in-title.json",
    "rejects",
    text=BASE_COMPACT.replace('"title":"Corpus base deck"', '"title":' + "[" * 200 + '"x"' + "]" * 200),
)
invalid("json-number-out-of-range.json", "rejects", text=BASE_TEXT.replace('"difficulty": 1', '"difficulty": 1e400'))
invalid(
    "json-lone-surrogate-escape.json",
    "accepts",
    text=BASE_TEXT.replace('"title": "Corpus base deck"', '"title": "Corpus \\ud800 deck"'),
    note="JSON.parse keeps an unpaired surrogate escape as a lone UTF-16 unit and the schema sees a"
    " valid string; the parser (Rust strings hold only Unicode scalar values) rejects it.",
)

invalid(
    "json-lone-trailing-surrogate-escape.json",
    "accepts",
    text=BASE_TEXT.replace('"title": "Corpus base deck"', '"title": "Corpus \\udc00 deck"'),
    note="JSON.parse keeps an unpaired surrogate escape as a lone UTF-16 unit and the schema sees a"
    " valid string; the parser (Rust strings hold only Unicode scalar values) rejects it.",
)

# Duplicate keys. JSON leaves them undefined; JSON.parse (and so Ajv) keeps the last value, which
# silently drops what the author wrote first. The parser refuses them as a syntax error. The schema
# validates the parsed value, in which a repeated key cannot be seen, so it accepts these files.
DUPLICATE_KEY_NOTE = (
    "below the schema's data model: JSON.parse keeps the last of two equal keys, so the schema sees"
    " an ordinary valid deck; the parser refuses a repeated key, so that nothing the author wrote is"
    " silently dropped."
)
invalid(
    "duplicate-key-top-level.json",
    "accepts",
    text=swap('  "title": "Corpus base deck",\n', '  "title": "Corpus base deck",\n  "title": "A second title",\n'),
    note=DUPLICATE_KEY_NOTE,
)
invalid(
    "duplicate-key-statement.json",
    "accepts",
    text=swap('      "tag": "backend",\n', '      "tag": "backend",\n      "tag": "frontend",\n'),
    note=DUPLICATE_KEY_NOTE,
)
invalid(
    "duplicate-key-source.json",
    "accepts",
    text=swap('    "date": "2024-03-01",\n', '    "date": "2024-03-01",\n    "date": "2023-10-27",\n'),
    note=DUPLICATE_KEY_NOTE,
)
# The same key with the same value is still a repeated key.
invalid(
    "duplicate-key-same-value-category.json",
    "accepts",
    text=swap('{"id":"backend",', '{"id":"backend","id":"backend",', text=BASE_COMPACT),
    note=DUPLICATE_KEY_NOTE,
)

# --- JSON that is not an object ----------------------------------------------------------------

invalid("top-level-array.json", "rejects", data=[BASE])
invalid("top-level-string.json", "rejects", data="deck")
invalid("top-level-number.json", "rejects", data=1)
invalid("top-level-null.json", "rejects", text="null\n")
invalid("top-level-true.json", "rejects", data=True)
invalid("top-level-empty-object.json", "rejects", data={})

# --- format --------------------------------------------------------------------------------------

invalid("format-missing.json", "rejects", data=edit(del_("format")))
invalid("format-0.json", "rejects", data=edit(set_("format", 0)))
invalid("format-2.json", "rejects", data=edit(set_("format", 2)))
invalid("format-string-1.json", "rejects", data=edit(set_("format", "1")))
invalid("format-null.json", "rejects", data=edit(set_("format", None)))
invalid("format-true.json", "rejects", data=edit(set_("format", True)))
invalid("format-array.json", "rejects", data=edit(set_("format", [1])))
invalid("format-negative.json", "rejects", data=edit(set_("format", -1)))
# 1.0 is the integer 1 (see valid/format-1-point-0.json); other numbers written as decimals are not.
invalid("format-2-point-0.json", "rejects", text=swap('"format": 1,', '"format": 2.0,'))
invalid("format-1-point-5.json", "rejects", text=swap('"format": 1,', '"format": 1.5,'))

# --- Wrong types, one file per field ---------------------------------------------------------------

WRONG_TYPES = [
    (("$schema",), 1),
    (("id",), 7),
    (("title",), ["Corpus base deck"]),
    (("description",), None),
    (("language",), {"code": "en"}),
    (("prompt",), 5),
    (("source",), "Example Team"),
    (("source", "title"), 3),
    (("source", "author"), False),
    (("source", "date"), 20240301),
    (("source", "url"), {"href": "https://example.org"}),
    (("categories",), {"frontend": "Frontend"}),
    (("categories", 0), "frontend"),
    (("categories", 0, "id"), 1),
    (("categories", 1, "label"), ["Backend"]),
    (("categories", 0, "description"), None),
    (("categories", 1, "icon"), 1),
    (("statements",), "none"),
    (("statements", 1), ["database-index"]),
    (("statements", 0, "id"), 1),
    (("statements", 0, "text"), ["I fixed it."]),
    (("statements", 1, "tag"), 0),
    (("statements", 1, "explanation"), {"why": "x"}),
    (("statements", 0, "quote"), True),
    (("statements", 0, "speaker"), 7),
    (("statements", 0, "wrong"), "It is not the browser."),
    (("statements", 0, "wrong", "backend"), 1),
    (("statements", 0, "difficulty"), "2"),
    (("statements", 0, "kind"), 1),
]
for path, value in WRONG_TYPES:
    slug = "-".join(str(p) for p in path).replace("$", "")
    invalid(f"type-{slug}.json", "rejects", data=edit(set_(*path, value)))

# --- Missing required fields, one file per field ---------------------------------------------------

MISSING = [
    ("id",),
    ("title",),
    ("description",),
    ("language",),
    ("categories",),
    ("statements",),
    ("source", "title"),
    ("source", "author"),
    ("source", "date"),
    ("categories", 0, "id"),
    ("categories", 1, "label"),
    ("categories", 0, "description"),
    ("statements", 0, "id"),
    ("statements", 1, "text"),
    ("statements", 0, "tag"),
    ("statements", 1, "explanation"),
]


for path in MISSING:
    slug = "-".join(str(p) for p in path)
    invalid(f"missing-{slug}.json", "rejects", data=edit(del_(*path)))

# --- Unknown fields -------------------------------------------------------------------------------

invalid("unknown-field-top-level.json", "rejects", data=edit(set_("author", "Someone")))
invalid("unknown-field-top-level-case.json", "rejects", data=edit(set_("Title", "Capitalised by mistake")))
invalid("unknown-field-source.json", "rejects", data=edit(set_("source", "publisher", "Example Press")))
invalid("unknown-field-category.json", "rejects", data=edit(set_("categories", 1, "color", "#ff0000")))
invalid("unknown-field-statement.json", "rejects", data=edit(set_("statements", 0, "hint", "Think about the browser.")))
invalid(
    "unknown-field-statement-typo.json",
    "rejects",
    data=edit(set_("statements", 1, "explaination", "Typo."), del_("statements", 1, "explanation")),
)

# --- Rules across fields (the schema cannot express these) -------------------------------------

CROSS = "a rule the schema cannot express: "
invalid(
    "duplicate-statement-id.json",
    "accepts",
    data=edit(set_("statements", 1, "id", "css-layout")),
    note=CROSS + "statement ids are unique.",
)
invalid(
    "duplicate-category-id.json",
    "accepts",
    data=edit(set_("categories", 1, "id", "frontend")),
    note=CROSS + "category ids are unique.",
)
invalid(
    "duplicate-label-case.json",
    "accepts",
    data=edit(set_("categories", 1, "label", "FRONTEND")),
    note=CROSS + "labels are unique, ignoring the case of A-Z.",
)
invalid(
    "duplicate-label-spaces.json",
    "accepts",
    data=edit(set_("categories", 1, "label", " frontend ")),
    note=CROSS + "labels are unique, ignoring the case of A-Z and surrounding spaces.",
)
invalid(
    "unknown-tag.json",
    "accepts",
    data=edit(set_("statements", 1, "tag", "ops")),
    note=CROSS + "every tag is the id of one of this deck's categories.",
)
invalid(
    "unknown-tag-from-other-deck.json",
    "accepts",
    data=edit(set_("statements", 0, "tag", "devops"), set_("statements", 1, "tag", "platform")),
    note=CROSS + "every tag is the id of one of this deck's categories.",
)
# A statement's sentences for wrong answers are keyed by the deck's other categories.
invalid(
    "wrong-unknown-category.json",
    "accepts",
    data=edit(set_("statements", 0, "wrong", {"backend": "The server never lays out the page.", "ops": "Not operations."})),
    note=CROSS + "a wrong answer's sentence is keyed by the id of one of this deck's categories.",
)
invalid(
    "wrong-own-tag.json",
    "accepts",
    data=edit(set_("statements", 1, "wrong", {"backend": "This is the right answer."})),
    note=CROSS + "no sentence for a wrong answer is keyed by the statement's own tag.",
)
invalid("wrong-key-not-an-id.json", "rejects", data=edit(set_("statements", 0, "wrong", {"Back End": "Not the server."})))
# A speaker names who says the quote, so it needs one; the second statement has none.
invalid("speaker-without-quote.json", "rejects", data=edit(set_("statements", 1, "speaker", "the database team")))
invalid("tag-uppercase.json", "rejects", data=edit(set_("statements", 0, "tag", "Frontend")))
invalid("tag-empty.json", "rejects", data=edit(set_("statements", 0, "tag", "")))
# A long unknown tag is echoed cut to 40 characters, then "…". At 64 characters it is a well-formed
# id (only the app can tell it is no category); at 100 it is too long for an id, which the schema sees.
for n, schema, note in [
    (64, "accepts", CROSS + "every tag is the id of one of this deck's categories."),
    (100, "rejects", None),
]:
    tag = "frontend-" + "x" * (n - 9)
    invalid(f"unknown-tag-{n}-characters.json", schema, data=edit(set_("statements", 0, "tag", tag)), note=note)

# --- Empty and blank strings ---------------------------------------------------------------------

# What JSON Schema's \s (ECMAScript's WhiteSpace and LineTerminator) matches.
JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)

EMPTY = [
    ("title-empty", ("title",), ""),
    ("title-spaces", ("title",), "   "),
    ("title-tabs-newlines", ("title",), "\t\n\r"),
    ("title-unicode-spaces", ("title",), "\u00a0\u2003\u3000"),
    # U+FEFF inside a string is not a byte-order mark; ECMAScript (and so the schema's \S) counts it
    # as whitespace, and so does the parser.
    ("title-zero-width-no-break-space", ("title",), "\ufeff"),
    # Every ECMAScript whitespace character, and nothing else.
    ("statement-text-all-ecmascript-whitespace", ("statements", 0, "text"), JS_WHITESPACE),
    ("id-empty", ("id",), ""),
    ("language-empty", ("language",), ""),
    ("prompt-empty", ("prompt",), ""),
    ("prompt-blank", ("prompt",), " \n "),
    ("source-title-empty", ("source", "title"), ""),
    ("source-author-blank", ("source", "author"), " "),
    ("source-date-empty", ("source", "date"), ""),
    ("source-url-empty", ("source", "url"), ""),
    ("source-url-blank", ("source", "url"), "   "),
    ("category-id-blank", ("categories", 0, "id"), "  "),
    ("category-label-empty", ("categories", 0, "label"), ""),
    ("category-description-blank", ("categories", 1, "description"), " \t "),
    ("statement-id-empty", ("statements", 1, "id"), ""),
    ("statement-text-empty", ("statements", 0, "text"), ""),
    ("statement-text-blank", ("statements", 1, "text"), "    "),
    ("statement-explanation-newline", ("statements", 0, "explanation"), "\n"),
    ("statement-quote-empty", ("statements", 0, "quote"), ""),
    ("statement-quote-blank", ("statements", 0, "quote"), "  "),
    ("statement-speaker-empty", ("statements", 0, "speaker"), ""),
    ("statement-speaker-blank", ("statements", 0, "speaker"), " \n"),
    ("statement-wrong-sentence-empty", ("statements", 0, "wrong", "backend"), ""),
    ("statement-wrong-sentence-blank", ("statements", 1, "wrong", "frontend"), "   "),
]
for slug, path, value in EMPTY:
    invalid(f"blank-{slug}.json", "rejects", data=edit(set_(*path, value)))

# U+0085 (NEXT LINE) is not ECMAScript whitespace: see valid/not-ecmascript-whitespace.json.

# --- Too long, one file per limit ----------------------------------------------------------------

TOO_LONG = [
    ("id", ("id",), "i" * 65),
    ("title", ("title",), "T" * 121),
    ("title-multibyte", ("title",), "é" * 121),
    ("title-astral", ("title",), "😀" * 121),
    ("description", ("description",), "d" * 501),
    ("prompt", ("prompt",), "?" * 121),
    ("source-title", ("source", "title"), "s" * 201),
    ("source-author", ("source", "author"), "a" * 121),
    ("source-url", ("source", "url"), "https://" + "u" * 1993),
    ("category-id", ("categories", 1, "id"), "c" * 65),
    ("category-label", ("categories", 0, "label"), "L" * 25),
    ("category-description", ("categories", 1, "description"), "D" * 201),
    ("statement-id", ("statements", 0, "id"), "s" * 65),
    ("statement-text", ("statements", 0, "text"), "x" * 281),
    ("statement-explanation", ("statements", 1, "explanation"), "e" * 601),
    ("statement-quote", ("statements", 0, "quote"), "q" * 601),
    ("statement-speaker", ("statements", 0, "speaker"), "p" * 81),
    ("statement-wrong-sentence", ("statements", 0, "wrong", "backend"), "w" * 301),
]
for slug, path, value in TOO_LONG:
    invalid(f"too-long-{slug}.json", "rejects", data=edit(set_(*path, value)))
invalid("too-long-language.json", "rejects", data=edit(set_("language", "abc" + "-abcdefgh" * 3 + "-abcde")))
invalid("too-long-title-blank.json", "rejects", data=edit(set_("title", " " * 121)))
invalid("too-short-language.json", "rejects", data=edit(set_("language", "e")))

# --- Ids, language tags, dates, URLs ---------------------------------------------------------------

BAD_IDS = [
    ("id-space", ("id",), "corpus base"),
    ("id-uppercase", ("id",), "Corpus-Base"),
    ("id-leading-dash", ("id",), "-corpus"),
    ("id-underscore", ("id",), "corpus_base"),
    ("id-non-ascii", ("id",), "café"),
    ("id-trailing-newline", ("id",), "corpus\n"),
    ("category-id-space", ("categories", 0, "id"), "front end"),
    ("statement-id-dot", ("statements", 1, "id"), "database.index"),
    ("statement-id-slash", ("statements", 0, "id"), "css/layout"),
]
for slug, path, value in BAD_IDS:
    invalid(f"bad-{slug}.json", "rejects", data=edit(set_(*path, value)))

for slug, value in [
    ("english", "english!"),
    ("underscore", "en_US"),
    ("trailing-dash", "en-"),
    ("digit-first", "1en"),
    ("one-letter", "e-US"),
    ("long-subtag", "en-abcdefghi"),
    ("space", "en US"),
]:
    invalid(f"bad-language-{slug}.json", "rejects", data=edit(set_("language", value)))

for slug, value in [
    ("slashes", "27/10/2023"),
    ("month-13", "2023-13-01"),
    ("month-00", "2023-00-10"),
    ("day-32", "2023-10-32"),
    ("day-00", "2023-10-00"),
    ("short", "2023-1-5"),
    ("with-time", "2023-10-27T00:00:00Z"),
    ("words", "October 27th"),
]:
    invalid(f"bad-date-{slug}.json", "rejects", data=edit(set_("source", "date", value)))
# A date has no length limit of its own: anything that is not YYYY-MM-DD is "not a date". The
# message echoes at most 40 characters of the value, then "…".
for n in (40, 41, 65, 5000):
    value = "2023-10-27" + "x" * (n - 10)
    invalid(f"bad-date-{n}-characters.json", "rejects", data=edit(set_("source", "date", value)))

for slug, value in [
    ("javascript", "javascript:alert(1)"),
    ("data", "data:text/html,<script>alert(1)</script>"),
    ("ftp", "ftp://example.org/file"),
    ("uppercase-scheme", "HTTPS://example.org"),
    ("protocol-relative", "//example.org/page"),
    ("leading-space", " https://example.org"),
    ("no-host", "https://"),
    ("no-host-http", "http://"),
    ("no-host-with-path", "https:///how-we-work"),
    ("space-inside", "https://example.org/how we work"),
    ("trailing-newline", "https://example.org/\n"),
]:
    invalid(f"bad-url-{slug}.json", "rejects", data=edit(set_("source", "url", value)))

# A category's icon is one of the names the app draws, written exactly.
for slug, value in [
    ("unknown", "rocket"),
    ("capitalised", "Loop"),
    ("padded", " loop"),
    ("empty", ""),
]:
    invalid(f"bad-icon-{slug}.json", "rejects", data=edit(set_("categories", 0, "icon", value)))

# --- difficulty and kind ---------------------------------------------------------------------------

for slug, literal in [
    ("0", "0"),
    ("4", "4"),
    ("1.5", "1.5"),
    ("4-point-0", "4.0"),
    ("0-point-0", "0.0"),
    ("string-2", '"2"'),
    ("negative", "-1"),
    ("null", "null"),
    ("true", "true"),
    ("array", "[2]"),
    ("huge", "18446744073709551617"),
]:
    invalid(
        f"bad-difficulty-{slug}.json",
        "rejects",
        text=BASE_TEXT.replace('"difficulty": 1', f'"difficulty": {literal}'),
    )
# 2.0 is the integer 2: see valid/difficulty-2-point-0.json.

for slug, value in [("fact", "fact"), ("capitalised", "Claim"), ("empty", ""), ("null", None), ("array", ["claim"])]:
    invalid(f"bad-kind-{slug}.json", "rejects", data=edit(set_("statements", 0, "kind", value)))

# --- Array sizes -----------------------------------------------------------------------------------

invalid(
    "categories-1.json",
    "rejects",
    data=edit(set_("categories", [BASE["categories"][0]]), set_("statements", 1, "tag", "frontend")),
)
invalid(
    "categories-7.json",
    "rejects",
    data=edit(set_("categories", BASE["categories"] + [category(i) for i in range(3, 8)])),
)
invalid("categories-0.json", "rejects", data=edit(set_("categories", [])))
invalid("statements-0.json", "rejects", data=edit(set_("statements", [])))

# --- Nesting inside a field ------------------------------------------------------------------------

invalid(
    "nested-arrays-100-in-title.json",
    "rejects",
    text=BASE_COMPACT.replace('"title":"Corpus base deck"', '"title":' + "[" * 100 + '"x"' + "]" * 100),
)
invalid(
    "nested-objects-200-in-statement.json",
    "rejects",
    text=BASE_COMPACT.replace('"kind":"scenario"', '"kind":' + '{"a":' * 200 + "1" + "}" * 200),
)

# --- Several problems at once --------------------------------------------------------------------

invalid(
    "several-problems.json",
    "rejects",
    data=edit(
        set_("title", 3),
        set_("language", "english"),
        del_("source", "date"),
        set_("statements", 0, "tag", "ops"),
        set_("statements", 0, "difficulty", 5),
        set_("statements", 1, "text", ""),
    ),
)
invalid(
    "many-problems-summarised.json",
    "accepts",
    data=edit(
        set_(
            "statements",
            [{"id": f"s{i}", "text": "t", "tag": "nope", "explanation": "e"} for i in range(25)],
        )
    ),
    note=CROSS + "every tag is the id of one of this deck's categories.",
)
# When the categories are unusable the statements are still checked, all but their tags: a tag is
# then only checked to be a string. Below, statements[1].tag "nope" is not reported (it will be
# once the categories are fixed), but statements[0].tag, a number, is.
invalid(
    "bad-category-and-bad-statements.json",
    "rejects",
    data=edit(
        set_("categories", 1, "label", ""),
        set_("statements", 0, "tag", 0),
        set_("statements", 0, "difficulty", 9),
        set_("statements", 1, "text", " "),
        set_("statements", 1, "tag", "nope"),
    ),
)
invalid(
    "categories-not-array-and-bad-statement.json",
    "rejects",
    data=edit(set_("categories", {"frontend": "Frontend"}), del_("statements", 1, "explanation")),
)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def write_dir(name, files):
    directory = os.path.join(ROOT, name)
    os.makedirs(directory, exist_ok=True)
    for stale in sorted(set(os.listdir(directory)) - set(files)):
        os.remove(os.path.join(directory, stale))
    for file_name, data in sorted(files.items()):
        assert len(data) <= 16 * 1024, f"{name}/{file_name} is {len(data)} bytes; keep corpus files small"
        with open(os.path.join(directory, file_name), "wb") as f:
            f.write(data)


def main():
    write_dir("valid", VALID)
    write_dir("invalid", INVALID)
    with open(os.path.join(ROOT, "schema-verdicts.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(dict(sorted(VERDICTS.items())), f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(VALID)} valid and {len(INVALID)} invalid decks to {os.path.relpath(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
