//! The workbook: a summary sheet (counts per venue), a sign-in sheet per venue and the
//! action items (the follow-up ledger, with status as of the export). A venue's sheet is
//! the printed 签到表: A4 portrait at full size, a title row (meeting, date, venue, 应到),
//! wrapped cells, rows tall enough to sign, a 签名 column, the header rows repeated on
//! every page; a headcount venue is a line with its figures.
//!
//! Every user string is written with `write_string`, which stores a string cell: Excel
//! never evaluates it, whatever it begins with, and rust_xlsxwriter does no URL
//! detection. Nothing here calls `write_formula` or `write_url`.

use std::collections::HashSet;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};
use unicode_width::UnicodeWidthStr;

use super::Options;
use super::model::{self, ActionRow, SignInSheet, VenueSummary};
use super::words::Words;
use crate::core::meeting::{Counts, Meeting};

/// Excel's limit on a sheet name, in UTF-16 units.
const SHEET_NAME_MAX: usize = 31;
/// Excel's limit on a cell's text, in UTF-16 units.
const CELL_TEXT_MAX: usize = 32_767;
/// Widest column we set, in character widths: longer text wraps or overflows.
const COLUMN_MAX: usize = 60;
/// A4 in Excel's paper-size numbering.
const PAPER_A4: u8 = 9;

pub fn render(m: &Meeting, opts: &Options) -> Result<Vec<u8>, XlsxError> {
    let sheet = model::sign_in_sheet(m, opts);
    let actions = model::action_rows(m, opts);
    render_book(&sheet, &actions, &sheet.date_line, opts)
}

/// Sheet names: Excel forbids `[]:*?/\`, a leading or trailing `'`, more than 31
/// characters and two names equal regardless of case ("History" is reserved).
#[derive(Default)]
pub struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    pub fn new() -> SheetNames {
        let mut s = SheetNames::default();
        s.taken.insert("history".into());
        s
    }

    pub fn claim(&mut self, wanted: &str) -> String {
        let base: String = wanted
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let base = base.trim().trim_matches('\'').trim().to_string();
        let base = if base.is_empty() {
            "Sheet".to_string()
        } else {
            base
        };
        for n in 1.. {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let name = format!(
                "{}{suffix}",
                truncate_utf16(&base, SHEET_NAME_MAX - suffix.len()).trim_end()
            );
            let name = name.trim_end_matches('\'').to_string();
            if !name.is_empty() && self.taken.insert(name.to_lowercase()) {
                return name;
            }
        }
        unreachable!("some numbered name is free")
    }
}

fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..i];
        }
    }
    s
}

/// Column widths by the display width of what was written.
struct Widths(Vec<usize>);

impl Widths {
    fn new() -> Widths {
        Widths(Vec::new())
    }
    fn see(&mut self, col: usize, text: &str) {
        if self.0.len() <= col {
            self.0.resize(col + 1, 0);
        }
        // Only the first line counts for a wrapped cell.
        let first = text.lines().next().unwrap_or("");
        let w = UnicodeWidthStr::width(first).min(COLUMN_MAX);
        if w > self.0[col] {
            self.0[col] = w;
        }
    }
    fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, &w) in self.0.iter().enumerate() {
            ws.set_column_width(col as u16, (w + 2).clamp(4, COLUMN_MAX + 2) as f64)?;
        }
        Ok(())
    }
}

struct Writer<'a> {
    ws: &'a mut Worksheet,
    widths: Widths,
}

impl Writer<'_> {
    fn text(&mut self, row: u32, col: u16, s: &str, fmt: Option<&Format>) -> Result<(), XlsxError> {
        let s = truncate_utf16(s, CELL_TEXT_MAX);
        self.widths.see(col as usize, s);
        match fmt {
            Some(f) => self.ws.write_string_with_format(row, col, s, f)?,
            None => self.ws.write_string(row, col, s)?,
        };
        Ok(())
    }
    fn number(
        &mut self,
        row: u32,
        col: u16,
        n: f64,
        fmt: Option<&Format>,
    ) -> Result<(), XlsxError> {
        self.widths.see(col as usize, &n.to_string());
        match fmt {
            Some(f) => self.ws.write_number_with_format(row, col, n, f)?,
            None => self.ws.write_number(row, col, n)?,
        };
        Ok(())
    }
    fn header(&mut self, row: u32, heads: &[&str], fmt: &Format) -> Result<(), XlsxError> {
        for (c, h) in heads.iter().enumerate() {
            self.text(row, c as u16, h, Some(fmt))?;
        }
        Ok(())
    }
    fn finish(self) -> Result<(), XlsxError> {
        self.widths.apply(self.ws)
    }
}

