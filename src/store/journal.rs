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

use crate::core::event::{Event, Hlc};
use crate::core::event_wire::{ParsedLine, parse_line};
use crate::i18n::Lang;

/// The journal format this huiwu writes. Format 1 is the single journal per meeting of
/// earlier versions (read in place, never written); format 2 is a seat's journal, whose
/// events carry their clock. A journal of a higher format is refused with "upgrade", never
/// read in part; within a format, new event types and fields may appear, and are kept.
pub const FORMAT: u32 = 2;

/// The journal's first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Journal format version (see [`FORMAT`]).
    pub huiwu_journal: u32,
    pub meeting: String,
    /// The seat whose journal this is: every event in it is that seat's. Absent in a
    /// format-1 journal, which holds the events of every seat of one computer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// The agenda file the journal was started with (as given then).
    pub agenda: String,
    /// SHA-256 of that agenda file's bytes.
    pub agenda_sha256: String,
    pub created: DateTime<Utc>,
    /// The program that started the journal (`huiwu 0.2.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writer: Option<String>,
}

impl Header {
    /// The header of a journal this huiwu starts now.
    pub fn new(
        meeting: &str,
        seat: Option<&str>,
        agenda: &str,
        agenda_sha256: &str,
        created: DateTime<Utc>,
    ) -> Header {
        Header {
            huiwu_journal: FORMAT,
            meeting: meeting.to_string(),
            seat: seat.map(str::to_string),
            agenda: agenda.to_string(),
            agenda_sha256: agenda_sha256.to_string(),
            created,
            writer: Some(format!("huiwu {}", env!("CARGO_PKG_VERSION"))),
        }
    }
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
    /// Another process writes as this seat.
    #[error("seat `{seat}` is already writing in process {pid} ({path})")]
    Locked {
        seat: String,
        pid: String,
        path: PathBuf,
    },
    /// Written by a newer huiwu in a format this one cannot read.
    #[error(
        "{path}: written by a newer huiwu (journal format {version}); upgrade huiwu to read it"
    )]
    Newer { path: PathBuf, version: u32 },
    /// The seat asked for is another computer's: its journal was merged from there.
    #[error("seat `{seat}` belongs to another computer (its journal {path} was merged from there)")]
    ForeignSeat { seat: String, path: PathBuf },
    /// The journal's path is a symbolic link to nothing: most likely a drive that is not
    /// mounted. A new journal is not started at the link's target behind the user's back.
    #[error("{path}: the journal is a symbolic link to {}, which does not exist", target.display())]
    DanglingLink { path: PathBuf, target: PathBuf },
    /// A pipe, socket or device in the journal's place: never opened (a pipe would hang).
    #[error("{path}: in the journal's place is a pipe, socket or device, not a file")]
    NotAFile { path: PathBuf },
    /// The session follows the meeting without a seat (`huiwu run --read-only`): it
    /// records nothing.
    #[error("this session is read-only: nothing is recorded")]
    ReadOnly,
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
    /// An event of another seat in a seat's journal.
    OtherSeat {
        found: String,
        expected: String,
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
            (Damage::OtherSeat { found, expected }, Lang::En) => format!(
                "an event of seat `{}` in the journal of seat `{}`",
                clip(found, 80),
                clip(expected, 80)
            ),
            (Damage::OtherSeat { found, expected }, Lang::Zh) => format!(
                "席位 `{}` 的记录文件中有席位 `{}` 的记录",
                clip(expected, 80),
                clip(found, 80)
            ),
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

pub(crate) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> JournalError + '_ {
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
    /// The journal's length after opening, and its lines (0 when there is none yet).
    pub offset: u64,
    pub lines: usize,
    /// Some line read had no clock of its own (see [`Scan::unstamped`]).
    pub unstamped: bool,
    /// The journal's [`identity`] (0 when there is none yet).
    pub identity: u64,
}

/// What an earlier read found of a journal, for [`Journal::claim`] to read on from: its
/// header, and its first `offset` bytes (`lines` lines), checked unchanged since.
#[derive(Debug, Clone)]
pub struct Resume {
    pub header: Header,
    pub offset: u64,
    pub lines: usize,
}

