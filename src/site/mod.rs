//! Site stage: writes the rendered files into a temporary folder beside the
//! output, then swaps it into place, so a failed build never leaves a
//! half-written site and the previous one stays untouched.

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
    check_replaceable(output, input)?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_error(parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".equinox-build-")
        .tempdir_in(parent)
        .map_err(io_error(parent))?;
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
    fs::write(
        staging.path().join(MARKER),
        b"This folder was written by Equinox and is replaced by each build.\n",
    )
    .map_err(io_error(staging.path()))?;
    swap_into_place(staging, output, parent)
}

/// Refuses outputs a build must not replace: a folder that is not an
/// earlier Equinox site (and not empty), or one holding the input.
fn check_replaceable(output: &Path, input: &Path) -> Result<(), SiteError> {
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

fn swap_into_place(
    staging: tempfile::TempDir,
    output: &Path,
    parent: &Path,
) -> Result<(), SiteError> {
    let old = tempfile::Builder::new()
        .prefix(".equinox-old-")
        .tempdir_in(parent)
        .map_err(io_error(parent))?;
    let had_output = output.symlink_metadata().is_ok();
    if had_output {
        fs::rename(output, old.path().join("site")).map_err(io_error(output))?;
    }
    let staged = staging.keep();
    if let Err(source) = fs::rename(&staged, output) {
        if had_output {
            let _ = fs::rename(old.path().join("site"), output);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(SiteError::Io {
            path: output.into(),
            source,
        });
    }
    Ok(())
}
