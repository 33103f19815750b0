//! The deck parser against the corpus in `tests/decks/` (written by `scripts/gen-deck-corpus.py`),
//! against large inputs generated here, and against mutations of the built-in deck.
//!
//! - every file in `valid/` parses, and re-serialises to the same JSON (a whole number written as
//!   a decimal, `1.0`, counting as the integer it is, as in JSON Schema);
//! - the built-in deck has the properties the product relies on;
//! - every file in `invalid/` fails with exactly the message recorded in `expected.json`, and
//!   `schema-verdicts.json` (what the JSON Schema must say of each, checked by
//!   `tests/schema.test.mjs`) covers exactly the files in `invalid/`;
//! - size and count limits hold at their boundaries, deep nesting is an error, not a crash;
//! - 20,000 mutated copies of the built-in deck never make the parser panic, and whatever it accepts
//!   re-serialises to the JSON it was given.
//!
//! `expected.json` is written by this test, never by hand: after adding a case to the generator or
//! changing a message in the parser, run
//!
//! ```text
//! python3 scripts/gen-deck-corpus.py                   # the deck files and schema verdicts
//! DECK_CORPUS_BLESS=1 cargo test --test deck_corpus    # the parser's messages
//! git diff tests/decks                                 # review every changed message
//! ```
//!
//! The bless run records the parser's actual message for every invalid file, sorted by file name,
//! one line each, so the diff shows exactly which messages changed. Without `DECK_CORPUS_BLESS`
//! the messages are compared, and a difference fails the test with the file, both messages and
//! these instructions.

use rolecall::core::deck::{CategoryIcon, Deck, DeckError, Kind, BUILTIN_JSON, MAX_DECK_BYTES, MAX_STATEMENTS};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::panic;
use std::path::{Path, PathBuf};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    repo().join("tests").join("decks")
}

/// The files of one corpus directory, by name, in name order.
fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    entries
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 file name")
                .to_string();
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, bytes)
        })
        .collect()
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

// ---------------------------------------------------------------------------------------------
// Re-serialising a deck, and what "sensible" means for an accepted input
// ---------------------------------------------------------------------------------------------

/// The deck as deck-format JSON, with every default written out.
fn to_json(deck: &Deck) -> Value {
    let mut top = Map::new();
    top.insert("format".into(), json!(1));
    top.insert("id".into(), json!(deck.id.as_str()));
    top.insert("title".into(), json!(deck.title));
    top.insert("description".into(), json!(deck.description));
    top.insert("language".into(), json!(deck.language));
    if let Some(p) = &deck.prompt {
        top.insert("prompt".into(), json!(p));
    }
    if let Some(s) = &deck.source {
        let mut source = Map::new();
        source.insert("title".into(), json!(s.title));
        source.insert("author".into(), json!(s.author));
        source.insert("date".into(), json!(s.date));
        if let Some(url) = &s.url {
            source.insert("url".into(), json!(url));
        }
        top.insert("source".into(), Value::Object(source));
    }
    let categories: Vec<Value> = deck
        .categories
        .iter()
        .map(|c| {
            let mut m = json!({"id": c.id, "label": c.label, "description": c.description});
            if let Some(icon) = c.icon {
                m["icon"] = json!(icon.name());
            }
            m
        })
        .collect();
    top.insert("categories".into(), Value::Array(categories));
    let statements: Vec<Value> = deck
        .statements
        .iter()
        .map(|s| {
            let mut m = Map::new();
            m.insert("id".into(), json!(s.id.as_str()));
            m.insert("text".into(), json!(s.text));
            let tag = deck.category(s.tag).map(|c| c.id.clone()).unwrap_or_default();
            m.insert("tag".into(), json!(tag));
            m.insert("explanation".into(), json!(s.explanation));
            if let Some(q) = &s.quote {
                m.insert("quote".into(), json!(q));
            }
            if let Some(who) = &s.speaker {
                m.insert("speaker".into(), json!(who));
            }
            if !s.wrong.is_empty() {
                let wrong: Map<String, Value> = s
                    .wrong
                    .iter()
                    .map(|(t, text)| (deck.category(*t).map(|c| c.id.clone()).unwrap_or_default(), json!(text)))
                    .collect();
                m.insert("wrong".into(), Value::Object(wrong));
            }
            m.insert("difficulty".into(), json!(s.difficulty));
            match s.kind {
                Some(Kind::Claim) => _ = m.insert("kind".into(), json!("claim")),
                Some(Kind::Scenario) => _ = m.insert("kind".into(), json!("scenario")),
                None => {}
            }
            Value::Object(m)
        })
        .collect();
    top.insert("statements".into(), Value::Array(statements));
    Value::Object(top)
}

