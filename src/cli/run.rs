//! `huiwu run AGENDA`: the attendance desk (the terminal UI). Resumes the meeting's
//! journal if there is one.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;

use crate::store::session::Session;
use crate::tui::keymap::Keymap;

use super::Ctx;
use crate::i18n::texts;

texts! {
    enum RunText {
        KeysRefused =>
            "the key bindings above were refused; fix keys.json or move it aside",
            "以上按键设置有误；请修改 keys.json 或将其移走";
        NeedsTerminal =>
            "`huiwu run` needs a terminal; for scripts use `huiwu attend` and `huiwu status`",
            "`huiwu run` 需要在终端中运行；脚本请用 `huiwu attend` 和 `huiwu status`";
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    /// Follow the meeting without recording anything (a projector, a second screen):
    /// takes no seat and writes nothing; every key that would record is refused
    #[arg(long)]
    pub read_only: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let agenda = match ctx.agenda(&args.agenda, lang) {
        Ok(a) => a,
        Err(e) => {
            errln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let keymap = match Keymap::load(crate::store::paths::config_dir().as_deref(), lang) {
        Ok(k) => k,
        Err(e) => {
            errln!("{e}");
            errln!("huiwu: {}", RunText::KeysRefused.get(lang));
            return Ok(ExitCode::from(1));
        }
    };
    // Checked after the files, so a wrong agenda or keys.json is reported from a script too.
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        errln!("huiwu: {}", RunText::NeedsTerminal.get(lang));
        return Ok(ExitCode::from(2));
    }
    // With a server: one sync first, so that the desk opens on the latest meeting, then
    // the sync thread while the desk runs (the desk hears pulled events like any other
    // seat's; see `crate::server::cache`). A read-only desk only follows.
    let sync = super::sync::before(ctx, &args.agenda, super::sync::Mode::Follow);
    let session = if args.read_only {
        Session::follow(&agenda, &ctx.data_dir()?)?
    } else {
        Session::open(
            &agenda,
            &ctx.data_dir()?,
            ctx.claim(crate::store::seat::Role::Desk),
            Utc::now(),
        )?
    };
    let mut app = crate::tui::App::new(session, lang, keymap);
    app.set_theme(crate::tui::theme::Theme::detect());
    if let Some(super::sync::Linked::Follow(t)) = &sync {
        app.set_sync(t.state());
    }
    let r = crate::tui::run(&mut app);
    super::sync::after(sync, lang);
    r?;
    Ok(ExitCode::SUCCESS)
}