/// A seat's journal opened for writing: it holds the seat's lock until dropped. The file
/// is created at the first append (with its header): a seat that records nothing leaves
/// no journal behind.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: Option<File>,
    _lock: File,
    pub header: Header,
}

/// Where a meeting's single journal of format 1 lives inside the data dir (earlier
/// versions' layout; see `store::layout` for the seats' journals).
pub fn journal_path(data_dir: &Path, meeting_id: &str) -> PathBuf {
    data_dir
        .join("meetings")
        .join(format!("{meeting_id}.jsonl"))
}

/// The lock file beside a journal.
pub fn lock_path(journal: &Path) -> PathBuf {
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

/// Which file this is, as the file system knows it (its device and inode on Unix; 0
/// where that is not known): a journal replaced by another file (a newer copy renamed
/// into its place) is another file, though its name is the same.
pub fn identity(file: &File) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = file.metadata() {
            return m.dev().wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ m.ino();
        }
    }
    let _ = file;
    0
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
    /// Open (or create) the journal at `path` for writing, taking its lock (the header's
    /// seat, or its meeting, names it in a refusal), and read back every event. `header`
    /// is used when the journal is new.
    pub fn open(
        path: &Path,
        header: Header,
    ) -> Result<(Journal, Vec<Event>, ReplayReport), JournalError> {
        let mut events = Vec::new();
        let (j, report) = Journal::open_with(path, header, &mut |b| events.extend_from_slice(b))?;
        Ok((j, events, report))
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
        if let Some(dir) = path.parent() {
            create_private_dir(dir).map_err(io_err(dir))?;
        }
        check_path(path)?;
        let name = header
            .seat
            .clone()
            .unwrap_or_else(|| header.meeting.clone());
        let lock = take_lock(path, &name, std::time::Duration::ZERO)?;
        let (mut j, report) = Journal::claim(path, header, lock, None, on_events)?;
        j.create()?;
        Ok((j, report))
    }

    /// Read the journal at `path` (if there is one) for writing, under `lock` already
    /// taken: a torn last line is moved to a side file and cut off; any other damage, a
    /// journal of another meeting or seat, or a newer format is refused untouched. The file
    /// is created only at the first append. With `resume` (what an earlier read found of
    /// the journal, its bytes since checked unchanged), only what follows is read.
    pub fn claim(
        path: &Path,
        header: Header,
        lock: File,
        resume: Option<Resume>,
        on_events: &mut dyn FnMut(&[Event]),
    ) -> Result<(Journal, ReplayReport), JournalError> {
        check_path(path)?;
        let mut report = ReplayReport::default();
        let mut journal = Journal {
            path: path.to_path_buf(),
            file: None,
            _lock: lock,
            header,
        };
        let mut file = match private_file_options().read(true).append(true).open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((journal, report)),
            Err(e) => return Err(io_err(path)(e)),
        };
        let len = file.metadata().map_err(io_err(path))?.len();
        report.identity = identity(&file);
        let resume = resume.filter(|r| r.offset > 0 && r.offset <= len);
        let start = resume.as_ref().map_or(0, |r| r.offset);
        file.seek(SeekFrom::Start(start)).map_err(io_err(path))?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(io_err(path))?;
        // Only NUL bytes or blank lines (a power cut right after the file was created):
        // nothing was ever acknowledged. Keep the bytes aside and start the journal again.
        if resume.is_none() && is_blank(&bytes) {
            if !bytes.is_empty() {
                report.torn_tail = Some(keep_aside(path, &bytes)?);
            }
            file.set_len(0).map_err(io_err(path))?;
            file.sync_all().map_err(io_err(path))?;
            journal.file = Some(file);
            journal.write_header()?;
            return Ok((journal, report));
        }
        let want = journal.header.clone();
        let read = match &resume {
            None => parse_one(path, &bytes, Some(&want.meeting), on_events)?,
            // Blank lines after what was read before: nothing new, kept as a whole read
            // keeps them (alone, the parser would take them for a torn line).
            Some(r)
                if bytes
                    .iter()
                    .all(|b| matches!(b, b'\n' | b'\r' | b' ' | b'\t')) =>
            {
                Scan {
                    header: Some(r.header.clone()),
                    good_len: bytes.len(),
                    ..Scan::default()
                }
            }
            Some(r) => {
                let source = Source {
                    path,
                    bytes: &bytes,
                    after: Some(After {
                        header: &r.header,
                        lines: r.lines,
                        clocks: &[],
                    }),
                    tolerate_torn_tail: true,
                };
                let mut scans = parse_sources(&[source], Some(&want.meeting), on_events)?;
                let mut scan = scans.pop().unwrap_or_default();
                scan.header = Some(r.header.clone());
                scan
            }
        };
        // Blank lines only before the damage: no header to go on.
        let Some(found) = read.header else {
            return Err(JournalError::Damaged {
                path: path.to_path_buf(),
                line: 1,
                reason: Damage::NoHeader,
            });
        };
        if want.seat.is_some() && found.seat != want.seat {
            return Err(JournalError::Damaged {
                path: path.to_path_buf(),
                line: 1,
                reason: Damage::OtherSeat {
                    found: found.seat.clone().unwrap_or_default(),
                    expected: want.seat.clone().unwrap_or_default(),
                },
            });
        }
        report.events = read.count;
        report.unstamped = read.unstamped;
        report.offset = start + read.good_len as u64;
        report.lines = resume.as_ref().map_or(0, |r| r.lines)
            + memchr::memchr_iter(b'\n', &bytes[..read.good_len.min(bytes.len())]).count();
        if read.good_len < bytes.len() {
            // Keep the torn bytes beside the journal, then cut them off.
            let side = keep_aside(path, &bytes[read.good_len..])?;
            file.set_len(report.offset).map_err(io_err(path))?;
            file.sync_all().map_err(io_err(path))?;
            file.seek(SeekFrom::End(0)).map_err(io_err(path))?;
            report.torn_tail = Some(side);
        }
        journal.header = found;
        journal.file = Some(file);
        Ok((journal, report))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file, created with its header line (synced, and its folder entry) if new.
    fn create(&mut self) -> Result<&mut File, JournalError> {
        if self.file.is_none() {
            let path = self.path.clone();
            if let Some(dir) = path.parent() {
                create_private_dir(dir).map_err(io_err(dir))?;
            }
            let file = private_file_options()
                .read(true)
                .append(true)
                .create(true)
                .open(&path)
                .map_err(io_err(&path))?;
            self.file = Some(file);
            if fs::metadata(&path).map_err(io_err(&path))?.len() == 0 {
                self.write_header()?;
            }
        }
        let path = self.path.clone();
        self.file
            .as_mut()
            .ok_or_else(|| io_err(&path)(io::Error::other("journal not open")))
    }

    fn write_header(&mut self) -> Result<(), JournalError> {
        let path = self.path.clone();
        let mut line =
            serde_json::to_vec(&self.header).map_err(|e| io_err(&path)(io::Error::other(e)))?;
        line.push(b'\n');
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        let res = file.write_all(&line).and_then(|_| file.sync_all());
        if let Err(e) = res {
            // A header cut short would make the journal unreadable: leave it empty.
            let _ = file.set_len(0);
            return Err(io_err(&path)(e));
        }
        if let Some(dir) = path.parent() {
            sync_dir(dir);
        }
        Ok(())
    }

    /// Append events durably: one write, then `sync_data`. Only when this returns `Ok` are
    /// the events on disk.
    pub fn append(&mut self, events: &[Event]) -> Result<(), JournalError> {
        if events.is_empty() {
            return Ok(());
        }
        let path = self.path.clone();
        let mut buf = Vec::with_capacity(256 * events.len());
        for e in events {
            serde_json::to_writer(&mut buf, e).map_err(|e| io_err(&path)(io::Error::other(e)))?;
            buf.push(b'\n');
        }
        let file = self.create()?;
        let len_before = file.metadata().map(|m| m.len()).ok();
        let res = file.write_all(&buf).and_then(|_| file.sync_data());
        if let Err(e) = res {
            // A partial write (disk full) must not stay as a torn line under later appends.
            if let Some(len) = len_before {
                let _ = file.set_len(len);
                let _ = file.sync_data();
            }
            return Err(io_err(&path)(e));
        }
        Ok(())
    }
}

