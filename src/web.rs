//! The impure shell over the browser: the only code that touches `window`, storage, the network,
//! the clipboard and other frames. Each function is small and fallible; failures come back as
//! values the app can show, never as panics.
//!
//! - [`env`](mod@env): clock, randomness, location, navigation, focus and theme.
//! - [`storage`]: localStorage, treated as optional (blocked in many third-party iframes).
//! - [`host`]: messages to and from the page that embeds the app.
//! - [`net`]: custom decks, downloaded or unpacked, and the app's own files for LMS packages.
//! - [`pack`]: decks packed into a link and unpacked from one, by the browser's deflate.
//! - [`scorm`]: the LMS's SCORM API object; [`cmi5`]: a cmi5 launch's requests to the LMS and LRS.
//! - [`files`]: export downloads, import uploads and the clipboard.
//! - [`offline`]: the service worker registration.
//! - [`panic`](mod@panic): a readable error panel instead of a frozen page.

pub mod cmi5;
pub mod env;
pub mod files;
pub mod host;
pub mod net;
pub mod offline;
pub mod pack;
pub mod panic;
pub mod scorm;
pub mod storage;
