//! What was pulled from the server, kept on this computer so that a desk restarted
//! offline shows the last known meeting at once: one journal per other seat in
//! `meetings/MEETING-ID/pulled/SEAT.jsonl`, the server's lines byte for byte under a
//! seat journal header. Every reader of the meeting reads them like the local seats'
//! and the carried journals (`store::layout`), so a desk hears the server's events by
//! the same refresh as the other seats of its computer. A seat's own journal is never
//! written here; a pulled journal is written only here, by appending whole lines.
//!
//! Beside them, `pulled/.sync.json` says which server they came from (its instance id),
//! how far it was read (its position), and up to which number each local seat's events
//! are known to be on it (for the count of events waiting while offline).

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::store::journal::{Header, create_private_dir, private_file_options};
use crate::store::{layout, record};

/// How far the server was read, and what of ours it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The server database these files came from.
    pub instance: String,
    /// The server position read up to.
    pub position: i64,
    /// Per local seat: everything up to this number is on the server.
    #[serde(default)]
    pub sent: HashMap<String, u64>,
}

/// The pulled journals of one meeting.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    meeting: String,
    /// Per seat, the numbers held.
    known: HashMap<String, HashSet<u64>>,
    /// How far the server was read, and what it holds of ours, as known now.
    pub progress: Progress,
    /// Pulled journals appended to since the last checkpoint, not synced yet.
    dirty: HashSet<PathBuf>,
    /// The progress as last written.
    saved: Progress,
}

/// A row from the server to keep.
pub struct Pulled<'a> {
    pub seat: &'a str,
    pub seq: u64,
    pub body: &'a str,
}

impl Cache {
    /// Read what was pulled before (the numbers each pulled journal holds).
    pub fn load(data_dir: &Path, meeting: &str) -> std::io::Result<Cache> {
        let dir = layout::pulled_dir(data_dir, meeting);
        let listing = layout::list(data_dir, meeting).map_err(std::io::Error::other)?;
        let mut known: HashMap<String, HashSet<u64>> = HashMap::new();
        record::read_files(&listing.pulled, meeting, &mut |batch| {
            for e in batch {
                known.entry(e.seat.clone()).or_default().insert(e.seq);
            }
        })
        .map_err(std::io::Error::other)?;
        let progress = match std::fs::read(dir.join(PROGRESS)) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            Err(_) => Progress::default(),
        };
        Ok(Cache {
            dir,
            meeting: meeting.to_string(),
            known,
            saved: progress.clone(),
            progress,
            dirty: HashSet::new(),
        })
    }

    /// The server is database `instance`: what was pulled from another one is kept (the
    /// events are the meeting's all the same) but its positions mean nothing here.
    pub fn for_instance(&mut self, instance: &str) -> bool {
        if self.progress.instance == instance {
            return false;
        }
        self.progress = Progress {
            instance: instance.to_string(),
            ..Progress::default()
        };
        true
    }

    pub fn holds(&self, seat: &str, seq: u64) -> bool {
        self.known.get(seat).is_some_and(|s| s.contains(&seq))
    }

    /// Append `rows` (not held yet) to their seats' pulled journals (synced at the next
    /// [`Cache::checkpoint`]); a new journal appears whole (header and lines, renamed into place) so that a reader
    /// never sees half a header. `header_sha` names the meeting's agenda.
    pub fn append(
        &mut self,
        rows: &[Pulled],
        agenda_path: &str,
        header_sha: &str,
    ) -> std::io::Result<usize> {
        let mut by_seat: Vec<(&str, Vec<u8>, Vec<u64>)> = Vec::new();
        for r in rows {
            if self.holds(r.seat, r.seq) {
                continue;
            }
            let i = match by_seat.iter().position(|b| b.0 == r.seat) {
                Some(i) => i,
                None => {
                    by_seat.push((r.seat, Vec::new(), Vec::new()));
                    by_seat.len() - 1
                }
            };
            by_seat[i].1.extend_from_slice(r.body.trim_end().as_bytes());
            by_seat[i].1.push(b'\n');
            by_seat[i].2.push(r.seq);
        }
        if by_seat.is_empty() {
            return Ok(0);
        }
        create_private_dir(&self.dir)?;
        let mut n = 0;
        for (seat, lines, seqs) in by_seat {
            let path = self.dir.join(format!("{}.jsonl", layout::file_stem(seat)));
            if path.exists() {
                let mut f = private_file_options().append(true).open(&path)?;
                f.write_all(&lines)?;
                self.dirty.insert(path);
            } else {
                let header = Header::new(
                    &self.meeting,
                    Some(seat),
                    agenda_path,
                    header_sha,
                    chrono::Utc::now(),
                );
                let mut bytes = serde_json::to_vec(&header).map_err(std::io::Error::other)?;
                bytes.push(b'\n');
                bytes.extend_from_slice(&lines);
                let tmp = self.dir.join(format!(".{}.new", layout::file_stem(seat)));
                let mut f = private_file_options()
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .open(&tmp)?;
                f.write_all(&bytes)?;
                f.sync_all()?;
                std::fs::rename(&tmp, &path)?;
                if let Ok(d) = std::fs::File::open(&self.dir) {
                    let _ = d.sync_all();
                }
            }
            n += seqs.len();
            self.known.entry(seat.to_string()).or_default().extend(seqs);
        }
        Ok(n)
    }

    /// Make the pulled lines durable, then the progress that counts them: after a crash
    /// the server is read again from the last checkpoint (the lines held are passed over),
    /// so a position is never kept ahead of the lines it stands for. Appends are synced
    /// here rather than one by one: a hundred seats' journals are a hundred syncs.
    pub fn checkpoint(&mut self) -> std::io::Result<()> {
        if self.progress == self.saved && self.dirty.is_empty() {
            return Ok(());
        }
        for path in self.dirty.drain() {
            std::fs::File::open(&path)?.sync_data()?;
        }
        create_private_dir(&self.dir)?;
        let bytes = serde_json::to_vec_pretty(&self.progress).map_err(std::io::Error::other)?;
        crate::store::atomic::write_atomic(&self.dir.join(PROGRESS), &bytes)?;
        self.saved = self.progress.clone();
        Ok(())
    }
}

/// The progress file, beside the pulled journals (not a journal: no `.jsonl`).
const PROGRESS: &str = ".sync.json";
