//! The embed builder's logic: the address a snippet frames, the three forms of snippet a host
//! page can take, and the checks on what a trainer types, so that a value is never dropped
//! without a word.
//!
//! The query string itself is [`EmbedConfig::to_query`], the inverse of
//! [`EmbedConfig::from_query`]: what the builder writes, the app reads back unchanged.

use super::config::{deck_url_allowed, EmbedConfig, Mode, MAX_ATTEMPTS, MAX_N};
use super::deck::Deck;
use super::link;
use super::quiz::{length_choices, Length};
use super::rng::MAX_SEED;
use super::sort::{self, DEFAULT_CARDS, DEFAULT_RETRIES, MAX_CARDS, MAX_RETRIES};
use super::text::{clip, count};

/// The address the snippet frames: the settings in the query string, and a deck carried in a
/// link (`packed:…`) in the fragment, which never reaches a server.
pub fn embed_url(app_url: &str, settings: &EmbedConfig) -> String {
    let packed = settings.deck.as_deref().filter(|d| link::is_packed(d));
    let query = EmbedConfig {
        deck: if packed.is_some() { None } else { settings.deck.clone() },
        ..settings.clone()
    }
    .to_query();
    let mut url = app_url.to_string();
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    if let Some(packed) = packed {
        url = format!("{url}#/?deck={packed}");
    }
    url
}

/// The address of a plain link: the same activity in a tab of its own, so with the app's header
/// (no compact layout) and no origin to report to (results only ever go to a page that frames
/// the app).
pub fn link_url(app_url: &str, settings: &EmbedConfig) -> String {
    let own_tab = EmbedConfig {
        embed: false,
        parent_origin: None,
        ..settings.clone()
    };
    embed_url(app_url, &own_tab)
}

/// What the trainer copies, by what the host page can do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SnippetKind {
    /// The frame and the few lines that size it: for a page with no resizer of its own.
    #[default]
    Sizing,
    /// The frame alone: for a page that already sizes frames (H5P's resizer, Canvas), or an
    /// editor that removes scripts.
    Frame,
    /// A link that opens the app in a tab of its own.
    Link,
}

impl SnippetKind {
    pub const ALL: [SnippetKind; 3] = [SnippetKind::Sizing, SnippetKind::Frame, SnippetKind::Link];

    /// The value of its radio button.
    pub fn as_str(self) -> &'static str {
        match self {
            SnippetKind::Sizing => "sizing",
            SnippetKind::Frame => "frame",
            SnippetKind::Link => "link",
        }
    }

    pub fn parse(s: &str) -> Option<SnippetKind> {
        SnippetKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The few lines a host page needs when it has no H5P or Canvas resizer: each frame that sends
/// `rolecall:resize` takes the height it asks for. Size messages carry nothing personal, so any
/// origin may send them, as with H5P's resizer.
pub const LISTENER: &str = "<script>\naddEventListener(\"message\", (e) => {\n  const d = e.data;\n  if (!d || d.type !== \"rolecall:resize\" || typeof d.height !== \"number\") return;\n  for (const f of document.querySelectorAll(\"iframe\")) {\n    if (f.contentWindow === e.source) f.style.height = d.height + \"px\";\n  }\n});\n</script>";

/// Text made safe for a double-quoted HTML attribute.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

/// The iframe for a URL. `deck_title` names a custom deck in the frame's title (its accessible
/// name); the built-in deck's frame keeps the app's own name.
pub fn frame(url: &str, deck_title: Option<&str>) -> String {
    let title = attr(&format!("RoleCall: {}", deck_title.unwrap_or("DevOps or Platform?")));
    format!(
        "<iframe src=\"{}\" title=\"{title}\" width=\"100%\" height=\"640\" loading=\"lazy\" allow=\"clipboard-write\" style=\"border:0;max-width:100%\"></iframe>",
        attr(url)
    )
}

/// What the trainer copies for these settings.
pub fn snippet(kind: SnippetKind, app_url: &str, settings: &EmbedConfig, deck_title: Option<&str>) -> String {
    match kind {
        SnippetKind::Sizing => format!("{}\n{LISTENER}", frame(&embed_url(app_url, settings), deck_title)),
        SnippetKind::Frame => frame(&embed_url(app_url, settings), deck_title),
        SnippetKind::Link => link_url(app_url, settings),
    }
}

/// The builder's fields that take a whole number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberField {
    /// How many questions, when the trainer sets a number.
    Questions,
    Seed,
    Pass,
    Attempts,
}

