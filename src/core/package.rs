//! LMS packages: RoleCall as a SCORM 1.2, SCORM 2004 (4th edition) or cmi5 zip that a trainer
//! uploads to a learning management system.
//!
//! A package is the learner's app exactly as deployed (the files the service worker precaches,
//! without the studio), an optional custom deck as `deck.json`, and one generated manifest:
//! `imsmanifest.xml` for SCORM, `cmi5.xml` for cmi5. The studio (in the browser) and the build
//! (`src/bin/package.rs`, on the host) both assemble packages here, so both make the same bytes
//! from the same inputs.
//!
//! Invariants:
//! - The **launch query** is the app's own URL query for the chosen settings
//!   ([`EmbedConfig::to_query`]), always with `embed=1`, and `deck=deck.json` when a custom deck
//!   travels in the zip. SCORM hands it to the app as `cmi.launch_data` (the manifest's
//!   `adlcp:datafromlms` / `adlcp:dataFromLMS`); cmi5 as the AU's `launchParameters`. The launch
//!   URL itself is always plain `index.html`.
//! - The pass mark reaches the LMS as its own mastery setting: SCORM 1.2 `adlcp:masteryscore`
//!   (0 to 100), SCORM 2004 the primary objective's `imsss:minNormalizedMeasure` (0 to 1, which
//!   the LMS gives back as `cmi.scaled_passing_score`), cmi5 `masteryScore` (0 to 1).
//! - Identifiers are valid for their schema: SCORM's are `xs:ID` (an NCName, built from the deck
//!   id, which is a slug), cmi5's are URIs (`urn:rolecall:…`). They depend only on the deck id,
//!   so a package rebuilt with other settings is the same course to the LMS.
//! - Output is deterministic: the same inputs give the same bytes (fixed entry order, fixed
//!   timestamps), so the build's packages change only when the app does.

use super::config::{percent_encode, EmbedConfig};
use super::deck::Deck;
use super::quiz::DEFAULT_PASS_MARK;
use std::fmt;
use std::io::Write;

/// The page every package launches.
pub const LAUNCH_PAGE: &str = "index.html";
/// Where a custom deck goes in the zip; the launch query names it.
pub const DECK_FILE: &str = "deck.json";
/// The service worker: packaged with its precache list narrowed to the package's own files.
pub const WORKER_FILE: &str = "sw.js";

/// The package formats an LMS may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Scorm12,
    Scorm2004,
    Cmi5,
}

impl Format {
    /// Every format, in the order the studio offers them.
    pub const ALL: [Format; 3] = [Format::Scorm12, Format::Scorm2004, Format::Cmi5];

    /// The short name used in file names and test ids.
    pub fn slug(self) -> &'static str {
        match self {
            Format::Scorm12 => "scorm12",
            Format::Scorm2004 => "scorm2004",
            Format::Cmi5 => "cmi5",
        }
    }

    /// The name people know the standard by.
    pub fn label(self) -> &'static str {
        match self {
            Format::Scorm12 => "SCORM 1.2",
            Format::Scorm2004 => "SCORM 2004 (4th edition)",
            Format::Cmi5 => "cmi5",
        }
    }

    /// The manifest's file name at the root of the zip.
    pub fn manifest_name(self) -> &'static str {
        match self {
            Format::Scorm12 | Format::Scorm2004 => "imsmanifest.xml",
            Format::Cmi5 => "cmi5.xml",
        }
    }

    /// The zip's suggested file name: `rolecall-<deck id>-<format>.zip`.
    pub fn file_name(self, deck: &Deck) -> String {
        format!("rolecall-{}-{}.zip", ncname_part(deck.id.as_str()), self.slug())
    }
}

