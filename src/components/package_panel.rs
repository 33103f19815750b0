//! "Download for your LMS": the studio builds a SCORM 1.2, SCORM 2004 or cmi5 zip in the
//! browser, with the builder's settings, from the learner's app as deployed next to it.
//!
//! The file list is the deployed service worker's precache list (`../sw.js`), so the zip holds
//! exactly the build that learners get; a custom deck is downloaded (or unpacked, when the
//! builder carries one of the trainer's decks), checked with the app's own deck parser and
//! packaged as `deck.json`. What goes into the zip is decided in
//! [`crate::core::package`]; this panel only fetches, reports progress and offers the result.
//! A failure is said in the panel's status line and leaves the builder as it was.

use crate::core::config::EmbedConfig;
use crate::core::deck::Deck;
use crate::core::link;
use crate::core::package::{entries, learner_files, zip, Course, Format, WORKER_FILE};
use crate::web::net;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PackagePanelProps {
    /// The learner's app, one level up from the studio: where its files are fetched from.
    pub app_url: AttrValue,
    /// The builder's settings, as the snippet has them (the custom deck's address included).
    pub settings: EmbedConfig,
    /// The built-in deck: its title and id name packages without a custom deck.
    pub builtin: Rc<Deck>,
    /// Why no package can be made now (a setting is wrong), said instead of making one.
    #[prop_or_default]
    pub blocked: Option<AttrValue>,
}

/// A finished zip, offered for download until the next one replaces it.
#[derive(Clone)]
struct Download {
    name: String,
    bytes: usize,
    // Revoked when the last clone drops.
    url: Rc<gloo::file::ObjectUrl>,
}

impl PartialEq for Download {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.url, &other.url)
    }
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Working(String),
    Ready(Download),
    Failed(String),
}

/// Why one sentence per format: trainers pick by what their LMS lists.
fn advice(format: Format) -> &'static str {
    match format {
        Format::Scorm12 => "Taken by nearly every LMS (Moodle, Canvas, Blackboard, TalentLMS, Docebo, Cornerstone and more): pick it when unsure. The LMS records the score, passed or failed, and each answer.",
        Format::Scorm2004 => "For an LMS that lists SCORM 2004 (Docebo, Cornerstone, SAP SuccessFactors, SCORM Cloud): completion and pass/fail are recorded apart, with a scaled score, and more room to resume progress.",
        Format::Cmi5 => "For an LMS that supports cmi5, the xAPI way of launching (SCORM Cloud, Rustici Engine and the LMSs built on it, and more each year): results go to the LMS's learning record store as xAPI statements.",
    }
}

fn size_text(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} KB", bytes.div_ceil(1000))
    }
}

/// Builds the zip of `format`: its file name and bytes, or what went wrong, in words a trainer
/// can act on. `progress` is told each step.
async fn build(
    format: Format,
    app_url: &str,
    settings: &EmbedConfig,
    builtin: &Deck,
    progress: impl Fn(String),
) -> Result<(String, Vec<u8>), String> {
    let redeploy = "Check that the whole app is deployed next to the studio, then try again.";
    progress("Reading the list of the app's files\u{2026}".into());
    let worker = net::fetch_own_file(&format!("{app_url}{WORKER_FILE}"))
        .await
        .map_err(|e| format!("The app's file list (sw.js) could not be downloaded: {e}. {redeploy}"))?;
    let worker = String::from_utf8(worker).map_err(|_| format!("sw.js is not text. {redeploy}"))?;
    let names = learner_files(&worker).map_err(|e| format!("{e}. {redeploy}"))?;
    let custom = match &settings.deck {
        Some(value) => {
            let (name, fetching) = if link::is_packed(value) {
                ("in the link", "unpacked")
            } else {
                (value.as_str(), "downloaded")
            };
            progress(format!("Reading the custom deck {name}\u{2026}"));
            let bytes = net::deck_bytes(value, app_url)
                .await
                .map_err(|e| format!("The custom deck {name} could not be {fetching}: {e}."))?;
            let deck = Deck::parse(&bytes)
                .map_err(|e| format!("The custom deck {name} is not a valid RoleCall deck:\n{e}"))?;
            Some((deck, bytes))
        }
        None => None,
    };
    let mut files = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        progress(format!(
            "Downloading the app's files: {} of {} ({name})\u{2026}",
            i + 1,
            names.len()
        ));
        let bytes = net::fetch_own_file(&format!("{app_url}{name}"))
            .await
            .map_err(|e| format!("{name} could not be downloaded: {e}. {redeploy}"))?;
        files.push((name.clone(), bytes));
    }
    progress(format!("Zipping {} files\u{2026}", files.len() + 1));
    let (deck, deck_bytes) = match custom {
        Some((deck, bytes)) => (deck, Some(bytes)),
        None => (builtin.clone(), None),
    };
    let course = Course::new(&deck, settings, deck_bytes.is_some());
    let bytes = entries(format, &course, files, deck_bytes)
        .and_then(|e| zip(&e))
        .map_err(|e| format!("{e}. {redeploy}"))?;
    Ok((format.file_name(&deck), bytes))
}

