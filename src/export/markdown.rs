//! The minutes as Markdown (CommonMark with GFM tables). Every user string goes through
//! [`escape`], so a name such as `*x*`, `<script>` or `a|b` is shown as typed and cannot
//! start a list, a heading, a link or a table cell.

use std::fmt::Write;

use super::Options;
use super::model::{self, Minutes, paragraph_marker};
use super::words::Words;
use crate::core::meeting::{Counts, Meeting};

pub fn render(m: &Meeting, opts: &Options) -> String {
    render_minutes(&model::minutes(m, opts))
}

/// Escape user text for an inline Markdown context (paragraph, list item, heading, table
/// cell): line breaks and other controls become spaces, and every character that could
/// mean syntax is backslash-escaped.
pub fn escape(s: &str) -> String {
    escape_with(s, true)
}

/// For a table cell, where no block can start: the same without the line-start rules.
fn escape_cell(s: &str) -> String {
    escape_with(s, false)
}

fn escape_with(s: &str, block_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.trim().chars().peekable();
    // At the start of a block, `-`, `+`, `=` and `1.` / `1)` would begin a list or a
    // setext heading.
    let mut digits = String::new();
    while block_start && let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            digits.push(c);
            chars.next();
        } else {
            break;
        }
    }
    out.push_str(&digits);
    match chars.peek() {
        Some('.' | ')') if !digits.is_empty() => out.push('\\'),
        Some('-' | '+' | '=') if block_start && digits.is_empty() => out.push('\\'),
        _ => {}
    }
    for c in chars {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn cell(s: &str) -> String {
    let e = escape_cell(s);
    if e.is_empty() { " ".into() } else { e }
}

fn table_row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        out.push(' ');
        out.push_str(c);
        out.push_str(" |");
    }
    out.push('\n');
}

fn table_head(out: &mut String, heads: &[&str], numeric: &[bool]) {
    table_row(
        out,
        &heads.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    );
    out.push('|');
    for &n in numeric {
        out.push_str(if n { " ---: |" } else { " --- |" });
    }
    out.push('\n');
}

fn counts_cells(c: &Counts) -> [String; 6] {
    [
        c.expected.to_string(),
        c.present.to_string(),
        c.excused.to_string(),
        c.absent.to_string(),
        c.late.to_string(),
        c.stand_in.to_string(),
    ]
}

fn rate_text(r: Option<u32>) -> String {
    r.map(|r| format!("{r}%")).unwrap_or_else(|| "-".into())
}

