//! The pure core: everything RoleCall knows and decides, with no browser in sight.
//!
//! Nothing under `core` imports yew, web-sys, js-sys or gloo, so all of it is tested on the host
//! with `cargo test`. Time, randomness and stored text are passed in; results are plain values.
//!
//! - [`deck`]: decks and statements, parsed from JSON into validated types.
//! - [`draft`]: a deck as a trainer edits it, checked by the deck parser field by field.
//! - [`library`]: the studio's decks as stored in the browser and as one exported file.
//! - [`quiz`]: the quiz state machine and its scoring.
//! - [`sort`]: sort mode's board: cards placed in zones, checked together.
//! - [`cards`]: FSRS scheduling and flashcard study sessions.
//! - [`learner`]: progress and sessions changed together, one event at a time, and the effects
//!   each change asks of the shell.
//! - [`progress`]: the versioned envelope kept in localStorage.
//! - [`config`]: hash routes and embed parameters from the URL.
//! - [`embed`]: the studio's embed builder: the snippet's address and forms, and its field checks.
//! - [`link`]: decks shared in a link: the packed format, its limits and its errors.
//! - [`notices`]: the dismissible notices above every screen, and what they say.
//! - [`storage`]: what the app may do with the browser's storage, and what the learner is told.
//! - [`report`]: xAPI statements and messages exchanged with a host page.
//! - [`cmi5`]: RoleCall as a cmi5 assignable unit: launch, launch data and statements.
//! - [`scorm`]: what the app writes to a SCORM 1.2 or 2004 LMS, in each version's form.
//! - [`sheet`]: statements and categories from spreadsheet cells or a CSV file, for the studio.
//! - [`suspend`]: the compact progress text an LMS keeps between launches.
//! - [`package`]: SCORM 1.2, SCORM 2004 and cmi5 packages: manifests and the zip.
//! - [`keys`]: which command a key press means where the learner is.
//! - [`rng`]: the seeded shuffle.
//! - [`dates`]: calendar dates from instants and day numbers, and the `YYYY-MM-DD` form.
//! - [`json`]: the one JSON parser, and typed reading and writing of stored data and messages.
//! - [`text`]: shortening text for messages, and what an id looks like.

pub mod cards;
pub mod cmi5;
pub mod config;
pub mod dates;
pub mod deck;
pub mod draft;
pub mod embed;
pub mod json;
pub mod keys;
pub mod learner;
pub mod library;
pub mod link;
pub mod notices;
pub mod package;
pub mod progress;
pub mod quiz;
pub mod report;
pub mod rng;
pub mod scorm;
pub mod sheet;
pub mod sort;
pub mod storage;
pub mod suspend;
pub mod text;
