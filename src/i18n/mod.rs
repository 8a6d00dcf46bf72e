//! The two languages huiwu speaks, and the one way strings are written for them:
//!
//! - fixed strings in a `texts!` table, messages with values in a `messages!` table
//!   ([`table`]): both languages side by side, checked while the crate compiles;
//! - errors that carry values implement [`Localized`], so the CLI and the desk tell the
//!   same error in the same words ([`describe`] for an `anyhow::Error`);
//! - [`Said`]: what the CLI and the desk both say (the journal-open warnings).

use serde::{Deserialize, Serialize};

mod errors;
pub mod table;

pub use errors::describe;
pub(crate) use table::{messages, texts};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 简体中文
    #[default]
    Zh,
    /// English
    En,
}

impl Lang {
    /// From the usual locale variables (`LC_ALL`, `LC_MESSAGES`, `LANG`, `LANGUAGE`):
    /// Chinese for a `zh*` locale or none at all (Chinese Windows sets none), English for
    /// any other, `C`/`POSIX` included.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
            if let Ok(v) = std::env::var(var) {
                let v = v.trim();
                if v.is_empty() {
                    continue;
                }
                return Self::from_locale(v);
            }
        }
        Lang::Zh
    }

    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.to_ascii_lowercase();
        if l.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Pick the string for this language. Prefer a `texts!` table, whose entries are
    /// checked; this is for the few strings made of other strings.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

impl From<crate::core::agenda::Language> for Lang {
    fn from(l: crate::core::agenda::Language) -> Lang {
        match l {
            crate::core::agenda::Language::Zh => Lang::Zh,
            crate::core::agenda::Language::En => Lang::En,
        }
    }
}

/// An error (or any message) that carries values, told to a person in their language.
/// The CLI prints it after `huiwu: `; the desk shows it in the notice line.
pub trait Localized {
    fn message(&self, lang: Lang) -> String;
}

messages! {
    /// What the CLI and the desk both say, in the same words.
    pub enum Said {
        /// Opening the journal found a torn last line and moved it aside.
        TornTail { side: String } =>
            "the journal's last line was incomplete (a crash mid-write); it was moved to {side} and cut off. Everything acknowledged before it is intact.",
            "记录文件最后一行不完整（写入时中断）；已移至 {side} 并截去。此前确认保存的内容完好无损。";
        /// The agenda file is not the one the journal started with.
        AgendaChanged =>
            "the agenda file changed since this meeting's journal was started; the change is noted in the journal",
            "议程文件在本次会议记录开始后有改动；已在记录中注明";
        /// A file the user named could not be used.
        FileProblem { file: String, why: String } => "{file}: {why}", "{file}: {why}";
    }
}

texts! {
    /// Words the CLI puts before a message: `huiwu: error: ...`.
    pub enum Word {
        Error => "error", "错误";
        Warning => "warning", "警告";
    }
}

use crate::core::meeting::Status;

texts! {
    /// The status column's words, as secretaries write them.
    enum StatusText {
        NotArrived => "not arrived", "未到";
        Present => "present", "已到";
        Late => "late", "迟到";
        LeftEarly => "left early", "早退";
        Excused => "excused", "请假";
        StandIn => "stand-in", "代会";
    }
}

/// The status column's words, as secretaries write them.
pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::NotArrived => StatusText::NotArrived,
        Status::Present => StatusText::Present,
        Status::Late => StatusText::Late,
        Status::LeftEarly => StatusText::LeftEarly,
        Status::Excused => StatusText::Excused,
        Status::StandIn => StatusText::StandIn,
    }
    .get(lang)
}
