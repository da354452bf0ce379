//! Progress of a run, for a person watching a terminal. The library only
//! reports; the binary decides whether and how to show it.

/// Receives progress as a run goes. Every method has a no-op default.
pub trait Progress: Sync {
    /// A stage starts: "reading", "computing", "rendering", "writing".
    fn stage(&self, _name: &str) {}
    /// The files to read and their total size, once the input is listed.
    fn files(&self, _count: usize, _bytes: u64) {}
    /// One file was read (`bytes` on disk).
    fn file_read(&self, _path: &str, _bytes: u64) {}
    /// Something the user should hear of even if the run fails later,
    /// e.g. the leftovers of an interrupted build that were cleaned up.
    fn note(&self, _text: &str) {}
    /// The run is over.
    fn finished(&self) {}
}

/// Shows nothing.
pub struct Silent;

impl Progress for Silent {}
