//! An agenda item's clock, derived from event times and the current time (so it is right
//! after a restart): elapsed, planned, remaining and the phase, as the agenda view and
//! the big clock show them.

use chrono::{DateTime, Duration, Utc};

use crate::core::command::Command;
use crate::core::meeting::{ItemStatus, Meeting};

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
    crate::core::meeting::mmss(d)
}

/// The chair's pause key: pause the running item, resume a paused one; `None` when no
/// item is current.
pub fn pause_or_resume(m: &Meeting) -> Option<Command> {
    let cur = m.current_item.as_deref()?;
    Some(match m.item_state(cur).map(|s| s.status) {
        Some(ItemStatus::Paused) => Command::ResumeItem,
        _ => Command::PauseItem,
    })
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
    fn clock_text_reads_as_a_clock() {
        assert_eq!(clock_text(Duration::seconds(245)), "4:05");
        assert_eq!(clock_text(Duration::seconds(-42)), "-0:42");
        assert_eq!(clock_text(Duration::seconds(3723)), "1:02:03");
    }
}
