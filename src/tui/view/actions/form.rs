//! The action form, opened from any view with one key: what, owners, due, source item,
//! assigned by. The item defaults to the running (or last) item and the assigner to its
//! speaker. Owners are picked with the attendance desk's name search (`NameIndex`) plus
//! venues and roster units, or typed: several owners in one go (`镇原县分会场、合水县、
//! 市教育局、闫斐`) are split and each resolved by the rules of `huiwu action add` (short
//! unit names matched, an unmatched one flagged in the form rather than created); the
//! assigner is checked the same way. The due phrase is resolved as it is typed and the
//! date shown before saving. After the close a new task is filed under no item unless
//! one is chosen. Saving and closing come from the keymap (the editor
//! scope); the form reads the other keys itself (Tab, the arrows, Enter) and edits its
//! fields through the one [`Form`]. On a refusal the form stays.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::core::actions::{
    AssignerMatch, OwnerMatch, check_assigner, resolve_owners, roster_units,
};
use crate::core::agenda::{OwnerRef, Participant, PersonRef};
use crate::core::command::Command;
use crate::core::due::{self, Due, DueError};
use crate::core::event::ActionFields;
use crate::core::meeting::{ActionItem, Meeting};
use crate::i18n::Lang;
use crate::search::NameIndex;
use crate::tui::ctx::Ctx;
use crate::tui::fit::{pad, truncate};
use crate::tui::form::{Field, Form};
use crate::tui::input::edit_request;
use crate::tui::keymap::{Action, Scope};
use crate::tui::layout::clear_popup;
use crate::tui::text::{Say, T};

// The form's fields, in order.
const TEXT: usize = 0;
const OWNERS: usize = 1;
const DUE: usize = 2;
const ITEM: usize = 3;
const BY: usize = 4;

/// One suggestion for the owner or assigner box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub owner: OwnerRef,
    pub label: String,
    /// Unit and venue, for telling namesakes apart.
    pub detail: String,
}

pub struct ActionForm {
    /// `Some(id)` when editing an existing action.
    editing: Option<String>,
    /// Task, owner being typed, due phrase, item (a choice), assigner.
    form: Form,
    owners: Vec<OwnerRef>,
    /// The id of each item choice (the first is "no item").
    items: Vec<Option<String>>,
    /// The assigner was typed (not the item speaker's default).
    by_touched: bool,
    /// The assigner shown without being typed (the item's speaker, the one recorded, or a
    /// suggestion picked): its label and who it stands for, used as is while the box
    /// still shows that label.
    by_known: Option<(String, PersonRef)>,
    suggestions: Vec<Suggestion>,
    suggestion: usize,
    index: NameIndex,
    /// The meeting's date and named dates, for the due phrase.
    calendar: due::Context,
    original: Option<ActionFields>,
}

impl ActionForm {
    /// A new action, with the running (or last) item and its speaker as defaults. After
    /// the close no item is running: the task is not filed under the one that ran last.
    pub fn new(m: &Meeting) -> ActionForm {
        let item = if m.ended_at.is_some() {
            None
        } else {
            m.item_in_focus()
        };
        let mut f = Self::blank(m, Self::item_choice(m, item));
        f.default_assigner(m);
        f
    }

    /// Edit an existing action.
    pub fn edit(m: &Meeting, a: &ActionItem) -> ActionForm {
        let mut f = Self::blank(m, Self::item_choice(m, a.item.as_deref()));
        f.editing = Some(a.id.clone());
        f.form.fields[TEXT] = Field::text(T::LabelTask, &a.text);
        f.owners = a.owners.clone();
        let due = a
            .due_text
            .clone()
            .or(a.due.map(|d| d.to_string()))
            .unwrap_or_default();
        f.form.fields[DUE] = Field::text(T::LabelDue, &due);
        let by = a
            .assigned_by
            .as_ref()
            .map(|p| m.person_label(p))
            .unwrap_or_default();
        f.form.fields[BY] = Field::text(T::LabelBy, &by);
        f.by_known = a.assigned_by.clone().map(|p| (by, p));
        f.by_touched = true;
        f.original = Some(f.fields(m, Lang::En).unwrap_or_default());
        f
    }

