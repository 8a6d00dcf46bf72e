//! Which key does what. The default bindings use plain keys, F-keys and Ctrl+letter
//! combinations that every terminal sends (no Ctrl+H, Ctrl+M, Ctrl+I, Ctrl+J, Ctrl+S,
//! Ctrl+Q, Ctrl+B or Ctrl+A: they collide with Backspace, Enter, Tab, flow control, tmux
//! and screen). Users override them in `keys.json` in the config dir:
//!
//! ```json
//! { "attendance": { "late": ["F6", "Ctrl+L"] }, "global": { "quit": ["Ctrl+C", "F10"] } }
//! ```
//!
//! An override replaces the action's keys. A key bound to two actions that can be active
//! at the same time (in one scope, or in a view's scope and the global one) is refused
//! with a message naming both.
//!
//! The help overlay and the key-hint bar are generated from this table, so a key is
//! written in one place only.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use super::text::T;
use crate::i18n::Lang;

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
}

impl Scope {
    pub const ALL: [Scope; 10] = [
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
    ];

    /// Scopes whose bindings are live together with this one (besides itself).
    fn shares_keys_with(self) -> &'static [Scope] {
        match self {
            Scope::Attendance | Scope::Agenda | Scope::Actions | Scope::Minutes => &[Scope::Global],
            _ => &[],
        }
    }

    fn name(self) -> &'static str {
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

    pub fn describe(self, lang: Lang) -> &'static str {
        use Action::*;
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
            _ => return self.describe(lang),
        };
        t.get(lang)
    }

    fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// A key as bound: a code and the Ctrl/Alt modifiers. Shift is folded into the
/// character (`?`, `A`) so that `Shift+/` and `?` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

/// `KeyCode` with an order, for stable listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    F(u8),
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Char(c) => {
                // Ctrl+Shift+L arrives as Ctrl+'L' on some terminals: one key.
                KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            KeyCode::Enter => KeyCodeOrd::Enter,
            KeyCode::Esc => KeyCodeOrd::Esc,
            KeyCode::Tab => KeyCodeOrd::Tab,
            KeyCode::BackTab => KeyCodeOrd::BackTab,
            KeyCode::Backspace => KeyCodeOrd::Backspace,
            KeyCode::Delete => KeyCodeOrd::Delete,
            KeyCode::Insert => KeyCodeOrd::Insert,
            KeyCode::Up => KeyCodeOrd::Up,
            KeyCode::Down => KeyCodeOrd::Down,
            KeyCode::Left => KeyCodeOrd::Left,
            KeyCode::Right => KeyCodeOrd::Right,
            KeyCode::Home => KeyCodeOrd::Home,
            KeyCode::End => KeyCodeOrd::End,
            KeyCode::PageUp => KeyCodeOrd::PageUp,
            KeyCode::PageDown => KeyCodeOrd::PageDown,
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }

    /// A printable character typed without Ctrl or Alt (it may belong to a text box).
    pub fn printable(&self) -> Option<char> {
        match self.code {
            KeyCodeOrd::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    const fn plain(code: KeyCodeOrd) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCodeOrd::Char(c),
            ctrl: true,
            alt: false,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl+")?;
        }
        if self.alt {
            f.write_str("Alt+")?;
        }
        match self.code {
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) if self.ctrl || self.alt => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::Enter => f.write_str("Enter"),
            KeyCodeOrd::Esc => f.write_str("Esc"),
            KeyCodeOrd::Tab => f.write_str("Tab"),
            KeyCodeOrd::BackTab => f.write_str("Shift+Tab"),
            KeyCodeOrd::Backspace => f.write_str("Backspace"),
            KeyCodeOrd::Delete => f.write_str("Delete"),
            KeyCodeOrd::Insert => f.write_str("Insert"),
            KeyCodeOrd::Up => f.write_str("Up"),
            KeyCodeOrd::Down => f.write_str("Down"),
            KeyCodeOrd::Left => f.write_str("Left"),
            KeyCodeOrd::Right => f.write_str("Right"),
            KeyCodeOrd::Home => f.write_str("Home"),
            KeyCodeOrd::End => f.write_str("End"),
            KeyCodeOrd::PageUp => f.write_str("PgUp"),
            KeyCodeOrd::PageDown => f.write_str("PgDn"),
        }
    }
}

