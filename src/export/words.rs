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
    pub place: &'static str,
    pub organizer: &'static str,
    pub chair: &'static str,
    pub recorder: &'static str,
    pub actual: &'static str,
    pub not_started: &'static str,
    pub in_progress: &'static str,
    pub main_venue: &'static str,
    pub branch_venue: &'static str,
    pub branch_venues_count: &'static str,
    pub and: &'static str,

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

    pub attendance_heading: &'static str,
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

    pub agenda_heading: &'static str,
    pub number: &'static str,
    pub item: &'static str,
    pub speaker: &'static str,
    pub planned: &'static str,
    pub actual_time: &'static str,
    pub used: &'static str,
    pub overrun: &'static str,
    pub minutes_unit: &'static str,
    pub item_pending: &'static str,
    pub item_running: &'static str,
    pub item_paused: &'static str,
    pub item_ended: &'static str,
    pub item_skipped: &'static str,

    pub notes_heading: &'static str,
    pub notes_other: &'static str,
    pub decisions_heading: &'static str,
    pub decisions_intro: &'static str,

    pub actions_heading: &'static str,
    pub actions_by_owner_heading: &'static str,
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
    pub unassigned: &'static str,

    pub sign_off: &'static str,
    pub generated: &'static str,

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
    pub chart_label: &'static str,
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
    place: "地点",
    organizer: "主办单位",
    chair: "主持人",
    recorder: "记录人",
    actual: "实际",
    not_started: "尚未开始",
    in_progress: "进行中",
    main_venue: "主会场",
    branch_venue: "分会场",
    branch_venues_count: "个分会场",
    and: "及",

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

    attendance_heading: "参会情况",
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

    agenda_heading: "会议议程",
    number: "序号",
    item: "议题",
    speaker: "发言人",
    planned: "计划时间",
    actual_time: "实际时间",
    used: "用时",
    overrun: "超时",
    minutes_unit: "分钟",
    item_pending: "未进行",
    item_running: "进行中",
    item_paused: "暂停",
    item_ended: "已结束",
    item_skipped: "已跳过",

    notes_heading: "会议记录",
    notes_other: "其他事项",
    decisions_heading: "会议议定事项",
    decisions_intro: "现将会议议定事项纪要如下：",

    actions_heading: "任务清单",
    actions_by_owner_heading: "任务清单（按责任人）",
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
    unassigned: "未指定",

    sign_off: "主持人（签字）：",
    generated: "本纪要由 huiwu 生成于",

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
    chart_label: "出席情况图",
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
    place: "Place",
    organizer: "Organizer",
    chair: "Chair",
    recorder: "Recorder",
    actual: "actual",
    not_started: "not started",
    in_progress: "in progress",
    main_venue: "main venue",
    branch_venue: "branch venue",
    branch_venues_count: " branch venues",
    and: " and ",

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

    attendance_heading: "Attendance",
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

    agenda_heading: "Agenda",
    number: "No.",
    item: "Item",
    speaker: "Speaker",
    planned: "Planned",
    actual_time: "Actual",
    used: "Took",
    overrun: "Overrun",
    minutes_unit: "min",
    item_pending: "not held",
    item_running: "running",
    item_paused: "paused",
    item_ended: "ended",
    item_skipped: "skipped",

    notes_heading: "Notes",
    notes_other: "Other business",
    decisions_heading: "Decisions",
    decisions_intro: "The meeting agreed as follows:",

    actions_heading: "Action items",
    actions_by_owner_heading: "Action items, by person",
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
    unassigned: "UNASSIGNED",

    sign_off: "Chair (signature):",
    generated: "Generated by huiwu at",

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
    chart_label: "Attendance chart",
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
    format!("{n} {}", label.to_lowercase())
}

impl Words {
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}
