//! The studio's wasm entry point: everything lives in the library.

fn main() {
    rolecall::studio::run();
}
