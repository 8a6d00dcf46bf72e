//! Anomalies: what the fold found that a person should look at, because several seats
//! recorded one meeting. None is resolved silently: the fold applies its rule (written in
//! docs/seats.md) and lists the case here, with who, which seats, when, and what to do.

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

use crate::i18n::Lang;

/// Which kind of item an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    Note,
    Action,
    WalkIn,
}

/// One seat's event in an anomaly: which seat, and when (its clock).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatAt {
    pub seat: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Anomaly {
    /// One person signed in at two seats (or two venues): counted once, at the first.
    DoubleSignIn {
        participant: String,
        name: String,
        sign_ins: Vec<SeatAt>,
    },
    /// Two seats changed one person's attendance without seeing each other's change: the
    /// later in fold order decided.
    ConcurrentChanges {
        participant: String,
        name: String,
        changes: Vec<SeatAt>,
        /// The seat whose change decided.
        decided_by: String,
    },
    /// Agenda or timer events from a seat other than the one that drove the agenda first.
    AgendaFromSecondSeat {
        owner: String,
        seat: String,
        events: usize,
        first_at: DateTime<Utc>,
    },
    /// An id two seats both gave out: both kept, the later one renamed.
    IdGivenTwice {
        what: IdKind,
        id: String,
        seats: Vec<String>,
        /// The ids they go by now, in the same order.
        now: Vec<String>,
    },
    /// A seat's clock ran behind what it had already seen from other seats.
    ClockBehind { seat: String, seconds: i64 },
    /// A seat's events claim a time in the future.
    ClockAhead {
        seat: String,
        seconds: i64,
        latest_at: DateTime<Utc>,
    },
    /// A seat's sequence numbers have holes: some of its events have not arrived.
    MissingEvents {
        seat: String,
        missing: Vec<(u64, u64)>,
    },
    /// Two different events with one seat and sequence number (two machines on one seat
    /// name): the second was not folded.
    SeatClash { seat: String, seq: u64 },
    /// Events from a newer huiwu: kept, not understood.
    NewerEvents {
        seat: String,
        types: Vec<(String, usize)>,
    },
    /// Events about people, items, notes or actions the meeting does not have (an agenda
    /// changed since), or not yet (an undo or edit whose event has not arrived).
    Orphans { events: usize },
}

/// How far a clock may be off before it is an anomaly: laptop clocks a minute apart
/// change nothing a secretary sees.
pub const CLOCK_TOLERANCE_SECS: i64 = 120;

