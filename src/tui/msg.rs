//! What views ask the app to do ([`Msg`]) and what the app tells a view back about it
//! ([`Reply`]). A view never records, reads a file or switches the screen itself: it
//! returns messages from `handle`, and [`App`](super::App) acts on them, in order. The
//! same path carries messages that arrive without a key press: anything holding an
//! [`Inbox`] sender (another seat's events, the server's sync state) sends a [`Msg`],
//! and the run loop hands it to the app between key presses.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use super::view::ViewId;
use crate::core::command::Command;
use crate::export::Format;
use crate::i18n::Lang;
use crate::store::session::Outcome;

/// Something for the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Record these commands in order, through the session (journal synced before the
    /// state changes), from `seat` when given (an import named after its source), else
    /// from this desk's seat. The first failure stops the rest and is shown in the
    /// notice line. The view that asked hears [`Reply::Recorded`] with `tag`.
    Record {
        cmds: Vec<Command>,
        seat: Option<String>,
        tag: Tag,
    },
    /// Show this in the notice line.
    Notice(Notice),
    /// Ring the terminal bell: something typed or scanned was not found, and the person
    /// at the desk may not be looking at the screen.
    Bell,
    /// Switch to this view.
    Show(ViewId),
    /// Open the action form; when it closes, go back to `from`.
    OpenActionForm { from: ViewId },
    /// Export the meeting in these formats, in `lang`, into the export directory. A file
    /// that exists is replaced only with `replace`; otherwise nothing is written and the
    /// view that asked hears [`Reply::ExportExists`].
    Export {
        formats: Vec<Format>,
        lang: Lang,
        replace: bool,
    },
    /// Read a video platform's attendance export; the view that asked hears
    /// [`Reply::PlatformExport`].
    LoadPlatformExport { path: PathBuf },
    /// Other seats wrote (the journal watcher saw a change): fold what they recorded
    /// (`Session::refresh`) and show it.
    OtherSeats,
}

impl Msg {
    /// Record one command from this desk.
    pub fn record(cmd: Command, tag: Tag) -> Msg {
        Msg::Record {
            cmds: vec![cmd],
            seat: None,
            tag,
        }
    }

    pub fn notice(kind: NoticeKind, text: impl Into<String>) -> Msg {
        Msg::Notice(Notice {
            kind,
            text: text.into(),
        })
    }
}

/// Why a view asked to record: it tells the view what to do with the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// Signing in `person` (index into `meeting.people`).
    SignIn { person: usize },
    /// Setting `person`'s status (excused, stand-in, left early).
    Status { person: usize },
    /// A walk-in named `name` at venue `venue` (index into `agenda.venues`).
    WalkIn { venue: usize, name: String },
    /// Undoing this desk's last attendance record.
    Undo,
    /// One branch venue's roll call (headcount and link).
    RollCall,
    /// The sign-ins and links of a platform export.
    Reconcile { seat: String },
    /// An agenda step (start, pause, next ...).
    AgendaStep,
    /// Saving the note editor.
    Note,
    /// Saving the action form.
    ActionForm,
    /// A change to an action item from the list (done, reopened, deleted).
    ActionList,
}

/// How a [`Msg::Record`] went.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// One outcome per command recorded, in order.
    pub outcomes: Vec<Outcome>,
    /// The failure that stopped the rest (the notice line already says so).
    pub failure: Option<Failure>,
}

impl Recorded {
    /// Every command was recorded.
    pub fn ok(&self) -> bool {
        self.failure.is_none()
    }

    /// The events recorded, all commands together.
    pub fn events(&self) -> impl Iterator<Item = &crate::core::event::Event> {
        self.outcomes.iter().flat_map(|o| o.events.iter())
    }
}

/// Why a command was not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// `decide` refused it (unknown person, counts that do not add up, ...).
    Refused(String),
    /// The journal could not be written: nothing changed.
    NotSaved(String),
}

impl Failure {
    /// The reason, without "not recorded" around it.
    pub fn reason(&self) -> &str {
        match self {
            Failure::Refused(r) | Failure::NotSaved(r) => r,
        }
    }
}

/// What the app tells the view that asked.
#[derive(Debug, Clone)]
pub enum Reply {
    Recorded {
        tag: Tag,
        recorded: Recorded,
    },
    /// The bytes of the export file, or why it could not be read (already in words).
    PlatformExport {
        path: PathBuf,
        bytes: Result<Vec<u8>, String>,
    },
    /// Nothing was exported: these files exist (full paths). Ask before replacing them.
    ExportExists {
        formats: Vec<Format>,
        lang: Lang,
        existing: Vec<PathBuf>,
    },
}

/// The one-line message under the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Warning,
    Error,
}

/// Messages for the app from outside the key presses: hand out [`Inbox::sender`] to
/// whatever produces them; the run loop drains the inbox with the terminal's events.
#[derive(Debug)]
pub struct Inbox {
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
}

impl Default for Inbox {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Inbox { tx, rx }
    }
}

impl Inbox {
    pub fn sender(&self) -> Sender<Msg> {
        self.tx.clone()
    }

    /// Everything that arrived since the last call, oldest first.
    pub fn drain(&self) -> Vec<Msg> {
        self.rx.try_iter().collect()
    }
}
