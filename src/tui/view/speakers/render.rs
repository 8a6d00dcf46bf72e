//! Drawing the speakers panel, its search box and the big clock's face for a speech:
//! functions of the panel's state and the meeting, nothing changed. The countdown is
//! coloured by phase, and the overrun also says so in words; the cue line turns to a
//! warning when the venue to switch to has a failing link.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{ST, SpeakerPanel, list_item, status_word};
use crate::core::agenda::VenueKind;
use crate::core::meeting::{Meeting, Phase, SpeechState, SpeechStatus, mmss};
use crate::i18n::Lang;
use crate::tui::ctx::Ctx;
use crate::tui::fit::{pad, truncate};
use crate::tui::layout::{centered, clear_popup, scroll_start};
use crate::tui::text::T;
use crate::tui::theme::Theme;

/// At most this many speakers are listed at once.
const ROWS: usize = 6;

/// The rows the panel needs in `avail` rows (none when the meeting plans no speeches).
pub fn height(ctx: &Ctx, avail: u16) -> u16 {
    let m = ctx.meeting;
    if m.speeches.is_empty() || avail < 8 {
        return 0;
    }
    let n = list_item(m)
        .map_or(0, |i| m.speeches_of(&i).len())
        .clamp(1, ROWS);
    let cue = usize::from(m.video_cue().is_some());
    // Border, the line of the speech in hand, the list, the cue, the script's paragraph.
    let want = (1 + 1 + n + cue + 1) as u16;
    want.min(avail / 2)
}

fn speech_style(phase: Phase, th: &Theme) -> Style {
    match phase {
        Phase::Open | Phase::Within => th.ok,
        Phase::Warning => th.warn,
        Phase::Overrun => th.error,
    }
}

/// `陈琳慧（王益区分会场）`: a speaker, with the branch venue they speak from.
fn who(m: &Meeting, s: &SpeechState, lang: Lang) -> String {
    let name = m.speaker_label(&s.speaker, lang);
    let venue = s
        .speaker
        .venue
        .as_deref()
        .and_then(|v| m.venue(v))
        .filter(|&v| m.agenda.venues[v].kind == VenueKind::Branch);
    match (venue, lang) {
        (Some(v), Lang::Zh) => format!("{name}（{}）", m.agenda.venues[v].name),
        (Some(v), Lang::En) => format!("{name} ({})", m.agenda.venues[v].name),
        (None, _) => name,
    }
}

/// The countdown of a speech: `剩余 1:23 / 5:00`, `超时 0:12`, or the time spoken.
fn countdown_spans(s: &SpeechState, ctx: &Ctx) -> Vec<Span<'static>> {
    let (lang, th) = (ctx.lang, ctx.theme);
    let c = s.countdown(ctx.now);
    let style = speech_style(c.phase, th);
    match (c.phase, c.remaining(), c.limit) {
        (Phase::Overrun, _, _) => vec![Span::styled(
            format!(" {} {} ", ST::Over.get(lang), mmss(c.overrun())),
            style,
        )],
        (_, Some(r), Some(l)) => vec![
            Span::styled(format!("{} ", ST::Left.get(lang)), th.dim),
            Span::styled(format!(" {} ", mmss(r)), style),
            Span::styled(format!(" / {}", mmss(l)), th.dim),
        ],
        _ => vec![
            Span::styled(format!("{} ", T::ClockElapsed.get(lang)), th.dim),
            Span::styled(mmss(c.elapsed), th.title),
        ],
    }
}