/// Why a package could not be made. `Display` says what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageError {
    /// The service worker has no precache list (not a release build of RoleCall).
    NoFileList,
    /// The precache list names something that is not a plain relative file path.
    BadFileName(String),
    /// The precache list has no launch page.
    NoLaunchPage,
    /// The zip writer failed.
    Zip(String),
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackageError::NoFileList => write!(
                f,
                "sw.js has no list of the app's files: deploy a release build (make dist) and try again"
            ),
            PackageError::BadFileName(name) => {
                write!(f, "sw.js lists {name:?}, which is not a file of the app")
            }
            PackageError::NoLaunchPage => write!(f, "sw.js does not list {LAUNCH_PAGE}"),
            PackageError::Zip(why) => write!(f, "the zip could not be written: {why}"),
        }
    }
}

/// The precache list a built `sw.js` carries (`const PRECACHE = [...];`, written by the build),
/// and where it sits in the text.
fn precache(worker: &str) -> Result<(Vec<String>, std::ops::Range<usize>), PackageError> {
    const START: &str = "const PRECACHE = ";
    let start = worker.find(START).ok_or(PackageError::NoFileList)? + START.len();
    let end = start + worker[start..].find(";\n").ok_or(PackageError::NoFileList)?;
    let list: Vec<String> = serde_json::from_str(&worker[start..end]).map_err(|_| PackageError::NoFileList)?;
    Ok((list, start..end))
}

/// Whether `name` is a plain relative path to a file: no scheme, no `..`, no query.
fn plain_file(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.ends_with('/')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && !name.contains(|c: char| matches!(c, ':' | '?' | '#' | '\\') || c.is_control())
}

/// The learner's files a package carries, read from the built `sw.js`: its precache list without
/// the app's folder (`./`) and the studio (`studio/…`), then the worker itself. Each is fetched
/// from (or read in) the app's folder.
pub fn learner_files(worker: &str) -> Result<Vec<String>, PackageError> {
    let (list, _) = precache(worker)?;
    let mut files = Vec::new();
    for name in list {
        if name == "./" || name == "studio/" || name.starts_with("studio/") {
            continue;
        }
        if !plain_file(&name) || name == WORKER_FILE || name == DECK_FILE {
            return Err(PackageError::BadFileName(name));
        }
        files.push(name);
    }
    if !files.iter().any(|f| f == LAUNCH_PAGE) {
        return Err(PackageError::NoLaunchPage);
    }
    files.push(WORKER_FILE.to_string());
    Ok(files)
}

/// The launch query for `settings`: the app's URL query, always with `embed=1` (the app runs in
/// the LMS's frame or window, without page chrome), naming `deck.json` when a custom deck is
/// packaged. What `settings.deck` says is replaced: the package never depends on the deck's
/// original address.
pub fn launch_query(settings: &EmbedConfig, custom_deck: bool) -> String {
    let mut cfg = settings.clone();
    cfg.embed = true;
    cfg.deck = custom_deck.then(|| DECK_FILE.to_string());
    cfg.to_query()
}

/// What a manifest says, besides the file list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Course<'a> {
    pub deck: &'a Deck,
    /// See [`launch_query`].
    pub launch: String,
    /// Pass mark in percent, 0 to 100.
    pub pass: u8,
}

