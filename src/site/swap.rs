//! Putting a finished site in place of the old one, and cleaning up after a
//! build that was killed half-way.
//!
//! On Linux the staged folder and the old site trade places in one atomic
//! `renameat2(RENAME_EXCHANGE)`: at every instant the output path holds a
//! whole site. Elsewhere (or on a file system without the exchange) the
//! old site is first moved into a `.equinox-old-*` folder, then the new one
//! renamed into place; a kill between the two leaves the old site in that
//! folder, and the next run puts it back ([`recover`]).
//!
//! Builds into one parent folder hold a lock on it (`flock`, released by
//! the system when a process dies), so a leftover found while holding the
//! lock belongs to a build that no longer runs.

use super::{MARKER, SiteError, io_error};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Prefix of the folder a site is staged in.
pub const BUILD_PREFIX: &str = ".equinox-build-";
/// Prefix of the folder the old site waits in during a two-step swap.
pub const OLD_PREFIX: &str = ".equinox-old-";

/// Held while a build reads or changes the output's parent folder.
pub struct ParentLock {
    #[cfg(unix)]
    _folder: fs::File,
}

/// Locks `parent` against other Equinox builds (waits for them).
pub fn lock(parent: &Path) -> Result<ParentLock, SiteError> {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let folder = fs::File::open(parent).map_err(io_error(parent))?;
        // SAFETY: flock on a descriptor this function owns.
        if unsafe { libc::flock(folder.as_raw_fd(), libc::LOCK_EX) } != 0 {
            return Err(io_error(parent)(io::Error::last_os_error()));
        }
        Ok(ParentLock { _folder: folder })
    }
    #[cfg(not(unix))]
    {
        let _ = parent;
        Ok(ParentLock {})
    }
}

/// Restores or removes what an interrupted build left in `parent`: a site
/// waiting in a `.equinox-old-*` folder goes back to its place when that
/// place is empty, and every other leftover Equinox made is removed. Each
/// action is described in one sentence. Folders without Equinox's marker
/// are never touched.
pub fn recover(parent: &Path, _lock: &ParentLock) -> Vec<String> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut leftovers: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .collect();
    leftovers.sort();
    let mut done = Vec::new();
    for leftover in leftovers {
        let name = leftover.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with(BUILD_PREFIX) && is_equinox_site_or_empty(&leftover) {
            done.extend(remove(&leftover));
        } else if name.starts_with(OLD_PREFIX) {
            done.extend(recover_old(parent, &leftover));
        }
    }
    done
}

/// An old site's folder holds one entry, named after the output it came
/// from.
fn recover_old(parent: &Path, leftover: &Path) -> Option<String> {
    let mut inside: Vec<PathBuf> = fs::read_dir(leftover)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    if inside.is_empty() {
        return remove(leftover);
    }
    let site = inside.pop().filter(|_| inside.is_empty())?;
    if !is_equinox_site_or_empty(&site) {
        return None;
    }
    let home = parent.join(site.file_name()?);
    let whole = site.join(MARKER).is_file();
    if whole && home.symlink_metadata().is_err() && fs::rename(&site, &home).is_ok() {
        let _ = fs::remove_dir(leftover);
        return Some(format!(
            "restored the site {} from {}, where an interrupted build had left it",
            home.display(),
            leftover.display()
        ));
    }
    remove(leftover)
}

fn is_equinox_site_or_empty(folder: &Path) -> bool {
    folder.join(MARKER).is_file()
        || fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_none())
}

fn remove(leftover: &Path) -> Option<String> {
    remove_site(leftover).ok()?;
    Some(format!(
        "removed {}, left by an interrupted build",
        leftover.display()
    ))
}

