//! `huiwu check FILE...` and `huiwu schema`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::core::load::Severity;
use crate::store::session::check_file;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Agenda files to check
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print nothing for files without problems
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
            eprintln!("{}", d.display(&name, lang));
        }
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diags.len() - errors;
        match agenda {
            Some((a, _)) if errors == 0 => {
                if !args.quiet {
                    let people = a.participants.len();
                    let venues = a.venues.len();
                    let items = a.items.len();
                    println!(
                        "{}",
                        match lang {
                            crate::i18n::Lang::En => format!(
                                "{name}: ok — {venues} venues, {people} participants, {items} items, {warnings} warnings"
                            ),
                            crate::i18n::Lang::Zh => format!(
                                "{name}：通过 — {venues} 个会场，{people} 名参会人员，{items} 项议程，{warnings} 条警告"
                            ),
                        }
                    );
                }
            }
            _ => {
                failed = true;
                eprintln!(
                    "{}",
                    match lang {
                        crate::i18n::Lang::En =>
                            format!("{name}: {errors} errors, {warnings} warnings"),
                        crate::i18n::Lang::Zh =>
                            format!("{name}：{errors} 个错误，{warnings} 条警告"),
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

pub fn schema() -> anyhow::Result<ExitCode> {
    let schema = schemars::schema_for!(crate::core::agenda::Agenda);
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(ExitCode::SUCCESS)
}
