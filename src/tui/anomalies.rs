//! The list of anomalies (Ctrl+X): what the fold of several seats' records found that a
//! person should look at (`core::anomaly`), each with who, which seats, when, and what to
//! do. Drawn in the help overlay's frame, scrolled the same way.

use chrono::FixedOffset;
use ratatui::text::Line;

use super::fit::wrap;
use super::text::T;
use super::theme::Theme;
use crate::core::anomaly::Anomaly;
use crate::i18n::Lang;

/// What kind of anomaly, in a few words (the heading of its entry).
pub fn kind_label(a: &Anomaly, lang: Lang) -> &'static str {
    match a {
        Anomaly::DoubleSignIn { .. } => T::AnomalyDoubleSignIn,
        Anomaly::ConcurrentChanges { .. } => T::AnomalyConcurrent,
        Anomaly::AgendaFromSecondSeat { .. } => T::AnomalyAgenda,
        Anomaly::IdGivenTwice { .. } => T::AnomalyIdTwice,
        Anomaly::ClockBehind { .. } => T::AnomalyClockBehind,
        Anomaly::ClockAhead { .. } => T::AnomalyClockAhead,
        Anomaly::MissingEvents { .. } => T::AnomalyMissing,
        Anomaly::SeatClash { .. } => T::AnomalySeatClash,
        Anomaly::NewerEvents { .. } => T::AnomalyNewer,
        Anomaly::Orphans { .. } => T::AnomalyOrphans,
    }
    .get(lang)
}

/// The entries as lines `width` columns wide: a numbered heading, what happened, and
/// what to do, wrapped; or one line saying there are none.
pub fn lines(
    list: &[Anomaly],
    width: usize,
    tz: FixedOffset,
    th: &Theme,
    lang: Lang,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if list.is_empty() {
        for l in wrap(T::AnomaliesNone.get(lang), width) {
            out.push(Line::raw(l));
        }
        return out;
    }
    let todo = T::AnomalyWhatToDo.get(lang);
    for (i, a) in list.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        let heading = format!("{}. {}", i + 1, kind_label(a, lang));
        for l in wrap(&heading, width) {
            out.push(Line::styled(l, th.header));
        }
        // Names and seat names come from journals: cleaned for the screen.
        let what = crate::sanitize::screen(&a.message(lang, tz)).into_owned();
        for l in wrap(&what, width.saturating_sub(2)) {
            out.push(Line::raw(format!("  {l}")));
        }
        for l in wrap(
            &format!("{todo}{}", a.advice(lang)),
            width.saturating_sub(2),
        ) {
            out.push(Line::styled(format!("  {l}"), th.dim));
        }
    }
    out
}
