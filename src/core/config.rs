//! Configuration from the URL: the hash route and the embed parameters a trainer puts in a link.
//!
//! Parsing is total: any query string gives a usable [`EmbedConfig`]. A bad value is ignored and
//! reported as a [`Notice`] that names the parameter and what is allowed, so a typo in an LMS
//! embed never breaks the app. Parameters may sit in the query string (`?mode=cards`) or after
//! the hash route (`#/quiz?seed=42`); the hash wins, because it is what in-app links change.
//!
//! A deck shared by link (`deck=packed:…`, see [`link`](super::link)) is content, not a setting:
//! it is read from the hash even under `lock`, and moving between screens keeps it in the hash
//! ([`Route::hash_keeping`]), so a reload still opens it.

use super::deck::{Deck, Tag};
use super::link;
use super::quiz::{GradeRule, QuizPlan, DEFAULT_PASS_MARK};
use super::rng::MAX_SEED;
use super::sort::{DEFAULT_RETRIES, MAX_RETRIES};
use super::text::{clip, is_slug, ECHO_LEN};
use std::fmt;

/// The screens of the app, addressed by hash routes so deep links work on any static host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Quiz,
    Results,
    Cards,
    /// Sort mode's board.
    Sort,
    Stats,
    Embed,
    /// A hash the app does not know; shown as a "not found" screen with a way home.
    NotFound(String),
}

impl Route {
    /// Splits a location hash (`#/quiz?seed=4`) into its route and its query string.
    pub fn parse(hash: &str) -> (Route, &str) {
        let h = hash.strip_prefix('#').unwrap_or(hash);
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        let route = match path.trim_end_matches('/') {
            "" => Route::Home,
            "/quiz" => Route::Quiz,
            "/results" => Route::Results,
            "/cards" => Route::Cards,
            "/sort" => Route::Sort,
            "/stats" => Route::Stats,
            "/embed" => Route::Embed,
            other => Route::NotFound(clip(other, 80).into_owned()),
        };
        (route, query)
    }

    /// The hash for this route, keeping a deck shared by link that `current` (the page's hash)
    /// carries: the link's deck lives in the hash, and a screen's bare hash would drop it, so a
    /// reload after the first click would open the built-in deck. The `deck` pair is kept as it
    /// was written (the last one, which is the one read), and only when it is packed.
    pub fn hash_keeping(&self, current: &str) -> String {
        let (_, query) = Route::parse(current);
        // Forwards, not from the end: a reverse search would add its own code to the wasm.
        let last_deck = raw_pairs(query)
            .map(|pair| (pair, decode_pair(pair)))
            .filter(|(_, (k, _))| k == "deck")
            .last();
        match last_deck {
            Some((pair, (_, v))) if link::is_packed(v.trim()) => format!("{}?{pair}", self.hash()),
            _ => self.hash().to_string(),
        }
    }

    /// The hash for this route.
    pub fn hash(&self) -> &'static str {
        match self {
            Route::Home | Route::NotFound(_) => "#/",
            Route::Quiz => "#/quiz",
            Route::Results => "#/results",
            Route::Cards => "#/cards",
            Route::Sort => "#/sort",
            Route::Stats => "#/stats",
            Route::Embed => "#/embed",
        }
    }
}

/// Which mode an embed opens in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Quiz,
    Cards,
    Sort,
}

impl Mode {
    /// The mode a screen belongs to, as reported to a host page: flashcards, sorting, or the
    /// quiz (which every other screen leads to).
    pub fn of(route: &Route) -> Mode {
        match route {
            Route::Cards => Mode::Cards,
            Route::Sort => Mode::Sort,
            _ => Mode::Quiz,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Quiz => "quiz",
            Mode::Cards => "cards",
            Mode::Sort => "sort",
        }
    }

    /// The screen this mode opens on.
    pub fn route(self) -> Route {
        match self {
            Mode::Quiz => Route::Quiz,
            Mode::Cards => Route::Cards,
            Mode::Sort => Route::Sort,
        }
    }

    /// `route` if it belongs to this mode, else the mode's own screen: where a learner confined
    /// to the mode lands whatever the hash says.
    pub fn confine(self, route: Route) -> Route {
        match (self, &route) {
            (Mode::Quiz, Route::Quiz | Route::Results)
            | (Mode::Sort, Route::Sort | Route::Results)
            | (Mode::Cards, Route::Cards) => route,
            _ => self.route(),
        }
    }
}