    /// The position of `item` among the item choices (0, no item, when it is none).
    fn item_choice(m: &Meeting, item: Option<&str>) -> usize {
        let Some(item) = item else { return 0 };
        let ids = Self::item_ids(m);
        ids.iter()
            .position(|id| id.as_deref() == Some(item))
            .unwrap_or(0)
    }

    fn item_ids(m: &Meeting) -> Vec<Option<String>> {
        let items = m.agenda.flat_items();
        let mut ids = vec![None];
        ids.extend(items.iter().map(|fi| Some(fi.item.id.clone())));
        ids
    }

    fn blank(m: &Meeting, item: usize) -> ActionForm {
        let mut labels = vec![String::new()];
        labels.extend(
            m.agenda
                .flat_items()
                .iter()
                .map(|fi| format!("{} {}", fi.number, fi.item.title)),
        );
        let form = Form::new(
            String::new(),
            Vec::new(),
            vec![
                Field::text(T::LabelTask, ""),
                Field::text(T::LabelOwners, ""),
                Field::text(T::LabelDue, ""),
                Field::choice(T::LabelItem, labels, item),
                Field::text(T::LabelBy, ""),
            ],
        );
        ActionForm {
            editing: None,
            form,
            owners: Vec::new(),
            items: Self::item_ids(m),
            by_touched: false,
            by_known: None,
            suggestions: Vec::new(),
            suggestion: 0,
            index: NameIndex::build(&m.people),
            calendar: due::Context::for_meeting(&m.agenda.meeting),
            original: None,
        }
    }

    fn item(&self) -> Option<&str> {
        let i = self.form.fields[ITEM].selected();
        self.items.get(i).and_then(|id| id.as_deref())
    }

    fn default_assigner(&mut self, m: &Meeting) {
        if self.by_touched {
            return;
        }
        let speaker = self.item().and_then(|i| m.speaker_of(i)).cloned();
        let name = speaker
            .as_ref()
            .map(|p| m.person_label(p))
            .unwrap_or_default();
        self.form.fields[BY] = Field::text(T::LabelBy, &name);
        self.by_known = speaker.map(|p| (name, p));
    }

    /// The item is chosen by nobody and the meeting is closed: say why it is empty.
    fn closed_without_item(&self, m: &Meeting) -> bool {
        m.ended_at.is_some() && self.item().is_none()
    }

    /// Something typed that would be lost.
    pub fn changed(&self) -> bool {
        !self.form.value(TEXT).is_empty()
            || !self.owners.is_empty()
            || !self.form.fields[OWNERS].value().is_empty()
            || !self.form.fields[DUE].value().is_empty()
    }

    /// The due phrase, resolved against the meeting's date.
    pub fn due_resolved(&self) -> Option<Result<Due, DueError>> {
        let t = self.form.value(DUE);
        (!t.is_empty()).then(|| due::resolve_in(t, &self.calendar))
    }

    pub fn suggestions(&self) -> &[Suggestion] {
        &self.suggestions
    }

    /// Show a problem in the form (a refusal's reason).
    pub fn set_problem(&mut self, text: String) {
        self.form.error = Some(text);
    }

    fn refresh_suggestions(&mut self, m: &Meeting, lang: Lang) {
        self.suggestion = 0;
        let (query, people_only) = match self.form.focus {
            // Several owners may be typed in one go: suggest for the one being typed.
            OWNERS => (last_owner(self.form.value(OWNERS)).to_string(), false),
            BY if self.by_touched => (self.form.value(BY).to_string(), true),
            _ => {
                self.suggestions.clear();
                return;
            }
        };
        self.suggestions = suggest(m, &self.index, &query, people_only, 8, lang);
    }

    /// Move to field `to` (the typed owners are taken first; one that does not resolve
    /// keeps the focus on the owners, with the problem shown).
    fn focus(&mut self, to: usize, m: &Meeting, lang: Lang) {
        self.commit_owner_text(m, lang);
        if self.form.focus != OWNERS || self.form.error.is_none() {
            self.form.focus = to;
        }
        self.refresh_suggestions(m, lang);
    }

