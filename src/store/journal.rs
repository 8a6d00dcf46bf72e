//! The append-only event journal: one JSON Lines file per meeting. The first line is a
//! header naming the meeting and the agenda it belongs to; every other line is one event.
//!
//! Durability: an append is one `write` of whole lines followed by `sync_data`, and the
//! caller hears of success only after both. A crash mid-write leaves at most a torn last
//! line, which the next open moves to a side file and cuts off. A damaged line anywhere
//! else stops the load: nothing is rewritten behind the secretary's back.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::event::Event;
use crate::i18n::Lang;

/// The journal's first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Journal format version.
    pub huiwu_journal: u32,
    pub meeting: String,
    /// The agenda file the journal was started with (as given then).
    pub agenda: String,
    /// SHA-256 of that agenda file's bytes.
    pub agenda_sha256: String,
    pub created: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "{path}: line {line} is damaged ({}); the journal was left untouched. Move the file aside or repair that line by hand",
        reason.message(Lang::En)
    )]
    Damaged {
        path: PathBuf,
        line: usize,
        reason: Damage,
    },
    #[error("{path}: the journal belongs to meeting `{found}`, not `{expected}`")]
    WrongMeeting {
        path: PathBuf,
        found: String,
        expected: String,
    },
    #[error(
        "meeting `{meeting}` is already open in process {pid} ({path}); close it there first, or use a read-only command (status, log, export)"
    )]
    Locked {
        meeting: String,
        pid: String,
        path: PathBuf,
    },
    /// The journal's path is a symbolic link to nothing: most likely a drive that is not
    /// mounted. A new journal is not started at the link's target behind the user's back.
    #[error("{path}: the journal is a symbolic link to {}, which does not exist", target.display())]
    DanglingLink { path: PathBuf, target: PathBuf },
    /// A pipe, socket or device in the journal's place: never opened (a pipe would hang).
    #[error("{path}: in the journal's place is a pipe, socket or device, not a file")]
    NotAFile { path: PathBuf },
}

/// What is wrong with a damaged journal line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// No line end: cut off by a crash, and not at the end where that is repaired.
    Incomplete,
    NotUtf8,
    /// The first line is blank.
    NoHeader,
    /// The first line is not a journal header (another file, or a damaged header).
    NotAHeader {
        column: usize,
        detail: String,
    },
    /// An event line that does not parse.
    BadEvent {
        column: usize,
        detail: String,
    },
}

impl Damage {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Damage::Incomplete, Lang::En) => "the line is incomplete".into(),
            (Damage::Incomplete, Lang::Zh) => "该行不完整".into(),
            (Damage::NotUtf8, Lang::En) => "the line is not UTF-8 text".into(),
            (Damage::NotUtf8, Lang::Zh) => "该行不是 UTF-8 文本".into(),
            (Damage::NoHeader, Lang::En) => "the header line is missing".into(),
            (Damage::NoHeader, Lang::Zh) => "缺少首行（记录文件头）".into(),
            (Damage::NotAHeader { column, detail }, Lang::En) => {
                format!("not a huiwu journal header, column {column}: {detail}")
            }
            (Damage::NotAHeader { column, detail }, Lang::Zh) => {
                format!("不是 huiwu 记录文件的首行，第 {column} 列：{detail}")
            }
            // Column 0: the line parsed as JSON but is not an event (no position to give).
            (Damage::BadEvent { column: 0, detail }, _) => detail.clone(),
            (Damage::BadEvent { column, detail }, Lang::En) => {
                format!("column {column}: {detail}")
            }
            (Damage::BadEvent { column, detail }, Lang::Zh) => {
                format!("第 {column} 列：{detail}")
            }
        }
    }

    fn from_json(e: &serde_json::Error, header: bool) -> Damage {
        // serde's text ends with "at line 1 column N": the line is ours, the column kept.
        let text = e.to_string();
        let detail = match text.rfind(" at line ") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        let detail = clip(&detail, 200);
        if header {
            Damage::NotAHeader {
                column: e.column(),
                detail,
            }
        } else {
            Damage::BadEvent {
                column: e.column(),
                detail,
            }
        }
    }
}