/// Where the app is: the screen, what the URL configures, and the parameters it had to ignore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub route: Route,
    pub config: EmbedConfig,
    pub notices: Vec<Notice>,
}

impl Location {
    /// Reads a location from its query string and hash. With no hash route, `mode` picks the
    /// first screen, and an embed without one opens on the quiz: an embedded home screen would
    /// only add a click. A hash with parameters but no route (`#/?deck=packed:…`) has no route.
    pub fn parse(search: &str, hash: &str) -> Location {
        let (route, hash_query) = Route::parse(hash);
        let (config, notices) = EmbedConfig::from_query(search, hash_query);
        let path = hash.split_once('?').map_or(hash, |(path, _)| path);
        let bare = path.trim_start_matches('#').trim_start_matches('/').is_empty();
        let route = match (bare, config.mode) {
            (true, Some(mode)) => mode.route(),
            (true, None) if config.embed => Route::Quiz,
            _ => route,
        };
        let route = if config.confined() {
            config.mode.unwrap_or_default().confine(route)
        } else {
            route
        };
        Location { route, config, notices }
    }
}

/// Category ids from the URL's `tags` that the deck in use does not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTags {
    pub unknown: Vec<String>,
    /// The deck's own category ids, to say what would work.
    pub allowed: Vec<String>,
}

/// Theme requested by the embed URL.
pub use super::progress::Theme;

/// Everything a URL can configure. `None` means "not set": the app's default or the learner's
/// own choice applies.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EmbedConfig {
    pub mode: Option<Mode>,
    /// Number of questions.
    pub n: Option<usize>,
    pub seed: Option<u64>,
    /// Pass mark in percent.
    pub pass: Option<u8>,
    /// Category ids to restrict questions to (checked against the deck once it is loaded).
    pub tags: Option<Vec<String>>,
    /// URL of a custom deck (absolute http(s), or relative to the page), or a deck shared in
    /// the link itself (`packed:…`, see [`link`](super::link)).
    pub deck: Option<String>,
    /// Compact layout without page chrome.
    pub embed: bool,
    pub theme: Option<Theme>,
    /// Exact origin results may be sent to.
    pub parent_origin: Option<String>,
    /// The quiz is as configured, for every attempt: the learner cannot change its length or
    /// order, and stays in the configured mode unless `nav` allows leaving it.
    pub lock: bool,
    /// With `lock`: the learner may still go to the other screens.
    pub nav: bool,
    /// The most quiz attempts a learner may start.
    pub attempts: Option<u32>,
    /// Which attempts count.
    pub grade: Option<GradeRule>,
    /// Sort mode: tries after the first check before wrong cards are marked (0: marked at once).
    pub retries: Option<u8>,
}

/// The most attempts a URL may allow.
pub const MAX_ATTEMPTS: u32 = 100;

/// A parameter that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub param: &'static str,
    /// The rejected value, shortened for display.
    pub value: String,
    /// What is allowed.
    pub allowed: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ignored {}={:?}: {}.", self.param, self.value, self.allowed)
    }
}

/// Largest number of questions a URL may ask for (the deck limit).
pub const MAX_N: usize = super::deck::MAX_STATEMENTS;
/// Longest value read from any parameter; longer values are rejected unread. A packed deck is
/// longer by nature: its length is checked where it is unpacked ([`link::MAX_PACKED_LEN`]),
/// which says what a trainer can do about it.
const MAX_VALUE_LEN: usize = 2048;

/// Decodes `application/x-www-form-urlencoded` text (`+` is a space, `%XX` a byte). Malformed
/// escapes are kept literally, as browsers do; invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a query string into decoded `(name, value)` pairs, in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    raw_pairs(query).map(decode_pair).collect()
}

/// A query string's `name=value` pairs as written.
fn raw_pairs(query: &str) -> impl Iterator<Item = &str> {
    query.trim_start_matches('?').split('&').filter(|p| !p.is_empty())
}

/// One `name=value` pair, decoded.
fn decode_pair(pair: &str) -> (String, String) {
    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
    (percent_decode(k), percent_decode(v))
}

