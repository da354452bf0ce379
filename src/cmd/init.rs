//! `equinox init`: a new input folder with a commented equinox.toml, a
//! commentary template for the current period and the export guide.

use crate::Error;
use crate::model::{Period, PeriodKind};
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const SETTINGS: &str = include_str!("../../templates/init/equinox.toml");
const NOTE: &str = include_str!("../../templates/init/note.md");
/// Where to find each export, step by step (docs/exporting.md).
pub const EXPORT_GUIDE: &str = include_str!("../../docs/exporting.md");

/// Creates the input folder `dir`; `today` picks the period of the note.
/// Refuses a folder that already has an equinox.toml.
pub fn init(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>, Error> {
    let settings = dir.join("equinox.toml");
    if settings.exists() {
        return Err(Error::AlreadyInitialised { path: settings });
    }
    let period = Period::containing(today, PeriodKind::Quarter, 1);
    let note = dir.join("notes").join(format!("{}.md", period.label));
    let files = [
        (settings, SETTINGS.to_string()),
        (note, NOTE.replace("{{period}}", &period.label)),
        (dir.join("exports").join(".keep"), String::new()),
    ];
    for (path, text) in &files {
        write_new(path, text)?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let write = || -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)
    };
    write().map_err(|source| Error::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// `equinox init`: makes the folder, then lists it and what to do next.
pub fn run(dir: &Path, today: chrono::NaiveDate) -> super::Outcome {
    let files = init(dir, today)?;
    let mut text = format!("Created {}:\n", dir.display());
    for file in files {
        let _ = writeln!(text, "  {}", file.display());
    }
    let _ = writeln!(
        text,
        "\nNext: edit equinox.toml, drop your exports into {}, then run `equinox build --input {}`.\n",
        dir.join("exports").display(),
        dir.display()
    );
    text.push_str(EXPORT_GUIDE);
    Ok(text)
}