impl NumberField {
    /// The smallest and largest value the URL accepts.
    pub fn range(self) -> (u64, u64) {
        match self {
            NumberField::Questions => (1, MAX_N as u64),
            NumberField::Seed => (0, MAX_SEED),
            NumberField::Pass => (0, 100),
            NumberField::Attempts => (1, MAX_ATTEMPTS.into()),
        }
    }

    /// What the trainer typed, read as the URL would read it: nothing (`None`), a value, or
    /// what is wrong with it in words that say what to type instead.
    pub fn read(self, text: &str) -> Result<Option<u64>, String> {
        let (min, max) = self.range();
        let t = text.trim();
        let t = if self == NumberField::Pass {
            t.strip_suffix('%').unwrap_or(t).trim_end()
        } else {
            t
        };
        if t.is_empty() {
            return Ok(None);
        }
        let allowed = format!("use a whole number from {min} to {max}");
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if let Some(negative) = t.strip_prefix('-').filter(|n| digits(n)) {
            let shown = clip(negative, 12);
            return Err(format!("\u{2212}{shown} is less than {min}: {allowed}."));
        }
        if !digits(t) {
            return Err(format!(
                "\u{201c}{}\u{201d} is not a whole number: {allowed}.",
                clip(t, 24)
            ));
        }
        match t.parse::<u64>().ok().filter(|n| *n <= max) {
            Some(n) if n < min => Err(format!("{n} is less than {min}: {allowed}.")),
            Some(n) => Ok(Some(n)),
            None => Err(format!("{} is more than {max}: {allowed}.", clip(t, 24))),
        }
    }
}

/// The choices of the builder's "Questions" menu.
pub mod questions {
    /// The learner picks the length on the start screen (in sort mode: the default deal).
    pub const LEARNER: &str = "";
    /// Every statement of the deck (`n=all`).
    pub const ALL: &str = "all";
    /// A number the trainer types.
    pub const SET: &str = "set";
    /// The lengths offered in one click.
    pub const PRESETS: [usize; 2] = [10, 20];
}

/// What the length setting is called in a mode: a quiz asks questions, a sort round deals cards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LengthWords {
    /// The menu's label.
    pub menu: &'static str,
    /// The label of the field for a number.
    pub field: &'static str,
    /// What is counted.
    pub unit: &'static str,
}

pub fn length_words(mode: Option<Mode>) -> LengthWords {
    match mode {
        Some(Mode::Sort) => LengthWords {
            menu: "Cards per round",
            field: "Number of cards",
            unit: "cards",
        },
        _ => LengthWords {
            menu: "Questions",
            field: "Number of questions",
            unit: "questions",
        },
    }
}

/// The "Questions" menu's choices in a mode, as `(value, label)`. A sort round has no choice of
/// length on its start screen and deals at most [`MAX_CARDS`], which its labels say.
pub fn questions_menu(mode: Option<Mode>) -> Vec<(String, String)> {
    let sort = mode == Some(Mode::Sort);
    let mut menu = vec![(
        questions::LEARNER.to_string(),
        if sort {
            format!("{DEFAULT_CARDS} (the default)")
        } else {
            "Learner chooses".to_string()
        },
    )];
    menu.extend(questions::PRESETS.iter().map(|n| (n.to_string(), n.to_string())));
    menu.push((
        questions::ALL.to_string(),
        if sort {
            format!("As many as a round holds ({MAX_CARDS})")
        } else {
            "All statements".to_string()
        },
    ));
    menu.push((questions::SET.to_string(), "Another number\u{2026}".to_string()));
    menu
}