/// Normalises an origin (`https://Example.org:443/` becomes `https://example.org`), or `None`
/// if the text is not exactly an http(s) origin: a scheme, a host, an optional port, nothing else.
pub fn parse_origin(s: &str) -> Option<String> {
    let s = s.strip_suffix('/').unwrap_or(s);
    let (scheme, rest) = s.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return None,
    };
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', '\\', ' ']) {
        return None;
    }
    let (host, port) = match rest.rsplit_once(':') {
        // An IPv6 literal's colons live inside brackets.
        Some((h, p)) if !p.contains(']') => (h, Some(p)),
        _ => (rest, None),
    };
    let host = host.to_ascii_lowercase();
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
    } else {
        !host.is_empty()
            && host.len() <= 253
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            && !host.starts_with(['.', '-'])
    };
    if !host_ok {
        return None;
    }
    match port {
        None => Some(format!("{scheme}://{host}")),
        Some(p) if p == default_port => Some(format!("{scheme}://{host}")),
        Some(p) => {
            let n: u16 = p
                .parse()
                .ok()
                .filter(|_| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))?;
            (n > 0).then(|| format!("{scheme}://{host}:{n}"))
        }
    }
}

/// The origin part of a URL (`https://lms.example.org/course/1` gives `https://lms.example.org`).
pub fn origin_of_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    // Drop any user-info ("user:pass@host"); it is not part of an origin.
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    parse_origin(&format!("{scheme}://{authority}"))
}

/// Whether a deck URL may be fetched: an absolute http(s) URL, or a relative one (which the
/// browser resolves against the page, so it stays on the page's http(s) origin).
pub fn deck_url_allowed(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.is_empty() || url.chars().any(|c| c.is_control()) {
        return false;
    }
    match lower.find(':') {
        // A colon before any '/', '?' or '#' introduces a scheme.
        Some(i) if !lower[..i].contains(['/', '?', '#']) => {
            lower.starts_with("https://") || lower.starts_with("http://")
        }
        // Relative and scheme-relative URLs resolve against the page's own http(s) scheme.
        _ => true,
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "" | "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn parse_uint(v: &str, min: u64, max: u64) -> Option<u64> {
    if v.is_empty() || v.len() > 12 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse::<u64>().ok().filter(|n| (min..=max).contains(n))
}

impl EmbedConfig {
    /// Parses the page's query string and the hash's query string (the hash wins), unless the
    /// query string locks the settings: then the hash, which a learner can change, is not read,
    /// but for a deck shared by link where the query string names no deck. That deck is the
    /// activity itself (a trainer may put it in the hash so that no server sees it), and a
    /// trainer's own deck still cannot be swapped for another.
    pub fn from_query(search: &str, hash_query: &str) -> (EmbedConfig, Vec<Notice>) {
        let mut cfg = EmbedConfig::default();
        let mut notices: Vec<Notice> = Vec::new();
        let trainer = query_pairs(search);
        let locked = trainer
            .iter()
            .rev()
            .find(|(k, _)| k == "lock")
            .is_some_and(|(_, v)| parse_bool(v.trim()) == Some(true));
        let trainer_deck = trainer.iter().any(|(k, _)| k == "deck");
        let hash = query_pairs(hash_query)
            .into_iter()
            .filter(|(k, v)| !locked || (k == "deck" && !trainer_deck && link::is_packed(v.trim())));
        for (name, value) in trainer.into_iter().chain(hash) {
            let Some(&param) = KNOWN.iter().find(|p| **p == name) else {
                continue;
            };
            let outcome = if value.len() > MAX_VALUE_LEN && !(param == "deck" && link::is_packed(value.trim())) {
                Err("the value is too long")
            } else {
                cfg.set(param, value.trim())
            };
            // The last occurrence of a parameter decides, so an earlier notice for it is dropped.
            notices.retain(|n| n.param != param);
            if let Err(allowed) = outcome {
                notices.push(Notice {
                    param,
                    value: clip(&value, ECHO_LEN).into_owned(),
                    allowed: allowed.to_string(),
                });
            }
        }
        (cfg, notices)
    }

    /// Applies one known parameter, or says what is allowed.
    fn set(&mut self, param: &str, v: &str) -> Result<(), &'static str> {
        match param {
            "mode" => {
                self.mode = Some(match v {
                    "quiz" => Mode::Quiz,
                    "cards" => Mode::Cards,
                    "sort" => Mode::Sort,
                    _ => return Err("use quiz, cards or sort"),
                })
            }
            "n" => {
                const ALLOWED: &str = "use a whole number from 1 to 10000, or all";
                self.n = Some(if v == "all" {
                    MAX_N
                } else {
                    parse_uint(v, 1, MAX_N as u64).ok_or(ALLOWED)? as usize
                })
            }
            "seed" => self.seed = Some(parse_uint(v, 0, MAX_SEED).ok_or("use a whole number from 0 to 999999999")?),
            "pass" => {
                let p = parse_uint(v.trim_end_matches('%'), 0, 100).ok_or("use a whole number from 0 to 100")?;
                self.pass = Some(p as u8)
            }
            "tags" => {
                let tags: Vec<String> = v
                    .split(',')
                    .map(|t| t.trim().to_ascii_lowercase())
                    .filter(|t| !t.is_empty())
                    .collect();
                if tags.is_empty() || tags.len() > 6 || !tags.iter().all(|t| is_slug(t)) {
                    return Err("use category ids separated by commas, such as devops,both");
                }
                self.tags = Some(tags)
            }
            "deck" => {
                if !link::is_packed(v) && !deck_url_allowed(v) {
                    return Err("use an http:// or https:// address of a deck file");
                }
                self.deck = Some(v.to_string())
            }
            "embed" => self.embed = parse_bool(v).ok_or("use 1 or 0")?,
            "theme" => self.theme = Some(Theme::parse(v).ok_or("use auto, light or dark")?),
            "parentOrigin" => {
                self.parent_origin =
                    Some(parse_origin(v).ok_or("use an origin such as https://lms.example.org (no path)")?)
            }
            "lock" => self.lock = parse_bool(v).ok_or("use 1 or 0")?,
            "nav" => self.nav = parse_bool(v).ok_or("use 1 or 0")?,
            "attempts" => {
                let n = parse_uint(v, 1, MAX_ATTEMPTS.into()).ok_or("use a whole number from 1 to 100")?;
                self.attempts = Some(n as u32)
            }
            "grade" => self.grade = Some(GradeRule::parse(v).ok_or("use all, first, best or last")?),
            "retries" => {
                let n = parse_uint(v, 0, MAX_RETRIES.into()).ok_or("use a whole number from 0 to 5")?;
                self.retries = Some(n as u8)
            }
            _ => {}
        }
        Ok(())
    }

    /// Builds the query string for these settings (used by the embed builder), in a fixed order.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(m) = self.mode {
            parts.push(format!("mode={}", m.as_str()));
        }
        if let Some(n) = self.n {
            parts.push(if n >= MAX_N { "n=all".into() } else { format!("n={n}") });
        }
        if let Some(s) = self.seed {
            parts.push(format!("seed={s}"));
        }
        if let Some(p) = self.pass {
            parts.push(format!("pass={p}"));
        }
        if let Some(t) = &self.tags {
            parts.push(format!("tags={}", t.join(",")));
        }
        if let Some(d) = &self.deck {
            parts.push(format!("deck={}", percent_encode(d)));
        }
        if self.embed {
            parts.push("embed=1".into());
        }
        if let Some(t) = self.theme {
            parts.push(format!("theme={}", t.as_str()));
        }
        if let Some(o) = &self.parent_origin {
            parts.push(format!("parentOrigin={}", percent_encode(o)));
        }
        if self.lock {
            parts.push("lock=1".into());
        }
        if self.nav {
            parts.push("nav=1".into());
        }
        if let Some(a) = self.attempts {
            parts.push(format!("attempts={a}"));
        }
        if let Some(g) = self.grade {
            parts.push(format!("grade={}", g.as_str()));
        }
        if let Some(r) = self.retries {
            parts.push(format!("retries={r}"));
        }
        parts.join("&")
    }
}

