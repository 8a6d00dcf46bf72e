//! The minutes as a Word document, laid out after GB/T 9704-2012 (党政机关公文格式):
//! A4; text block 156 mm × 225 mm with the top margin 37 mm and the binding side
//! 28 mm; 22 lines a page; body 3号 (16 pt) 仿宋, title 2号 (22 pt) 小标宋, first-level
//! headings 黑体, second-level 楷体; page numbers 4号 (14 pt) as "— 1 —" under the text
//! block, right on odd pages and left on even ones. The same model as the Markdown and
//! HTML minutes ([`super::model::Minutes`]).
//!
//! Fonts are named as offices have them (仿宋, 方正小标宋简体, 黑体, 楷体, with Times New
//! Roman for Latin letters and digits); where one is missing, Word and WPS substitute
//! their own Song or FangSong face, LibreOffice the Noto/Source Han CJK fonts. The file
//! is the same bytes for the same record: paragraph ids are numbered here, the package
//! date comes from the record, and the archive carries no time stamps of its own.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BorderType, BreakType, DocGrid, DocGridType, Docx, Footer, LineSpacing,
    LineSpacingType, PageMargin, PageNum, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SpecialIndentType, Tab, TabValueType, Table, TableCell,
    TableRow, WidthType,
};

use super::model::{self, AttendanceLine, Minutes};
use super::words::Words;
use super::{ExportError, Options};
use crate::core::meeting::Meeting;

/// Twips (1/20 pt) in a millimetre.
const TWIPS_PER_MM: f64 = 56.692_913;

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// A4 in twips.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
/// GB/T 9704-2012 7.1: top 37 mm, binding side (left) 28 mm, text block 156 × 225 mm.
const TOP_MM: f64 = 37.0;
const LEFT_MM: f64 = 28.0;
const TEXT_W_MM: f64 = 156.0;
const TEXT_H_MM: f64 = 225.0;
/// 22 lines in 225 mm: 28.95 pt a line (579 twips).
pub(super) const LINE: i32 = 579;
/// Font sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt.
pub(super) const SIZE_2: usize = 44;
pub(super) const SIZE_3: usize = 32;
const SIZE_4: usize = 28;
const SIZE_SMALL_4: usize = 24;
/// The red heading of the issuer (版头), larger than the title.
const SIZE_HEAD: usize = 60;
/// One 3号 character, in twips: indents are counted in characters.
pub(super) const CHAR: i32 = 320;
/// The red of the 版头 and its line.
const RED: &str = "C00000";

pub(super) const FANGSONG: &str = "仿宋";
pub(super) const XIAOBIAOSONG: &str = "方正小标宋简体";
pub(super) const HEITI: &str = "黑体";
pub(super) const KAITI: &str = "楷体";
const SONGTI: &str = "宋体";
const LATIN: &str = "Times New Roman";

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
}