/// Removes an Equinox folder with its marker last, so a kill half-way
/// leaves a folder still known as Equinox's (marked, or empty) for the
/// next run to finish.
fn remove_site(folder: &Path) -> io::Result<()> {
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        if entry.file_type()?.is_dir() {
            remove_site(&entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    match fs::remove_file(folder.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(folder)
}

/// Puts the folder `staged` in place of `output` (which may be missing),
/// then removes the old site.
pub fn into_place(staged: &Path, output: &Path, parent: &Path) -> Result<(), SiteError> {
    if output.symlink_metadata().is_ok() {
        match exchange(staged, output) {
            Ok(()) => {
                // `staged` now holds the old site; a failure here leaves
                // it for the next run's recovery.
                let _ = remove_site(staged);
                return Ok(());
            }
            Err(e) if !exchange_unsupported(&e) => {
                let _ = remove_site(staged);
                return Err(io_error(output)(e));
            }
            Err(_) => {}
        }
    }
    two_step(staged, output, parent)
}

/// Moves the old site aside, then the new one in; the old one is put back
/// if the second rename fails.
fn two_step(staged: &Path, output: &Path, parent: &Path) -> Result<(), SiteError> {
    let old = tempfile::Builder::new()
        .prefix(OLD_PREFIX)
        .tempdir_in(parent)
        .map_err(io_error(parent))?
        .keep();
    let aside = old.join(output.file_name().unwrap_or_default());
    let had_output = output.symlink_metadata().is_ok();
    if had_output {
        fs::rename(output, &aside).map_err(io_error(output))?;
    }
    if let Err(source) = fs::rename(staged, output) {
        if had_output {
            let _ = fs::rename(&aside, output);
        }
        let _ = remove_site(staged);
        let _ = fs::remove_dir(&old);
        return Err(io_error(output)(source));
    }
    if had_output {
        let _ = remove_site(&aside);
    }
    let _ = fs::remove_dir(&old);
    Ok(())
}

/// Swaps two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: two valid NUL-terminated paths, relative to the working folder.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The exchange is missing from this system or file system (old kernels,
/// some network file systems): the two-step swap is used instead.
fn exchange_unsupported(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::Unsupported
        || matches!(error.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &Path, content: &str) {
        fs::create_dir_all(path).unwrap();
        fs::write(path.join(MARKER), "").unwrap();
        fs::write(path.join("index.html"), content).unwrap();
    }

    #[test]
    fn the_exchange_swaps_two_folders() {
        let temp = tempfile::tempdir().unwrap();
        let (a, b) = (temp.path().join("a"), temp.path().join("b"));
        site(&a, "new");
        site(&b, "old");
        into_place(&a, &b, temp.path()).unwrap();
        assert_eq!(fs::read_to_string(b.join("index.html")).unwrap(), "new");
        assert!(!a.exists());
    }

    #[test]
    fn the_two_step_swap_leaves_nothing_behind() {
        let temp = tempfile::tempdir().unwrap();
        let (a, b) = (temp.path().join("a"), temp.path().join("b"));
        site(&a, "new");
        site(&b, "old");
        two_step(&a, &b, temp.path()).unwrap();
        assert_eq!(fs::read_to_string(b.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_dir(temp.path()).unwrap().count(), 1);
    }

    /// A kill during the removal of an old site must leave it known as
    /// Equinox's: the marker goes last.
    #[test]
    fn a_half_removed_site_is_still_recognised() {
        let temp = tempfile::tempdir().unwrap();
        let half = temp.path().join(".equinox-build-half");
        site(&half.join("2026-q3"), "x");
        fs::write(half.join(MARKER), "").unwrap();
        fs::write(half.join("reviews.json"), "[]").unwrap();
        remove_site(&half).unwrap();
        assert!(!half.exists());
        fs::create_dir_all(&half).unwrap();
        let lock = lock(temp.path()).unwrap();
        assert_eq!(
            recover(temp.path(), &lock).len(),
            1,
            "an empty one goes too"
        );
    }

    #[test]
    fn folders_equinox_did_not_make_are_left_alone() {
        let temp = tempfile::tempdir().unwrap();
        let mine = temp.path().join(".equinox-build-mine");
        fs::create_dir_all(&mine).unwrap();
        fs::write(mine.join("thesis.docx"), "precious").unwrap();
        let lock = lock(temp.path()).unwrap();
        assert!(recover(temp.path(), &lock).is_empty());
        assert!(mine.join("thesis.docx").is_file());
    }
}
