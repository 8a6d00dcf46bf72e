//! The two themes: [`THEME`] in the 16 basic colours that every terminal shows, and
//! [`MONO`] for `NO_COLOR` and monochrome terminals, which says everything with bold,
//! underline, reverse video and glyphs. Meaning never rests on colour alone: statuses,
//! overruns and warnings are also words, and in `MONO` the selected row carries a marker
//! and bars and the big clock's digits are drawn with ASCII glyphs.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub base: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub border_focus: Style,
    pub header: Style,
    pub selected: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub key: Style,
    pub hint: Style,
    pub status_bar: Style,
    pub ok: Style,
    pub warn: Style,
    /// A bar that stops the eye: a failure, an overrun.
    pub error: Style,
    /// A problem said in a line of text (a form's complaint, an item over its time).
    pub error_text: Style,
    pub info: Style,
    /// The agenda item that is running.
    pub running: Style,
    /// A decision (议定事项).
    pub decision: Style,
    pub present: Style,
    pub late: Style,
    pub excused: Style,
    pub absent: Style,
    pub left_early: Style,
    pub stand_in: Style,
    /// The filled part of a venue's bar and of the arrivals chart.
    pub bar_fill: Style,
    /// The empty part of a venue's bar.
    pub bar_empty: Style,
    /// An item's time in its normal, warning and overrun phase (the progress bar and
    /// the big clock's digits).
    pub phase_ok: Color,
    pub phase_warn: Color,
    pub phase_over: Color,
    pub input: Style,
    /// No colour to draw with: bars, charts and the big clock's digits are ASCII glyphs
    /// (`#` filled, `.` empty), and the selected row starts with [`Theme::marker`].
    pub glyphs: bool,
    /// Put before the selected row of a list (and blanks of its width before the
    /// others), so that the selection shows without colour; empty when colour shows it.
    pub marker: &'static str,
}

pub const THEME: Theme = Theme {
    base: Style::new(),
    dim: Style::new().fg(Color::DarkGray),
    title: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    border_focus: Style::new().fg(Color::Cyan),
    header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    selected: Style::new()
        .bg(Color::Blue)
        .fg(Color::White)
        .add_modifier(Modifier::BOLD),
    tab: Style::new().fg(Color::Gray),
    tab_active: Style::new()
        .fg(Color::Black)
        .bg(Color::Cyan)
        .add_modifier(Modifier::BOLD),
    key: Style::new().fg(Color::Black).bg(Color::Gray),
    hint: Style::new().fg(Color::Gray),
    status_bar: Style::new().fg(Color::White).bg(Color::DarkGray),
    ok: Style::new().fg(Color::Green),
    warn: Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD),
    error: Style::new()
        .fg(Color::White)
        .bg(Color::Red)
        .add_modifier(Modifier::BOLD),
    error_text: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    info: Style::new().fg(Color::Cyan),
    running: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    decision: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
    present: Style::new().fg(Color::Green),
    late: Style::new().fg(Color::Yellow),
    excused: Style::new().fg(Color::Magenta),
    absent: Style::new().fg(Color::Red),
    left_early: Style::new().fg(Color::LightYellow),
    stand_in: Style::new().fg(Color::LightBlue),
    bar_fill: Style::new().bg(Color::Green),
    bar_empty: Style::new().bg(Color::DarkGray),
    phase_ok: Color::Green,
    phase_warn: Color::Yellow,
    phase_over: Color::Red,
    input: Style::new().fg(Color::White),
    glyphs: false,
    marker: "",
};

/// Without colour: emphasis by bold, underline and reverse video only (which `NO_COLOR`
/// allows and monochrome terminals show), everything else in words and glyphs.
pub const MONO: Theme = Theme {
    base: Style::new(),
    dim: Style::new(),
    title: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new(),
    border_focus: Style::new().add_modifier(Modifier::BOLD),
    header: Style::new().add_modifier(Modifier::BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    tab: Style::new(),
    tab_active: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    key: Style::new().add_modifier(Modifier::REVERSED),
    hint: Style::new(),
    status_bar: Style::new().add_modifier(Modifier::REVERSED),
    ok: Style::new(),
    warn: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    error: Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    error_text: Style::new().add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    info: Style::new(),
    running: Style::new().add_modifier(Modifier::BOLD),
    decision: Style::new().add_modifier(Modifier::BOLD),
    present: Style::new(),
    late: Style::new(),
    excused: Style::new(),
    absent: Style::new(),
    left_early: Style::new(),
    stand_in: Style::new(),
    bar_fill: Style::new(),
    bar_empty: Style::new(),
    phase_ok: Color::Reset,
    phase_warn: Color::Reset,
    phase_over: Color::Reset,
    input: Style::new(),
    glyphs: true,
    marker: "> ",
};

/// The glyph of a filled and of an empty bar cell in [`MONO`].
pub const FILL: &str = "#";
pub const EMPTY: &str = ".";

impl Theme {
    /// The theme for this terminal: [`MONO`] when `NO_COLOR` is set (to anything but
    /// the empty string, as no-color.org asks) or `TERM` names a terminal without colour,
    /// else [`THEME`].
    pub fn detect() -> &'static Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").unwrap_or_default();
        if no_color || monochrome_term(&term) {
            &MONO
        } else {
            &THEME
        }
    }

    pub fn status(&self, s: crate::core::meeting::Status) -> Style {
        use crate::core::meeting::Status;
        match s {
            Status::NotArrived => self.absent,
            Status::Present => self.present,
            Status::Late => self.late,
            Status::LeftEarly => self.left_early,
            Status::Excused => self.excused,
            Status::StandIn => self.stand_in,
        }
    }

    /// What goes before a row of a list: the marker when selected, blanks of its width
    /// otherwise (nothing in a theme that shows the selection in colour).
    pub fn mark(&self, selected: bool) -> &'static str {
        if selected || self.marker.is_empty() {
            self.marker
        } else {
            // As wide as the marker: it is ASCII.
            &"        "[..self.marker.len().min(8)]
        }
    }
}

/// Terminal types whose terminfo entry has no colours: `xterm-mono`, `*-m`, `vt100`,
/// `dumb` and the like.
fn monochrome_term(term: &str) -> bool {
    let t = term.to_ascii_lowercase();
    t.ends_with("-mono")
        || t.ends_with("-m")
        || matches!(
            t.as_str(),
            "dumb" | "vt52" | "vt100" | "vt102" | "vt220" | "vt320"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monochrome_terminals_are_known_by_name() {
        for t in ["xterm-mono", "ansi-m", "vt100", "dumb", "linux-m"] {
            assert!(monochrome_term(t), "{t}");
        }
        for t in [
            "xterm-256color",
            "screen",
            "tmux-256color",
            "linux",
            "xterm",
        ] {
            assert!(!monochrome_term(t), "{t}");
        }
    }

    #[test]
    fn mono_uses_no_colour_at_all() {
        let m = MONO;
        for s in [
            m.base,
            m.dim,
            m.title,
            m.border,
            m.border_focus,
            m.header,
            m.selected,
            m.tab,
            m.tab_active,
            m.key,
            m.hint,
            m.status_bar,
            m.ok,
            m.warn,
            m.error,
            m.error_text,
            m.info,
            m.running,
            m.decision,
            m.present,
            m.late,
            m.excused,
            m.absent,
            m.left_early,
            m.stand_in,
            m.bar_fill,
            m.bar_empty,
            m.input,
        ] {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert_eq!(m.mark(true).len(), m.mark(false).len());
        assert_eq!(THEME.mark(false), "");
    }
}