    /// A key the keymap did not take (saving and closing are bound in the editor
    /// scope). Enter on the assigner saves: the command to record, if any.
    pub fn key(&mut self, k: &KeyEvent, m: &Meeting, lang: Lang) -> Option<Command> {
        if k.kind != KeyEventKind::Press {
            return None;
        }
        let last = BY;
        let at = self.form.focus;
        match k.code {
            KeyCode::Tab | KeyCode::BackTab => {
                let to = if k.code == KeyCode::Tab {
                    (at + 1) % (last + 1)
                } else {
                    (at + last) % (last + 1)
                };
                self.focus(to, m, lang);
                return None;
            }
            KeyCode::Up if !self.suggestions.is_empty() => {
                self.suggestion = self.suggestion.saturating_sub(1);
                return None;
            }
            KeyCode::Down if !self.suggestions.is_empty() => {
                self.suggestion = (self.suggestion + 1).min(self.suggestions.len() - 1);
                return None;
            }
            KeyCode::Up => {
                self.form.focus = at.saturating_sub(1);
                self.refresh_suggestions(m, lang);
                return None;
            }
            KeyCode::Down => {
                self.form.focus = (at + 1).min(last);
                self.refresh_suggestions(m, lang);
                return None;
            }
            _ => {}
        }
        self.form.error = None;
        match (at, k.code) {
            (ITEM, KeyCode::Left) => {
                self.form.toggle(false);
                self.default_assigner(m);
            }
            (ITEM, KeyCode::Right | KeyCode::Char(' ')) => {
                self.form.toggle(true);
                self.default_assigner(m);
            }
            (ITEM, KeyCode::Enter) => self.form.focus += 1,
            (ITEM, _) => {}
            (OWNERS, KeyCode::Enter) => {
                if let Some(s) = self.suggestions.get(self.suggestion).cloned() {
                    // The owners typed before the one picked are taken as typed.
                    let typed = self.form.value(OWNERS);
                    let before = typed[..typed.len() - last_owner(typed).len()].to_string();
                    self.set_owner_text(&before);
                    self.commit_owner_text(m, lang);
                    if !self.owners.contains(&s.owner) {
                        self.owners.push(s.owner);
                    }
                } else if self.form.value(OWNERS).is_empty() {
                    self.form.focus += 1;
                } else {
                    self.commit_owner_text(m, lang);
                }
                self.refresh_suggestions(m, lang);
            }
            (OWNERS, KeyCode::Backspace) if self.form.fields[OWNERS].value().is_empty() => {
                self.owners.pop();
            }
            (BY, KeyCode::Enter) => match self.suggestions.get(self.suggestion).cloned() {
                Some(s) => {
                    self.form.fields[BY] = Field::text(T::LabelBy, &s.label);
                    if let OwnerRef::Participant(id) = s.owner {
                        let who = PersonRef {
                            participant: Some(id),
                            ..Default::default()
                        };
                        self.by_known = Some((s.label, who));
                    }
                    self.suggestions.clear();
                }
                None => return self.submit(m, lang),
            },
            (TEXT | DUE, KeyCode::Enter) => self.form.focus += 1,
            (_, _) => {
                if let Some(r) = edit_request(k) {
                    if at == BY {
                        self.by_touched = true;
                    }
                    self.form.edit(r);
                    if at == OWNERS || at == BY {
                        self.refresh_suggestions(m, lang);
                    }
                }
            }
        }
        None
    }

    pub fn paste(&mut self, text: &str, m: &Meeting, lang: Lang) {
        match self.form.focus {
            ITEM => return,
            BY => self.by_touched = true,
            _ => {}
        }
        self.form.paste(text);
        self.refresh_suggestions(m, lang);
    }

    /// Replace what the owner box holds.
    fn set_owner_text(&mut self, text: &str) {
        self.form.fields[OWNERS].input = tui_input::Input::new(text.to_string());
    }

