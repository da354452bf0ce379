//! Digests of the input files, so a restatement can say which exports
//! changed since publication: added, removed or modified.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Input file (relative path with `/`) to `sha256:<hex>` of its bytes.
pub type Digests = BTreeMap<String, String>;

/// Digests of everything that decides the figures: equinox.toml and every
/// file the ingest walker reads as a candidate export. Notes and published
/// records are not figures' inputs and are left out.
pub fn input_digests(input: &Path) -> std::io::Result<Digests> {
    let (exports, _) = crate::ingest::export_files(input);
    let settings = input.join("equinox.toml");
    let mut digests = Digests::new();
    for path in std::iter::once(settings).chain(exports) {
        if !path.is_file() {
            continue;
        }
        let relative = path
            .strip_prefix(input)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        digests.insert(relative, file_digest(&path)?);
    }
    Ok(digests)
}

/// The digest of all inputs together: of each path and its digest, in order.
pub fn combined(digests: &Digests) -> String {
    let mut hasher = Sha256::new();
    for (path, digest) in digests {
        hasher.update(path.as_bytes());
        hasher.update([0]);
        hasher.update(digest.as_bytes());
        hasher.update([b'\n']);
    }
    hex(&hasher.finalize())
}

fn file_digest(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(7 + bytes.len() * 2);
    text.push_str("sha256:");
    for b in bytes {
        text.push_str(&format!("{b:02x}"));
    }
    text
}

/// How the input files differ from those recorded at publication.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub modified: Vec<String>,
}

impl FileChanges {
    /// Files present now and not then, gone since, or with other bytes.
    pub fn between(then: &Digests, now: &Digests) -> FileChanges {
        let mut changes = FileChanges::default();
        for (path, digest) in now {
            match then.get(path) {
                None => changes.added.push(path.clone()),
                Some(old) if old != digest => changes.modified.push(path.clone()),
                Some(_) => {}
            }
        }
        changes.removed = then
            .keys()
            .filter(|p| !now.contains_key(*p))
            .cloned()
            .collect();
        changes
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.modified.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_name_added_removed_and_modified_files() {
        let then = Digests::from([
            ("a.csv".into(), "sha256:1".into()),
            ("b.csv".into(), "sha256:2".into()),
            ("c.csv".into(), "sha256:3".into()),
        ]);
        let now = Digests::from([
            ("a.csv".into(), "sha256:1".into()),
            ("b.csv".into(), "sha256:9".into()),
            ("d.csv".into(), "sha256:4".into()),
        ]);
        let changes = FileChanges::between(&then, &now);
        assert_eq!(changes.added, ["d.csv"]);
        assert_eq!(changes.removed, ["c.csv"]);
        assert_eq!(changes.modified, ["b.csv"]);
        assert!(FileChanges::between(&now, &now).is_empty());
    }

    #[test]
    fn the_digest_is_sha256_of_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::write(&path, b"abc").unwrap();
        assert_eq!(
            file_digest(&path).unwrap(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
