//! The sign-in sheet as CSV, for Excel and WPS: UTF-8 with a byte-order mark (without it
//! Excel reads Chinese as mojibake), CRLF line ends, one row per person, every venue in
//! one table. Headcount venues have no named rows (their counts are in the XLSX summary
//! and the minutes).
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and, in some, a tab
//! or a carriage return) as a formula; a name typed as `=HYPERLINK(...)` must stay a
//! name. Such cells get a leading `'`, as OWASP recommends.

use ::csv::{QuoteStyle, Terminator, WriterBuilder};

use super::Options;
use super::model::{self, SignInSheet};
use crate::core::meeting::Meeting;

pub const BOM: &str = "\u{FEFF}";

/// A cell that a spreadsheet would not run as a formula.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

pub fn render(m: &Meeting, opts: &Options) -> Result<Vec<u8>, ::csv::Error> {
    render_sheet(&model::sign_in_sheet(m, opts))
}

pub fn render_sheet(sheet: &SignInSheet) -> Result<Vec<u8>, ::csv::Error> {
    let rows: usize = sheet.rows.iter().map(Vec::len).sum();
    let mut buf = Vec::with_capacity(BOM.len() + 96 * (rows + 1));
    buf.extend_from_slice(BOM.as_bytes());
    let mut w = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .from_writer(buf);
    w.write_record(&sheet.headers)?;
    let mut seq = 0usize;
    let mut record: Vec<String> = Vec::with_capacity(sheet.headers.len());
    for venue_rows in &sheet.rows {
        for row in venue_rows {
            seq += 1;
            record.clear();
            record.push(seq.to_string());
            record.extend(row.cells(sheet).map(|c| neutralise(c).into_owned()));
            w.write_record(&record)?;
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for s in ["=1+1", "+cmd", "-1+1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        for s in ["王晓红", "1-2", "a=b", "", "'quoted"] {
            assert_eq!(neutralise(s), s);
        }
    }
}