/// At most `max` characters of `s`, marked when cut (a 10 MB meeting id is not printed).
pub(super) fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Refuse a journal path that is a symbolic link to nothing, or a pipe or device.
fn check_path(path: &Path) -> Result<(), JournalError> {
    match fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Err(JournalError::NotAFile {
            path: path.to_path_buf(),
        }),
        Ok(_) => Ok(()),
        Err(_) => match fs::symlink_metadata(path) {
            Ok(l) if l.file_type().is_symlink() => Err(JournalError::DanglingLink {
                path: path.to_path_buf(),
                target: fs::read_link(path).unwrap_or_default(),
            }),
            _ => Ok(()),
        },
    }
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What was found when the journal was read.
#[derive(Debug, Default)]
pub struct ReplayReport {
    /// A torn last line was cut off and kept in this side file.
    pub torn_tail: Option<PathBuf>,
    pub events: usize,
}

/// A journal opened for writing: it holds the meeting's lock until dropped.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    _lock: File,
    pub header: Header,
}

/// Where a meeting's files live inside the data dir.
pub fn journal_path(data_dir: &Path, meeting_id: &str) -> PathBuf {
    data_dir
        .join("meetings")
        .join(format!("{meeting_id}.jsonl"))
}

fn lock_path(journal: &Path) -> PathBuf {
    journal.with_extension("lock")
}

/// Create a directory (and parents) private to the user.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Open options for a new file private to the user (0600).
pub fn private_file_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

impl Journal {
    /// Open (or create) the journal at `path` for writing, taking the meeting's lock, and
    /// read back every event. `header` is used when the journal is new.
    pub fn open(
        path: &Path,
        header: Header,
    ) -> Result<(Journal, Vec<Event>, ReplayReport), JournalError> {
        Journal::open_inner(path, header, None)
    }

    /// Like [`Journal::open`], but the events are not returned: `on_events` hears them in
    /// order, batch by batch, as they are parsed, so that the caller can fold them while
    /// later lines are still being read, and a long journal is never held twice in memory.
    /// On an error, what it heard is to be thrown away.
    pub fn open_with(
        path: &Path,
        header: Header,
        on_events: &mut dyn FnMut(&[Event]),
    ) -> Result<(Journal, ReplayReport), JournalError> {
        let (j, _, report) = Journal::open_inner(path, header, Some(on_events))?;
        Ok((j, report))
    }

