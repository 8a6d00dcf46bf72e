//! The minutes view: a scrollable preview of the Markdown minutes, exactly as `huiwu
//! export --format md` writes them (lightly rendered: headings styled, `**` and escapes
//! removed, tables aligned by display width), and one key per export format. Files go to
//! the export directory (the working directory when the desk opened) as
//! `MEETING-ID.EXT`, written atomically and private (0600) by the app, in the document
//! language shown (the agenda's, switchable with `l`). A file that exists is never
//! replaced silently: the view asks first, naming each file, and the notice line names
//! every file written by its full path.
//!
//! The preview is rebuilt lazily: `sync` only marks it stale, and `render` (which runs
//! for the visible view only) rebuilds it, so signing people in elsewhere does not pay
//! for minutes nobody is looking at. While the meeting runs it is also refreshed once a
//! minute, for the running item's time.

use std::path::PathBuf;

use chrono::{DateTime, Duration, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::View;
use crate::core::meeting::Meeting;
use crate::export::{self, Format, Options};
use crate::i18n::Lang;
use crate::tui::ctx::Ctx;
use crate::tui::fit::{truncate, truncate_start};
use crate::tui::input::Intent;
use crate::tui::keymap::{Action, Scope};
use crate::tui::layout::{centered, clear_popup};
use crate::tui::msg::{Msg, NoticeKind, Reply};
use crate::tui::text::{Say, T};
use crate::tui::theme::Theme;

/// How often a preview of a running meeting is rebuilt while shown.
const REFRESH_SECS: i64 = 60;

#[derive(Debug)]
pub struct MinutesView {
    /// The document language; `None` until first shown (then the agenda's).
    doc_lang: Option<Lang>,
    stale: bool,
    built_at: Option<DateTime<Utc>>,
    blocks: Vec<Block>,
    /// `blocks` laid out for `wrapped_width` columns.
    rows: Vec<Row>,
    wrapped_width: u16,
    offset: usize,
    /// From the last frame: for paging and for clamping the offset in `handle`.
    page: usize,
    max_offset: usize,
    /// An export waiting for "replace these files?".
    confirm: Option<PendingExport>,
}

/// An export that found its files already there.
#[derive(Debug, Clone)]
struct PendingExport {
    formats: Vec<Format>,
    lang: Lang,
    existing: Vec<PathBuf>,
}

impl Default for MinutesView {
    fn default() -> Self {
        MinutesView {
            doc_lang: None,
            stale: true,
            built_at: None,
            blocks: Vec::new(),
            rows: Vec::new(),
            wrapped_width: 0,
            offset: 0,
            page: 1,
            max_offset: 0,
            confirm: None,
        }
    }
}

/// One Markdown block of the minutes, as far as the preview cares.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Title(String),
    Heading(String),
    SubHeading(String),
    /// Text with bold runs; `indent` is the continuation indent (list items).
    Text {
        spans: Vec<(String, bool)>,
        indent: usize,
    },
    /// Rows of cells; the first is the header.
    Table(Vec<Vec<String>>),
    Rule,
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum RowStyle {
    Title,
    Heading,
    SubHeading,
    TableHead,
    Plain,
}

/// One screen row: styled pieces.
#[derive(Debug, Clone)]
struct Row {
    spans: Vec<(String, bool)>,
    style: RowStyle,
}

impl MinutesView {
    fn lang(&self, m: &Meeting) -> Lang {
        self.doc_lang
            .unwrap_or_else(|| Lang::from(m.agenda.meeting.language))
    }

    fn rebuild(&mut self, m: &Meeting, now: DateTime<Utc>) {
        let opts = Options::new(self.lang(m), now);
        self.blocks = parse(&export::markdown::render(m, &opts));
        self.built_at = Some(now);
        self.stale = false;
        self.wrapped_width = 0;
    }

    /// Ask the app to export, in the document language shown (files that exist are
    /// kept, and the view asked).
    fn export(&self, formats: &[Format], m: &Meeting) -> Vec<Msg> {
        vec![Msg::Export {
            formats: formats.to_vec(),
            lang: self.lang(m),
            replace: false,
        }]
    }

    /// "Replace these files?" is on screen.
    pub fn confirming(&self) -> bool {
        self.confirm.is_some()
    }

    /// The answer to "replace these files?".
    fn answer(&mut self, intent: &Intent, lang: Lang) -> Vec<Msg> {
        let Some(p) = self.confirm.take() else {
            return Vec::new();
        };
        match intent {
            Intent::Action(_, Action::Yes) => vec![Msg::Export {
                formats: p.formats,
                lang: p.lang,
                replace: true,
            }],
            Intent::Action(_, Action::No) => {
                vec![Msg::notice(NoticeKind::Info, T::ExportKept.get(lang))]
            }
            _ => {
                self.confirm = Some(p);
                Vec::new()
            }
        }
    }

    fn scroll_to(&mut self, offset: usize) {
        self.offset = offset.min(self.max_offset);
    }
}

impl View for MinutesView {
    fn scopes(&self) -> &'static [Scope] {
        if self.confirming() {
            &[Scope::Confirm]
        } else {
            &[Scope::Minutes, Scope::Global]
        }
    }

    fn modal(&self) -> bool {
        self.confirming()
    }

    fn hints(&self) -> &'static [Action] {
        use Action::*;
        if self.confirming() {
            &[Yes, No]
        } else {
            &[
                ExportMd, ExportDocx, ExportHtml, ExportAll, ExportXlsx, ExportCsv, ExportJson,
                DocLang,
            ]
        }
    }

    fn sync(&mut self, _m: &Meeting) {
        self.stale = true;
    }

    fn reply(&mut self, reply: Reply, _ctx: &Ctx) -> Vec<Msg> {
        if let Reply::ExportExists {
            formats,
            lang,
            existing,
        } = reply
        {
            self.confirm = Some(PendingExport {
                formats,
                lang,
                existing,
            });
        }
        Vec::new()
    }

    fn handle(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        if self.confirming() {
            return self.answer(intent, ctx.lang);
        }
        let Intent::Action(Scope::Minutes, action) = intent else {
            return Vec::new();
        };
        let m = ctx.meeting;
        use Action::*;
        match action {
            Up => self.scroll_to(self.offset.saturating_sub(1)),
            Down => self.scroll_to(self.offset + 1),
            PageUp => self.scroll_to(self.offset.saturating_sub(self.page.max(1))),
            PageDown => self.scroll_to(self.offset + self.page.max(1)),
            Top => self.scroll_to(0),
            Bottom => self.scroll_to(usize::MAX),
            DocLang => {
                let next = match self.lang(m) {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
                self.doc_lang = Some(next);
                self.stale = true;
            }
            ExportMd => return self.export(&[Format::Md], m),
            ExportHtml => return self.export(&[Format::Html], m),
            ExportDocx => return self.export(&[Format::Docx], m),
            ExportJson => return self.export(&[Format::Json], m),
            ExportCsv => return self.export(&[Format::Csv], m),
            ExportXlsx => return self.export(&[Format::Xlsx], m),
            ExportAll => return self.export(&Format::ALL, m),
            _ => {}
        }
        Vec::new()
    }

    fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        if area.width < 4 || area.height < 2 {
            return;
        }
        let m = ctx.meeting;
        let running = m.started_at.is_some() && m.ended_at.is_none();
        let old = self
            .built_at
            .is_none_or(|t| ctx.now - t >= Duration::seconds(REFRESH_SECS));
        if self.stale || (running && old) {
            self.rebuild(m, ctx.now);
        }

        let [head, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let lang_name = match self.lang(m) {
            Lang::Zh => T::LangZh,
            Lang::En => T::LangEn,
        };
        let dir = ctx.export_dir.display().to_string();
        let head_text = Say::MinutesHead {
            doc_lang: lang_name.get(ctx.lang).to_string(),
            dir,
        }
        .text(ctx.lang);
        frame.render_widget(
            Paragraph::new(truncate(&head_text, head.width as usize)).style(ctx.theme.dim),
            head,
        );

        // Leave a column for the scroll bar.
        let text_width = body.width.saturating_sub(1).max(1);
        if self.wrapped_width != text_width {
            self.rows = layout(&self.blocks, text_width as usize);
            self.wrapped_width = text_width;
        }
        let height = body.height as usize;
        self.page = height.saturating_sub(1).max(1);
        self.max_offset = self.rows.len().saturating_sub(height);
        self.offset = self.offset.min(self.max_offset);
        let mut visible: Vec<Line> = self.rows
            [self.offset..(self.offset + height).min(self.rows.len())]
            .iter()
            .map(|r| row_line(r, ctx.theme))
            .collect();
        // The last line says how much more there is (the scroll bar alone is easy to miss).
        let below = self.rows.len().saturating_sub(self.offset + height);
        if below > 0 && height >= 2 {
            visible.pop();
            let more = Say::More { n: below + 1 }.text(ctx.lang);
            visible.push(Line::styled(more, ctx.theme.dim));
        }
        let text_area = Rect {
            width: text_width,
            ..body
        };
        frame.render_widget(Paragraph::new(visible), text_area);
        if self.max_offset > 0 {
            let mut state = ScrollbarState::new(self.max_offset).position(self.offset);
            frame.render_stateful_widget(
                Scrollbar::new(ScrollbarOrientation::VerticalRight),
                body,
                &mut state,
            );
        }
        if let Some(p) = &self.confirm {
            render_confirm(p, frame, area, ctx);
        }
    }
}

