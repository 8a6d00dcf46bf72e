//! The review of a video platform's attendance export, before anything is recorded: the
//! sign-ins, the venue links, who is in already, same-name cases (the secretary picks the
//! person with Space, or leaves it), and the names not on the roster. Enter asks the
//! app to record, from a seat named after the platform; Esc records nothing. The file
//! is read by the app ([`crate::tui::effects`]) and matched here, which is pure.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::core::command::Command;
use crate::core::event::LinkState;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;
use crate::import::matching::Reconciliation;
use crate::import::platform::Platform;
use crate::tui::ctx::Ctx;
use crate::tui::fit::truncate;
use crate::tui::layout::{Window, centered, clear_popup};
use crate::tui::msg::{Msg, Tag};
use crate::tui::text::{Say, T, clock};

/// One line of the review.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Heading(T, usize),
    /// A line of text that is what it is.
    Fixed(String),
    /// The k-th same-name case: its text depends on the choice.
    Choice(usize),
}

#[derive(Debug, Clone)]
pub struct Review {
    pub file: String,
    pub platform: Platform,
    pub plan: Reconciliation,
    /// Per same-name case, the candidate chosen (index into its candidates).
    pub chosen: Vec<Option<usize>>,
    entries: Vec<Entry>,
    selected: usize,
    offset: usize,
}

/// A person as the review lists them: `id name unit venue`.
fn who(m: &Meeting, p: usize) -> String {
    let x = &m.people[p];
    let venue = m
        .venue(&x.venue)
        .map(|v| m.agenda.venues[v].name.as_str())
        .unwrap_or("");
    format!("{}  {}  {}  {venue}", x.id, x.name, x.unit)
}

fn row_label(row: usize, lang: Lang) -> String {
    Say::Row { row }.text(lang)
}

impl Review {
    pub fn new(
        file: &str,
        platform: Platform,
        plan: Reconciliation,
        m: &Meeting,
        lang: Lang,
    ) -> Review {
        let tz = *m.agenda.meeting.start.offset();
        let mut entries = Vec::new();
        let section = |entries: &mut Vec<Entry>, t: T, lines: Vec<Entry>| {
            if !lines.is_empty() {
                entries.push(Entry::Heading(t, lines.len()));
                entries.extend(lines);
            }
        };
        let late = T::ReviewLate.get(lang);
        section(
            &mut entries,
            T::ReviewSignIns,
            plan.sign_ins
                .iter()
                .map(|s| {
                    Entry::Fixed(format!(
                        "{}{}  {}  [{} \"{}\"{}{}]",
                        clock(s.at, tz),
                        if s.late {
                            format!(" {late}")
                        } else {
                            String::new()
                        },
                        who(m, s.person),
                        row_label(s.row, lang),
                        s.shown_as,
                        T::Comma.get(lang),
                        s.how.label(lang)
                    ))
                })
                .collect(),
        );
        section(
            &mut entries,
            T::ReviewLinks,
            plan.links
                .iter()
                .map(|l| {
                    let v = &m.agenda.venues[l.venue];
                    Entry::Fixed(format!(
                        "{}  {}{}  [{} \"{}\"]",
                        v.id,
                        v.name,
                        if l.already {
                            format!(" {}", T::ReviewRecorded.get(lang))
                        } else {
                            String::new()
                        },
                        row_label(l.row, lang),
                        l.shown_as
                    ))
                })
                .collect(),
        );
        section(
            &mut entries,
            T::ReviewAmbiguous,
            (0..plan.ambiguous.len()).map(Entry::Choice).collect(),
        );
        section(
            &mut entries,
            T::ReviewAlready,
            plan.already
                .iter()
                .map(|a| {
                    Entry::Fixed(format!(
                        "{}  {}  [{}]",
                        clock(a.since, tz),
                        who(m, a.person),
                        row_label(a.row, lang)
                    ))
                })
                .collect(),
        );
        section(
            &mut entries,
            T::ReviewAgain,
            plan.again
                .iter()
                .map(|a| {
                    Entry::Fixed(format!(
                        "{} \"{}\" = {} \"{}\"",
                        row_label(a.row, lang),
                        a.shown_as,
                        row_label(a.first_row, lang),
                        a.first_shown_as
                    ))
                })
                .collect(),
        );
        section(
            &mut entries,
            T::ReviewUnmatched,
            plan.unmatched
                .iter()
                .map(|u| Entry::Fixed(format!("{} \"{}\"", row_label(u.row, lang), u.shown_as)))
                .collect(),
        );
        section(
            &mut entries,
            T::ReviewNoTime,
            plan.no_time
                .iter()
                .map(|n| {
                    Entry::Fixed(format!(
                        "{} \"{}\"  {}",
                        row_label(n.row, lang),
                        n.shown_as,
                        who(m, n.person)
                    ))
                })
                .collect(),
        );
        let chosen = vec![None; plan.ambiguous.len()];
        let selected = entries
            .iter()
            .position(|e| matches!(e, Entry::Choice(_)))
            .unwrap_or(0);
        Review {
            file: file.to_string(),
            platform,
            plan,
            chosen,
            entries,
            selected,
            offset: 0,
        }
    }

