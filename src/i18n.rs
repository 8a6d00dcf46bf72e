//! The two languages huiwu speaks. Messages are chosen with an exhaustive match on
//! [`Lang`], so a string cannot exist in one language only.

use serde::{Deserialize, Serialize};

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

    /// Pick the string for this language.
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

use crate::core::meeting::Status;

/// The status column's words, as secretaries write them.
pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::NotArrived, Lang::Zh) => "未到",
        (Status::NotArrived, Lang::En) => "not arrived",
        (Status::Present, Lang::Zh) => "已到",
        (Status::Present, Lang::En) => "present",
        (Status::Late, Lang::Zh) => "迟到",
        (Status::Late, Lang::En) => "late",
        (Status::LeftEarly, Lang::Zh) => "早退",
        (Status::LeftEarly, Lang::En) => "left early",
        (Status::Excused, Lang::Zh) => "请假",
        (Status::Excused, Lang::En) => "excused",
        (Status::StandIn, Lang::Zh) => "代会",
        (Status::StandIn, Lang::En) => "stand-in",
    }
}