impl<'a> Course<'a> {
    /// The course for `deck` with `settings` (pass mark, launch query).
    pub fn new(deck: &'a Deck, settings: &EmbedConfig, custom_deck: bool) -> Course<'a> {
        Course {
            deck,
            launch: launch_query(settings, custom_deck),
            pass: settings.pass.unwrap_or(DEFAULT_PASS_MARK).min(100),
        }
    }
}

/// `text` escaped for XML content and attribute values, without the characters XML 1.0 cannot
/// carry at all (most control characters, U+FFFE, U+FFFF).
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `id` reduced to NCName characters (letters, digits, `-`, `_`, `.`). Deck ids are slugs, which
/// pass unchanged; this only guards the schema against anything else.
fn ncname_part(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() {
        "deck".into()
    } else {
        s
    }
}

/// The deck's language if it is an `xs:language` value, else `en`.
fn language(deck: &Deck) -> &str {
    let ok = deck.language.split('-').enumerate().all(|(i, part)| {
        (1..=8).contains(&part.len())
            && part.chars().all(|c| {
                if i == 0 {
                    c.is_ascii_alphabetic()
                } else {
                    c.is_ascii_alphanumeric()
                }
            })
    });
    if ok {
        &deck.language
    } else {
        "en"
    }
}

/// A percentage as a fraction of one, exactly: 70 -> `0.7`, 5 -> `0.05`, 100 -> `1`.
pub fn fraction(percent: u8) -> String {
    match percent.min(100) {
        100 => "1".into(),
        0 => "0".into(),
        p if p % 10 == 0 => format!("0.{}", p / 10),
        p => format!("0.{p:02}"),
    }
}

/// The manifest of `format` for `course`, listing `files` (every file in the zip but the
/// manifest itself) as the one resource's files.
pub fn manifest(format: Format, course: &Course, files: &[String]) -> String {
    match format {
        Format::Scorm12 => scorm12(course, files),
        Format::Scorm2004 => scorm2004(course, files),
        Format::Cmi5 => cmi5(course),
    }
}

fn file_list(files: &[String]) -> String {
    files
        .iter()
        .map(|f| format!("      <file href=\"{}\"/>\n", xml_escape(f)))
        .collect()
}

/// SCORM 1.2: IMS Content Packaging 1.1.2 with ADL's `adlcp` extension (`adlcp_rootv1p2`), and
/// the deck's title and description as IMS metadata 1.2.1.
fn scorm12(course: &Course, files: &[String]) -> String {
    let deck = course.deck;
    let id = ncname_part(deck.id.as_str());
    let (title, description, lang) = (xml_escape(&deck.title), xml_escape(&deck.description), language(deck));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="rolecall-{id}" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
    <imsmd:lom>
      <imsmd:general>
        <imsmd:title><imsmd:langstring xml:lang="{lang}">{title}</imsmd:langstring></imsmd:title>
        <imsmd:description><imsmd:langstring xml:lang="{lang}">{description}</imsmd:langstring></imsmd:description>
      </imsmd:general>
    </imsmd:lom>
  </metadata>
  <organizations default="rolecall-{id}-org">
    <organization identifier="rolecall-{id}-org">
      <title>{title}</title>
      <item identifier="rolecall-{id}-item" identifierref="rolecall-{id}-sco" isvisible="true">
        <title>{title}</title>
        <adlcp:datafromlms>{launch}</adlcp:datafromlms>
        <adlcp:masteryscore>{pass}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="rolecall-{id}-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH_PAGE}">
{files}    </resource>
  </resources>
</manifest>
"#,
        launch = xml_escape(&course.launch),
        pass = course.pass.min(100),
        files = file_list(files),
    )
}

/// SCORM 2004 4th edition: IMS Content Packaging 1.1.4 with ADL's `adlcp_v1p3` and IMS Simple
/// Sequencing, whose primary objective is satisfied by the score against the pass mark.
fn scorm2004(course: &Course, files: &[String]) -> String {
    let deck = course.deck;
    let id = ncname_part(deck.id.as_str());
    let title = xml_escape(&deck.title);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="rolecall-{id}" version="1.0"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="rolecall-{id}-org">
    <organization identifier="rolecall-{id}-org">
      <title>{title}</title>
      <item identifier="rolecall-{id}-item" identifierref="rolecall-{id}-sco">
        <title>{title}</title>
        <adlcp:dataFromLMS>{launch}</adlcp:dataFromLMS>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="rolecall-{id}-passed" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>{measure}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="rolecall-{id}-sco" type="webcontent" adlcp:scormType="sco" href="{LAUNCH_PAGE}">
{files}    </resource>
  </resources>
</manifest>
"#,
        launch = xml_escape(&course.launch),
        measure = fraction(course.pass),
        files = file_list(files),
    )
}