impl FromStr for Key {
    type Err = String;

    /// `F6`, `Ctrl+L`, `ctrl-l`, `Alt+x`, `Enter`, `Esc`, `Shift+Tab`, `PgDn`, `?`, `Space`.
    fn from_str(s: &str) -> Result<Key, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("an empty key".into());
        }
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let mut stripped = false;
            for (prefix, which) in [
                ("ctrl+", 0),
                ("ctrl-", 0),
                ("c-", 0),
                ("alt+", 1),
                ("alt-", 1),
                ("m-", 1),
                ("shift+", 2),
                ("shift-", 2),
            ] {
                if lower.starts_with(prefix) && rest.len() > prefix.len() {
                    match which {
                        0 => ctrl = true,
                        1 => alt = true,
                        _ => shift = true,
                    }
                    rest = &rest[prefix.len()..];
                    stripped = true;
                    break;
                }
            }
            if !stripped {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "enter" | "return" => KeyCodeOrd::Enter,
            "esc" | "escape" => KeyCodeOrd::Esc,
            "tab" if shift => KeyCodeOrd::BackTab,
            "tab" => KeyCodeOrd::Tab,
            "backtab" => KeyCodeOrd::BackTab,
            "backspace" => KeyCodeOrd::Backspace,
            "delete" | "del" => KeyCodeOrd::Delete,
            "insert" | "ins" => KeyCodeOrd::Insert,
            "up" => KeyCodeOrd::Up,
            "down" => KeyCodeOrd::Down,
            "left" => KeyCodeOrd::Left,
            "right" => KeyCodeOrd::Right,
            "home" => KeyCodeOrd::Home,
            "end" => KeyCodeOrd::End,
            "pageup" | "pgup" => KeyCodeOrd::PageUp,
            "pagedown" | "pgdn" | "pgdown" => KeyCodeOrd::PageDown,
            "space" => KeyCodeOrd::Char(' '),
            f if f.len() >= 2
                && f.starts_with('f')
                && f[1..].chars().all(|c| c.is_ascii_digit()) =>
            {
                match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCodeOrd::F(n),
                    _ => return Err(format!("`{s}`: F-keys go from F1 to F24")),
                }
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        let c = if ctrl || alt {
                            c.to_ascii_lowercase()
                        } else if shift {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        };
                        KeyCodeOrd::Char(c)
                    }
                    _ => return Err(format!("`{s}` is not a key name")),
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

/// The bindings in effect.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per scope, in the order shown in help: each action with its keys.
    bindings: BTreeMap<Scope, Vec<(Action, Vec<Key>)>>,
}

