//! The server sync seat by seat (Ctrl+V): this desk's link, then this computer's seats
//! (online or offline, their last event, the events waiting to be sent) and every other
//! seat the server told of (when it was last heard from, its last event, its clock
//! against the server's), with the venue each signed people in for. Drawn in the help
//! overlay's frame and scrolled the same way (a hundred seats take a hundred rows).
//!
//! Drawing only: the app hands in a copy of the sync state (`server::snapshot`) and what
//! the fold knows of each seat ([`Folded`]).

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::fit::{pad, wrap};
use super::text;
use super::theme::Theme;
use crate::core::meeting::Meeting;
use crate::i18n::{Lang, messages, texts};
use crate::server::state::{SKEW_SHOWN, hms};
use crate::server::{SeatSync, SyncState};

texts! {
    /// The sync list's fixed strings.
    pub enum ST {
    Act => "server sync seat by seat: online, last event, waiting, clock",
        "服务器同步（逐个席位）：在线状态、最近记录、待发、时钟";
    Hint => "sync", "同步";
    NoServer => "No server sync: this desk was started without --server (or HUIWU_SERVER).",
        "没有服务器同步：本席位启动时未指定 --server（或 HUIWU_SERVER）。";
    NotYet => "Not connected yet.", "尚未连接。";
    Here => "This computer", "本机席位";
    NoneHere => "No seat of this computer has recorded anything yet.",
        "本机席位尚无记录。";
    NoneElse => "No other seat has been heard from yet.", "尚未收到其他席位的记录。";
    ColSeat => "seat", "席位";
    ColVenue => "venue", "会场";
    ColLink => "link", "连接";
    ColLastEvent => "last event", "最近记录";
    ColWaiting => "waiting", "待发";
    ColHeard => "last heard", "最近收到";
    ColClock => "clock", "时钟";
    Online => "online", "在线";
    Refused => "refused", "被拒绝";
    ClockOk => "ok", "正常";
    NotMeasured => "not measured yet", "尚未测量";
    Unknown => "-", "-";
    }
}

messages! {
    /// The sync list's messages with values.
    pub enum SL {
        Title { n: usize } => " Server sync: {n} seats ", " 服务器同步：{n} 个席位 ";
        Server { server: String } => "Server: {server}", "服务器：{server}";
        OnlineSince { time: String, long: String } =>
            "Online since {time} ({long}).", "在线，自 {time} 起（{long}）。";
        OfflineSince { time: String, long: String, why: String } =>
            "Offline since {time} ({long}): {why}", "离线，自 {time} 起（{long}）：{why}";
        RefusedSince { time: String, why: String } =>
            "Refused since {time}: {why}", "自 {time} 起被拒绝：{why}";
        Position { position: i64, clock: String } =>
            "Read up to server position {position}; this computer's clock: {clock}.",
            "已读到服务器位置 {position}；本机时钟：{clock}。";
        Others { n: usize } => "Other seats ({n})", "其他席位（{n}）";
        Offline { long: String } => "offline {long}", "离线 {long}";
        Clash { seq: u64 } => "clash at #{seq}", "冲突（第 {seq} 条）";
        Ago { long: String } => "{long} ago", "{long} 前";
        Ahead { long: String } => "{long} ahead", "快 {long}";
        Behind { long: String } => "{long} behind", "慢 {long}";
        Labelled { label: String, value: String } => "{label}: {value}", "{label}：{value}";
    }
}

/// What the fold of the meeting knows of a seat (the sync state knows only what came
/// through the server).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folded {
    /// The venue of everyone it signed in, when that is one venue (its name).
    pub venue: Option<String>,
    pub last_seq: u64,
    pub last_at: Option<DateTime<Utc>>,
}

/// Per seat name, what the fold knows: `live` for the seats, `shown` (the copy cleaned
/// for the screen, same agenda) for the venues' names.
pub fn folded(live: &Meeting, shown: &Meeting) -> HashMap<String, Folded> {
    live.seat_summaries()
        .into_iter()
        .map(|s| {
            let venue = s
                .venue
                .and_then(|v| shown.agenda.venues.get(v))
                .map(|v| v.name.clone());
            let f = Folded {
                venue,
                last_seq: s.last_seq,
                last_at: s.last_at,
            };
            (s.seat, f)
        })
        .collect()
}

