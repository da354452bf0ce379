//! Reading the small text files of the input folder: `equinox.toml` and the
//! notes. They are read only as regular files inside the input folder and
//! only up to [`MAX_TEXT_BYTES`], so a link to `/etc/passwd` is never
//! published, a link to `/dev/zero` cannot fill memory and a fifo cannot
//! hang the build.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest settings or notes file read: a megabyte of text is far more
/// than any commentary or settings file holds.
pub const MAX_TEXT_BYTES: u64 = 1024 * 1024;

/// Why a settings or notes file was refused.
#[derive(Debug, thiserror::Error)]
pub enum InputFileError {
    #[error(
        "{path} is {what}; settings and notes must be regular files inside the input folder {input}"
    )]
    NotRegular {
        path: PathBuf,
        input: PathBuf,
        what: &'static str,
    },
    #[error(
        "{path} is larger than {MAX_TEXT_BYTES} bytes; settings and notes are small text files"
    )]
    TooLarge { path: PathBuf },
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The text of `path`, which must be a regular file inside `input`;
/// `Ok(None)` when there is no such entry at all.
pub fn read_text(input: &Path, path: &Path) -> Result<Option<String>, InputFileError> {
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    let refuse = |what| InputFileError::NotRegular {
        path: path.to_path_buf(),
        input: input.to_path_buf(),
        what,
    };
    let read_error = |source| InputFileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let (Ok(real), Ok(root)) = (path.canonicalize(), input.canonicalize()) else {
        return Err(refuse("a link to nothing"));
    };
    if !real.starts_with(&root) {
        return Err(refuse("a link to a file outside the input folder"));
    }
    let file = open_without_blocking(&real).map_err(read_error)?;
    // The type is checked on the opened file, so it cannot change between
    // the check and the read.
    if !file.metadata().map_err(read_error)?.is_file() {
        return Err(refuse("not a regular file (a folder, fifo or device)"));
    }
    let mut bytes = Vec::new();
    file.take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(InputFileError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| read_error(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

/// Opens for reading; on Unix without waiting for a writer, so a fifo put
/// in place of a file is refused instead of hanging the build.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_and_reports_a_missing_one() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::write(temp.path().join("a.md"), "text").unwrap();
        let read = read_text(temp.path(), &temp.path().join("a.md")).unwrap();
        assert_eq!(read.as_deref(), Some("text"));
        assert!(
            read_text(temp.path(), &temp.path().join("b.md"))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn refuses_devices_fifos_links_out_and_large_files() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero")).unwrap();
        std::os::unix::fs::symlink("/etc/hostname", dir.join("out")).unwrap();
        let fifo = std::ffi::CString::new(dir.join("fifo").to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        std::fs::write(dir.join("big"), vec![b'x'; MAX_TEXT_BYTES as usize + 1]).unwrap();
        for name in ["zero", "out", "fifo", "big"] {
            assert!(read_text(dir, &dir.join(name)).is_err(), "{name}");
        }
    }
}
