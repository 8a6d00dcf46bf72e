//! Phrases that are not arithmetic on the calendar: the agenda's named dates, phrases that
//! name no date (`尽快`, `asap`), and events of a calendar the agenda may not have dated
//! (`开学前`, `before winter break`).

use chrono::NaiveDate;

use super::{Context, Ctx, en, is_cjk, normalize, zh};

/// Phrases that name no date: kept as said, never overdue.
const ZH_DATELESS: &[&str] = &[
    "尽快",
    "尽早",
    "尽速",
    "从速",
    "抓紧",
    "立即",
    "立刻",
    "马上",
    "即刻",
    "即时",
    "及时",
    "随时",
    "第一时间",
    "按要求",
    "按时",
    "按期",
    "按规定",
    "按计划",
    "按进度",
    "长期",
    "长期坚持",
    "坚持",
    "持续",
    "持续推进",
    "持续开展",
    "常态化",
    "长效",
    "经常",
    "定期",
    "待定",
    "另行通知",
    "另定",
    "视情况",
    "适时",
    "限期",
];

const EN_DATELESS: &[&str] = &[
    "asap",
    "a.s.a.p",
    "as soon as possible",
    "soon",
    "immediately",
    "right away",
    "at once",
    "urgent",
    "urgently",
    "ongoing",
    "on going",
    "on-going",
    "continuous",
    "continuing",
    "regularly",
    "tbd",
    "tba",
    "tbc",
    "to be decided",
    "to be determined",
    "to be agreed",
    "to be confirmed",
    "as required",
    "as needed",
    "when possible",
];

/// Events of a school's, a farm's or an office's own calendar: a date only the agenda can
/// give (`meeting.dates`). Without it, a phrase naming one is kept with no date and a hint.
const ZH_EVENTS: &[&str] = &[
    "开学",
    "开学典礼",
    "新学期",
    "寒假",
    "暑假",
    "放假",
    "放寒假",
    "放暑假",
    "假期",
    "期中",
    "期末",
    "期中考试",
    "期末考试",
    "学期末",
    "学期结束",
    "考试",
    "中考",
    "高考",
    "毕业",
    "汛",
    "汛期",
    "主汛期",
    "入汛",
    "供暖",
    "采暖季",
    "春耕",
    "秋收",
    "麦收",
    "三夏",
    "两会",
    "换届",
    "验收",
    "检查",
    "督查",
    "下次会议",
];

const EN_EVENTS: &[&str] = &[
    "term",
    "term starts",
    "start of term",
    "end of term",
    "semester",
    "end of semester",
    "school starts",
    "winter break",
    "spring break",
    "summer break",
    "break",
    "holidays",
    "graduation",
    "exams",
    "finals",
    "next meeting",
    "board meeting",
    "next board meeting",
    "audit",
    "inspection",
];

/// A phrase's core: the deadline words around it taken off, and whether it said "before".
fn core(norm: &str) -> (String, bool) {
    if norm.chars().any(is_cjk) {
        // `before 开学`, `by 开学`: English words around a Chinese name.
        let (norm, before_en) = en::strip_frame(norm);
        let (core, before) = zh::strip_frame(&norm);
        let before = before || before_en;
        let core = ["当天", "当日"]
            .iter()
            .find_map(|w| core.strip_suffix(w).filter(|c| !c.is_empty()))
            .map(str::to_string)
            .unwrap_or(core);
        (core, before)
    } else {
        en::strip_frame(norm)
    }
}

/// The agenda's named dates: `开学` / `开学当天` is that day, `开学前` and `before X` the last
/// working day before it; `by X` is X.
pub(super) fn named(
    norm: &str,
    ctx: &Context,
    r: &Ctx,
) -> Option<Result<NaiveDate, super::DueError>> {
    if ctx.named.is_empty() {
        return None;
    }
    let (core, before) = core(norm);
    let compact = |s: &str| -> String {
        let n = normalize(s);
        if n.chars().any(is_cjk) {
            n.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            n
        }
    };
    let (_, date) = ctx.named.iter().find(|(name, _)| compact(name) == core)?;
    Some(if before {
        r.working_day_before(*date)
    } else {
        Ok(*date)
    })
}

/// `尽快`, `立即整改`, `长期坚持`, `asap`, `ongoing`, `TBD`.
pub(super) fn is_dateless(norm: &str) -> bool {
    let (core, _) = core(norm);
    let core = core.trim_end_matches(['.', '!']);
    ZH_DATELESS.contains(&core) || EN_DATELESS.contains(&core)
}

/// `开学前`, `寒假前`, `放假后`, `before winter break`: the event's name, when the phrase
/// names one the agenda has not dated.
pub(super) fn unknown_event(norm: &str) -> Option<String> {
    let (core, _) = core(norm);
    let core = ["之后", "以后", "后", "结束"]
        .iter()
        .find_map(|w| core.strip_suffix(w).filter(|c| !c.is_empty()))
        .unwrap_or(&core);
    let core = core.strip_prefix("the ").unwrap_or(core);
    (ZH_EVENTS.contains(&core) || EN_EVENTS.contains(&core)).then(|| core.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateless_phrases_survive_their_frame() {
        for p in [
            "尽快",
            "尽快完成",
            "立即整改",
            "长期坚持",
            "持续推进",
            "按要求完成",
            "asap",
            "ASAP",
            "ongoing",
            "tbd",
        ] {
            assert!(is_dateless(&normalize(p)), "{p}");
        }
        assert!(!is_dateless("6月底前"));
    }

    #[test]
    fn calendar_events_are_named() {
        assert_eq!(unknown_event("开学前").as_deref(), Some("开学"));
        assert_eq!(unknown_event("寒假前完成").as_deref(), Some("寒假"));
        assert_eq!(unknown_event("放假前").as_deref(), Some("放假"));
        assert_eq!(
            unknown_event("before winter break").as_deref(),
            Some("winter break")
        );
        assert_eq!(unknown_event("下周五"), None);
    }
}
