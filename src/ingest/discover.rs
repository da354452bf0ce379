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
/// folders (commentary and publication records, never exports), Markdown
/// files (a README is never an export), hidden entries and any Equinox site
/// (an output folder inside the input is never read as input). Links to
/// files are followed wherever they point (it is the user's own folder);
/// links to folders are listed, not followed, so no loop can trap the
/// walk. Anything else that is not a regular file is listed too.
pub fn export_files(input: &Path) -> (Vec<PathBuf>, Vec<WalkProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(input)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !(is_settings_or_hidden(e.path(), input) || is_site(e))
        });
    for entry in walker {
        let problem = match entry {
            Ok(e) if e.file_type().is_dir() || is_markdown(e.path()) => None,
            Ok(e) => match not_a_file(&e) {
                None => {
                    files.push(e.into_path());
                    None
                }
                Some(message) => Some((e.into_path(), message.to_string())),
            },
            Err(err) => Some((
                err.path().map(Path::to_path_buf).unwrap_or_default(),
                err.to_string(),
            )),
        };
        if let Some((path, message)) = problem {
            problems.push(WalkProblem { path, message });
        }
    }
    (files, problems)
}

/// Why an entry cannot be read as an export; `None` for a regular file or
/// a link to one.
fn not_a_file(entry: &walkdir::DirEntry) -> Option<&'static str> {
    let target = match std::fs::metadata(entry.path()) {
        Ok(meta) => meta.file_type(),
        Err(_) => return Some("a link to nothing (its target is missing); not read"),
    };
    if target.is_file() {
        None
    } else if target.is_dir() {
        Some(
            "a link to a folder; links to folders are not followed (link the files, or copy the folder in)",
        )
    } else {
        Some("not a regular file (a fifo, socket or device); not read")
    }
}

/// How a file read through a link is listed in the ledger: where it
/// points inside the input folder, or only that it points outside (the
/// user's own paths are not published); `None` for a file that is no link.
pub fn link_note(input: &Path, path: &Path) -> Option<String> {
    if !path.symlink_metadata().ok()?.is_symlink() {
        return None;
    }
    let target = path.canonicalize().ok();
    let root = input.canonicalize().ok();
    Some(match (target, root) {
        (Some(target), Some(root)) if target.starts_with(&root) => {
            format!("a link to {}", crate::ledger::display_path(&root, &target))
        }
        _ => "a link to a file outside the input folder".to_string(),
    })
}

/// A folder holding an Equinox site's marker: a build's output.
fn is_site(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir() && entry.path().join(crate::site::MARKER).is_file()
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