/// cmi5: the course structure with one assignable unit, passed and completed by one quiz.
fn cmi5(course: &Course) -> String {
    let deck = course.deck;
    // The URI part for the deck id: unreserved characters kept, anything else percent-encoded.
    let id = percent_encode(deck.id.as_str());
    let (title, description, lang) = (xml_escape(&deck.title), xml_escape(&deck.description), language(deck));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="urn:rolecall:course:{id}">
    <title><langstring lang="{lang}">{title}</langstring></title>
    <description><langstring lang="{lang}">{description}</langstring></description>
  </course>
  <au id="urn:rolecall:course:{id}:au" moveOn="CompletedAndPassed" masteryScore="{mastery}" launchMethod="AnyWindow">
    <title><langstring lang="{lang}">{title}</langstring></title>
    <description><langstring lang="{lang}">{description}</langstring></description>
    <url>{LAUNCH_PAGE}</url>
    <launchParameters>{launch}</launchParameters>
  </au>
</courseStructure>
"#,
        mastery = fraction(course.pass),
        launch = xml_escape(&course.launch),
    )
}

/// The packaged service worker: the deployed one with its precache list narrowed to `files`, so
/// that it never asks the LMS for the studio or for the app's folder itself.
pub fn package_worker(worker: &str, files: &[String]) -> Result<String, PackageError> {
    let (_, at) = precache(worker)?;
    let list: Vec<&String> = files.iter().filter(|f| *f != WORKER_FILE).collect();
    let json = serde_json::to_string(&list).map_err(|e| PackageError::Zip(e.to_string()))?;
    Ok(format!("{}{json}{}", &worker[..at.start], &worker[at.end..]))
}

/// A package, ready to zip: every entry's name and bytes, the manifest first.
pub fn entries(
    format: Format,
    course: &Course,
    app_files: Vec<(String, Vec<u8>)>,
    custom_deck: Option<Vec<u8>>,
) -> Result<Vec<(String, Vec<u8>)>, PackageError> {
    let mut files = app_files;
    if let Some(deck) = custom_deck {
        files.push((DECK_FILE.to_string(), deck));
    }
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    for (name, bytes) in &mut files {
        if name == WORKER_FILE {
            let text = String::from_utf8(std::mem::take(bytes)).map_err(|_| PackageError::NoFileList)?;
            *bytes = package_worker(&text, &names)?.into_bytes();
        }
    }
    let manifest = manifest(format, course, &names);
    let mut out = vec![(format.manifest_name().to_string(), manifest.into_bytes())];
    out.extend(files);
    Ok(out)
}