/// Read a journal without taking the lock (for status, log, export). A torn last line is
/// ignored, not repaired: the writer will repair it.
pub fn read_only(path: &Path) -> Result<(Option<Header>, Vec<Event>), JournalError> {
    let mut events = Vec::new();
    let header = read_only_with(path, &mut |b| events.extend_from_slice(b))?;
    Ok((header, events))
}

/// Like [`read_only`], but the events are handed to `on_events` in order as they are
/// parsed, not returned (see [`Journal::open_with`]).
pub fn read_only_with(
    path: &Path,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Option<Header>, JournalError> {
    let Some(bytes) = read_file(path)? else {
        return Ok(None);
    };
    read_bytes(path, &bytes, on_events).map(|r| r.header)
}

/// A file's bytes, `None` if there is no file.
pub(crate) fn read_file(path: &Path) -> Result<Option<Vec<u8>>, JournalError> {
    let Some(mut f) = open_to_read(path)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes).map_err(io_err(path))?;
    Ok(Some(bytes))
}

/// A journal opened for reading; `None` if there is none. A link to nothing (the
/// journals' drive not mounted) or a pipe in its place is an error, as for a writer.
pub(crate) fn open_to_read(path: &Path) -> Result<Option<File>, JournalError> {
    check_path(path)?;
    match File::open(path) {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path)(e)),
    }
}

