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

/// The sentence of an item's section about the speeches given in it (its sub-items'
/// included), other than by the section's own speaker: `陈琳慧（王益区教育科技体育局局长）、
/// 王慧琳（印台区教育科技体育局局长）分别作表态发言。`
pub fn item_speeches_sentence(
    m: &Meeting,
    item: &crate::core::agenda::Item,
    lang: Lang,
) -> Option<String> {
    let section_speaker = item.speaker.as_ref().and_then(|p| p.participant.as_deref());
    let mut held: Vec<&SpeechState> = std::iter::once(item.id.as_str())
        .chain(item.items.iter().map(|s| s.id.as_str()))
        .flat_map(|id| m.speeches_of(id))
        .filter(|s| s.first_start.is_some())
        .filter(|s| {
            section_speaker.is_none() || s.speaker.participant.as_deref() != section_speaker
        })
        .collect();
    held.sort_by_key(|s| s.first_start);
    if held.is_empty() {
        return None;
    }
    let named = |s: &SpeechState| {
        let name = clean(&m.speaker_label(&s.speaker, lang));
        let role = clean(&s.speaker.role(lang));
        match (role.is_empty(), lang) {
            (true, _) => name,
            (false, Lang::Zh) => format!("{name}（{role}）"),
            (false, Lang::En) => format!("{name} ({role})"),
        }
    };
    // Speakers in the order they spoke, a clause per kind.
    let mut kinds: Vec<crate::core::agenda::SpeechKind> = Vec::new();
    for s in &held {
        if !kinds.contains(&s.speaker.kind) {
            kinds.push(s.speaker.kind);
        }
    }
    let clauses: Vec<String> = kinds
        .into_iter()
        .map(|k| {
            let who: Vec<String> = held
                .iter()
                .filter(|s| s.speaker.kind == k)
                .map(|s| named(s))
                .collect();
            let several = who.len() > 1;
            match lang {
                Lang::Zh => {
                    let verb = match k {
                        crate::core::agenda::SpeechKind::Address => "讲话".to_string(),
                        crate::core::agenda::SpeechKind::Remarks => "发言".to_string(),
                        other => format!("作{}", other.label(lang)),
                    };
                    let each = if several { "分别" } else { "" };
                    format!("{}{each}{verb}", who.join("、"))
                }
                Lang::En => {
                    let what = match (k, several) {
                        (crate::core::agenda::SpeechKind::Address, false) => "gave an address",
                        (crate::core::agenda::SpeechKind::Address, true) => "gave addresses",
                        (crate::core::agenda::SpeechKind::Report, false) => "gave a report",
                        (crate::core::agenda::SpeechKind::Report, true) => "gave reports",
                        (crate::core::agenda::SpeechKind::Pledge, false) => "gave a pledge",
                        (crate::core::agenda::SpeechKind::Pledge, true) => "gave pledges",
                        (crate::core::agenda::SpeechKind::Exchange, _) => "shared their experience",
                        (crate::core::agenda::SpeechKind::Remarks, _) => "spoke",
                    };
                    let who = match who.as_slice() {
                        [one] => one.clone(),
                        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                        [] => String::new(),
                    };
                    format!("{who} {what}")
                }
            }
        })
        .collect();
    Some(match lang {
        Lang::Zh => format!("{}。", clauses.join("；")),
        Lang::En => format!("{}.", clauses.join("; ")),
    })
}
