//! Bringing in journals carried from other computers (`huiwu merge AGENDA PATH...`):
//! a journal file, or a folder (another computer's data dir, a USB stick) searched for
//! this meeting's journals. Each journal with events this computer lacks is copied byte
//! for byte into `carried/`, never into a local seat's journal; the fold does the rest.
//!
//! Merging is idempotent (what is known adds nothing and copies nothing) and order-free
//! (the meeting is the fold of the union of events, whatever order they came in). A file
//! of another meeting, a damaged file (the line named), a file of a newer format, or a
//! seat clash (one seat and sequence number with two different events: two computers
//! used one seat name) is refused whole; the other files still merge. A torn last line
//! (the other computer was cut off mid-write) is left out, and the rest merges.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::journal::{self, Header, JournalError, create_private_dir, parse_one, read_file};
use super::layout;
use super::record;
use super::session::AgendaFile;
use crate::core::event::Event;
use crate::core::meeting::Meeting;

/// Why a file was not merged.
#[derive(Debug)]
pub enum Refusal {
    /// Another meeting's journal (named explicitly: in a folder it is passed over).
    OtherMeeting(String),
    /// Not a journal at all (no header).
    NotAJournal,
    /// Damaged, unreadable, of a newer format: the reader's own error.
    Unreadable(JournalError),
    /// One seat and sequence number, two different events.
    Clash { seat: String, seq: u64 },
    /// New events of a seat that writes on this computer: another computer used its name.
    LocalSeat { seat: String },
}

/// What became of one file.
#[derive(Debug)]
pub enum FileOutcome {
    Merged {
        path: PathBuf,
        /// Per seat in the file: events new here, events already known.
        seats: Vec<(String, usize, usize)>,
        /// The last line was cut off (a crash mid-write) and left out.
        torn_tail: bool,
        /// Where its copy was kept (nothing new: not copied).
        stored: Option<PathBuf>,
    },
    Refused {
        path: PathBuf,
        why: Refusal,
    },
}

/// Per seat, after the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatOutcome {
    pub seat: String,
    pub new: usize,
    pub known: usize,
    /// Sequence numbers still missing: events of this seat not here.
    pub holes: Vec<(u64, u64)>,
}

#[derive(Debug, Default)]
pub struct MergeReport {
    pub files: Vec<FileOutcome>,
    pub seats: Vec<SeatOutcome>,
    /// Journals of other meetings passed over in folders.
    pub other_meetings: usize,
}

impl MergeReport {
    pub fn refused(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f, FileOutcome::Refused { .. }))
            .count()
    }
}

/// How deep a folder is searched (a data dir's journals are three levels down, carried
/// ones four).
const MAX_DEPTH: usize = 6;

/// Merge the journals at `paths` into meeting `agenda`'s record in `data_dir`.
pub fn merge(
    agenda: &AgendaFile,
    data_dir: &Path,
    paths: &[PathBuf],
) -> Result<MergeReport, JournalError> {
    let id = agenda.agenda.meeting.id.clone();
    let meeting_dir = layout::meeting_dir(data_dir, &id);
    // One merge at a time: two copying one seat's journal must not undo each other.
    let _lock = journal::take_lock(
        &meeting_dir.join(".merge.jsonl"),
        "merge",
        Duration::from_secs(30),
    )?;
    let mut m = Meeting::new(agenda.agenda.clone());
    let files = record::read_meeting(data_dir, &id, &[], &mut |b| m.apply_all(b))?;
    let listing = layout::list(data_dir, &id)?;
    let local_seats: Vec<String> = files
        .iter()
        .filter(|f| listing.local.contains(&f.path))
        .filter_map(|f| f.header.as_ref().and_then(|h| h.seat.clone()))
        .collect();
    let own: Vec<PathBuf> = listing
        .all()
        .filter_map(|p| p.canonicalize().ok())
        .collect();

    let mut report = MergeReport::default();
    let mut candidates: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_dir() {
            search(p, &id, 0, &mut candidates, &mut report.other_meetings);
        } else {
            candidates.push(p.clone());
        }
    }
    candidates.sort();
    candidates.dedup();
    // This computer's own journals are the record already.
    candidates.retain(|p| !p.canonicalize().is_ok_and(|c| own.contains(&c)));
    // Read and parse every file at once (on every core), decide in order, then write the
    // copies at once and sync them together: a hundred carried journals cost one wait for
    // the disk, not a hundred.
    let read = read_all(&candidates, &id);
    let mut plan = Plan::default();
    for (path, parsed) in candidates.iter().zip(read) {
        let outcome = match parsed {
            Ok(p) => decide_one(path, p, &id, data_dir, &mut m, &local_seats, &mut plan),
            Err(why) => FileOutcome::Refused {
                path: path.clone(),
                why,
            },
        };
        report.files.push(outcome);
    }
    plan.write(&mut report.files);
    let mut touched: Vec<(String, usize, usize)> = Vec::new();
    for f in &report.files {
        if let FileOutcome::Merged { seats, .. } = f {
            for (seat, new, known) in seats {
                match touched.iter_mut().find(|t| t.0 == *seat) {
                    Some(t) => {
                        t.1 += new;
                        t.2 += known;
                    }
                    None => touched.push((seat.clone(), *new, *known)),
                }
            }
        }
    }
    let summaries = m.seat_summaries();
    report.seats = touched
        .into_iter()
        .map(|(seat, new, known)| SeatOutcome {
            holes: summaries
                .iter()
                .find(|s| s.seat == seat)
                .map(|s| s.holes.clone())
                .unwrap_or_default(),
            seat,
            new,
            known,
        })
        .collect();
    report.seats.sort_by(|a, b| a.seat.cmp(&b.seat));
    Ok(report)
}