/// "Replace existing files?": each file by its full path, and the keys.
fn render_confirm(p: &PendingExport, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let (lang, th) = (ctx.lang, ctx.theme);
    let width = area.width.saturating_sub(4).min(100);
    let inner_w = width.saturating_sub(2) as usize;
    let mut lines = vec![Line::raw(T::ExportExistsAbout.get(lang))];
    for f in &p.existing {
        let path = f.display().to_string();
        lines.push(Line::styled(
            format!("  {}", truncate_start(&path, inner_w.saturating_sub(2))),
            th.title,
        ));
    }
    lines.push(Line::raw(""));
    let keys = Say::ExportReplaceKeys {
        yes: ctx.keymap.label(Scope::Confirm, Action::Yes),
        no: ctx.keymap.label(Scope::Confirm, Action::No),
    };
    lines.push(Line::styled(keys.text(lang), th.header));
    let height = (lines.len() as u16).saturating_add(2);
    let popup = centered(area, width, height);
    clear_popup(frame, popup, area, 1);
    frame.render_widget(
        Paragraph::new(lines).block(
            ratatui::widgets::Block::default()
                .borders(ratatui::widgets::Borders::ALL)
                .border_style(th.border_focus)
                .title(format!(" {} ", T::ExportExistsTitle.get(lang))),
        ),
        popup,
    );
}

