//! `huiwu reconcile AGENDA EXPORT_FILE`: sign-ins from a video platform's attendance
//! export (Tencent Meeting, Zoom, Microsoft Teams, Feishu, Huawei Cloud Meeting, or any
//! table with a name and a join time; CSV/TSV or a workbook, recognised by content).
//! Matches are recorded through the session from a seat named after the platform, at
//! each person's first-join time; what cannot be matched is listed for the secretary,
//! and a last line accounts for every row of the export.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Utc};

use crate::core::command::{Command, Warning};
use crate::core::event::LinkState;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;
use crate::import::matching::{self, Reconciliation, RowTally, Whom};
use crate::import::normalize::name_key;
use crate::import::platform::{self, AttendanceExport};
use crate::import::venue;
use crate::store::seat::{Role, SeatClaim, import_seat};
use crate::store::session::{ExecError, Session, open_meeting};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// The platform's attendance export (csv/tsv in any encoding, or xlsx/xls/ods)
    pub export: PathBuf,
    /// Show what would be recorded and record nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Match only this venue's people and room system (id or name)
    #[arg(long, value_name = "ID")]
    pub venue: Option<String>,
    /// Record even though the export's dates are not the meeting's
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = ctx.agenda(&args.agenda, lang)?;
    let only_venue = match &args.venue {
        None => None,
        Some(v) => match venue::resolve(&agenda.agenda, v) {
            Some(i) => Some(i),
            None => {
                let list: Vec<String> = agenda
                    .agenda
                    .venues
                    .iter()
                    .map(|x| format!("{} ({})", x.id, x.name))
                    .collect();
                errln!(
                    "huiwu: {}",
                    match lang {
                        Lang::En => format!("no venue `{v}`; venues: {}", list.join(", ")),
                        Lang::Zh => format!("没有会场 `{v}`；现有会场：{}", list.join("、")),
                    }
                );
                return Ok(ExitCode::from(2));
            }
        },
    };
    let name = args.export.display().to_string();
    let bytes = match crate::store::input::read_nonempty(&args.export) {
        Ok(b) => b,
        Err(e) => {
            errln!("huiwu: {name}: {}", e.message(lang));
            return Ok(ExitCode::from(1));
        }
    };
    let meeting_info = &agenda.agenda.meeting;
    let export = match platform::read(&bytes, None, Some(meeting_info.date)) {
        Ok(e) => e,
        Err(e) => {
            errln!("huiwu: {name}: {}", e.message(lang));
            return Ok(ExitCode::from(1));
        }
    };
    let tz = *meeting_info.start.offset();
    describe(&export, &name, lang);
    let stripped: Vec<String> = export.cleaned.iter().map(|&r| row_label(r, lang)).collect();
    super::say_stripped(&stripped, lang);
    if let Some(t) = &export.topic
        && !same_topic(t, &meeting_info.title)
    {
        errln!(
            "huiwu: {}",
            match lang {
                Lang::En => format!(
                    "warning: the export's topic is \"{t}\", the agenda's meeting is \"{}\"",
                    meeting_info.title
                ),
                Lang::Zh => format!(
                    "警告：导出文件的会议主题为“{t}”，而议程的会议为“{}”",
                    meeting_info.title
                ),
            }
        );
    }
    // The wrong day's export would sign everyone in at impossible times.
    let days: Vec<chrono::NaiveDate> = export
        .rows
        .iter()
        .filter_map(|r| r.first_join.map(|t| t.date()))
        .collect();
    if !days.is_empty()
        && days
            .iter()
            .all(|d| (*d - meeting_info.date).num_days().abs() > 1)
        && !args.force
    {
        errln!(
            "huiwu: {name}: {}",
            match lang {
                Lang::En => format!(
                    "the export's join times are on {}, the meeting is on {}; is it the right file? (--force records anyway)",
                    days[0], meeting_info.date
                ),
                Lang::Zh => format!(
                    "导出文件的入会时间在 {}，而会议日期为 {}；文件是否选错？（确需记录请加 --force）",
                    days[0], meeting_info.date
                ),
            }
        );
        return Ok(ExitCode::from(1));
    }

    let data_dir = ctx.data_dir()?;
    let now = Utc::now();
    if args.dry_run {
        let (meeting, _) = open_meeting(&agenda, &data_dir)?;
        let plan = matching::reconcile(&meeting, &export, only_venue);
        print_plan(&meeting, &plan, &export, tz, lang);
        outln!(
            "{}",
            lang.pick("dry run: nothing recorded", "试运行：未记录任何内容")
        );
        return Ok(ExitCode::SUCCESS);
    }
    // The import records under its own seat inside this program's (`SEAT/zoom`).
    let seat = match ctx.claim(Role::Command) {
        SeatClaim::Named { name, wait } => SeatClaim::Named {
            name: import_seat(&name, export.platform.seat()),
            wait,
        },
        other => other,
    };
    let mut session = Session::open(&agenda, &data_dir, seat, now)?;
    let seat = session.seat().to_string();
    let plan = matching::reconcile(session.meeting(), &export, only_venue);
    let mut refused = Vec::new();
    let mut raced = Vec::new();
    let mut recorded = 0usize;
    for s in &plan.sign_ins {
        let cmd = Command::SignIn {
            participant: session.meeting().people[s.person].id.clone(),
            late: s.late,
            effective_at: Some(s.at),
        };
        match session.execute(&cmd, now) {
            Ok(o) => {
                recorded += o.events.len();
                for w in o.warnings {
                    if let Warning::AlreadySignedIn { participant, at } = w {
                        raced.push((participant, at));
                    }
                }
            }
            Err(ExecError::Rejected(r)) => refused.push(r.message(lang)),
            Err(ExecError::Journal(e)) => return Err(e.into()),
        }
    }
    for l in plan.links.iter().filter(|l| !l.already) {
        let cmd = Command::Link {
            venue: session.meeting().agenda.venues[l.venue].id.clone(),
            video: LinkState::Ok,
            audio: LinkState::Ok,
        };
        match session.execute(&cmd, now) {
            Ok(o) => recorded += o.events.len(),
            Err(ExecError::Rejected(r)) => refused.push(r.message(lang)),
            Err(ExecError::Journal(e)) => return Err(e.into()),
        }
    }
    print_plan(session.meeting(), &plan, &export, tz, lang);
    for (p, at) in raced {
        let person = &session.meeting().people[p];
        errln!(
            "huiwu: {}",
            match lang {
                Lang::En => format!(
                    "{} ({}) was signed in meanwhile at {}; not recorded twice",
                    person.name,
                    person.id,
                    local(at, tz)
                ),
                Lang::Zh => format!(
                    "{}（{}）已于 {} 签到；未重复记录",
                    person.name,
                    person.id,
                    local(at, tz)
                ),
            }
        );
    }
    for r in &refused {
        errln!("huiwu: {r}");
    }
    let journal = session.journal_path().display();
    outln!(
        "{}",
        match (recorded, lang) {
            (0, Lang::En) => "nothing new to record".to_string(),
            (0, Lang::Zh) => "没有需要记录的新内容".to_string(),
            (n, Lang::En) => format!("{n} records from seat `{seat}` in {journal}"),
            (n, Lang::Zh) => format!("已以席位 `{seat}` 记录 {n} 条到 {journal}"),
        }
    );
    Ok(if refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn same_topic(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    a.contains(&b) || b.contains(&a)
}

fn local(t: DateTime<Utc>, tz: FixedOffset) -> String {
    t.with_timezone(&tz).format("%H:%M:%S").to_string()
}

fn row_label(row: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("row {row}"),
        Lang::Zh => format!("第 {row} 行"),
    }
}

