//! A meeting opened from disk: the agenda file, the meeting's record (every seat's
//! journal on this computer) and the live state, with the one path by which anything
//! changes: command -> decide -> events -> this seat's journal -> apply.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::journal::{self, Header, Journal, JournalError, ReplayReport};
use super::layout;
use super::record::{self, FileRead, Follower};
use super::seat::{COMMAND_WAIT, SeatClaim, import_seat};
use super::snapshot::{self, Cache};
use crate::core::agenda::Agenda;
use crate::core::command::{Command, Rejection, Warning, decide};
use crate::core::event::{Event, EventKind};
use crate::core::load::{Diagnostic, Location, Severity, check_agenda, load_agenda};
use crate::core::meeting::Meeting;
use crate::core::stamp::{Stamper, new_event_id};
use crate::i18n::Lang;

/// A loaded, valid agenda file.
#[derive(Debug, Clone)]
pub struct AgendaFile {
    pub path: PathBuf,
    /// The SHA-256 of the file's bytes (hex), which names the agenda in the journal: set by
    /// [`read_agenda`], for the commands that write; empty from [`read_agenda_to_view`].
    pub sha256: String,
    pub agenda: Arc<Agenda>,
    /// Warnings found by the checker (the agenda is usable).
    pub warnings: Vec<Diagnostic>,
    /// What the snapshot cache knows the file's bytes by ([`snapshot::content_key`]), when
    /// it was read through the cache.
    pub content: Option<String>,
}

/// An agenda that could not be used, with every reason, ready to print.
#[derive(Debug, thiserror::Error)]
#[error("{}", .lines.join("\n"))]
pub struct AgendaError {
    pub lines: Vec<String>,
}

/// Read an agenda file and run the diagnostic pass (`huiwu check`): every problem at once,
/// a missing file, a directory and bytes that are not UTF-8 included, never a panic.
pub fn check_file(path: &Path, lang: Lang) -> (Option<Agenda>, Vec<Diagnostic>) {
    match read_bytes(path, lang) {
        Ok(bytes) => {
            let loaded = check_agenda(&bytes, lang);
            (loaded.agenda, loaded.diagnostics)
        }
        Err(d) => (None, d),
    }
}

/// The file's bytes, or why they cannot be read, as a diagnostic.
fn read_bytes(path: &Path, lang: Lang) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let file_diag = |message: String| {
        vec![Diagnostic {
            severity: Severity::Error,
            location: Location::File,
            message,
        }]
    };
    match super::input::read_input(path) {
        Ok(b) => Ok(b),
        Err(super::input::InputError::Directory) => Err(file_diag(
            lang.pick("is a directory, not an agenda file", "是目录，不是议程文件")
                .into(),
        )),
        Err(e) => Err(file_diag(e.message(lang))),
    }
}

pub fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Read an agenda that must be valid to go on, for a command that writes the journal
/// (which names the agenda by its SHA-256).
pub fn read_agenda(path: &Path, lang: Lang) -> Result<AgendaFile, AgendaError> {
    read(path, lang, true, None)
}

/// [`read_agenda`] for a command that only reads the meeting (status, find, log, export):
/// no SHA-256 of the file, which nothing of theirs would use.
pub fn read_agenda_to_view(path: &Path, lang: Lang) -> Result<AgendaFile, AgendaError> {
    read(path, lang, false, None)
}

/// [`read_agenda`] through the snapshot cache of `data_dir` (see [`snapshot`]): a large
/// agenda read before is taken from its snapshot when its bytes are the same, and one
/// read now is kept for the next command.
pub fn read_agenda_in(path: &Path, lang: Lang, data_dir: &Path) -> Result<AgendaFile, AgendaError> {
    read(path, lang, true, Some(&Cache::new(data_dir)))
}

/// [`read_agenda_to_view`] through the snapshot cache of `data_dir`.
pub fn read_agenda_to_view_in(
    path: &Path,
    lang: Lang,
    data_dir: &Path,
) -> Result<AgendaFile, AgendaError> {
    read(path, lang, false, Some(&Cache::new(data_dir)))
}

