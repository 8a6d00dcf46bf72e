//! The minutes as one self-contained HTML page: inline CSS laid out for A4 paper after
//! GB/T 9704-2012 (margins, text block, fonts, "— 1 —" page numbers in print), nothing
//! fetched from anywhere (a Content Security Policy forbids it, and scripts, outright). maud escapes every interpolated
//! value; the only pre-escaped string is the constant style sheet below.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::Options;
use super::model::{self, Minutes};
use super::words::Words;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

const CSS: &str = r#"
/* GB/T 9704-2012: A4, text block 156 mm x 225 mm, top margin 37 mm, binding side 28 mm;
   body 3号 (16 pt) 仿宋, title 2号 (22 pt) 小标宋, 22 lines a page; page numbers as
   "— 1 —" under the text block. Fonts fall back to what the machine has. */
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif;
    font-size: 14pt; vertical-align: top; padding-top: 7mm; } }
* { box-sizing: border-box; }
html { font-size: 16pt; }
body { margin: 0; color: #000; background: #fff;
  font-family: "FangSong", "FangSong_GB2312", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  line-height: 28.9pt; }
main { width: 156mm; margin: 0 auto; }
.head { text-align: center; color: #c00; margin: 0 0 4mm; }
.head .issuer { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "Noto Serif CJK SC", "SimSun", serif;
  font-size: 30pt; line-height: 1.3; letter-spacing: 0.05em; margin: 0; }
.head .number { color: #000; margin: 3mm 0 0; }
.head hr { border: 0; border-top: 1.5pt solid #c00; margin: 2mm 0 0; }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.45; margin: 0 0 1em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", "Heiti SC", sans-serif;
  font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  break-after: avoid; page-break-after: avoid; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.speaker { font-family: "KaiTi", "楷体_GB2312", "STKaiti", "Noto Serif CJK SC", serif; }
p.att { text-indent: -3em; padding-left: 5em; }
p.att b, p.att-note b { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
table.tasks { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 1.5; margin: 2mm 0 4mm; }
table.tasks th, table.tasks td { border: 0.75pt solid #000; padding: 1mm 1.5mm; vertical-align: top; }
table.tasks th { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; white-space: nowrap; }
table.tasks td.n { text-align: center; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.gap { height: 28.9pt; }
.signoff { text-align: right; padding-right: 4em; margin-top: 1em; }
.imprint { margin-top: 2em; font-size: 14pt; line-height: 1.9; border-top: 0.75pt solid #000; border-bottom: 0.75pt solid #000;
  break-inside: avoid; page-break-inside: avoid; }
.imprint p { text-indent: 0; padding: 0 1em; border-bottom: 0.5pt solid #000; }
.imprint p:last-child { border-bottom: 0; display: flex; justify-content: space-between; }
.attachment { break-before: page; page-break-before: always; }
.attachment .label { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; text-indent: 0; }
.attachment h3 { font-family: "KaiTi", "楷体_GB2312", "STKaiti", "Noto Serif CJK SC", serif; font-size: 16pt;
  font-weight: normal; margin: 0.5em 0 0; text-indent: 2em; break-after: avoid; page-break-after: avoid; }
@media screen { body { background: #ddd; } main { background: #fff; width: 210mm; padding: 37mm 26mm 35mm 28mm;
  margin: 8mm auto; box-shadow: 0 0 4mm rgba(0,0,0,.2); } }
"#;

/// No network, no scripts, no plugins: the page is data only, even if a name were to
/// slip past escaping.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

pub fn render(m: &Meeting, opts: &Options) -> String {
    render_minutes(&model::minutes(m, opts)).into_string()
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
                @if let Some(h) = &mn.head {
                    div.head {
                        p.issuer { (h.heading) }
                        @if !h.number.is_empty() { p.number { (h.number) } }
                        hr;
                    }
                }
                h1 { (mn.title) }
                p { (mn.summary) }
                @for sec in &mn.sections {
                    h2 { (sec.heading) }
                    @if let Some(sp) = &sec.speaker { p.speaker { (w.speaker) (w.colon) (sp) } }
                    @for para in &sec.paragraphs { p { (para) } }
                }
                @if !mn.decisions.is_empty() {
                    h2 { (w.decisions_heading) }
                    @for d in &mn.decisions { p.decision { (d) } }
                }
                @if !mn.tasks.is_empty() {
                    h2 { (w.tasks_heading) }
                    table.tasks {
                        thead { tr {
                            th { (w.seq) } th { (w.task) } th { (w.task_lead) } th { (w.task_others) } th { (w.due) }
                        } }
                        tbody {
                            @for t in &mn.tasks {
                                tr {
                                    td.n { (t.number) } td { (t.text) } td { (t.lead) } td { (t.others) } td { (t.due) }
                                }
                            }
                        }
                    }
                }
                @if let Some(sp) = &mn.speeches {
                    h2 { (sp.heading) }
                    table.tasks {
                        thead { tr { @for h in &sp.columns { th { (h) } } } }
                        tbody {
                            @for r in &sp.rows {
                                tr {
                                    td.n { (r.number) } td { (r.item) } td { (r.speaker) } td { (r.unit) }
                                    td { (r.venue) } td { (r.kind) } td.n { (r.time) } td.n { (r.overrun) }
                                }
                            }
                        }
                    }
                    h3 { (sp.totals_heading) }
                    table.tasks {
                        thead { tr { @for h in &sp.total_columns { th { (h) } } } }
                        tbody {
                            @for t in &sp.totals {
                                tr {
                                    td { (t.speaker) } td { (t.unit) } td.n { (t.speeches) }
                                    td.n { (t.total) } td.n { (t.overrun) }
                                }
                            }
                        }
                    }
                }
                @if let Some(note) = &mn.attachment_note {
                    div.gap {}
                    p { (note) }
                }
                div.gap {}
                @for line in &mn.attendance_lines {
                    p.att { b { (line.label) (w.colon) } (line.text) }
                }
                @if let Some(sign) = mn.sign_off { p.signoff { (sign) } }
                @if let Some(imp) = &mn.imprint {
                    div.imprint {
                        @for l in [&imp.to, &imp.cc].into_iter().flatten() { p { (l) } }
                        p { span { (imp.printed_by) } span { (imp.printed_on) } }
                    }
                }
                @if let Some(a) = &mn.attachment {
                    section.attachment {
                        p.label { (a.label) }
                        h1 { (a.title) }
                        @for v in &a.venues {
                            h3 { (v.name) }
                            p { (v.figures) }
                            @for n in &v.notes { p { (n) } }
                            @for line in &v.lines {
                                p.att-note { b { (line.label) (w.colon) } (line.text) }
                            }
                        }
                    }
                }
            } }
        }
    }
}
