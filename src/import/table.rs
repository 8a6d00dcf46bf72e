//! Rows of cells from a CSV/TSV text or a workbook (xlsx, xls, ods via calamine), each row
//! numbered as a spreadsheet program shows it, so that "row 12" in a report is the row
//! the secretary sees when she opens the file.

use std::io::Cursor;

use calamine::{Data, Reader};

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based, as a spreadsheet shows it (blank rows count).
    pub number: usize,
    pub cells: Vec<String>,
}

impl Row {
    pub fn cell(&self, col: usize) -> &str {
        self.cells.get(col).map(String::as_str).unwrap_or("")
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }

    /// The non-empty cells, trimmed.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &str)> {
        self.cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.trim()))
            .filter(|(_, c)| !c.is_empty())
    }
}

/// One sheet, or the whole of a CSV file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// The sheet's name in a workbook; `None` for a text file.
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Every cell (and the sheet's name) through [`crate::sanitize::strip`], before the
    /// header, the title rows or any name is looked at: a cell holding an escape sequence
    /// must neither reach the terminal nor the agenda. Returns the numbers of the rows it
    /// changed, for the secretary to be told.
    pub fn strip_controls(&mut self) -> Vec<usize> {
        use crate::sanitize::strip_in_place;
        if let Some(s) = &mut self.sheet {
            strip_in_place(s);
        }
        let mut changed = Vec::new();
        for row in &mut self.rows {
            let mut any = false;
            for c in &mut row.cells {
                any |= strip_in_place(c);
            }
            if any {
                changed.push(row.number);
            }
        }
        changed
    }
}

/// What a file is, from its first bytes (not its name: people rename files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A zip container (xlsx, ods) or an OLE compound file (xls).
    Workbook,
    Text,
}

pub fn sniff_kind(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        FileKind::Workbook
    } else {
        FileKind::Text
    }
}

/// Split delimited text into rows. `delimiter` `None` guesses among comma, tab and
/// semicolon. Quotes follow RFC 4180 (`""` inside a quoted field is one `"`); a quoted
/// field may span lines and is still one row, as in Excel.
pub fn parse_delimited(text: &str, delimiter: Option<char>) -> Table {
    parse_delimited_checked(text, delimiter).0
}

/// [`parse_delimited`], also telling the row where a quote was opened and never closed
/// (the rest of the file then reads as one cell: worth refusing, not importing).
pub fn parse_delimited_checked(text: &str, delimiter: Option<char>) -> (Table, Option<usize>) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let delim = delimiter.unwrap_or_else(|| guess_delimiter(text));
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut at_cell_start = true;
    let mut quote_row = 0;
    let mut chars = text.chars().peekable();
    let push_row = |cells: &mut Vec<String>, rows: &mut Vec<Row>| {
        let number = rows.len() + 1;
        rows.push(Row {
            number,
            cells: std::mem::take(cells),
        });
    };
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                quote_row = rows.len() + 1;
                at_cell_start = false;
            }
            c if c == delim => {
                cells.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(std::mem::take(&mut cell));
                push_row(&mut cells, &mut rows);
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    // A quote opened on the last line is a row even when nothing follows it, so that the
    // unclosed quote's row (reported below) is one of the table's.
    if quoted || !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        push_row(&mut cells, &mut rows);
    }
    // A blank line is one empty cell; make it no cells, like a blank spreadsheet row.
    for r in &mut rows {
        if r.cells.len() == 1 && r.cells[0].is_empty() {
            r.cells.clear();
        }
    }
    let unclosed = quoted.then_some(quote_row);
    (Table { sheet: None, rows }, unclosed)
}

/// The delimiter that splits the first lines most consistently into more than one cell.
fn guess_delimiter(text: &str) -> char {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (',', 0usize);
    for d in ['\t', ',', ';'] {
        // Count per line outside quotes; score = lines where the delimiter appears, with
        // the most common count weighted in so a stray comma in a title does not win.
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let with = counts.iter().filter(|&&n| n > 0).count();
        let mut freq = std::collections::HashMap::new();
        for &n in counts.iter().filter(|&&n| n > 0) {
            *freq.entry(n).or_insert(0usize) += 1;
        }
        let mode = freq.values().copied().max().unwrap_or(0);
        let score = with + mode;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == d && !quoted {
            n += 1;
        }
    }
    n
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    /// A zip file cut short or damaged (an interrupted download or copy): its directory,
    /// at the end, is missing.
    Truncated,
    /// A sound zip file, but without a spreadsheet inside (a .docx, an archive renamed).
    NotAWorkbook,
    /// A complete file whose insides the spreadsheet reader could not follow (it gave up
    /// part-way through a sheet).
    Damaged,
    /// What the spreadsheet reader said.
    Other(String),
}