fn describe(export: &AttendanceExport, name: &str, lang: Lang) {
    let mut line = match lang {
        Lang::En => format!(
            "{name}: {} export, {} {}",
            export.platform.label(lang),
            export.rows.len(),
            if export.rows.len() == 1 {
                "person or device"
            } else {
                "people or devices"
            }
        ),
        Lang::Zh => {
            let label = export.platform.label(lang);
            let gap = if label.is_ascii() { " " } else { "" };
            format!(
                "{name}：{label}{gap}导出记录，{} 个参会者或终端",
                export.rows.len()
            )
        }
    };
    if let Some(sheet) = &export.sheet {
        line.push_str(&match lang {
            Lang::En => format!(", sheet \"{sheet}\""),
            Lang::Zh => format!("，工作表“{sheet}”"),
        });
    }
    if let Some(e) = &export.encoding {
        line.push_str(lang.pick(", ", "，"));
        line.push_str(e);
    }
    if let Some(t) = &export.topic {
        line.push_str(&match lang {
            Lang::En => format!(", topic \"{t}\""),
            Lang::Zh => format!("，会议主题“{t}”"),
        });
    }
    outln!("{line}");
}

fn print_plan(
    m: &Meeting,
    plan: &Reconciliation,
    export: &AttendanceExport,
    tz: FixedOffset,
    lang: Lang,
) {
    let person = |p: usize| {
        let x = &m.people[p];
        let venue = m
            .venue(&x.venue)
            .map(|v| m.agenda.venues[v].name.as_str())
            .unwrap_or("");
        format!("{}\t{}\t{}\t{venue}", x.id, x.name, x.unit)
    };
    let late_count = plan.sign_ins.iter().filter(|s| s.late).count();
    if !plan.sign_ins.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("sign-ins ({}):", plan.sign_ins.len()),
                Lang::Zh => format!("签到（{} 人）：", plan.sign_ins.len()),
            }
        );
        for s in &plan.sign_ins {
            let late = if s.late {
                lang.pick(" late", " 迟到")
            } else {
                ""
            };
            outln!(
                "  {}{late}\t{}\t[{} \"{}\"{}{}]",
                local(s.at, tz),
                person(s.person),
                row_label(s.row, lang),
                s.shown_as,
                lang.pick(", ", "，"),
                s.how.label(lang)
            );
        }
    }
    if !plan.links.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("venue links working ({}):", plan.links.len()),
                Lang::Zh => format!("分会场连线正常（{} 个）：", plan.links.len()),
            }
        );
        for l in &plan.links {
            let already = if l.already {
                lang.pick(" (already recorded)", "（已记录过）")
            } else {
                ""
            };
            outln!(
                "  {}\t{}{already}\t[{} \"{}\"]",
                m.agenda.venues[l.venue].id,
                m.agenda.venues[l.venue].name,
                row_label(l.row, lang),
                l.shown_as
            );
        }
    }
    if !plan.already.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!(
                    "already signed in, not recorded again ({}):",
                    plan.already.len()
                ),
                Lang::Zh => format!("已签到，不重复记录（{} 人）：", plan.already.len()),
            }
        );
        for a in &plan.already {
            outln!(
                "  {}\t{}\t[{} \"{}\"]",
                local(a.since, tz),
                person(a.person),
                row_label(a.row, lang),
                a.shown_as
            );
        }
    }
    if !plan.ambiguous.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!(
                    "for you to decide, several people fit ({}):",
                    plan.ambiguous.len()
                ),
                Lang::Zh => format!("需人工确认，多人符合（{} 条）：", plan.ambiguous.len()),
            }
        );
        for a in &plan.ambiguous {
            let part = if a.part != a.shown_as {
                format!(" ({})", a.part)
            } else {
                String::new()
            };
            outln!("  {} \"{}\"{part}:", row_label(a.row, lang), a.shown_as);
            for &c in &a.candidates {
                outln!("      {}", person(c));
            }
        }
    }
    if !plan.unmatched.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("not on the roster ({}):", plan.unmatched.len()),
                Lang::Zh => format!("名单中找不到（{} 条）：", plan.unmatched.len()),
            }
        );
        for u in &plan.unmatched {
            let part = if u.part != u.shown_as {
                format!(" ({})", u.part)
            } else {
                String::new()
            };
            outln!("  {} \"{}\"{part}", row_label(u.row, lang), u.shown_as);
        }
    }
    print_again(m, plan, lang);
    // Unreadable times, but not a reconnect's of someone whose other row has one.
    let unreadable: Vec<&(usize, String, String)> = export
        .bad_times
        .iter()
        .filter(|(row, _, _)| {
            !plan.no_time.iter().any(|n| n.row == *row)
                && !export
                    .rows
                    .iter()
                    .any(|r| r.first_join.is_some() && (r.row == *row || r.merged.contains(row)))
        })
        .collect();
    if !plan.no_time.is_empty() || !unreadable.is_empty() {
        outln!(
            "{}",
            lang.pick(
                "no readable join time, not signed in:",
                "入会时间无法读取，未签到："
            )
        );
        for n in &plan.no_time {
            outln!(
                "  {} \"{}\"\t{}",
                row_label(n.row, lang),
                n.shown_as,
                person(n.person)
            );
        }
        for (row, name, text) in unreadable {
            outln!("  {} \"{name}\"\t\"{text}\"", row_label(*row, lang));
        }
    }
    outln!(
        "{}",
        match lang {
            Lang::En => format!(
                "sign-ins {} (late {late_count}), venue links {}, already in {}, to decide {}, not on the roster {}",
                plan.sign_ins.len(),
                plan.links.len(),
                plan.already.len(),
                plan.ambiguous.len(),
                plan.unmatched.len()
            ),
            Lang::Zh => format!(
                "签到 {} 人（迟到 {late_count}），会场连线 {} 个，已签到 {}，待确认 {}，未找到 {}",
                plan.sign_ins.len(),
                plan.links.len(),
                plan.already.len(),
                plan.ambiguous.len(),
                plan.unmatched.len()
            ),
        }
    );
    outln!("{}", rows_line(&plan.rows, plan.sign_ins.len(), lang));
}

