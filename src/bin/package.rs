//! Run on the host by the build (scripts/post_build.py): writes the three LMS packages with the
//! default settings into `<dist>/packages/`, from the built learner's files, exactly as the
//! studio would make them in the browser (see `rolecall::core::package`).
//!
//!     cargo run --bin package -- DIST

use rolecall::core::config::EmbedConfig;
use rolecall::core::deck::Deck;
use rolecall::core::package::{entries, learner_files, zip, Course, Format, WORKER_FILE};
use std::path::Path;
use std::process::ExitCode;

fn run(dist: &Path) -> Result<(), String> {
    let read = |name: &str| std::fs::read(dist.join(name)).map_err(|e| format!("{}: {e}", dist.join(name).display()));
    let worker = String::from_utf8(read(WORKER_FILE)?).map_err(|_| "sw.js is not UTF-8".to_string())?;
    let names = learner_files(&worker).map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    for name in names {
        files.push((name.clone(), read(&name)?));
    }
    let deck = Deck::builtin().map_err(|e| e.to_string())?;
    let course = Course::new(&deck, &EmbedConfig::default(), false);
    let out = dist.join("packages");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for format in Format::ALL {
        let bytes = zip(&entries(format, &course, files.clone(), None).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
        let path = out.join(format!("{}.zip", format.slug()));
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        println!(
            "package: {} {} bytes ({} files)",
            path.display(),
            bytes.len(),
            files.len() + 1
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let Some(dist) = std::env::args_os().nth(1) else {
        eprintln!("usage: package DIST");
        return ExitCode::from(2);
    };
    match run(Path::new(&dist)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("package: {e}");
            ExitCode::FAILURE
        }
    }
}