fn times(v: &[SeatAt], tz: FixedOffset) -> String {
    v.iter()
        .map(|s| format!("{} {}", s.seat, s.at.with_timezone(&tz).format("%H:%M:%S")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Sequence numbers as people read them: `#3, #5-9`.
pub fn seq_ranges(v: &[(u64, u64)], separator: &str) -> String {
    v.iter()
        .map(|&(a, b)| {
            if a == b {
                format!("#{a}")
            } else {
                format!("#{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(separator)
}

fn minutes_or_seconds(secs: i64, lang: Lang) -> String {
    match (secs >= 120, lang) {
        (true, Lang::En) => format!("{} min", secs / 60),
        (true, Lang::Zh) => format!("{} 分钟", secs / 60),
        (false, Lang::En) => format!("{secs} s"),
        (false, Lang::Zh) => format!("{secs} 秒"),
    }
}

impl Anomaly {
    /// What happened, in a line: who, which seats, when.
    pub fn message(&self, lang: Lang, tz: FixedOffset) -> String {
        use Anomaly::*;
        match (self, lang) {
            (
                DoubleSignIn {
                    participant,
                    name,
                    sign_ins,
                },
                Lang::En,
            ) => format!(
                "{name} ({participant}) signed in at {} seats: {}; counted once",
                sign_ins.len(),
                times(sign_ins, tz)
            ),
            (
                DoubleSignIn {
                    participant,
                    name,
                    sign_ins,
                },
                Lang::Zh,
            ) => format!(
                "{name}（{participant}）在 {} 个席位签到：{}；只计一次",
                sign_ins.len(),
                times(sign_ins, tz)
            ),
            (
                ConcurrentChanges {
                    participant,
                    name,
                    changes,
                    decided_by,
                },
                Lang::En,
            ) => format!(
                "{name} ({participant}) was changed at {} seats without either seeing the other: {}; the change from {decided_by} decided",
                changes.len(),
                times(changes, tz)
            ),
            (
                ConcurrentChanges {
                    participant,
                    name,
                    changes,
                    decided_by,
                },
                Lang::Zh,
            ) => format!(
                "{name}（{participant}）的状态在 {} 个席位被同时修改：{}；以 {decided_by} 的修改为准",
                changes.len(),
                times(changes, tz)
            ),
            (
                AgendaFromSecondSeat {
                    owner,
                    seat,
                    events,
                    first_at,
                },
                Lang::En,
            ) => format!(
                "{events} agenda or timer event{} from seat {seat} (first at {}), while {owner} drives the agenda; they were applied in order",
                if *events == 1 { "" } else { "s" },
                first_at.with_timezone(&tz).format("%H:%M:%S")
            ),
            (
                AgendaFromSecondSeat {
                    owner,
                    seat,
                    events,
                    first_at,
                },
                Lang::Zh,
            ) => format!(
                "席位 {seat} 有 {events} 条议程或计时操作（首条 {}），而议程由 {owner} 主持；已按时间顺序计入",
                first_at.with_timezone(&tz).format("%H:%M:%S")
            ),
            (
                IdGivenTwice {
                    what,
                    id,
                    seats,
                    now,
                },
                Lang::En,
            ) => format!(
                "the {} id {id} was given out at {}; both are kept, now {}",
                match what {
                    IdKind::Note => "note",
                    IdKind::Action => "action",
                    IdKind::WalkIn => "walk-in",
                },
                seats.join(" and "),
                now.join(" and ")
            ),
            (
                IdGivenTwice {
                    what,
                    id,
                    seats,
                    now,
                },
                Lang::Zh,
            ) => format!(
                "{}编号 {id} 在 {} 各用了一次；两条都保留，现为 {}",
                match what {
                    IdKind::Note => "记录",
                    IdKind::Action => "任务",
                    IdKind::WalkIn => "临时增补人员",
                },
                seats.join("、"),
                now.join("、")
            ),
            (ClockBehind { seat, seconds }, Lang::En) => format!(
                "seat {seat}'s clock was {} behind events it had already received",
                minutes_or_seconds(*seconds, lang)
            ),
            (ClockBehind { seat, seconds }, Lang::Zh) => format!(
                "席位 {seat} 的时钟比它已收到的记录慢 {}",
                minutes_or_seconds(*seconds, lang)
            ),
            (
                ClockAhead {
                    seat,
                    seconds,
                    latest_at,
                },
                Lang::En,
            ) => format!(
                "seat {seat}'s events claim to be from the future ({}, {} ahead of this computer)",
                latest_at.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S"),
                minutes_or_seconds(*seconds, lang)
            ),
            (
                ClockAhead {
                    seat,
                    seconds,
                    latest_at,
                },
                Lang::Zh,
            ) => format!(
                "席位 {seat} 的记录时间在未来（{}，比本机快 {}）",
                latest_at.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S"),
                minutes_or_seconds(*seconds, lang)
            ),
            (MissingEvents { seat, missing }, Lang::En) => {
                format!(
                    "events {} of seat {seat} are missing",
                    seq_ranges(missing, ", ")
                )
            }
            (MissingEvents { seat, missing }, Lang::Zh) => {
                format!("缺少席位 {seat} 的记录 {}", seq_ranges(missing, "、"))
            }
            (SeatClash { seat, seq }, Lang::En) => format!(
                "two different events are numbered {seat} #{seq}: two machines used the seat name {seat}; the second was left out"
            ),
            (SeatClash { seat, seq }, Lang::Zh) => format!(
                "席位 {seat} 的第 {seq} 条有两条不同的记录：两台机器用了同一个席位名；后一条未计入"
            ),
            (NewerEvents { seat, types }, Lang::En) => {
                let n: usize = types.iter().map(|t| t.1).sum();
                format!(
                    "{n} event{} from a newer huiwu at seat {seat} ({}): kept, not understood",
                    if n == 1 { "" } else { "s" },
                    types
                        .iter()
                        .map(|t| t.0.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
            (NewerEvents { seat, types }, Lang::Zh) => {
                let n: usize = types.iter().map(|t| t.1).sum();
                format!(
                    "席位 {seat} 有 {n} 条来自较新版本 huiwu 的记录（{}）：已保留，本版本无法解读",
                    types
                        .iter()
                        .map(|t| t.0.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                )
            }
            (Orphans { events }, Lang::En) => format!(
                "{events} event{} name{} people, items, notes or actions this meeting does not have (yet)",
                if *events == 1 { "" } else { "s" },
                if *events == 1 { "s" } else { "" }
            ),
            (Orphans { events }, Lang::Zh) => {
                format!("{events} 条记录涉及本会议（尚）没有的人员、议程、记录或任务")
            }
        }
    }

    /// What the secretary can do about it.
    pub fn advice(&self, lang: Lang) -> &'static str {
        use Anomaly::*;
        match self {
            DoubleSignIn { .. } => lang.pick(
                "check which venue the person is really at; if one sign-in was a mistake, undo it at its seat",
                "核实此人实际所在会场；如有一次签到有误，请在该席位撤销",
            ),
            ConcurrentChanges { .. } => lang.pick(
                "check the person's status with both seats and record a correction if it is wrong",
                "请与两个席位核实此人状态，如有误请更正",
            ),
            AgendaFromSecondSeat { .. } => lang.pick(
                "drive the agenda from one seat only; check the item times in the minutes",
                "请只在一个席位操作议程；核对纪要中的议程时间",
            ),
            IdGivenTwice { .. } => lang.pick(
                "use the new ids shown; edit or delete the one that is not wanted",
                "请使用新的编号；多余的一条可以修改或删除",
            ),
            ClockBehind { .. } | ClockAhead { .. } => lang.pick(
                "set that computer's clock right (automatic time); times it recorded may be off by this much",
                "请校准该电脑的时钟（自动设置时间）；它记录的时间可能有同样的偏差",
            ),
            MissingEvents { .. } => lang.pick(
                "merge that seat's journal again from its computer (huiwu merge)",
                "请从该席位的电脑重新合并其记录文件（huiwu merge）",
            ),
            SeatClash { .. } => lang.pick(
                "give each computer its own --seat name; merge the refused journal only after renaming its seat on that computer",
                "请为每台电脑设置不同的 --seat 席位名",
            ),
            NewerEvents { .. } => lang.pick(
                "upgrade huiwu on this computer to see them",
                "请升级本机的 huiwu 以查看这些记录",
            ),
            Orphans { .. } => lang.pick(
                "merge the other seats' journals; if the agenda was changed, check that nobody was removed by mistake",
                "请合并其他席位的记录文件；如议程有改动，请核实没有误删人员或议程",
            ),
        }
    }
}