/// A print header: Excel treats `&` as a code, so it is doubled; the header is capped
/// well under Excel's 255 characters.
fn page_header(text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_control()).take(100).collect();
    format!("&C{}", t.replace('&', "&&"))
}

fn setup_page(ws: &mut Worksheet, header: &str, header_rows: u32) -> Result<(), XlsxError> {
    ws.set_paper_size(PAPER_A4);
    ws.set_header(page_header(header));
    ws.set_footer("&C&P / &N");
    ws.set_print_fit_to_pages(1, 0);
    if header_rows > 0 {
        ws.set_repeat_rows(0, header_rows - 1)?;
        ws.set_freeze_panes(header_rows, 0)?;
    }
    Ok(())
}

struct Formats {
    head: Format,
    title: Format,
    bold: Format,
    percent: Format,
    bold_percent: Format,
    sheet_title: Format,
    sheet_subtitle: Format,
    list_head: Format,
    list_cell: Format,
    list_center: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            head: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xE8E8E8))
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Center),
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            percent: Format::new().set_num_format("0%"),
            bold_percent: Format::new().set_bold().set_num_format("0%"),
            sheet_title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            sheet_subtitle: Format::new()
                .set_font_size(12)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            list_head: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0xE8E8E8))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            list_cell: Format::new()
                .set_font_size(12)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            list_center: Format::new()
                .set_font_size(12)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
        }
    }
}

fn count_cells(
    w: &mut Writer,
    row: u32,
    col: u16,
    c: &Counts,
    bold: Option<&Format>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let values = [
        c.expected,
        c.present,
        c.excused,
        c.absent,
        c.late,
        c.stand_in,
        c.left_early,
        c.observers_present,
    ];
    for (k, v) in values.into_iter().enumerate() {
        w.number(row, col + k as u16, f64::from(v), bold)?;
    }
    let rate_col = col + values.len() as u16;
    if c.expected > 0 {
        let fmt = if bold.is_some() {
            &f.bold_percent
        } else {
            &f.percent
        };
        w.number(
            row,
            rate_col,
            f64::from(c.present) / f64::from(c.expected),
            Some(fmt),
        )?;
    } else {
        w.text(row, rate_col, "-", bold)?;
    }
    Ok(())
}

fn summary_sheet(
    ws: &mut Worksheet,
    sheet: &SignInSheet,
    subtitle: &str,
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    setup_page(ws, &sheet.title, 0)?;
    ws.set_landscape();
    let mut wr = Writer {
        ws,
        widths: Widths::new(),
    };
    // The title is long and would widen column A: written without measuring.
    wr.ws
        .write_string_with_format(0, 0, truncate_utf16(&sheet.title, CELL_TEXT_MAX), &f.title)?;
    wr.ws.write_string(1, 0, subtitle)?;
    let heads = [
        w.venue,
        w.venue_kind,
        w.expected,
        w.present,
        w.excused,
        w.absent,
        w.late,
        w.stand_in,
        w.left_early,
        w.observers,
        w.attendance_rate,
        w.link,
        w.remark,
    ];
    let head_row = 3;
    wr.header(head_row, &heads, &f.head)?;
    let mut row = head_row + 1;
    for v in &sheet.venues {
        wr.text(row, 0, &v.name, None)?;
        wr.text(row, 1, v.kind_label, None)?;
        count_cells(&mut wr, row, 2, &v.counts, None, f)?;
        wr.text(row, 11, &v.link, None)?;
        let mut remark = Vec::new();
        if v.headcount {
            remark.push(if v.reported {
                w.headcount_mark
            } else {
                w.not_reported
            });
        }
        if !v.contact.is_empty() {
            remark.push(&v.contact);
        }
        wr.text(
            row,
            12,
            &remark.join(if w.colon == "：" { "；" } else { "; " }),
            None,
        )?;
        row += 1;
    }
    wr.text(row, 0, w.total, Some(&f.bold))?;
    count_cells(&mut wr, row, 2, &sheet.total, Some(&f.bold), f)?;
    wr.ws.set_freeze_panes(head_row + 1, 0)?;
    wr.ws.set_repeat_rows(head_row, head_row)?;
    wr.finish()
}