    fn open_inner(
        path: &Path,
        header: Header,
        on_events: Option<Listener<'_>>,
    ) -> Result<(Journal, Vec<Event>, ReplayReport), JournalError> {
        if let Some(dir) = path.parent() {
            create_private_dir(dir).map_err(io_err(dir))?;
        }
        check_path(path)?;
        let lock = take_lock(path, &header.meeting)?;
        let mut file = private_file_options()
            .read(true)
            .append(true)
            .create(true)
            .open(path)
            .map_err(io_err(path))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(io_err(path))?;
        // Only NUL bytes or blank lines (a power cut right after the file was created):
        // nothing was ever acknowledged. Keep the bytes aside and start the journal.
        let mut blank_start = None;
        if !bytes.is_empty() && is_blank(&bytes) {
            blank_start = Some(keep_aside(path, &bytes)?);
            file.set_len(0).map_err(io_err(path))?;
            bytes.clear();
        }
        if bytes.is_empty() {
            let mut line = serde_json::to_vec(&header).expect("header serializes");
            line.push(b'\n');
            file.write_all(&line).map_err(io_err(path))?;
            file.sync_all().map_err(io_err(path))?;
            if let Some(dir) = path.parent() {
                sync_dir(dir);
            }
            return Ok((
                Journal {
                    path: path.to_path_buf(),
                    file,
                    _lock: lock,
                    header,
                },
                Vec::new(),
                ReplayReport {
                    torn_tail: blank_start,
                    events: 0,
                },
            ));
        }
        let parsed = parse(path, &bytes, true, on_events)?;
        // Blank lines only: no header to go on, and appending one after them would not
        // make a journal either.
        let Some(found) = parsed.header else {
            return Err(JournalError::Damaged {
                path: path.to_path_buf(),
                line: 1,
                reason: Damage::NoHeader,
            });
        };
        // Checked before any repair: another meeting's journal is not touched.
        if found.meeting != header.meeting {
            return Err(JournalError::WrongMeeting {
                path: path.to_path_buf(),
                found: found.meeting,
                expected: header.meeting,
            });
        }
        let mut report = ReplayReport {
            torn_tail: None,
            events: parsed.count,
        };
        if parsed.good_len < bytes.len() {
            // Keep the torn bytes beside the journal, then cut them off.
            let side = keep_aside(path, &bytes[parsed.good_len..])?;
            file.set_len(parsed.good_len as u64).map_err(io_err(path))?;
            file.sync_all().map_err(io_err(path))?;
            file.seek(SeekFrom::End(0)).map_err(io_err(path))?;
            report.torn_tail = Some(side);
        }
        Ok((
            Journal {
                path: path.to_path_buf(),
                file,
                _lock: lock,
                header: found,
            },
            parsed.events,
            report,
        ))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append events durably: one write, then `sync_data`. Only when this returns `Ok` are
    /// the events on disk.
    pub fn append(&mut self, events: &[Event]) -> Result<(), JournalError> {
        if events.is_empty() {
            return Ok(());
        }
        let mut buf = Vec::with_capacity(256 * events.len());
        for e in events {
            serde_json::to_writer(&mut buf, e).expect("events serialize");
            buf.push(b'\n');
        }
        let path = self.path.clone();
        let len_before = self.file.metadata().map(|m| m.len()).ok();
        let res = self
            .file
            .write_all(&buf)
            .and_then(|_| self.file.sync_data());
        if let Err(e) = res {
            // A partial write (disk full) must not stay as a torn line under later appends.
            if let Some(len) = len_before {
                let _ = self.file.set_len(len);
                let _ = self.file.sync_data();
            }
            return Err(io_err(&path)(e));
        }
        Ok(())
    }
}

/// Read a journal without taking the lock (for status, log, export). A torn last line is
/// ignored, not repaired: the writer will repair it.
pub fn read_only(path: &Path) -> Result<(Option<Header>, Vec<Event>), JournalError> {
    read_only_inner(path, None)
}

/// Like [`read_only`], but the events are handed to `on_events` in order as they are
/// parsed, not returned (see [`Journal::open_with`]).
pub fn read_only_with(
    path: &Path,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Option<Header>, JournalError> {
    read_only_inner(path, Some(on_events)).map(|(h, _)| h)
}

fn read_only_inner(
    path: &Path,
    on_events: Option<Listener<'_>>,
) -> Result<(Option<Header>, Vec<Event>), JournalError> {
    check_path(path)?;
    let mut bytes = Vec::new();
    match File::open(path) {
        Ok(mut f) => f.read_to_end(&mut bytes).map_err(io_err(path))?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((None, Vec::new())),
        Err(e) => return Err(io_err(path)(e)),
    };
    read_bytes(path, &bytes, on_events)
}

/// Read journal bytes as [`read_only`] does (`path` only names the file in errors): the
/// header and the events, a torn last line ignored, any other damage an error.
pub fn parse_bytes(
    path: &Path,
    bytes: &[u8],
) -> Result<(Option<Header>, Vec<Event>), JournalError> {
    read_bytes(path, bytes, None)
}

/// What every reader without the lock does with a journal's bytes: nothing but blanks is
/// no journal yet; a torn last line is left out, not repaired.
fn read_bytes(
    path: &Path,
    bytes: &[u8],
    on_events: Option<Listener<'_>>,
) -> Result<(Option<Header>, Vec<Event>), JournalError> {
    if is_blank(bytes) {
        return Ok((None, Vec::new()));
    }
    let parsed = parse(path, bytes, true, on_events)?;
    Ok((parsed.header, parsed.events))
}

/// Who hears a journal's events as they are parsed, if anyone.
type Listener<'a> = &'a mut dyn FnMut(&[Event]);

struct Parsed {
    header: Option<Header>,
    /// Empty when the events were handed to a listener instead.
    events: Vec<Event>,
    /// How many events were read.
    count: usize,
    /// Length of the intact prefix (whole, parseable lines).
    good_len: usize,
}

/// With `on_events`, the events are handed to it in order, batch by batch, as they are
/// parsed (so that a fold can run while later lines are still being read), and not kept;
/// on an error, what it heard is to be thrown away. Without, they are returned.
fn parse(
    path: &Path,
    bytes: &[u8],
    tolerate_torn_tail: bool,
    mut on_events: Option<Listener<'_>>,
) -> Result<Parsed, JournalError> {
    // Three passes. The first walks the lines in order and settles everything but the
    // events' contents: where each line is, the header, and the first line that is broken
    // in its shape (cut off, not UTF-8). The second parses the event lines, on several
    // threads when there are many: parsing is most of the cost of opening a long journal.
    // The third takes the results in order, so the first damaged line is the one reported,
    // exactly as a line-by-line reader would.
    let damaged = |line: usize, reason: Damage| JournalError::Damaged {
        path: path.to_path_buf(),
        line,
        reason,
    };
    // A line is the last one when only NUL bytes follow it (a power cut after the file's
    // size grew but before its data reached the disk).
    let content_end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let mut header = None;
    let mut pending: Vec<Pending> = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count());
    // The first line broken in its shape, if any: (line number, its start, is it the last).
    let mut broken: Option<(usize, usize, bool, Damage)> = None;
    let mut pos = 0;
    let mut line_no = 0;
    while pos < bytes.len() {
        line_no += 1;
        let (line, next, complete) = match memchr::memchr(b'\n', &bytes[pos..]) {
            Some(i) => (&bytes[pos..pos + i], pos + i + 1, true),
            None => (&bytes[pos..], bytes.len(), false),
        };
        let is_last = next >= content_end;
        let shape: Result<(), Damage> = (|| {
            if !complete {
                return Err(Damage::Incomplete);
            }
            let text = std::str::from_utf8(line).map_err(|_| Damage::NotUtf8)?;
            if text.trim().is_empty() {
                return Ok(());
            }
            if header.is_none() {
                if line_no != 1 {
                    return Err(Damage::NoHeader);
                }
                header = Some(
                    serde_json::from_str::<Header>(text)
                        .map_err(|e| Damage::from_json(&e, true))?,
                );
            } else {
                pending.push(Pending {
                    line: line_no,
                    start: pos,
                    is_last,
                    text,
                });
            }
            Ok(())
        })();
        if let Err(reason) = shape {
            broken = Some((line_no, pos, is_last, reason));
            break;
        }
        pos = next;
        if is_last && next < bytes.len() {
            // Only NUL bytes follow: a torn tail.
            break;
        }
    }

    let mut events = Vec::with_capacity(if on_events.is_some() {
        BATCH
    } else {
        pending.len()
    });
    let mut count = 0;
    // The first event line that does not parse: (its index in `pending`, why).
    let mut bad: Option<(usize, Damage)> = None;
    parse_events(&pending, |first, results| {
        let before = events.len();
        for (k, result) in (first..).zip(results) {
            match result {
                Ok(e) => events.push(e),
                Err(reason) => {
                    bad = Some((k, reason));
                    break;
                }
            }
        }
        count += events.len() - before;
        if let Some(listener) = on_events.as_mut() {
            listener(&events[before..]);
            events.clear();
        }
        bad.is_none()
    });
    if let Some((k, reason)) = bad {
        let p = &pending[k];
        if tolerate_torn_tail && p.is_last && p.line > 1 {
            return Ok(Parsed {
                header,
                events,
                count,
                good_len: p.start,
            });
        }
        return Err(damaged(p.line, reason));
    }
    if let Some((line, start, is_last, reason)) = broken {
        if tolerate_torn_tail && is_last && line > 1 {
            pos = start;
        } else {
            return Err(damaged(line, reason));
        }
    }
    Ok(Parsed {
        header,
        events,
        count,
        good_len: pos,
    })
}

/// An event line found by the first pass, not parsed yet.
struct Pending<'a> {
    line: usize,
    /// Offset of the line's first byte in the file.
    start: usize,
    /// Only NUL bytes, or nothing, follow it.
    is_last: bool,
    text: &'a str,
}