/// A whole number written as a decimal (`1.0`, `3e0`) as the integer it is, as JSON Schema's
/// `integer` and the parser read it. Anything else is left alone, so a parser that rounded `1.5`
/// would still show up as a difference.
fn whole_as_integer(v: &mut Value) {
    if let Some(f) = v
        .as_f64()
        .filter(|f| v.is_f64() && f.fract() == 0.0 && (0.0..1e15).contains(f))
    {
        *v = json!(f as u64);
    }
}

/// The input as the parser should have understood it: `$schema` dropped, defaults written out,
/// `format` and `difficulty` written as integers.
fn normalised(input: &Value) -> Value {
    let mut v = input.clone();
    if let Some(top) = v.as_object_mut() {
        top.remove("$schema");
        if let Some(format) = top.get_mut("format") {
            whole_as_integer(format);
        }
        if let Some(Value::Array(statements)) = top.get_mut("statements") {
            for s in statements.iter_mut().filter_map(Value::as_object_mut) {
                whole_as_integer(s.entry("difficulty").or_insert(json!(2)));
            }
        }
    }
    v
}

/// Whitespace as ECMAScript's `\s` sees it, and so JSON Schema's `"pattern": "\\S"` in
/// `deck.schema.json`: WhiteSpace (tab, VT, FF, space, U+00A0, U+FEFF, category Zs) and
/// LineTerminator (LF, CR, U+2028, U+2029). Not U+0085, which Rust's `char::is_whitespace` includes.
fn is_js_space(c: char) -> bool {
    const SINGLES: &str = "\t\n\u{b}\u{c}\r \u{a0}\u{1680}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}";
    SINGLES.contains(c) || ('\u{2000}'..='\u{200a}').contains(&c)
}

/// A text the schema's `\S` pattern would refuse: empty, or only ECMAScript whitespace.
fn is_blank(s: &str) -> bool {
    s.chars().all(is_js_space)
}

#[test]
fn blank_means_only_ecmascript_whitespace() {
    for blank in [
        "",
        " ",
        "\t\n\r",
        "\u{b}\u{c}",
        "\u{a0}\u{2003}\u{3000}",
        "\u{feff}",
        "\u{2028}\u{2029}",
    ] {
        assert!(is_blank(blank), "{blank:?} is blank");
    }
    for not_blank in ["x", "\u{85}", "\u{180e}", "\u{200b}", "\u{2060}", " .", "\u{0}"] {
        assert!(!is_blank(not_blank), "{not_blank:?} is not blank");
    }
    // Cross-check against Rust's Unicode tables: ECMAScript's set is Unicode's White_Space
    // property without U+0085 (NEXT LINE), plus U+FEFF (ZERO WIDTH NO-BREAK SPACE).
    for c in (0..=0x10_ffff).filter_map(char::from_u32) {
        let want = (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}';
        assert_eq!(is_js_space(c), want, "{c:?}");
    }
}

/// Checks that an accepted input means what the deck says: the deck keeps its invariants,
/// re-serialises to exactly the input JSON (nothing dropped or altered), and parses again to itself.
fn check_accepted(input: &[u8], deck: &Deck) -> Result<(), String> {
    let value: Value = serde_json::from_slice(strip_bom(input))
        .map_err(|e| format!("the parser accepted input that serde_json rejects: {e}"))?;
    let out = to_json(deck);
    if out != normalised(&value) {
        return Err(format!(
            "re-serialised deck differs from the input:\n{out}\nvs\n{value}"
        ));
    }
    let again = Deck::parse(out.to_string().as_bytes()).map_err(|e| format!("re-serialised deck is rejected: {e}"))?;
    if &again != deck {
        return Err("re-serialised deck parses to a different deck".into());
    }
    check_invariants(deck)
}