/// Column widths of a venue's list, in Excel's character units, by header: sized so
/// that the list prints at full size across A4 portrait (about 95 units between the
/// margins), long units and titles wrapping.
fn sign_in_width(h: &str, w: &Words, blank: bool) -> f64 {
    let wide = if blank { 6.0 } else { 0.0 };
    match h {
        h if h == w.seq => 5.0,
        h if h == w.name => 10.0,
        h if h == w.unit => 22.0 + wide,
        h if h == w.title => 18.0,
        h if h == w.status => 7.0,
        h if h == w.sign_in_time => 10.0,
        h if h == w.signature => 14.0 + wide,
        h if h == w.phone => 13.0,
        _ => 12.0,
    }
}

/// Row height for a handwritten signature, in points.
const SIGNATURE_ROW: f64 = 30.0;
/// One wrapped line of 12 pt text, in points.
const WRAPPED_LINE: f64 = 16.0;

/// The height a row needs: room to sign, or every wrapped line of its longest cell
/// (12 pt text is about 1.2 column units a half-width character).
fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let need = UnicodeWidthStr::width(*text) as f64 * 1.2;
            (need / width.max(1.0)).ceil().max(1.0)
        })
        .fold(1.0, f64::max);
    SIGNATURE_ROW.max(lines * WRAPPED_LINE + 6.0)
}

fn venue_sheet(
    ws: &mut Worksheet,
    sheet: &SignInSheet,
    vi: usize,
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    let v: &VenueSummary = &sheet.venues[vi];
    setup_page(ws, &format!("{} — {}", sheet.title, v.name), 0)?;
    ws.set_portrait();
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    let last = (sheet.headers.len() - 1) as u16;
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.set_column_width(c as u16, sign_in_width(h, w, sheet.blank))?;
    }
    // The title rows: the meeting's sheet, then the date, the venue and its 应到.
    ws.merge_range(
        0,
        0,
        0,
        last,
        truncate_utf16(&sheet.title, CELL_TEXT_MAX),
        &f.sheet_title,
    )?;
    ws.set_row_height(0, 28.0)?;
    let line = format!("{}    {}", sheet.date_line, sheet.venue_lines[vi]);
    ws.merge_range(
        1,
        0,
        1,
        last,
        truncate_utf16(&line, CELL_TEXT_MAX),
        &f.sheet_subtitle,
    )?;
    ws.set_row_height(1, 20.0)?;
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &f.list_head)?;
    }
    ws.set_row_height(2, 22.0)?;
    ws.set_repeat_rows(0, 2)?;
    ws.set_freeze_panes(3, 0)?;
    let rows = &sheet.rows[vi];
    for (k, r) in rows.iter().enumerate() {
        let row = k as u32 + 3;
        ws.write_number_with_format(row, 0, (k + 1) as f64, &f.list_center)?;
        let cells = r.cells(sheet);
        let sized: Vec<(&str, f64)> = cells
            .iter()
            .enumerate()
            .map(|(c, t)| (*t, sign_in_width(sheet.headers[c + 1], w, sheet.blank)))
            .collect();
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16 + 1;
            let fmt = if sheet.headers[c + 1] == w.status || sheet.headers[c + 1] == w.sign_in_time
            {
                &f.list_center
            } else {
                &f.list_cell
            };
            ws.write_string_with_format(row, col, truncate_utf16(cell, CELL_TEXT_MAX), fmt)?;
        }
        ws.set_row_height(row, row_height(&sized))?;
    }
    if let Some(line) = &sheet.headcount_lines[vi] {
        let row = rows.len() as u32 + 3;
        ws.merge_range(
            row,
            0,
            row,
            last,
            truncate_utf16(line, CELL_TEXT_MAX),
            &f.list_cell,
        )?;
        ws.set_row_height(row, SIGNATURE_ROW)?;
    }
    Ok(())
}