    /// Typed owner text (no suggestion picked) becomes owners: split on 、，,; and each
    /// resolved as `huiwu action add` does. What does not resolve stays in the box, and
    /// the form says why (the first problem).
    fn commit_owner_text(&mut self, m: &Meeting, lang: Lang) {
        let typed = self.form.value(OWNERS).to_string();
        if typed.is_empty() {
            return;
        }
        let mut left: Vec<String> = Vec::new();
        let mut problem: Option<String> = None;
        for (t, found) in resolve_owners(m, [typed.as_str()]) {
            let said = match found {
                OwnerMatch::Known(o) | OwnerMatch::Free(o) => {
                    if !self.owners.contains(&o) {
                        self.owners.push(o);
                    }
                    continue;
                }
                OwnerMatch::Unmatched(_) => Say::OwnerUnmatched { typed: t.clone() },
                OwnerMatch::Ambiguous(c)
                    if c.iter().all(|o| matches!(o, OwnerRef::Participant(_))) =>
                {
                    Say::OwnerAmbiguous {
                        typed: t.clone(),
                        n: c.len(),
                    }
                }
                OwnerMatch::Ambiguous(c) => {
                    // Two of them, to show what "in full" means.
                    let mut units = c
                        .iter()
                        .take(2)
                        .map(|o| m.owner_label(o))
                        .collect::<Vec<_>>()
                        .join(T::ListSep.get(lang));
                    if c.len() > 2 {
                        units.push_str(T::AndMore.get(lang));
                    }
                    Say::OwnerUnits {
                        typed: t.clone(),
                        n: c.len(),
                        units,
                    }
                }
            };
            problem.get_or_insert_with(|| said.text(lang));
            left.push(t);
        }
        self.set_owner_text(&left.join(T::ListSep.get(Lang::Zh)));
        if problem.is_some() {
            self.form.error = problem;
        }
    }

    /// The assigner: the one shown without typing, or what was typed, checked like an
    /// owner (`杨涛放假前` is nobody; `person:NAME` keeps a name not on the roster).
    fn assigner(&self, m: &Meeting, lang: Lang) -> Result<Option<PersonRef>, String> {
        let typed = self.form.value(BY);
        if typed.is_empty() {
            return Ok(None);
        }
        if let Some((label, who)) = &self.by_known
            && label.trim() == typed
        {
            return Ok(Some(who.clone()));
        }
        match check_assigner(m, typed) {
            AssignerMatch::Known(p) | AssignerMatch::Free(p) => Ok(Some(p)),
            AssignerMatch::Unmatched(t) => Err(Say::AssignerUnmatched { typed: t }.text(lang)),
            AssignerMatch::Ambiguous(c) => Err(Say::OwnerAmbiguous {
                typed: typed.to_string(),
                n: c.len(),
            }
            .text(lang)),
        }
    }

    /// The fields as recorded, or the field with a problem and the problem.
    fn fields(&self, m: &Meeting, lang: Lang) -> Result<ActionFields, (usize, String)> {
        let due = match self.due_resolved() {
            None => None,
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => return Err((DUE, e.message(lang))),
        };
        let by = self.assigner(m, lang).map_err(|e| (BY, e))?;
        Ok(ActionFields {
            text: Some(self.form.value(TEXT).to_string()),
            owners: Some(self.owners.clone()),
            due: Some(due.as_ref().and_then(|d| d.date)),
            due_text: Some(due.map(|d| d.text)),
            item: Some(self.item().map(str::to_string)),
            assigned_by: Some(by),
        })
    }

