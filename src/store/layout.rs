//! Where a meeting's journals live in the data dir:
//!
//! ```text
//! DATA_DIR/meetings/MEETING-ID.jsonl          the single journal of earlier versions (read in place)
//! DATA_DIR/meetings/MEETING-ID/SEAT.jsonl     each local seat's journal, and SEAT.lock beside it
//! DATA_DIR/meetings/MEETING-ID/carried/*.jsonl journals merged from other computers, byte for byte
//! DATA_DIR/meetings/MEETING-ID/pulled/*.jsonl  other seats' events pulled from a server (`crate::server`)
//! ```
//!
//! The meeting's record is every event in all of these. A seat writes only its own
//! journal; `huiwu merge` writes only `carried/`; the server sync writes only `pulled/`.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::journal::{JournalError, journal_path};

/// The folder of a meeting's seat journals.
pub fn meeting_dir(data_dir: &Path, meeting: &str) -> PathBuf {
    data_dir.join("meetings").join(meeting)
}

/// The folder of journals carried in from other computers.
pub fn carried_dir(data_dir: &Path, meeting: &str) -> PathBuf {
    meeting_dir(data_dir, meeting).join("carried")
}

/// The folder of other seats' journals pulled from a server.
pub fn pulled_dir(data_dir: &Path, meeting: &str) -> PathBuf {
    meeting_dir(data_dir, meeting).join("pulled")
}

/// A local seat's journal.
pub fn seat_journal(data_dir: &Path, meeting: &str, seat: &str) -> PathBuf {
    meeting_dir(data_dir, meeting).join(format!("{}.jsonl", file_stem(seat)))
}

/// The single journal of format 1 (earlier versions).
pub fn legacy_journal(data_dir: &Path, meeting: &str) -> PathBuf {
    journal_path(data_dir, meeting)
}

/// A file name for any seat name: lower-case ASCII letters, digits and `._@+-` are kept;
/// when anything else had to be replaced (upper case included, for file systems that
/// ignore case), a hash of the whole name follows, so that two names never share a file.
pub fn file_stem(seat: &str) -> String {
    let mut safe: String = seat
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || "._@+-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    if safe.starts_with('.') || safe.is_empty() {
        safe.insert(0, '_');
    }
    if safe == seat {
        return safe;
    }
    let digest = Sha256::digest(seat.as_bytes());
    let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{safe}~{hash}")
}

/// Every journal of a meeting on this computer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub legacy: Option<PathBuf>,
    /// Local seats' journals, by file name.
    pub local: Vec<PathBuf>,
    /// Carried journals, by file name.
    pub carried: Vec<PathBuf>,
    /// Journals pulled from a server, by file name.
    pub pulled: Vec<PathBuf>,
}

impl Listing {
    /// All of them: the format-1 journal, the local seats', the carried ones, the pulled
    /// ones.
    pub fn all(&self) -> impl Iterator<Item = &PathBuf> {
        self.legacy
            .iter()
            .chain(self.local.iter())
            .chain(self.carried.iter())
            .chain(self.pulled.iter())
    }
}

/// The journals of meeting `meeting` in `data_dir` (none yet is no error).
pub fn list(data_dir: &Path, meeting: &str) -> Result<Listing, JournalError> {
    let legacy = legacy_journal(data_dir, meeting);
    // A dangling link or a pipe in the old journal's place is reported by its reader.
    let legacy = (legacy.exists() || std::fs::symlink_metadata(&legacy).is_ok()).then_some(legacy);
    Ok(Listing {
        legacy,
        local: journals_in(&meeting_dir(data_dir, meeting))?,
        carried: journals_in(&carried_dir(data_dir, meeting))?,
        pulled: journals_in(&pulled_dir(data_dir, meeting))?,
    })
}

/// The `*.jsonl` files of a folder, sorted (none when there is no folder).
fn journals_in(dir: &Path) -> Result<Vec<PathBuf>, JournalError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Ok(Vec::new()),
        Err(source) => {
            return Err(JournalError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl") && !p.is_dir())
        .collect();
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seat_names_become_file_names_that_never_collide() {
        assert_eq!(file_stem("north"), "north");
        assert_eq!(file_stem("desk-2.a@b+c"), "desk-2.a@b+c");
        let a = file_stem("alice@laptop:desk");
        assert!(a.starts_with("alice@laptop_desk~"), "{a}");
        // Case and replaced characters are told apart by the hash.
        assert_ne!(file_stem("North"), file_stem("north"));
        assert_ne!(file_stem("a:b"), file_stem("a/b"));
        assert_ne!(file_stem("a_b"), file_stem("a:b"));
        for s in [
            "..",
            ".hidden",
            "",
            "王益区",
            "a/../../etc",
            &"x".repeat(500),
        ] {
            let f = file_stem(s);
            assert!(
                !f.starts_with('.') && !f.contains('/') && f.len() < 100,
                "{s}: {f}"
            );
        }
    }
}