pub fn render(m: &Meeting, opts: &Options) -> Result<Vec<u8>, ExportError> {
    // The package date is the record's (the close, else the opening, else the plan), so
    // that the same record gives the same file.
    let when = m
        .ended_at
        .or(m.started_at)
        .unwrap_or_else(|| m.scheduled_start());
    render_minutes(
        &model::minutes(m, opts),
        &when.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
}

/// Paragraphs numbered here: docx-rs would draw ids from a per-thread counter.
pub(super) struct Builder {
    next_id: u32,
    w: &'static Words,
}

impl Builder {
    pub(super) fn new(w: &'static Words) -> Builder {
        Builder { next_id: 0, w }
    }

    pub(super) fn p(&mut self) -> Paragraph {
        self.next_id += 1;
        Paragraph::new()
            .id(format!("{:08X}", self.next_id))
            .line_spacing(
                LineSpacing::new()
                    .line(LINE)
                    .line_rule(LineSpacingType::Exact)
                    .before(0)
                    .after(0),
            )
    }

    pub(super) fn run(&self, text: &str, font: &str, size: usize) -> Run {
        Run::new().add_text(text).fonts(fonts(font)).size(size)
    }

    /// A body paragraph: 仿宋 3号, justified, the first line indented two characters.
    pub(super) fn body(&mut self, text: &str) -> Paragraph {
        let r = self.run(text, FANGSONG, SIZE_3);
        self.p().add_run(r).align(AlignmentType::Both).indent(
            None,
            Some(SpecialIndentType::FirstLine(2 * CHAR)),
            None,
            None,
        )
    }

    pub(super) fn heading(&mut self, text: &str, font: &str) -> Paragraph {
        let r = self.run(text, font, SIZE_3);
        self.p()
            .add_run(r)
            .align(AlignmentType::Both)
            .keep_next(true)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(2 * CHAR)),
                None,
                None,
            )
    }

    pub(super) fn centered(&mut self, text: &str, font: &str, size: usize) -> Paragraph {
        let r = self.run(text, font, size);
        self.p().add_run(r).align(AlignmentType::Center)
    }

    pub(super) fn blank(&mut self) -> Paragraph {
        self.p()
    }

    /// `出席：` in 黑体, the rest in 仿宋; a wrapped line starts under the text after the
    /// colon (GB/T 9704-2012 10.3.3).
    fn labelled(&mut self, line: &AttendanceLine) -> Paragraph {
        let label = format!("{}{}", line.label, self.w.colon);
        let width = label.chars().count() as i32 * CHAR;
        let (a, b) = (
            self.run(&label, HEITI, SIZE_3),
            self.run(&line.text, FANGSONG, SIZE_3),
        );
        self.p()
            .add_run(a)
            .add_run(b)
            .align(AlignmentType::Both)
            .indent(
                Some(2 * CHAR + width),
                Some(SpecialIndentType::Hanging(width)),
                None,
                None,
            )
    }

    fn cell(&mut self, text: &str, font: &str, center: bool, width: usize) -> TableCell {
        let r = self.run(text, font, SIZE_SMALL_4);
        // Off the page's line grid: 小四 lines at their own height.
        let mut p = self.p().add_run(r).snap_to_grid(false).line_spacing(
            LineSpacing::new()
                .line(320)
                .line_rule(LineSpacingType::AtLeast)
                .before(40)
                .after(40),
        );
        if center {
            p = p.align(AlignmentType::Center);
        }
        TableCell::new()
            .add_paragraph(p)
            .width(width, WidthType::Dxa)
    }

    /// The 版记: lines between full-width rules, 4号 仿宋 indented one character.
    fn imprint_line(&mut self, text: &str, top: usize, bottom: usize) -> Paragraph {
        let r = self.run(text, FANGSONG, SIZE_4);
        let mut p = self
            .p()
            .add_run(r)
            .indent(Some(CHAR), None, Some(CHAR), None);
        let mut borders = ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(bottom)
                .space(1)
                .color("000000"),
        );
        if top > 0 {
            borders = borders.set(
                ParagraphBorder::new(ParagraphBorderPosition::Top)
                    .val(BorderType::Single)
                    .size(top)
                    .space(1)
                    .color("000000"),
            );
        }
        p.property = p.property.set_borders(borders);
        p
    }
}

/// `— 1 —`, 4号 宋体, one character in from the outer edge.
fn page_number_footer(b: &mut Builder, align: AlignmentType) -> Footer {
    let fonts = fonts(SONGTI);
    let mut p = b
        .p()
        .add_run(Run::new().add_text("— ").fonts(fonts.clone()).size(SIZE_4))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" —").fonts(fonts).size(SIZE_4))
        .align(align);
    p = match align {
        AlignmentType::Right => p.indent(None, None, Some(CHAR), None),
        _ => p.indent(Some(CHAR), None, None, None),
    };
    Footer::new().add_paragraph(p)
}

/// An A4 document laid out after GB/T 9704-2012: margins, the line grid, 仿宋 3号 and the
/// page numbers.
pub(super) fn gbt_document(b: &mut Builder, created_at: &str) -> Docx {
    let text_w = mm(TEXT_W_MM);
    let margin = PageMargin {
        top: mm(TOP_MM),
        left: mm(LEFT_MM),
        bottom: PAGE_H as i32 - mm(TOP_MM) - mm(TEXT_H_MM),
        right: PAGE_W as i32 - mm(LEFT_MM) - text_w,
        header: mm(15.0),
        // The page number's line sits 7 mm under the text block.
        footer: PAGE_H as i32 - mm(TOP_MM) - mm(TEXT_H_MM) - mm(7.0) - 280,
        gutter: 0,
    };
    let odd = page_number_footer(b, AlignmentType::Right);
    let even = page_number_footer(b, AlignmentType::Left);
    let mut doc = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(margin)
        .default_fonts(fonts(FANGSONG))
        .default_size(SIZE_3)
        .footer(odd)
        .even_footer(even)
        .created_at(created_at)
        .updated_at(created_at);
    doc.document.section_property = doc.document.section_property.clone().doc_grid(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE as usize),
    );
    doc
}