/// Rows for someone an earlier row already stands for: under another name one by one,
/// reconnects under the same name counted.
fn print_again(m: &Meeting, plan: &Reconciliation, lang: Lang) {
    let t = &plan.rows;
    if t.again == 0 {
        return;
    }
    outln!(
        "{}",
        match lang {
            Lang::En => format!("same person again, recorded once ({}):", rows(t.again)),
            Lang::Zh => format!("同一人的其他行，只记录一次（{} 行）：", t.again),
        }
    );
    for a in &plan.again {
        let whom = match a.whom {
            Whom::Person(p) => format!("{}\t{}", m.people[p].id, m.people[p].name),
            Whom::Venue(v) => {
                let v = &m.agenda.venues[v];
                format!("{}\t{}", v.id, v.name)
            }
        };
        outln!(
            "  {} \"{}\"\t= {} \"{}\"\t{whom}",
            row_label(a.row, lang),
            a.shown_as,
            row_label(a.first_row, lang),
            a.first_shown_as
        );
    }
    if t.reconnects > 0 {
        outln!(
            "  {}",
            match lang {
                Lang::En => format!(
                    "{} under the same name as a row above (reconnects and leaves, merged)",
                    rows(t.reconnects)
                ),
                Lang::Zh => format!(
                    "{} 行与上列某行同名（重新入会或离会记录，已合并）",
                    t.reconnects
                ),
            }
        );
    }
}

