//! Packing a deck into a link and unpacking it, with the browser's own deflate
//! (`CompressionStream` and `DecompressionStream`, format `deflate-raw`), so neither the learner's
//! wasm nor the studio's carries a compressor. The format, its limits and its messages are the
//! core's ([`crate::core::link`]); this module only moves bytes through the streams.
//!
//! The compressed bytes go in pieces of [`PIECE`] bytes, each written only once the stream has
//! taken the last: a stream inflates a whole written chunk at once, so one small piece of a
//! decompression bomb makes at most about a megabyte. The output is read chunk by chunk into the
//! core's [`Unpacking`], and the stream is cancelled at the first chunk past the limit. Corrupt
//! or truncated data makes the stream fail, which ends the read: nothing waits forever.

use crate::core::json;
use crate::core::link::{self, LinkError, Unpacking};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableStreamDefaultReader, ReadableStreamReadResult, WritableStream};

#[wasm_bindgen]
extern "C" {
    /// A `CompressionStream` or a `DecompressionStream`: both are a writable side that takes
    /// bytes and a readable side that gives the result. (web-sys has them only behind its
    /// unstable-API flag.)
    type Codec;

    #[wasm_bindgen(catch, constructor, js_class = "CompressionStream")]
    fn compression(format: &str) -> Result<Codec, JsValue>;

    #[wasm_bindgen(catch, constructor, js_class = "DecompressionStream")]
    fn decompression(format: &str) -> Result<Codec, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn readable(this: &Codec) -> ReadableStream;

    #[wasm_bindgen(method, getter)]
    fn writable(this: &Codec) -> WritableStream;
}

/// How many compressed bytes are written at a time (raw deflate inflates at most about 1,032
/// times, so 1 KiB of a bomb is about 1 MiB).
const PIECE: usize = 1024;

/// A deck file's JSON as a `deck` value (`packed:…`), for a share link: minified, compressed,
/// base64url. Refused when the app would not read it back (longer than `link::MAX_PACKED_LEN`).
pub async fn pack(json: &str) -> Result<String, String> {
    let codec = Codec::compression("deflate-raw").map_err(|_| LinkError::Unsupported.to_string())?;
    let mut compressed = Vec::new();
    run(&codec, json::minify(json).as_bytes(), |chunk| {
        compressed.extend_from_slice(chunk);
        Ok(())
    })
    .await
    .map_err(|e| e.to_string())?;
    link::pack_value(&compressed).map_err(|e| e.to_string())
}

/// The deck file a `deck` value (`packed:…`) holds, at most `link::MAX_UNPACKED_BYTES`. The
/// error is a message for the trainer, and never repeats the value.
pub async fn unpack(value: &str) -> Result<Vec<u8>, String> {
    let compressed = link::unpack_value(value).map_err(|e| e.to_string())?;
    let codec = Codec::decompression("deflate-raw").map_err(|_| LinkError::Unsupported.to_string())?;
    let mut unpacking = Unpacking::new();
    run(&codec, &compressed, |chunk| unpacking.push(chunk))
        .await
        .map_err(|e| e.to_string())?;
    Ok(unpacking.finish())
}

/// Writes `input` through `codec` and hands its output to `take` chunk by chunk, until the
/// stream ends, fails (corrupt data) or `take` refuses a chunk (then the stream is cancelled).
async fn run(
    codec: &Codec,
    input: &[u8],
    mut take: impl FnMut(&[u8]) -> Result<(), LinkError>,
) -> Result<(), LinkError> {
    let writer = codec.writable().get_writer().map_err(|_| LinkError::Unsupported)?;
    let reader: ReadableStreamDefaultReader = codec.readable().get_reader().unchecked_into();
    // The writing runs beside the reading: a stream takes the next piece only once its output
    // has been read. When the stream fails or is cancelled, the pending write fails and this
    // ends; its failure is the reader's to report.
    let pieces: Vec<js_sys::Uint8Array> = input.chunks(PIECE).map(js_sys::Uint8Array::from).collect();
    wasm_bindgen_futures::spawn_local(async move {
        for piece in pieces {
            if JsFuture::from(writer.write_with_chunk(&piece)).await.is_err() {
                return;
            }
        }
        let _ = JsFuture::from(writer.close()).await;
    });
    loop {
        let read = JsFuture::from(reader.read()).await.map_err(|_| LinkError::Corrupt)?;
        let read: ReadableStreamReadResult = read.unchecked_into();
        if read.get_done().unwrap_or(true) {
            return Ok(());
        }
        let chunk = read
            .get_value()
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| LinkError::Corrupt)?
            .to_vec();
        if let Err(e) = take(&chunk) {
            // Stop the stream at once: the rest of a bomb is never inflated.
            let _ = JsFuture::from(reader.cancel()).await;
            return Err(e);
        }
    }
}

/// Test-only hook for the studio, the page that packs decks: when the browser test harness
/// defines `window.__rolecallTestHooks` before the page starts (as for the panic hook in
/// `lib.rs`), the event `rolecall-test-pack`, whose `detail` is a deck's JSON, is packed with
/// [`pack`], and `window.__rolecallPacked` becomes `{value}` or `{error}`. The tests then open
/// the link the browser's own `CompressionStream` made.
pub fn install_test_hook() {
    let Some(window) = web_sys::window() else { return };
    let enabled = js_sys::Reflect::get(&window, &JsValue::from_str("__rolecallTestHooks")).is_ok_and(|v| v.is_truthy());
    if !enabled {
        return;
    }
    gloo::events::EventListener::new(&window, "rolecall-test-pack", |event| {
        let json = js_sys::Reflect::get(event, &JsValue::from_str("detail"))
            .ok()
            .and_then(|d| d.as_string())
            .unwrap_or_default();
        wasm_bindgen_futures::spawn_local(async move {
            let result = js_sys::Object::new();
            let (key, text) = match pack(&json).await {
                Ok(value) => ("value", value),
                Err(error) => ("error", error),
            };
            let _ = js_sys::Reflect::set(&result, &JsValue::from_str(key), &JsValue::from_str(&text));
            if let Some(window) = web_sys::window() {
                let _ = js_sys::Reflect::set(&window, &JsValue::from_str("__rolecallPacked"), &result);
            }
        });
    })
    .forget();
}