impl EmbedConfig {
    /// Whether the learner is kept in the configured mode.
    pub fn confined(&self) -> bool {
        self.lock && !self.nav
    }

    /// Whether the learner should be spared the trainer's errors: inside a frame, or in the
    /// compact embed layout. Such a learner is told the activity needs its trainer; the detail
    /// goes to the console and the host page.
    pub fn learner_facing(&self, framed: bool) -> bool {
        framed || self.embed
    }

    /// The quiz plan these settings make on `deck`: `tags` are matched to the deck's categories
    /// (ids it does not have are reported, and a list with none left asks everything).
    pub fn quiz_plan(&self, deck: &Deck) -> (QuizPlan, Option<UnknownTags>) {
        let (mut only, mut unknown): (Vec<Tag>, Vec<String>) = (Vec::new(), Vec::new());
        for id in self.tags.as_deref().unwrap_or_default() {
            match deck.tag_by_id(id) {
                Some(tag) => only.push(tag),
                None => unknown.push(id.clone()),
            }
        }
        let plan = QuizPlan {
            requested: self.n,
            seed: self.seed,
            only: (!only.is_empty()).then_some(only),
            pass_mark: self.pass.unwrap_or(DEFAULT_PASS_MARK),
            locked: self.lock,
            max_attempts: self.attempts,
            grade: self.grade.unwrap_or_default(),
            retries: self.retries.unwrap_or(DEFAULT_RETRIES),
        };
        let unknown = (!unknown.is_empty()).then(|| UnknownTags {
            unknown,
            allowed: deck.categories.iter().map(|c| c.id.clone()).collect(),
        });
        (plan, unknown)
    }
}

