//! The minutes as one self-contained HTML page: inline CSS laid out for A4 paper, an
//! attendance chart per venue as inline SVG, nothing fetched from anywhere (a Content
//! Security Policy forbids it, and scripts, outright). maud escapes every interpolated
//! value; the only pre-escaped string is the constant style sheet below.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use unicode_width::UnicodeWidthStr;

use super::Options;
use super::model::{self, Minutes, VenueSummary, paragraph_marker};
use super::words::Words;
use crate::core::meeting::{Counts, Meeting};
use crate::i18n::Lang;

const CSS: &str = r#"
@page { size: A4; margin: 20mm 18mm 20mm 18mm; }
* { box-sizing: border-box; }
html { font-size: 11pt; }
body { margin: 0; color: #111; background: #fff;
  font-family: "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
  line-height: 1.6; }
main { max-width: 190mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 20pt; text-align: center; color: #b00; margin: 0 0 6mm; letter-spacing: 0.05em;
  border-bottom: 2px solid #b00; padding-bottom: 4mm; }
h2 { font-family: "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "Heiti SC", sans-serif;
  font-size: 13pt; margin: 7mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-family: "KaiTi", "STKaiti", "Noto Serif CJK SC", serif; font-size: 11.5pt; margin: 4mm 0 1mm;
  break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
.meta { border-collapse: collapse; margin-bottom: 3mm; }
.meta th { text-align: left; white-space: nowrap; vertical-align: top; padding: 0.5mm 2mm 0.5mm 0;
  font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
.meta td { padding: 0.5mm 0; }
.att { text-indent: 0; padding-left: 3.2em; }
.att b { font-family: "SimHei", "Noto Sans CJK SC", sans-serif; font-weight: normal; margin-left: -3.2em; }
table.grid { width: 100%; border-collapse: collapse; font-size: 9.5pt; margin: 2mm 0; }
table.grid th, table.grid td { border: 0.6pt solid #777; padding: 1mm 1.5mm; vertical-align: top; }
table.grid th { background: #eee; font-weight: bold; white-space: nowrap; }
table.grid td.nw { white-space: nowrap; }
table.grid td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.grid tr.total td { font-weight: bold; background: #f6f6f6; }
table.grid tr.sub td.t { padding-left: 6mm; }
td.over { color: #b00; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.charts { display: flex; flex-wrap: wrap; gap: 2mm 4mm; margin: 3mm 0; }
.charts figure { margin: 0; width: 56mm; break-inside: avoid; page-break-inside: avoid; }
.charts figcaption { font-size: 8.5pt; overflow-wrap: anywhere; }
.charts svg { display: block; width: 56mm; height: auto; }
.decision { text-indent: 2em; }
.footnote { font-size: 9pt; color: #555; }
.signoff { margin-top: 12mm; text-align: right; padding-right: 40mm; }
footer { margin-top: 8mm; font-size: 8.5pt; color: #666; border-top: 0.6pt solid #aaa; padding-top: 2mm; }
@media screen { body { background: #ddd; } main { background: #fff; padding: 15mm 18mm; margin: 8mm auto;
  box-shadow: 0 0 4mm rgba(0,0,0,.2); max-width: 210mm; } }
"#;

/// No network, no scripts, no plugins: the page is data only, even if a name were to
/// slip past escaping.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

pub fn render(m: &Meeting, opts: &Options) -> String {
    render_minutes(&model::minutes(m, opts)).into_string()
}

fn counts_cells(c: &Counts) -> Markup {
    html! {
        td.n { (c.expected) } td.n { (c.present) } td.n { (c.excused) } td.n { (c.absent) }
        td.n { (c.late) } td.n { (c.stand_in) } td.n { (c.observers_present) }
        td.n { @match model::rate(c) { Some(r) => { (r) "%" }, None => "-" } }
    }
}

/// Horizontal bars: 应到 (the scale), then 实到, 请假, 缺席.
fn chart(v: &VenueSummary, w: &Words) -> Markup {
    const BAR_W: u32 = 140;
    const ROW: u32 = 18;
    // Labels at 11px: about 6px per column of display width.
    let label_w = [w.expected, w.present, w.excused, w.absent]
        .iter()
        .map(|l| UnicodeWidthStr::width(*l) as u32)
        .max()
        .unwrap_or(4);
    let bar_x = label_w * 6 + 6;
    let total_w = bar_x + BAR_W + 40;
    let c = &v.counts;
    let max = c.expected.max(c.present + c.excused + c.absent).max(1);
    let rows = [
        (w.expected, c.expected, "#9aa3ad"),
        (w.present, c.present, "#2e8b57"),
        (w.excused, c.excused, "#e0a100"),
        (w.absent, c.absent, "#c0392b"),
    ];
    let height = ROW * rows.len() as u32 + 4;
    let label = format!(
        "{}: {} {} / {} {} / {} {} / {} {}",
        v.name,
        w.expected,
        c.expected,
        w.present,
        c.present,
        w.excused,
        c.excused,
        w.absent,
        c.absent
    );
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {total_w} {height}"))
            role="img" aria-label=(label) {
            title { (label) }
            @for (i, (name, n, color)) in rows.iter().enumerate() {
                @let y = 2 + ROW * i as u32;
                @let len = (u64::from(*n) * u64::from(BAR_W) / u64::from(max)) as u32;
                text x="0" y=(y + 12) font-size="11" fill="#333" { (name) }
                rect x=(bar_x) y=(y + 2) width=(BAR_W) height="12" fill="#f0f0f0" {}
                rect x=(bar_x) y=(y + 2) width=(len) height="12" fill=(color) {}
                text x=(bar_x + BAR_W + 4) y=(y + 12) font-size="11" fill="#111" { (n) }
            }
        }
    }
}

pub fn render_minutes(mn: &Minutes) -> Markup {
    let w = Words::of(mn.lang);
    let lang_tag = match mn.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    html! {
        (DOCTYPE)
        html lang=(lang_tag) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="huiwu";
                title { (mn.title) }
                style { (PreEscaped(CSS)) }
            }
            body { main {
                h1 { (mn.title) }
                table.meta {
                    @for (label, value) in &mn.meta {
                        tr { th { (label) (w.colon) } td { (value) } }
                    }
                }
                @for line in &mn.attendance_lines {
                    p.att { b { (line.label) (w.colon) } (line.text) }
                }

                h2 { (w.attendance_heading) }
                table.grid {
                    thead { tr {
                        th { (w.venue) } th { (w.venue_kind) } th { (w.expected) } th { (w.present) }
                        th { (w.excused) } th { (w.absent) } th { (w.late) } th { (w.stand_in) }
                        th { (w.observers) } th { (w.attendance_rate) } th { (w.link) }
                    } }
                    tbody {
                        @for v in &mn.venues {
                            tr {
                                td { (v.name) }
                                td { (v.kind_label) @if v.headcount && !v.reported { "*" } }
                                (counts_cells(&v.counts))
                                td { (v.link) }
                            }
                        }
                        tr.total { td { (w.total) } td {} (counts_cells(&mn.total)) td {} }
                    }
                }
                @if mn.venues.iter().any(|v| v.headcount && !v.reported) {
                    p.footnote { "* " (w.not_reported) }
                }
                div.charts aria-label=(w.chart_label) {
                    @for v in &mn.venues {
                        figure { (chart(v, w)) figcaption { (v.name) } }
                    }
                }

                h2 { (w.agenda_heading) }
                @if mn.items.is_empty() { p { (w.none) } } @else {
                    table.grid {
                        thead { tr {
                            th { (w.number) } th { (w.item) } th { (w.speaker) } th { (w.planned) }
                            th { (w.actual_time) } th { (w.used) } th { (w.overrun) }
                        } }
                        tbody {
                            @for it in &mn.items {
                                tr class=[it.sub.then_some("sub")] {
                                    td.nw { (it.number) } td.t { (it.title) } td { (it.speaker) }
                                    td.nw { (it.planned) } td.nw { (it.actual) } td.n.nw { (it.used) }
                                    td.n.nw.over { (it.overrun) }
                                }
                            }
                        }
                    }
                }

                @if !mn.notes.is_empty() {
                    h2 { (w.notes_heading) }
                    @for g in &mn.notes {
                        h3 { (g.heading) }
                        ul { @for n in &g.notes { li { (n) } } }
                    }
                }

                h2 { (w.decisions_heading) }
                @if mn.decisions.is_empty() { p { (w.none) } } @else {
                    p.decision { (w.decisions_intro) }
                    @for (i, d) in mn.decisions.iter().enumerate() {
                        p.decision { (paragraph_marker(i + 1, mn.lang)) (d) }
                    }
                }

                h2 { (w.actions_heading) }
                @if mn.actions.is_empty() { p { (w.none) } } @else {
                    table.grid {
                        thead { tr {
                            th { (w.action_id) } th { (w.task) } th { (w.owner) } th { (w.assigned_by) }
                            th { (w.due) } th { (w.status) } th { (w.from_item) }
                        } }
                        tbody {
                            @for a in &mn.actions {
                                tr {
                                    td.nw { (a.id) } td { (a.text) } td { (a.owner_text) } td { (a.assigned_by) }
                                    td { (a.due) } td.nw class=[a.overdue.then_some("over")] { (a.status_label) }
                                    td { (a.item) }
                                }
                            }
                        }
                    }
                    h2 { (w.actions_by_owner_heading) }
                    @for g in &mn.actions_by_owner {
                        h3 { (g.owner) }
                        ul {
                            @for &i in &g.actions {
                                @let a = &mn.actions[i];
                                li {
                                    (a.id) " " (a.text) (w.open_paren)
                                    @if !a.due.is_empty() { (w.due) (w.colon) (a.due) (if mn.lang == Lang::Zh { "，" } else { ", " }) }
                                    (a.status_label) (w.close_paren)
                                }
                            }
                        }
                    }
                }

                p.signoff { (w.sign_off) }
                footer { (mn.generated) }
            } }
        }
    }
}