    /// The command that records the form, or `None` with the problem shown in the form.
    pub fn submit(&mut self, m: &Meeting, lang: Lang) -> Option<Command> {
        self.commit_owner_text(m, lang);
        if self.form.error.is_some() {
            return None;
        }
        let problem = |f: &mut Self, at: usize, text: String| {
            f.form.focus = at;
            f.form.error = Some(text);
            None
        };
        if self.form.value(TEXT).is_empty() {
            return problem(self, TEXT, T::SayWhat.get(lang).into());
        }
        if self.owners.is_empty() {
            return problem(self, OWNERS, T::GiveOwner.get(lang).into());
        }
        let fields = match self.fields(m, lang) {
            Ok(f) => f,
            Err((at, e)) => return problem(self, at, e),
        };
        Some(match &self.editing {
            None => Command::AddAction { fields },
            Some(id) => Command::EditAction {
                action: id.clone(),
                fields: changed_fields(fields, self.original.clone().unwrap_or_default()),
            },
        })
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let (lang, th) = (ctx.lang, ctx.theme);
        let w = area.width.saturating_sub(4).clamp(area.width.min(30), 84);
        let h = area.height.saturating_sub(2).clamp(area.height.min(8), 18);
        let popup = Rect {
            x: area.x + area.width.saturating_sub(w) / 2,
            y: area.y + area.height.saturating_sub(h) / 2,
            width: w,
            height: h,
        };
        clear_popup(frame, popup, area, 1);
        let title = match &self.editing {
            None => format!(" {} ", T::NewAction.get(lang)),
            Some(id) => Say::EditActionTitle { id: id.clone() }.text(lang),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(th.border_focus)
            .title(Span::styled(title, th.header));
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        if inner.height < 2 || inner.width < 10 {
            return;
        }
        let (mut lines, cursor) = self.rows(inner, ctx);
        let foot = match &self.form.error {
            Some(p) => Line::from(Span::styled(p.clone(), th.error_text)),
            None => {
                // The form's own keys, and the bound ones as the keymap has them.
                let bound =
                    ctx.keymap
                        .hint_line(Scope::Editor, &[Action::Submit, Action::Cancel], lang);
                let keys = format!(
                    "{}   {bound}   {}",
                    T::FormNextField.get(lang),
                    T::FormItemKeys.get(lang)
                );
                Line::from(Span::styled(keys, th.dim))
            }
        };
        // A problem may take two lines (it says what to write instead).
        let foot_h: u16 = if foot.width() > inner.width as usize && inner.height > 4 {
            2
        } else {
            1
        };
        let body_h = inner.height.saturating_sub(foot_h) as usize;
        lines.truncate(body_h);
        let foot_area = Rect {
            y: inner.y + inner.height.saturating_sub(foot_h),
            height: foot_h,
            ..inner
        };
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                height: inner.height.saturating_sub(foot_h),
                ..inner
            },
        );
        frame.render_widget(
            Paragraph::new(foot).wrap(ratatui::widgets::Wrap { trim: false }),
            foot_area,
        );
        if let Some((x, y)) = cursor
            && x < inner.width
            && (y as usize) < body_h
        {
            frame.set_cursor_position(Position::new(inner.x + x, inner.y + y));
        }
    }

    /// The fields' rows (the resolved due date under its box, the suggestions under
    /// all), and where the caret is.
    fn rows(&self, inner: Rect, ctx: &Ctx) -> (Vec<Line<'static>>, Option<(u16, u16)>) {
        let (lang, th, m) = (ctx.lang, ctx.theme, ctx.meeting);
        let label_w = self
            .form
            .fields
            .iter()
            .map(|f| f.label.get(lang).width())
            .max()
            .unwrap_or(0)
            + 1;
        let value_w = (inner.width as usize).saturating_sub(label_w + 3);
        let mut lines: Vec<Line> = Vec::new();
        let mut cursor: Option<(u16, u16)> = None;
        for (i, f) in self.form.fields.iter().enumerate() {
            let focused = i == self.form.focus;
            let marker = if focused { "> " } else { "  " };
            let label_style = if focused { th.border_focus } else { th.dim };
            let mut spans = vec![
                Span::styled(marker, label_style),
                Span::styled(pad(f.label.get(lang), label_w), label_style),
                Span::raw(" "),
            ];
            let x0 = (2 + label_w + 1) as u16;
            let row = lines.len() as u16;
            match i {
                ITEM => {
                    let shown = match f.chosen() {
                        "" => T::NoItem.get(lang),
                        label => label,
                    };
                    spans.push(Span::styled(
                        format!("< {} >", truncate(shown, value_w.saturating_sub(4))),
                        if focused { th.title } else { Style::new() },
                    ));
                }
                OWNERS => {
                    let mut used = 0usize;
                    for o in &self.owners {
                        let chip = format!("[{}] ", m.owner_label(o));
                        used += chip.width();
                        spans.push(Span::styled(chip, th.running));
                    }
                    let (shown, cx) = self.form.window(i, value_w.saturating_sub(used));
                    spans.push(Span::raw(shown));
                    if focused {
                        cursor = Some((x0 + (used + cx) as u16, row));
                    }
                }
                _ => {
                    let (shown, cx) = self.form.window(i, value_w);
                    spans.push(Span::raw(shown));
                    if focused {
                        cursor = Some((x0 + cx as u16, row));
                    }
                }
            }
            lines.push(Line::from(spans));
            if i == ITEM && self.closed_without_item(m) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(label_w + 3)),
                    Span::styled(T::ClosedNoItem.get(lang), th.dim),
                ]));
            }
            // Under the due box: the resolved date, before saving.
            if i == DUE {
                let resolved = match self.due_resolved() {
                    None => Span::styled(T::DueExamples.get(lang), th.dim),
                    Some(Ok(d)) => {
                        Span::styled(format!("-> {}", due::describe_due(&d, lang)), th.ok)
                    }
                    Some(Err(e)) => {
                        Span::styled(truncate(&e.message(lang), value_w), th.error_text)
                    }
                };
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(label_w + 3)),
                    resolved,
                ]));
            }
        }
        // Suggestions for the owner or assigner box.
        if !self.suggestions.is_empty() {
            lines.push(Line::from(Span::styled(
                T::PickSuggestion.get(lang),
                th.dim,
            )));
            for (i, s) in self.suggestions.iter().enumerate() {
                let style = if i == self.suggestion {
                    th.selected
                } else {
                    Style::new()
                };
                let text = format!("{}  {}", s.label, s.detail);
                let width = (inner.width as usize).saturating_sub(5);
                lines.push(Line::from(Span::styled(
                    format!("    {}", pad(&text, width)),
                    style,
                )));
            }
        }
        (lines, cursor)
    }
}

