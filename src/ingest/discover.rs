//! Finding the export files in the input folder.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One entry of the input folder that could not be walked.
#[derive(Debug, Clone, PartialEq)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub message: String,
}

/// Every candidate export under `input`, sorted by path so runs are
/// deterministic. Skips `equinox.toml`, the `notes/` and `published/`
/// folders (commentary and publication records, never exports), Markdown files
/// (a README is never an export) and hidden entries; links are not
/// followed, so a link loop cannot trap the walk.
pub fn export_files(input: &Path) -> (Vec<PathBuf>, Vec<WalkProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(input)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_settings_or_hidden(e.path(), input));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && !is_markdown(e.path()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) => problems.push(WalkProblem {
                path: err.path().map(Path::to_path_buf).unwrap_or_default(),
                message: err.to_string(),
            }),
        }
    }
    (files, problems)
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

fn is_settings_or_hidden(path: &Path, input: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let top_level = path.parent() == Some(input);
    name.starts_with('.')
        || (top_level
            && (name == "equinox.toml" || name == "notes" || name == crate::publish::FOLDER))
}
