//! `huiwu status AGENDA [--json]`: where the meeting stands, without taking the lock.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use crate::core::meeting::Counts;
use crate::core::query::status_report_in;
use crate::i18n::Lang;
use crate::store::session::open_meeting;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// Print JSON (the shape is documented in docs/status-json.md)
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = ctx.agenda_to_view(&args.agenda, lang)?;
    let (meeting, _) = open_meeting(&agenda, &ctx.data_dir()?)?;
    let meeting = super::keep_until_exit(meeting);
    let now = Utc::now();
    let r = status_report_in(meeting, now, lang);
    if args.json {
        super::out::raw(&format!(
            "{}\n",
            crate::sanitize::json::to_string_pretty(&r)?
        ));
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{}  {}", r.meeting.title, r.meeting.date);
    let header = match lang {
        Lang::En => "venue\texpected\tpresent\tlate\texcused\tstand-in\tabsent",
        Lang::Zh => "会场\t应到\t实到\t迟到\t请假\t代会\t缺席",
    };
    outln!("{header}");
    let row = |name: &str, c: &Counts| {
        outln!(
            "{name}\t{}\t{}\t{}\t{}\t{}\t{}",
            c.expected,
            c.present,
            c.late,
            c.excused,
            c.stand_in,
            c.absent
        )
    };
    for v in &r.venues {
        match v.counts_from {
            crate::core::meeting::CountsSource::RollCall => row(
                &format!("{} {}", v.name, lang.pick("(reported)", "（点名报告）")),
                &v.counts,
            ),
            _ => row(&v.name, &v.counts),
        }
    }
    row(lang.pick("total", "合计"), &r.total);
    match &r.current_item {
        Some(c) => outln!(
            "{}: {} ({} / {} min)",
            lang.pick("current item", "当前议程"),
            c.title,
            c.elapsed_seconds / 60,
            c.planned_minutes
        ),
        None => outln!("{}", lang.pick("current item: none", "当前议程：无")),
    }
    outln!(
        "{} ({}):",
        lang.pick("open action items", "未完成任务"),
        r.open_actions.len()
    );
    for a in &r.open_actions {
        let due = a.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        outln!("  {}\t{}\t{}\t{due}", a.id, a.text, a.owners.join("、"));
    }
    if !r.anomalies.is_empty() {
        outln!(
            "{} ({}):",
            lang.pick("anomalies", "异常"),
            r.anomalies.len()
        );
        for a in &r.anomalies {
            outln!("  {}", a.message);
            outln!("    {} {}", lang.pick("what to do:", "处理："), a.advice);
        }
    }
    Ok(ExitCode::SUCCESS)
}
