//! The speeches in the minutes (发言情况): each speech given (speaker, unit and title,
//! venue, kind, the time it took against its limit, the overrun) and each speaker's total
//! speaking time. From the record only: a speech still running when the minutes are
//! written counts its time up to its last stop and is marked as running, so the same
//! journal gives the same minutes on any day.

use chrono::{DateTime, Duration, Utc};

use super::text::clean;
use crate::core::agenda::VenueKind;
use crate::core::meeting::{Countdown, Meeting, SpeechState, SpeechStatus, mmss};
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechRecord {
    pub heading: &'static str,
    /// Column heads of [`SpeechRow`].
    pub columns: [&'static str; 8],
    pub rows: Vec<SpeechRow>,
    pub totals_heading: &'static str,
    /// Column heads of [`SpeakerRow`].
    pub total_columns: [&'static str; 5],
    pub totals: Vec<SpeakerRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechRow {
    pub number: usize,
    /// `2 各区县表态发言`
    pub item: String,
    pub speaker: String,
    /// `王益区教育科技体育局局长`
    pub unit: String,
    /// `王益区分会场`
    pub venue: String,
    /// `表态发言`
    pub kind: String,
    /// `5:30 / 5:00`
    pub time: String,
    /// `0:30`, or empty within the limit.
    pub overrun: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerRow {
    pub speaker: String,
    pub unit: String,
    pub speeches: usize,
    pub total: String,
    pub overrun: String,
}

/// Until when a speech is counted in the minutes: its last stop, or, while it runs, the
/// meeting's close (if it closed) or the start of the running stretch.
fn counted_until(m: &Meeting, s: &SpeechState) -> DateTime<Utc> {
    match (s.running_since, m.ended_at) {
        (Some(_), Some(end)) => end,
        (Some(since), None) => since,
        (None, _) => s
            .last_end
            .or(s.first_start)
            .unwrap_or(DateTime::<Utc>::MIN_UTC),
    }
}

/// The speeches given, or `None` when nobody has spoken.
pub fn speech_record(m: &Meeting, lang: Lang) -> Option<SpeechRecord> {
    let held: Vec<&SpeechState> = m
        .speeches_in_order()
        .into_iter()
        .filter(|s| s.first_start.is_some())
        .collect();
    if held.is_empty() {
        return None;
    }
    let zh = lang == Lang::Zh;
    let rows = held
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let c = s.countdown(counted_until(m, s));
            SpeechRow {
                number: i + 1,
                item: clean(&m.item_label(&s.item)),
                speaker: clean(&m.speaker_label(&s.speaker, lang)),
                unit: clean(&s.speaker.role(lang)),
                venue: venue_name(m, s),
                kind: s.speaker.kind.label(lang).to_string(),
                time: time_text(s, &c, lang),
                overrun: overrun_text(&c),
            }
        })
        .collect();
    let last = held
        .iter()
        .map(|s| counted_until(m, s))
        .max()
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    // Totals counted as the rows are: each speech up to where the minutes count it.
    let totals = m
        .speaking_totals(last)
        .into_iter()
        .map(|t| {
            let mut total = Duration::zero();
            let mut over = Duration::zero();
            for s in held
                .iter()
                .filter(|s| match (&t.participant, &s.speaker.participant) {
                    (Some(a), Some(b)) => a == b,
                    (None, None) => t.name == s.speaker.name && t.unit == s.speaker.unit,
                    _ => false,
                })
            {
                let c = s.countdown(counted_until(m, s));
                total += c.elapsed;
                over += c.overrun();
            }
            let label = if t.name.is_empty() {
                t.venue
                    .as_deref()
                    .and_then(|v| m.venue(v))
                    .map(|v| {
                        let name = clean(&m.agenda.venues[v].name);
                        if zh {
                            format!("{name}代表")
                        } else {
                            format!("the representative of {name}")
                        }
                    })
                    .unwrap_or_default()
            } else {
                clean(&t.name)
            };
            SpeakerRow {
                speaker: label,
                unit: clean(&t.unit),
                speeches: t.speeches,
                total: mmss(total),
                overrun: if over > Duration::zero() {
                    mmss(over)
                } else {
                    String::new()
                },
            }
        })
        .collect();
    Some(SpeechRecord {
        heading: if zh { "发言情况" } else { "Speeches" },
        columns: if zh {
            [
                "序号",
                "议程",
                "发言人",
                "单位职务",
                "会场",
                "类别",
                "用时/限时",
                "超时",
            ]
        } else {
            [
                "No.",
                "Item",
                "Speaker",
                "Title, unit",
                "Venue",
                "Kind",
                "Time / limit",
                "Over",
            ]
        },
        rows,
        totals_heading: if zh {
            "发言用时统计"
        } else {
            "Speaking time by speaker"
        },
        total_columns: if zh {
            ["发言人", "单位", "发言次数", "合计用时", "合计超时"]
        } else {
            ["Speaker", "Unit", "Speeches", "Total", "Over"]
        },
        totals,
    })
}

fn venue_name(m: &Meeting, s: &SpeechState) -> String {
    s.speaker
        .venue
        .as_deref()
        .and_then(|v| m.venue(v))
        .map(|v| {
            let venue = &m.agenda.venues[v];
            match venue.kind {
                VenueKind::Main => clean(&venue.name)
                    .split(['（', '('])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                VenueKind::Branch => clean(&venue.name),
            }
        })
        .unwrap_or_default()
}

fn time_text(s: &SpeechState, c: &Countdown, lang: Lang) -> String {
    let mut t = match c.limit {
        Some(l) => format!("{} / {}", mmss(c.elapsed), mmss(l)),
        None => mmss(c.elapsed),
    };
    if s.status == SpeechStatus::Running {
        t.push_str(if lang == Lang::Zh {
            "（进行中）"
        } else {
            " (running)"
        });
    }
    t
}

fn overrun_text(c: &Countdown) -> String {
    let o = c.overrun();
    if o > Duration::zero() {
        mmss(o)
    } else {
        String::new()
    }
}
