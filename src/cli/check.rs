//! `huiwu check FILE...` and `huiwu schema`.

use std::path::PathBuf;
use std::process::ExitCode;

use std::collections::HashSet;

use crate::core::agenda::{Agenda, Role, SignInMode, Venue};
use crate::core::load::Severity;
use crate::i18n::Lang;
use crate::store::session::check_file;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Agenda files to check
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print nothing for files without problems (warnings are still printed)
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let mut failed = false;
    for path in &args.files {
        let name = path.display().to_string();
        let (agenda, diags) = check_file(path, lang);
        for d in &diags {
            errln!("{}", d.display(&name, lang));
        }
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diags.len() - errors;
        match agenda {
            Some(a) if errors == 0 => {
                if !args.quiet || warnings > 0 {
                    outln!("{}", summary(&name, &a, warnings, lang));
                }
            }
            _ => {
                failed = true;
                errln!(
                    "{}",
                    match lang {
                        Lang::En => format!(
                            "{name}: {}, {}; the agenda cannot be used until the errors are fixed",
                            count(errors, "error", "errors"),
                            count(warnings, "warning", "warnings")
                        ),
                        Lang::Zh => format!(
                            "{name}：{errors} 个错误，{warnings} 条警告；修正错误后议程才能使用"
                        ),
                    }
                );
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What a secretary wants to confirm at a glance: venues, 应到 and how it is made up,
/// the agenda's length against the schedule.
fn summary(name: &str, a: &Agenda, warnings: usize, lang: Lang) -> String {
    let headcount_venues: Vec<&Venue> = a
        .venues
        .iter()
        .filter(|v| v.sign_in == SignInMode::Headcount)
        .collect();
    let headcount_ids: HashSet<&str> = headcount_venues.iter().map(|v| v.id.as_str()).collect();
    let reported: u32 = headcount_venues.iter().filter_map(|v| v.expected).sum();
    let named = a
        .participants
        .iter()
        .filter(|p| p.role == Role::Member && !headcount_ids.contains(p.venue.as_str()))
        .count();
    let role_count = |r: Role| a.participants.iter().filter(|p| p.role == r).count();
    let (observers, staff) = (role_count(Role::Observer), role_count(Role::Staff));
    let expected = named + reported as usize;
    let planned = a.planned_minutes();
    let scheduled = (a.meeting.end - a.meeting.start).num_minutes();
    let items = a.items.len();
    let tasks = a.actions.len();
    match lang {
        Lang::En => {
            let venues = if headcount_venues.is_empty() {
                count(a.venues.len(), "venue", "venues")
            } else {
                format!(
                    "{} ({} reporting a headcount)",
                    count(a.venues.len(), "venue", "venues"),
                    headcount_venues.len()
                )
            };
            let made_of = if reported > 0 {
                format!(" ({named} on the roster + {reported} by headcount)")
            } else {
                String::new()
            };
            let warn = if warnings > 0 {
                format!("; {}", count(warnings, "warning", "warnings"))
            } else {
                String::new()
            };
            format!(
                "{name}: ok: {venues}; {expected} expected{made_of}, {}, {staff} staff; {}, {planned} of {scheduled} minutes planned; {}{warn}",
                count(observers, "observer", "observers"),
                count(items, "item", "items"),
                count(tasks, "planned task", "planned tasks"),
            )
        }
        Lang::Zh => {
            let venues = if headcount_venues.is_empty() {
                format!("{} 个会场", a.venues.len())
            } else {
                format!(
                    "{} 个会场（{} 个按人数报到）",
                    a.venues.len(),
                    headcount_venues.len()
                )
            };
            let made_of = if reported > 0 {
                format!("（名单 {named} 人 + 报数 {reported} 人）")
            } else {
                String::new()
            };
            let warn = if warnings > 0 {
                format!("；{warnings} 条警告")
            } else {
                String::new()
            };
            format!(
                "{name}：通过 — {venues}；应到 {expected} 人{made_of}，列席 {observers} 人，会务 {staff} 人；议程 {items} 项，计划 {planned} 分钟（会议安排 {scheduled} 分钟）；会前任务 {tasks} 项{warn}"
            )
        }
    }
}

pub fn schema() -> anyhow::Result<ExitCode> {
    let schema = schemars::schema_for!(crate::core::agenda::Agenda);
    super::out::raw(&format!("{}\n", serde_json::to_string_pretty(&schema)?));
    Ok(ExitCode::SUCCESS)
}
