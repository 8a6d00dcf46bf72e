//! Exports: the minutes (Markdown, HTML), the sign-in sheet (CSV, XLSX) and the whole
//! meeting (JSON). Each format is a pure function of the meeting (plus [`Options`]); the
//! content is computed once in [`model`] and only laid out by the format modules. Writing
//! the bytes to disk is the caller's business (see `store::atomic::write_atomic`).

use chrono::{DateTime, Utc};

use crate::core::event::Event;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod model;
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
    /// The generation time (printed in the minutes, used for running items' elapsed time
    /// and for "overdue").
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Minutes as Markdown
    Md,
    /// Minutes as one self-contained HTML page (print it to PDF)
    Html,
    /// The whole meeting: plan, events and derived state (docs/export-json.md)
    Json,
    /// Sign-in sheet as CSV (UTF-8 with BOM, for Excel)
    Csv,
    /// Workbook: summary, a sign-in sheet per venue, action items
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Html,
        Format::Json,
        Format::Csv,
        Format::Xlsx,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether the output is text that may go to a terminal or a pipe.
    pub fn is_text(self) -> bool {
        !matches!(self, Format::Xlsx)
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
        Format::Json => json::render(m, events, opts)?.into_bytes(),
        Format::Csv => csv::render(m, opts)?,
        Format::Xlsx => xlsx::render(m, opts)?,
    })
}
