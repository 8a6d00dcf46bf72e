//! The sign-in sheet as CSV, for Excel and WPS: UTF-8 with a byte-order mark (without it
//! Excel reads Chinese as mojibake), CRLF line ends, one row per person, every venue in
//! one table. A headcount venue is one line with its reported figures, and the figures
//! per venue and in all follow the rows, so that the totals add up.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and, in some, a tab
//! or a carriage return) as a formula; a name typed as `=HYPERLINK(...)` must stay a
//! name. Such cells get a leading `'`, as OWASP recommends.

use ::csv::{QuoteStyle, Terminator, WriterBuilder};

use super::Options;
use super::model::{self, SignInSheet};
use super::words::Words;
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
    let w = Words::of(sheet.lang);
    let rows: usize = sheet.rows.iter().map(Vec::len).sum();
    let mut buf = Vec::with_capacity(BOM.len() + 96 * (rows + 1));
    buf.extend_from_slice(BOM.as_bytes());
    let mut out = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .from_writer(buf);
    // One table for every venue: the venue is a column; the 签名 column is for paper.
    let mut headers: Vec<&str> = sheet
        .headers
        .iter()
        .copied()
        .filter(|h| *h != w.signature)
        .collect();
    headers.insert(4, w.venue);
    out.write_record(&headers)?;
    let mut seq = 0usize;
    let mut record: Vec<String> = Vec::with_capacity(headers.len());
    for (vi, venue_rows) in sheet.rows.iter().enumerate() {
        let venue = &sheet.venues[vi];
        for row in venue_rows {
            seq += 1;
            record.clear();
            record.push(seq.to_string());
            let cells: Vec<&str> = row.cells(sheet);
            // name, unit, title | [status, time,] signature, remark, [phone]
            for (k, c) in cells.iter().enumerate() {
                if k == 3 {
                    record.push(neutralise(&venue.name).into_owned());
                }
                if sheet.headers[k + 1] == w.signature {
                    continue;
                }
                record.push(neutralise(c).into_owned());
            }
            out.write_record(&record)?;
        }
        // A headcount venue has no names: its figures as one line, so that it counts.
        if let Some(line) = &sheet.headcount_lines[vi] {
            let mut r = vec![String::new(); headers.len()];
            r[4] = neutralise(&venue.name).into_owned();
            if let Some(k) = headers.iter().position(|h| *h == w.remark) {
                r[k] = neutralise(line).into_owned();
            }
            out.write_record(&r)?;
        }
    }
    // The figures per venue and in all: what the rows above add up to. Every record
    // has the header's width, so that a reader of the table is not thrown.
    let width = headers.len();
    let mut put = |cells: Vec<String>| {
        let mut r = cells;
        r.resize(width.max(r.len()), String::new());
        out.write_record(&r)
    };
    put(Vec::new())?;
    let line = |name: &str, c: &crate::core::meeting::Counts| {
        let mut r = vec![neutralise(name).into_owned(), c.expected.to_string()];
        if !sheet.blank {
            r.extend([c.present, c.excused, c.absent, c.late].map(|n| n.to_string()));
        }
        r
    };
    let mut head = vec![w.venue.to_string(), w.expected.to_string()];
    if !sheet.blank {
        head.extend([w.present, w.excused, w.absent, w.late].map(str::to_string));
    }
    put(head)?;
    for v in &sheet.venues {
        put(line(&v.name, &v.counts))?;
    }
    put(line(w.total, &sheet.total))?;
    out.into_inner().map_err(|e| e.into_error().into())
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