pub fn render_minutes(mn: &Minutes) -> String {
    let w = Words::of(mn.lang);
    let mut out = String::with_capacity(4096);
    let _ = writeln!(out, "# {}\n", escape(&mn.title));

    for (label, value) in &mn.meta {
        let _ = writeln!(out, "**{label}**{}{}\n", w.colon, escape(value));
    }
    for line in &mn.attendance_lines {
        let _ = writeln!(out, "**{}**{}{}\n", line.label, w.colon, escape(&line.text));
    }

    // Attendance per venue.
    let _ = writeln!(out, "## {}\n", w.attendance_heading);
    table_head(
        &mut out,
        &[
            w.venue,
            w.venue_kind,
            w.expected,
            w.present,
            w.excused,
            w.absent,
            w.late,
            w.stand_in,
            w.observers,
            w.attendance_rate,
            w.link,
        ],
        &[
            false, false, true, true, true, true, true, true, true, true, false,
        ],
    );
    for v in &mn.venues {
        let mut kind = v.kind_label.to_string();
        if v.headcount {
            kind.push_str(if v.reported { "" } else { "*" });
        }
        let mut cells = vec![cell(&v.name), cell(&kind)];
        cells.extend(counts_cells(&v.counts));
        cells.push(v.counts.observers_present.to_string());
        cells.push(rate_text(v.rate()));
        cells.push(cell(&v.link));
        table_row(&mut out, &cells);
    }
    let mut cells = vec![format!("**{}**", w.total), " ".to_string()];
    cells.extend(counts_cells(&mn.total).map(|c| format!("**{c}**")));
    cells.push(format!("**{}**", mn.total.observers_present));
    cells.push(rate_text(model::rate(&mn.total)));
    cells.push(" ".into());
    table_row(&mut out, &cells);
    if mn.venues.iter().any(|v| v.headcount && !v.reported) {
        let _ = writeln!(out, "\n\\* {}", w.not_reported);
    }
    out.push('\n');

    // Agenda with planned and actual times.
    let _ = writeln!(out, "## {}\n", w.agenda_heading);
    if mn.items.is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
    } else {
        table_head(
            &mut out,
            &[
                w.number,
                w.item,
                w.speaker,
                w.planned,
                w.actual_time,
                w.used,
                w.overrun,
            ],
            &[false, false, false, false, false, true, true],
        );
        for it in &mn.items {
            let title = if it.sub {
                format!("　{}", escape_cell(&it.title))
            } else {
                escape_cell(&it.title)
            };
            table_row(
                &mut out,
                &[
                    it.number.clone(),
                    if title.is_empty() { " ".into() } else { title },
                    cell(&it.speaker),
                    cell(&it.planned),
                    cell(&it.actual),
                    cell(&it.used),
                    cell(&it.overrun),
                ],
            );
        }
        out.push('\n');
    }

    // Notes by item.
    if !mn.notes.is_empty() {
        let _ = writeln!(out, "## {}\n", w.notes_heading);
        for g in &mn.notes {
            let _ = writeln!(out, "### {}\n", escape(&g.heading));
            for n in &g.notes {
                let _ = writeln!(out, "- {}", escape(n));
            }
            out.push('\n');
        }
    }

    // Decisions, numbered 一、二、三、
    let _ = writeln!(out, "## {}\n", w.decisions_heading);
    if mn.decisions.is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
    } else {
        let _ = writeln!(out, "{}\n", w.decisions_intro);
        for (i, d) in mn.decisions.iter().enumerate() {
            // `1\. ` in English so that the number stays text, not a list renumbered by
            // the renderer.
            let marker = paragraph_marker(i + 1, mn.lang).replace(". ", "\\. ");
            let _ = writeln!(out, "{marker}{}\n", escape(d));
        }
    }

    // Action items: the table, then by owner.
    let _ = writeln!(out, "## {}\n", w.actions_heading);
    if mn.actions.is_empty() {
        let _ = writeln!(out, "{}\n", w.none);
    } else {
        table_head(
            &mut out,
            &[
                w.action_id,
                w.task,
                w.owner,
                w.assigned_by,
                w.due,
                w.status,
                w.from_item,
            ],
            &[false; 7],
        );
        for a in &mn.actions {
            table_row(
                &mut out,
                &[
                    cell(&a.id),
                    cell(&a.text),
                    cell(&a.owner_text),
                    cell(&a.assigned_by),
                    cell(&a.due),
                    cell(a.status_label),
                    cell(&a.item),
                ],
            );
        }
        out.push('\n');

        let _ = writeln!(out, "## {}\n", w.actions_by_owner_heading);
        for g in &mn.actions_by_owner {
            let _ = writeln!(out, "### {}\n", escape(&g.owner));
            for &i in &g.actions {
                let a = &mn.actions[i];
                let mut extra = Vec::new();
                if !a.due.is_empty() {
                    extra.push(format!("{}{}{}", w.due, w.colon, escape(&a.due)));
                }
                extra.push(a.status_label.to_string());
                let sep = if w.colon == "：" { "，" } else { ", " };
                let _ = writeln!(
                    out,
                    "- {} {}{}{}{}",
                    escape(&a.id),
                    escape(&a.text),
                    w.open_paren,
                    extra.join(sep),
                    w.close_paren
                );
            }
            out.push('\n');
        }
    }

    let _ = writeln!(out, "---\n\n{}\n\n*{}*", w.sign_off, escape(&mn.generated));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_and_kills_syntax() {
        assert_eq!(escape("*x*"), "\\*x\\*");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("1. first"), "1\\. first");
        assert_eq!(escape("- dash"), "\\- dash");
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("2017-05-04"), "2017-05-04");
        assert_eq!(escape("王晓红"), "王晓红");
    }
}