fn actions_sheet(
    ws: &mut Worksheet,
    title: &str,
    actions: &[ActionRow],
    w: &Words,
    f: &Formats,
) -> Result<(), XlsxError> {
    setup_page(ws, title, 1)?;
    ws.set_landscape();
    let heads = [
        w.action_id,
        w.task,
        w.owner,
        w.assigned_by,
        w.due,
        w.status,
        w.from_item,
    ];
    for (c, width) in [6.0, 48.0, 30.0, 10.0, 20.0, 8.0, 24.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, width)?;
    }
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.list_head)?;
    }
    for (k, a) in actions.iter().enumerate() {
        let row = k as u32 + 1;
        for (c, cell) in [
            a.id.as_str(),
            &a.text,
            &a.owner_text,
            &a.assigned_by,
            &a.due,
            a.status_label,
            &a.item,
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string_with_format(
                row,
                c as u16,
                truncate_utf16(cell, CELL_TEXT_MAX),
                &f.list_cell,
            )?;
        }
    }
    Ok(())
}

pub fn render_book(
    sheet: &SignInSheet,
    actions: &[ActionRow],
    subtitle: &str,
    opts: &Options,
) -> Result<Vec<u8>, XlsxError> {
    let w = Words::of(opts.lang);
    let f = Formats::new();
    let mut book = Workbook::new();
    // Deflate dominates the time of a 36,000-row workbook; level 1 is several times
    // faster than the default for a file a few percent larger.
    book.set_zip_compression_level(1);
    // The generation time, not the wall clock, so that the same input gives the same file.
    let mut props = DocProperties::new()
        .set_title(truncate_utf16(&sheet.title, 255))
        .set_author("huiwu");
    if let Ok(t) = ExcelDateTime::from_timestamp(opts.now.timestamp()) {
        props = props.set_creation_datetime(&t);
    }
    book.set_properties(&props);
    let mut names = SheetNames::new();
    let summary_name = names.claim(w.summary_sheet);
    let actions_name = names.claim(w.actions_sheet);

    // The blank sheet is for paper sign-in before the meeting: the lists only.
    if !sheet.blank {
        let ws = book.add_worksheet();
        ws.set_name(&summary_name)?;
        summary_sheet(ws, sheet, subtitle, w, &f)?;
    }

    for (vi, v) in sheet.venues.iter().enumerate() {
        let name = names.claim(&v.name);
        let ws = book.add_worksheet();
        ws.set_name(&name)?;
        venue_sheet(ws, sheet, vi, w, &f)?;
    }

    if !sheet.blank {
        let ws = book.add_worksheet();
        ws.set_name(&actions_name)?;
        actions_sheet(
            ws,
            &format!("{} — {}", sheet.title, w.actions_sheet),
            actions,
            w,
            &f,
        )?;
    }

    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut n = SheetNames::new();
        assert_eq!(n.claim("汇总"), "汇总");
        assert_eq!(n.claim("汇总"), "汇总 (2)");
        assert_eq!(n.claim("a[b]c:d*e?f/g\\h"), "a_b_c_d_e_f_g_h");
        assert_eq!(n.claim("'quoted'"), "quoted");
        assert_eq!(n.claim("History"), "History (2)");
        assert_eq!(n.claim("   "), "Sheet");
        assert_eq!(n.claim("ABC"), "ABC");
        assert_eq!(n.claim("abc"), "abc (2)");
        let long = "耀州区教育科技体育局视频会议分会场第一会议室东侧附属会议厅";
        let a = n.claim(long);
        let b = n.claim(long);
        for name in [&a, &b] {
            assert!(name.encode_utf16().count() <= 31, "{name}");
            rust_xlsxwriter::utility::check_sheet_name(name).unwrap();
        }
        assert_ne!(a.to_lowercase(), b.to_lowercase());
        assert!(b.ends_with(" (2)"));
    }

    #[test]
    fn page_headers_escape_ampersands() {
        assert_eq!(page_header("A&B"), "&CA&&B");
    }
}