/// The "Questions" menu's choice and the number field's text for a setting.
pub fn questions_choice(n: Option<usize>) -> (String, String) {
    match n {
        None => (questions::LEARNER.into(), String::new()),
        Some(n) if n >= MAX_N => (questions::ALL.into(), String::new()),
        Some(n) if questions::PRESETS.contains(&n) => (n.to_string(), String::new()),
        Some(n) => (questions::SET.into(), n.to_string()),
    }
}

/// The number of questions (or cards, in `mode`) a menu choice and the number typed beside it
/// ask for.
pub fn read_questions(choice: &str, text: &str, mode: Option<Mode>) -> Result<Option<usize>, String> {
    match choice {
        questions::ALL => Ok(Some(MAX_N)),
        questions::SET => match NumberField::Questions.read(text)? {
            Some(n) => Ok(Some(n as usize)),
            None => Err(format!(
                "Type how many {}: a whole number from 1 to {MAX_N}.",
                length_words(mode).unit
            )),
        },
        other => Ok(other.parse().ok()),
    }
}

/// What learners get from the "Questions" setting on `deck`, said under it: the app asks at most
/// the statements the categories allow, and a locked quiz leaves the learner no choice. A sort
/// round deals the setting's number of cards, else [`DEFAULT_CARDS`], and never more than
/// [`MAX_CARDS`].
pub fn length_note(settings: &EmbedConfig, deck: &Deck) -> String {
    let plan = settings.quiz_plan(deck).0;
    let available = plan.available(deck);
    if settings.mode == Some(Mode::Sort) {
        let asked = plan.requested.unwrap_or(DEFAULT_CARDS);
        let cards = sort::round_length(plan.requested, available);
        let dealt = count(cards, "card", "cards");
        return if cards == available {
            match available {
                1 => "Each round deals the one statement.".to_string(),
                _ => format!("Each round deals all {available} statements."),
            }
        } else if asked > MAX_CARDS {
            format!("Each round deals {dealt} from the {available} statements (a round holds at most {MAX_CARDS}).")
        } else {
            format!("Each round deals {dealt} from the {available} statements.")
        };
    }
    let gets = match length_choices(available, plan.requested).1 {
        Length::Count(n) => format!("{n} of the {available} statements"),
        Length::All if available == 1 => "the one statement".to_string(),
        Length::All => format!("all {available} statements"),
    };
    match (plan.requested, plan.locked) {
        (None, false) => format!("Learners choose on the start screen (up to {available} statements)."),
        (None, true) => format!("The settings are locked, so learners get {gets}."),
        (Some(_), _) => format!("Learners get {gets}."),
    }
}

/// The builder's "Mode" menu: the mode a choice sets. The quiz is the app's default, so it sets
/// nothing and the URL leaves it out.
pub fn read_mode(value: &str) -> Option<Mode> {
    match value {
        "cards" => Some(Mode::Cards),
        "sort" => Some(Mode::Sort),
        _ => None,
    }
}

/// The "Mode" menu's choice for a setting.
pub fn mode_choice(mode: Option<Mode>) -> &'static str {
    mode.unwrap_or_default().as_str()
}

/// The "Wrong cards" menu of sort mode: each number of tries after the first check, short
/// enough for a phone's menu, the default said as such. [`retries_note`] says what it does.
pub fn retries_menu() -> Vec<(u8, String)> {
    (0..=MAX_RETRIES)
        .map(|n| {
            let what = match n {
                0 => "Marked at once".to_string(),
                1 => "1 more try".to_string(),
                n => format!("Up to {n} more tries"),
            };
            let default = if n == DEFAULT_RETRIES { " (default)" } else { "" };
            (n, format!("{what}{default}"))
        })
        .collect()
}

/// What a "Wrong cards" choice does, said under the menu.
pub fn retries_note(retries: u8) -> String {
    match retries {
        0 => "After the check, wrong cards are marked, and learners can see where they belong.".to_string(),
        n => format!(
            "After a check, wrong cards go back to the tray for another try ({} at most). The score counts the first check.",
            count(usize::from(n), "more try", "more tries")
        ),
    }
}

