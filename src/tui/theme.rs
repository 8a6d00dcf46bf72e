//! The one colour theme. Colours are the 16 basic ones so that every terminal shows
//! them; meaning never rests on colour alone (statuses are also words).

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
};

impl Theme {
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
}