/// The owner being typed: what follows the last separator.
fn last_owner(typed: &str) -> &str {
    let start = typed.rfind(['、', '，', ',', ';', '；']).map_or(0, |i| {
        i + typed[i..].chars().next().map_or(1, char::len_utf8)
    });
    typed[start..].trim_start()
}

/// An edit records only what changed.
fn changed_fields(fields: ActionFields, o: ActionFields) -> ActionFields {
    let mut f = ActionFields::default();
    if fields.text != o.text {
        f.text = fields.text;
    }
    if fields.owners != o.owners {
        f.owners = fields.owners;
    }
    if fields.due != o.due || fields.due_text != o.due_text {
        f.due = fields.due;
        f.due_text = fields.due_text;
    }
    if fields.item != o.item {
        f.item = fields.item;
    }
    if fields.assigned_by != o.assigned_by {
        f.assigned_by = fields.assigned_by;
    }
    f
}

/// Owners (or, with `people_only`, assigners) that fit what was typed: people from the
/// name index, then venues and roster units whose name contains it.
pub fn suggest(
    m: &Meeting,
    index: &NameIndex,
    query: &str,
    people_only: bool,
    limit: usize,
    lang: Lang,
) -> Vec<Suggestion> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    // People whose name fits first, then venues and units, then people found only by
    // their unit (a unit's whole staff would otherwise crowd out the unit itself).
    let lower = q.to_lowercase();
    let unit_only = |p: &Participant| {
        p.unit.to_lowercase().contains(&lower) && !p.name.to_lowercase().contains(&lower)
    };
    let found: Vec<&Participant> = index
        .search(q, 64, |_| true)
        .into_iter()
        .filter_map(|h| m.people.get(h.index))
        .collect();
    let to_suggestion = |p: &Participant| {
        let venue = m
            .venue(&p.venue)
            .map(|v| m.agenda.venues[v].name.clone())
            .unwrap_or_default();
        // Separated by a bar: `·` is ambiguous-width.
        Suggestion {
            owner: OwnerRef::Participant(p.id.clone()),
            label: p.name.clone(),
            detail: format!("{} {} | {venue}", p.unit, p.title)
                .trim()
                .to_string(),
        }
    };
    let mut out: Vec<Suggestion> = found
        .iter()
        .filter(|p| !unit_only(p))
        .map(|p| to_suggestion(p))
        .collect();
    if !people_only {
        for v in &m.agenda.venues {
            if v.name.to_lowercase().contains(&lower) || v.id.to_lowercase() == lower {
                out.push(Suggestion {
                    owner: OwnerRef::Venue(v.id.clone()),
                    label: v.name.clone(),
                    detail: T::SuggestVenue.get(lang).into(),
                });
            }
        }
        for u in roster_units(m) {
            if u.to_lowercase().contains(&lower) {
                out.push(Suggestion {
                    owner: OwnerRef::Unit(u.clone()),
                    label: u,
                    detail: T::SuggestUnit.get(lang).into(),
                });
            }
        }
    }
    out.extend(
        found
            .iter()
            .filter(|p| unit_only(p))
            .map(|p| to_suggestion(p)),
    );
    out.truncate(limit);
    out
}