    pub fn move_by(&mut self, d: isize) {
        let n = self.entries.len();
        if n == 0 {
            return;
        }
        self.selected = (self.selected as isize + d).clamp(0, n as isize - 1) as usize;
    }

    /// On a same-name case: the next candidate, and after the last, nobody.
    pub fn toggle(&mut self) {
        if let Some(Entry::Choice(k)) = self.entries.get(self.selected) {
            let n = self.plan.ambiguous[*k].candidates.len();
            self.chosen[*k] = match self.chosen[*k] {
                None if n > 0 => Some(0),
                Some(i) if i + 1 < n => Some(i + 1),
                _ => None,
            };
        }
    }

    /// How many records Enter would make.
    #[cfg(test)]
    pub fn pending(&self) -> usize {
        self.plan.sign_ins.len()
            + self.chosen.iter().filter(|c| c.is_some()).count()
            + self.plan.links.iter().filter(|l| !l.already).count()
    }

    /// The records to make: the sign-ins (and the chosen same-name cases) and the venue
    /// links, from the platform's seat. The app stops at the first failure, which the
    /// notice line shows; what was recorded stays.
    pub fn record(&self, m: &Meeting) -> Msg {
        let seat = self.platform.seat().to_string();
        let mut cmds = Vec::new();
        let mut sign_ins: Vec<(usize, chrono::DateTime<chrono::Utc>, bool)> = self
            .plan
            .sign_ins
            .iter()
            .map(|s| (s.person, s.at, s.late))
            .collect();
        for (k, c) in self.chosen.iter().enumerate() {
            let a = &self.plan.ambiguous[k];
            if let (Some(i), Some(at)) = (c, a.at) {
                sign_ins.push((a.candidates[*i], at, at > self.plan.start));
            }
        }
        let mut seen = Vec::new();
        for (p, at, late) in sign_ins {
            if m.attendance[p].is_present() || seen.contains(&p) {
                continue;
            }
            seen.push(p);
            cmds.push(Command::SignIn {
                participant: m.people[p].id.clone(),
                late,
                effective_at: Some(at),
            });
        }
        for l in self.plan.links.iter().filter(|l| !l.already) {
            cmds.push(Command::Link {
                venue: m.agenda.venues[l.venue].id.clone(),
                video: LinkState::Ok,
                audio: LinkState::Ok,
            });
        }
        Msg::Record {
            cmds,
            seat: Some(seat.clone()),
            tag: Tag::Reconcile { seat },
        }
    }