/// Read journal bytes as [`read_only`] does (`path` only names the file in errors): the
/// header and the events, a torn last line ignored, any other damage an error.
pub fn parse_bytes(
    path: &Path,
    bytes: &[u8],
) -> Result<(Option<Header>, Vec<Event>), JournalError> {
    let mut events = Vec::new();
    let read = read_bytes(path, bytes, &mut |b| events.extend_from_slice(b))?;
    Ok((read.header, events))
}

/// What every reader without the lock does with a journal's bytes: nothing but blanks is
/// no journal yet; a torn last line is left out, not repaired.
fn read_bytes(
    path: &Path,
    bytes: &[u8],
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Scan, JournalError> {
    if is_blank(bytes) {
        return Ok(Scan::default());
    }
    parse_one(path, bytes, None, on_events)
}

/// Read one file's bytes as [`parse_sources`] does; a torn last line is left out.
pub fn parse_one(
    path: &Path,
    bytes: &[u8],
    meeting: Option<&str>,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Scan, JournalError> {
    let mut scans = parse_sources(
        &[Source {
            path,
            bytes,
            after: None,
            tolerate_torn_tail: true,
        }],
        meeting,
        on_events,
    )?;
    Ok(scans.pop().unwrap_or_default())
}

/// One file's bytes to read, as part of reading several at once.
pub struct Source<'a> {
    /// Names the file in errors.
    pub path: &'a Path,
    pub bytes: &'a [u8],
    /// Reading on from where an earlier read stopped: no header here.
    pub after: Option<After<'a>>,
    /// A torn last line is left out (else it is damage).
    pub tolerate_torn_tail: bool,
}

/// Where an earlier read of the same file stopped.
#[derive(Debug, Clone, Copy)]
pub struct After<'a> {
    /// The file's header, which applies to these bytes.
    pub header: &'a Header,
    /// Lines before these bytes (for the line numbers in errors).
    pub lines: usize,
    /// Per seat, the clock of its last line without one (see [`Scan::clocks`]); empty
    /// when these lines are read on their own (a follower's appended lines).
    pub clocks: &'a [(String, Hlc)],
}

/// What was read of one file.
#[derive(Debug, Default, Clone)]
pub struct Scan {
    /// The header line, when the bytes began with one.
    pub header: Option<Header>,
    /// How many events were read.
    pub count: usize,
    /// Length of the intact prefix (whole, parseable lines); a torn tail follows it.
    pub good_len: usize,
    /// The seats whose events the file holds.
    pub seats: Vec<String>,
    /// Per seat in `seats`, the clock given to its last line without one (format 1), for
    /// a read that goes on where this one stopped.
    pub clocks: Vec<Hlc>,
    /// Some line had no clock of its own (the lines of format 1, or such lines carried
    /// into a journal of format 2): its clock depends on the lines before it.
    pub unstamped: bool,
}

