//! Property tests for every parser that reads outside input other than decks (decks have their
//! own corpus in `deck_corpus.rs`): stored progress, URL parameters, host messages and hash
//! routes. A deterministic generator mutates valid inputs many times; each parser must return a
//! value or an error for every input, never panic, and stored text it refuses must come back
//! unchanged so the app can keep it aside.

use rolecall::core::config::{EmbedConfig, Route};
use rolecall::core::progress::{Loaded, Progress};
use rolecall::core::report::HostMessage;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// xorshift64*: a tiny deterministic generator, so failures reproduce exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "-1",
    "1e309",
    "0.5",
    "\"format\":2",
    "\"learner\":\"\"",
    "\u{feff}",
    "\u{0}",
    "\\u0000",
    "9999999999999999999999",
    "{\"a\":{\"a\":{\"a\":{}}}}",
    "%",
    "%zz",
    "&",
    "=",
    "+",
    "#",
    "?",
    "\u{202e}",
    "😀",
    "<script>",
    "javascript:",
    "packed:",
    "deck=packed:",
    "https://",
    "h5p",
    "hello",
    "context",
    "action",
];

/// Mutates `seed` by flipping, deleting, duplicating and splicing in fragments.
fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 if !bytes.is_empty() => {
                let end = (at + rng.below(16)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                bytes.splice(at..at, frag.iter().copied());
            }
            3 if !bytes.is_empty() => {
                let start = rng.below(bytes.len());
                let end = (start + rng.below(32)).min(bytes.len());
                let piece = bytes[start..end].to_vec();
                bytes.splice(at..at, piece);
            }
            _ => bytes.truncate(at),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn valid_progress() -> String {
    r#"{"format":1,"learner":"3f0b1c1e-1d7e-4b7a-9a57-6a3f1f7e2c10","settings":{"theme":"dark","shortcuts":true,"new_per_day":10,"answer_first":false},"decks":{"devops-vs-platform":{"cards":{"cards":{"bridge":{"due":1700000600000,"stability":2.3065,"difficulty":2.118103970459016,"elapsed_days":0,"scheduled_days":0,"reps":1,"lapses":0,"phase":"learning","last_review":1700000000000}},"new_day":19675,"new_today":1},"history":[{"at":1700000000000,"correct":7,"total":10,"retry":false}],"best":{"at":1700000000000,"correct":7,"total":10,"retry":false},"quiz":{"seed":42,"pass_mark":70,"retry":false,"items":["bridge","k8s"],"answers":[{"tag":"devops","ms":1200}],"answered":true,"started":1700000000000,"registration":"r"}}}}"#.to_string()
}

#[test]
fn stored_progress_never_panics_and_refused_text_is_kept() {
    let mut rng = Rng(0x5eed_0001);
    let seed = valid_progress();
    assert!(matches!(Progress::decode(Some(&seed)), Loaded::Ok(_)));
    let (mut ok, mut unreadable, mut newer) = (0, 0, 0);
    const ROUNDS: usize = 20_000;
    for round in 0..ROUNDS {
        let input = mutate(&mut rng, &seed);
        let outcome = catch_unwind(AssertUnwindSafe(|| Progress::decode(Some(&input))))
            .unwrap_or_else(|_| panic!("round {round}: decode panicked on {input:?}"));
        match outcome {
            Loaded::Ok(p) => {
                ok += 1;
                // What decodes must encode and decode to the same thing.
                assert_eq!(Progress::decode(Some(&p.encode())), Loaded::Ok(p), "round {round}");
            }
            Loaded::Unreadable { raw, .. } => {
                unreadable += 1;
                assert_eq!(raw, input, "round {round}: refused text is kept as it was");
            }
            Loaded::Newer { raw, .. } => {
                newer += 1;
                assert_eq!(raw, input);
            }
            Loaded::Empty => panic!("round {round}: stored text read as nothing"),
        }
    }
    eprintln!("robustness: stored progress: {ROUNDS} mutated envelopes tried: {ok} read, {unreadable} kept aside as unreadable, {newer} refused as newer, 0 panics");
}

#[test]
fn url_parameters_never_panic_and_notices_stay_short() {
    let mut rng = Rng(0x5eed_0002);
    let seed = "?mode=cards&n=20&seed=42&pass=80&tags=devops,both&deck=https%3A%2F%2Fx.org%2Fd.json&embed=1&theme=dark&parentOrigin=https%3A%2F%2Flms.example.org";
    let (mut notices, mut kept_decks) = (0, 0);
    const ROUNDS: usize = 20_000;
    for round in 0..ROUNDS {
        let search = mutate(&mut rng, seed);
        let hash = mutate(
            &mut rng,
            ["#/quiz?seed=7", "#/?deck=packed:q1ZKyy_KTSxRsjLUAQA"][round % 2],
        );
        let (route, query) = Route::parse(&hash);
        let (cfg, found) = catch_unwind(AssertUnwindSafe(|| EmbedConfig::from_query(&search, query)))
            .unwrap_or_else(|_| panic!("round {round}: from_query panicked on {search:?} {hash:?}"));
        notices += found.len();
        for n in &found {
            assert!(
                n.to_string().chars().count() < 200,
                "round {round}: notice too long: {n}"
            );
        }
        // Moving to another screen keeps a shared deck the hash gives, and nothing else of it.
        let kept = catch_unwind(AssertUnwindSafe(|| route.hash_keeping(&hash)))
            .unwrap_or_else(|_| panic!("round {round}: hash_keeping panicked on {hash:?}"));
        let (again, query_kept) = Route::parse(&kept);
        assert_eq!(again.hash(), route.hash(), "round {round}: {hash:?} gave {kept:?}");
        let hash_deck = EmbedConfig::from_query("", query)
            .0
            .deck
            .filter(|d| d.starts_with("packed:"));
        let (kept_cfg, _) = EmbedConfig::from_query("", query_kept);
        assert_eq!(kept_cfg.deck, hash_deck, "round {round}: {hash:?} gave {kept:?}");
        assert!(
            kept_cfg.deck.is_some() || query_kept.is_empty(),
            "round {round}: {hash:?} gave {kept:?}"
        );
        kept_decks += usize::from(kept_cfg.deck.is_some());
        // Whatever was accepted can be written back and read again to the same configuration.
        let again = EmbedConfig::from_query(&format!("?{}", cfg.to_query()), "");
        assert_eq!(again.0, cfg, "round {round}: {search:?}");
        assert!(
            again.1.is_empty(),
            "round {round}: its own query gives notices: {:?}",
            again.1
        );
    }
    eprintln!("robustness: URL parameters: {ROUNDS} mutated query strings tried, {notices} notices, {kept_decks} shared decks kept across screens, 0 panics");
}

#[test]
fn host_messages_are_accepted_only_in_exact_shapes() {
    let mut rng = Rng(0x5eed_0003);
    let seeds = [
        r#"{"context":"h5p","action":"hello"}"#,
        r#"{"context":"h5p","action":"resizePrepared"}"#,
        r#"{"context":"h5p","action":"resize"}"#,
    ];
    let (mut accepted, mut ignored) = (0, 0);
    const ROUNDS: usize = 20_000;
    for round in 0..ROUNDS {
        let input = mutate(&mut rng, seeds[round % seeds.len()]);
        let parsed = catch_unwind(AssertUnwindSafe(|| HostMessage::parse(&input)))
            .unwrap_or_else(|_| panic!("round {round}: parse panicked on {input:?}"));
        match parsed {
            Some(_) => {
                accepted += 1;
                // Only exact shapes pass: an object with these two keys and nothing else.
                let v: serde_json::Value = serde_json::from_str(&input).expect("accepted input is JSON");
                let map = v.as_object().expect("accepted input is an object");
                assert_eq!(map.len(), 2, "round {round}: {input:?}");
                assert_eq!(map["context"], "h5p");
            }
            None => ignored += 1,
        }
    }
    eprintln!("robustness: host messages: {ROUNDS} mutated messages tried, {accepted} accepted in an exact shape, {ignored} ignored, 0 panics");
}