fn row_line(r: &Row, theme: &Theme) -> Line<'static> {
    let base = match r.style {
        RowStyle::Title => theme.title.patch(theme.info),
        RowStyle::Heading => theme.header,
        RowStyle::SubHeading | RowStyle::TableHead => theme.title,
        RowStyle::Plain => theme.base,
    };
    Line::from(
        r.spans
            .iter()
            .map(|(s, bold)| {
                let st = if *bold { base.patch(theme.title) } else { base };
                Span::styled(s.clone(), st)
            })
            .collect::<Vec<_>>(),
    )
}

// ---------------------------------------------------------------------------------------
// Markdown (as the exporter writes it) -> blocks -> rows

/// Undo the exporter's backslash escapes.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&n) = chars.peek()
            && n.is_ascii_punctuation()
        {
            out.push(n);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

/// `**bold**` runs (the exporter escapes every user `*`, so a bare `**` is ours).
fn spans(s: &str) -> Vec<(String, bool)> {
    s.split("**")
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(i, p)| (unescape(p), i % 2 == 1))
        .collect()
}

/// Table cells, split on `|` that are not escaped.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in inner.chars() {
        if escaped {
            cur.push('\\');
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            out.push(cur.trim_matches(' ').to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    // Only ASCII spaces are padding: a leading full-width space indents a sub-item.
    out.push(cur.trim_matches(' ').to_string());
    out.into_iter()
        .map(|c| unescape(&c.replace("**", "")))
        .collect()
}

fn parse(md: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    for line in md.lines() {
        if line.starts_with('|') {
            let is_rule = line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
            if !is_rule {
                table.push(cells(line));
            }
            continue;
        }
        if !table.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut table)));
        }
        let block = if let Some(t) = line.strip_prefix("### ") {
            Block::SubHeading(unescape(t))
        } else if let Some(t) = line.strip_prefix("## ") {
            Block::Heading(unescape(t))
        } else if let Some(t) = line.strip_prefix("# ") {
            Block::Title(unescape(t))
        } else if line == "---" {
            Block::Rule
        } else if line.trim().is_empty() {
            Block::Blank
        } else if let Some(t) = line.strip_prefix("- ") {
            let mut s = spans(t);
            s.insert(0, ("- ".into(), false));
            Block::Text {
                spans: s,
                indent: 2,
            }
        } else {
            let t = line.trim_start_matches('*').trim_end_matches('*');
            // A whole-line emphasis (`*…*`, the generation stamp) shows as plain text.
            let t = if line.starts_with('*') && !line.starts_with("**") {
                t
            } else {
                line
            };
            Block::Text {
                spans: spans(t),
                indent: 0,
            }
        };
        blocks.push(block);
    }
    if !table.is_empty() {
        blocks.push(Block::Table(table));
    }
    // Collapse runs of blank lines.
    blocks.dedup_by(|a, b| *a == Block::Blank && *b == Block::Blank);
    blocks
}