impl WorkbookError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (WorkbookError::Truncated, Lang::En) => "the workbook is damaged or cut short (its end is missing, as after an interrupted download or copy); save or download it again".into(),
            (WorkbookError::Truncated, Lang::Zh) => "工作簿已损坏或不完整（文件末尾缺失，常见于下载或复制中断）；请重新保存或下载".into(),
            (WorkbookError::NotAWorkbook, Lang::En) => "a zip archive, but not a spreadsheet (no xlsx/ods workbook inside); is it the right file?".into(),
            (WorkbookError::NotAWorkbook, Lang::Zh) => "这是 zip 压缩包，但不是电子表格（其中没有 xlsx/ods 工作簿）；是否选错了文件？".into(),
            (WorkbookError::Damaged, Lang::En) => "the workbook is damaged inside (its sheets cannot be read); open it in a spreadsheet program and save it again".into(),
            (WorkbookError::Damaged, Lang::Zh) => "工作簿内部已损坏（无法读取其工作表）；请用电子表格软件打开后重新保存".into(),
            (WorkbookError::Other(e), Lang::En) => format!(
                "cannot read the workbook ({e}); is it an xlsx/xls/ods file that opens in a spreadsheet program?"
            ),
            (WorkbookError::Other(e), Lang::Zh) => format!(
                "无法读取该工作簿（{e}）；它是否为能用电子表格软件打开的 xlsx/xls/ods 文件？"
            ),
        }
    }

    /// Tell a damaged zip from one that is no workbook, by the end-of-central-directory
    /// record every complete zip file ends with (within its last 64 KiB + 22 bytes).
    fn classify(bytes: &[u8], reader_said: String) -> WorkbookError {
        if !bytes.starts_with(b"PK\x03\x04") {
            return WorkbookError::Other(reader_said);
        }
        // The record is 22 bytes and may be followed by a comment of the length it gives.
        let start = bytes.len().saturating_sub(65_536 + 22);
        let complete = bytes[start..]
            .windows(4)
            .rposition(|w| w == b"PK\x05\x06")
            .map(|i| start + i)
            .is_some_and(|i| {
                i + 22 <= bytes.len()
                    && i + 22 + usize::from(u16::from_le_bytes([bytes[i + 20], bytes[i + 21]]))
                        <= bytes.len()
            });
        if !complete {
            WorkbookError::Truncated
        } else if reader_said.contains("detect") {
            WorkbookError::NotAWorkbook
        } else {
            WorkbookError::Other(reader_said)
        }
    }
}

/// Every sheet of a workbook, in order. Merged cells keep their value in the top-left
/// cell, which is where the header and title detection look.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Table>, WorkbookError> {
    // The spreadsheet reader can panic on a damaged file (an arithmetic overflow in its
    // cell reader on a flipped byte): that is a file we cannot read, not a crash of the
    // desk that chose it.
    std::panic::catch_unwind(|| read_workbook_unguarded(bytes))
        .unwrap_or(Err(WorkbookError::Damaged))
}

fn read_workbook_unguarded(bytes: &[u8]) -> Result<Vec<Table>, WorkbookError> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| WorkbookError::classify(bytes, e.to_string()))?;
    let names = wb.sheet_names();
    let mut tables = Vec::new();
    let mut first_error = None;
    for name in names {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            // A chart sheet or a damaged sheet: the others may still be what we need.
            Err(e) => {
                first_error.get_or_insert_with(|| format!("{name}: {e}"));
                continue;
            }
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Row> = (0..row0 as usize)
            .map(|i| Row {
                number: i + 1,
                cells: Vec::new(),
            })
            .collect();
        for (i, r) in range.rows().enumerate() {
            let mut cells = vec![String::new(); col0 as usize];
            cells.extend(r.iter().map(cell_text));
            while cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            rows.push(Row {
                number: row0 as usize + i + 1,
                cells,
            });
        }
        tables.push(Table {
            sheet: Some(name),
            rows,
        });
    }
    // Not one sheet could be read: say why, rather than "no header found" later.
    if tables.is_empty()
        && let Some(e) = first_error
    {
        return Err(WorkbookError::Other(e));
    }
    Ok(tables)
}