/// The "Wrong cards" menu's choice for a setting.
pub fn retries_choice(retries: Option<u8>) -> u8 {
    retries.unwrap_or(DEFAULT_RETRIES).min(MAX_RETRIES)
}

/// The setting a "Wrong cards" choice makes: the default is left out of the URL, as the other
/// menus' defaults are.
pub fn read_retries(value: &str) -> Option<u8> {
    value
        .parse::<u8>()
        .ok()
        .filter(|n| *n <= MAX_RETRIES && *n != DEFAULT_RETRIES)
}

/// The settings the snippet carries: those that apply to the chosen mode. Tries after a check
/// belong to sort mode alone, so another mode leaves them out (the builder keeps the choice, for
/// when sort mode is chosen again).
pub fn applicable(settings: EmbedConfig) -> EmbedConfig {
    EmbedConfig {
        retries: settings.retries.filter(|_| settings.mode == Some(Mode::Sort)),
        ..settings
    }
}

/// What is wrong with a deck address as typed, if anything. An address relative to the app
/// (`decks/mine.json`) is allowed, as in the URL.
pub fn deck_address_problem(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if t.is_empty() {
        Some("Type the address of the deck file, or choose another deck.")
    } else if t.chars().any(char::is_whitespace) {
        Some("An address has no spaces: use one such as https://example.org/my-deck.json.")
    } else if !deck_url_allowed(t) {
        Some("Use an http:// or https:// address, such as https://example.org/my-deck.json.")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config::{Location, Mode, Theme};
    use crate::core::quiz::GradeRule;
    use proptest::prelude::*;

    #[test]
    fn frames_escape_the_url_and_name_the_deck() {
        let s = frame("https://x.org/app/?mode=cards&n=10\"", None);
        assert!(
            s.contains("src=\"https://x.org/app/?mode=cards&amp;n=10&quot;\""),
            "{s}"
        );
        assert!(s.contains("title=\"RoleCall: DevOps or Platform?\""));
        let s = frame("https://x.org/app/", Some("Sun & \"rain\" <or> snow?"));
        assert!(
            s.contains("title=\"RoleCall: Sun &amp; &quot;rain&quot; &lt;or> snow?\""),
            "{s}"
        );
    }

    #[test]
    fn each_kind_of_snippet() {
        let cfg = EmbedConfig {
            n: Some(5),
            embed: true,
            parent_origin: Some("https://lms.example.org".into()),
            ..EmbedConfig::default()
        };
        let app = "https://x.org/app/";
        let sizing = snippet(SnippetKind::Sizing, app, &cfg, None);
        assert!(sizing.starts_with(
            "<iframe src=\"https://x.org/app/?n=5&amp;embed=1&amp;parentOrigin=https%3A%2F%2Flms.example.org\""
        ));
        assert!(sizing.ends_with(LISTENER), "{sizing}");
        assert!(LISTENER.contains("rolecall:resize"));
        let frame_only = snippet(SnippetKind::Frame, app, &cfg, None);
        assert_eq!(format!("{frame_only}\n{LISTENER}"), sizing);
        assert!(!frame_only.contains("<script"));
        // A link opens a page of its own: the app's header, and nobody to report to.
        assert_eq!(snippet(SnippetKind::Link, app, &cfg, None), "https://x.org/app/?n=5");
        for kind in SnippetKind::ALL {
            assert_eq!(SnippetKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(SnippetKind::parse("iframe"), None);
    }

    #[test]
    fn a_shared_deck_travels_in_the_fragment() {
        let cfg = EmbedConfig {
            deck: Some("packed:AbC".into()),
            lock: true,
            ..EmbedConfig::default()
        };
        assert_eq!(
            embed_url("https://x.org/", &cfg),
            "https://x.org/?lock=1#/?deck=packed:AbC"
        );
        assert_eq!(embed_url("https://x.org/", &EmbedConfig::default()), "https://x.org/");
    }

    /// Each row: the field, what was typed, and what it gives.
    #[test]
    fn typed_numbers_are_read_or_explained() {
        use NumberField::*;
        for (field, text, want) in [
            (Pass, "", Ok(None)),
            (Pass, " 80 ", Ok(Some(80))),
            (Pass, "80%", Ok(Some(80))),
            (Pass, "0", Ok(Some(0))),
            (Pass, "100", Ok(Some(100))),
            (
                Pass,
                "150",
                Err("150 is more than 100: use a whole number from 0 to 100."),
            ),
            (
                Pass,
                "-5",
                Err("\u{2212}5 is less than 0: use a whole number from 0 to 100."),
            ),
            (
                Pass,
                "7.5",
                Err("\u{201c}7.5\u{201d} is not a whole number: use a whole number from 0 to 100."),
            ),
            (
                Pass,
                "eighty",
                Err("\u{201c}eighty\u{201d} is not a whole number: use a whole number from 0 to 100."),
            ),
            (Seed, "999999999", Ok(Some(999_999_999))),
            (
                Seed,
                "1000000000",
                Err("1000000000 is more than 999999999: use a whole number from 0 to 999999999."),
            ),
            (
                Seed,
                "99999999999999999999999",
                Err("99999999999999999999999 is more than 999999999: use a whole number from 0 to 999999999."),
            ),
            (
                Seed,
                "42%",
                Err("\u{201c}42%\u{201d} is not a whole number: use a whole number from 0 to 999999999."),
            ),
            (
                Attempts,
                "0",
                Err("0 is less than 1: use a whole number from 1 to 100."),
            ),
            (Attempts, "3", Ok(Some(3))),
            (
                Attempts,
                "101",
                Err("101 is more than 100: use a whole number from 1 to 100."),
            ),
            (
                Questions,
                "1e3",
                Err("\u{201c}1e3\u{201d} is not a whole number: use a whole number from 1 to 10000."),
            ),
            (Questions, "10000", Ok(Some(10000))),
        ] {
            assert_eq!(field.read(text), want.map_err(str::to_string), "{field:?} {text:?}");
        }
    }

    #[test]
    fn every_value_the_url_accepts_is_one_the_field_accepts() {
        for field in [
            NumberField::Questions,
            NumberField::Seed,
            NumberField::Pass,
            NumberField::Attempts,
        ] {
            let (min, max) = field.range();
            let param = match field {
                NumberField::Questions => "n",
                NumberField::Seed => "seed",
                NumberField::Pass => "pass",
                NumberField::Attempts => "attempts",
            };
            for v in [min.saturating_sub(1), min, max, max + 1] {
                let (_, notices) = EmbedConfig::from_query(&format!("{param}={v}"), "");
                assert_eq!(field.read(&v.to_string()).is_ok(), notices.is_empty(), "{param}={v}");
            }
        }
    }

    #[test]
    fn the_questions_menu() {
        for (n, choice, text) in [
            (None, "", ""),
            (Some(10), "10", ""),
            (Some(20), "20", ""),
            (Some(MAX_N), "all", ""),
            (Some(15), "set", "15"),
            (Some(1), "set", "1"),
        ] {
            assert_eq!(questions_choice(n), (choice.to_string(), text.to_string()), "{n:?}");
            assert_eq!(read_questions(choice, text, None), Ok(n), "{n:?}");
            assert_eq!(read_questions(choice, text, Some(Mode::Sort)), Ok(n), "{n:?}");
        }
        assert_eq!(
            read_questions("set", "", None).unwrap_err(),
            "Type how many questions: a whole number from 1 to 10000."
        );
        assert_eq!(
            read_questions("set", " ", Some(Mode::Sort)).unwrap_err(),
            "Type how many cards: a whole number from 1 to 10000."
        );
        assert!(read_questions("set", "0", None).is_err());
        // Every choice of the menu, in either mode, is one the menu reads.
        for mode in [None, Some(Mode::Cards), Some(Mode::Sort)] {
            for (value, _) in questions_menu(mode) {
                let text = if value == questions::SET { "15" } else { "" };
                let n = read_questions(&value, text, mode).unwrap();
                assert_eq!(questions_choice(n).0, value, "{mode:?} {value:?}");
            }
        }
        let labels = |mode| questions_menu(mode).into_iter().map(|(_, l)| l).collect::<Vec<_>>();
        assert_eq!(labels(None)[0], "Learner chooses");
        assert_eq!(labels(Some(Mode::Sort))[0], "8 (the default)");
        assert_eq!(labels(Some(Mode::Sort))[3], "As many as a round holds (20)");
        assert_eq!(length_words(Some(Mode::Sort)).menu, "Cards per round");
        assert_eq!(length_words(Some(Mode::Quiz)).field, "Number of questions");
        // "All" is written as such, not as a large number.
        let cfg = EmbedConfig {
            n: read_questions("all", "", None).unwrap(),
            ..EmbedConfig::default()
        };
        assert_eq!(cfg.to_query(), "n=all");
    }

    #[test]
    fn deck_addresses_as_typed() {
        for (text, ok) in [
            ("https://example.org/deck.json", true),
            ("decks/mine.json", true),
            (" https://example.org/deck.json ", true),
            ("", false),
            ("not a url", false),
            ("javascript:alert(1)", false),
            ("ftp://x.org/d.json", false),
        ] {
            assert_eq!(deck_address_problem(text).is_none(), ok, "{text:?}");
        }
        assert!(deck_address_problem("not a url").unwrap().contains("no spaces"));
    }

    #[test]
    fn what_learners_get() {
        let deck = Deck::builtin().unwrap();
        let total = deck.statements.len();
        let note = |n: Option<usize>, lock: bool| {
            length_note(
                &EmbedConfig {
                    n,
                    lock,
                    ..EmbedConfig::default()
                },
                &deck,
            )
        };
        assert_eq!(
            note(None, false),
            format!("Learners choose on the start screen (up to {total} statements).")
        );
        assert_eq!(
            note(None, true),
            format!("The settings are locked, so learners get 10 of the {total} statements.")
        );
        assert_eq!(
            note(Some(12), false),
            format!("Learners get 12 of the {total} statements.")
        );
        assert_eq!(
            note(Some(MAX_N), false),
            format!("Learners get all {total} statements.")
        );
        assert_eq!(
            note(Some(total + 5), true),
            format!("Learners get all {total} statements.")
        );
        // Categories narrow what can be asked.
        let platform = EmbedConfig {
            n: Some(MAX_N),
            tags: Some(vec!["platform".into()]),
            ..EmbedConfig::default()
        };
        let asked = deck
            .statements
            .iter()
            .filter(|s| Some(s.tag) == deck.tag_by_id("platform"))
            .count();
        assert_eq!(
            length_note(&platform, &deck),
            format!("Learners get all {asked} statements.")
        );
    }

    #[test]
    fn a_sort_round_deals_the_default_or_the_setting_and_never_more_than_a_board_holds() {
        let deck = Deck::builtin().unwrap();
        let total = deck.statements.len();
        assert!(total > MAX_CARDS, "the built-in deck is longer than a round");
        let note = |n: Option<usize>, lock: bool| {
            length_note(
                &EmbedConfig {
                    mode: Some(Mode::Sort),
                    n,
                    lock,
                    ..EmbedConfig::default()
                },
                &deck,
            )
        };
        // No choice on the start screen: the default deal, locked or not.
        for lock in [false, true] {
            assert_eq!(
                note(None, lock),
                format!("Each round deals 8 cards from the {total} statements.")
            );
        }
        assert_eq!(
            note(Some(12), false),
            format!("Each round deals 12 cards from the {total} statements.")
        );
        assert_eq!(
            note(Some(1), false),
            format!("Each round deals 1 card from the {total} statements.")
        );
        for n in [MAX_CARDS + 1, MAX_N] {
            assert_eq!(
                note(Some(n), false),
                format!("Each round deals 20 cards from the {total} statements (a round holds at most 20).")
            );
        }
        assert_eq!(
            note(Some(MAX_CARDS), false),
            format!("Each round deals 20 cards from the {total} statements.")
        );
        // Categories narrow what can be dealt.
        let few = crate::core::deck::tests::sample_deck();
        let on_few = |tags: Option<&str>| {
            length_note(
                &EmbedConfig {
                    mode: Some(Mode::Sort),
                    tags: tags.map(|t| vec![t.to_string()]),
                    ..EmbedConfig::default()
                },
                &few,
            )
        };
        assert_eq!(on_few(None), "Each round deals all 3 statements.");
        assert_eq!(on_few(Some("both")), "Each round deals the one statement.");
    }

    #[test]
    fn the_mode_menu() {
        for (value, mode) in [("quiz", None), ("cards", Some(Mode::Cards)), ("sort", Some(Mode::Sort))] {
            assert_eq!(read_mode(value), mode, "{value}");
            assert_eq!(mode_choice(mode), value);
        }
        // A URL's explicit mode=quiz shows as the quiz.
        assert_eq!(mode_choice(Some(Mode::Quiz)), "quiz");
        let sort = EmbedConfig {
            mode: read_mode("sort"),
            ..EmbedConfig::default()
        };
        assert_eq!(sort.to_query(), "mode=sort");
    }

    #[test]
    fn the_wrong_cards_menu_offers_every_number_of_tries_and_leaves_the_default_out() {
        let menu = retries_menu();
        assert_eq!(
            menu.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            (0..=MAX_RETRIES).collect::<Vec<_>>()
        );
        assert_eq!(menu[0].1, "Marked at once");
        assert_eq!(menu[1].1, "1 more try");
        assert_eq!(menu[2].1, "Up to 2 more tries (default)");
        assert_eq!(menu[5].1, "Up to 5 more tries");
        assert_eq!(menu.iter().filter(|(_, l)| l.ends_with("(default)")).count(), 1);
        // Each fits a phone's menu; the note under it says the rest.
        assert!(menu.iter().all(|(_, l)| l.chars().count() <= 30), "{menu:?}");
        assert_eq!(
            retries_note(0),
            "After the check, wrong cards are marked, and learners can see where they belong."
        );
        assert_eq!(
            retries_note(1),
            "After a check, wrong cards go back to the tray for another try (1 more try at most). The score counts the first check."
        );
        assert!(retries_note(5).contains("(5 more tries at most)"));
        for (n, _) in menu {
            let setting = read_retries(&n.to_string());
            assert_eq!(retries_choice(setting), n, "the menu shows what it set");
            let cfg = EmbedConfig {
                mode: Some(Mode::Sort),
                retries: setting,
                ..EmbedConfig::default()
            };
            let want = if n == DEFAULT_RETRIES {
                "mode=sort".to_string()
            } else {
                format!("mode=sort&retries={n}")
            };
            assert_eq!(cfg.to_query(), want);
        }
        assert_eq!(retries_choice(None), DEFAULT_RETRIES);
        for bad in ["", "6", "-1", "two"] {
            assert_eq!(read_retries(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn tries_after_a_check_go_only_into_a_sort_snippet() {
        let with = |mode| EmbedConfig {
            mode,
            retries: Some(0),
            embed: true,
            ..EmbedConfig::default()
        };
        assert_eq!(
            embed_url("https://x.org/", &applicable(with(Some(Mode::Sort)))),
            "https://x.org/?mode=sort&embed=1&retries=0"
        );
        for mode in [None, Some(Mode::Quiz), Some(Mode::Cards)] {
            let cfg = applicable(with(mode));
            assert_eq!(cfg.retries, None, "{mode:?}");
            assert_eq!(
                cfg,
                EmbedConfig {
                    retries: None,
                    ..with(mode)
                },
                "nothing else is dropped"
            );
        }
    }

    /// Settings a URL can hold, each in the form the parser gives it back.
    fn settings() -> impl Strategy<Value = EmbedConfig> {
        let slug = "[a-z0-9][a-z0-9-]{0,11}";
        let deck = prop_oneof![
            "https://[a-z]{1,8}\\.org/[a-zA-Z0-9/._~%?=&:-]{0,30}",
            "[a-z]{1,8}/[a-z0-9-]{1,8}\\.json",
            "packed:[A-Za-z0-9_-]{1,40}",
        ];
        let origin = prop_oneof![
            Just("https://lms.example.org".to_string()),
            Just("http://127.0.0.1:8080".to_string()),
            Just("https://[::1]:8443".to_string()),
        ];
        (
            (
                proptest::option::of(prop_oneof![Just(Mode::Quiz), Just(Mode::Cards), Just(Mode::Sort)]),
                proptest::option::of(1..=MAX_N),
                proptest::option::of(0..=MAX_SEED),
                proptest::option::of(0u8..=100),
                proptest::option::of(proptest::collection::vec(slug, 1..=6)),
                proptest::option::of(deck),
            ),
            (
                any::<bool>(),
                proptest::option::of(prop_oneof![Just(Theme::Auto), Just(Theme::Light), Just(Theme::Dark)]),
                proptest::option::of(origin),
                any::<bool>(),
                any::<bool>(),
                proptest::option::of(1..=MAX_ATTEMPTS),
                proptest::option::of(prop_oneof![
                    Just(GradeRule::All),
                    Just(GradeRule::First),
                    Just(GradeRule::Best),
                    Just(GradeRule::Last)
                ]),
                proptest::option::of(0..=MAX_RETRIES),
            ),
        )
            .prop_map(
                |(
                    (mode, n, seed, pass, tags, deck),
                    (embed, theme, parent_origin, lock, nav, attempts, grade, retries),
                )| {
                    EmbedConfig {
                        mode,
                        n,
                        seed,
                        pass,
                        tags,
                        deck,
                        embed,
                        theme,
                        parent_origin,
                        lock,
                        nav,
                        attempts,
                        grade,
                        retries,
                    }
                },
            )
    }

    proptest! {
        /// What the builder writes, the app reads back: every setting, and nothing to notice.
        #[test]
        fn the_query_string_reads_back_as_the_settings(cfg in settings()) {
            let query = cfg.to_query();
            prop_assert_eq!(EmbedConfig::from_query(&format!("?{query}"), ""), (cfg.clone(), vec![]));
        }

        /// The snippet's address, fragment and all, opens the app with exactly these settings.
        #[test]
        fn the_snippet_address_reads_back_as_the_settings(cfg in settings()) {
            let url = embed_url("https://x.org/app/", &cfg);
            let rest = url.strip_prefix("https://x.org/app/").unwrap();
            let (search, hash) = rest.split_once('#').map_or((rest, ""), |(s, h)| (s, h));
            let hash = if hash.is_empty() { String::new() } else { format!("#{hash}") };
            let location = Location::parse(search, &hash);
            prop_assert_eq!(location.notices, vec![]);
            prop_assert_eq!(location.config, cfg);
        }

        /// What the builder's menus show for a setting, read back, gives the setting: the mode,
        /// the length, and the tries after a check (the default, written or not, is left out).
        #[test]
        fn the_builder_menus_read_back_as_the_settings(cfg in settings()) {
            let mode = read_mode(mode_choice(cfg.mode));
            prop_assert_eq!(mode, cfg.mode.filter(|m| *m != Mode::Quiz));
            let (choice, text) = questions_choice(cfg.n);
            prop_assert_eq!(read_questions(&choice, &text, cfg.mode), Ok(cfg.n));
            let retries = read_retries(&retries_choice(cfg.retries).to_string());
            prop_assert_eq!(retries, cfg.retries.filter(|r| *r != DEFAULT_RETRIES));
            // A sort snippet carries the tries it was given, and reads back with them.
            let sort = applicable(EmbedConfig { mode: Some(Mode::Sort), retries, ..cfg });
            let query = sort.to_query();
            prop_assert_eq!(EmbedConfig::from_query(&format!("?{query}"), "").0, sort);
        }
    }
}
