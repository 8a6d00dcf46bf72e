//! Every string the desk shows, in both languages: fixed strings in [`T`], messages with
//! values in [`Say`] (both made by the `texts!` / `messages!` macros of [`crate::i18n`],
//! which check both languages while the crate compiles). What the CLI says too is in
//! [`crate::i18n::Said`].

use chrono::{DateTime, FixedOffset, Utc};

use super::keymap::{Action, Keymap, Scope};
use crate::core::command::Rejection;
use crate::i18n::{Lang, messages, texts};

texts! {
    /// The desk's fixed strings.
    pub enum T {
    // Views.
    ViewAttendance => "Attendance", "签到";
    ViewAgenda => "Agenda", "议程";
    ViewActions => "Actions", "任务";
    ViewMinutes => "Minutes", "纪要";
    ViewClock => "Clock", "计时";
    LangZh => "Chinese", "中文";
    LangEn => "English", "英文";
    ListSep => ", ", "、";
    Replaced => " (replaced)", "（已替换）";
    AndMore => ", ...", "等";
    ExportExistsTitle => "Replace existing files?", "替换已有文件？";
    ExportExistsAbout => "These files exist already:", "以下文件已存在：";
    ExportKept => "Nothing exported; the existing files are kept.", "未导出；原文件已保留。";
    Comma => ", ", "，";

    // Shell.
    HelpFooter => "Keys can be changed in keys.json in the config directory.",
        "按键可在配置目录的 keys.json 中修改。";
    HelpGlobal => "Everywhere", "全局";
    HelpModal => "In this window", "当前窗口";
    QuitTitle => "Quit?", "退出？";
    QuitUnsaved => "Something is half-typed and has not been recorded. Quit anyway?",
        "有尚未记录的输入。仍要退出吗？";
    QuitMeeting => "The meeting is in progress. Everything recorded is saved; quit the desk anyway?",
        "会议正在进行。已记录的内容都已保存；仍要退出吗？";
    Saved => "saved", "已保存";
    NotSaved => "NOT SAVED", "未保存";
    Events => "events", "条记录";
    Journal => "journal", "记录";
    Elapsed => "elapsed", "已进行";
    ReadOnly => "READ-ONLY", "只读";
    Following => "follows", "跟随";

    // Anomalies (Ctrl+X).
    AnomaliesNone => "No anomalies: every seat's record agrees.", "没有异常：各席位的记录一致。";
    AnomalyWhatToDo => "What to do: ", "处理：";
    AnomalyDoubleSignIn => "Signed in twice", "重复签到";
    AnomalyConcurrent => "Changed at two seats at once", "两个席位同时修改";
    AnomalyAgenda => "Agenda driven from a second seat", "第二个席位操作议程";
    AnomalyIdTwice => "One id given out twice", "编号重复";
    AnomalyClockBehind => "A seat's clock is behind", "席位时钟偏慢";
    AnomalyClockAhead => "A seat's clock is ahead", "席位时钟偏快";
    AnomalyMissing => "Events missing", "缺少记录";
    AnomalySeatClash => "Two computers on one seat name", "两台电脑使用同一席位名";
    AnomalyNewer => "Events from a newer huiwu", "较新版本的记录";
    AnomalyOrphans => "Events about nothing known", "无对应对象的记录";
    NotStarted => "not started", "未开始";

    // Actions (keymap descriptions).
    ActHelp => "show these keys", "显示按键说明";
    ActAnomalies => "anomalies: what the seats' records disagree on, and what to do", "异常：各席位记录的不一致之处及处理办法";
    ActQuit => "quit", "退出";
    ActNextView => "next view", "下一视图";
    ActPrevView => "previous view", "上一视图";
    ActGoAttendance => "attendance view", "签到视图";
    ActGoAgenda => "agenda view", "议程视图";
    ActGoActions => "actions view", "任务视图";
    ActGoMinutes => "minutes view", "纪要视图";
    ActSignIn => "sign in the person typed or scanned", "为输入或扫描的人员签到";
    ActLate => "late; on someone late: back to on time", "签到（迟到）；已记迟到者改为准时";
    ActExcuse => "excused, with a reason", "请假（填写事由）";
    ActStandIn => "stand-in attends instead", "代会（填写代会人）";
    ActLeftEarly => "left early", "早退";
    ActUndo => "undo my last attendance record", "撤销本机上一条签到记录";
    ActWalkIn => "walk-in not on the roster", "临时增加参会人员";
    ActRollCall => "roll call of branch venues", "分会场点名";
    ActReconcile => "sign-ins from a video platform's attendance export", "从视频会议平台的参会记录导入签到";
    ActUp => "move up", "上移";
    ActDown => "move down", "下移";
    ActPageUp => "page up", "上翻页";
    ActPageDown => "page down", "下翻页";
    ActNextVenue => "next venue", "下一会场";
    ActPrevVenue => "previous venue", "上一会场";
    ActFilter => "filter by status", "按状态筛选";
    ActSort => "sort by column", "切换排序";
    ActClear => "clear the search box", "清空搜索框";
    ActSubmit => "save", "保存";
    ActCancel => "cancel", "取消";
    ActNextField => "next field", "下一栏";
    ActPrevField => "previous field", "上一栏";
    ActToggle => "change the choice", "切换选项";
    ActYes => "yes", "是";
    ActNo => "no", "否";
    ActGoClock => "big clock for the video link", "计时大屏（投屏用）";
    ActAddAction => "add an action item (from any view)", "新增任务（任何视图）";
    ActStartItem => "start the selected item (edit the selected note)", "开始选中议程（或修改选中记录）";
    ActPauseResume => "pause or resume the running item", "暂停/继续当前议程";
    ActEndItem => "end the running item", "结束当前议程";
    ActNextItem => "next item", "下一项议程";
    ActPrevItem => "previous item", "上一项议程";
    ActSkipItem => "skip the selected item", "跳过选中议程";
    ActAddNote => "write a note on the selected item", "为选中议程写记录";
    ActAddDecision => "write a decision", "写议定事项";
    ActSwitchPane => "between the items and their notes", "在议程与记录间切换";
    ActToggleDecision => "mark the note a decision, or not", "标记/取消议定事项";
    ActDeleteNote => "delete the selected note", "删除选中记录";
    ActEditEntry => "edit the selected action item", "修改选中任务";
    ActToggleDone => "done / open again", "完成/重新打开";
    ActDeleteEntry => "delete an action item recorded by mistake", "删除误录的任务";
    ActCycleStatus => "show all, open or done", "显示全部/未完成/已完成";
    ActToggleOverdue => "overdue only", "仅显示逾期";
    ActTop => "go to the top", "到开头";
    ActBottom => "go to the end", "到末尾";
    ActExportMd => "export the minutes as Markdown", "导出会议纪要（Markdown）";
    ActExportHtml => "export the minutes as HTML (print to PDF)", "导出会议纪要（HTML，可打印为 PDF）";
    ActExportJson => "export the whole meeting as JSON", "导出全部会议数据（JSON）";
    ActExportCsv => "export the sign-in sheet as CSV", "导出签到表（CSV）";
    ActExportXlsx => "export sign-in sheets and action items as Excel", "导出签到表与任务清单（Excel）";
    ActExportAll => "export all six files", "导出全部六种文件";
    ActDocLang => "switch the document between Chinese and English", "切换文档语言（中文/英文）";
    ActBack => "close, back to where it was opened", "关闭并返回";
    ActOpenMeeting => "open the meeting", "宣布开会";
    ActCloseMeeting => "close the meeting; all timers stop", "宣布散会（结束当前议程，停止所有计时）";
    ActReopenMeeting => "reopen a closed meeting, to change its record", "重新开会（散会后需修改记录时）";
    ActUndoMeeting => "undo the last opening or closing", "撤销上一次宣布开会或散会";
    ActSignInAt => "sign in after the fact, with its time", "补签（填写实际到会时间）";
    ActExportDocx => "export the minutes as Word (.docx)", "导出会议纪要（Word，.docx）";

    // Short names for the key-hint bar.
    HintHelp => "help", "帮助";
    HintQuit => "quit", "退出";
    HintViews => "views", "视图";
    HintSignIn => "sign in", "签到";
    HintLate => "late", "迟到";
    HintExcuse => "excused", "请假";
    HintStandIn => "stand-in", "代会";
    HintLeftEarly => "left", "早退";
    HintUndo => "undo", "撤销";
    HintWalkIn => "walk-in", "临时";
    HintRollCall => "roll call", "点名";
    HintReconcile => "platform export", "平台记录";
    HintVenue => "venue", "会场";
    HintFilter => "filter", "筛选";
    HintSort => "sort", "排序";
    HintAddAction => "action", "任务";
    HintStartItem => "start", "开始";
    HintPauseResume => "pause", "暂停";
    HintEndItem => "end", "结束";
    HintNextItem => "next", "下一项";
    HintPrevItem => "prev", "上一项";
    HintSkipItem => "skip", "跳过";
    HintAddNote => "note", "记录";
    HintAddDecision => "decision", "议定";
    HintEditEntry => "edit", "修改";
    HintToggleDone => "done", "完成";
    HintDeleteEntry => "delete", "删除";
    HintCycleStatus => "status", "状态";
    HintToggleOverdue => "overdue", "逾期";
    HintExportMd => "md", "md";
    HintExportHtml => "html", "html";
    HintExportJson => "json", "json";
    HintExportCsv => "csv", "csv";
    HintExportXlsx => "xlsx", "xlsx";
    HintExportAll => "all", "全部导出";
    HintDocLang => "language", "语言";
    HintBack => "close", "关闭";
    HintScroll => "scroll", "滚动";
    HintPage => "page", "翻页";
    HintOpenMeeting => "open meeting", "开会";
    HintCloseMeeting => "close meeting", "散会";
    HintReopenMeeting => "reopen", "重新开会";
    HintSignInAt => "after the fact", "补签";
    HintExportDocx => "docx", "docx";
    HintAnomalies => "anomalies", "异常";

    // Attendance.
    Venue => "Venue", "会场";
    AllVenues => "All venues", "全部会场";
    Total => "Total", "合计";
    Expected => "Exp.", "应到";
    Present => "Pres.", "实到";
    Late => "Late", "迟到";
    Excused => "Exc.", "请假";
    Absent => "Abs.", "缺席";
    Video => "Video", "视频";
    Audio => "Audio", "音频";
    LinkOk => "ok", "正常";
    LinkFailing => "FAIL", "故障";
    LinkUnknown => "-", "未检";
    Headcount => "headcount", "报数";
    Reported => "reported", "报告";
    ArrivalsPerMinute => "Arrivals per minute", "每分钟签到";
    Search => "Search", "搜索";
    SearchHint => "name, unit, number, pinyin, initials", "姓名、单位、编号、拼音或首字母";
    Filter => "Filter", "筛选";
    Sort => "Sort", "排序";
    ColNo => "No.", "序号";
    ColName => "Name", "姓名";
    ColUnit => "Unit", "单位";
    ColTitle => "Title", "职务";
    ColStatus => "Status", "状态";
    ColTime => "Time", "时间";
    ColVenue => "Venue", "会场";
    Roster => "Roster", "名单";
    NoMatch => "Nobody matches. Add a walk-in:", "没有匹配的人员。临时增加参会人员：";
    NobodyHere => "Nobody on this list.", "列表为空。";
    NoneSelected => "Nobody is highlighted.", "没有选中人员。";
    HeadcountVenue => "This venue reports a headcount; record it in the roll call.",
        "该会场以报数方式签到，请在分会场点名中录入人数。";
    FilterAll => "all", "全部";
    FilterNotArrived => "not arrived", "未到";
    FilterPresent => "present", "已到";
    FilterLate => "late", "迟到";
    FilterExcused => "excused", "请假";
    FilterLeftEarly => "left early", "早退";
    FilterStandIn => "stand-in", "代会";

    // Forms.
    FormExcuse => "Excused", "请假";
    FormStandIn => "Stand-in", "代会";
    FormWalkIn => "Walk-in", "临时参会";
    FormRollCall => "Roll call", "分会场点名";
    FieldReason => "Reason", "事由";
    FieldName => "Name", "姓名";
    FieldUnit => "Unit", "单位";
    FieldTitle => "Title", "职务";
    FieldExpected => "Expected", "应到";
    FieldPresent => "Present", "实到";
    FieldExcused => "Excused", "请假";
    FieldAbsent => "Absent", "缺席";
    FieldNote => "Note", "备注";
    FieldRole => "Role", "身份";
    FieldArrived => "Arrived at", "到会时间";
    FormSignInAt => "Sign in after the fact (补签)", "补签";
    SignInAtAbout => "When they arrived, e.g. 14:20 (on the meeting's day); kept in the record as entered later.",
        "实际到会时间，如 14:20（会议当天）；记录中注明为补签。";
    TimeRequired => "Give the time they arrived (HH:MM).", "请填写到会时间（时:分）。";
    RoleMemberChoice => "member (counted in expected)", "参会（计入应到）";
    RoleObserverChoice => "observer (列席, not counted)", "列席（不计入应到）";
    RoleStaffChoice => "staff (not counted)", "工作人员（不计入应到）";
    RoleMediaChoice => "press (媒体, not counted)", "媒体（不计入应到）";
    RoleMember => "member", "参会";
    RoleObserver => "observer", "列席";
    RoleStaff => "staff", "工作人员";
    RoleMedia => "press", "媒体";
    EnteredLaterMark => "*", "补";
    RollCallDone => "Roll call: that was the last branch venue.", "分会场点名：已到最后一个分会场。";
    NoBranchVenues => "This meeting has no branch venues.", "本次会议没有分会场。";
    NameRequired => "The name is required.", "请填写姓名。";
    NotANumber => "Counts must be whole numbers.", "人数须为整数。";
    RosterVenueCounts => "Counts come from the named sign-in.", "人数来自逐人签到。";
    RollCallReportedAbout =>
        "Signs in by name, but none of its sign-ins are here (its seat is not connected): enter the figures it reports. They are used only while its own sign-ins are absent.",
        "该会场逐人签到，但本机没有其签到记录（其席位未接入）：请录入该会场报告的人数。仅在本机没有其签到记录时使用。";
    FormReconcile => "Attendance from a video platform", "导入视频会议平台参会记录";
    ReconcileAbout => "Export of Tencent Meeting (xlsx), Zoom or Teams (csv):",
        "腾讯会议（xlsx）、Zoom（csv）或 Teams（csv）导出的参会记录：";
    FieldFile => "File", "文件";
    FileRequired => "Give the export file's path.", "请填写导出文件的路径。";
    ReviewKeys => "Enter record   Up/Down move   Space choose the person   Esc cancel",
        "Enter 记录   Up/Down 移动   Space 选择人员   Esc 取消";
    ReviewSignIns => "Sign in", "签到";
    ReviewLinks => "Venue links working", "分会场连线正常";
    ReviewAlready => "Already signed in (not recorded again)", "已签到（不重复记录）";
    ReviewAgain => "Same person again (recorded once)", "同一人的其他行（只记录一次）";
    ReviewAmbiguous => "Several people fit: Space chooses", "多人符合：按 Space 选择";
    ReviewUnmatched => "Not on the roster", "名单中找不到";
    ReviewNoTime => "No readable join time", "入会时间无法读取";
    ReviewNobody => "(nobody chosen)", "（未选择）";
    ReviewLate => "late", "迟到";
    ReviewRecorded => "(recorded before)", "（已记录过）";
    ReviewNothing => "Nothing to record.", "没有需要记录的内容。";

    // Agenda.
    NoItemRunningNotice => "no agenda item is running", "当前没有进行中的议程";
    NoItemRunningShort => "no item running", "无进行中议程";
    CurrentItem => "Current item", "当前议程";
    Nothing => "none", "无";
    MeetingNotStarted => "Not started.", "会议尚未开始。";
    NoItemRunning => "No item running.", "当前无进行中的议程。";
    NextLabel => "Next: ", "下一项：";
    SpeakerLabel => "Speaker ", "主讲 ";
    ElapsedLabel => "Elapsed ", "已用 ";
    OfPlanned => " of ", " / 计划 ";
    Paused => "PAUSED", "已暂停";
    NoPlannedTime => "no planned time", "未定时长";
    LeftLabel => "Left ", "剩余 ";
    ColItemNo => "#", "序号";
    ColItem => "Item", "议程";
    ColSpeaker => "Speaker", "主讲";
    ColPlan => "Plan", "计划";
    ColStart => "Start", "开始";
    ColEnd => "End", "结束";
    ColUsed => "Used", "用时";
    ColState => "State", "状态";
    StateOver => "over", "超时";
    StateRunningOver => "running", "进行";
    StateEnding => "ending", "即将到时";
    StateRunning => "running", "进行中";
    StatePaused => "paused", "已暂停";
    StateDoneOver => "done", "完成";
    StateDone => "done", "已完成";
    StateSkipped => "skipped", "已跳过";
    OnTime => "on time", "准时";
    EndedOnTime => "ended on time", "已结束，准时";
    ProjectedEnd => "Projected end ", "预计结束 ";
    Scheduled => " | scheduled ", " | 计划 ";
    Notes => "Notes", "记录";
    DecisionMark => "[decision] ", "[议定] ";
    NothingChanged => "nothing to change", "没有变化，未记录";
    NotClosed => "The meeting is not closed; there is nothing to reopen.", "会议并未散会，无需重新开会。";
    NothingToUndoMeeting => "Nothing to undo: the meeting has not been opened.",
        "会议尚未开始，没有可撤销的开会或散会。";
    OpeningUndone => "Opening withdrawn: the meeting is not open.", "已撤销宣布开会，会议尚未开始。";
    CloseTitle => "Close the meeting? (宣布散会)", "宣布散会？";
    CloseNoItem => "Every timer stops.", "所有计时停止。";
    CloseEndsItem => "The running item ends, and every timer stops:", "正在进行的议程将结束，所有计时停止：";
    NoteSaved => "note saved", "记录已保存";
    ActionSaved => "action item saved", "任务已保存";

    // The note editor.
    NoteEmpty => "The note is empty (Esc closes; Delete in the notes list removes a note).",
        "记录为空（Esc 关闭；在记录列表中按 Delete 删除）。";
    Decision => "Decision", "议定事项";
    EditorSave => "save", "保存";
    EditorDecision => "decision", "议定事项";
    EditorCancel => "cancel", "取消";
    EditorNewLine => "Enter new line", "Enter 换行";

    // Actions.
    OwnerLabel => "Owner: ", "责任人：";
    AnyOwner => "(any)", "（全部）";
    StatusLabel => "  Status: ", "  状态：";
    ActionsAll => "all", "全部";
    ActionsOpen => "open", "未完成";
    ActionsDone => "done", "已完成";
    OverdueOnly => "  overdue only", "  仅逾期";
    ColActionId => "ID", "编号";
    ColActionState => "State", "状态";
    ColDue => "Due", "完成时限";
    ColOwners => "Owners", "责任人";
    ColActionItem => "Item", "议程";
    ColTask => "Task", "任务";
    StateOverdue => "OVERDUE", "逾期";

    // The action form.
    NewAction => "New action item", "新增任务";
    LabelTask => "Task", "任务";
    LabelOwners => "Owners", "责任人";
    LabelDue => "Due", "完成时限";
    LabelItem => "Item", "来源议程";
    LabelBy => "By", "交办人";
    NoItem => "(none)", "（无）";
    ClosedNoItem => "The meeting is closed: filed under no item unless you choose one.",
        "会议已散会：除非选择议程，任务不归入任何议程。";
    DueExamples => "e.g. 6月底前, 下周五, 3天后, 2017-06-30, next friday",
        "如 6月底前、下周五、3天后、2017-06-30、next friday";
    PickSuggestion => "  Up/Down pick, Enter add:", "  上下键选择，Enter 添加：";
    FormNextField => "Tab next field", "Tab 下一栏";
    FormItemKeys => "Left/Right item", "左右键选议程";
    SayWhat => "Say what is to be done.", "请填写任务内容。";
    GiveOwner => "Give at least one owner.", "请至少填写一个责任人。";
    SuggestVenue => "venue", "会场";
    SuggestUnit => "unit", "单位";

    // The big clock.
    ClockIdle => "No agenda item is running", "当前无进行中的议程";
    SpeakerColon => "Speaker: ", "主讲：";
    ClockPaused => "PAUSED", "已暂停";
    ClockOver => "OVER TIME", "已超时";
    ClockElapsed => "elapsed", "已用时";
    ClockEnding => "ENDING SOON", "即将到时";

    // Sign-in at the desk.
    TypeFirst => "Nothing typed: type a name, number or pinyin, or scan a badge.",
        "搜索框是空的：请输入姓名、编号或拼音，或扫描胸卡。";
    }
}