/// Word-aware wrapping by display width: ASCII words stay whole when they fit, CJK text
/// breaks between any two characters.
fn wrap(spans: &[(String, bool)], width: usize, indent: usize) -> Vec<Vec<(String, bool)>> {
    let width = width.max(1);
    let indent = indent.min(width / 2);
    // Tokens: (text, bold, display width).
    let mut tokens: Vec<(String, bool, usize)> = Vec::new();
    for (s, bold) in spans {
        let mut word = String::new();
        for c in s.chars() {
            let ascii_word = c.is_ascii_alphanumeric() || (c.is_ascii_punctuation() && c != '|');
            if ascii_word {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                let w = word.width();
                tokens.push((std::mem::take(&mut word), *bold, w));
            }
            tokens.push((c.to_string(), *bold, c.width().unwrap_or(0)));
        }
        if !word.is_empty() {
            let w = word.width();
            tokens.push((word, *bold, w));
        }
    }
    let mut lines: Vec<Vec<(String, bool)>> = Vec::new();
    let mut cur: Vec<(String, bool)> = Vec::new();
    let mut used = 0;
    let push = |cur: &mut Vec<(String, bool)>, t: &str, bold: bool| match cur.last_mut() {
        Some((s, b)) if *b == bold => s.push_str(t),
        _ => cur.push((t.to_string(), bold)),
    };
    for (t, bold, w) in tokens {
        if used + w > width && used > indent {
            lines.push(std::mem::take(&mut cur));
            cur.push((" ".repeat(indent), false));
            used = indent;
            if t == " " {
                continue;
            }
        }
        if used + w <= width {
            push(&mut cur, &t, bold);
            used += w;
            continue;
        }
        // A word longer than a line: split it by characters.
        for c in t.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > indent {
                lines.push(std::mem::take(&mut cur));
                cur.push((" ".repeat(indent), false));
                used = indent;
            }
            push(&mut cur, &c.to_string(), bold);
            used += cw;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

fn layout(blocks: &[Block], width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let plain = |spans: Vec<(String, bool)>, style| Row { spans, style };
    for b in blocks {
        match b {
            Block::Title(t) | Block::Heading(t) | Block::SubHeading(t) => {
                let style = match b {
                    Block::Title(_) => RowStyle::Title,
                    Block::Heading(_) => RowStyle::Heading,
                    _ => RowStyle::SubHeading,
                };
                for l in wrap(&[(t.clone(), false)], width, 0) {
                    rows.push(plain(l, style));
                }
            }
            Block::Text { spans, indent } => {
                for l in wrap(spans, width, *indent) {
                    rows.push(plain(l, RowStyle::Plain));
                }
            }
            Block::Rule => rows.push(plain(
                vec![("-".repeat(width.min(60)), false)],
                RowStyle::Plain,
            )),
            Block::Blank => rows.push(plain(Vec::new(), RowStyle::Plain)),
            Block::Table(t) => {
                let cols = t.iter().map(Vec::len).max().unwrap_or(0);
                let mut widths = vec![0usize; cols];
                for r in t {
                    for (i, c) in r.iter().enumerate() {
                        widths[i] = widths[i].max(c.width());
                    }
                }
                for (ri, r) in t.iter().enumerate() {
                    let mut line = String::new();
                    for (i, c) in r.iter().enumerate() {
                        line.push_str(c);
                        if i + 1 < r.len() {
                            line.push_str(&" ".repeat(widths[i] - c.width() + 2));
                        }
                    }
                    let style = if ri == 0 {
                        RowStyle::TableHead
                    } else {
                        RowStyle::Plain
                    };
                    // Tables do not wrap: a row wider than the screen is cut, marked `~`.
                    rows.push(plain(vec![(truncate(&line, width), false)], style));
                }
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| r.spans.iter().map(|(s, _)| s.as_str()).collect())
            .collect()
    }

    #[test]
    fn markdown_becomes_plain_styled_rows() {
        let md = "# 标题\n\n**时间**：14:30\n\n| a | 会场 |\n| --- | ---: |\n| x\\|y | 主会场 |\n\n- \\*not bold\\*\n";
        let blocks = parse(md);
        let rows = layout(&blocks, 40);
        let t = text(&rows);
        assert_eq!(t[0], "标题");
        assert!(t.contains(&"时间：14:30".to_string()), "{t:?}");
        assert!(t.contains(&"a    会场".to_string()), "{t:?}");
        assert!(t.contains(&"x|y  主会场".to_string()), "{t:?}");
        assert!(t.contains(&"- *not bold*".to_string()), "{t:?}");
        let bold_row = rows
            .iter()
            .find(|r| r.spans.iter().any(|(s, b)| *b && s == "时间"))
            .unwrap();
        assert_eq!(bold_row.style, RowStyle::Plain);
    }

    #[test]
    fn wrapping_respects_display_width_and_words() {
        let lines = wrap(&[("王晓红（市教育局）、李建国".into(), false)], 10, 0);
        for l in &lines {
            let w: usize = l.iter().map(|(s, _)| s.width()).sum();
            assert!(w <= 10, "{l:?}");
        }
        let lines = wrap(&[("Minutes of the meeting".into(), false)], 12, 0);
        let joined: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(s, _)| s.as_str()).collect())
            .collect();
        assert_eq!(joined, ["Minutes of ", "the meeting"]);
        // Never panics on a width of one.
        assert!(!wrap(&[("会议".into(), true)], 1, 2).is_empty());
    }
}