pub fn render_minutes(mn: &Minutes, created_at: &str) -> Result<Vec<u8>, ExportError> {
    let w = Words::of(mn.lang);
    let mut b = Builder::new(w);
    let text_w = mm(TEXT_W_MM);
    let mut doc = gbt_document(&mut b, created_at);
    if let Some(h) = &mn.head {
        let r = b
            .run(&h.heading, XIAOBIAOSONG, SIZE_HEAD)
            .color(RED)
            .character_spacing(20);
        let head = b.p().add_run(r).align(AlignmentType::Center).line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Auto)
                .line(240),
        );
        doc = doc.add_paragraph(head);
        let mut number = if h.number.is_empty() {
            b.blank()
        } else {
            b.centered(&h.number, FANGSONG, SIZE_3)
        };
        number.property = number.property.set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(12)
                    .space(4)
                    .color(RED),
            ),
        );
        doc = doc.add_paragraph(number).add_paragraph(b.blank());
    }
    let title = b.centered(&mn.title, XIAOBIAOSONG, SIZE_2).line_spacing(
        LineSpacing::new()
            .line(LINE)
            .line_rule(LineSpacingType::AtLeast),
    );
    doc = doc.add_paragraph(title).add_paragraph(b.blank());
    doc = doc.add_paragraph(b.body(&mn.summary));

    for sec in &mn.sections {
        doc = doc.add_paragraph(b.heading(&sec.heading, HEITI));
        if let Some(sp) = &sec.speaker {
            let r = b.run(&format!("{}{}{sp}", w.speaker, w.colon), KAITI, SIZE_3);
            let p = b.p().add_run(r).indent(
                None,
                Some(SpecialIndentType::FirstLine(2 * CHAR)),
                None,
                None,
            );
            doc = doc.add_paragraph(p);
        }
        for para in &sec.paragraphs {
            doc = doc.add_paragraph(b.body(para));
        }
    }
    if !mn.decisions.is_empty() {
        doc = doc.add_paragraph(b.heading(w.decisions_heading, HEITI));
        for d in &mn.decisions {
            doc = doc.add_paragraph(b.body(d));
        }
    }
    if !mn.tasks.is_empty() {
        doc = doc.add_paragraph(b.heading(w.tasks_heading, HEITI));
        doc = doc.add_table(tasks_table(&mut b, mn, text_w as usize));
    }
    if let Some(sp) = &mn.speeches {
        doc = doc.add_paragraph(b.heading(sp.heading, HEITI));
        doc = doc.add_table(speeches_table(&mut b, sp, text_w as usize));
        doc = doc.add_paragraph(b.heading(sp.totals_heading, KAITI));
        doc = doc.add_table(speaker_totals_table(&mut b, sp, text_w as usize));
    }
    if let Some(note) = &mn.attachment_note {
        doc = doc.add_paragraph(b.blank()).add_paragraph(b.body(note));
    }
    doc = doc.add_paragraph(b.blank());
    for line in &mn.attendance_lines {
        doc = doc.add_paragraph(b.labelled(line));
    }
    if let Some(sign) = mn.sign_off {
        let r = b.run(sign, FANGSONG, SIZE_3);
        let p =
            b.p()
                .add_run(r)
                .align(AlignmentType::Right)
                .indent(None, None, Some(8 * CHAR), None);
        doc = doc.add_paragraph(b.blank()).add_paragraph(p);
    }
    if let Some(a) = &mn.attachment {
        // The attachment starts a page (附件另面编排), before the 版记.
        let brk = b.p().add_run(Run::new().add_break(BreakType::Page));
        doc = doc.add_paragraph(brk);
        let label = b.run(a.label, HEITI, SIZE_3);
        doc = doc
            .add_paragraph(b.p().add_run(label))
            .add_paragraph(b.blank())
            .add_paragraph(b.centered(a.title, XIAOBIAOSONG, SIZE_2))
            .add_paragraph(b.blank());
        for v in &a.venues {
            doc = doc.add_paragraph(b.heading(&v.name, KAITI));
            doc = doc.add_paragraph(b.body(&v.figures));
            for n in &v.notes {
                doc = doc.add_paragraph(b.body(n));
            }
            for line in &v.lines {
                doc = doc.add_paragraph(b.labelled(line));
            }
        }
    }
    if let Some(imp) = &mn.imprint {
        doc = doc.add_paragraph(b.blank());
        let lines: Vec<&String> = [&imp.to, &imp.cc].into_iter().flatten().collect();
        let mut first = true;
        for l in lines {
            let p = b.imprint_line(l, if first { 8 } else { 0 }, 4);
            doc = doc.add_paragraph(p);
            first = false;
        }
        // 印发机关 on the left, 印发日期 on the right.
        let text = format!("{}\t{}", imp.printed_by, imp.printed_on);
        let mut p = b.imprint_line(&text, if first { 8 } else { 0 }, 8);
        p = p.add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos((text_w - 2 * CHAR) as usize),
        );
        doc = doc.add_paragraph(p);
    }
    let mut buf = Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    Ok(buf.into_inner())
}