/// The default bindings, per scope, in the order help shows them.
fn defaults() -> Vec<(Scope, Action, Vec<Key>)> {
    use Action::*;
    use KeyCodeOrd as K;
    let p = Key::plain;
    let c = Key::ctrl;
    vec![
        (Scope::Global, Help, vec![p(K::F(1)), p(K::Char('?'))]),
        (Scope::Global, Quit, vec![c('c'), p(K::F(10))]),
        (Scope::Global, NextView, vec![p(K::Tab)]),
        (Scope::Global, PrevView, vec![p(K::BackTab)]),
        (Scope::Global, GoAttendance, vec![p(K::F(2))]),
        (Scope::Global, GoAgenda, vec![p(K::F(3))]),
        (Scope::Global, GoActions, vec![p(K::F(4))]),
        (Scope::Global, GoMinutes, vec![p(K::F(5))]),
        (Scope::Global, GoClock, vec![c('g')]),
        (Scope::Global, AddAction, vec![c('d')]),
        (Scope::Agenda, StartItem, vec![p(K::Enter), p(K::Char('s'))]),
        (Scope::Agenda, PauseResume, vec![p(K::Char(' '))]),
        (Scope::Agenda, EndItem, vec![p(K::Char('e'))]),
        (Scope::Agenda, NextItem, vec![p(K::Char('n'))]),
        (Scope::Agenda, PrevItem, vec![p(K::Char('p'))]),
        (Scope::Agenda, SkipItem, vec![p(K::Char('x'))]),
        (Scope::Agenda, AddNote, vec![p(K::Char('t'))]),
        (Scope::Agenda, AddDecision, vec![p(K::Char('d'))]),
        (Scope::Agenda, AddAction, vec![p(K::Char('a'))]),
        (Scope::Agenda, SwitchPane, vec![p(K::Right), p(K::Left)]),
        (Scope::Agenda, ToggleDecision, vec![p(K::Char('m'))]),
        (Scope::Agenda, DeleteNote, vec![p(K::Delete)]),
        (Scope::Agenda, Up, vec![p(K::Up), p(K::Char('k'))]),
        (Scope::Agenda, Down, vec![p(K::Down), p(K::Char('j'))]),
        (Scope::Actions, AddAction, vec![p(K::Char('a'))]),
        (
            Scope::Actions,
            EditEntry,
            vec![p(K::Enter), p(K::Char('e'))],
        ),
        (
            Scope::Actions,
            ToggleDone,
            vec![p(K::Char(' ')), p(K::Char('c'))],
        ),
        (
            Scope::Actions,
            DeleteEntry,
            vec![p(K::Delete), p(K::Char('x'))],
        ),
        (
            Scope::Actions,
            Filter,
            vec![p(K::Char('/')), p(K::Char('f'))],
        ),
        (Scope::Actions, CycleStatus, vec![p(K::Char('s'))]),
        (Scope::Actions, ToggleOverdue, vec![p(K::Char('o'))]),
        (Scope::Actions, Clear, vec![p(K::Esc)]),
        (Scope::Actions, Up, vec![p(K::Up), p(K::Char('k'))]),
        (Scope::Actions, Down, vec![p(K::Down), p(K::Char('j'))]),
        (Scope::Editor, Submit, vec![p(K::F(2))]),
        (Scope::Editor, ToggleDecision, vec![p(K::F(3))]),
        (Scope::Editor, Cancel, vec![p(K::Esc)]),
        (Scope::Editor, Quit, vec![c('c')]),
        (Scope::Attendance, SignIn, vec![p(K::Enter)]),
        (Scope::Attendance, Late, vec![p(K::F(6)), c('l')]),
        (Scope::Attendance, Excuse, vec![p(K::F(7)), c('e')]),
        (Scope::Attendance, StandIn, vec![p(K::F(8)), c('t')]),
        (Scope::Attendance, LeftEarly, vec![p(K::F(9)), c('o')]),
        (Scope::Attendance, Undo, vec![c('z'), p(K::F(12))]),
        (Scope::Attendance, WalkIn, vec![c('w'), p(K::Insert)]),
        (Scope::Attendance, RollCall, vec![c('r')]),
        (Scope::Attendance, Reconcile, vec![c('y')]),
        (Scope::Attendance, Up, vec![p(K::Up)]),
        (Scope::Attendance, Down, vec![p(K::Down)]),
        (Scope::Attendance, PageUp, vec![p(K::PageUp)]),
        (Scope::Attendance, PageDown, vec![p(K::PageDown)]),
        (Scope::Attendance, NextVenue, vec![c('n')]),
        (Scope::Attendance, PrevVenue, vec![c('p')]),
        (Scope::Attendance, Filter, vec![c('f')]),
        (Scope::Attendance, Sort, vec![c('k')]),
        (Scope::Attendance, Clear, vec![p(K::Esc)]),
        (Scope::Minutes, ExportMd, vec![p(K::Char('m'))]),
        (Scope::Minutes, ExportHtml, vec![p(K::Char('h'))]),
        (Scope::Minutes, ExportJson, vec![p(K::Char('j'))]),
        (Scope::Minutes, ExportCsv, vec![p(K::Char('c'))]),
        (Scope::Minutes, ExportXlsx, vec![p(K::Char('x'))]),
        (Scope::Minutes, ExportAll, vec![p(K::Char('a'))]),
        (Scope::Minutes, DocLang, vec![p(K::Char('l'))]),
        (Scope::Minutes, Up, vec![p(K::Up)]),
        (Scope::Minutes, Down, vec![p(K::Down)]),
        (Scope::Minutes, PageUp, vec![p(K::PageUp)]),
        (
            Scope::Minutes,
            PageDown,
            vec![p(K::PageDown), p(K::Char(' '))],
        ),
        (Scope::Minutes, Top, vec![p(K::Home)]),
        (Scope::Minutes, Bottom, vec![p(K::End)]),
        (Scope::Form, Submit, vec![p(K::Enter)]),
        (Scope::Form, NextField, vec![p(K::Tab), p(K::Down)]),
        (Scope::Form, PrevField, vec![p(K::BackTab), p(K::Up)]),
        (Scope::Form, Cancel, vec![p(K::Esc)]),
        (Scope::Form, Quit, vec![c('c')]),
        (Scope::RollCall, Submit, vec![p(K::Enter)]),
        (Scope::RollCall, NextField, vec![p(K::Tab), p(K::Down)]),
        (Scope::RollCall, PrevField, vec![p(K::BackTab), p(K::Up)]),
        (Scope::RollCall, NextVenue, vec![p(K::PageDown)]),
        (Scope::RollCall, PrevVenue, vec![p(K::PageUp)]),
        (
            Scope::RollCall,
            Toggle,
            vec![p(K::Right), p(K::Left), p(K::Char(' '))],
        ),
        (Scope::RollCall, Cancel, vec![p(K::Esc)]),
        (Scope::RollCall, Quit, vec![c('c')]),
        (Scope::Review, Submit, vec![p(K::Enter)]),
        (Scope::Review, Up, vec![p(K::Up)]),
        (Scope::Review, Down, vec![p(K::Down)]),
        (Scope::Review, PageUp, vec![p(K::PageUp)]),
        (Scope::Review, PageDown, vec![p(K::PageDown)]),
        (
            Scope::Review,
            Toggle,
            vec![p(K::Char(' ')), p(K::Right), p(K::Left)],
        ),
        (Scope::Review, Cancel, vec![p(K::Esc)]),
        (Scope::Review, Quit, vec![c('c')]),
        (
            Scope::Confirm,
            Yes,
            vec![p(K::Char('y')), p(K::Char('Y')), p(K::Enter)],
        ),
        (
            Scope::Confirm,
            No,
            vec![p(K::Char('n')), p(K::Char('N')), p(K::Esc)],
        ),
    ]
}