fn read(
    path: &Path,
    lang: Lang,
    hash: bool,
    cache: Option<&Cache>,
) -> Result<AgendaFile, AgendaError> {
    let name = path.display().to_string();
    let error = |diags: Vec<Diagnostic>| AgendaError {
        lines: diags
            .iter()
            .map(|d| d.display(&name, lang).to_string())
            .collect(),
    };
    let bytes = read_bytes(path, lang).map_err(error)?;
    let cache = cache.filter(|_| bytes.len() >= snapshot::AGENDA_WORTH_KEEPING);
    let content = cache.map(|_| snapshot::content_key(&bytes));
    let file = |agenda: Agenda, warnings: Vec<Diagnostic>, sha256: String| AgendaFile {
        path: path.to_path_buf(),
        sha256,
        agenda: Arc::new(agenda),
        warnings,
        content: content.clone(),
    };
    let cached = cache.zip(content.as_ref());
    if let Some(c) = cached.and_then(|(c, key)| c.agenda(key, lang)) {
        let sha256 = if hash { c.sha256 } else { String::new() };
        return Ok(file(c.agenda, c.warnings, sha256));
    }
    // The fast path for a good agenda; the diagnostic pass only when it gives up.
    let loaded = load_agenda(&bytes, lang);
    let Some(agenda) = loaded.agenda else {
        return Err(error(loaded.diagnostics));
    };
    let sha256 = if hash || cached.is_some() {
        hex_sha256(&bytes)
    } else {
        String::new()
    };
    let Some((c, key)) = cached else {
        return Ok(file(agenda, loaded.diagnostics, sha256));
    };
    // Kept with its SHA-256, so that a command that writes need not hash the file again.
    let kept = snapshot::CachedAgenda {
        agenda,
        warnings: loaded.diagnostics,
        sha256,
    };
    c.save_agenda(key, lang, &kept);
    let sha256 = if hash { kept.sha256 } else { String::new() };
    Ok(file(kept.agenda, kept.warnings, sha256))
}

#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error("{0:?}")]
    Rejected(Rejection),
    #[error(transparent)]
    Journal(#[from] JournalError),
}

/// What a command did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The events now on disk and applied.
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
}

/// What opening found, for the user to hear about.
#[derive(Debug, Default)]
pub struct OpenReport {
    /// This seat's journal: a torn tail repaired; `events` counts the whole record.
    pub replay: ReplayReport,
    /// The agenda's content differs from the one the record was started with.
    pub agenda_changed: bool,
}

/// A seat writing into its own journal, holding its lock.
#[derive(Debug)]
struct Writer {
    journal: Journal,
    stamper: Stamper,
}

/// A meeting opened for writing as one seat. The meeting is readable, never writable
/// from outside: [`Session::execute`] is the one way to change it (and
/// [`Session::refresh`] the way to hear other seats). A session opened with
/// [`Session::follow`] has no seat: it reads and follows, and refuses every command.
#[derive(Debug)]
pub struct Session {
    meeting: Meeting,
    /// This seat's journal and clock; `None` for a read-only session.
    own: Option<Writer>,
    /// The folder of the meeting's local journals (what a read-only session names).
    meeting_dir: PathBuf,
    /// Imports recorded under their own seats (`SEAT/zoom`), opened when first used.
    imports: Vec<Writer>,
    data_dir: PathBuf,
    agenda_path: String,
    agenda_sha256: String,
    /// What was read of the other journals, to read on from there.
    follower: Follower,
    /// Other seats' events folded before a command (so that it is decided on the freshest
    /// record), not yet handed out by [`Session::refresh`].
    heard: Vec<Event>,
    /// Why the other seats' journals could not be read at the last look, if they could not.
    follow_error: Option<JournalError>,
    pub report: OpenReport,
}