pub fn render(p: &SpeakerPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let (m, lang, th) = (ctx.meeting, ctx.lang, ctx.theme);
    if area.height < 3 {
        return;
    }
    let title = match list_item(m) {
        Some(i) => format!(
            " {}{}{} ",
            ST::Speakers.get(lang),
            lang.pick(": ", "："),
            m.item_label(&i)
        ),
        None => format!(" {} ", ST::Speakers.get(lang)),
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(th.border)
        .title(Span::styled(
            truncate(&title, area.width as usize),
            th.header,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    // The speech in hand, or who is next.
    match (m.running_speech(), m.upcoming_speech()) {
        (Some(s), _) => {
            let mut spans = vec![
                Span::styled(ST::Speaking.get(lang), th.dim),
                Span::styled(who(m, s, lang), th.title),
                Span::raw("  "),
            ];
            spans.extend(countdown_spans(s, ctx));
            lines.push(Line::from(spans));
        }
        (None, Some(n)) => lines.push(Line::from(vec![
            Span::styled(ST::NextSpeaker.get(lang), th.dim),
            Span::styled(who(m, n, lang), th.title),
        ])),
        (None, None) => lines.push(Line::from(Span::styled(ST::NobodyNext.get(lang), th.dim))),
    }
    let list = p.list(m);
    let cue = m.video_cue();
    let extra = 1 + usize::from(cue.is_some()) + 1;
    let room = (inner.height as usize).saturating_sub(extra).max(1);
    if list.is_empty() {
        lines.push(Line::from(Span::styled(ST::NoSpeakers.get(lang), th.dim)));
    }
    let selected = p.selected(m).map(|s| s.id.clone());
    let sel_at = selected
        .as_deref()
        .and_then(|id| list.iter().position(|s| s.id == id))
        .unwrap_or(0);
    let next_id = m.upcoming_speech().map(|s| s.id.clone());
    for s in list
        .iter()
        .skip(scroll_start(sel_at, list.len(), room))
        .take(room)
    {
        let c = s.countdown(ctx.now);
        let mark = if s.status == SpeechStatus::Running {
            ">"
        } else if next_id.as_deref() == Some(s.id.as_str()) {
            "*"
        } else {
            " "
        };
        let time = match (s.status, c.limit) {
            (SpeechStatus::Pending | SpeechStatus::Skipped, Some(l)) => mmss(l),
            (SpeechStatus::Pending | SpeechStatus::Skipped, None) => String::new(),
            (_, Some(l)) => format!("{}/{}", mmss(c.elapsed), mmss(l)),
            (_, None) => mmss(c.elapsed),
        };
        let state = status_word(s).get(lang);
        let fixed = 2 + 1 + 11 + 1 + 10 + 1 + 8;
        let name_w = w.saturating_sub(fixed).max(6);
        let row_style = if selected.as_deref() == Some(s.id.as_str()) {
            th.selected
        } else if s.status == SpeechStatus::Running {
            th.running
        } else if s.status == SpeechStatus::Skipped {
            th.dim
        } else {
            Style::new()
        };
        let time_style = if c.phase == Phase::Overrun && s.status != SpeechStatus::Pending {
            th.error_text
        } else {
            row_style
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), row_style),
            Span::styled(pad(&who(m, s, lang), name_w), row_style),
            Span::styled(" ", row_style),
            Span::styled(
                pad(&format!("{}{}", s.speaker.kind.label(lang), ""), 10),
                row_style,
            ),
            Span::styled(" ", row_style),
            Span::styled(pad(&time, 11), time_style),
            Span::styled(" ", row_style),
            Span::styled(pad(state, 8), row_style),
        ]));
    }
    if let Some(c) = &cue {
        let style = if c.link_failing() { th.error } else { th.warn };
        lines.push(Line::from(Span::styled(
            truncate(&format!(" {} ", c.line(m, lang)), w),
            style,
        )));
    }
    // The chair's words for the speaker in hand (or the item).
    let speech = m
        .running_speech()
        .or_else(|| m.upcoming_speech())
        .map(|s| s.id.clone());
    let para = p
        .script
        .as_ref()
        .and_then(|sc| sc.paragraph_for(speech.as_deref(), list_item(m).as_deref()));
    if let Some(para) = para {
        let label = ST::Script.get(lang);
        lines.push(Line::from(vec![
            Span::styled(label, th.dim),
            Span::raw(truncate(
                &para.text,
                w.saturating_sub(unicode_width::UnicodeWidthStr::width(label)),
            )),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The search box of "add a speaker", over `area`.
pub fn render_popup(p: &SpeakerPanel, frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let Some(a) = &p.adding else {
        return;
    };
    let (m, lang, th) = (ctx.meeting, ctx.lang, ctx.theme);
    let h = (4 + super::RESULTS as u16).min(area.height);
    let popup = centered(area, 60.min(area.width), h);
    clear_popup(frame, popup, area, 1);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(th.border_focus)
        .title(Span::styled(
            format!(" {} ", ST::AddTitle.get(lang)),
            th.header,
        ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.height == 0 {
        return;
    }
    let w = inner.width as usize;
    let mut lines = vec![
        Line::from(Span::styled(truncate(ST::AddAbout.get(lang), w), th.dim)),
        Line::from(Span::styled(
            pad(&format!("> {}", a.input.value()), w),
            th.input,
        )),
    ];
    if a.hits.is_empty() && !a.input.value().is_empty() {
        lines.push(Line::from(Span::styled(ST::NoMatch.get(lang), th.dim)));
    }
    for (i, &hit) in a.hits.iter().enumerate() {
        let person = &m.people[hit];
        let venue = m
            .venue(&person.venue)
            .map(|v| m.agenda.venues[v].name.as_str())
            .unwrap_or("");
        let text = format!(
            "{} {} {}{} {venue}",
            person.id, person.name, person.unit, person.title
        );
        let style = if i == a.selected {
            th.selected
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(pad(&truncate(&text, w), w), style)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    // The caret, for an input method's candidate window.
    let caret = 2 + unicode_width::UnicodeWidthStr::width(a.input.value()) as u16;
    if inner.height > 1 {
        frame.set_cursor_position((
            inner.x + caret.min(inner.width.saturating_sub(1)),
            inner.y + 1,
        ));
    }
}

/// What the big clock shows while someone speaks: their name and unit, the time left of
/// their limit (or spoken, without one), and the phase.
pub struct ClockFace {
    pub speaker: String,
    pub digits: String,
    pub colour: Color,
    pub state: String,
    pub state_style: Style,
}

pub fn clock_face(ctx: &Ctx) -> Option<ClockFace> {
    let (m, lang, th) = (ctx.meeting, ctx.lang, ctx.theme);
    let s = m.running_speech()?;
    let c = s.countdown(ctx.now);
    let name = m.speaker_label(&s.speaker, lang);
    let role = s.speaker.role(lang);
    let speaker = if role.is_empty() {
        format!("{}{name}", T::SpeakerColon.get(lang))
    } else {
        format!("{}{name}  {role}", T::SpeakerColon.get(lang))
    };
    let colour = match c.phase {
        Phase::Open | Phase::Within => th.phase_ok,
        Phase::Warning => th.phase_warn,
        Phase::Overrun => th.phase_over,
    };
    let (digits, state) = match (c.phase, c.remaining(), c.limit) {
        (Phase::Overrun, _, _) => (
            format!("+{}", mmss(c.overrun())),
            T::ClockOver.get(lang).to_string(),
        ),
        (_, Some(r), Some(l)) => (
            mmss(r),
            format!(
                "{}{}{} {}{}",
                ST::Left.get(lang),
                lang.pick(" (", "（"),
                ST::Limit.get(lang),
                mmss(l),
                lang.pick(")", "）")
            ),
        ),
        _ => (mmss(c.elapsed), T::ClockElapsed.get(lang).to_string()),
    };
    let calm = matches!(c.phase, Phase::Open | Phase::Within);
    let state_style = crate::tui::view::clock::state_style(th, calm, colour);
    Some(ClockFace {
        speaker,
        digits,
        colour,
        state,
        state_style,
    })
}
