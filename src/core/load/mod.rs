//! Reading an agenda from bytes and checking its meaning. Every problem is collected, so a
//! secretary learns of all of them at once. No I/O: the caller reads the file.
//!
//! Two ways in, which accept the same files and give the same agenda:
//! - [`fast`]: a good agenda straight from its bytes to its types ([`load_agenda`] tries it
//!   first: every command loads the agenda before it does anything else);
//! - the diagnostic pass ([`check_agenda`], and [`load_agenda`] when the fast path gives
//!   up), in three stages, each in its own file:
//!   - [`syntax`]: bytes to a JSON tree (encoding, comments, duplicate keys), problems
//!     located by line and column;
//!   - [`decode`]: the tree to typed [`Agenda`] parts, one list element at a time, problems
//!     located by their path in the document (`participants[12].venue`);
//!   - [`validate`](validate()): what the agenda means (ids, venues, speakers, durations),
//!     which both ways run, and no control character or escape sequence in any text
//!     ([`text`]).

use std::fmt;

use serde_json::Value;

use super::agenda::Agenda;
use crate::i18n::Lang;

mod decode;
mod fast;
mod strict;
mod syntax;
mod text;
mod validate;

pub use fast::{parse_fast, parse_fast_split};
pub use strict::extra as strict_extra;
pub use syntax::strip_comments;
pub use validate::validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where in the file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole.
    File,
    /// 1-based line and column (syntax and encoding problems). Columns count characters.
    Pos { line: usize, col: usize },
    /// A path in the document: `participants[12].venue`.
    Path(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
        }
    }
    fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location,
            message: message.into(),
        }
    }

    /// `FILE:LINE:COL: error: message` or `FILE: path: warning: message`.
    pub fn display<'a>(&'a self, file: &'a str, lang: Lang) -> impl fmt::Display + 'a {
        DiagnosticDisplay {
            d: self,
            file,
            lang,
        }
    }
}

struct DiagnosticDisplay<'a> {
    d: &'a Diagnostic,
    file: &'a str,
    lang: Lang,
}

impl fmt::Display for DiagnosticDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match (self.d.severity, self.lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
        };
        match &self.d.location {
            Location::File => write!(f, "{}: {sev}: {}", self.file, self.d.message),
            Location::Pos { line, col } => {
                write!(f, "{}:{line}:{col}: {sev}: {}", self.file, self.d.message)
            }
            Location::Path(p) => write!(f, "{}: {p}: {sev}: {}", self.file, self.d.message),
        }
    }
}

/// The result of loading: the agenda when it is usable, and every diagnostic found.
#[derive(Debug)]
pub struct Loaded {
    pub agenda: Option<Agenda>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Pick the message of the language: `tr!(lang, en, zh)`.
macro_rules! tr {
    ($lang:expr, $en:expr, $zh:expr) => {
        match $lang {
            $crate::i18n::Lang::En => $en,
            $crate::i18n::Lang::Zh => $zh,
        }
    };
}
pub(crate) use tr;

/// Parse and check an agenda. Never panics, whatever the bytes. The agenda is returned
/// only when there is no error (warnings allowed). A good agenda takes the fast path; any
/// other gets the diagnostic pass, so the answer is always that of [`check_agenda`].
pub fn load_agenda(bytes: &[u8], lang: Lang) -> Loaded {
    match parse_fast(bytes) {
        Some(agenda) => checked(agenda, lang),
        None => check_agenda(bytes, lang),
    }
}

/// The diagnostic pass: every problem of the file at once, each at its line and column
/// (syntax, encoding) or its path in the document (types, meaning). For `huiwu check`,
/// and for [`load_agenda`] when the fast path gives up.
pub fn check_agenda(bytes: &[u8], lang: Lang) -> Loaded {
    let value = match syntax::parse(bytes, lang) {
        Ok(v) => v,
        Err(d) => {
            return Loaded {
                agenda: None,
                diagnostics: vec![d],
            };
        }
    };
    let Value::Object(root) = value else {
        return Loaded {
            agenda: None,
            diagnostics: vec![Diagnostic::error(
                Location::File,
                tr!(
                    lang,
                    format!(
                        "the file holds {}, but an agenda is a JSON object {{ ... }} with `meeting`, `venues`, `participants` and `items`",
                        decode::describe_value(&value, lang)
                    ),
                    format!(
                        "文件内容是{}，而议程文件应为一个 JSON 对象 {{ ... }}，包含 `meeting`、`venues`、`participants`、`items`",
                        decode::describe_value(&value, lang)
                    )
                ),
            )],
        };
    };
    let mut diags = Vec::new();
    let (agenda, dropped) = decode::agenda(root, lang, &mut diags);
    diags.extend(validate::validate_decoded(&agenda, &dropped, lang));
    // Type problems are found before meaning problems; show both in document order.
    diags.sort_by_key(document_order);
    let has_errors = diags.iter().any(|d| d.severity == Severity::Error);
    Loaded {
        agenda: (!has_errors).then_some(agenda),
        diagnostics: diags,
    }
}

/// The meaning checks of an agenda the fast path decoded.
fn checked(agenda: Agenda, lang: Lang) -> Loaded {
    let mut diags = validate(&agenda, lang);
    diags.sort_by_key(document_order);
    let usable = diags.iter().all(|d| d.severity < Severity::Error);
    Loaded {
        agenda: usable.then_some(agenda),
        diagnostics: diags,
    }
}

/// Sort key: the section of the document (meeting, venues, participants, items, actions)
/// and the position in its list. The sort is stable, so the order within one element is
/// kept.
fn document_order(d: &Diagnostic) -> (u8, usize) {
    let Location::Path(p) = &d.location else {
        return (0, 0);
    };
    let name_end = p.find(['[', '.']).unwrap_or(p.len());
    let section = match &p[..name_end] {
        "meeting" => 1,
        "venues" => 2,
        "participants" => 3,
        "items" => 4,
        "actions" => 5,
        // The format, and fields the document does not know (a misspelt section).
        _ => 0,
    };
    let index = p[name_end..]
        .strip_prefix('[')
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (section, index)
}

#[cfg(test)]
mod tests;
