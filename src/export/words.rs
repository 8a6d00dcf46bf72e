//! Every fixed word the exports print, in both languages. One struct with a constant per
//! language: a field missing in one language does not compile.

use crate::i18n::Lang;

pub struct Words {
    pub lang: Lang,
    pub minutes_title_prefix: &'static str,
    pub minutes_suffix: &'static str,
    pub colon: &'static str,
    pub list_sep: &'static str,
    pub group_sep: &'static str,
    pub open_paren: &'static str,
    pub close_paren: &'static str,
    pub none: &'static str,

    pub time: &'static str,
    pub organizer: &'static str,
    pub chair: &'static str,
    pub recorder: &'static str,
    pub main_venue: &'static str,
    pub branch_venue: &'static str,

    pub present_line: &'static str,
    pub excused_line: &'static str,
    pub observers_line: &'static str,
    pub absent_line: &'static str,
    pub late_mark: &'static str,
    pub left_mark: &'static str,
    /// The mark of a stand-in: `代杨帆，杨帆出差北京`.
    pub standing_in_for: fn(&str, &str) -> String,
    pub people: &'static str,
    pub headcount_mark: &'static str,
    pub not_reported: &'static str,

    pub venue: &'static str,
    pub venue_kind: &'static str,
    pub expected: &'static str,
    pub present: &'static str,
    pub excused: &'static str,
    pub absent: &'static str,
    pub late: &'static str,
    pub stand_in: &'static str,
    pub left_early: &'static str,
    pub observers: &'static str,
    pub total: &'static str,
    pub attendance_rate: &'static str,
    pub link: &'static str,
    pub link_ok: &'static str,
    pub link_failing: &'static str,
    pub link_unknown: &'static str,
    pub video: &'static str,
    pub audio: &'static str,

    pub number: &'static str,
    pub item: &'static str,
    pub speaker: &'static str,
    pub planned: &'static str,
    pub overrun: &'static str,
    pub minutes_unit: &'static str,

    pub notes_other: &'static str,
    pub decisions_heading: &'static str,

    pub action_id: &'static str,
    pub task: &'static str,
    pub owner: &'static str,
    pub assigned_by: &'static str,
    pub due: &'static str,
    pub status: &'static str,
    pub from_item: &'static str,
    pub action_open: &'static str,
    pub action_done: &'static str,
    pub action_overdue: &'static str,

    pub sign_off: &'static str,

    // Sign-in sheet.
    // The minutes as filed.
    /// Between the parts of a bracketed title: `副县长，分管教育`.
    pub inner_sep: &'static str,
    /// `单位职务` (Chinese) rather than `title, unit`.
    pub unit_first: bool,
    /// `局长王晓红` (Chinese) rather than `Wang Xiaohong, Director,`.
    pub title_before_name: bool,
    pub full_stop: &'static str,
    /// Between 一是… and 二是….
    pub point_sep: &'static str,
    /// Between units in 主送 and 抄送.
    pub imprint_sep: &'static str,
    pub to_label: &'static str,
    pub cc_label: &'static str,
    /// After the date: `2017年5月5日印发`.
    pub printed_suffix: &'static str,
    pub not_closed: &'static str,
    /// `经清点，应到39人，实到34人。`
    pub headcount: fn(u32, u32) -> String,
    /// `幼儿园园长91人`
    pub group_count: fn(&str, u32) -> String,
    /// `应到95人`
    pub figure: fn(&str, u32) -> String,
    /// Between counted groups and between figures.
    pub count_sep: &'static str,
    pub roll_call: &'static str,
    pub staff_line: &'static str,
    pub media_line: &'static str,
    pub attachment_label: &'static str,
    pub attachment_title: &'static str,
    pub tasks_heading: &'static str,
    pub task_lead: &'static str,
    pub task_others: &'static str,
    pub signature: &'static str,
    pub remark_media: &'static str,

