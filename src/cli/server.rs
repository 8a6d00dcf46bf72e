//! `huiwu server init URL`: create (or upgrade) huiwu's tables in a PostgreSQL database,
//! as its owner, once before a meeting; `--grant ROLE` gives a seat's role its rights
//! (read, add; never change or delete). Running it again changes nothing.

use std::process::ExitCode;

use clap::Subcommand;

use crate::i18n::Lang;
use crate::server::schema::{self, InitOutcome, SCHEMA_VERSION};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub op: Op,
}

#[derive(Debug, Subcommand)]
pub enum Op {
    /// Create or upgrade huiwu's tables in a PostgreSQL database (run as its owner)
    Init(InitArgs),
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The database: postgresql://USER:PASSWORD@HOST/DATABASE (default: --server or
    /// HUIWU_SERVER)
    pub url: Option<String>,
    /// Give this role a seat's rights (SELECT and INSERT only); may be repeated
    #[arg(long = "grant", value_name = "ROLE")]
    pub grant: Vec<String>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    match args.op {
        Op::Init(a) => init(ctx, a),
    }
}

fn init(ctx: &Ctx, args: InitArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let Some(text) = args.url.or_else(|| ctx.server.clone()) else {
        errln!(
            "huiwu: {}",
            lang.pick(
                "give the database: huiwu server init postgresql://USER:PASSWORD@HOST/DATABASE",
                "请指定数据库：huiwu server init postgresql://用户:密码@主机/数据库"
            )
        );
        return Ok(ExitCode::from(2));
    };
    let url = match crate::server::ServerUrl::parse(&text) {
        Ok(u) => u,
        Err(e) => {
            errln!("huiwu: {}", e.message(lang));
            return Ok(ExitCode::from(2));
        }
    };
    let outcome = match schema::init(&url, &args.grant) {
        Ok(o) => o,
        Err(e) => {
            errln!("huiwu: {}", e.message(lang));
            return Ok(ExitCode::from(1));
        }
    };
    let server = url.shown();
    outln!(
        "{}",
        match (outcome, lang) {
            (InitOutcome::Created, Lang::En) =>
                format!("created huiwu's tables in {server} (schema version {SCHEMA_VERSION})"),
            (InitOutcome::Created, Lang::Zh) =>
                format!("已在 {server} 中建立 huiwu 的表（结构版本 {SCHEMA_VERSION}）"),
            (InitOutcome::AlreadyCurrent, Lang::En) => format!(
                "{server} already has huiwu's tables at schema version {SCHEMA_VERSION}; nothing changed"
            ),
            (InitOutcome::AlreadyCurrent, Lang::Zh) =>
                format!("{server} 中已有 huiwu 的表（结构版本 {SCHEMA_VERSION}）；未作改动"),
            (InitOutcome::Upgraded { from }, Lang::En) => format!(
                "upgraded huiwu's tables in {server} from version {from} to {SCHEMA_VERSION}"
            ),
            (InitOutcome::Upgraded { from }, Lang::Zh) =>
                format!("已将 {server} 中 huiwu 的表从版本 {from} 升级到 {SCHEMA_VERSION}"),
        }
    );
    for role in &args.grant {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("role `{role}` may read and add events (no update, no delete)"),
                Lang::Zh => format!("角色 `{role}` 可读取和添加记录（不能修改或删除）"),
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
