//! What a key can ask for ([`Action`]), where a binding applies ([`Scope`]), and how
//! each action is described in help and named in the hint bar.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::tui::text::T;

/// Where a binding applies. A view's scope is active together with `Global`; the modal
/// scopes (`Form`, `RollCall`, `Review`, `Confirm`) are active alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Global,
    Attendance,
    Agenda,
    Actions,
    Minutes,
    Form,
    RollCall,
    /// The review of a video platform's attendance export.
    Review,
    Confirm,
    /// A multi-line note or the action form: bound keys act, every other key edits.
    Editor,
    /// The big clock: going back, and the chair's keys (start, pause, end, next).
    Clock,
    /// The help overlay: scrolling and closing.
    Help,
}

impl Scope {
    pub const ALL: [Scope; 12] = [
        Scope::Global,
        Scope::Attendance,
        Scope::Agenda,
        Scope::Actions,
        Scope::Minutes,
        Scope::Form,
        Scope::RollCall,
        Scope::Review,
        Scope::Confirm,
        Scope::Editor,
        Scope::Clock,
        Scope::Help,
    ];

    /// Scopes whose bindings are live together with this one (besides itself).
    pub(super) fn shares_keys_with(self) -> &'static [Scope] {
        match self {
            Scope::Attendance
            | Scope::Agenda
            | Scope::Actions
            | Scope::Minutes
            | Scope::Clock
            | Scope::Help => &[Scope::Global],
            _ => &[],
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Attendance => "attendance",
            Scope::Agenda => "agenda",
            Scope::Actions => "actions",
            Scope::Minutes => "minutes",
            Scope::Form => "form",
            Scope::RollCall => "roll_call",
            Scope::Review => "review",
            Scope::Confirm => "confirm",
            Scope::Editor => "editor",
            Scope::Clock => "clock",
            Scope::Help => "help",
        }
    }
}

/// What a key asks for. The same action may be bound in several scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Help,
    Quit,
    NextView,
    PrevView,
    GoAttendance,
    GoAgenda,
    GoActions,
    GoMinutes,
    SignIn,
    Late,
    Excuse,
    StandIn,
    LeftEarly,
    Undo,
    WalkIn,
    RollCall,
    Reconcile,
    Up,
    Down,
    PageUp,
    PageDown,
    NextVenue,
    PrevVenue,
    Filter,
    Sort,
    Clear,
    Submit,
    Cancel,
    NextField,
    PrevField,
    Toggle,
    Yes,
    No,
    GoClock,
    AddAction,
    StartItem,
    PauseResume,
    EndItem,
    NextItem,
    PrevItem,
    SkipItem,
    AddNote,
    AddDecision,
    SwitchPane,
    ToggleDecision,
    DeleteNote,
    EditEntry,
    ToggleDone,
    DeleteEntry,
    CycleStatus,
    ToggleOverdue,
    Top,
    Bottom,
    ExportMd,
    ExportHtml,
    ExportJson,
    ExportCsv,
    ExportXlsx,
    ExportAll,
    DocLang,
    /// Close the big clock or the help, back to where it was opened.
    Back,
    /// 宣布开会.
    OpenMeeting,
    /// 宣布散会 (asks first).
    CloseMeeting,
    /// Open the meeting again after the close, to change the record.
    ReopenMeeting,
    /// Take back the last opening or closing.
    UndoMeeting,
    /// 补签: a sign-in entered after the fact, with the time it happened.
    SignInAt,
    ExportDocx,
    SpeakerNext,
    SpeakerStart,
    SpeakerStop,
    SpeakerSkip,
    SpeakerEarlier,
    SpeakerLater,
    SpeakerAdd,
    SpeakerSelectPrev,
    SpeakerSelectNext,
    /// The list of anomalies: what the seats' records disagree on.
    Anomalies,
    /// The server sync, seat by seat (online, last event, waiting, clock).
    SyncList,
}

impl Action {
    /// Whether a held key's auto-repeat performs this action again: only movements,
    /// which are harmless to repeat. Anything that records, deletes, toggles or switches
    /// acts once per press (see `input.rs`).
    pub fn repeats(self) -> bool {
        use Action::*;
        matches!(
            self,
            Up | Down | PageUp | PageDown | Top | Bottom | NextField | PrevField
        )
    }