    pub sign_in_sheet: &'static str,
    pub seq: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub title: &'static str,
    pub sign_in_time: &'static str,
    pub remark: &'static str,
    pub phone: &'static str,
    pub absent_status: &'static str,
    pub remark_excused: &'static str,
    pub remark_stand_in: &'static str,
    pub remark_walk_in: &'static str,
    pub remark_left: &'static str,
    pub remark_observer: &'static str,
    pub remark_staff: &'static str,
    pub summary_sheet: &'static str,
    pub actions_sheet: &'static str,
    pub headcount_venue_note: &'static str,
    pub meeting: &'static str,
    pub date: &'static str,
}

pub const ZH: Words = Words {
    lang: Lang::Zh,
    minutes_title_prefix: "",
    minutes_suffix: "会议纪要",
    colon: "：",
    list_sep: "、",
    group_sep: "；",
    open_paren: "（",
    close_paren: "）",
    none: "无",

    time: "时间",
    organizer: "主办单位",
    chair: "主持人",
    recorder: "记录人",
    main_venue: "主会场",
    branch_venue: "分会场",

    present_line: "出席",
    excused_line: "请假",
    observers_line: "列席",
    absent_line: "缺席",
    late_mark: "迟到",
    left_mark: "早退",
    standing_in_for: zh_standing_in_for,
    people: "人",
    headcount_mark: "按人数报到",
    not_reported: "未报到",

    venue: "会场",
    venue_kind: "类型",
    expected: "应到",
    present: "实到",
    excused: "请假",
    absent: "缺席",
    late: "迟到",
    stand_in: "代会",
    left_early: "早退",
    observers: "列席",
    total: "合计",
    attendance_rate: "出席率",
    link: "音视频",
    link_ok: "正常",
    link_failing: "故障",
    link_unknown: "未检查",
    video: "视频",
    audio: "音频",

    number: "序号",
    item: "议题",
    speaker: "发言人",
    planned: "计划时间",
    overrun: "超时",
    minutes_unit: "分钟",

    notes_other: "其他事项",
    decisions_heading: "会议议定事项",

    action_id: "编号",
    task: "任务",
    owner: "责任单位/责任人",
    assigned_by: "交办人",
    due: "完成时限",
    status: "状态",
    from_item: "来源议题",
    action_open: "未完成",
    action_done: "已完成",
    action_overdue: "已逾期",

    sign_off: "主持人（签字）：",

    inner_sep: "，",
    unit_first: true,
    title_before_name: true,
    full_stop: "。",
    point_sep: "；",
    imprint_sep: "，",
    to_label: "主送",
    cc_label: "抄送",
    printed_suffix: "印发",
    not_closed: "会议尚未结束",
    headcount: zh_headcount,
    group_count: zh_group_count,
    figure: zh_figure,
    count_sep: "，",
    roll_call: "点名",
    staff_line: "工作人员",
    media_line: "媒体",
    attachment_label: "附件",
    attachment_title: "签到名单",
    tasks_heading: "任务分工",
    task_lead: "牵头单位",
    task_others: "责任单位",
    signature: "签名",
    remark_media: "媒体",

    sign_in_sheet: "签到表",
    seq: "序号",
    name: "姓名",
    unit: "单位",
    title: "职务",
    sign_in_time: "签到时间",
    remark: "备注",
    phone: "联系电话",
    absent_status: "缺席",
    remark_excused: "请假",
    remark_stand_in: "代会人",
    remark_walk_in: "现场登记",
    remark_left: "早退于",
    remark_observer: "列席人员",
    remark_staff: "会务人员",
    summary_sheet: "汇总",
    actions_sheet: "任务清单",
    headcount_venue_note: "按人数报到",
    meeting: "会议",
    date: "日期",
};

