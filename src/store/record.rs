//! The meeting's record on this computer: every journal of the meeting (the format-1
//! journal, each local seat's, the carried ones), read at once and folded as one. Reading
//! needs no lock; a torn last line (a writer mid-append, or a crash it has not repaired
//! yet) is left out, any other damage stops the read with the file and line named.
//!
//! [`Follower`] keeps reading: it remembers how far each journal was read, and a poll
//! reads only what other seats appended since (and journals that appeared), so that an
//! open desk or badge reader can follow the other seats of its computer.

use std::fs::File;
use std::io::{Read as _, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::journal::{Header, JournalError, Scan, Source, parse_sources, read_file};
use super::layout;
use crate::core::event::Event;

/// What was read of one journal.
#[derive(Debug, Clone)]
pub struct FileRead {
    pub path: PathBuf,
    pub header: Option<Header>,
    /// Bytes read up to the end of the last whole line.
    pub offset: u64,
    /// Whole lines read (to number lines in errors of later reads).
    pub lines: usize,
    /// The seats whose events it holds.
    pub seats: Vec<String>,
    pub events: usize,
}

/// Scan whole journals at once (their lines parsed on every core), handing the events to
/// `on_events` file after file; each must be meeting `meeting`'s. A file that has gone
/// (removed meanwhile) is passed over.
pub fn read_files(
    paths: &[PathBuf],
    meeting: &str,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Vec<FileRead>, JournalError> {
    let mut present: Vec<(PathBuf, Vec<u8>)> = Vec::with_capacity(paths.len());
    for p in paths {
        if let Some(bytes) = read_file(p)? {
            present.push((p.clone(), bytes));
        }
    }
    let sources: Vec<Source> = present
        .iter()
        .map(|(path, bytes)| Source {
            path,
            bytes,
            after: None,
            tolerate_torn_tail: true,
        })
        .collect();
    let reads = parse_sources(&sources, Some(meeting), on_events)?;
    Ok(present
        .iter()
        .zip(reads)
        .map(|((path, bytes), r)| file_read(path, bytes, 0, 0, r))
        .collect())
}

fn file_read(path: &Path, bytes: &[u8], start: u64, lines_before: usize, r: Scan) -> FileRead {
    let good = &bytes[..r.good_len.min(bytes.len())];
    FileRead {
        path: path.to_path_buf(),
        lines: lines_before + memchr::memchr_iter(b'\n', good).count(),
        offset: start + r.good_len as u64,
        header: r.header,
        seats: r.seats,
        events: r.count,
    }
}

/// Every event of meeting `meeting` in `data_dir`, folded as it is read, except the
/// journals in `skip`.
pub fn read_meeting(
    data_dir: &Path,
    meeting: &str,
    skip: &[PathBuf],
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Vec<FileRead>, JournalError> {
    let listing = layout::list(data_dir, meeting)?;
    let paths: Vec<PathBuf> = listing
        .all()
        .filter(|p| !skip.contains(p))
        .cloned()
        .collect();
    read_files(&paths, meeting, on_events)
}

/// Every event of a meeting, each once, in fold order (for `log` and the JSON export).
pub fn events_in_order(mut events: Vec<Event>) -> Vec<Event> {
    events.sort_by(|a, b| a.key().cmp(&b.key()));
    events.dedup_by(|a, b| a.seat == b.seat && a.seq == b.seq);
    events
}

/// Follows the journals of one meeting: what was read of each, to read on from there.
#[derive(Debug, Clone, Default)]
pub struct Follower {
    files: Vec<FileRead>,
}

impl Follower {
    pub fn new(files: Vec<FileRead>) -> Follower {
        Follower { files }
    }

    /// The journals followed, and what was read of each.
    pub fn files(&self) -> &[FileRead] {
        &self.files
    }

    pub fn add(&mut self, f: FileRead) {
        self.files.retain(|x| x.path != f.path);
        self.files.push(f);
    }

    /// Scan what was appended to the journals since the last read, and journals that
    /// appeared (except those in `skip`: this process's own), handing the new events to
    /// `on_events`. A journal that got shorter (replaced by a longer copy of its seat, or
    /// a torn line cut by its writer) is read again whole: the fold passes over events it
    /// has.
    pub fn poll(
        &mut self,
        data_dir: &Path,
        meeting: &str,
        skip: &[PathBuf],
        on_events: &mut dyn FnMut(&[Event]),
    ) -> Result<(), JournalError> {
        let listing = layout::list(data_dir, meeting)?;
        let mut fresh = Vec::new();
        // Paths compared as bytes: a meeting pulled from a server has a journal per seat,
        // and comparing paths component by component cost more than reading them.
        let skip: Vec<&std::ffi::OsStr> = skip.iter().map(|p| p.as_os_str()).collect();
        for path in listing.all().filter(|p| !skip.contains(&p.as_os_str())) {
            let Some(i) = self
                .files
                .iter()
                .position(|f| f.path.as_os_str() == path.as_os_str())
            else {
                fresh.push(path.clone());
                continue;
            };
            let len = match std::fs::metadata(path) {
                Ok(m) => m.len(),
                Err(_) => continue,
            };
            let f = &self.files[i];
            if len == f.offset {
                continue;
            }
            if len < f.offset || f.header.is_none() {
                fresh.push(path.clone());
                continue;
            }
            let (start, lines) = (f.offset, f.lines);
            let Some(header) = f.header.clone() else {
                continue;
            };
            let bytes = read_from(path, start)?;
            let reads = parse_sources(
                &[Source {
                    path,
                    bytes: &bytes,
                    after: Some((&header, lines)),
                    tolerate_torn_tail: true,
                }],
                Some(meeting),
                on_events,
            )?;
            if let Some(r) = reads.into_iter().next() {
                let mut next = file_read(path, &bytes, start, lines, r);
                next.header = Some(header);
                let f = &mut self.files[i];
                for s in next.seats.drain(..) {
                    if !f.seats.contains(&s) {
                        f.seats.push(s);
                    }
                }
                f.offset = next.offset;
                f.lines = next.lines;
                f.events += next.events;
            }
        }
        if !fresh.is_empty() {
            for f in read_files(&fresh, meeting, on_events)? {
                self.add(f);
            }
        }
        Ok(())
    }
}

/// A file's bytes from `start` on.
fn read_from(path: &Path, start: u64) -> Result<Vec<u8>, JournalError> {
    let io = |source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut f = File::open(path).map_err(io)?;
    f.seek(SeekFrom::Start(start)).map_err(io)?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

/// Write `events` as the journals of their seats in `data_dir` (one journal per seat, in
/// the events' order): for generated meetings (benchmarks, examples, tests). A journal
/// that exists is refused.
pub fn write_seat_journals(
    data_dir: &Path,
    meeting: &str,
    agenda_path: &str,
    agenda_sha256: &str,
    events: &[Event],
) -> Result<Vec<PathBuf>, JournalError> {
    let mut seats: Vec<&str> = Vec::new();
    for e in events {
        if !seats.contains(&e.seat.as_str()) {
            seats.push(&e.seat);
        }
    }
    let mut paths = Vec::new();
    for seat in seats {
        let path = layout::seat_journal(data_dir, meeting, seat);
        if path.exists() {
            return Err(JournalError::Io {
                path,
                source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
            });
        }
        let header = Header::new(
            meeting,
            Some(seat),
            agenda_path,
            agenda_sha256,
            chrono::Utc::now(),
        );
        let (mut j, _) = super::journal::Journal::open_with(&path, header, &mut |_| {})?;
        let mine: Vec<Event> = events.iter().filter(|e| e.seat == seat).cloned().collect();
        j.append(&mine)?;
        paths.push(path);
    }
    Ok(paths)
}