    /// Whether this action records something or opens a form to record it: refused at
    /// once on a read-only desk, before anything is typed into a form in vain.
    pub fn changes_meeting(self) -> bool {
        use Action::*;
        matches!(
            self,
            SignIn
                | Late
                | Excuse
                | StandIn
                | LeftEarly
                | Undo
                | WalkIn
                | RollCall
                | Reconcile
                | AddAction
                | StartItem
                | PauseResume
                | EndItem
                | NextItem
                | PrevItem
                | SkipItem
                | AddNote
                | AddDecision
                | ToggleDecision
                | DeleteNote
                | EditEntry
                | ToggleDone
                | DeleteEntry
                | OpenMeeting
                | CloseMeeting
                | ReopenMeeting
                | UndoMeeting
                | SignInAt
                | SpeakerNext
                | SpeakerStart
                | SpeakerStop
                | SpeakerSkip
                | SpeakerEarlier
                | SpeakerLater
                | SpeakerAdd
        )
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        use Action::*;
        if let Some(t) = crate::tui::view::speakers::describe(self) {
            return t.get(lang);
        }
        let t = match self {
            Help => T::ActHelp,
            Quit => T::ActQuit,
            NextView => T::ActNextView,
            PrevView => T::ActPrevView,
            GoAttendance => T::ActGoAttendance,
            GoAgenda => T::ActGoAgenda,
            GoActions => T::ActGoActions,
            GoMinutes => T::ActGoMinutes,
            SignIn => T::ActSignIn,
            Late => T::ActLate,
            Excuse => T::ActExcuse,
            StandIn => T::ActStandIn,
            LeftEarly => T::ActLeftEarly,
            Undo => T::ActUndo,
            WalkIn => T::ActWalkIn,
            RollCall => T::ActRollCall,
            Reconcile => T::ActReconcile,
            Up => T::ActUp,
            Down => T::ActDown,
            PageUp => T::ActPageUp,
            PageDown => T::ActPageDown,
            NextVenue => T::ActNextVenue,
            PrevVenue => T::ActPrevVenue,
            Filter => T::ActFilter,
            Sort => T::ActSort,
            Clear => T::ActClear,
            Submit => T::ActSubmit,
            Cancel => T::ActCancel,
            NextField => T::ActNextField,
            PrevField => T::ActPrevField,
            Toggle => T::ActToggle,
            Yes => T::ActYes,
            No => T::ActNo,
            GoClock => T::ActGoClock,
            AddAction => T::ActAddAction,
            StartItem => T::ActStartItem,
            PauseResume => T::ActPauseResume,
            EndItem => T::ActEndItem,
            NextItem => T::ActNextItem,
            PrevItem => T::ActPrevItem,
            SkipItem => T::ActSkipItem,
            AddNote => T::ActAddNote,
            AddDecision => T::ActAddDecision,
            SwitchPane => T::ActSwitchPane,
            ToggleDecision => T::ActToggleDecision,
            DeleteNote => T::ActDeleteNote,
            EditEntry => T::ActEditEntry,
            ToggleDone => T::ActToggleDone,
            DeleteEntry => T::ActDeleteEntry,
            CycleStatus => T::ActCycleStatus,
            ToggleOverdue => T::ActToggleOverdue,
            Top => T::ActTop,
            Bottom => T::ActBottom,
            ExportMd => T::ActExportMd,
            ExportHtml => T::ActExportHtml,
            ExportJson => T::ActExportJson,
            ExportCsv => T::ActExportCsv,
            ExportXlsx => T::ActExportXlsx,
            ExportAll => T::ActExportAll,
            DocLang => T::ActDocLang,
            Back => T::ActBack,
            OpenMeeting => T::ActOpenMeeting,
            CloseMeeting => T::ActCloseMeeting,
            ReopenMeeting => T::ActReopenMeeting,
            UndoMeeting => T::ActUndoMeeting,
            SignInAt => T::ActSignInAt,
            ExportDocx => T::ActExportDocx,
            // Described by the speakers panel, above.
            SpeakerNext | SpeakerStart | SpeakerStop | SpeakerSkip | SpeakerEarlier
            | SpeakerLater | SpeakerAdd | SpeakerSelectPrev | SpeakerSelectNext => T::Nothing,
            Anomalies => T::ActAnomalies,
            SyncList => return crate::tui::sync_list::ST::Act.get(lang),
        };
        t.get(lang)
    }

    /// A short name for the key-hint bar.
    pub fn short(self, lang: Lang) -> &'static str {
        use Action::*;
        let t = match self {
            Help => T::HintHelp,
            Quit => T::HintQuit,
            NextView | PrevView => T::HintViews,
            SignIn => T::HintSignIn,
            Late => T::HintLate,
            Excuse => T::HintExcuse,
            StandIn => T::HintStandIn,
            LeftEarly => T::HintLeftEarly,
            Undo => T::HintUndo,
            WalkIn => T::HintWalkIn,
            RollCall => T::HintRollCall,
            Reconcile => T::HintReconcile,
            NextVenue | PrevVenue => T::HintVenue,
            Filter => T::HintFilter,
            Sort => T::HintSort,
            AddAction => T::HintAddAction,
            StartItem => T::HintStartItem,
            PauseResume => T::HintPauseResume,
            EndItem => T::HintEndItem,
            NextItem => T::HintNextItem,
            PrevItem => T::HintPrevItem,
            SkipItem => T::HintSkipItem,
            AddNote => T::HintAddNote,
            AddDecision => T::HintAddDecision,
            EditEntry => T::HintEditEntry,
            ToggleDone => T::HintToggleDone,
            DeleteEntry => T::HintDeleteEntry,
            CycleStatus => T::HintCycleStatus,
            ToggleOverdue => T::HintToggleOverdue,
            ExportMd => T::HintExportMd,
            ExportHtml => T::HintExportHtml,
            ExportJson => T::HintExportJson,
            ExportCsv => T::HintExportCsv,
            ExportXlsx => T::HintExportXlsx,
            ExportAll => T::HintExportAll,
            DocLang => T::HintDocLang,
            Back => T::HintBack,
            Up | Down => T::HintScroll,
            PageUp | PageDown => T::HintPage,
            OpenMeeting => T::HintOpenMeeting,
            CloseMeeting => T::HintCloseMeeting,
            ReopenMeeting => T::HintReopenMeeting,
            UndoMeeting => T::HintUndo,
            SignInAt => T::HintSignInAt,
            ExportDocx => T::HintExportDocx,
            SpeakerNext => return crate::tui::view::speakers::ST::HintNext.get(lang),
            SpeakerAdd => return crate::tui::view::speakers::ST::HintAdd.get(lang),
            Anomalies => T::HintAnomalies,
            SyncList => return crate::tui::sync_list::ST::Hint.get(lang),
            _ => return self.describe(lang),
        };
        t.get(lang)
    }

    pub(super) fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}
