//! `huiwu reconcile AGENDA EXPORT_FILE`: sign-ins from a video platform's attendance export.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// The platform's attendance export (Tencent Meeting xlsx, Zoom csv, Teams csv/tsv)
    pub export: PathBuf,
    /// Show what would be recorded and record nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(_ctx: &Ctx, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not yet")
}
