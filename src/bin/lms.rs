//! The wasm entry point of the learner's app as an LMS launches it (built with feature `lms`).

fn main() {
    rolecall::run();
}
