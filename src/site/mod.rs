//! Site stage: writes the rendered files into a temporary folder beside the
//! output, then swaps it into place, so a failed build never leaves a
//! half-written site and the previous one stays untouched (the `swap` module).

mod swap;

use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Marks a folder as an Equinox site, which a build may replace.
pub const MARKER: &str = ".equinox-site";

/// Why the site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(
        "{path} exists and is not an Equinox site (it has no {MARKER} file); refusing to replace it"
    )]
    NotASite { path: PathBuf },
    #[error(
        "{path} is {what}, not a folder; the output must be a folder Equinox wrote (or not exist yet), so it is left as it is"
    )]
    NotAFolder { path: PathBuf, what: &'static str },
    #[error(
        "the output folder {output} contains the input folder {input}; choose another output folder"
    )]
    ContainsInput { output: PathBuf, input: PathBuf },
    #[error("cannot write {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `files` as the site at `output`, replacing an earlier Equinox site.
pub fn write(
    output: &Path,
    input: &Path,
    files: &crate::render::SiteFiles,
) -> Result<(), SiteError> {
    let parent = parent_of(output);
    fs::create_dir_all(parent).map_err(io_error(parent))?;
    let _lock = swap::lock(parent)?;
    check_replaceable(output, input)?;
    let staging = tempfile::Builder::new()
        .prefix(swap::BUILD_PREFIX)
        .tempdir_in(parent)
        .map_err(io_error(parent))?;
    // The marker goes in first: a staging folder left by a killed build is
    // then known as Equinox's and removed by the next run.
    fs::write(
        staging.path().join(MARKER),
        b"This folder was written by Equinox and is replaced by each build.\n",
    )
    .map_err(io_error(staging.path()))?;
    let folders: std::collections::BTreeSet<PathBuf> = files
        .keys()
        .filter_map(|relative| {
            staging
                .path()
                .join(relative)
                .parent()
                .map(Path::to_path_buf)
        })
        .collect();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(io_error(folder))?;
    }
    // A hundred small files: written on both cores.
    files.par_iter().try_for_each(|(relative, bytes)| {
        let path = staging.path().join(relative);
        fs::write(&path, bytes).map_err(io_error(&path))
    })?;
    swap::into_place(&staging.keep(), output, parent)
}

/// The folder holding `output`.
fn parent_of(output: &Path) -> &Path {
    output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Restores or removes what an interrupted earlier build left beside
/// `output`, one sentence per action (`swap::recover`).
pub fn recover_leftovers(output: &Path) -> Result<Vec<String>, SiteError> {
    let parent = parent_of(output);
    if !parent.is_dir() {
        return Ok(Vec::new());
    }
    let lock = swap::lock(parent)?;
    Ok(swap::recover(parent, &lock))
}

/// Refuses outputs a build must not replace: anything but a folder (a
/// file, fifo or link is never deleted), a folder that is not an earlier
/// Equinox site (and not empty), or one holding the input.
fn check_replaceable(output: &Path, input: &Path) -> Result<(), SiteError> {
    if let Ok(meta) = output.symlink_metadata()
        && !meta.is_dir()
    {
        let what = if meta.is_symlink() {
            "a symbolic link"
        } else if meta.is_file() {
            "a file"
        } else {
            "a special file (fifo, socket or device)"
        };
        return Err(SiteError::NotAFolder {
            path: output.into(),
            what,
        });
    }
    if let (Ok(out), Ok(inp)) = (output.canonicalize(), input.canonicalize())
        && inp.starts_with(&out)
    {
        return Err(SiteError::ContainsInput {
            output: output.into(),
            input: input.into(),
        });
    }
    let Ok(mut entries) = fs::read_dir(output) else {
        return Ok(());
    };
    let is_empty = entries.next().is_none();
    if is_empty || output.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(SiteError::NotASite {
            path: output.into(),
        })
    }
}