    pub fn render(&mut self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let lang = ctx.lang;
        let w = area.width.saturating_sub(4).min(110);
        let h = area.height.saturating_sub(2);
        let popup = centered(area, w, h);
        if popup.width < 10 || popup.height < 4 {
            return;
        }
        clear_popup(frame, popup, area, 0);
        let title = format!(" {}: {} ", self.platform.label(lang), self.file);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(ctx.theme.border_focus)
            .title(truncate(&title, popup.width.saturating_sub(2) as usize));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let width = inner.width as usize;
        // The last row is the keys, and what is hidden above and below.
        let rows = (inner.height as usize).saturating_sub(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if rows > 0 && self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let hidden = Window {
            start: self.offset,
            end: (self.offset + rows).min(self.entries.len()),
            above: self.offset,
            below: self.entries.len().saturating_sub(self.offset + rows),
            marked: false,
        };
        let mut lines: Vec<Line> = Vec::with_capacity(rows + 1);
        if self.entries.is_empty() {
            lines.push(Line::styled(T::ReviewNothing.get(lang), ctx.theme.dim));
        }
        for (i, e) in self.entries.iter().enumerate().skip(self.offset).take(rows) {
            let selected = i == self.selected;
            let (text, style) = match e {
                Entry::Heading(t, n) => (format!("{} ({n})", t.get(lang)), ctx.theme.header),
                Entry::Fixed(s) => (format!("  {s}"), ctx.theme.base),
                Entry::Choice(k) => {
                    let a = &self.plan.ambiguous[*k];
                    let choice = match self.chosen[*k] {
                        Some(c) => format!("-> {}", who(ctx.meeting, a.candidates[c])),
                        None => format!(
                            "{} ({})",
                            T::ReviewNobody.get(lang),
                            a.candidates
                                .iter()
                                .map(|&c| ctx.meeting.people[c].id.as_str())
                                .collect::<Vec<_>>()
                                .join(" / ")
                        ),
                    };
                    (
                        format!("  {} \"{}\"  {choice}", row_label(a.row, lang), a.part),
                        ctx.theme.warn,
                    )
                }
            };
            let style = if selected { ctx.theme.selected } else { style };
            let text = format!("{}{text}", ctx.theme.mark(selected));
            lines.push(Line::from(Span::styled(truncate(&text, width), style)));
        }
        while lines.len() < rows {
            lines.push(Line::raw(""));
        }
        let more = hidden.marker(lang);
        let keys = T::ReviewKeys.get(lang);
        let keys = truncate(keys, width.saturating_sub(more.width() + 2));
        lines.push(Line::from(vec![
            Span::styled(format!("{keys}  "), ctx.theme.hint),
            Span::styled(more, ctx.theme.title),
        ]));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::core::agenda::Agenda;
    use crate::tui::keymap::Keymap;
    use crate::tui::theme::THEME;

    fn meeting() -> Meeting {
        let text = include_str!("../../../tests/data/reconcile-agenda.json");
        let loaded = crate::core::load::load_agenda(text.as_bytes(), Lang::En);
        let a: Agenda = loaded.agenda.unwrap();
        Meeting::new(Arc::new(a))
    }

    fn review(m: &Meeting) -> Review {
        let csv = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n\
王晓红,,05/04/2017 02:20:00 PM,05/04/2017 04:02:40 PM,95,Yes\n\
王伟,,05/04/2017 02:26:00 PM,05/04/2017 04:02:40 PM,90,Yes\n\
耀州区分会场,,05/04/2017 02:10:00 PM,05/04/2017 04:02:40 PM,110,Yes\n\
iPhone,,05/04/2017 02:27:00 PM,05/04/2017 04:02:40 PM,90,Yes\n";
        let export = crate::import::platform::read_text(csv, Some(m.agenda.meeting.date)).unwrap();
        let plan = crate::import::matching::reconcile(m, &export, None);
        Review::new("zoom.csv", export.platform, plan, m, Lang::En)
    }

    #[test]
    fn choosing_among_same_name_people() {
        let m = meeting();
        let mut r = review(&m);
        // One sign-in and one link to record; the same-name case waits for a choice.
        assert_eq!(r.pending(), 2);
        assert_eq!(r.entries[r.selected], Entry::Choice(0));
        r.toggle();
        assert_eq!(r.chosen, vec![Some(0)]);
        assert_eq!(r.pending(), 3);
        r.toggle();
        assert_eq!(r.chosen, vec![Some(1)]);
        r.toggle();
        assert_eq!(r.chosen, vec![None]);
        // Toggling a line that is not a choice changes nothing.
        r.move_by(-100);
        r.toggle();
        assert_eq!(r.chosen, vec![None]);
    }

    #[test]
    fn renders_at_any_size_with_every_section() {
        let m = meeting();
        let keymap = Keymap::default();
        for (w, h) in [(120, 30), (40, 8), (8, 3), (0, 0)] {
            let mut r = review(&m);
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            term.draw(|f| {
                let ctx = Ctx {
                    meeting: &m,
                    lang: Lang::Zh,
                    now: chrono::Utc::now(),
                    tz: *m.agenda.meeting.start.offset(),
                    keymap: &keymap,
                    theme: &THEME,
                    seat: "test",
                    export_dir: std::path::Path::new("."),
                };
                r.render(f, f.area(), &ctx);
            })
            .unwrap();
            if w == 120 {
                let screen: String = term
                    .backend()
                    .buffer()
                    .content()
                    .iter()
                    .map(|c| c.symbol())
                    .filter(|s| !s.trim().is_empty())
                    .collect();
                // Cells after a wide character hold no symbol: compare without spaces.
                for want in [
                    "签到(1)",
                    "分会场连线正常(1)",
                    "多人符合",
                    "名单中找不到(1)",
                    "\"iPhone\"",
                ] {
                    assert!(screen.contains(want), "{want}: {screen}");
                }
            }
        }
    }
}