pub const EN: Words = Words {
    lang: Lang::En,
    minutes_title_prefix: "Minutes of ",
    minutes_suffix: "",
    colon: ": ",
    list_sep: ", ",
    group_sep: "; ",
    open_paren: " (",
    close_paren: ")",
    none: "none",

    time: "Time",
    organizer: "Organizer",
    chair: "Chair",
    recorder: "Recorder",
    main_venue: "main venue",
    branch_venue: "branch venue",

    present_line: "Present",
    excused_line: "Excused",
    observers_line: "In attendance",
    absent_line: "Absent",
    late_mark: "late",
    left_mark: "left early",
    standing_in_for: en_standing_in_for,
    people: " people",
    headcount_mark: "headcount",
    not_reported: "not reported",

    venue: "Venue",
    venue_kind: "Kind",
    expected: "Expected",
    present: "Present",
    excused: "Excused",
    absent: "Absent",
    late: "Late",
    stand_in: "Stand-in",
    left_early: "Left early",
    observers: "Observers",
    total: "Total",
    attendance_rate: "Attendance",
    link: "Link",
    link_ok: "ok",
    link_failing: "failing",
    link_unknown: "not checked",
    video: "video",
    audio: "audio",

    number: "No.",
    item: "Item",
    speaker: "Speaker",
    planned: "Planned",
    overrun: "Overrun",
    minutes_unit: "min",

    notes_other: "Other business",
    decisions_heading: "Decisions",

    action_id: "ID",
    task: "Task",
    owner: "Owner",
    assigned_by: "Assigned by",
    due: "Due",
    status: "Status",
    from_item: "From item",
    action_open: "open",
    action_done: "done",
    action_overdue: "overdue",

    sign_off: "Chair (signature):",

    inner_sep: ", ",
    unit_first: false,
    title_before_name: false,
    full_stop: ".",
    point_sep: "; ",
    imprint_sep: ", ",
    to_label: "To",
    cc_label: "Copies to",
    printed_suffix: "",
    not_closed: "not closed yet",
    headcount: en_headcount,
    group_count: en_group_count,
    figure: en_figure,
    count_sep: ", ",
    roll_call: "Roll call",
    staff_line: "Staff",
    media_line: "Press",
    attachment_label: "Attachment",
    attachment_title: "Attendance list",
    tasks_heading: "Tasks",
    task_lead: "Lead",
    task_others: "Also responsible",
    signature: "Signature",
    remark_media: "press",

    sign_in_sheet: "Sign-in sheet",
    seq: "No.",
    name: "Name",
    unit: "Unit",
    title: "Title",
    sign_in_time: "Signed in",
    remark: "Remarks",
    phone: "Phone",
    absent_status: "absent",
    remark_excused: "excused",
    remark_stand_in: "stand-in",
    remark_walk_in: "walk-in",
    remark_left: "left at",
    remark_observer: "observer",
    remark_staff: "staff",
    summary_sheet: "Summary",
    actions_sheet: "Action items",
    headcount_venue_note: "Reports a headcount",
    meeting: "Meeting",
    date: "Date",
};

fn zh_standing_in_for(absentee: &str, reason: &str) -> String {
    if reason.is_empty() {
        format!("代{absentee}")
    } else {
        format!("代{absentee}，{absentee}{reason}")
    }
}

fn en_standing_in_for(absentee: &str, reason: &str) -> String {
    if reason.is_empty() {
        format!("for {absentee}")
    } else {
        format!("for {absentee}, excused: {reason}")
    }
}

fn zh_headcount(expected: u32, present: u32) -> String {
    format!("经清点，应到{expected}人，实到{present}人。")
}

fn en_headcount(expected: u32, present: u32) -> String {
    format!("Head count: {expected} expected, {present} present.")
}

fn zh_group_count(group: &str, n: u32) -> String {
    format!("{group}{n}人")
}

fn en_group_count(group: &str, n: u32) -> String {
    format!("{group}: {n}")
}

fn zh_figure(label: &str, n: u32) -> String {
    format!("{label}{n}人")
}

fn en_figure(label: &str, n: u32) -> String {
    let word = label.to_lowercase();
    // The other figures are adjectives (`1 late`); `observers` is a noun.
    if n == 1 && word == "observers" {
        return "1 observer".into();
    }
    format!("{n} {word}")
}

impl Words {
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}