/// Lines handed to a thread at a time: small enough that the fold of one batch overlaps
/// the parse of the next, large enough that handing over costs nothing.
const BATCH: usize = 2_000;

/// Parse event lines and hand the results to `take` batch by batch, in order, with the
/// index of the batch's first line; `take` returns `false` to stop. Long journals are
/// parsed on every core: helper threads parse batches, and the calling thread works
/// through the parsed ones in order and, whenever the next is not ready, parses one
/// itself, so that no core waits and the caller's fold overlaps the parse.
fn parse_events(
    lines: &[Pending],
    mut take: impl FnMut(usize, Vec<Result<Event, Damage>>) -> bool,
) {
    let one = |p: &Pending| {
        serde_json::from_str::<Event>(p.text).map_err(|e| Damage::from_json(&e, false))
    };
    let batches: Vec<&[Pending]> = lines.chunks(BATCH).collect();
    let helpers = std::thread::available_parallelism()
        .map_or(0, |n| n.get() - 1)
        .min(batches.len().saturating_sub(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Vec<Result<Event, Damage>>)>();
    std::thread::scope(|scope| {
        for _ in 0..helpers {
            let (tx, batches, next, stop) = (tx.clone(), &batches, &next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(batch) = batches.get(i) else { break };
                    if tx.send((i, batch.iter().map(one).collect())).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Batches are parsed in any order and taken in order.
        let mut ready = std::collections::BTreeMap::new();
        for want in 0..batches.len() {
            let batch = loop {
                if let Some(b) = ready.remove(&want) {
                    break b;
                }
                while let Ok((i, b)) = rx.try_recv() {
                    ready.insert(i, b);
                }
                if ready.contains_key(&want) {
                    continue;
                }
                // Not parsed yet: parse the next unclaimed batch here rather than wait.
                let i = next.fetch_add(1, Ordering::Relaxed);
                if let Some(batch) = batches.get(i) {
                    ready.insert(i, batch.iter().map(one).collect());
                    continue;
                }
                // Every batch is claimed: wait for the one a helper is parsing.
                match rx.recv() {
                    Ok((i, b)) => {
                        ready.insert(i, b);
                    }
                    // Every helper is gone: one panicked, and the scope re-raises it.
                    Err(_) => return,
                }
            };
            if !take(want * BATCH, batch) {
                stop.store(true, Ordering::Relaxed);
                return;
            }
        }
    });
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| b == 0 || b.is_ascii_whitespace())
}

/// Copy bytes about to be cut off into a private side file, synced, and name it.
fn keep_aside(path: &Path, bytes: &[u8]) -> Result<PathBuf, JournalError> {
    let side = side_file(path);
    let mut f = private_file_options()
        .write(true)
        .create_new(true)
        .open(&side)
        .map_err(io_err(&side))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(io_err(&side))?;
    Ok(side)
}

fn side_file(path: &Path) -> PathBuf {
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{name}.torn-{stamp}"))
}

/// Take the meeting's lock, recording our pid in the lock file for the next one to see.
fn take_lock(journal: &Path, meeting: &str) -> Result<File, JournalError> {
    let path = lock_path(journal);
    let mut f = private_file_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io_err(&path))?;
    match f.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut pid = String::new();
            let _ = f.read_to_string(&mut pid);
            let pid = pid.trim();
            return Err(JournalError::Locked {
                meeting: meeting.to_string(),
                pid: if pid.is_empty() {
                    "?".into()
                } else {
                    pid.into()
                },
                path: journal.to_path_buf(),
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(io_err(&path)(e)),
    }
    f.set_len(0)
        .and_then(|_| f.seek(SeekFrom::Start(0)))
        .and_then(|_| writeln!(f, "{}", std::process::id()))
        .and_then(|_| f.flush())
        .map_err(io_err(&path))?;
    Ok(f)
}

fn sync_dir(dir: &Path) {
    // Make the new file's directory entry durable too (best effort: not all platforms).
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            huiwu_journal: 1,
            meeting: "m1".into(),
            agenda: "a.json".into(),
            agenda_sha256: "00".into(),
            created: DateTime::from_timestamp(0, 0).unwrap(),
        }
    }

    fn event(n: u64) -> Event {
        Event {
            id: format!("e{n}"),
            at: DateTime::from_timestamp(n as i64, 0).unwrap(),
            seat: "s".into(),
            seq: n,
            kind: crate::core::event::EventKind::MeetingStarted { effective_at: None },
        }
    }

    #[test]
    fn append_then_reopen_gives_the_events_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(dir.path(), "m1");
        {
            let (mut j, ev, _) = Journal::open(&path, header()).unwrap();
            assert!(ev.is_empty());
            j.append(&[event(1), event(2)]).unwrap();
        }
        let (_, ev, rep) = Journal::open(&path, header()).unwrap();
        assert_eq!(ev, vec![event(1), event(2)]);
        assert!(rep.torn_tail.is_none());
    }

    /// A journal long enough to be parsed in batches on several threads.
    fn long_journal(n: u64) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(&header()).unwrap();
        bytes.push(b'\n');
        for i in 1..=n {
            serde_json::to_writer(&mut bytes, &event(i)).unwrap();
            bytes.push(b'\n');
        }
        bytes
    }

    #[test]
    fn a_long_journal_is_read_in_order_and_heard_in_order() {
        let bytes = long_journal(3 * BATCH as u64 + 17);
        let mut heard = Vec::new();
        let parsed = parse(Path::new("j"), &bytes, false, None).unwrap();
        let want: Vec<Event> = (1..=3 * BATCH as u64 + 17).map(event).collect();
        assert_eq!(parsed.events, want);
        let heard_from = parse(
            Path::new("j"),
            &bytes,
            false,
            Some(&mut |b: &[Event]| heard.extend_from_slice(b)),
        )
        .unwrap();
        assert_eq!(heard, want);
        assert!(heard_from.events.is_empty());
        assert_eq!(heard_from.count, want.len());
        assert_eq!(parsed.good_len, bytes.len());
    }

    #[test]
    fn in_a_long_journal_the_first_damaged_line_is_the_one_named() {
        // Damage in a late batch and in an early one: the early one is reported, whichever
        // thread finishes first.
        let mut lines: Vec<Vec<u8>> = long_journal(5 * BATCH as u64)
            .split(|&b| b == b'\n')
            .map(<[u8]>::to_vec)
            .collect();
        lines[4 * BATCH + 3] = b"{not json".to_vec();
        lines[BATCH + 9] = b"{\"id\":1}".to_vec();
        let bytes = lines.join(&b'\n');
        match parse(Path::new("j"), &bytes, true, None) {
            Err(JournalError::Damaged { line, .. }) => assert_eq!(line, BATCH + 10),
            other => panic!("{:?}", other.map(|p| p.events.len())),
        }
    }

    #[test]
    fn a_torn_last_line_of_a_long_journal_is_left_out() {
        let mut bytes = long_journal(3 * BATCH as u64);
        bytes.extend_from_slice(br#"{"id":"e9","at":"20"#);
        let parsed = parse(Path::new("j"), &bytes, true, None).unwrap();
        assert_eq!(parsed.events.len(), 3 * BATCH);
        assert_eq!(parsed.good_len, bytes.len() - 19);
        // The same cut line followed by a newline and NUL bytes (a power cut): left out too.
        let mut bytes = long_journal(3 * BATCH as u64);
        let good = bytes.len();
        bytes.extend_from_slice(b"{\"id\":\"e9\",\"at\":\n\0\0\0");
        let parsed = parse(Path::new("j"), &bytes, true, None).unwrap();
        assert_eq!(parsed.events.len(), 3 * BATCH);
        assert_eq!(parsed.good_len, good);
    }

    #[test]
    fn torn_tail_is_moved_aside_and_cut() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(dir.path(), "m1");
        {
            let (mut j, _, _) = Journal::open(&path, header()).unwrap();
            j.append(&[event(1)]).unwrap();
        }
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"{\"id\":\"e2\",\"at\":").unwrap();
        drop(f);
        let (mut j, ev, rep) = Journal::open(&path, header()).unwrap();
        assert_eq!(ev, vec![event(1)]);
        let side = rep.torn_tail.expect("torn tail reported");
        assert_eq!(fs::read(&side).unwrap(), b"{\"id\":\"e2\",\"at\":");
        j.append(&[event(3)]).unwrap();
        drop(j);
        let (_, ev, rep) = Journal::open(&path, header()).unwrap();
        assert_eq!(ev, vec![event(1), event(3)]);
        assert!(rep.torn_tail.is_none());
    }

    #[test]
    fn damaged_middle_line_stops_the_load_and_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(dir.path(), "m1");
        {
            let (mut j, _, _) = Journal::open(&path, header()).unwrap();
            j.append(&[event(1), event(2), event(3)]).unwrap();
        }
        let text = fs::read_to_string(&path).unwrap();
        let broken = text.replacen("\"seq\":2", "\"seq\":", 1);
        fs::write(&path, &broken).unwrap();
        let err = Journal::open(&path, header()).unwrap_err();
        assert!(
            matches!(err, JournalError::Damaged { line: 3, .. }),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), broken, "untouched");
    }

    #[test]
    fn second_writer_is_refused_with_the_pid() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(dir.path(), "m1");
        let _first = Journal::open(&path, header()).unwrap();
        // File locks are per open file description, so a second open in-process conflicts.
        let err = Journal::open(&path, header()).unwrap_err();
        match err {
            JournalError::Locked { pid, .. } => assert_eq!(pid, std::process::id().to_string()),
            other => panic!("expected Locked, got {other}"),
        }
    }

    #[test]
    fn nul_filled_tail_counts_as_torn() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(dir.path(), "m1");
        {
            let (mut j, _, _) = Journal::open(&path, header()).unwrap();
            j.append(&[event(1)]).unwrap();
        }
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(&[0u8; 64]).unwrap();
        drop(f);
        let (_, ev, rep) = Journal::open(&path, header()).unwrap();
        assert_eq!(ev, vec![event(1)]);
        assert!(rep.torn_tail.is_some());
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = journal_path(&dir.path().join("data"), "m1");
        let _j = Journal::open(&path, header()).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }
}