/// A cell as the text a person sees: whole numbers without `.0` (phone numbers and serial
/// numbers are often stored as numbers), dates as `2017-05-04 14:21:05`.
pub fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) => {
            if dt.is_duration() {
                let secs = (dt.as_f64() * 86400.0).round() as i64;
                format!("{}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60)
            } else {
                let (y, mo, d, h, mi, s, _) = to_whole_seconds(dt.to_ymd_hms_milli());
                if dt.as_f64() < 1.0 {
                    format!("{h:02}:{mi:02}:{s:02}")
                } else if (h, mi, s) == (0, 0, 0) {
                    format!("{y:04}-{mo:02}-{d:02}")
                } else {
                    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
                }
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.replace('T', " "),
    }
}

/// A date cell's parts rounded to the second: Excel keeps days as a float, and
/// 14:20:00 comes back as 14:19:59.999, which must not read as 14:19:59.
fn to_whole_seconds(
    (y, mo, d, h, mi, s, ms): (u16, u8, u8, u8, u8, u8, u16),
) -> (i32, u32, u32, u32, u32, u32, u16) {
    let parts = (
        i32::from(y),
        u32::from(mo),
        u32::from(d),
        u32::from(h),
        u32::from(mi),
        u32::from(s),
        0,
    );
    if ms < 500 {
        return parts;
    }
    let rounded = chrono::NaiveDate::from_ymd_opt(parts.0, parts.1, parts.2)
        .and_then(|date| date.and_hms_opt(parts.3, parts.4, parts.5))
        .map(|t| t + chrono::Duration::seconds(1));
    match rounded {
        Some(t) => {
            use chrono::{Datelike, Timelike};
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second(),
                0,
            )
        }
        None => parts,
    }
}

/// `A`, `B`, ..., `Z`, `AA`: the column letters a spreadsheet shows.
pub fn column_letter(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The column a letter names (`A` -> 0, `AA` -> 26), or `None` for anything else.
pub fn column_from_letter(s: &str) -> Option<usize> {
    let s = s.trim();
    if s.is_empty() || s.len() > 3 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut n = 0usize;
    for c in s.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as u8 - b'A') as usize + 1;
    }
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<(usize, Vec<&str>)> {
        t.rows
            .iter()
            .map(|r| (r.number, r.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn a_quote_opened_at_the_very_end_is_a_row_of_its_own() {
        // Found by the random-bytes property: the unclosed quote's row must exist.
        let (t, unclosed) = parse_delimited_checked("\0\n\"", None);
        assert_eq!(unclosed, Some(2));
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn csv_with_quotes_blank_lines_and_crlf() {
        let t = parse_delimited(
            "a,b\r\n\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\nlast,",
            None,
        );
        assert_eq!(
            cells(&t),
            vec![
                (1, vec!["a", "b"]),
                (2, vec![]),
                (3, vec!["x, y", "say \"hi\""]),
                (4, vec!["two\nlines", "z"]),
                (5, vec!["last", ""]),
            ]
        );
    }

    #[test]
    fn delimiter_guess() {
        assert_eq!(guess_delimiter("姓名\t单位\n王\t局\n"), '\t');
        assert_eq!(guess_delimiter("姓名;单位\n王;局\n"), ';');
        // A title line with a stray comma does not beat the tab-separated body.
        assert_eq!(
            guess_delimiter("会议, 签到表\nA\tB\tC\n1\t2\t3\n4\t5\t6\n"),
            '\t'
        );
        assert_eq!(guess_delimiter("姓名,单位\n"), ',');
    }

    #[test]
    fn column_letters_round_trip() {
        for (n, l) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_letter(n), l);
            assert_eq!(column_from_letter(l), Some(n));
        }
        assert_eq!(column_from_letter("b"), Some(1));
        assert_eq!(column_from_letter("姓名"), None);
        assert_eq!(column_from_letter("A1"), None);
    }

    #[test]
    fn numbers_read_as_people_see_them() {
        assert_eq!(cell_text(&Data::Float(13912345678.0)), "13912345678");
        assert_eq!(cell_text(&Data::Float(1.5)), "1.5");
        assert_eq!(cell_text(&Data::Int(7)), "7");
    }

    #[test]
    fn date_cells_round_to_the_second() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        // 2017-05-04 14:20:00 as Excel stores it, a hair below the second.
        let cell = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        assert_eq!(cell_text(&cell(42859.597222222)), "2017-05-04 14:20:00");
        assert_eq!(cell_text(&cell(42859.999999999)), "2017-05-05");
        assert_eq!(cell_text(&cell(42859.5)), "2017-05-04 12:00:00");
    }

    #[test]
    fn kind_from_bytes() {
        assert_eq!(sniff_kind(b"PK\x03\x04rest"), FileKind::Workbook);
        assert_eq!(sniff_kind(&[0xD0, 0xCF, 0x11, 0xE0, 0]), FileKind::Workbook);
        assert_eq!(sniff_kind("姓名,单位".as_bytes()), FileKind::Text);
    }
}