/// The journals of meeting `id` under folder `dir`.
fn search(dir: &Path, id: &str, depth: usize, out: &mut Vec<PathBuf>, others: &mut usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                search(&p, id, depth + 1, out, others);
            }
        } else if meta.is_file() && p.extension().is_some_and(|x| x == "jsonl") {
            match first_header(&p) {
                Some(h) if h.meeting == id => out.push(p),
                Some(_) => *others += 1,
                None => {}
            }
        }
    }
}

/// The header of a journal file, from its first line.
fn first_header(path: &Path) -> Option<Header> {
    use std::io::{BufRead, Read};
    let f = std::fs::File::open(path).ok()?;
    let mut line = String::new();
    std::io::BufReader::new(f)
        .take(1 << 20)
        .read_line(&mut line)
        .ok()?;
    serde_json::from_str(&line).ok()
}

/// A carried file read and parsed.
struct ReadFile {
    bytes: Vec<u8>,
    scan: super::journal::Scan,
    events: Vec<Event>,
}

/// Read and parse `paths`, several at a time.
fn read_all(paths: &[PathBuf], id: &str) -> Vec<Result<ReadFile, Refusal>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: std::sync::Mutex<Vec<Option<Result<ReadFile, Refusal>>>> =
        std::sync::Mutex::new((0..paths.len()).map(|_| None).collect());
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(path) = paths.get(i) else { break };
                    let r = read_one(path, id);
                    if let Ok(mut all) = results.lock() {
                        all[i] = Some(r);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r.unwrap_or(Err(Refusal::NotAJournal)))
        .collect()
}

fn read_one(path: &Path, id: &str) -> Result<ReadFile, Refusal> {
    let bytes = match read_file(path) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return Err(Refusal::Unreadable(JournalError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            }));
        }
        Err(e) => return Err(Refusal::Unreadable(e)),
    };
    let mut events: Vec<Event> = Vec::new();
    let scan = match parse_one(path, &bytes, Some(id), &mut |b| events.extend_from_slice(b)) {
        Ok(r) => r,
        Err(JournalError::WrongMeeting { found, .. }) => return Err(Refusal::OtherMeeting(found)),
        Err(e) => return Err(Refusal::Unreadable(e)),
    };
    if scan.header.is_none() {
        return Err(Refusal::NotAJournal);
    }
    Ok(ReadFile {
        bytes,
        scan,
        events,
    })
}

/// A copy to write: where, the bytes, the events they hold (seat, number), and which
/// file's outcome it belongs to.
type Write = (PathBuf, Vec<u8>, Vec<(String, u64)>, usize);

/// Copies to write.
#[derive(Default)]
struct Plan {
    writes: Vec<Write>,
    /// Outcomes decided so far (to number the file a write belongs to).
    files: usize,
}

impl Plan {
    /// Write the copies: each to a temporary file, all synced at once, then renamed into
    /// place and the folder synced. A copy that fails refuses its file.
    fn write(self, files: &mut [FileOutcome]) {
        let results: Vec<std::io::Result<()>> = std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .writes
                .iter()
                .map(|(target, bytes, _, _)| scope.spawn(move || stage(target, bytes)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(std::io::Error::other("panicked")))
                })
                .collect()
        });
        let mut dirs: Vec<PathBuf> = Vec::new();
        for ((target, _, _, file), staged) in self.writes.iter().zip(results) {
            let done = staged.and_then(|()| std::fs::rename(temp_of(target), target));
            match done {
                Ok(()) => {
                    if let Some(d) = target.parent()
                        && !dirs.iter().any(|x| x == d)
                    {
                        dirs.push(d.to_path_buf());
                    }
                }
                Err(source) => {
                    let _ = std::fs::remove_file(temp_of(target));
                    let path = match &files[*file] {
                        FileOutcome::Merged { path, .. } | FileOutcome::Refused { path, .. } => {
                            path.clone()
                        }
                    };
                    files[*file] = FileOutcome::Refused {
                        path,
                        why: Refusal::Unreadable(JournalError::Io {
                            path: target.clone(),
                            source,
                        }),
                    };
                }
            }
        }
        for d in dirs {
            if let Ok(f) = std::fs::File::open(&d) {
                let _ = f.sync_all();
            }
        }
    }
}

fn temp_of(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.merging"))
}

