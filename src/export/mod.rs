//! Exports: the minutes (Markdown, HTML, Word), the sign-in sheet (CSV, XLSX) and the
//! whole meeting (JSON). Each format is a pure function of the meeting (plus [`Options`]); the
//! content is computed once in [`model`] and only laid out by the format modules. Writing
//! the bytes to disk is the caller's business (see `store::atomic::write_atomic`).

use chrono::{DateTime, Utc};

use crate::core::event::Event;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

pub mod csv;
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
pub mod model;
pub mod script;
pub mod script_docx;
pub mod words;
pub mod xlsx;

/// What every format needs besides the meeting.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Language of the document (labels, dates, numbering).
    pub lang: Lang,
    /// Put phone numbers (participants', venue contacts') in the output. Off by default:
    /// minutes and sheets travel further than the secretary's desk.
    pub include_contacts: bool,
    /// The generation time: the workbook's "overdue" and its file date, the JSON export's
    /// elapsed times. Never in the minutes, which come from the record alone.
    pub now: DateTime<Utc>,
    /// Include the minutes' attachment 附件：签到名单 (every name, by venue).
    pub attachment: bool,
    /// The sign-in sheet before the meeting: names only, for paper sign-in.
    pub blank: bool,
}

impl Options {
    /// The usual: no phone numbers, the attachment included, a filled sheet.
    pub fn new(lang: Lang, now: DateTime<Utc>) -> Options {
        Options {
            lang,
            include_contacts: false,
            now,
            attachment: true,
            blank: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Minutes as Markdown
    Md,
    /// Minutes as one self-contained HTML page (print it to PDF)
    Html,
    /// Minutes as a Word document (A4, GB/T 9704 layout), for Word and WPS
    Docx,
    /// The whole meeting: plan, events and derived state (docs/export-json.md)
    Json,
    /// Sign-in sheet as CSV (UTF-8 with BOM, for Excel)
    Csv,
    /// Workbook: summary, a sign-in sheet per venue, action items
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Md,
        Format::Html,
        Format::Docx,
        Format::Json,
        Format::Csv,
        Format::Xlsx,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether the output is text that may go to a terminal or a pipe.
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Xlsx | Format::Docx)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("csv: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("docx: {0}")]
    Docx(String),
}

/// Render one format. `events` is the journal the meeting was folded from; only the JSON
/// export includes it.
pub fn render(
    format: Format,
    m: &Meeting,
    events: &[Event],
    opts: &Options,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Md => markdown::render(m, opts).into_bytes(),
        Format::Html => html::render(m, opts).into_bytes(),
        Format::Docx => docx::render(m, opts)?,
        Format::Json => json::render(m, events, opts)?.into_bytes(),
        Format::Csv => csv::render(m, opts)?,
        Format::Xlsx => xlsx::render(m, opts)?,
    })
}