/// Why a command was refused, in the desk's words: as the CLI says it, except that a
/// change after the close names the desk's key for reopening, not the command line.
pub fn refused(r: &Rejection, keymap: &Keymap, lang: Lang) -> String {
    match r {
        Rejection::MeetingEnded => Say::RefusedClosed {
            reopen: keymap.label(Scope::Agenda, Action::ReopenMeeting),
        }
        .text(lang),
        _ => r.message(lang),
    }
}

/// `HH:MM:SS` in the meeting's time zone.
pub fn clock(t: DateTime<Utc>, tz: FixedOffset) -> String {
    t.with_timezone(&tz).format("%H:%M:%S").to_string()
}

/// `H:MM:SS` of a duration in seconds (negative shown as zero).
pub fn hms(secs: i64) -> String {
    let s = secs.max(0);
    format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

messages! {
    /// The desk's messages with values.
    pub enum Say {
        SignedIn { name: String, time: String } =>
            "{name} signed in at {time}", "{name} 已签到（{time}）";
        SignedInLate { name: String, time: String } =>
            "{name} signed in late at {time}", "{name} 已签到（迟到，{time}）";
        SignedInAfterFact { name: String, time: String } =>
            "{name} signed in after the fact (补签): arrived at {time}",
            "{name} 补签：{time} 到会";
        SignedInAfterFactLate { name: String, time: String } =>
            "{name} signed in after the fact (补签): arrived late at {time}",
            "{name} 补签：{time} 到会（迟到）";
        OnTimeAfterAll { name: String } =>
            "{name}: on time after all (迟到 corrected)", "{name}：已改为准时（迟到已更正）";
        MarkedLateHint { after: String, key: String } =>
            "; late because after {after} (opening plus grace). Wrong? {key} corrects it to on time",
            "；{after}（开会加宽限）以后到会，自动记为迟到。如有误，按 {key} 改为准时";
        NotATime { typed: String } =>
            "Cannot read `{typed}` as a time (write HH:MM, e.g. 14:20).",
            "无法识别时间 `{typed}`（请写成 时:分，如 14:20）。";
        WalkedInAs { name: String, venue: String, role: String } =>
            "{name} added to {venue} as {role} (not counted in expected) and signed in",
            "已将 {name} 以{role}身份临时加入{venue}并签到（不计入应到）";
        WalkInUndone { name: String } =>
            "Undone: walk-in {name} is off the lists and out of every count",
            "已撤销：临时参会的 {name} 已从名单和各项人数中移除";
        EnteredLater { at: String } => "entered later (补签), at {at}", "补签，{at} 录入";
        AlreadySignedIn { name: String, first: String } =>
            "{name} ALREADY signed in at {first}; nothing recorded",
            "{name} 已于 {first} 签到过，本次未重复记录";
        StatusSet { name: String, status: String } => "{name}: {status}", "{name}：{status}";
        NothingToChange { name: String } =>
            "{name}: already so; nothing recorded", "{name}：状态未变，未记录";
        Undone { name: String, status: String } =>
            "Undone; {name} is now: {status}", "已撤销；{name} 现为：{status}";
        WalkedIn { name: String, venue: String } =>
            "{name} added to {venue} and signed in", "已将 {name} 临时加入{venue}并签到";
        RollCallSaved { venue: String } => "Roll call of {venue} recorded", "{venue} 点名已记录";
        RollCallPassed { venue: String } =>
            "{venue}: nothing entered, nothing recorded; on to the next venue",
            "{venue}：未填写，未作记录；转到下一个会场";
        Reconciled { records: usize, seat: String } =>
            "{records} records from the platform export (seat {seat})",
            "已从平台记录导入 {records} 条（席位 {seat}）";
        NotSaved { why: String } =>
            "NOT SAVED: {why}. Your input is kept; fix the cause and try again.",
            "未保存：{why}。输入已保留，排除原因后请重试。";
        Refused { why: String } => "Not recorded: {why}", "未记录：{why}";
        TooSmall { w: u16, h: u16, min_w: u16, min_h: u16 } =>
            "Terminal too small ({w}x{h}; needs {min_w}x{min_h})",
            "终端窗口太小（{w}x{h}，至少 {min_w}x{min_h}）";
        ArrivalsNow { last: u32, peak: u32 } => "now {last}, peak {peak}", "当前 {last}，峰值 {peak}";
        Found { shown: usize } => "{shown} found", "找到 {shown} 人";
        BestShown { shown: usize } => "best {shown} shown", "显示最佳 {shown} 人";
        RowsOf { pos: usize, total: usize } => "{pos}/{total}", "{pos}/{total}";
        JournalResumed { events: usize } =>
            "Journal resumed: {events} events replayed", "已恢复会议记录：重放 {events} 条";
        Exported { files: String } => "Exported: {files}", "已导出：{files}";
        ExportedTo { dir: String, files: String } => "Exported to {dir}: {files}", "已导出至 {dir}：{files}";
        ExportReplaceKeys { yes: String, no: String } =>
            "{yes}: replace them   {no}: keep them (nothing is written)",
            "{yes}：替换   {no}：保留原文件（不导出）";
        MinutesHead { doc_lang: String, dir: String } =>
            "Minutes preview (as exported)  |  document language: {doc_lang}  |  exports go to {dir}",
            "会议纪要预览（与导出内容一致）  |  文档语言：{doc_lang}  |  导出至 {dir}";
        ExportFailed { why: String } => "Export failed: {why}", "导出失败：{why}";
        // Agenda.
        NoNoteSelected { key: String } =>
            "no note selected ({key} moves to the notes)", "未选中记录（{key} 切换到记录）";
        KeyToStart { key: String } => "  ({key} to start)", "（按 {key} 开始）";
        OverBy { time: String } => " OVER by {time} ", " 超时 {time} ";
        OverMinutes { base: String, minutes: i64 } => "{base} +{minutes}m", "{base} 超{minutes}分";
        EndedLate { mins: i64 } => "ended {mins} min late", "已结束，比计划晚 {mins} 分钟";
        EndedEarly { mins: i64 } => "ended {mins} min early", "已结束，比计划提前 {mins} 分钟";
        ProjectedLate { mins: i64 } => " {mins} min LATE ", " 预计超时 {mins} 分钟 ";
        ProjectedEarly { mins: i64 } => "{mins} min early", "提前 {mins} 分钟";
        AtThisPace { time: String } => " (at this pace {time})", "（按当前节奏 {time}）";
        MeetingOpened { time: String, late_after: String, close: String } =>
            "Meeting opened at {time} (宣布开会); sign-ins after {late_after} are late. {close} closes it.",
            "{time} 宣布开会；{late_after} 以后签到记为迟到。散会时按 {close}。";
        OpenedByStart { item: String, time: String, late_after: String } =>
            "Starting {item} opened the meeting at {time} (宣布开会); sign-ins after {late_after} are late.",
            "开始「{item}」，会议随之开始（{time} 宣布开会）；{late_after} 以后签到记为迟到。";
        MeetingClosed { time: String, length: String, reopen: String } =>
            "Meeting closed at {time} (宣布散会) after {length}; every timer stopped. {reopen} reopens it.",
            "{time} 宣布散会，历时 {length}；所有计时已停止。如需修改记录，按 {reopen} 重新开会。";
        MeetingReopened { close: String } =>
            "Meeting reopened: the record can change again ({close} closes it).",
            "已重新开会，可继续修改记录（按 {close} 再次散会）。";
        AlreadyOpen { time: String } =>
            "The meeting is already open (since {time}); nothing recorded.",
            "会议已于 {time} 开始，未重复记录。";
        AlreadyClosed { time: String, reopen: String } =>
            "The meeting was closed at {time}; {reopen} reopens it.",
            "会议已于 {time} 散会；如需修改记录，按 {reopen} 重新开会。";
        NotOpenedYet { open: String } =>
            "The meeting has not been opened; {open} opens it.", "会议尚未开始；按 {open} 宣布开会。";
        RefusedClosed { reopen: String } =>
            "the meeting is closed; reopen it first to change the record ({reopen} in the agenda view)",
            "会议已散会；如需修改记录，请先重新开会（在议程视图按 {reopen}）";
        CloseAfter { reopen: String } =>
            "Afterwards the record stays as it is unless the meeting is reopened ({reopen}).",
            "散会后记录不再变动；如需修改，可按 {reopen} 重新开会。";
        CloseKeys { yes: String, no: String } => "{yes}: close   {no}: cancel", "{yes}：散会   {no}：取消";
        ClosedAt { time: String, length: String } =>
            "The meeting was closed at {time} (宣布散会) after {length}.",
            "会议已于 {time} 宣布散会，历时 {length}。";
        KeyToReopen { key: String } =>
            "To change the record: {key} reopens the meeting.", "如需修改记录：按 {key} 重新开会。";
        KeyToOpen { key: String } => " {key} opens it (宣布开会).", "按 {key} 宣布开会。";
        OpenSince { time: String } => " The meeting opened at {time}.", "会议 {time} 开始。";
        StatusClosed { time: String, length: String } =>
            "closed {time} ({length})", "已散会 {time}（历时 {length}）";
        ClockClosed { time: String } => "The meeting was closed at {time}", "会议已于 {time} 散会";
        NotesOf { item: String } => " Notes: {item} ", " 记录：{item} ";
        NoNotesYet { note: String, decision: String } =>
            "No notes yet. {note}: note   {decision}: decision",
            "暂无记录。{note}：记录   {decision}：议定事项";
        NewNoteTitle { item: String } => " New note: {item} ", " 新记录：{item} ";
        EditNoteTitle { item: String } => " Edit note: {item} ", " 修改记录：{item} ";
        // Actions.
        ActionCounts { shown: usize, open: usize, overdue: usize } =>
            "   {shown} shown, {open} open, {overdue} overdue",
            "   共 {shown} 项，未完成 {open}，逾期 {overdue}";
        ConfirmDeleteAction { id: String, yes: String } =>
            " Delete action {id}? It was recorded by mistake: {yes} = delete, any other key = keep ",
            " 删除任务 {id}？（仅用于误录）{yes} 删除，其他键取消 ";
        NoActions { add: String } =>
            "No action items. {add}: add   (from any view: the add-action key)",
            "暂无任务。{add}：新增（在任何界面都可用新增任务键）";
        EditActionTitle { id: String } => " Edit action {id} ", " 修改任务 {id} ";
        OwnerUnmatched { typed: String } =>
            "`{typed}` matches no participant, venue or unit; write unit:{typed} or person:{typed} to keep it as typed",
            "`{typed}` 与名单中的人员、会场、单位都不符；如确为新单位或人员，请写 unit:{typed} 或 person:{typed}";
        OwnerUnits { typed: String, n: usize, units: String } =>
            "`{typed}` fits {n} units ({units}): write one in full",
            "`{typed}` 对应 {n} 个单位（{units}）：请写全称";
        AssignerUnmatched { typed: String } =>
            "assigner `{typed}` is nobody on the roster; write person:NAME for someone not on it",
            "交办人 `{typed}` 不在名单中；如确为名单外人员，请写 person:姓名";
        OwnerAmbiguous { typed: String, n: usize } =>
            "`{typed}` fits {n} people: pick one from the list",
            "`{typed}` 对应 {n} 人：请从列表中选择";
        // The big clock.
        LeftOf { minutes: i64 } => "left of {minutes} min", "剩余（计划 {minutes} 分钟）";
        Row { row: usize } => "row {row}", "第{row}行";
        // The shell.
        QuitItemRunning { item: String } =>
            "An agenda item is running: {item}. Everything recorded is saved; quit the desk anyway?",
            "议程正在进行：{item}。已记录的内容都已保存；仍要退出吗？";
        QuitKeys { yes: String, quit: String, no: String } =>
            "{yes}: quit   {quit} again: quit   {no}: stay",
            "{yes}：退出   再按 {quit}：退出   {no}：留下";
        NotFound { typed: String, walk_in: String } =>
            "Not found: {typed}. The box is clear for the next; {walk_in} adds a walk-in.",
            "未找到：{typed}。搜索框已清空；临时参会人员请按 {walk_in} 添加。";
        ImeOn { ch: String } =>
            "`{ch}`: the Chinese input method is on. Switch it to English (usually Shift) for this view's keys.",
            "`{ch}`：输入法处于中文状态。请切换为英文（一般按 Shift）后再按本视图的按键。";
        NotAKey { key: String, help: String } =>
            "{key} does nothing here; {help} lists the keys.", "{key} 在此无作用；按 {help} 查看按键。";
        ClockNotAKey { key: String, back: String, help: String } =>
            "{key} does not work on the big clock: {back} goes back, {help} lists the keys.",
            "{key} 在计时大屏上无作用：按 {back} 返回，按 {help} 查看按键。";
        More { n: usize } => "+{n} more", "另有 {n} 项";
        FormFor { form: String, whom: String } => "{form}: {whom}", "{form}：{whom}";
        Above { n: usize } => "+{n} above", "上方 {n} 项";
        HelpTitle { view: String } => " Keys: {view} ", " 按键：{view} ";
        AnomaliesTitle { n: usize } => " Anomalies ({n}) ", " 异常（{n}） ";
        AnomalyCount { n: usize, key: String } =>
            "anomalies: {n} ({key})", "异常：{n}（{key}）";
        ReadOnlyKey { key: String, what: String } =>
            "This desk is read-only: {key} ({what}) records nothing here. Record at a desk opened without --read-only.",
            "本席位为只读：{key}（{what}）在此不作记录。请在未加 --read-only 打开的席位操作。";
        ReadOnlyOpened { events: usize } =>
            "Read-only: following this meeting live (events so far: {events}); nothing can be recorded here.",
            "只读：实时跟随本会议（已有 {events} 条记录）；此处不能记录。";
        FollowFailed { why: String } =>
            "The other seats' records could not be read: {why}",
            "无法读取其他席位的记录：{why}";
        FollowFailedShort { why: String } => "other seats: {why}", "其他席位：{why}";
        HelpKeys { scroll: String, page: String, ends: String, close: String } =>
            "{scroll} scroll   {page} page   {ends} start/end   {close} close",
            "{scroll} 滚动   {page} 翻页   {ends} 首/尾   {close} 关闭";
    }
}