/// Scan several journals' bytes at once: the lines of all of them are parsed in batches
/// on every core, and `on_events` hears the events file by file, in each file's order
/// (so that a fold can run while later lines are still being read); on an error, what it
/// heard is to be thrown away. A header of another meeting than `meeting`, or of a newer
/// format, stops the read before any of that file's events is heard.
///
/// Lines without a clock (format 1) get one from their time, made to increase along each
/// seat's lines in the file, as the seat's own order. A seat's journal (a header with a
/// seat) may hold only that seat's events.
pub fn parse_sources(
    sources: &[Source],
    meeting: Option<&str>,
    on_events: &mut dyn FnMut(&[Event]),
) -> Result<Vec<Scan>, JournalError> {
    // Three passes. The first walks each file's lines in order and settles everything but
    // the events' contents: where each line is, the header, and the first line that is
    // broken in its shape (cut off, not UTF-8). The second parses the event lines, on
    // several threads when there are many: parsing is most of the cost of opening a long
    // journal. The third takes the results in order, so the first damaged line is the one
    // reported, exactly as a line-by-line reader would.
    let mut reads: Vec<Scan> = Vec::with_capacity(sources.len());
    let mut pending: Vec<Pending> = Vec::new();
    // Per file, the first line broken in its shape: (line number, its start, is it last).
    let mut broken: Vec<Option<(usize, usize, bool, Damage)>> = Vec::with_capacity(sources.len());
    for (si, src) in sources.iter().enumerate() {
        let (read, bad) = first_pass(si as u32, src, meeting, &mut pending)?;
        reads.push(read);
        broken.push(bad);
    }

    let mut events: Vec<Event> = Vec::with_capacity(BATCH);
    // Per file, the index in its `seats` of its last event's seat (a file has few seats,
    // in runs), and per seat the clock of its last line, for lines without one: kept
    // without a string allocated per line.
    let mut last_seat: Vec<usize> = vec![usize::MAX; sources.len()];
    let mut clocks: Vec<Vec<Hlc>> = vec![Vec::new(); sources.len()];
    for (si, src) in sources.iter().enumerate() {
        for (seat, clock) in src.after.map_or(&[][..], |a| a.clocks) {
            reads[si].seats.push(seat.clone());
            clocks[si].push(*clock);
        }
    }
    // The first event line that does not parse: (its index in `pending`, why).
    let mut bad: Option<(usize, Damage)> = None;
    // Torn last lines left out: their file and start.
    let mut torn: Vec<(u32, usize)> = Vec::new();
    parse_events(&pending, |first, results| {
        for (k, result) in (first..).zip(results) {
            let p = &pending[k];
            let si = p.src as usize;
            match result {
                Ok(line) => {
                    let mut e = line.event;
                    let read = &mut reads[si];
                    let header_seat = read
                        .header
                        .as_ref()
                        .or(sources[si].after.map(|a| a.header))
                        .and_then(|h| h.seat.as_deref());
                    if let Some(seat) = header_seat
                        && seat != e.seat
                    {
                        bad = Some((
                            k,
                            Damage::OtherSeat {
                                found: e.seat.clone(),
                                expected: seat.to_string(),
                            },
                        ));
                        break;
                    }
                    let ls = &mut last_seat[si];
                    if read.seats.get(*ls) != Some(&e.seat) {
                        *ls = match read.seats.iter().position(|s| *s == e.seat) {
                            Some(i) => i,
                            None => {
                                read.seats.push(e.seat.clone());
                                clocks[si].push(Hlc::default());
                                read.seats.len() - 1
                            }
                        };
                    }
                    if !line.stamped {
                        read.unstamped = true;
                        // Format 1: the seat's clock, from its times, never going back
                        // along its lines; and one writer at a time wrote the file, so
                        // each change had seen everything before it.
                        let prev = &mut clocks[si][*ls];
                        if e.hlc <= *prev {
                            e.hlc = prev.successor();
                        }
                        *prev = e.hlc;
                        if e.kind.attendance_target().is_some() {
                            e.seen = Some(e.hlc);
                        }
                    }
                    read.count += 1;
                    events.push(e);
                }
                Err(reason) => {
                    let src = &sources[si];
                    if src.tolerate_torn_tail
                        && p.is_last
                        && (p.line > 1 || src.after.is_some())
                        && !whole_json(p.text)
                    {
                        torn.push((p.src, p.start));
                        continue;
                    }
                    bad = Some((k, reason));
                    break;
                }
            }
        }
        on_events(&events);
        events.clear();
        bad.is_none()
    });
    if let Some((k, reason)) = bad {
        let p = &pending[k];
        return Err(damaged(sources[p.src as usize].path, p.line, reason));
    }
    for (si, src) in sources.iter().enumerate() {
        let read = &mut reads[si];
        read.clocks = std::mem::take(&mut clocks[si]);
        if let Some(&(_, start)) = torn.iter().find(|t| t.0 as usize == si) {
            read.good_len = start;
        }
        if let Some((line, start, is_last, reason)) = broken[si].take() {
            if src.tolerate_torn_tail && is_last && (line > 1 || src.after.is_some()) {
                read.good_len = read.good_len.min(start);
            } else {
                return Err(damaged(src.path, line, reason));
            }
        }
    }
    Ok(reads)
}