/// A table of `heads` and `rows` (cells with whether they are centred), columns sized by
/// `percent` of the text width (the last takes the rest).
fn grid_table(
    b: &mut Builder,
    heads: &[&str],
    rows: &[Vec<(String, bool)>],
    percent: &[usize],
    text_w: usize,
) -> Table {
    let used: usize = percent[..percent.len() - 1]
        .iter()
        .map(|p| text_w * p / 100)
        .sum();
    let cols: Vec<usize> = percent
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i + 1 == percent.len() {
                text_w - used
            } else {
                text_w * p / 100
            }
        })
        .collect();
    let head = TableRow::new(
        heads
            .iter()
            .zip(&cols)
            .map(|(h, c)| b.cell(h, HEITI, true, *c))
            .collect(),
    )
    .cant_split();
    let mut out = vec![head];
    for r in rows {
        out.push(
            TableRow::new(
                r.iter()
                    .zip(&cols)
                    .map(|((s, center), c)| b.cell(s, FANGSONG, *center, *c))
                    .collect(),
            )
            .cant_split(),
        );
    }
    Table::new(out).set_grid(cols).width(text_w, WidthType::Dxa)
}

fn speeches_table(b: &mut Builder, sp: &super::model::SpeechRecord, text_w: usize) -> Table {
    let rows: Vec<Vec<(String, bool)>> = sp
        .rows
        .iter()
        .map(|r| {
            vec![
                (r.number.to_string(), true),
                (r.item.clone(), false),
                (r.speaker.clone(), false),
                (r.unit.clone(), false),
                (r.venue.clone(), false),
                (r.kind.clone(), true),
                (r.time.clone(), true),
                (r.overrun.clone(), true),
            ]
        })
        .collect();
    grid_table(
        b,
        &sp.columns,
        &rows,
        &[6, 18, 11, 20, 13, 10, 13, 9],
        text_w,
    )
}

fn speaker_totals_table(b: &mut Builder, sp: &super::model::SpeechRecord, text_w: usize) -> Table {
    let rows: Vec<Vec<(String, bool)>> = sp
        .totals
        .iter()
        .map(|t| {
            vec![
                (t.speaker.clone(), false),
                (t.unit.clone(), false),
                (t.speeches.to_string(), true),
                (t.total.clone(), true),
                (t.overrun.clone(), true),
            ]
        })
        .collect();
    grid_table(b, &sp.total_columns, &rows, &[20, 40, 12, 14, 14], text_w)
}

fn tasks_table(b: &mut Builder, mn: &Minutes, text_w: usize) -> Table {
    let w = b.w;
    let rows: Vec<Vec<(String, bool)>> = mn
        .tasks
        .iter()
        .map(|t| {
            vec![
                (t.number.to_string(), true),
                (t.text.clone(), false),
                (t.lead.clone(), false),
                (t.others.clone(), false),
                (t.due.clone(), false),
            ]
        })
        .collect();
    // Widths in percent: number, task, lead, others, due.
    grid_table(
        b,
        &[w.seq, w.task, w.task_lead, w.task_others, w.due],
        &rows,
        &[6, 40, 18, 22, 14],
        text_w,
    )
}
