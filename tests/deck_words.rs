//! No word gives the built-in deck's answers away.
//!
//! A learner who has noticed that "cluster" only ever appears in Platform statements can score
//! well without understanding either role. This test plays that learner: a word-count classifier
//! (multinomial naive Bayes over the words of each statement's text, with add-one smoothing) is
//! trained on every statement but one and asked to tag the one left out, for each statement in
//! turn (leave-one-out). If the words predicted the tags, it would do well; the deck passes when
//! it does little better than chance, and no better on difficulty-3 statements than on
//! difficulty-1 ones (words must not make the subtle items the easy ones).
//!
//! Run with `cargo test --test deck_words -- --nocapture` to see the figures; `make test` does.

use rolecall::core::deck::{Deck, Tag};
use std::collections::HashMap;

/// Most of the statements the classifier may tag right. With three balanced categories chance
/// is about 0.33; the deck's first edition scored 0.80.
const MOST_ACCURATE: f64 = 0.45;

/// The words of a text, lowercased; apostrophes join ("I’m" is one word, "im").
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\u{2019}', '\''], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A statement as the classifier sees it: its words, its tag and its difficulty.
struct Sample {
    words: Vec<String>,
    tag: Tag,
    difficulty: u8,
}

/// The tag naive Bayes gives `words` after training on `train`; ties go to the earlier tag.
fn classify(train: &[&Sample], tags: &[Tag], words: &[String]) -> Tag {
    let mut vocabulary: HashMap<&str, ()> = HashMap::new();
    for w in train.iter().flat_map(|s| &s.words).chain(words) {
        vocabulary.insert(w, ());
    }
    let v = vocabulary.len() as f64;
    let mut best = (f64::NEG_INFINITY, tags[0]);
    for &tag in tags {
        let docs: Vec<&&Sample> = train.iter().filter(|s| s.tag == tag).collect();
        let mut counts: HashMap<&str, f64> = HashMap::new();
        for w in docs.iter().flat_map(|s| &s.words) {
            *counts.entry(w).or_default() += 1.0;
        }
        let total: f64 = counts.values().sum();
        let prior = (docs.len() as f64 / train.len() as f64).ln();
        let score = prior
            + words
                .iter()
                .map(|w| ((counts.get(w.as_str()).copied().unwrap_or(0.0) + 1.0) / (total + v)).ln())
                .sum::<f64>();
        if score > best.0 {
            best = (score, tag);
        }
    }
    best.1
}

/// Leave-one-out accuracy: overall, and by difficulty (1 to 3), as (right, total).
fn leave_one_out(samples: &[Sample], tags: &[Tag]) -> [(usize, usize); 4] {
    let mut out = [(0, 0); 4];
    for (i, s) in samples.iter().enumerate() {
        let train: Vec<&Sample> = samples
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, t)| t)
            .collect();
        let right = usize::from(classify(&train, tags, &s.words) == s.tag);
        for slot in [0, usize::from(s.difficulty)] {
            out[slot].0 += right;
            out[slot].1 += 1;
        }
    }
    out
}

fn rate((right, total): (usize, usize)) -> f64 {
    if total == 0 {
        0.0
    } else {
        right as f64 / total as f64
    }
}

fn samples(deck: &Deck) -> Vec<Sample> {
    deck.statements
        .iter()
        .map(|s| Sample {
            words: words(&s.text),
            tag: s.tag,
            difficulty: s.difficulty,
        })
        .collect()
}

#[test]
fn words_split_as_a_learner_reads_them() {
    assert_eq!(
        words("I’m on call for the Kubernetes clusters."),
        ["im", "on", "call", "for", "the", "kubernetes", "clusters"]
    );
    assert_eq!(words("CI/CD, end-to-end"), ["ci", "cd", "end", "to", "end"]);
}

/// The classifier finds giveaway words when there are some, so the deck's low score means
/// something: a deck where each tag has its own word is tagged right nearly every time.
#[test]
fn the_classifier_finds_giveaway_words() {
    let tags = [Tag(0), Tag(1), Tag(2)];
    let tell = ["release", "cluster", "docker"];
    let filler = ["we", "our", "team", "today", "work", "the", "new", "every"];
    let samples: Vec<Sample> = (0..30)
        .map(|i| Sample {
            words: vec![
                tell[i % 3].to_string(),
                filler[i % 8].to_string(),
                filler[(i * 5 + 1) % 8].to_string(),
            ],
            tag: tags[i % 3],
            difficulty: 1 + (i % 3) as u8,
        })
        .collect();
    let [all, ..] = leave_one_out(&samples, &tags);
    assert!(rate(all) > 0.9, "found only {all:?}");
}

#[test]
fn no_word_predicts_the_builtin_decks_answers() {
    let deck = Deck::builtin().expect("the built-in deck is valid");
    let tags: Vec<Tag> = deck.tags().collect();
    let samples = samples(&deck);
    let [all, d1, d2, d3] = leave_one_out(&samples, &tags);
    let majority = tags
        .iter()
        .map(|t| samples.iter().filter(|s| s.tag == *t).count())
        .max()
        .unwrap_or(0) as f64
        / samples.len() as f64;
    println!(
        "word classifier, leave-one-out on the built-in deck: {}/{} right ({:.2}); difficulty 1: {:.2}, 2: {:.2}, 3: {:.2}; always guessing the largest category: {majority:.2}; limit {MOST_ACCURATE}",
        all.0,
        all.1,
        rate(all),
        rate(d1),
        rate(d2),
        rate(d3)
    );
    assert!(
        rate(all) <= MOST_ACCURATE,
        "a word-count classifier tags {:.0}% of the built-in deck right from the words alone (at most {:.0}% allowed): some words give the answers away",
        rate(all) * 100.0,
        MOST_ACCURATE * 100.0
    );
    assert!(
        rate(d3) <= rate(d1),
        "words give away difficulty-3 statements ({:.2}) more often than difficulty-1 ones ({:.2})",
        rate(d3),
        rate(d1)
    );
}
