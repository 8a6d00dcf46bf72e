//! The minutes as Markdown (CommonMark with GFM tables). Every user string goes through
//! [`escape`], so a name such as `*x*`, `<script>` or `a|b` is shown as typed and cannot
//! start a list, a heading, a link or a table cell.

use std::fmt::Write;

use super::Options;
use super::model::{self, Minutes};
use super::words::Words;
use crate::core::meeting::Meeting;

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

pub fn render_minutes(mn: &Minutes) -> String {
    let w = Words::of(mn.lang);
    let mut out = String::with_capacity(8192);
    if let Some(h) = &mn.head {
        let _ = writeln!(out, "**{}**\n", escape(&h.heading));
        if !h.number.is_empty() {
            let _ = writeln!(out, "{}\n", escape(&h.number));
        }
        out.push_str("---\n\n");
    }
    let _ = writeln!(out, "# {}\n", escape(&mn.title));
    let _ = writeln!(out, "{}\n", escape(&mn.summary));

    for sec in &mn.sections {
        let _ = writeln!(out, "## {}\n", escape(&sec.heading));
        if let Some(sp) = &sec.speaker {
            let _ = writeln!(out, "{}{}{}\n", w.speaker, w.colon, escape(sp));
        }
        for p in &sec.paragraphs {
            let _ = writeln!(out, "{}\n", escape(p));
        }
    }

    if !mn.decisions.is_empty() {
        let _ = writeln!(out, "## {}\n", w.decisions_heading);
        for d in &mn.decisions {
            // `escape` keeps `1. ` text (`1\. `): a list would be renumbered.
            let _ = writeln!(out, "{}\n", escape(d));
        }
    }

    if !mn.tasks.is_empty() {
        let _ = writeln!(out, "## {}\n", w.tasks_heading);
        table_head(
            &mut out,
            &[w.seq, w.task, w.task_lead, w.task_others, w.due],
            &[true, false, false, false, false],
        );
        for t in &mn.tasks {
            table_row(
                &mut out,
                &[
                    t.number.to_string(),
                    cell(&t.text),
                    cell(&t.lead),
                    cell(&t.others),
                    cell(&t.due),
                ],
            );
        }
        out.push('\n');
    }

    if let Some(sp) = &mn.speeches {
        let _ = writeln!(out, "## {}\n", sp.heading);
        table_head(
            &mut out,
            &sp.columns,
            &[true, false, false, false, false, false, true, true],
        );
        for r in &sp.rows {
            table_row(
                &mut out,
                &[
                    r.number.to_string(),
                    cell(&r.item),
                    cell(&r.speaker),
                    cell(&r.unit),
                    cell(&r.venue),
                    cell(&r.kind),
                    cell(&r.time),
                    cell(&r.overrun),
                ],
            );
        }
        out.push('\n');
        let _ = writeln!(out, "### {}\n", sp.totals_heading);
        table_head(
            &mut out,
            &sp.total_columns,
            &[false, false, true, true, true],
        );
        for t in &sp.totals {
            table_row(
                &mut out,
                &[
                    cell(&t.speaker),
                    cell(&t.unit),
                    t.speeches.to_string(),
                    cell(&t.total),
                    cell(&t.overrun),
                ],
            );
        }
        out.push('\n');
    }

    if let Some(note) = &mn.attachment_note {
        let _ = writeln!(out, "{}\n", escape(note));
    }
    for line in &mn.attendance_lines {
        let _ = writeln!(out, "**{}**{}{}\n", line.label, w.colon, escape(&line.text));
    }
    if let Some(sign) = mn.sign_off {
        let _ = writeln!(out, "{sign}\n");
    }
    if let Some(imp) = &mn.imprint {
        out.push_str("---\n\n");
        for l in [&imp.to, &imp.cc].into_iter().flatten() {
            let _ = writeln!(out, "{}\n", escape(l));
        }
        let printed = [imp.printed_by.as_str(), imp.printed_on.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(escape)
            .collect::<Vec<_>>();
        if !printed.is_empty() {
            let _ = writeln!(out, "{}\n", printed.join(" "));
        }
    }
    if let Some(a) = &mn.attachment {
        out.push_str("---\n\n");
        let _ = writeln!(out, "**{}**\n", a.label);
        let _ = writeln!(out, "## {}\n", a.title);
        for v in &a.venues {
            let _ = writeln!(out, "### {}\n", escape(&v.name));
            let _ = writeln!(out, "{}\n", escape(&v.figures));
            for n in &v.notes {
                let _ = writeln!(out, "{}\n", escape(n));
            }
            for line in &v.lines {
                let _ = writeln!(out, "**{}**{}{}\n", line.label, w.colon, escape(&line.text));
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
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