/// The title of the overlay: how many seats it lists.
pub fn title(inp: &Input) -> String {
    let st = inp.state;
    let unheard = inp.seat.is_some_and(|s| st.seat(s).is_none());
    let n = st.seats.len() + usize::from(unheard);
    SL::Title { n }.text(inp.lang)
}

/// Everything needed to draw the list.
pub struct Input<'a> {
    pub state: &'a SyncState,
    pub folded: &'a HashMap<String, Folded>,
    /// This desk's seat (listed under this computer before it has recorded anything).
    pub seat: Option<&'a str>,
    pub now: DateTime<Utc>,
    pub tz: FixedOffset,
    pub lang: Lang,
}

/// The list as lines at most `width` columns wide.
pub fn lines(inp: &Input, width: usize, th: &Theme) -> Vec<Line<'static>> {
    let (st, lang) = (inp.state, inp.lang);
    let mut out = Vec::new();
    let para = |out: &mut Vec<Line<'static>>, s: &str, style: Style| {
        for l in wrap(&clean(s), width) {
            out.push(Line::styled(l, style));
        }
    };
    para(
        &mut out,
        &SL::Server {
            server: st.server.clone(),
        }
        .text(lang),
        th.base,
    );
    let (link, style) = link_line(inp, th);
    para(&mut out, &link, style);
    let clock = match st.own_skew_ms {
        Some(ms) => clock_words(ms, lang).0,
        None => ST::NotMeasured.get(lang).to_string(),
    };
    let position = st.position;
    para(
        &mut out,
        &SL::Position { position, clock }.text(lang),
        th.base,
    );

    let (mut here, others): (Vec<&SeatSync>, Vec<&SeatSync>) =
        st.seats.iter().partition(|s| s.local);
    // This desk's seat is listed before it has recorded anything (the sync knows only
    // seats with events).
    let fresh;
    if let Some(seat) = inp.seat.filter(|&s| st.seat(s).is_none()) {
        let mut blank = SyncState::default();
        blank.seat_mut(seat).local = true;
        fresh = blank;
        here.extend(fresh.seat(seat));
    }
    let rows: Vec<Vec<Cell>> = here.iter().map(|s| local_row(inp, s, th)).collect();
    let heads = [
        ST::ColSeat,
        ST::ColVenue,
        ST::ColLink,
        ST::ColLastEvent,
        ST::ColWaiting,
    ];
    let heading = ST::Here.get(lang).to_string();
    section(
        &mut out,
        (heading, ST::NoneHere),
        &heads,
        rows,
        width,
        th,
        lang,
    );
    let rows: Vec<Vec<Cell>> = others.iter().map(|s| other_row(inp, s, th)).collect();
    let heads = [
        ST::ColSeat,
        ST::ColVenue,
        ST::ColHeard,
        ST::ColLastEvent,
        ST::ColClock,
    ];
    let heading = SL::Others { n: others.len() }.text(lang);
    section(
        &mut out,
        (heading, ST::NoneElse),
        &heads,
        rows,
        width,
        th,
        lang,
    );
    out
}

/// A blank line, a heading, and the seats' table (or `none` when there are none).
fn section(
    out: &mut Vec<Line<'static>>,
    (heading, none): (String, ST),
    heads: &[ST],
    rows: Vec<Vec<Cell>>,
    width: usize,
    th: &Theme,
    lang: Lang,
) {
    out.push(Line::raw(""));
    out.push(Line::styled(heading, th.header));
    if rows.is_empty() {
        for l in wrap(none.get(lang), width) {
            out.push(Line::styled(l, th.dim));
        }
    } else {
        table(out, heads, rows, width, th, lang);
    }
}

/// Text from outside (a seat's name, the server's address and error, a venue) made
/// harmless for the screen.
fn clean(s: &str) -> String {
    crate::sanitize::screen(s).into_owned()
}

