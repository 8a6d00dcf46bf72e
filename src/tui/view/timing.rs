//! The chair's and the secretary's panes: the agenda runner, notes per item, the action
//! form, the action list and the big clock for the video link.
//!
//! Each pane is self-contained so that the desk's shell (`src/tui`) only has to wire it:
//! - state in a struct, rebuilt from the meeting in `sync` when the meeting changed;
//! - `render(&mut self, frame, area, &PaneCtx)` draws into any `Rect` (tiny ones too, with
//!   saturating arithmetic) and only reads the meeting;
//! - `handle(..)` takes a pane action (or, in a text box, the key) and answers an
//!   [`Effect`]: a [`Command`] to record through `Session::execute`, a form to open, or
//!   nothing. A pane never changes the meeting itself.
//!
//! Timers are derived from event times and `PaneCtx::now`, so they are right after a
//! restart.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use ratatui::style::{Color, Modifier, Style};
use unicode_width::UnicodeWidthChar;

use crate::core::command::Command;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

pub mod action_form;
pub mod actions;
pub mod agenda;
pub mod clock;
pub mod notes;

/// What a pane reads while drawing.
pub struct PaneCtx<'a> {
    pub meeting: &'a Meeting,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    /// The meeting's time zone: times are shown in it.
    pub tz: FixedOffset,
}

impl<'a> PaneCtx<'a> {
    pub fn new(meeting: &'a Meeting, lang: Lang, now: DateTime<Utc>) -> Self {
        PaneCtx {
            meeting,
            lang,
            now,
            tz: *meeting.agenda.meeting.start.offset(),
        }
    }

    /// `14:35` in the meeting's time zone.
    pub fn hm(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz).format("%H:%M").to_string()
    }
}

/// What handling an action asks the shell to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    /// Record this command (through `Session::execute`).
    Execute(Command),
    /// Open the action form, with these defaults (source item, assigner); from any pane.
    OpenActionForm,
    /// Tell the user something (already in their language).
    Notice(String),
}

/// Colours, matching the desk's theme: the 16 basic colours, meaning never by colour
/// alone (an overrun also says so in words).
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub dim: Style,
    pub title: Style,
    pub header: Style,
    pub selected: Style,
    pub border: Style,
    pub border_focus: Style,
    pub ok: Style,
    pub running: Style,
    pub warn: Style,
    pub alarm: Style,
    pub decision: Style,
    pub error: Style,
}

pub const PALETTE: Palette = Palette {
    dim: Style::new().fg(Color::DarkGray),
    title: Style::new().add_modifier(Modifier::BOLD),
    header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    selected: Style::new()
        .bg(Color::Blue)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focus: Style::new().fg(Color::Cyan),
    ok: Style::new().fg(Color::Green),
    running: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    warn: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    alarm: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD),
    decision: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
};

/// Where a running item stands against its planned time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No planned time, or well within it.
    Normal,
    /// Near the end: the last 10% of the planned time, at least 30 seconds and at most
    /// 2 minutes.
    Warning,
    /// Past the planned time.
    Overrun,
}

/// An item's clock: elapsed, planned, and what is left (negative past the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemClock {
    pub elapsed: Duration,
    pub planned: Duration,
    pub remaining: Duration,
    pub phase: Phase,
}

pub fn item_clock(m: &Meeting, id: &str, now: DateTime<Utc>) -> ItemClock {
    // Whole seconds, so that elapsed and remaining always add up to the plan on screen.
    let elapsed = Duration::seconds(m.item_elapsed(id, now).num_seconds());
    let planned = Duration::minutes(m.planned_minutes(id));
    let remaining = planned - elapsed;
    let phase = if planned <= Duration::zero() {
        Phase::Normal
    } else if remaining < Duration::zero() {
        Phase::Overrun
    } else if remaining <= warning_window(planned) {
        Phase::Warning
    } else {
        Phase::Normal
    };
    ItemClock {
        elapsed,
        planned,
        remaining,
        phase,
    }
}

/// The last stretch of an item shown in the warning colour.
pub fn warning_window(planned: Duration) -> Duration {
    (planned / 10).clamp(Duration::seconds(30), Duration::minutes(2))
}

/// `4:05`, `1:02:03`, `-0:42`: minutes and seconds, hours when there are any.
pub fn clock_text(d: Duration) -> String {
    let neg = d < Duration::zero();
    let s = d.num_seconds().unsigned_abs();
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    let sign = if neg { "-" } else { "" };
    if h > 0 {
        format!("{sign}{h}:{m:02}:{sec:02}")
    } else {
        format!("{sign}{m}:{sec:02}")
    }
}

/// Whole minutes, rounded toward zero, with a sign when asked: `+12`, `-5`.
pub fn signed_minutes(d: Duration) -> String {
    let m = d.num_minutes();
    if m > 0 {
        format!("+{m}")
    } else {
        m.to_string()
    }
}

/// Cut `s` to at most `width` display columns, with `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pad `s` with spaces to `width` display columns (after truncating).
pub fn pad(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w: usize = t.chars().map(|c| c.width().unwrap_or(0)).sum();
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// A popup's rectangle and one column either side (within `area`): clearing those too
/// keeps a wide character underneath from straddling the popup's border.
pub fn widened(popup: ratatui::layout::Rect, area: ratatui::layout::Rect) -> ratatui::layout::Rect {
    let x = popup.x.saturating_sub(1).max(area.x);
    let right = (popup.x + popup.width + 1).min(area.x + area.width);
    ratatui::layout::Rect {
        x,
        width: right.saturating_sub(x),
        ..popup
    }
}

/// The display name of an item's speaker.
pub fn speaker_name(m: &Meeting, item: &str) -> Option<String> {
    m.speaker_of(item).map(|p| m.person_label(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_window_is_ten_percent_within_half_a_minute_and_two() {
        assert_eq!(warning_window(Duration::minutes(5)), Duration::seconds(30));
        assert_eq!(warning_window(Duration::minutes(10)), Duration::minutes(1));
        assert_eq!(warning_window(Duration::minutes(20)), Duration::minutes(2));
        assert_eq!(warning_window(Duration::minutes(90)), Duration::minutes(2));
    }

    #[test]
    fn clock_text_and_truncation_by_display_width() {
        assert_eq!(clock_text(Duration::seconds(245)), "4:05");
        assert_eq!(clock_text(Duration::seconds(-42)), "-0:42");
        assert_eq!(clock_text(Duration::seconds(3723)), "1:02:03");
        assert_eq!(truncate("整改责任清单", 7), "整改责…");
        assert_eq!(truncate("整改责任清单", 12), "整改责任清单");
        assert_eq!(pad("王晓红", 8), "王晓红  ");
        assert_eq!(signed_minutes(Duration::minutes(12)), "+12");
        assert_eq!(signed_minutes(Duration::minutes(-5)), "-5");
    }
}