/// A problem with `keys.json`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct KeymapError(pub Vec<String>);

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_parts(defaults(), Lang::En).expect("the default keymap has no clash")
    }
}

impl Keymap {
    fn from_parts(
        parts: Vec<(Scope, Action, Vec<Key>)>,
        lang: Lang,
    ) -> Result<Keymap, KeymapError> {
        let mut bindings: BTreeMap<Scope, Vec<(Action, Vec<Key>)>> = BTreeMap::new();
        for (scope, action, keys) in parts {
            bindings.entry(scope).or_default().push((action, keys));
        }
        let km = Keymap { bindings };
        km.check(lang)?;
        Ok(km)
    }

    /// The defaults with the overrides of a `keys.json` text (named `origin` in messages),
    /// problems told in English.
    pub fn with_overrides(json: &str, origin: &str) -> Result<Keymap, KeymapError> {
        Keymap::with_overrides_in(json, origin, Lang::En)
    }

    /// The defaults with the overrides of a `keys.json` text, problems told in `lang`.
    pub fn with_overrides_in(json: &str, origin: &str, lang: Lang) -> Result<Keymap, KeymapError> {
        let text = crate::core::load::strip_comments(json);
        let raw: BTreeMap<String, BTreeMap<String, serde_json::Value>> =
            serde_json::from_str(&text).map_err(|e| {
                // serde's own text ends with "at line L column C": the place goes in front.
                let t = e.to_string();
                let detail = t.rfind(" at line ").map_or(t.as_str(), |i| &t[..i]);
                KeymapError(vec![match lang {
                    Lang::En => format!(
                        "{origin}:{}:{}: {detail} (keys.json is a JSON object of sections, each an object of action: \"key\" or [\"key\", ...])",
                        e.line(),
                        e.column().max(1)
                    ),
                    Lang::Zh => format!(
                        "{origin}:{}:{}: 格式有误：{detail}（keys.json 应为 JSON 对象：各分区下为 动作: \"按键\" 或 [\"按键\", ...]）",
                        e.line(),
                        e.column().max(1)
                    ),
                }])
            })?;
        let mut parts = defaults();
        let mut errors = Vec::new();
        for (scope_name, actions) in raw {
            let scope_name = clip(&scope_name);
            let Some(scope) = Scope::ALL.iter().copied().find(|s| s.name() == scope_name) else {
                let known = Scope::ALL.map(|s| s.name()).join(", ");
                errors.push(match lang {
                    Lang::En => {
                        format!("{origin}: unknown section `{scope_name}` (known: {known})")
                    }
                    Lang::Zh => format!("{origin}: 未知分区 `{scope_name}`（可用：{known}）"),
                });
                continue;
            };
            for (action_name, keys) in actions {
                let action_name = clip(&action_name);
                let Some(slot) = parts
                    .iter_mut()
                    .find(|(s, a, _)| *s == scope && a.name() == action_name)
                else {
                    let known: Vec<String> = parts
                        .iter()
                        .filter(|(s, _, _)| *s == scope)
                        .map(|(_, a, _)| a.name())
                        .collect();
                    errors.push(match lang {
                        Lang::En => format!(
                            "{origin}: `{scope_name}.{action_name}` is not an action (known in `{scope_name}`: {})",
                            known.join(", ")
                        ),
                        Lang::Zh => format!(
                            "{origin}: `{scope_name}.{action_name}` 不是可设置的动作（`{scope_name}` 中可用：{}）",
                            known.join(", ")
                        ),
                    });
                    continue;
                };
                let mut parsed = Vec::new();
                let Some(keys) = key_names(keys) else {
                    errors.push(match lang {
                        Lang::En => format!(
                            "{origin}: `{scope_name}.{action_name}`: expected a key name in quotes (\"F6\") or a list of them ([\"F6\", \"Ctrl+L\"])"
                        ),
                        Lang::Zh => format!(
                            "{origin}: `{scope_name}.{action_name}`：应为带引号的按键名（\"F6\"）或其列表（[\"F6\", \"Ctrl+L\"]）"
                        ),
                    });
                    continue;
                };
                for k in keys {
                    match k.parse::<Key>() {
                        Ok(key) => parsed.push(key),
                        Err(e) => errors.push(match lang {
                            // A pasted paragraph is not quoted back whole.
                            Lang::En if k.chars().count() > 40 => format!(
                                "{origin}: `{scope_name}.{action_name}`: `{}` is not a key name",
                                clip(&k)
                            ),
                            Lang::En => format!("{origin}: `{scope_name}.{action_name}`: {e}"),
                            Lang::Zh => format!(
                                "{origin}: `{scope_name}.{action_name}`：`{}` 不是可用的按键名（例如 F6、Ctrl+L、Alt+X、Enter、Esc、Shift+Tab、PgDn、?、Space）",
                                clip(&k)
                            ),
                        }),
                    }
                }
                slot.2 = parsed;
            }
        }
        if !errors.is_empty() {
            return Err(KeymapError(errors));
        }
        Keymap::from_parts(parts, lang)
            .map_err(|e| KeymapError(e.0.into_iter().map(|m| format!("{origin}: {m}")).collect()))
    }