/// The bytes in a private temporary file beside `target`, synced.
fn stage(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let tmp = temp_of(target);
    let _ = std::fs::remove_file(&tmp);
    let mut f = journal::private_file_options()
        .write(true)
        .create_new(true)
        .open(&tmp)?;
    f.write_all(bytes).and_then(|()| f.sync_all())
}

#[allow(clippy::too_many_arguments)]
fn decide_one(
    path: &Path,
    file: ReadFile,
    id: &str,
    data_dir: &Path,
    m: &mut Meeting,
    local_seats: &[String],
    plan: &mut Plan,
) -> FileOutcome {
    let index = plan.files;
    plan.files += 1;
    let refused = |why| FileOutcome::Refused {
        path: path.to_path_buf(),
        why,
    };
    let ReadFile {
        bytes,
        scan,
        events,
    } = file;
    let Some(header) = scan.header.clone() else {
        return refused(Refusal::NotAJournal);
    };
    let mut seats: Vec<(String, usize, usize)> = Vec::new();
    let mut fresh: Vec<&Event> = Vec::new();
    for e in &events {
        let known = match m.holds(e) {
            Some(true) => true,
            Some(false) => {
                return refused(Refusal::Clash {
                    seat: e.seat.clone(),
                    seq: e.seq,
                });
            }
            None => false,
        };
        if !known && local_seats.contains(&e.seat) {
            return refused(Refusal::LocalSeat {
                seat: e.seat.clone(),
            });
        }
        if !known {
            fresh.push(e);
        }
        match seats.iter_mut().find(|s| s.0 == e.seat) {
            Some(s) if known => s.2 += 1,
            Some(s) => s.1 += 1,
            None => seats.push((e.seat.clone(), usize::from(!known), usize::from(known))),
        }
    }
    // Two events in the file itself on one seat and number.
    let mut keys: Vec<(&str, u64, &str)> = events
        .iter()
        .map(|e| (e.seat.as_str(), e.seq, e.id.as_str()))
        .collect();
    keys.sort();
    if let Some(w) = keys
        .windows(2)
        .find(|w| w[0].0 == w[1].0 && w[0].1 == w[1].1 && w[0].2 != w[1].2)
    {
        return refused(Refusal::Clash {
            seat: w[0].0.to_string(),
            seq: w[0].1,
        });
    }
    let mut stored = None;
    if !fresh.is_empty() {
        match place(data_dir, id, &header, &bytes, &events, plan) {
            Ok(target) => {
                let held = events.iter().map(|e| (e.seat.clone(), e.seq)).collect();
                plan.writes.retain(|w| w.0 != target);
                plan.writes
                    .push((target.clone(), bytes.clone(), held, index));
                stored = Some(target);
            }
            Err(e) => return refused(Refusal::Unreadable(e)),
        }
        for e in fresh {
            m.apply(e);
        }
    }
    let torn = &bytes[scan.good_len.min(bytes.len())..];
    FileOutcome::Merged {
        path: path.to_path_buf(),
        seats,
        torn_tail: !torn.iter().all(|b| b.is_ascii_whitespace() || *b == 0),
        stored,
    }
}

/// Where a copy of a carried journal is kept: `carried/SEAT.jsonl` (a journal of several
/// seats, format 1, by a hash of its header line, which names it for good). A copy there
/// already (or planned in this merge) that this one holds all of is replaced (a later
/// copy of the same journal); otherwise the new one goes beside it.
fn place(
    data_dir: &Path,
    id: &str,
    header: &Header,
    bytes: &[u8],
    events: &[Event],
    plan: &Plan,
) -> Result<PathBuf, JournalError> {
    let dir = layout::carried_dir(data_dir, id);
    create_private_dir(&dir).map_err(|source| JournalError::Io {
        path: dir.clone(),
        source,
    })?;
    let stem = match &header.seat {
        Some(seat) => layout::file_stem(seat),
        None => {
            let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
            let d = Sha256::digest(first);
            let h: String = d[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("journal-{h}")
        }
    };
    let mut keys: Vec<(&str, u64)> = events.iter().map(|e| (e.seat.as_str(), e.seq)).collect();
    keys.sort();
    let holds_all = |old: &[(String, u64)]| {
        old.iter()
            .all(|(s, q)| keys.binary_search(&(s.as_str(), *q)).is_ok())
    };
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem}.jsonl")
        } else {
            format!("{stem}+{n}.jsonl")
        };
        let candidate = dir.join(name);
        if let Some(w) = plan.writes.iter().find(|w| w.0 == candidate) {
            if holds_all(&w.2) {
                return Ok(candidate);
            }
        } else {
            let Some(old) = read_file(&candidate)? else {
                return Ok(candidate);
            };
            let mut old_keys = Vec::new();
            let mut collect =
                |b: &[Event]| old_keys.extend(b.iter().map(|e| (e.seat.clone(), e.seq)));
            if parse_one(&candidate, &old, Some(id), &mut collect).is_ok() && holds_all(&old_keys) {
                return Ok(candidate);
            }
        }
        n += 1;
    }
}