/// This desk's link: online or offline (or refused) since when, and why.
fn link_line(inp: &Input, th: &Theme) -> (String, Style) {
    let (st, lang) = (inp.state, inp.lang);
    let Some(since) = st.since else {
        return (ST::NotYet.get(lang).to_string(), th.warn);
    };
    let time = text::clock(since, inp.tz);
    let long = hms((inp.now - since).num_seconds());
    let why = st
        .error
        .as_ref()
        .map(|e| e.message(lang))
        .unwrap_or_default();
    let (line, style) = match &st.error {
        _ if st.online => (SL::OnlineSince { time, long }, th.ok),
        Some(e) if !e.is_transient() => (SL::RefusedSince { time, why }, th.error),
        _ => (SL::OfflineSince { time, long, why }, th.error),
    };
    (line.text(lang), style)
}

/// A cell and its style.
type Cell = (String, Style);

/// "#12 14:03:22": the seat's newest event, by the server's word or the fold's.
fn last_event(inp: &Input, s: &SeatSync) -> String {
    let f = inp.folded.get(&s.seat);
    let seq = s.on_server.max(f.map_or(0, |f| f.last_seq));
    let at = s.last_at.max(f.and_then(|f| f.last_at));
    match (seq, at) {
        (0, None) => ST::Unknown.get(inp.lang).to_string(),
        (seq, Some(at)) => format!("#{seq} {}", text::clock(at, inp.tz)),
        (seq, None) => format!("#{seq}"),
    }
}

fn venue(inp: &Input, s: &SeatSync) -> String {
    inp.folded
        .get(&s.seat)
        .and_then(|f| f.venue.as_deref())
        .map_or_else(|| ST::Unknown.get(inp.lang).to_string(), clean)
}

fn local_row(inp: &Input, s: &SeatSync, th: &Theme) -> Vec<Cell> {
    let (st, lang) = (inp.state, inp.lang);
    let link = match (s.clash, &st.error) {
        (Some(seq), _) => (SL::Clash { seq }.text(lang), th.error),
        _ if st.online => (ST::Online.get(lang).to_string(), th.ok),
        (None, Some(e)) if !e.is_transient() => (ST::Refused.get(lang).to_string(), th.error),
        _ => {
            let long = st
                .since
                .map(|t| hms((inp.now - t).num_seconds()))
                .unwrap_or_default();
            (SL::Offline { long }.text(lang), th.error)
        }
    };
    let waiting = if s.pending > 0 { th.warn } else { th.base };
    vec![
        (clean(&s.seat), th.base),
        (venue(inp, s), th.base),
        link,
        (last_event(inp, s), th.base),
        (s.pending.to_string(), waiting),
    ]
}

fn other_row(inp: &Input, s: &SeatSync, th: &Theme) -> Vec<Cell> {
    let lang = inp.lang;
    // The server's clock in this computer's terms: this computer's skew added.
    let own = chrono::Duration::milliseconds(inp.state.own_skew_ms.unwrap_or(0));
    let heard = match s.last_received {
        Some(at) => {
            let long = hms((inp.now - (at + own)).num_seconds());
            SL::Ago { long }.text(lang)
        }
        None => ST::Unknown.get(lang).to_string(),
    };
    let clock = match s.skew_ms {
        Some(ms) => {
            let (words, far) = clock_words(ms, lang);
            (words, if far { th.warn } else { th.base })
        }
        None => (ST::Unknown.get(lang).to_string(), th.base),
    };
    vec![
        (clean(&s.seat), th.base),
        (venue(inp, s), th.base),
        (heard, th.base),
        (last_event(inp, s), th.base),
        clock,
    ]
}

/// A clock against the server's in words, and whether it is far off ([`SKEW_SHOWN`]).
fn clock_words(ms: i64, lang: Lang) -> (String, bool) {
    if ms.abs() <= SKEW_SHOWN {
        return (ST::ClockOk.get(lang).to_string(), false);
    }
    let long = hms(ms.abs() / 1000);
    let words = if ms > 0 {
        SL::Ahead { long }.text(lang)
    } else {
        SL::Behind { long }.text(lang)
    };
    (words, true)
}

/// The gap between two columns.
const GAP: usize = 2;
/// The narrowest a seat's or venue's column is cut to before the venue column goes.
const MIN_NAME: usize = 8;