    /// Load `keys.json` from the config dir if there is one; problems told in `lang`.
    pub fn load(config_dir: Option<&Path>, lang: Lang) -> Result<Keymap, KeymapError> {
        use crate::store::input::{InputError, read_input};
        let Some(dir) = config_dir else {
            return Ok(Keymap::default());
        };
        let path = dir.join("keys.json");
        let origin = path.display().to_string();
        let bytes = match read_input(&path) {
            Ok(b) => b,
            Err(InputError::Missing) => return Ok(Keymap::default()),
            Err(e) => return Err(KeymapError(vec![format!("{origin}: {}", e.message(lang))])),
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                return Err(KeymapError(vec![match lang {
                    Lang::En => {
                        format!("{origin}: not UTF-8 text (byte {at}); save keys.json as UTF-8")
                    }
                    Lang::Zh => format!(
                        "{origin}: 不是 UTF-8 文本（第 {at} 字节）；请将 keys.json 存为 UTF-8 编码"
                    ),
                }]));
            }
        };
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        if text.trim().is_empty() {
            return Err(KeymapError(vec![match lang {
                Lang::En => format!(
                    "{origin}: the file is empty; write {{}} for no overrides, or delete it"
                ),
                Lang::Zh => format!("{origin}: 文件是空的；不改按键请写 {{}}，或删除该文件"),
            }]));
        }
        Keymap::with_overrides_in(text, &origin, lang)
    }

    /// Refuse a key bound twice where both bindings could be live.
    fn check(&self, lang: Lang) -> Result<(), KeymapError> {
        let mut errors = Vec::new();
        for (&scope, list) in &self.bindings {
            let mut live: Vec<(Scope, Action, Key)> = Vec::new();
            for s in std::iter::once(scope).chain(scope.shares_keys_with().iter().copied()) {
                for (a, keys) in self.bindings.get(&s).into_iter().flatten() {
                    for k in keys {
                        live.push((s, *a, *k));
                    }
                }
            }
            for (a, keys) in list {
                for k in keys {
                    for (s2, a2, k2) in &live {
                        let same_binding = *s2 == scope && a2 == a;
                        // Report each pair once: from the pair's "later" side in scope order.
                        if k == k2 && !same_binding && (*s2, *a2) < (scope, *a) {
                            let (n1, a1, n2, a2) = (s2.name(), a2.name(), scope.name(), a.name());
                            errors.push(match lang {
                                Lang::En => format!(
                                    "key `{k}` is bound to both `{n1}.{a1}` and `{n2}.{a2}`; give one of them another key"
                                ),
                                Lang::Zh => format!(
                                    "按键 `{k}` 同时用于 `{n1}.{a1}` 和 `{n2}.{a2}`；请给其中一个换一个按键"
                                ),
                            });
                        }
                    }
                }
            }
        }
        errors.dedup();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(KeymapError(errors))
        }
    }

    /// The action of a key in a scope (not looking at other scopes).
    pub fn lookup(&self, scope: Scope, key: &Key) -> Option<Action> {
        self.bindings
            .get(&scope)?
            .iter()
            .find(|(_, keys)| keys.contains(key))
            .map(|(a, _)| *a)
    }

    /// The keys of an action in a scope.
    pub fn keys(&self, scope: Scope, action: Action) -> &[Key] {
        self.bindings
            .get(&scope)
            .and_then(|l| l.iter().find(|(a, _)| *a == action))
            .map_or(&[], |(_, k)| k.as_slice())
    }

    /// The keys of an action as shown to users: `F6/Ctrl+L`.
    pub fn label(&self, scope: Scope, action: Action) -> String {
        self.keys(scope, action)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first key of an action (for the hint bar), if it has one.
    pub fn first(&self, scope: Scope, action: Action) -> Option<Key> {
        self.keys(scope, action).first().copied()
    }

    /// A line of key hints for some actions of a scope: `Enter save   Esc cancel`.
    pub fn hint_line(&self, scope: Scope, actions: &[Action], lang: Lang) -> String {
        actions
            .iter()
            .filter_map(|&a| {
                self.first(scope, a)
                    .map(|k| format!("{k} {}", a.short(lang)))
            })
            .collect::<Vec<_>>()
            .join("   ")
    }

    /// Every binding of a scope in help order.
    pub fn scope(&self, scope: Scope) -> &[(Action, Vec<Key>)] {
        self.bindings.get(&scope).map_or(&[], |v| v.as_slice())
    }
}

