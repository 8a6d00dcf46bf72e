//! `huiwu merge AGENDA PATH...`: bring in seat journals carried from other computers.
//! PATH is a journal file, or a folder (another computer's data dir, a USB stick)
//! searched for this meeting's journals. Prints per file what merged or why not, then per
//! seat the events new here, those already known, and the holes left. Exit 1 when a file
//! was refused (the others merged all the same).

use std::path::PathBuf;
use std::process::ExitCode;

use crate::core::anomaly::seq_ranges;
use crate::i18n::Lang;
use crate::store::merge::{FileOutcome, Refusal, merge};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// Journal files, or folders to search for this meeting's journals
    #[arg(required = true, num_args = 1..)]
    pub paths: Vec<PathBuf>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = ctx.agenda(&args.agenda, lang)?;
    let report = merge(&agenda, &ctx.data_dir()?, &args.paths)?;
    if report.files.is_empty() {
        errln!(
            "huiwu: {}",
            match lang {
                Lang::En => format!(
                    "no journal of meeting `{}` found there",
                    agenda.agenda.meeting.id
                ),
                Lang::Zh => format!("那里没有会议 `{}` 的记录文件", agenda.agenda.meeting.id),
            }
        );
        return Ok(ExitCode::from(1));
    }
    for f in &report.files {
        match f {
            FileOutcome::Merged {
                path,
                seats,
                torn_tail,
                stored,
            } => {
                let new: usize = seats.iter().map(|s| s.1).sum();
                let known: usize = seats.iter().map(|s| s.2).sum();
                outln!(
                    "{}",
                    match (lang, stored.is_some()) {
                        (Lang::En, true) => format!(
                            "merged {}: {new} new, {known} already known",
                            path.display()
                        ),
                        (Lang::En, false) =>
                            format!("nothing new in {}: {known} already known", path.display()),
                        (Lang::Zh, true) =>
                            format!("已合并 {}：新增 {new} 条，已有 {known} 条", path.display()),
                        (Lang::Zh, false) =>
                            format!("{} 中没有新内容：已有 {known} 条", path.display()),
                    }
                );
                if *torn_tail {
                    errln!(
                        "huiwu: {}: {}",
                        lang.pick("warning", "警告"),
                        match lang {
                            Lang::En => format!(
                                "{}: the last line was cut off (that computer stopped mid-write); it was left out",
                                path.display()
                            ),
                            Lang::Zh => format!(
                                "{}：最后一行不完整（那台电脑写入时中断）；未合并该行",
                                path.display()
                            ),
                        }
                    );
                }
            }
            FileOutcome::Refused { path, why } => {
                errln!(
                    "huiwu: {}: {}",
                    lang.pick("refused", "拒绝合并"),
                    refusal(path, why, lang)
                );
            }
        }
    }
    if report.other_meetings > 0 {
        outln!(
            "{}",
            match lang {
                Lang::En => format!(
                    "{} journal{} of other meetings passed over",
                    report.other_meetings,
                    if report.other_meetings == 1 { "" } else { "s" }
                ),
                Lang::Zh => format!("跳过其他会议的记录文件 {} 个", report.other_meetings),
            }
        );
    }
    if !report.seats.is_empty() {
        outln!("{}", lang.pick("per seat:", "各席位："));
    }
    for s in &report.seats {
        let holes = if s.holes.is_empty() {
            lang.pick("no holes", "无缺失").to_string()
        } else {
            match lang {
                Lang::En => format!("missing {}", seq_ranges(&s.holes, ", ")),
                Lang::Zh => format!("缺少 {}", seq_ranges(&s.holes, "、")),
            }
        };
        outln!(
            "  {}\t{}\t{}\t{holes}",
            s.seat,
            match lang {
                Lang::En => format!("{} new", s.new),
                Lang::Zh => format!("新增 {}", s.new),
            },
            match lang {
                Lang::En => format!("{} already known", s.known),
                Lang::Zh => format!("已有 {}", s.known),
            }
        );
    }
    Ok(if report.refused() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn refusal(path: &std::path::Path, why: &Refusal, lang: Lang) -> String {
    let p = path.display();
    match (why, lang) {
        (Refusal::OtherMeeting(found), Lang::En) => {
            format!("{p}: the journal belongs to meeting `{found}`; nothing merged")
        }
        (Refusal::OtherMeeting(found), Lang::Zh) => {
            format!("{p}：该记录文件属于会议 `{found}`；未合并任何内容")
        }
        (Refusal::NotAJournal, Lang::En) => format!("{p}: not a huiwu journal; nothing merged"),
        (Refusal::NotAJournal, Lang::Zh) => format!("{p}：不是 huiwu 记录文件；未合并任何内容"),
        (Refusal::Unreadable(e), Lang::En) => format!("{}; nothing merged", e.message(lang)),
        (Refusal::Unreadable(e), Lang::Zh) => format!("{}；未合并任何内容", e.message(lang)),
        (Refusal::Clash { seat, seq }, Lang::En) => format!(
            "{p}: seat `{seat}` event #{seq} differs from the one known here: two computers used the seat name `{seat}`. Nothing of the file was merged; give each computer its own --seat"
        ),
        (Refusal::Clash { seat, seq }, Lang::Zh) => format!(
            "{p}：席位 `{seat}` 的第 {seq} 条与本机已有的不同：两台电脑用了同一个席位名 `{seat}`。该文件未合并任何内容；请为每台电脑设置不同的 --seat"
        ),
        (Refusal::LocalSeat { seat }, Lang::En) => format!(
            "{p}: it holds new events of seat `{seat}`, which writes on this computer: another computer used its name. Nothing of the file was merged; give each computer its own --seat"
        ),
        (Refusal::LocalSeat { seat }, Lang::Zh) => format!(
            "{p}：其中有席位 `{seat}` 的新记录，而该席位在本机写入：另一台电脑用了同一个名字。该文件未合并任何内容；请为每台电脑设置不同的 --seat"
        ),
    }
}