/// The zip of `entries`, in their order: deflated (stored for images, which are compressed
/// already), with the fixed DOS timestamp 1980-01-01 00:00, so equal entries give equal bytes.
pub fn zip(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, PackageError> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let err = |e: &dyn fmt::Display| PackageError::Zip(e.to_string());
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        let method = if name.ends_with(".png") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        writer.start_file(name.as_str(), options).map_err(|e| err(&e))?;
        writer.write_all(bytes).map_err(|e| err(&e))?;
    }
    Ok(writer.finish().map_err(|e| err(&e))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::deck::Deck;

    const WORKER: &str = "const BUILD = \"abc\";\nconst PRECACHE = [\"./\", \"studio/\", \"icon.png\", \"index.html\", \"app_bg.wasm\", \"studio/index.html\", \"studio/s_bg.wasm\"];\nconst CACHE = \"rolecall-\" + BUILD;\n";

    fn deck_with(title: &str, description: &str) -> Deck {
        let mut deck = Deck::builtin().unwrap();
        deck.title = title.into();
        deck.description = description.into();
        deck
    }

    fn settings(query: &str) -> EmbedConfig {
        EmbedConfig::from_query(query, "").0
    }

    #[test]
    fn the_learner_files_are_the_precache_list_without_the_studio_plus_the_worker() {
        assert_eq!(
            learner_files(WORKER).unwrap(),
            ["icon.png", "index.html", "app_bg.wasm", "sw.js"]
        );
        let rows: &[(&str, PackageError)] = &[
            ("const PRECACHE = [/*__PRECACHE__*/];\n", PackageError::NoFileList),
            ("self.addEventListener()\n", PackageError::NoFileList),
            ("const PRECACHE = [\"index.html\"]", PackageError::NoFileList),
            ("const PRECACHE = [\"x.js\"];\n", PackageError::NoLaunchPage),
            (
                "const PRECACHE = [\"index.html\", \"../etc/passwd\"];\n",
                PackageError::BadFileName("../etc/passwd".into()),
            ),
            (
                "const PRECACHE = [\"index.html\", \"https://x.org/a.js\"];\n",
                PackageError::BadFileName("https://x.org/a.js".into()),
            ),
            (
                "const PRECACHE = [\"index.html\", \"/abs.js\"];\n",
                PackageError::BadFileName("/abs.js".into()),
            ),
            (
                "const PRECACHE = [\"index.html\", \"a.js?v=1\"];\n",
                PackageError::BadFileName("a.js?v=1".into()),
            ),
            (
                "const PRECACHE = [\"index.html\", \"deck.json\"];\n",
                PackageError::BadFileName("deck.json".into()),
            ),
            (
                "const PRECACHE = [\"index.html\", \"sw.js\"];\n",
                PackageError::BadFileName("sw.js".into()),
            ),
        ];
        for (worker, want) in rows {
            assert_eq!(learner_files(worker).as_ref(), Err(want), "{worker}");
        }
    }

    #[test]
    fn the_packaged_worker_precaches_exactly_the_package() {
        let files: Vec<String> = ["index.html", "app_bg.wasm", "sw.js", "deck.json"]
            .map(String::from)
            .into();
        let worker = package_worker(WORKER, &files).unwrap();
        assert!(worker.contains("const PRECACHE = [\"index.html\",\"app_bg.wasm\",\"deck.json\"];\n"));
        assert!(
            worker.starts_with("const BUILD = \"abc\";\n")
                && worker.ends_with("const CACHE = \"rolecall-\" + BUILD;\n")
        );
    }

    /// Each row: settings (as a URL query), whether a custom deck is packaged, the launch query.
    #[test]
    fn the_launch_query_is_the_apps_own_with_embed_and_the_packaged_deck() {
        let rows = [
            ("", false, "embed=1"),
            ("?embed=0", false, "embed=1"),
            ("?mode=quiz&n=10&pass=80", false, "mode=quiz&n=10&pass=80&embed=1"),
            (
                "?deck=https%3A%2F%2Fx.org%2Fd.json&n=20",
                true,
                "n=20&deck=deck.json&embed=1",
            ),
            ("?deck=https%3A%2F%2Fx.org%2Fd.json", false, "embed=1"),
            (
                "?lock=1&attempts=3&grade=best&tags=devops,both&seed=42",
                false,
                "seed=42&tags=devops,both&embed=1&lock=1&attempts=3&grade=best",
            ),
            // Sort mode and its tries after a check reach the LMS's launch as they do a frame.
            ("?mode=sort&retries=0&n=12", false, "mode=sort&n=12&embed=1&retries=0"),
            (
                "?mode=sort&retries=5&deck=https%3A%2F%2Fx.org%2Fd.json",
                true,
                "mode=sort&deck=deck.json&embed=1&retries=5",
            ),
        ];
        for (query, custom, want) in rows {
            assert_eq!(launch_query(&settings(query), custom), want, "{query}");
        }
    }

    #[test]
    fn fractions_are_exact() {
        for (p, want) in [
            (0, "0"),
            (1, "0.01"),
            (5, "0.05"),
            (10, "0.1"),
            (70, "0.7"),
            (75, "0.75"),
            (99, "0.99"),
            (100, "1"),
            (200, "1"),
        ] {
            assert_eq!(fraction(p), want);
        }
    }

    #[test]
    fn xml_text_is_escaped_and_cleaned() {
        let rows = [
            ("plain", "plain"),
            ("a & b", "a &amp; b"),
            (
                "<script>alert('x')</script>",
                "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;",
            ),
            ("\"quoted\"", "&quot;quoted&quot;"),
            ("]]> end", "]]&gt; end"),
            ("bell\u{7}nul\u{0}", "bellnul"),
            ("tab\tline\n", "tab\tline\n"),
            ("\u{FFFF}é\u{1F600}", "é\u{1F600}"),
        ];
        for (text, want) in rows {
            assert_eq!(xml_escape(text), want, "{text:?}");
        }
    }

    /// Hostile titles and descriptions never escape their element, in any format.
    #[test]
    fn hostile_titles_stay_text() {
        let deck = deck_with("</title><x a=\"1\">&amp; ]]>", "<!-- \"d\" & 'e' -->");
        let course = Course::new(&deck, &settings("?pass=80"), false);
        for format in Format::ALL {
            let xml = manifest(format, &course, &["index.html".into()]);
            assert!(!xml.contains("</title><x"), "{format:?}");
            assert!(!xml.contains("<!--"), "{format:?}");
            assert!(
                xml.contains("&lt;/title&gt;&lt;x a=&quot;1&quot;&gt;&amp;amp; ]]&gt;"),
                "{format:?}"
            );
        }
    }

    /// Each row: pass mark, SCORM 1.2 masteryscore, SCORM 2004 minNormalizedMeasure, cmi5
    /// masteryScore.
    #[test]
    fn the_pass_mark_is_the_lms_mastery_setting() {
        let deck = Deck::builtin().unwrap();
        for (pass, s12, s2004, cmi5) in [
            (0, "0", "0", "0"),
            (70, "70", "0.7", "0.7"),
            (100, "100", "1", "1"),
            (33, "33", "0.33", "0.33"),
        ] {
            let course = Course::new(&deck, &settings(&format!("?pass={pass}")), false);
            let files = ["index.html".to_string()];
            assert!(manifest(Format::Scorm12, &course, &files)
                .contains(&format!("<adlcp:masteryscore>{s12}</adlcp:masteryscore>")));
            assert!(manifest(Format::Scorm2004, &course, &files).contains(&format!(
                "<imsss:minNormalizedMeasure>{s2004}</imsss:minNormalizedMeasure>"
            )));
            assert!(manifest(Format::Cmi5, &course, &files).contains(&format!("masteryScore=\"{cmi5}\"")));
        }
        let course = Course::new(&deck, &settings(""), false);
        assert_eq!(course.pass, DEFAULT_PASS_MARK);
    }

    #[test]
    fn the_launch_query_is_escaped_where_each_format_carries_it() {
        let deck = Deck::builtin().unwrap();
        let course = Course::new(&deck, &settings("?mode=quiz&n=10&pass=80"), false);
        let files = ["index.html".to_string()];
        let escaped = "mode=quiz&amp;n=10&amp;pass=80&amp;embed=1";
        assert!(manifest(Format::Scorm12, &course, &files)
            .contains(&format!("<adlcp:datafromlms>{escaped}</adlcp:datafromlms>")));
        assert!(manifest(Format::Scorm2004, &course, &files)
            .contains(&format!("<adlcp:dataFromLMS>{escaped}</adlcp:dataFromLMS>")));
        let cmi5 = manifest(Format::Cmi5, &course, &files);
        assert!(cmi5.contains(&format!("<launchParameters>{escaped}</launchParameters>")));
        assert!(cmi5.contains("<url>index.html</url>"), "the launch URL has no query");
    }

    #[test]
    fn a_sort_package_launches_sort_mode_with_its_tries() {
        use crate::core::config::{Location, Mode, Route};
        let deck = Deck::builtin().unwrap();
        let course = Course::new(&deck, &settings("?mode=sort&retries=0&pass=60"), false);
        // What the LMS hands back (SCORM's launch data, cmi5's launch parameters) opens the
        // sort board's start, with wrong cards marked at once.
        let launch = crate::core::scorm::launch_query(&course.launch).unwrap();
        let location = Location::parse(&format!("?{launch}"), "");
        assert_eq!(location.notices, vec![]);
        assert_eq!(location.route, Route::Sort);
        assert_eq!(
            (location.config.mode, location.config.retries, location.config.embed),
            (Some(Mode::Sort), Some(0), true)
        );
        assert_eq!(location.config.quiz_plan(&deck).0.retries, 0);
    }

    #[test]
    fn identifiers_come_from_the_deck_and_suit_each_schema() {
        let deck = Deck::builtin().unwrap();
        let course = Course::new(&deck, &settings(""), false);
        let files = ["index.html".to_string(), "a&b.js".to_string()];
        let s12 = manifest(Format::Scorm12, &course, &files);
        assert!(s12.contains("<manifest identifier=\"rolecall-devops-vs-platform\""));
        assert!(s12.contains("<file href=\"a&amp;b.js\"/>"));
        assert!(s12.contains("<schemaversion>1.2</schemaversion>") && s12.contains("adlcp:scormtype=\"sco\""));
        let s2004 = manifest(Format::Scorm2004, &course, &files);
        assert!(
            s2004.contains("<schemaversion>2004 4th Edition</schemaversion>")
                && s2004.contains("adlcp:scormType=\"sco\"")
        );
        let cmi5 = manifest(Format::Cmi5, &course, &files);
        assert!(cmi5.contains("<course id=\"urn:rolecall:course:devops-vs-platform\">"));
        assert!(cmi5.contains(&format!(
            "<langstring lang=\"en\">{}</langstring>",
            xml_escape(&deck.title)
        )));
        assert_eq!(
            Format::Scorm12.file_name(&deck),
            "rolecall-devops-vs-platform-scorm12.zip"
        );
        assert_eq!(
            (ncname_part("a b/c"), percent_encode("a b/c")),
            ("a-b-c".to_string(), "a%20b%2Fc".to_string())
        );
        let mut odd = deck.clone();
        odd.language = "english!".into();
        assert_eq!(language(&odd), "en");
        odd.language = "pt-BR".into();
        assert_eq!(language(&odd), "pt-BR");
    }

    #[test]
    fn packages_are_deterministic_and_list_every_file() {
        let deck = Deck::builtin().unwrap();
        let course = Course::new(&deck, &settings("?deck=d.json"), true);
        let app = vec![
            ("index.html".to_string(), b"<html></html>".to_vec()),
            ("icon.png".to_string(), vec![0x89, b'P', b'N', b'G']),
            ("sw.js".to_string(), WORKER.as_bytes().to_vec()),
        ];
        let make = || zip(&entries(Format::Scorm2004, &course, app.clone(), Some(b"{}".to_vec())).unwrap()).unwrap();
        let (a, b) = (make(), make());
        assert_eq!(a, b, "same inputs, same bytes");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        let names: Vec<String> = archive.file_names().map(String::from).collect();
        assert_eq!(
            names,
            ["imsmanifest.xml", "index.html", "icon.png", "sw.js", "deck.json"]
        );
        let mut manifest = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("imsmanifest.xml").unwrap(), &mut manifest).unwrap();
        for name in &names[1..] {
            assert!(manifest.contains(&format!("<file href=\"{name}\"/>")), "{name} listed");
        }
        assert!(manifest.contains("deck=deck.json"));
        let mut worker = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("sw.js").unwrap(), &mut worker).unwrap();
        assert!(worker.contains("const PRECACHE = [\"index.html\",\"icon.png\",\"deck.json\"];"));
    }
}
