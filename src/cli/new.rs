//! `huiwu new FILE`: write the commented agenda template.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;

/// The template, also shipped as `agendas/template.json`.
pub const TEMPLATE: &str = include_str!("../../agendas/template.json");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the template (refuses to overwrite)
    pub file: PathBuf,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let mut f = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&args.file)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            errln!(
                "huiwu: {}: {}",
                args.file.display(),
                ctx.lang
                    .pick("already exists; not overwritten", "文件已存在，未覆盖")
            );
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(anyhow::anyhow!("{}: {e}", args.file.display())),
    };
    f.write_all(TEMPLATE.as_bytes())?;
    f.sync_all()?;
    outln!(
        "{}: {}",
        args.file.display(),
        ctx.lang.pick(
            "template written; edit it, then run `huiwu check` on it",
            "模板已生成；编辑后请用 `huiwu check` 检查"
        )
    );
    Ok(ExitCode::SUCCESS)
}
