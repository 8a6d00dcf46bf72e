//! `huiwu script AGENDA [--format md|docx] [-o FILE|-] [--force]`: the chair's script
//! (主持词) written from the agenda: the opening, the roll call of the branch venues, each
//! item with its speakers and their time limits, the closing with the tasks. In the
//! agenda's language (`meeting.language`) unless `--lang` is given. Written like the
//! minutes: atomically, never over an existing file without `--force`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::core::meeting::Meeting;
use crate::export::{script, script_docx};
use crate::i18n::Lang;

use super::Ctx;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScriptFormat {
    /// Markdown
    Md,
    /// A Word document (A4, the minutes' layout), for Word and WPS
    Docx,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// md or docx
    #[arg(long, short = 'f', value_enum, default_value = "md")]
    pub format: ScriptFormat,
    /// Output file, or `-` for standard output (md only).
    /// Default: MEETING-ID-script.EXT in the current directory
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists (it is kept otherwise)
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let ui = ctx.lang;
    let to_stdout = args.output.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if to_stdout && args.format == ScriptFormat::Docx {
        errln!(
            "huiwu: {}",
            ui.pick(
                "docx is a binary format and cannot go to standard output; name a file with -o",
                "docx 是二进制格式，不能输出到标准输出；请用 -o 指定文件名"
            )
        );
        return Ok(ExitCode::from(2));
    }
    let agenda = ctx.agenda_to_view(&args.agenda, ui)?;
    let lang = if ctx.lang_explicit {
        ctx.lang
    } else {
        Lang::from(agenda.agenda.meeting.language)
    };
    // From the plan alone: the script is written before the meeting.
    let m = Meeting::new(agenda.agenda.clone());
    let s = script::script(&m, lang);
    let bytes = match args.format {
        ScriptFormat::Md => {
            let mut md = script::render_md(&s);
            md.push('\n');
            md.into_bytes()
        }
        ScriptFormat::Docx => {
            // The package's date is the meeting's: one agenda, one file.
            let when = m.scheduled_start().format("%Y-%m-%dT%H:%M:%SZ").to_string();
            script_docx::render(&s, &when)?
        }
    };
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let ext = match args.format {
        ScriptFormat::Md => "md",
        ScriptFormat::Docx => "docx",
    };
    let path = args
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{}-script.{ext}", agenda.agenda.meeting.id)));
    let what = match (args.format, ui) {
        (ScriptFormat::Md, Lang::Zh) => "主持词（Markdown）",
        (ScriptFormat::Md, Lang::En) => "chair's script (Markdown)",
        (ScriptFormat::Docx, Lang::Zh) => "主持词（Word）",
        (ScriptFormat::Docx, Lang::En) => "chair's script (Word)",
    };
    if super::export::write_output(&path, &bytes, args.force, ui, what)? {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