/// At most 40 characters of a name from keys.json, marked when cut.
fn clip(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// One key or a list of keys in `keys.json`; `None` for anything else.
fn key_names(v: serde_json::Value) -> Option<Vec<String>> {
    use serde_json::Value;
    match v {
        Value::String(s) => Some(vec![s]),
        Value::Array(items) => items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
    }

    #[test]
    fn defaults_have_no_clash_and_every_action_has_a_key() {
        let km = Keymap::default();
        for scope in Scope::ALL {
            for (a, keys) in km.scope(scope) {
                assert!(!keys.is_empty(), "{scope:?}.{a:?} has no key");
            }
        }
    }

    #[test]
    fn defaults_avoid_keys_that_legacy_terminals_confuse() {
        let km = Keymap::default();
        for scope in Scope::ALL {
            for (_, keys) in km.scope(scope) {
                for k in keys {
                    for bad in [
                        "Ctrl+H", "Ctrl+M", "Ctrl+I", "Ctrl+J", "Ctrl+S", "Ctrl+Q", "Ctrl+B",
                        "Ctrl+A",
                    ] {
                        assert_ne!(k.to_string(), bad);
                    }
                }
            }
        }
    }

    #[test]
    fn key_names_round_trip() {
        for s in [
            "F6",
            "Ctrl+L",
            "Enter",
            "Esc",
            "Shift+Tab",
            "PgDn",
            "?",
            "Space",
            "Alt+X",
            "Insert",
        ] {
            let k: Key = s.parse().unwrap();
            assert_eq!(k.to_string(), s);
        }
        assert_eq!(
            "ctrl-l".parse::<Key>().unwrap(),
            "Ctrl+L".parse::<Key>().unwrap()
        );
        assert!("F99".parse::<Key>().is_err());
        assert!("Hyper".parse::<Key>().is_err());
    }

    #[test]
    fn events_normalise_shift_and_case() {
        let q = Key::from_event(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT)).unwrap();
        assert_eq!(q, "?".parse().unwrap());
        let cl = Key::from_event(&ev(
            KeyCode::Char('L'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ))
        .unwrap();
        assert_eq!(cl, "Ctrl+L".parse().unwrap());
        let bt = Key::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)).unwrap();
        assert_eq!(bt, "Shift+Tab".parse().unwrap());
    }

    #[test]
    fn overrides_replace_and_clashes_are_refused() {
        let km = Keymap::with_overrides(r#"{"attendance": {"late": "F11"}}"#, "keys.json").unwrap();
        assert_eq!(km.label(Scope::Attendance, Action::Late), "F11");
        assert_eq!(km.lookup(Scope::Attendance, &"F6".parse().unwrap()), None);

        let err = Keymap::with_overrides(r#"{"attendance": {"late": ["Ctrl+R"]}}"#, "keys.json")
            .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("Ctrl+R")
                && msg.contains("attendance.late")
                && msg.contains("attendance.roll_call"),
            "{msg}"
        );

        // A view key that shadows a global one is a clash too.
        let err = Keymap::with_overrides(r#"{"attendance": {"late": "F1"}}"#, "k").unwrap_err();
        assert!(err.to_string().contains("global.help"), "{err}");

        // Modal scopes may reuse keys of the views.
        Keymap::with_overrides(r#"{"form": {"submit": ["Enter", "F6"]}}"#, "k").unwrap();
    }

    #[test]
    fn bad_files_say_where() {
        let err =
            Keymap::with_overrides(r#"{"attendance": {"lat": "F11"}}"#, "keys.json").unwrap_err();
        assert!(
            err.to_string()
                .contains("`attendance.lat` is not an action"),
            "{err}"
        );
        let err = Keymap::with_overrides(r#"{"atendance": {}}"#, "keys.json").unwrap_err();
        assert!(
            err.to_string().contains("unknown section `atendance`"),
            "{err}"
        );
        let err = Keymap::with_overrides("{\n  \"global\": [", "keys.json").unwrap_err();
        assert!(err.to_string().starts_with("keys.json:2:"), "{err}");
        let err =
            Keymap::with_overrides(r#"{"global": {"quit": "Ctrl+Shift+Hyper"}}"#, "k").unwrap_err();
        assert!(err.to_string().contains("global.quit"), "{err}");
    }
}