impl Session {
    /// Open meeting `agenda` as a seat: read every journal of the meeting on this
    /// computer, claim the seat (its lock, waiting as the claim says; a seat held by
    /// another process is refused with that process named), repair a torn tail of the
    /// seat's own journal, and record `agenda_changed` when the agenda differs from the
    /// one the record was started with. Nothing is created before the record has been
    /// read without error.
    pub fn open(
        agenda: &AgendaFile,
        data_dir: &Path,
        claim: impl Into<SeatClaim>,
        now: DateTime<Utc>,
    ) -> Result<Session, JournalError> {
        let claim = claim.into();
        let id = agenda.agenda.meeting.id.clone();
        let candidates: Vec<(String, PathBuf)> = claim
            .candidates()
            .into_iter()
            .map(|s| {
                let p = layout::seat_journal(data_dir, &id, &s);
                (s, p)
            })
            .collect();
        let skip: Vec<PathBuf> = candidates.iter().map(|c| c.1.clone()).collect();
        let Fold {
            mut meeting,
            follower,
            skipped: known,
            mut folded,
        } = fold_record(agenda, data_dir, &skip)?;
        let mut files = follower.files().to_vec();
        // Journals of seats that write on another computer: merged, or pulled from a server.
        let carried = layout::carried_dir(data_dir, &id);
        let pulled = layout::pulled_dir(data_dir, &id);
        let mut refusal = None;
        let mut chosen = None;
        for (seat, path) in &candidates {
            if let Some(f) = files.iter().find(|f| {
                (f.path.starts_with(&carried) || f.path.starts_with(&pulled))
                    && f.seats.contains(seat)
            }) {
                return Err(JournalError::ForeignSeat {
                    seat: seat.clone(),
                    path: f.path.clone(),
                });
            }
            match journal::take_lock(path, seat, claim.wait()) {
                Ok(lock) => {
                    chosen = Some((seat.clone(), path.clone(), lock));
                    break;
                }
                Err(e @ JournalError::Locked { .. }) => refusal = Some(e),
                Err(e) => return Err(e),
            }
        }
        let Some((seat, path, lock)) = chosen else {
            return Err(refusal.unwrap_or_else(|| JournalError::Io {
                path: layout::meeting_dir(data_dir, &id),
                source: std::io::Error::other("no seat to claim"),
            }));
        };
        let header = Header::new(
            &id,
            Some(&seat),
            &agenda.path.display().to_string(),
            &agenda.sha256,
            now,
        );
        let resume = known.iter().find(|f| f.path == path).and_then(|f| {
            Some(journal::Resume {
                header: f.header.clone()?,
                offset: f.offset,
                lines: f.lines,
            })
        });
        let (journal, replay) = Journal::claim(&path, header, lock, resume, &mut |batch| {
            folded += batch.len();
            meeting.apply_all(batch);
        })?;
        let own_existed = path.exists();
        // The other desks (or readers) of this computer, read without their locks.
        let rest: Vec<PathBuf> = skip.iter().filter(|p| **p != path).cloned().collect();
        files.extend(record::read_files(&rest, &id, &mut |batch| {
            folded += batch.len();
            meeting.apply_all(batch);
        })?);
        let own = FileRead {
            path: path.clone(),
            header: (replay.offset > 0).then(|| journal.header.clone()),
            offset: replay.offset,
            lines: replay.lines,
            seats: vec![seat.clone()],
            events: replay.events,
            unstamped: replay.unstamped,
            identity: replay.identity,
        };
        let all: Vec<FileRead> = files.iter().cloned().chain([own]).collect();
        keep_snapshot(agenda, data_dir, &meeting, &all, folded);
        // The agenda the record last named: its newest `agenda_changed` folded (from the
        // snapshot or the journals alike; the fold keeps those events in its order), else
        // the oldest journal's header.
        let newest = meeting
            .other_events()
            .iter()
            .rev()
            .find_map(|e| match &e.kind {
                EventKind::AgendaChanged { sha256 } => Some(sha256.clone()),
                _ => None,
            });
        let last_known_sha = match newest {
            Some(sha) => Some(sha),
            None => files
                .iter()
                .filter_map(|f| f.header.as_ref())
                .chain(own_existed.then_some(&journal.header))
                .min_by_key(|h| h.created)
                .map(|h| h.agenda_sha256.clone()),
        };
        let stamper = Stamper::for_meeting(seat, &meeting);
        let own = Some(Writer { journal, stamper });
        let report = OpenReport {
            replay,
            agenda_changed: false,
        };
        let mut s = Session::assemble(agenda, data_dir, meeting, own, files, report);
        if last_known_sha.is_some_and(|sha| sha != agenda.sha256) {
            s.report.agenda_changed = true;
            s.record(
                vec![EventKind::AgendaChanged {
                    sha256: agenda.sha256.clone(),
                }],
                now,
            )?;
        }
        Ok(s)
    }