fn check_invariants(deck: &Deck) -> Result<(), String> {
    let n = deck.categories.len();
    if !(2..=6).contains(&n) {
        return Err(format!("{n} categories"));
    }
    if deck.statements.is_empty() || deck.statements.len() > MAX_STATEMENTS {
        return Err(format!("{} statements", deck.statements.len()));
    }
    let ids: HashSet<&str> = deck.categories.iter().map(|c| c.id.as_str()).collect();
    let labels: HashSet<String> = deck.categories.iter().map(|c| c.label.trim().to_lowercase()).collect();
    if ids.len() != n || labels.len() != n {
        return Err("duplicate category id or label".into());
    }
    let mut taken = HashSet::new();
    for c in &deck.categories {
        let first = c.label.chars().next().map(|ch| ch.to_ascii_lowercase());
        let want = first.filter(|ch| ch.is_ascii_alphabetic() && taken.insert(*ch));
        if c.letter != want {
            return Err(format!(
                "category {:?} has letter {:?}, expected {want:?}",
                c.id, c.letter
            ));
        }
    }
    if is_blank(&deck.title) || is_blank(deck.id.as_str()) {
        return Err("blank title or id".into());
    }
    if deck
        .categories
        .iter()
        .any(|c| is_blank(&c.label) || is_blank(&c.description))
    {
        return Err("blank category label or description".into());
    }
    if deck
        .source
        .as_ref()
        .is_some_and(|s| is_blank(&s.title) || is_blank(&s.author))
    {
        return Err("blank source title or author".into());
    }
    let mut statement_ids = HashSet::new();
    for s in &deck.statements {
        if !statement_ids.insert(s.id.as_str()) {
            return Err(format!("duplicate statement id {:?}", s.id.as_str()));
        }
        if s.tag.index() >= n {
            return Err(format!(
                "statement {:?} has tag {:?} out of range",
                s.id.as_str(),
                s.tag
            ));
        }
        if !(1..=3).contains(&s.difficulty) {
            return Err(format!("statement {:?} has difficulty {}", s.id.as_str(), s.difficulty));
        }
        let too_long = |t: &str, max: usize| t.chars().count() > max;
        if is_blank(&s.text) || is_blank(&s.explanation) || too_long(&s.text, 280) || too_long(&s.explanation, 600) {
            return Err(format!("statement {:?} has a blank or too long text", s.id.as_str()));
        }
        if s.quote.as_deref().is_some_and(|q| is_blank(q) || too_long(q, 600)) {
            return Err(format!("statement {:?} has a blank or too long quote", s.id.as_str()));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// valid/
// ---------------------------------------------------------------------------------------------

fn parse_valid(name: &str) -> Deck {
    let bytes = fs::read(corpus().join("valid").join(name)).expect("valid deck file");
    Deck::parse(&bytes).unwrap_or_else(|e| panic!("valid/{name}: {e}"))
}

#[test]
fn valid_decks_parse_and_round_trip() {
    let files = files_in(&corpus().join("valid"));
    assert!(files.len() >= 6, "valid/ holds only {} decks", files.len());
    for (name, bytes) in &files {
        let deck = Deck::parse(bytes).unwrap_or_else(|e| panic!("valid/{name} is rejected:\n{e}"));
        check_accepted(bytes, &deck).unwrap_or_else(|e| panic!("valid/{name}: {e}"));
    }
}

#[test]
fn valid_decks_mean_what_they_say() {
    assert_eq!(parse_valid("minimal-2-categories.json").categories.len(), 2);
    assert_eq!(parse_valid("four-categories.json").categories.len(), 4);

    let six = parse_valid("six-categories.json");
    let letters: Vec<Option<char>> = six.categories.iter().map(|c| c.letter).collect();
    assert_eq!(letters, [Some('r'), None, Some('g'), Some('b'), None, None]);

    // The BOM changes nothing: the file without it is the same deck.
    let with_bom = fs::read(corpus().join("valid/bom.json")).unwrap();
    assert!(
        with_bom.starts_with(BOM),
        "valid/bom.json must start with a byte-order mark"
    );
    assert_eq!(Deck::parse(&with_bom), Deck::parse(&with_bom[BOM.len()..]));
    assert_eq!(parse_valid("bom.json").id.as_str(), "with-bom");

    // Markup is kept verbatim: it is text, and the app renders it as text.
    let html = parse_valid("html-payloads.json");
    for text in [
        &html.title,
        &html.description,
        &html.statements[0].text,
        &html.statements[0].explanation,
    ] {
        assert!(text.contains("<script>alert(1)</script>") && text.contains("<img src=x onerror=alert(1)>"));
    }
    assert_eq!(html.categories[0].label, "<script>alert(1)");

    // Limits count characters, not bytes or UTF-16 units.
    let max = parse_valid("max-lengths.json");
    assert_eq!(max.title.chars().count(), 120);
    assert_eq!(max.title.len(), 480);
    assert_eq!(max.statements[0].explanation.chars().count(), 600);

    let escapes = parse_valid("escapes.json");
    assert!(escapes.title.ends_with("e-acute \u{e9} emoji \u{1f600}"));
    assert_eq!(escapes.language, "en");

    let every = parse_valid("every-optional-field.json");
    let kinds: Vec<Option<Kind>> = every.statements.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [Some(Kind::Claim), Some(Kind::Scenario), Some(Kind::Scenario)]);
    assert_eq!(
        every.statements.iter().map(|s| s.difficulty).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(every.source.as_ref().and_then(|s| s.url.as_ref()).is_some());
    assert_eq!(every.prompt(), "Who does this?");
    let icons: Vec<Option<CategoryIcon>> = every.categories.iter().map(|c| c.icon).collect();
    assert_eq!(icons, [Some(CategoryIcon::Hexagon), Some(CategoryIcon::Code), None]);

    // Whole numbers written as decimals are the integers they spell, as in JSON Schema.
    let base = parse_valid("base.json");
    assert_eq!(parse_valid("format-1-point-0.json"), base);
    let difficulty = parse_valid("difficulty-2-point-0.json");
    assert_eq!(difficulty.statements[0].difficulty, 2);
    let spellings = parse_valid("whole-numbers-other-spellings.json");
    assert_eq!(spellings.statements[0].difficulty, 3);

    // Characters that are not ECMAScript whitespace are not blank, even when invisible.
    let not_blank = parse_valid("not-ecmascript-whitespace.json");
    assert_eq!(not_blank.title, "\u{85}");
    assert_eq!(not_blank.categories[0].description, "\u{180e}");
    assert_eq!(not_blank.statements[0].text, "\u{200b}");
}

/// The complete example in docs/deck-format.md (its first ```json block) is a valid deck.
#[test]
fn the_schema_lists_exactly_the_icons_the_app_draws() {
    let text = fs::read_to_string(repo().join("static/deck.schema.json")).expect("static/deck.schema.json");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let listed = &schema["$defs"]["category"]["properties"]["icon"]["enum"];
    let drawn: Vec<&str> = CategoryIcon::ALL.iter().map(|i| i.name()).collect();
    assert_eq!(listed, &json!(drawn));
    let doc = fs::read_to_string(repo().join("docs/deck-format.md")).expect("docs/deck-format.md");
    for name in drawn {
        assert!(
            doc.contains(&format!("`{name}`")),
            "docs/deck-format.md names the icon `{name}`"
        );
    }
}

#[test]
fn documented_example_parses() {
    let doc = fs::read_to_string(repo().join("docs/deck-format.md")).expect("docs/deck-format.md");
    let start = doc.find("```json\n").expect("a ```json block in docs/deck-format.md") + "```json\n".len();
    let len = doc[start..].find("\n```").expect("the end of the ```json block");
    let example = &doc[start..start + len];
    let deck = Deck::parse(example.as_bytes()).unwrap_or_else(|e| panic!("the documented example is rejected:\n{e}"));
    check_accepted(example.as_bytes(), &deck).unwrap();
    assert_eq!(deck.statements[1].difficulty, 2, "the documented default difficulty");
}

// ---------------------------------------------------------------------------------------------
// The built-in deck
// ---------------------------------------------------------------------------------------------

/// Counts sentences: runs of text ended by `.`, `!` or `?` (optionally followed by closing quotes
/// or brackets) that are followed by whitespace or the end of the text.
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j], '"' | '\'' | '\u{201d}' | '\u{2019}' | ')') {
                j += 1;
            }
            if j == chars.len() || chars[j].is_whitespace() {
                count += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    count
}

#[test]
fn sentence_counter_counts_sentences() {
    assert_eq!(sentences("One."), 1);
    assert_eq!(sentences("One. Two! Three?"), 3);
    assert_eq!(sentences("It says \u{201c}bridge the gap.\u{201d} Then more."), 2);
    assert_eq!(sentences("Version 1.5 is out."), 1);
    assert_eq!(sentences("No terminator"), 0);
}

#[test]
fn builtin_deck_meets_product_requirements() {
    let deck = Deck::builtin().unwrap_or_else(|e| panic!("the built-in deck is rejected:\n{e}"));
    check_accepted(BUILTIN_JSON.as_bytes(), &deck).unwrap();
    let on_disk = fs::read(repo().join("decks/devops-vs-platform.json")).unwrap();
    assert_eq!(
        on_disk,
        BUILTIN_JSON.as_bytes(),
        "the compiled-in deck is decks/devops-vs-platform.json"
    );

    let raw: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    let raw_statements = raw["statements"].as_array().unwrap();
    let article = fs::read_to_string(repo().join("content/source/article.txt")).expect("content/source/article.txt");

    assert!(deck.statements.len() >= 45, "only {} statements", deck.statements.len());
    assert!(
        deck.description.contains("fictional"),
        "the description says the source is a fictional dialogue: {:?}",
        deck.description
    );
    let ids: Vec<&str> = deck.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["devops", "platform", "both"]);
    for tag in deck.tags() {
        let id = &deck.category(tag).unwrap().id;
        let n = deck.statements.iter().filter(|s| s.tag == tag).count();
        assert!(n >= 13, "only {n} statements are tagged {id}");
    }
    let unique: HashSet<&str> = deck.statements.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(unique.len(), deck.statements.len(), "statement ids are not unique");

    let mut failures = Vec::new();
    for (s, raw) in deck.statements.iter().zip(raw_statements) {
        let id = s.id.as_str();
        match &s.quote {
            None => failures.push(format!("{id}: no quote")),
            Some(q) if !article.contains(q.as_str()) => {
                failures.push(format!("{id}: quote is not an exact substring of the article: {q:?}"))
            }
            Some(_) => {}
        }
        if raw.get("difficulty").is_none() {
            failures.push(format!("{id}: no difficulty (the default 2 is not good enough here)"));
        }
        let n = sentences(&s.explanation);
        if !(1..=3).contains(&n) {
            failures.push(format!("{id}: explanation has {n} sentences: {:?}", s.explanation));
        }
        let len = s.text.chars().count();
        if len > 200 {
            failures.push(format!("{id}: text is {len} characters long"));
        }
        // Who says the quote decides it as much as the words: "I focus on…" alone proves nothing.
        match s.speaker.as_deref() {
            Some("the DevOps Engineer" | "the Platform Engineer" | "both, in the summary") => {}
            other => failures.push(format!("{id}: speaker {other:?}")),
        }
        // Every wrong answer gets its own sentence, and each is one sentence.
        let wrong: Vec<_> = s.wrong.iter().map(|(t, _)| *t).collect();
        let others: Vec<_> = deck.tags().filter(|t| *t != s.tag).collect();
        if wrong != others {
            failures.push(format!("{id}: sentences for wrong answers {wrong:?}, want {others:?}"));
        }
        for (t, sentence) in &s.wrong {
            if sentences(sentence) != 1 {
                failures.push(format!(
                    "{id}: the sentence for {t:?} is not one sentence: {sentence:?}"
                ));
            }
        }
        // A claim about "this role" starts by saying so; "Its focus…" has nothing to refer to.
        let first = s.text.split_whitespace().next().unwrap_or("");
        if first == "It" || first == "Its" {
            failures.push(format!("{id}: text opens with {first:?}"));
        }
        let lower = s.text.to_lowercase();
        for c in &deck.categories {
            let label = c.label.to_lowercase();
            if lower.split(|ch: char| !ch.is_alphanumeric()).any(|w| w == label) {
                failures.push(format!("{id}: text names the category {:?}", c.label));
            }
        }
    }
    assert!(failures.is_empty(), "the built-in deck:\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// invalid/, expected.json and schema-verdicts.json
// ---------------------------------------------------------------------------------------------

/// Set to record the parser's messages in `expected.json` instead of comparing them.
const BLESS: &str = "DECK_CORPUS_BLESS";

/// The parser's message for every file in `invalid/`, by name. A file the parser accepts or
/// panics on is a failure no blessing can fix.
fn actual_messages() -> BTreeMap<String, String> {
    let files = files_in(&corpus().join("invalid"));
    assert!(files.len() >= 45, "invalid/ holds only {} decks", files.len());
    let mut messages = BTreeMap::new();
    let mut failures = Vec::new();
    for (name, bytes) in files {
        match panic::catch_unwind(|| Deck::parse(&bytes)) {
            Err(_) => failures.push(format!("{name}: the parser panicked")),
            Ok(Ok(_)) => failures.push(format!("{name}: accepted, but it is in invalid/")),
            Ok(Err(e)) => _ = messages.insert(name, e.to_string()),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    messages
}

/// `expected.json` as a bless run writes it: an object from file name to message, sorted by name,
/// one entry a line, two-space indent, a final newline.
fn messages_text(messages: &BTreeMap<String, String>) -> String {
    serde_json::to_string_pretty(messages).expect("strings serialise") + "\n"
}

fn read_corpus_json<T: serde::de::DeserializeOwned>(name: &str) -> (String, T) {
    let path = corpus().join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("tests/decks/{name}: {e}"));
    (text, value)
}

#[test]
fn invalid_decks_fail_with_expected_messages() {
    let actual = actual_messages();
    if std::env::var_os(BLESS).is_some() {
        fs::write(corpus().join("expected.json"), messages_text(&actual)).expect("write expected.json");
        eprintln!(
            "deck_corpus: wrote the parser's messages for {} invalid decks to tests/decks/expected.json; \
             review the diff before committing it",
            actual.len()
        );
        return;
    }
    let (text, expected): (String, BTreeMap<String, String>) = read_corpus_json("expected.json");
    let names: BTreeSet<&String> = expected.keys().chain(actual.keys()).collect();
    let mut failures = Vec::new();
    for name in names {
        match (expected.get(name), actual.get(name)) {
            (Some(want), Some(got)) if want == got => {}
            (Some(want), Some(got)) => {
                failures.push(format!("{name}: wrong message.\n  got:  {got:?}\n  want: {want:?}"))
            }
            (None, Some(got)) => failures.push(format!("{name}: no message in expected.json; the parser says {got:?}")),
            (Some(_), None) => failures.push(format!(
                "{name}: in expected.json, but there is no such file in invalid/"
            )),
            (None, None) => {}
        }
    }
    let rerun = format!(
        "If the parser's messages are meant to change, run\n    {BLESS}=1 cargo test --test deck_corpus\n\
         to record them in tests/decks/expected.json, and review its diff."
    );
    assert!(
        failures.is_empty(),
        "{} of {} invalid decks differ from tests/decks/expected.json:\n{}\n\n{rerun}",
        failures.len(),
        actual.len(),
        failures.join("\n")
    );
    assert!(
        text == messages_text(&expected),
        "tests/decks/expected.json is not laid out as a bless run writes it (sorted, one entry a \
         line), so the next bless would reformat it.\n\n{rerun}"
    );
}

/// What `scripts/gen-deck-corpus.py` records about the JSON Schema: one verdict per invalid file,
/// each consistent with what the parser says of that file.
#[test]
fn schema_verdicts_match_the_invalid_files() {
    let actual = actual_messages();
    let (_, verdicts): (String, BTreeMap<String, Value>) = read_corpus_json("schema-verdicts.json");
    let files: BTreeSet<&String> = actual.keys().collect();
    let entries: BTreeSet<&String> = verdicts.keys().collect();
    let missing: Vec<_> = files.difference(&entries).collect();
    let stale: Vec<_> = entries.difference(&files).collect();
    assert!(
        missing.is_empty(),
        "invalid files without an entry in schema-verdicts.json (run scripts/gen-deck-corpus.py): {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "entries in schema-verdicts.json without a file in invalid/: {stale:?}"
    );

    for (name, entry) in &verdicts {
        let message = &actual[name];
        let schema = entry["schema"].as_str().unwrap_or_default();
        let keys: BTreeSet<&str> = entry.as_object().unwrap().keys().map(String::as_str).collect();
        let not_json = [
            "the deck file is empty",
            "the deck file is not UTF-8",
            "the deck file is not valid JSON",
        ]
        .iter()
        .any(|p| message.starts_with(p));
        match schema {
            // A file the parser cannot read as JSON text may still be "rejects" or "accepts": what
            // JSON.parse makes of it is then judged by the schema (a note says why they differ).
            "not-json" => assert!(not_json, "{name}: \"not-json\" but the message is {message:?}"),
            "rejects" => assert_eq!(keys, BTreeSet::from(["schema"]), "{name}"),
            "accepts" => assert!(
                entry["note"].as_str().is_some_and(|n| !n.is_empty()),
                "{name}: \"accepts\" needs a note saying why the schema cannot reject it"
            ),
            other => panic!("{name}: schema must be \"rejects\", \"accepts\" or \"not-json\", not {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Large inputs, generated here rather than committed
// ---------------------------------------------------------------------------------------------

/// A valid deck with `n` statements, compact: about 60 bytes per statement.
fn deck_with_statements(n: usize) -> String {
    let mut s = String::with_capacity(200 + n * 64);
    s.push_str(r#"{"format":1,"id":"big","title":"Big","description":"","language":"en","categories":["#);
    s.push_str(r#"{"id":"a","label":"A","description":"a"},{"id":"b","label":"B","description":"b"}],"statements":["#);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        let tag = if i % 2 == 0 { "a" } else { "b" };
        s.push_str(&format!(
            r#"{{"id":"s{i}","text":"t","tag":"{tag}","explanation":"e"}}"#
        ));
    }
    s.push_str("]}");
    s
}

#[test]
fn files_over_8_mib_are_rejected_before_parsing() {
    let ten_mib = vec![b'{'; 10 * 1024 * 1024];
    assert_eq!(
        Deck::parse(&ten_mib).unwrap_err().to_string(),
        "the deck file is 10485760 bytes; the largest deck accepted is 8388608 bytes (8 MiB)"
    );

    // A valid deck padded with spaces to exactly the limit is accepted; one byte more is not.
    let mut at_limit = deck_with_statements(3).into_bytes();
    at_limit.resize(MAX_DECK_BYTES, b' ');
    assert_eq!(at_limit.len(), 8_388_608);
    assert!(Deck::parse(&at_limit).is_ok());
    at_limit.push(b' ');
    assert_eq!(
        Deck::parse(&at_limit).unwrap_err(),
        DeckError::TooLarge { bytes: 8_388_609 }
    );
}

#[test]
fn statement_count_limit() {
    let exact = deck_with_statements(MAX_STATEMENTS);
    let deck = Deck::parse(exact.as_bytes()).unwrap_or_else(|e| panic!("10,000 statements are allowed: {e}"));
    assert_eq!(deck.statements.len(), 10_000);

    let one_more = deck_with_statements(MAX_STATEMENTS + 1);
    assert_eq!(
        Deck::parse(one_more.as_bytes()).unwrap_err().to_string(),
        "the deck has 1 problem\n- statements: has 10001 items; between 1 and 10000 are allowed"
    );

    let huge = deck_with_statements(100_000);
    assert!(
        huge.len() < MAX_DECK_BYTES,
        "the 100,000-statement deck must reach the count check"
    );
    assert_eq!(
        Deck::parse(huge.as_bytes()).unwrap_err().to_string(),
        "the deck has 1 problem\n- statements: has 100000 items; between 1 and 10000 are allowed"
    );
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_crash() {
    let arrays = "[".repeat(100_000);
    let err = panic::catch_unwind(|| Deck::parse(arrays.as_bytes())).expect("no panic");
    assert_eq!(
        err.unwrap_err().to_string(),
        "the deck file is not valid JSON: recursion limit exceeded at line 1, column 128"
    );

    let objects = r#"{"a":"#.repeat(100_000);
    let err = panic::catch_unwind(|| Deck::parse(objects.as_bytes())).expect("no panic");
    assert!(matches!(err, Err(DeckError::Syntax { .. })), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// Property test: mutations of the built-in deck
// ---------------------------------------------------------------------------------------------

/// xorshift64: deterministic, no dependencies.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Bytes that matter to JSON or to UTF-8.
const INTERESTING_BYTES: &[u8] = b"\"{}[],:\\ \n\t0123-.eEtfnu\x00\x7f\x80\xbf\xc3\xe2\xef\xf0\xff";

/// Fragments spliced into the deck: values of every type, edge-case numbers and strings, markup,
/// bits of deck structure.
const FRAGMENTS: &[&str] = &[
    "null",
    "true",
    "0",
    "-0",
    "1.0",
    "2.0",
    "3e0",
    "2.5",
    "2",
    "4",
    "1e400",
    "18446744073709551616",
    "\"\"",
    "\" \"",
    "\"x\"",
    "[]",
    "{}",
    "[[[[[[[[[[[[[[[[[[[[",
    "]]]]]]]]]]",
    ",",
    ":",
    "\"\\ud800\"",
    "\"\\u0085\"",
    "\"\\ufeff\"",
    "\"\\u00a0\"",
    "\\u0000",
    "\u{feff}",
    "\u{1f600}",
    "\u{85}",
    "<script>alert(1)</script>",
    "\"kind\": \"claim\",",
    "\"difficulty\": 3,",
    "\"quote\": \"q\",",
    "\"tag\": \"both\",",
    "\"tag\": \"nope\",",
    "\"id\": \"dup\",",
    "\"format\": 2,",
    "\"extra\": 1,",
    "\"title\": \"again\",",
    "{\"id\": \"x\", \"text\": \"t\", \"tag\": \"devops\", \"explanation\": \"e\"},",
    "{\"id\": \"ops\", \"label\": \"Ops\", \"description\": \"d\"},",
];

/// Applies one random mutation.
fn mutate(rng: &mut XorShift, bytes: &mut Vec<u8>) {
    if bytes.is_empty() {
        bytes.extend_from_slice(rng.pick(FRAGMENTS).as_bytes());
        return;
    }
    let at = rng.below(bytes.len());
    match rng.below(9) {
        0 => bytes[at] ^= 1 << rng.below(8),
        1 => bytes[at] = *rng.pick(INTERESTING_BYTES),
        2 => {
            for _ in 0..=rng.below(4) {
                let b = if rng.below(2) == 0 {
                    *rng.pick(INTERESTING_BYTES)
                } else {
                    rng.next() as u8
                };
                bytes.insert(at, b);
            }
        }
        3 => {
            let end = (at + 1 + rng.below(16)).min(bytes.len());
            bytes.drain(at..end);
        }
        4 => {
            let fragment = rng.pick(FRAGMENTS).as_bytes();
            bytes.splice(at..at, fragment.iter().copied());
        }
        5 => {
            // Replace a value: from just after a ':' up to the next ',' or '}'.
            if let Some(colon) = bytes[at..].iter().position(|&b| b == b':').map(|i| at + i + 1) {
                let end = bytes[colon..]
                    .iter()
                    .position(|&b| b == b',' || b == b'}')
                    .map_or(bytes.len(), |i| colon + i);
                let fragment = rng.pick(FRAGMENTS).as_bytes();
                bytes.splice(colon..end, fragment.iter().copied());
            }
        }
        6 => {
            // Edit inside a string: insert a printable character after a quote. Often keeps the
            // deck valid (a changed text) or breaks one rule (an id, a tag, a date).
            if let Some(quote) = bytes[at..].iter().position(|&b| b == b'"').map(|i| at + i + 1) {
                let c = *rng.pick(b"aZ -_.9 /?");
                bytes.insert(quote.min(bytes.len()), c);
            }
        }
        7 => {
            // Duplicate a range somewhere else (repeats a statement, a key, half a token).
            let start = rng.below(bytes.len());
            let end = (start + 1 + rng.below(400)).min(bytes.len());
            let chunk = bytes[start..end].to_vec();
            let to = rng.below(bytes.len() + 1);
            bytes.splice(to..to, chunk);
        }
        _ => bytes.truncate(at),
    }
}

/// The built-in deck cut down to its first statements (same categories, source and texts), so
/// most mutations run on a few hundred bytes and the test stays fast in debug builds.
fn small_builtin() -> Vec<u8> {
    let mut v: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
    v["statements"].as_array_mut().unwrap().truncate(3);
    serde_json::to_vec_pretty(&v).unwrap()
}

#[derive(Default)]
struct Tally {
    tried: usize,
    accepted: usize,
    empty: usize,
    not_utf8: usize,
    syntax: usize,
    invalid: usize,
    too_large: usize,
}

#[test]
fn mutated_builtin_deck_never_panics() {
    const ROUNDS: usize = 20_000;
    let seeds = [BUILTIN_JSON.as_bytes().to_vec(), small_builtin()];
    let mut rng = XorShift(0x5EED_DEC0_0000_0001);
    let mut tally = Tally::default();
    let mut failures: Vec<String> = Vec::new();
    let started = std::time::Instant::now();

    for round in 0..ROUNDS {
        // One in ten mutates the full deck, the rest its first three statements.
        let seed = if round % 10 == 0 { &seeds[0] } else { &seeds[1] };
        let mut input = seed.clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut rng, &mut input);
        }
        tally.tried += 1;
        match panic::catch_unwind(|| Deck::parse(&input)) {
            Err(_) => failures.push(format!(
                "round {round}: Deck::parse panicked on {:?}",
                String::from_utf8_lossy(&input)
            )),
            Ok(Ok(deck)) => {
                tally.accepted += 1;
                if let Err(e) = check_accepted(&input, &deck) {
                    failures.push(format!("round {round}: accepted but {e}"));
                }
            }
            Ok(Err(e)) => match e {
                DeckError::Empty => tally.empty += 1,
                DeckError::NotUtf8 { .. } => tally.not_utf8 += 1,
                DeckError::Syntax { .. } => tally.syntax += 1,
                DeckError::Invalid(_) => tally.invalid += 1,
                DeckError::TooLarge { .. } => tally.too_large += 1,
            },
        }
        if failures.len() >= 5 {
            break;
        }
    }

    let rejected = tally.tried - tally.accepted;
    eprintln!(
        "deck_corpus: {} mutated inputs tried, {rejected} rejected (not UTF-8 {}, empty {}, not JSON {}, \
         invalid deck {}, too large {}), {} accepted and round-tripped, {} failures, in {:.1?}",
        tally.tried,
        tally.not_utf8,
        tally.empty,
        tally.syntax,
        tally.invalid,
        tally.too_large,
        tally.accepted,
        failures.len(),
        started.elapsed(),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(tally.tried, ROUNDS);
    // The mutations must reach past the JSON reader, or the test checks little.
    assert!(
        tally.invalid >= ROUNDS / 20,
        "only {} inputs reached deck validation",
        tally.invalid
    );
    assert!(
        tally.accepted >= 100,
        "only {} mutated inputs were accepted",
        tally.accepted
    );
}