#[component]
pub fn PackagePanel(props: &PackagePanelProps) -> Html {
    let status = use_state_eq(|| Status::Idle);
    let link = use_node_ref();
    // A new zip starts downloading at once; the link stays for a second copy.
    {
        let link = link.clone();
        let ready = matches!(&*status, Status::Ready(_));
        use_effect_with((*status).clone(), move |_| {
            if ready {
                if let Some(a) = link.cast::<web_sys::HtmlElement>() {
                    a.click();
                }
            }
        });
    }
    let working = matches!(&*status, Status::Working(_));
    let buttons = Format::ALL.map(|format| {
        let onclick = {
            let (status, app_url, settings, builtin, blocked) = (
                status.clone(),
                props.app_url.clone(),
                props.settings.clone(),
                props.builtin.clone(),
                props.blocked.is_some(),
            );
            Callback::from(move |_: MouseEvent| {
                // A setting is wrong: the status line says which, and nothing is made.
                if blocked || matches!(&*status, Status::Working(_)) {
                    return;
                }
                let (status, app_url, settings, builtin) =
                    (status.clone(), app_url.clone(), settings.clone(), builtin.clone());
                status.set(Status::Working(format!(
                    "Preparing the {} package\u{2026}",
                    format.label()
                )));
                wasm_bindgen_futures::spawn_local(async move {
                    let progress = {
                        let status = status.clone();
                        move |text: String| status.set(Status::Working(text))
                    };
                    status.set(match build(format, &app_url, &settings, &builtin, progress).await {
                        Ok((name, bytes)) => {
                            let blob = gloo::file::Blob::new_with_options(bytes.as_slice(), Some("application/zip"));
                            Status::Ready(Download {
                                name,
                                bytes: bytes.len(),
                                url: Rc::new(gloo::file::ObjectUrl::from(blob)),
                            })
                        }
                        Err(e) => Status::Failed(e),
                    });
                });
            })
        };
        let slug = format.slug();
        html! {
            <li key={slug}>
                <button type="button" class="button" {onclick} aria-disabled={(working || props.blocked.is_some()).then_some("true")}
                    aria-describedby={format!("package-about-{slug}")} data-testid={format!("package-{slug}")}>
                    { format.label() }
                </button>
                <small id={format!("package-about-{slug}")}>{ advice(format) }</small>
            </li>
        }
    });
    let (text, failed) = match (&*status, &props.blocked) {
        // A zip made before a setting went wrong is not offered either.
        (Status::Idle | Status::Failed(_) | Status::Ready(_), Some(why)) => (why.to_string(), true),
        (status, _) => match status {
            Status::Idle => (String::new(), false),
            Status::Working(text) => (text.clone(), false),
            Status::Ready(d) => (
                format!(
                    "Ready: {} ({}). Upload it to your LMS as a new activity.",
                    d.name,
                    size_text(d.bytes)
                ),
                false,
            ),
            Status::Failed(text) => (text.clone(), true),
        },
    };
    let download = match &*status {
        Status::Ready(d) if props.blocked.is_none() => html! {
            <a ref={link} class="button primary" href={d.url.to_string()} download={d.name.clone()} data-testid="package-download">
                { format!("Save {}", d.name) }
            </a>
        },
        _ => html! {},
    };
    html! {
        <section class="card package-panel" aria-labelledby="package-title" aria-busy={working.then_some("true")} data-testid="package-panel">
            <h2 id="package-title">{ "Download for your LMS" }</h2>
            <p>{ "One zip to upload as a new activity, with the settings above (a custom deck goes inside it). The LMS then keeps each learner's score, pass or fail and answers, and resumes their progress." }</p>
            <ul class="package-formats">{ for buttons }</ul>
            <p class={classes!("status-line", "package-status", failed.then_some("failed"))} role="status" data-testid="package-status">{ text }</p>
            { download }
        </section>
    }
}