/// Rows under their column heads, each column as wide as its widest cell; the seat and
/// venue columns are cut to make room, then the venue column left out; on a screen
/// narrower still, each seat takes a line of its name and a line of its values, named.
fn table(
    out: &mut Vec<Line<'static>>,
    heads: &[ST],
    rows: Vec<Vec<Cell>>,
    width: usize,
    th: &Theme,
    lang: Lang,
) {
    let heads: Vec<String> = heads.iter().map(|h| h.get(lang).to_string()).collect();
    let mut widths: Vec<usize> = heads.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, (c, _)) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let total = |ws: &[usize], cols: &[usize]| {
        cols.iter().map(|&i| ws[i]).sum::<usize>() + GAP * cols.len().saturating_sub(1)
    };
    let mut cols: Vec<usize> = (0..heads.len()).collect();
    // Cut the names (seat 0, venue 1), the longer first, then leave the venue out.
    while total(&widths, &cols) > width {
        let (i, w) = if widths[0] >= widths[1] || !cols.contains(&1) {
            (0, widths[0])
        } else {
            (1, widths[1])
        };
        if w > MIN_NAME {
            widths[i] = w
                .saturating_sub(total(&widths, &cols) - width)
                .max(MIN_NAME);
        } else if cols.contains(&1) {
            cols.retain(|&c| c != 1);
        } else {
            break;
        }
    }
    if total(&widths, &cols) > width {
        stacked(out, &heads, rows, width, th, lang);
        return;
    }
    let line = |cells: Vec<Cell>| {
        let mut spans = Vec::new();
        for (k, &i) in cols.iter().enumerate() {
            let (text, style) = &cells[i];
            let last = k + 1 == cols.len();
            let text = if last {
                super::fit::truncate(text, widths[i])
            } else {
                pad(text, widths[i] + GAP)
            };
            spans.push(Span::styled(text, *style));
        }
        Line::from(spans)
    };
    out.push(line(heads.iter().map(|h| (h.clone(), th.dim)).collect()));
    for row in rows {
        out.push(line(row));
    }
}

/// The narrow form of [`table`]: per seat its name, then its values with their names, one
/// a line.
fn stacked(
    out: &mut Vec<Line<'static>>,
    heads: &[String],
    rows: Vec<Vec<Cell>>,
    width: usize,
    th: &Theme,
    lang: Lang,
) {
    for row in rows {
        let mut cells = row.into_iter().zip(heads);
        let Some(((seat, _), _)) = cells.next() else {
            continue;
        };
        for l in wrap(&seat, width) {
            out.push(Line::styled(l, th.title));
        }
        for ((value, style), label) in cells {
            let label = label.clone();
            let named = SL::Labelled { label, value }.text(lang);
            for l in wrap(&named, width.saturating_sub(2)) {
                out.push(Line::styled(format!("  {l}"), style));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::MONO;

    #[test]
    fn a_table_too_wide_for_the_screen_names_each_value_under_its_seat() {
        let row = |seat: &str| -> Vec<Cell> {
            [
                "north-branch-desk",
                "耀州区分会场",
                "0:05 ago",
                "#12 14:03:22",
                "3:05 ahead",
            ]
            .iter()
            .enumerate()
            .map(|(i, v)| {
                (
                    if i == 0 {
                        seat.to_string()
                    } else {
                        v.to_string()
                    },
                    MONO.base,
                )
            })
            .collect()
        };
        let heads = [
            ST::ColSeat,
            ST::ColVenue,
            ST::ColHeard,
            ST::ColLastEvent,
            ST::ColClock,
        ];
        let text =
            |lines: &[Line]| -> Vec<String> { lines.iter().map(|l| l.to_string()).collect() };
        let mut wide = Vec::new();
        table(&mut wide, &heads, vec![row("north")], 78, &MONO, Lang::En);
        assert_eq!(
            text(&wide),
            [
                "seat   venue         last heard  last event    clock",
                "north  耀州区分会场  0:05 ago    #12 14:03:22  3:05 ahead"
            ]
        );
        let mut narrow = Vec::new();
        table(&mut narrow, &heads, vec![row("north")], 30, &MONO, Lang::Zh);
        assert_eq!(
            text(&narrow),
            [
                "north",
                "  会场：耀州区分会场",
                "  最近收到：0:05 ago",
                "  最近记录：#12 14:03:22",
                "  时钟：3:05 ahead"
            ]
        );
        for l in wide.iter().chain(&narrow) {
            assert!(l.width() <= 78);
        }
    }
}