    /// Open meeting `agenda` without a seat (`huiwu run --read-only`, a projector): read
    /// every journal of the meeting on this computer, take no lock, create nothing.
    /// [`Session::refresh`] follows the seats as for any session; every command is
    /// refused with [`JournalError::ReadOnly`].
    pub fn follow(agenda: &AgendaFile, data_dir: &Path) -> Result<Session, JournalError> {
        let fold = fold_record(agenda, data_dir, &[])?;
        let (meeting, files) = (fold.meeting, fold.follower.files().to_vec());
        keep_snapshot(agenda, data_dir, &meeting, &files, fold.folded);
        let report = OpenReport::default();
        Ok(Session::assemble(
            agenda, data_dir, meeting, None, files, report,
        ))
    }

    /// A session on the meeting folded from `files`, writing as `own` (none: read-only).
    fn assemble(
        agenda: &AgendaFile,
        data_dir: &Path,
        meeting: Meeting,
        own: Option<Writer>,
        files: Vec<FileRead>,
        mut report: OpenReport,
    ) -> Session {
        report.replay.events = meeting.events_applied;
        Session {
            meeting_dir: layout::meeting_dir(data_dir, &agenda.agenda.meeting.id),
            meeting,
            own,
            imports: Vec::new(),
            data_dir: data_dir.to_path_buf(),
            agenda_path: agenda.path.display().to_string(),
            agenda_sha256: agenda.sha256.clone(),
            follower: Follower::new(files),
            heard: Vec::new(),
            follow_error: None,
            report,
        }
    }

    /// The meeting as recorded (every seat's events folded).
    pub fn meeting(&self) -> &Meeting {
        &self.meeting
    }

    /// This seat's name (empty for a read-only session).
    pub fn seat(&self) -> &str {
        self.own.as_ref().map_or("", |w| w.stamper.seat())
    }

    /// Whether this session only reads ([`Session::follow`]).
    pub fn read_only(&self) -> bool {
        self.own.is_none()
    }

    /// This seat's journal; for a read-only session, the folder of the meeting's
    /// journals it follows.
    pub fn journal_path(&self) -> &Path {
        match &self.own {
            Some(w) => w.journal.path(),
            None => &self.meeting_dir,
        }
    }

