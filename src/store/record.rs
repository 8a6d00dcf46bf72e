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

use super::journal::{
    After, Header, JournalError, Scan, Source, identity, io_err, open_to_read, parse_sources,
    read_file,
};
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
    /// Some line read had no clock of its own (see `journal::Scan::unstamped`).
    pub unstamped: bool,
    /// Which file was read ([`identity`]; 0 if not known): reading on from `offset` is
    /// reading on in the same file only.
    pub identity: u64,
}

/// Scan whole journals, handing the events to `on_events` file after file; each must be
/// meeting `meeting`'s. A file that has gone (removed meanwhile) is passed over.
///
/// Small journals are read together, their lines parsed on every core; a long one is
/// read a piece of about [`PIECE`] bytes at a time, so that reading a long record never
/// holds all of it (a 100,000-event journal is 20 MB).
pub fn read_files(
    paths: &[PathBuf],
    meeting: &str,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Vec<FileRead>, JournalError> {
    read_files_in(paths, meeting, PIECE, on_events)
}

/// [`read_files`] in pieces of `piece` bytes (the tests show any size reads the same).
#[doc(hidden)]
pub fn read_files_in(
    paths: &[PathBuf],
    meeting: &str,
    piece: usize,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Vec<FileRead>, JournalError> {
    let mut out = Vec::with_capacity(paths.len());
    let mut group: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut ids: Vec<u64> = Vec::new();
    let mut group_len = 0;
    let flush = |group: &mut Vec<(PathBuf, Vec<u8>)>,
                 ids: &mut Vec<u64>,
                 out: &mut Vec<FileRead>,
                 on_events: &mut dyn FnMut(&[Event])| {
        let reads = read_together(&std::mem::take(group), meeting, on_events)?;
        for (mut r, id) in reads.into_iter().zip(std::mem::take(ids)) {
            r.identity = id;
            out.push(r);
        }
        Ok::<(), JournalError>(())
    };
    for p in paths {
        let Some(mut file) = open_to_read(p)? else {
            continue;
        };
        let id = identity(&file);
        let len = file.metadata().map_err(io_err(p))?.len();
        if len > piece as u64 {
            flush(&mut group, &mut ids, &mut out, on_events)?;
            group_len = 0;
            let mut r = read_in_pieces(p, &mut file, meeting, piece, on_events)?;
            r.identity = id;
            out.push(r);
            continue;
        }
        let mut bytes = Vec::with_capacity(len as usize);
        file.read_to_end(&mut bytes).map_err(io_err(p))?;
        group_len += bytes.len();
        group.push((p.clone(), bytes));
        ids.push(id);
        if group_len >= piece {
            flush(&mut group, &mut ids, &mut out, on_events)?;
            group_len = 0;
        }
    }
    flush(&mut group, &mut ids, &mut out, on_events)?;
    Ok(out)
}

/// About how many bytes of journal are held at once while reading.
pub const PIECE: usize = 4 << 20;

/// Whole journals' bytes, parsed at once.
fn read_together(
    files: &[(PathBuf, Vec<u8>)],
    meeting: &str,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Vec<FileRead>, JournalError> {
    let sources: Vec<Source> = files
        .iter()
        .map(|(path, bytes)| Source {
            path,
            bytes,
            after: None,
            tolerate_torn_tail: true,
        })
        .collect();
    let reads = parse_sources(&sources, Some(meeting), on_events)?;
    Ok(files
        .iter()
        .zip(reads)
        .map(|((path, bytes), r)| file_read(path, bytes, 0, 0, r))
        .collect())
}

/// A long journal, a piece at a time: each piece ends after a whole line and goes on
/// where the one before stopped (the header, the line numbers, the clocks of lines
/// without one), so that what is heard, and every error, is what reading it whole gives.
fn read_in_pieces(
    path: &Path,
    file: &mut File,
    meeting: &str,
    piece: usize,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<FileRead, JournalError> {
    let mut whole = nothing_read(path);
    let mut clocks: Vec<(String, crate::core::hlc::Hlc)> = Vec::new();
    let mut buf: Vec<u8> = Vec::with_capacity(piece + piece / 2);
    loop {
        let mut at_end = fill(file, &mut buf, piece, path)?;
        let mut cut = piece_end(&buf);
        while cut.is_none() && !at_end {
            // No place to cut yet (a very long line): read more.
            let target = buf.len() + piece;
            at_end = fill(file, &mut buf, target, path)?;
            cut = piece_end(&buf);
        }
        let cut = if at_end {
            buf.len()
        } else {
            cut.unwrap_or(buf.len())
        };
        let header = whole.header.clone();
        let scans = parse_sources(
            &[Source {
                path,
                bytes: &buf[..cut],
                after: header.as_ref().map(|h| After {
                    header: h,
                    lines: whole.lines,
                    clocks: &clocks,
                }),
                // A torn line can only be the file's last; before it, it is damage.
                tolerate_torn_tail: at_end,
            }],
            Some(meeting),
            on_events,
        )?;
        let Some(mut scan) = scans.into_iter().next() else {
            break;
        };
        if whole.header.is_none() {
            if scan.header.is_none() && !at_end {
                // A first piece of blank lines only (no journal starts so): read whole,
                // to judge what follows them as a whole read does.
                return read_whole(path, meeting, on_events);
            }
            whole.header = scan.header.take();
        }
        clocks = scan
            .seats
            .iter()
            .cloned()
            .zip(scan.clocks.drain(..))
            .collect();
        let piece = file_read(path, &buf[..cut], whole.offset, whole.lines, scan);
        for s in piece.seats {
            if !whole.seats.contains(&s) {
                whole.seats.push(s);
            }
        }
        whole.offset = piece.offset;
        whole.lines = piece.lines;
        whole.events += piece.events;
        whole.unstamped |= piece.unstamped;
        if at_end {
            break;
        }
        buf.drain(..cut);
    }
    Ok(whole)
}

/// Read on until `buf` holds `target` bytes or the file ends; whether it ended.
fn fill(
    file: &mut File,
    buf: &mut Vec<u8>,
    target: usize,
    path: &Path,
) -> Result<bool, JournalError> {
    while buf.len() < target {
        let got = file
            .by_ref()
            .take((target - buf.len()) as u64)
            .read_to_end(buf)
            .map_err(io_err(path))?;
        if got == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// One journal read whole.
fn read_whole(
    path: &Path,
    meeting: &str,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<FileRead, JournalError> {
    let files = [(path.to_path_buf(), read_file(path)?.unwrap_or_default())];
    let reads = read_together(&files, meeting, on_events)?;
    Ok(reads
        .into_iter()
        .next()
        .unwrap_or_else(|| nothing_read(path)))
}

fn nothing_read(path: &Path) -> FileRead {
    FileRead {
        path: path.to_path_buf(),
        header: None,
        offset: 0,
        lines: 0,
        seats: Vec::new(),
        events: 0,
        unstamped: false,
        identity: 0,
    }
}

/// Where a piece of a long journal may end: after a line break with more than blank
/// lines on both sides. After it, because a line followed by NUL bytes alone is the file's
/// last, which only the last piece may judge, and trailing blank lines belong to the last
/// piece as they do to the whole file; before it, because a piece of blank lines alone
/// would read as "no journal". `None` if there is no such place yet.
fn piece_end(buf: &[u8]) -> Option<usize> {
    let blank = |b: &u8| *b == 0 || b.is_ascii_whitespace();
    let first = buf.iter().position(|b| !blank(b))?;
    let last = buf.iter().rposition(|b| !blank(b))?;
    let nl = memchr::memrchr(b'\n', &buf[first..last])?;
    Some(first + nl + 1)
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
        unstamped: r.unstamped,
        identity: 0,
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
            let (bytes, id) = read_from(path, start)?;
            if f.identity != 0 && id != f.identity {
                // Another file in its place: read whole (the fold passes over events it
                // has).
                fresh.push(path.clone());
                continue;
            }
            let reads = parse_sources(
                &[Source {
                    path,
                    bytes: &bytes,
                    after: Some(After {
                        header: &header,
                        lines,
                        clocks: &[],
                    }),
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
                f.unstamped |= next.unstamped;
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

/// A file's bytes from `start` on, and which file it is.
fn read_from(path: &Path, start: u64) -> Result<(Vec<u8>, u64), JournalError> {
    let mut f = File::open(path).map_err(io_err(path))?;
    f.seek(SeekFrom::Start(start)).map_err(io_err(path))?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes).map_err(io_err(path))?;
    Ok((bytes, identity(&f)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What a read gives, comparable: the events heard and what was read of each file, or
    /// the error's words.
    fn outcome(paths: &[PathBuf], piece: usize) -> Result<(Vec<Event>, String), String> {
        let mut heard = Vec::new();
        read_files_in(paths, "m1", piece, &mut |b| heard.extend_from_slice(b))
            .map(|files| {
                let files: Vec<_> = files
                    .iter()
                    .map(|f| {
                        (
                            f.offset,
                            f.lines,
                            f.events,
                            f.seats.clone(),
                            f.header.clone(),
                        )
                    })
                    .collect();
                (heard, format!("{files:?}"))
            })
            .map_err(|e| e.to_string())
    }

    fn line(seat: &str, seq: u64, stamped: bool) -> String {
        let hlc = if stamped {
            format!(r#","hlc":[{},0]"#, 1_493_879_400_000 + seq * 7 % 5)
        } else {
            String::new()
        };
        format!(
            r#"{{"id":"{seat}-{seq}","at":"2017-05-04T06:30:0{}Z","seat":"{seat}","seq":{seq}{hlc},"type":"signed_in","participant":"p{seq}","late":false}}"#,
            seq % 3
        )
    }

    proptest! {
        /// Any piece size reads a journal exactly as reading it whole: the same events
        /// (clocks of lines without one included), the same offsets, line counts and seats,
        /// or the same error at the same line. Journals of both formats, with blank lines,
        /// a damaged line, a torn last line, NUL bytes after a power cut.
        #[test]
        fn any_piece_size_reads_as_the_whole(
            format in 1u32..3,
            seats in proptest::collection::vec(0usize..3, 1..40),
            blank_at in proptest::option::of(0usize..40),
            damage_at in proptest::option::of(0usize..40),
            tail in 0u8..4,
            piece in 1usize..600,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let header = if format == 1 {
                r#"{"huiwu_journal":1,"meeting":"m1","agenda":"a.json","agenda_sha256":"00","created":"2017-05-04T06:00:00Z","writer":"t"}"#
            } else {
                r#"{"huiwu_journal":2,"meeting":"m1","agenda":"a.json","agenda_sha256":"00","created":"2017-05-04T06:00:00Z","writer":"t"}"#
            };
            let mut text = format!("{header}\n");
            let names = ["desk", "desk-2", "reader"];
            let mut seq = [0u64; 3];
            for (i, s) in seats.iter().enumerate() {
                seq[*s] += 1;
                if blank_at == Some(i) {
                    text.push_str("\n   \n");
                }
                if damage_at == Some(i) {
                    text.push_str("{\"id\":\"broken\"}\n");
                }
                text.push_str(&line(names[*s], seq[*s], format == 2 && i % 5 != 0));
                text.push('\n');
            }
            match tail {
                1 => text.push_str(r#"{"id":"torn","at":"2017"#),
                2 => text.push_str("\0\0\0\0"),
                3 => {
                    text.push_str(&line("desk", 99, false));
                    text.push_str("\n\0\0");
                }
                _ => {}
            }
            let path = dir.path().join("j.jsonl");
            std::fs::write(&path, &text).unwrap();
            let paths = [path];
            let whole = outcome(&paths, usize::MAX);
            // The intact journals must read, or this compares errors only.
            if damage_at.is_none_or(|d| d >= seats.len()) && tail != 3 {
                prop_assert!(whole.is_ok(), "{:?}", whole);
            }
            prop_assert_eq!(outcome(&paths, piece), whole);
        }
    }

    #[test]
    fn a_long_journal_is_read_in_pieces_and_small_ones_together() {
        let dir = tempfile::tempdir().unwrap();
        let header = r#"{"huiwu_journal":2,"meeting":"m1","agenda":"a.json","agenda_sha256":"00","created":"2017-05-04T06:00:00Z","writer":"t"}"#;
        let mut paths = Vec::new();
        for (name, n) in [("a", 3), ("b", 400), ("c", 2)] {
            let mut text = format!("{header}\n");
            for seq in 1..=n {
                text.push_str(&line(name, seq, true));
                text.push('\n');
            }
            let p = dir.path().join(format!("{name}.jsonl"));
            std::fs::write(&p, text).unwrap();
            paths.push(p);
        }
        let mut batches = 0;
        let mut events = 0;
        let files = read_files_in(&paths, "m1", 4096, &mut |b| {
            batches += 1;
            events += b.len();
        })
        .unwrap();
        assert_eq!(events, 405);
        // b (about 80 KB) in twenty-odd pieces, a and c each in a group of their own.
        assert!(batches > 15, "{batches}");
        let read: Vec<_> = files.iter().map(|f| (f.events, f.lines)).collect();
        assert_eq!(read, [(3, 4), (400, 401), (2, 3)]);
    }
}