/// The parameter names this app reads.
pub const KNOWN: [&str; 14] = [
    "mode",
    "n",
    "seed",
    "pass",
    "tags",
    "deck",
    "embed",
    "theme",
    "parentOrigin",
    "lock",
    "nav",
    "attempts",
    "grade",
    "retries",
];

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        for (hash, route, query) in [
            ("", Route::Home, ""),
            ("#", Route::Home, ""),
            ("#/", Route::Home, ""),
            ("#/quiz", Route::Quiz, ""),
            ("#/quiz?seed=42", Route::Quiz, "seed=42"),
            ("#/quiz/", Route::Quiz, ""),
            ("#/results", Route::Results, ""),
            ("#/cards?mode=cards", Route::Cards, "mode=cards"),
            ("#/stats", Route::Stats, ""),
            ("#/embed", Route::Embed, ""),
            ("#/nope", Route::NotFound("/nope".into()), ""),
            // A long unknown path is cut before the "not found" screen repeats it.
            (
                &format!("#/{}", "x".repeat(100)),
                Route::NotFound(format!("/{}\u{2026}", "x".repeat(79))),
                "",
            ),
        ] {
            assert_eq!(Route::parse(hash), (route.clone(), query), "{hash}");
            if !matches!(route, Route::NotFound(_)) {
                assert_eq!(Route::parse(route.hash()).0, route);
            }
        }
    }

    #[test]
    fn good_parameters() {
        let (cfg, notices) = EmbedConfig::from_query(
            "?mode=cards&n=20&seed=42&pass=80&tags=devops,Both&deck=https%3A%2F%2Fx.org%2Fd.json&embed=1&theme=dark&parentOrigin=https://LMS.example.org:443/",
            "",
        );
        assert_eq!(notices, vec![]);
        assert_eq!(
            cfg,
            EmbedConfig {
                mode: Some(Mode::Cards),
                n: Some(20),
                seed: Some(42),
                pass: Some(80),
                tags: Some(vec!["devops".into(), "both".into()]),
                deck: Some("https://x.org/d.json".into()),
                embed: true,
                theme: Some(Theme::Dark),
                parent_origin: Some("https://lms.example.org".into()),
                ..EmbedConfig::default()
            }
        );
        assert_eq!(EmbedConfig::from_query(&format!("?{}", cfg.to_query()), "").0, cfg);
    }

    /// Each row: the page's hash, the screen to go to, and the hash that takes it there.
    #[test]
    fn moving_between_screens_keeps_a_deck_shared_by_link() {
        for (current, route, want) in [
            ("", Route::Quiz, "#/quiz"),
            ("#/", Route::Cards, "#/cards"),
            ("#/?deck=packed:AbC", Route::Quiz, "#/quiz?deck=packed:AbC"),
            (
                "#/results?seed=4&deck=packed:AbC&n=3",
                Route::Home,
                "#/?deck=packed:AbC",
            ),
            // As written, escapes and all.
            ("#/?deck=packed%3AAbC", Route::Cards, "#/cards?deck=packed%3AAbC"),
            ("#/quiz?%64eck=packed:AbC", Route::Stats, "#/stats?%64eck=packed:AbC"),
            (
                "#/nope?deck=packed:AbC",
                Route::NotFound("/nope".into()),
                "#/?deck=packed:AbC",
            ),
            // An address is not content; screens never kept one.
            ("#/?deck=https://x.org/d.json", Route::Quiz, "#/quiz"),
            ("#/?deck=packed-not:AbC", Route::Quiz, "#/quiz"),
            // The last deck is the one read, so it is the one kept.
            ("#/?deck=packed:A&deck=https://x.org/d.json", Route::Quiz, "#/quiz"),
            (
                "#/?deck=https://x.org/d.json&deck=packed:B",
                Route::Quiz,
                "#/quiz?deck=packed:B",
            ),
            ("#/?deck", Route::Quiz, "#/quiz"),
        ] {
            let kept = route.hash_keeping(current);
            assert_eq!(kept, want, "{current} to {route:?}");
            // The new hash opens the screen on the same deck.
            let was = Location::parse("", current);
            let now = Location::parse("", &kept);
            if !matches!(route, Route::NotFound(_)) {
                assert_eq!(now.route, route, "{kept}");
            }
            if want.contains("deck=") {
                assert_eq!(now.config.deck, was.config.deck, "{kept}");
            }
        }
    }

    #[test]
    fn a_deck_shared_by_link_is_accepted_at_any_length() {
        let packed = format!("packed:{}", "A".repeat(9000));
        let (cfg, notices) = EmbedConfig::from_query(&format!("?deck={packed}"), "");
        assert_eq!((cfg.deck.as_deref(), notices), (Some(packed.as_str()), vec![]));
        assert_eq!(EmbedConfig::from_query(&format!("?{}", cfg.to_query()), "").0, cfg);
        // An address of that length is still refused unread.
        let (cfg, notices) = EmbedConfig::from_query(&format!("?deck=https://x.org/{}", "a".repeat(3000)), "");
        assert_eq!((cfg.deck, notices[0].allowed.as_str()), (None, "the value is too long"));
        // Whether the packed text is sound is for the unpacking to say, with its own message.
        assert_eq!(
            EmbedConfig::from_query("", "deck=packed:%%%").0.deck.as_deref(),
            Some("packed:%%%")
        );
        // The prefix is exact; anything else that looks like a scheme is refused as before.
        let (cfg, notices) = EmbedConfig::from_query("?deck=Packed:AbC", "");
        assert_eq!((cfg.deck, notices[0].param), (None, "deck"));
    }

    /// Each row: query string, hash query, and the deck read.
    #[test]
    fn under_lock_the_hash_gives_only_a_shared_deck_and_only_when_the_trainer_named_none() {
        for (search, hash, deck) in [
            ("?embed=1&lock=1", "deck=packed:AbC", Some("packed:AbC")),
            ("?lock=1", "n=3&deck=packed:AbC&mode=cards", Some("packed:AbC")),
            (
                "?lock=1&deck=https://x.org/d.json",
                "deck=packed:AbC",
                Some("https://x.org/d.json"),
            ),
            (
                "?lock=1&deck=packed:Trainer",
                "deck=packed:Learner",
                Some("packed:Trainer"),
            ),
            ("?lock=1", "deck=https://x.org/other.json", None),
            ("?lock=1", "deck=d.json", None),
            // Unlocked, the hash wins as for every parameter.
            ("?deck=https://x.org/d.json", "deck=packed:AbC", Some("packed:AbC")),
        ] {
            let (cfg, notices) = EmbedConfig::from_query(search, hash);
            assert_eq!(cfg.deck.as_deref(), deck, "{search} {hash}");
            assert!(notices.is_empty(), "{search} {hash}: {notices:?}");
            if search.contains("lock") {
                assert_eq!((cfg.n, cfg.mode), (None, None), "{search} {hash}: nothing else is read");
            }
        }
    }

    #[test]
    fn parameters_without_a_route_open_the_configured_screen() {
        let at = |search: &str, hash: &str| Location::parse(search, hash).route;
        assert_eq!(at("?embed=1", "#/?deck=packed:AbC"), Route::Quiz);
        assert_eq!(at("?embed=1&mode=cards", "#/?deck=packed:AbC"), Route::Cards);
        assert_eq!(at("", "#/?deck=packed:AbC"), Route::Home);
        assert_eq!(at("?embed=1", "#/stats?deck=packed:AbC"), Route::Stats);
        assert_eq!(at("", "#?mode=cards"), Route::Cards);
    }

    #[test]
    fn hash_query_wins() {
        let (cfg, _) = EmbedConfig::from_query("?seed=1&n=5", "seed=2");
        assert_eq!((cfg.seed, cfg.n), (Some(2), Some(5)));
    }

    #[test]
    fn a_lock_in_the_query_string_shuts_out_the_hash() {
        let (cfg, notices) = EmbedConfig::from_query("?n=5&seed=42&lock=1", "n=20&seed=1&lock=0&mode=cards&bad=1");
        assert_eq!((cfg.n, cfg.seed, cfg.lock, cfg.mode), (Some(5), Some(42), true, None));
        assert!(
            notices.is_empty(),
            "what the learner typed is not the trainer's mistake"
        );
        // The last lock decides, as for every parameter.
        assert!(!EmbedConfig::from_query("?lock=1&lock=0", "n=20").0.lock);
        assert_eq!(EmbedConfig::from_query("?lock=1&lock=0", "n=20").0.n, Some(20));
        // A lock in the hash locks, but cannot shut out itself.
        let (cfg, _) = EmbedConfig::from_query("?n=5", "n=7&lock=1");
        assert_eq!((cfg.n, cfg.lock), (Some(7), true));
    }

    #[test]
    fn assessment_parameters_round_trip_and_make_the_plan() {
        let (cfg, notices) = EmbedConfig::from_query("?lock=1&nav=1&attempts=3&grade=best&n=5", "");
        assert!(notices.is_empty());
        assert_eq!(
            (cfg.lock, cfg.nav, cfg.attempts, cfg.grade),
            (true, true, Some(3), Some(GradeRule::Best))
        );
        assert_eq!(cfg.to_query(), "n=5&lock=1&nav=1&attempts=3&grade=best");
        assert_eq!(EmbedConfig::from_query(&format!("?{}", cfg.to_query()), "").0, cfg);
        let deck = Deck::builtin().unwrap();
        let plan = cfg.quiz_plan(&deck).0;
        assert_eq!(
            (plan.locked, plan.max_attempts, plan.grade),
            (true, Some(3), GradeRule::Best)
        );
        assert_eq!(plan.key(), "quiz;n=5;pass=70;lock");
        assert!(!cfg.confined(), "nav=1 lets the learner move about");
    }

    #[test]
    fn a_locked_learner_stays_in_the_configured_mode() {
        let at = |search: &str, hash: &str| Location::parse(search, hash).route;
        for hash in ["#/", "#/stats", "#/cards", "#/embed", "#/nowhere", "#/quiz?mode=cards"] {
            assert_eq!(at("?lock=1", hash), Route::Quiz, "{hash}");
        }
        assert_eq!(at("?lock=1", "#/results"), Route::Results, "results belong to the quiz");
        for hash in ["#/", "#/quiz", "#/results", "#/stats"] {
            assert_eq!(at("?lock=1&mode=cards", hash), Route::Cards, "{hash}");
        }
        assert_eq!(
            at("?lock=1&nav=1", "#/stats"),
            Route::Stats,
            "unless the trainer allows it"
        );
        assert_eq!(at("?n=5", "#/stats"), Route::Stats, "and only when locked");
    }

    /// Each row: a parameter with a bad value, and the notice it gives. The config stays default.
    #[test]
    fn bad_values_give_notices() {
        let long = "9".repeat(3000);
        let rows: Vec<(String, &str, &str)> = vec![
            ("mode=exam".into(), "mode", "Ignored mode=\"exam\": use quiz, cards or sort."),
            ("n=0".into(), "n", "Ignored n=\"0\": use a whole number from 1 to 10000, or all."),
            ("n=-5".into(), "n", "Ignored n=\"-5\": use a whole number from 1 to 10000, or all."),
            ("n=ten".into(), "n", "Ignored n=\"ten\": use a whole number from 1 to 10000, or all."),
            ("n=10001".into(), "n", "Ignored n=\"10001\": use a whole number from 1 to 10000, or all."),
            ("n=1e3".into(), "n", "Ignored n=\"1e3\": use a whole number from 1 to 10000, or all."),
            ("seed=abc".into(), "seed", "Ignored seed=\"abc\": use a whole number from 0 to 999999999."),
            ("seed=99999999999999999999999".into(), "seed", "Ignored seed=\"99999999999999999999999\": use a whole number from 0 to 999999999."),
            ("pass=101".into(), "pass", "Ignored pass=\"101\": use a whole number from 0 to 100."),
            ("pass=".into(), "pass", "Ignored pass=\"\": use a whole number from 0 to 100."),
            ("tags=dev ops".into(), "tags", "Ignored tags=\"dev ops\": use category ids separated by commas, such as devops,both."),
            ("tags=,".into(), "tags", "Ignored tags=\",\": use category ids separated by commas, such as devops,both."),
            ("deck=javascript:alert(1)".into(), "deck", "Ignored deck=\"javascript:alert(1)\": use an http:// or https:// address of a deck file."),
            ("deck=data:application/json,{}".into(), "deck", "Ignored deck=\"data:application/json,{}\": use an http:// or https:// address of a deck file."),
            ("deck=file:///etc/passwd".into(), "deck", "Ignored deck=\"file:///etc/passwd\": use an http:// or https:// address of a deck file."),
            ("embed=maybe".into(), "embed", "Ignored embed=\"maybe\": use 1 or 0."),
            ("theme=pink".into(), "theme", "Ignored theme=\"pink\": use auto, light or dark."),
            ("parentOrigin=*".into(), "parentOrigin", "Ignored parentOrigin=\"*\": use an origin such as https://lms.example.org (no path)."),
            ("parentOrigin=https://lms.example.org/course".into(), "parentOrigin", "Ignored parentOrigin=\"https://lms.example.org/course\": use an origin such as https://lms.example.org (no path)."),
            ("theme=%3Cscript%3E".into(), "theme", "Ignored theme=\"<script>\": use auto, light or dark."),
            (format!("seed={long}"), "seed", "Ignored seed=\"9999999999999999999999999999999999999999\u{2026}\": the value is too long."),
            ("mode=%F0%9F%98%80".into(), "mode", "Ignored mode=\"\u{1F600}\": use quiz, cards or sort."),
            ("lock=always".into(), "lock", "Ignored lock=\"always\": use 1 or 0."),
            ("nav=2".into(), "nav", "Ignored nav=\"2\": use 1 or 0."),
            ("attempts=0".into(), "attempts", "Ignored attempts=\"0\": use a whole number from 1 to 100."),
            ("attempts=101".into(), "attempts", "Ignored attempts=\"101\": use a whole number from 1 to 100."),
            ("grade=average".into(), "grade", "Ignored grade=\"average\": use all, first, best or last."),
        ];
        for (query, param, want) in rows {
            let (cfg, notices) = EmbedConfig::from_query(&query, "");
            assert_eq!(cfg, EmbedConfig::default(), "{query}");
            assert_eq!(notices.len(), 1, "{query}");
            assert_eq!(notices[0].param, param);
            assert_eq!(notices[0].to_string(), want);
        }
    }

    #[test]
    fn unknown_and_empty_parameters_are_harmless() {
        let (cfg, notices) = EmbedConfig::from_query("?&&utm_source=x&=&embed", "");
        assert!(notices.is_empty());
        assert!(cfg.embed, "a bare embed flag turns it on");
    }

    #[test]
    fn a_later_good_value_clears_the_notice() {
        let (cfg, notices) = EmbedConfig::from_query("?n=abc&n=5", "");
        assert_eq!(cfg.n, Some(5));
        assert!(notices.is_empty());
    }

    #[test]
    fn origins() {
        for (input, want) in [
            ("https://lms.example.org", Some("https://lms.example.org")),
            ("https://LMS.Example.org/", Some("https://lms.example.org")),
            ("http://127.0.0.1:8080", Some("http://127.0.0.1:8080")),
            ("http://localhost:80", Some("http://localhost")),
            ("https://[::1]:8443", Some("https://[::1]:8443")),
            ("https://x.org:0", None),
            ("https://x.org:99999", None),
            ("https://x.org:+80", None),
            ("ftp://x.org", None),
            ("https://", None),
            ("https://x.org/path", None),
            ("https://user@x.org", None),
            ("https://*.x.org", None),
            ("null", None),
            ("*", None),
            ("", None),
        ] {
            assert_eq!(parse_origin(input).as_deref(), want, "{input}");
        }
        assert_eq!(
            origin_of_url("https://lms.example.org/course/1?x=2").as_deref(),
            Some("https://lms.example.org")
        );
        assert_eq!(
            origin_of_url("http://a:b@127.0.0.1:9000/").as_deref(),
            Some("http://127.0.0.1:9000")
        );
        assert_eq!(origin_of_url("about:blank"), None);
        assert_eq!(origin_of_url(""), None);
    }

    #[test]
    fn deck_urls() {
        for (url, ok) in [
            ("https://example.org/deck.json", true),
            ("HTTP://example.org/deck.json", true),
            ("decks/mine.json", true),
            ("/decks/mine.json", true),
            ("./d.json?v=1:2", true),
            ("javascript:alert(1)", false),
            (" javascript:alert(1)", false),
            ("data:text/plain,x", false),
            ("blob:https://x/1", false),
            ("file:///x", false),
            ("", false),
            ("https://x.org/\n", false),
        ] {
            assert_eq!(deck_url_allowed(url), ok, "{url:?}");
        }
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a+b%20c"), "a b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
        assert_eq!(percent_encode("https://x.org/a b"), "https%3A%2F%2Fx.org%2Fa%20b");
    }
}