fn rows(n: usize) -> String {
    format!("{n} {}", if n == 1 { "row" } else { "rows" })
}

/// `rows read: 7 = 4 signed in (5 people) + 1 venue link + ...`: where every row went.
fn rows_line(t: &RowTally, people: usize, lang: Lang) -> String {
    let (signed_en, signed_zh) = if people == t.signed_in {
        ("signed in".to_string(), String::new())
    } else {
        let who = if people == 1 { "person" } else { "people" };
        (
            format!("signed in ({people} {who})"),
            format!("（{people} 人）"),
        )
    };
    let links_en = if t.links == 1 {
        "venue link"
    } else {
        "venue links"
    };
    // (rows, English after the number, Chinese before it, Chinese after 行)
    let parts: [(usize, &str, &str, &str); 8] = [
        (t.signed_in, &signed_en, "签到", &signed_zh),
        (t.links, links_en, "会场连线", ""),
        (t.already, "already in", "已签到", ""),
        (t.again, "same person again", "同一人其他行", ""),
        (t.ambiguous, "to decide", "待确认", ""),
        (t.no_time, "without a join time", "无入会时间", ""),
        (t.unmatched, "not on the roster", "未找到", ""),
        (t.nameless, "without a name", "无名称", ""),
    ];
    let sum: Vec<String> = parts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, en, zh, zh_after)| match lang {
            Lang::En => format!("{n} {en}"),
            Lang::Zh => format!("{zh} {n} 行{zh_after}"),
        })
        .collect();
    let sum = if sum.is_empty() {
        "0".to_string()
    } else {
        sum.join(" + ")
    };
    // Never expected: said rather than hidden if the reader and the matching disagree.
    let missing = t.read.abs_diff(t.accounted());
    match (lang, missing) {
        (Lang::En, 0) => format!("rows read: {} = {sum}", t.read),
        (Lang::Zh, 0) => format!("读取 {} 行 = {sum}", t.read),
        (Lang::En, n) => format!(
            "rows read: {} = {sum} (and {} not accounted for)",
            t.read,
            rows(n)
        ),
        (Lang::Zh, n) => format!("读取 {} 行 = {sum}（另有 {n} 行未能归类）", t.read),
    }
}
