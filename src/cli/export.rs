//! `huiwu export AGENDA --format md|html|docx|json|csv|xlsx [-o FILE] [--force]
//! [--blank] [--no-attachment] [--include-contacts]`: write the minutes, the sign-in
//! sheet or the whole meeting. Reads the journal without taking the lock, so it works
//! while the desk is running. An existing file is kept unless `--force`; the full path of
//! the file written is printed. Files are written atomically and private (0600): they
//! hold names, units and, when asked, phone numbers. A missing folder named in `-o` is
//! created private (0700).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::{SubsecRound, Utc};

use crate::export::{self, Format, Options};
use crate::i18n::Lang;
use crate::store::atomic::write_atomic;
use crate::store::session::open_read_only;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// What to write: md, html or docx (minutes), csv or xlsx (sign-in sheet), json
    /// (everything)
    #[arg(long, short = 'f', value_enum)]
    pub format: Format,
    /// Replace the output file if it exists (it is kept otherwise)
    #[arg(long)]
    pub force: bool,
    /// The sign-in sheet before the meeting: names and a 签名 column, no status (csv, xlsx)
    #[arg(long)]
    pub blank: bool,
    /// Leave the attachment 附件：签到名单 (every name by venue) out of the minutes
    #[arg(long)]
    pub no_attachment: bool,
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
        (Format::Docx, Lang::Zh) => "会议纪要（Word）",
        (Format::Docx, Lang::En) => "minutes (Word)",
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
        let ext = args.format.extension();
        errln!(
            "huiwu: {}",
            match ui {
                Lang::En => format!(
                    "{ext} is a binary format and cannot go to standard output; name a file with -o"
                ),
                Lang::Zh => format!("{ext} 是二进制格式，不能输出到标准输出；请用 -o 指定文件名"),
            }
        );
        return Ok(ExitCode::from(2));
    }
    if args.blank && !matches!(args.format, Format::Csv | Format::Xlsx) {
        errln!(
            "huiwu: {}",
            ui.pick(
                "--blank is for the sign-in sheet (csv or xlsx)",
                "--blank 只用于签到表（csv 或 xlsx）"
            )
        );
        return Ok(ExitCode::from(2));
    }

    let agenda = ctx.agenda_to_view(&args.agenda, ui)?;
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
        include_contacts: args.include_contacts,
        attachment: !args.no_attachment,
        blank: args.blank,
        // Whole seconds: the workbook's date is for people, and stable within a second.
        ..Options::new(doc_lang, Utc::now().trunc_subsecs(0))
    };
    let bytes = export::render(args.format, &meeting, &events, &opts)?;

    if to_stdout {
        super::out::bytes(&bytes);
        return Ok(ExitCode::SUCCESS);
    }
    let path = args.output.unwrap_or_else(|| {
        let blank = if args.blank { "-blank" } else { "" };
        PathBuf::from(format!(
            "{}{blank}.{}",
            agenda.agenda.meeting.id,
            args.format.extension()
        ))
    });
    if write_output(&path, &bytes, args.force, ui, format_name(args.format, ui))? {
        return Ok(ExitCode::from(1));
    }
    if args.include_contacts {
        errln!(
            "huiwu: {}",
            ui.pick(
                "the file holds phone numbers; it is readable by you only (0600); share it with care",
                "该文件含联系电话，仅本人可读（0600），请谨慎传送"
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Write `bytes` to `path` atomically and privately, creating a missing folder, and say
/// the full path written with `what` it is. An existing file is kept unless `force`:
/// then it says so and answers `true` (the caller exits 1).
pub(crate) fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
    force: bool,
    ui: Lang,
    what: &str,
) -> anyhow::Result<bool> {
    // Never replace a file silently: it may be the copy someone has edited.
    if path.exists() && !force {
        errln!(
            "huiwu: {}",
            match ui {
                Lang::En => format!(
                    "{} already exists; kept as it is. Use --force to replace it, or -o to name another file",
                    path.display()
                ),
                Lang::Zh => format!(
                    "{} 已存在，未覆盖。如需替换请加 --force，或用 -o 指定其他文件名",
                    path.display()
                ),
            }
        );
        return Ok(true);
    }
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
    write_atomic(path, bytes).with_context(|| {
        format!(
            "{}: {}",
            path.display(),
            ui.pick("cannot write the file", "无法写入文件")
        )
    })?;
    // Where the file went, in full: the current folder is not always where one looks.
    let shown = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    outln!(
        "{}: {} {what}",
        shown.display(),
        ui.pick("wrote the", "已导出")
    );
    Ok(false)
}
