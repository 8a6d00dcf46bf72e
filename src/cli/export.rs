//! `huiwu export AGENDA --format md|html|json|csv|xlsx [-o FILE] [--include-contacts]`:
//! write the minutes, the sign-in sheet or the whole meeting. Reads the journal without
//! taking the lock, so it works while the desk is running. Files are written atomically
//! and private (0600): they hold names, units and, when asked, phone numbers. A missing
//! folder named in `-o` is created private (0700).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::{SubsecRound, Utc};

use crate::export::{self, Format, Options};
use crate::i18n::Lang;
use crate::store::atomic::write_atomic;
use crate::store::session::{open_read_only, read_agenda};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// What to write: md or html (minutes), csv or xlsx (sign-in sheet), json (everything)
    #[arg(long, short = 'f', value_enum)]
    pub format: Format,
    /// Output file, or `-` for standard output (text formats only).
    /// Default: MEETING-ID.EXT in the current directory
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Include phone numbers (left out by default)
    #[arg(long)]
    pub include_contacts: bool,
}

fn format_name(f: Format, lang: Lang) -> &'static str {
    match (f, lang) {
        (Format::Md, Lang::Zh) => "会议纪要（Markdown）",
        (Format::Md, Lang::En) => "minutes (Markdown)",
        (Format::Html, Lang::Zh) => "会议纪要（HTML）",
        (Format::Html, Lang::En) => "minutes (HTML)",
        (Format::Json, Lang::Zh) => "会议数据（JSON）",
        (Format::Json, Lang::En) => "meeting data (JSON)",
        (Format::Csv, Lang::Zh) => "签到表（CSV）",
        (Format::Csv, Lang::En) => "sign-in sheet (CSV)",
        (Format::Xlsx, Lang::Zh) => "签到表与任务清单（Excel）",
        (Format::Xlsx, Lang::En) => "sign-in sheets and action items (Excel)",
    }
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let ui = ctx.lang;
    let to_stdout = args.output.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if to_stdout && !args.format.is_text() {
        errln!(
            "huiwu: {}",
            ui.pick(
                "xlsx is a binary format and cannot go to standard output; name a file with -o",
                "xlsx 是二进制格式，不能输出到标准输出；请用 -o 指定文件名"
            )
        );
        return Ok(ExitCode::from(2));
    }

    let agenda = read_agenda(&args.agenda, ui)?;
    let (meeting, events, header) = open_read_only(&agenda, &ctx.data_dir()?)?;
    // The document's language: --lang when given, else the one the agenda asks for.
    let doc_lang = if ctx.lang_explicit {
        ctx.lang
    } else {
        Lang::from(agenda.agenda.meeting.language)
    };
    if header.is_none() {
        errln!(
            "huiwu: {}",
            ui.pick(
                "note: nothing has been recorded for this meeting yet; the export shows the plan only",
                "提示：本会议尚无任何记录，导出内容仅为会议计划"
            )
        );
    }
    let opts = Options {
        lang: doc_lang,
        include_contacts: args.include_contacts,
        // Whole seconds: the stamp is for people, and stable within a second.
        now: Utc::now().trunc_subsecs(0),
    };
    let bytes = export::render(args.format, &meeting, &events, &opts)?;

    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let path = args.output.unwrap_or_else(|| {
        PathBuf::from(format!(
            "{}.{}",
            agenda.agenda.meeting.id,
            args.format.extension()
        ))
    });
    // A folder named in -o that does not exist yet is made, private (0700) like the file.
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        crate::store::journal::create_private_dir(dir).with_context(|| {
            format!(
                "{}: {}",
                dir.display(),
                ui.pick("cannot create the folder", "无法创建文件夹")
            )
        })?;
    }
    write_atomic(&path, &bytes).with_context(|| {
        format!(
            "{}: {}",
            path.display(),
            ui.pick("cannot write the file", "无法写入文件")
        )
    })?;
    outln!(
        "{}: {} {}",
        path.display(),
        ui.pick("wrote the", "已导出"),
        format_name(args.format, ui)
    );
    if args.include_contacts {
        errln!(
            "huiwu: {}",
            ui.pick(
                "the file holds phone numbers; it is readable by you only (0600) — share it with care",
                "该文件含联系电话，仅本人可读（0600），请谨慎传送"
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}