fn damaged(path: &Path, line: usize, reason: Damage) -> JournalError {
    JournalError::Damaged {
        path: path.to_path_buf(),
        line,
        reason,
    }
}

/// Whether a line is a whole JSON value: a line that is cannot be a write cut short, so
/// at the end of a journal it is damage, not a torn tail.
fn whole_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// The first pass over one file: its header, its event lines (added to `pending`), and
/// its first line broken in its shape. A header of another meeting or a newer format is
/// an error here, before anything of the file is parsed.
#[allow(clippy::type_complexity)]
fn first_pass<'a>(
    si: u32,
    src: &Source<'a>,
    meeting: Option<&str>,
    pending: &mut Vec<Pending<'a>>,
) -> Result<(Scan, Option<(usize, usize, bool, Damage)>), JournalError> {
    let bytes = src.bytes;
    let mut read = Scan::default();
    if is_blank(bytes) {
        return Ok((read, None));
    }
    // A line is the last one when only NUL bytes follow it (a power cut after the file's
    // size grew but before its data reached the disk).
    let content_end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let mut has_header = src.after.is_some();
    let mut broken = None;
    let mut pos = 0;
    let mut line_no = src.after.map_or(0, |a| a.lines);
    pending.reserve(memchr::memchr_iter(b'\n', bytes).count());
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
            if !has_header {
                if line_no != 1 {
                    return Err(Damage::NoHeader);
                }
                read.header = Some(
                    serde_json::from_str::<Header>(text)
                        .map_err(|e| Damage::from_json(&e, true))?,
                );
                has_header = true;
            } else {
                pending.push(Pending {
                    src: si,
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
        if let Some(h) = &read.header
            && line_no == 1
        {
            // Checked before any of the file is parsed or repaired.
            if h.huiwu_journal > FORMAT {
                return Err(JournalError::Newer {
                    path: src.path.to_path_buf(),
                    version: h.huiwu_journal,
                });
            }
            if let Some(want) = meeting
                && h.meeting != want
            {
                return Err(JournalError::WrongMeeting {
                    path: src.path.to_path_buf(),
                    found: h.meeting.clone(),
                    expected: want.to_string(),
                });
            }
        }
        pos = next;
        if is_last && next < bytes.len() {
            // Only NUL bytes follow: a torn tail.
            break;
        }
    }
    read.good_len = pos;
    Ok((read, broken))
}

/// An event line found by the first pass, not parsed yet.
struct Pending<'a> {
    /// Which file.
    src: u32,
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

type Parsed = Result<ParsedLine, Damage>;

/// Parse event lines and hand the results to `take` batch by batch, in order, with the
/// index of the batch's first line; `take` returns `false` to stop. Long journals are
/// parsed on every core: helper threads parse batches, and the calling thread works
/// through the parsed ones in order and, whenever the next is not ready, parses one
/// itself, so that no core waits and the caller's fold overlaps the parse.
fn parse_events(lines: &[Pending], mut take: impl FnMut(usize, Vec<Parsed>) -> bool) {
    let one = |p: &Pending| parse_line(p.text).map_err(|e| Damage::from_json(&e, false));
    let batches: Vec<&[Pending]> = lines.chunks(BATCH).collect();
    let helpers = std::thread::available_parallelism()
        .map_or(0, |n| n.get() - 1)
        .min(batches.len().saturating_sub(1));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Bounded: when the fold is slower than the parse, helpers wait rather than pile up
    // parsed batches in memory.
    let (tx, rx) = mpsc::sync_channel::<(usize, Vec<Parsed>)>(2 * helpers.max(1));
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
        // Owned here, so that it is dropped when this returns early (a damaged line):
        // helpers waiting to hand over a batch then stop instead of waiting for ever.
        let rx = rx;
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

/// Take a journal's lock, waiting up to `wait` for another process to let it go, and
/// record our pid in the lock file for the next one to see. A refusal names `seat` and
/// the process that holds it.
pub fn take_lock(
    journal: &Path,
    seat: &str,
    wait: std::time::Duration,
) -> Result<File, JournalError> {
    let path = lock_path(journal);
    if let Some(dir) = path.parent() {
        create_private_dir(dir).map_err(io_err(dir))?;
    }
    let mut f = private_file_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io_err(&path))?;
    let deadline = std::time::Instant::now() + wait;
    loop {
        match f.try_lock() {
            Ok(()) => break,
            Err(fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = f.read_to_string(&mut pid);
                let pid = pid.trim();
                return Err(JournalError::Locked {
                    seat: seat.to_string(),
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
        Header::new(
            "m1",
            None,
            "a.json",
            "00",
            DateTime::from_timestamp(0, 0).unwrap(),
        )
    }

    fn event(n: u64) -> Event {
        Event::new(
            format!("e{n}"),
            DateTime::from_timestamp(n as i64, 0).unwrap(),
            "s",
            n,
            crate::core::event::EventKind::MeetingStarted { effective_at: None },
        )
    }

    /// What a reader of one file's bytes gets: its read and the events heard.
    fn parse(bytes: &[u8], tolerate: bool) -> Result<(Scan, Vec<Event>), JournalError> {
        let mut heard = Vec::new();
        let mut reads = parse_sources(
            &[Source {
                path: Path::new("j"),
                bytes,
                after: None,
                tolerate_torn_tail: tolerate,
            }],
            None,
            &mut |b| heard.extend_from_slice(b),
        )?;
        Ok((reads.remove(0), heard))
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
        let (read, heard) = parse(&bytes, false).unwrap();
        let want: Vec<Event> = (1..=3 * BATCH as u64 + 17).map(event).collect();
        assert_eq!(heard, want);
        assert_eq!(read.count, want.len());
        assert_eq!(read.good_len, bytes.len());
        assert_eq!(read.seats, vec!["s".to_string()]);
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
        match parse(&bytes, true) {
            Err(JournalError::Damaged { line, .. }) => assert_eq!(line, BATCH + 10),
            other => panic!("{:?}", other.map(|p| p.1.len())),
        }
    }

    #[test]
    fn damage_early_in_a_very_long_journal_stops_the_parse_without_waiting() {
        // Far more batches than the helpers may hold parsed: they must not wait for ever
        // to hand over batches nobody takes.
        let mut lines: Vec<Vec<u8>> = long_journal(40 * BATCH as u64)
            .split(|&b| b == b'\n')
            .map(<[u8]>::to_vec)
            .collect();
        lines[5] = b"{not json".to_vec();
        let bytes = lines.join(&b'\n');
        match parse(&bytes, true) {
            Err(JournalError::Damaged { line, .. }) => assert_eq!(line, 6),
            other => panic!("{:?}", other.map(|p| p.1.len())),
        }
    }

    #[test]
    fn a_torn_last_line_of_a_long_journal_is_left_out() {
        let mut bytes = long_journal(3 * BATCH as u64);
        bytes.extend_from_slice(br#"{"id":"e9","at":"20"#);
        let (read, heard) = parse(&bytes, true).unwrap();
        assert_eq!(heard.len(), 3 * BATCH);
        assert_eq!(read.good_len, bytes.len() - 19);
        // The same cut line followed by a newline and NUL bytes (a power cut): left out too.
        let mut bytes = long_journal(3 * BATCH as u64);
        let good = bytes.len();
        bytes.extend_from_slice(b"{\"id\":\"e9\",\"at\":\n\0\0\0");
        let (read, heard) = parse(&bytes, true).unwrap();
        assert_eq!(heard.len(), 3 * BATCH);
        assert_eq!(read.good_len, good);
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