    /// The journals this session wrote itself (its seat's, its imports'): another
    /// seat's news is anything else that changes.
    pub fn own_journals(&self) -> Vec<PathBuf> {
        self.own
            .iter()
            .chain(&self.imports)
            .map(|w| w.journal.path().to_path_buf())
            .collect()
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Decide, journal (durably), then apply. The state changes only after the events are
    /// on disk; on a journal error nothing is applied. What other seats of this computer
    /// recorded meanwhile is folded first, so that the command is decided on it (someone
    /// signed in at the door a moment ago is "already signed in" here).
    pub fn execute(&mut self, cmd: &Command, now: DateTime<Utc>) -> Result<Outcome, ExecError> {
        if self.read_only() {
            return Err(ExecError::Journal(JournalError::ReadOnly));
        }
        self.look();
        let decision = decide(&self.meeting, cmd, now).map_err(ExecError::Rejected)?;
        let events = self.record(decision.events, now)?;
        Ok(Outcome {
            events,
            warnings: decision.warnings,
        })
    }

    /// Like [`Session::execute`], recorded by an import under its own seat inside this
    /// one (`SEAT/zoom`, see [`import_seat`]), so that the record says where it came from.
    pub fn execute_as(
        &mut self,
        source: &str,
        cmd: &Command,
        now: DateTime<Utc>,
    ) -> Result<Outcome, ExecError> {
        if source == self.seat() || self.read_only() {
            return self.execute(cmd, now);
        }
        self.look();
        let decision = decide(&self.meeting, cmd, now).map_err(ExecError::Rejected)?;
        let seat = import_seat(self.seat(), source);
        let i = match self.imports.iter().position(|w| w.stamper.seat() == seat) {
            Some(i) => i,
            None => {
                let w = self.open_writer(&seat, now)?;
                self.imports.push(w);
                self.imports.len() - 1
            }
        };
        let events = Self::record_with(
            &mut self.meeting,
            &mut self.imports[i],
            decision.events,
            now,
        )?;
        Ok(Outcome {
            events,
            warnings: decision.warnings,
        })
    }

    /// Claim another seat of this process (an import's), reading its journal.
    fn open_writer(&mut self, seat: &str, now: DateTime<Utc>) -> Result<Writer, JournalError> {
        let id = self.meeting.agenda.meeting.id.clone();
        let path = layout::seat_journal(&self.data_dir, &id, seat);
        let lock = journal::take_lock(&path, seat, COMMAND_WAIT)?;
        let header = Header::new(&id, Some(seat), &self.agenda_path, &self.agenda_sha256, now);
        let meeting = &mut self.meeting;
        let (journal, _) =
            Journal::claim(&path, header, lock, None, &mut |b| meeting.apply_all(b))?;
        Ok(Writer {
            journal,
            stamper: Stamper::for_meeting(seat, &self.meeting),
        })
    }

    fn record(
        &mut self,
        kinds: Vec<EventKind>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>, JournalError> {
        match &mut self.own {
            Some(own) => Self::record_with(&mut self.meeting, own, kinds, now),
            None => Err(JournalError::ReadOnly),
        }
    }

    /// Stamp, write durably, then apply: the only place events are made.
    fn record_with(
        meeting: &mut Meeting,
        w: &mut Writer,
        kinds: Vec<EventKind>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>, JournalError> {
        let events = w.stamper.stamp(meeting, kinds, now, new_event_id);
        w.journal.append(&events)?;
        w.stamper.commit(events.len());
        for e in &events {
            meeting.apply(e);
        }
        Ok(events)
    }

    /// Fold what the other seats of this computer recorded since the last look (and
    /// journals merged in meanwhile). Returns the events new to the meeting since the last
    /// call (those folded before a command included), for a desk to show; an event that
    /// sorts before ones already folded is put in its place.
    pub fn refresh(&mut self) -> Result<Vec<Event>, JournalError> {
        self.poll()?;
        self.follow_error = None;
        Ok(std::mem::take(&mut self.heard))
    }

    /// A look at the other seats before a command: a journal that cannot be read does not
    /// stop this seat from recording (it is kept for [`Session::follow_error`]).
    fn look(&mut self) {
        self.follow_error = self.poll().err();
    }

    /// Why the other seats' journals could not be read at the last look before a command.
    pub fn follow_error(&self) -> Option<&JournalError> {
        self.follow_error.as_ref()
    }

    fn poll(&mut self) -> Result<(), JournalError> {
        let id = self.meeting.agenda.meeting.id.clone();
        let own = self.own_journals();
        let meeting = &mut self.meeting;
        let heard = &mut self.heard;
        self.follower.poll(&self.data_dir, &id, &own, &mut |batch| {
            for e in batch {
                let before = meeting.events_applied;
                meeting.apply(e);
                if meeting.events_applied > before {
                    heard.push(e.clone());
                }
            }
        })
    }

    /// The journals read besides this seat's own, and what was read of each.
    pub fn journals(&self) -> &[FileRead] {
        self.follower.files()
    }

    /// Every event of the meeting on this computer, each once, in fold order, read from
    /// disk (for the JSON export).
    pub fn read_events(&self) -> Result<Vec<Event>, JournalError> {
        let id = &self.meeting.agenda.meeting.id;
        let mut events = Vec::new();
        record::read_meeting(&self.data_dir, id, &[], &mut |b| {
            events.extend_from_slice(b)
        })?;
        Ok(record::events_in_order(events))
    }
}

/// Open a meeting read-only (no lock): for log and export while desks run. The events
/// come each once, in fold order; the header is the first journal's (`None`: nothing
/// recorded yet).
pub fn open_read_only(
    agenda: &AgendaFile,
    data_dir: &Path,
) -> Result<(Meeting, Vec<Event>, Option<Header>), JournalError> {
    let id = &agenda.agenda.meeting.id;
    let mut events = Vec::new();
    let files = record::read_meeting(data_dir, id, &[], &mut |b| events.extend_from_slice(b))?;
    let events = record::events_in_order(events);
    let meeting = Meeting::replay(agenda.agenda.clone(), &events);
    Ok((meeting, events, first_header(files)))
}

/// The meeting as recorded, read-only, without keeping its events (for status, find and
/// the like): the fold runs as the journals are parsed, and a long record is never held
/// in memory whole.
pub fn open_meeting(
    agenda: &AgendaFile,
    data_dir: &Path,
) -> Result<(Meeting, Option<Header>), JournalError> {
    let fold = fold_record(agenda, data_dir, &[])?;
    let files = fold.follower.files();
    keep_snapshot(agenda, data_dir, &fold.meeting, files, fold.folded);
    Ok((fold.meeting, first_header(files.to_vec())))
}

/// A meeting folded from what is recorded on this computer.
struct Fold {
    meeting: Meeting,
    /// What was read of each journal (except those skipped).
    follower: Follower,
    /// What the snapshot had read of the journals skipped.
    skipped: Vec<FileRead>,
    /// How many events were read from the journals (not from the snapshot).
    folded: usize,
}

/// Fold the meeting's journals on this computer, except those in `skip` (which the
/// caller reads itself). From the meeting snapshot
/// of the cache when it is still good (see [`snapshot`]), its journals read on from where
/// it stopped, else from nothing. The fold runs as the lines are parsed (on other
/// threads), not after.
fn fold_record(
    agenda: &AgendaFile,
    data_dir: &Path,
    skip: &[PathBuf],
) -> Result<Fold, JournalError> {
    let cache = Cache::new(data_dir);
    let (mut meeting, mut known) = agenda
        .content
        .as_deref()
        .and_then(|k| cache.meeting(&agenda.agenda, k))
        .unwrap_or_else(|| (Meeting::new(agenda.agenda.clone()), Vec::new()));
    let mut follower = Follower::new(known.extract_if(.., |f| !skip.contains(&f.path)).collect());
    let mut folded = 0;
    follower.poll(data_dir, &agenda.agenda.meeting.id, skip, &mut |batch| {
        folded += batch.len();
        meeting.apply_all(batch);
    })?;
    Ok(Fold {
        meeting,
        follower,
        skipped: known,
        folded,
    })
}

/// Keep a snapshot of the meeting folded from `files` when opening it folded many events
/// from the journals (so that the next command does not).
fn keep_snapshot(
    agenda: &AgendaFile,
    data_dir: &Path,
    meeting: &Meeting,
    files: &[FileRead],
    folded: usize,
) {
    if let Some(key) = agenda.content.as_deref()
        && folded >= snapshot::EVENTS_WORTH_KEEPING
    {
        Cache::new(data_dir).save_meeting(meeting, key, files);
    }
}

fn first_header(files: Vec<FileRead>) -> Option<Header> {
    files
        .into_iter()
        .filter_map(|f| f.header)
        .min_by_key(|h| h.created)
}
