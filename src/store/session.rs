//! A meeting opened from disk: the agenda file, its journal and the live state, with the
//! one path by which anything changes: command -> decide -> events -> journal -> apply.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::journal::{self, Header, Journal, JournalError, ReplayReport};
use crate::core::agenda::Agenda;
use crate::core::command::{Command, Rejection, Warning, decide};
use crate::core::event::{Event, EventKind};
use crate::core::load::{Diagnostic, Location, Severity, check_agenda, load_agenda};
use crate::core::meeting::Meeting;
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
    read(path, lang, true)
}

/// [`read_agenda`] for a command that only reads the meeting (status, find, log, export):
/// no SHA-256 of the file, which nothing of theirs would use.
pub fn read_agenda_to_view(path: &Path, lang: Lang) -> Result<AgendaFile, AgendaError> {
    read(path, lang, false)
}

fn read(path: &Path, lang: Lang, hash: bool) -> Result<AgendaFile, AgendaError> {
    let name = path.display().to_string();
    let error = |diags: Vec<Diagnostic>| AgendaError {
        lines: diags
            .iter()
            .map(|d| d.display(&name, lang).to_string())
            .collect(),
    };
    let bytes = read_bytes(path, lang).map_err(error)?;
    // The fast path for a good agenda; the diagnostic pass only when it gives up.
    let loaded = load_agenda(&bytes, lang);
    let Some(agenda) = loaded.agenda else {
        return Err(error(loaded.diagnostics));
    };
    Ok(AgendaFile {
        path: path.to_path_buf(),
        sha256: if hash {
            hex_sha256(&bytes)
        } else {
            String::new()
        },
        agenda: Arc::new(agenda),
        warnings: loaded.diagnostics,
    })
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
    pub replay: ReplayReport,
    /// The agenda's content differs from the one the journal was started with.
    pub agenda_changed: bool,
}

/// A meeting opened for writing.
#[derive(Debug)]
pub struct Session {
    pub meeting: Meeting,
    journal: Journal,
    seat: String,
    next_seq: u64,
    pub report: OpenReport,
}

impl Session {
    /// Open the meeting's journal (creating it when new), replay it and take the lock.
    pub fn open(
        agenda: &AgendaFile,
        data_dir: &Path,
        seat: &str,
        now: DateTime<Utc>,
    ) -> Result<Session, JournalError> {
        let path = journal::journal_path(data_dir, &agenda.agenda.meeting.id);
        let header = Header {
            huiwu_journal: 1,
            meeting: agenda.agenda.meeting.id.clone(),
            agenda: agenda.path.display().to_string(),
            agenda_sha256: agenda.sha256.clone(),
            created: now,
        };
        // The fold runs as the lines are parsed (on other threads), not after.
        let mut meeting = Meeting::new(agenda.agenda.clone());
        let mut last_change = None;
        let (journal, replay) = Journal::open_with(&path, header, &mut |batch| {
            meeting.apply_all(batch);
            if let Some(sha) = batch.iter().rev().find_map(|e| match &e.kind {
                EventKind::AgendaChanged { sha256 } => Some(sha256),
                _ => None,
            }) {
                last_change = Some(sha.clone());
            }
        })?;
        let last_known_sha = last_change.unwrap_or_else(|| journal.header.agenda_sha256.clone());
        let next_seq = meeting.seat_seq.get(seat).copied().unwrap_or(0) + 1;
        let mut s = Session {
            meeting,
            journal,
            seat: seat.to_string(),
            next_seq,
            report: OpenReport {
                replay,
                agenda_changed: false,
            },
        };
        if last_known_sha != agenda.sha256 {
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

    pub fn seat(&self) -> &str {
        &self.seat
    }

    pub fn journal_path(&self) -> &Path {
        self.journal.path()
    }

    /// Decide, journal (durably), then apply. The state changes only after the events are
    /// on disk; on a journal error nothing is applied.
    pub fn execute(&mut self, cmd: &Command, now: DateTime<Utc>) -> Result<Outcome, ExecError> {
        let decision = decide(&self.meeting, cmd, now).map_err(ExecError::Rejected)?;
        let events = self.record(decision.events, now)?;
        Ok(Outcome {
            events,
            warnings: decision.warnings,
        })
    }

    /// Like [`Session::execute`], recorded from another seat: an import named after its
    /// source (`tencent-meeting`), so the journal says where the record came from.
    pub fn execute_as(
        &mut self,
        seat: &str,
        cmd: &Command,
        now: DateTime<Utc>,
    ) -> Result<Outcome, ExecError> {
        if seat == self.seat {
            return self.execute(cmd, now);
        }
        let decision = decide(&self.meeting, cmd, now).map_err(ExecError::Rejected)?;
        let first = self.meeting.seat_seq.get(seat).copied().unwrap_or(0) + 1;
        let events = self.record_from(seat, first, decision.events, now)?;
        Ok(Outcome {
            events,
            warnings: decision.warnings,
        })
    }

    fn record(
        &mut self,
        kinds: Vec<EventKind>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>, JournalError> {
        let seat = self.seat.clone();
        let events = self.record_from(&seat, self.next_seq, kinds, now)?;
        self.next_seq += events.len() as u64;
        Ok(events)
    }

    fn record_from(
        &mut self,
        seat: &str,
        first_seq: u64,
        kinds: Vec<EventKind>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>, JournalError> {
        let events: Vec<Event> = kinds
            .into_iter()
            .enumerate()
            .map(|(i, kind)| Event {
                id: uuid::Uuid::new_v4().to_string(),
                at: now,
                seat: seat.to_string(),
                seq: first_seq + i as u64,
                kind,
            })
            .collect();
        self.journal.append(&events)?;
        for e in &events {
            self.meeting.apply(e);
        }
        Ok(events)
    }
}

/// Open a meeting read-only (no lock): for status, log and export while the desk runs.
pub fn open_read_only(
    agenda: &AgendaFile,
    data_dir: &Path,
) -> Result<(Meeting, Vec<Event>, Option<Header>), JournalError> {
    let path = journal::journal_path(data_dir, &agenda.agenda.meeting.id);
    let (header, events) = journal::read_only(&path)?;
    check_meeting(&path, &header, agenda)?;
    let meeting = Meeting::replay(agenda.agenda.clone(), &events);
    Ok((meeting, events, header))
}

/// The meeting as recorded, read-only, without keeping its events (for status, find and
/// the like): the fold runs as the journal is parsed, and a long journal is never held
/// in memory whole.
pub fn open_meeting(
    agenda: &AgendaFile,
    data_dir: &Path,
) -> Result<(Meeting, Option<Header>), JournalError> {
    let path = journal::journal_path(data_dir, &agenda.agenda.meeting.id);
    let mut meeting = Meeting::new(agenda.agenda.clone());
    let header = journal::read_only_with(&path, &mut |batch| meeting.apply_all(batch))?;
    check_meeting(&path, &header, agenda)?;
    Ok((meeting, header))
}

/// A journal read without the lock must still be this meeting's.
fn check_meeting(
    path: &Path,
    header: &Option<Header>,
    agenda: &AgendaFile,
) -> Result<(), JournalError> {
    match header {
        Some(h) if h.meeting != agenda.agenda.meeting.id => Err(JournalError::WrongMeeting {
            path: path.to_path_buf(),
            found: h.meeting.clone(),
            expected: agenda.agenda.meeting.id.clone(),
        }),
        _ => Ok(()),
    }
}
