//! Action items: the minutes' task list (numbered, owners as units, the deadline as
//! said, no ids and no status) and the workbook's follow-up sheet (ids and status, as
//! of the day it is exported).

use super::super::Options;
use super::super::words::Words;
use super::names::owner_unit;
use super::text::{Clock, clean, paren};
use crate::core::meeting::{ActionItem, ActionStatus, Meeting};
use crate::i18n::Lang;

/// One task as the minutes list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRow {
    /// 1, 2, 3…
    pub number: usize,
    pub text: String,
    /// 牵头单位: the first owner.
    pub lead: String,
    /// 责任单位: the other owners.
    pub others: String,
    /// 完成时限: the phrase as said, with the date it means.
    pub due: String,
}

/// The tasks the minutes record: the planned ones and those added before the close
/// (a task added after the meeting belongs to the follow-up, not to the minutes).
pub fn minutes_tasks(m: &Meeting) -> impl Iterator<Item = &ActionItem> {
    m.actions
        .iter()
        .filter(move |a| match (a.added_at, m.ended_at) {
            (Some(added), Some(end)) => added <= end,
            _ => true,
        })
}

/// `6月底前（2017年6月30日）`: the deadline as said, and the date it means.
pub fn due_text(a: &ActionItem, clock: &Clock, w: &Words) -> String {
    match (a.due_text.as_deref().map(clean), a.due) {
        (Some(t), Some(d)) if !t.is_empty() => {
            let date = clock.long_date(d);
            if t == d.to_string() || t == date {
                date
            } else {
                format!("{t}{}", paren(&date, w))
            }
        }
        (Some(t), None) => t,
        (_, Some(d)) => clock.long_date(d),
        (None, None) => String::new(),
    }
}

pub fn task_rows(m: &Meeting, lang: Lang) -> Vec<TaskRow> {
    let w = Words::of(lang);
    let clock = Clock::of(m, lang);
    minutes_tasks(m)
        .enumerate()
        .map(|(i, a)| {
            let owners: Vec<String> = a.owners.iter().map(|o| owner_unit(m, o, w)).collect();
            TaskRow {
                number: i + 1,
                text: clean(&a.text),
                lead: owners.first().cloned().unwrap_or_default(),
                others: owners.get(1..).unwrap_or_default().join(w.list_sep),
                due: due_text(a, &clock, w),
            }
        })
        .collect()
}

/// One task on the workbook's follow-up sheet.
#[derive(Debug, Clone)]
pub struct ActionRow {
    pub id: String,
    pub text: String,
    pub owner_text: String,
    pub assigned_by: String,
    pub due: String,
    pub status: ActionStatus,
    pub overdue: bool,
    /// As of the day of the export: a follow-up status, never in the minutes.
    pub status_label: &'static str,
    /// `2 整改责任清单`: the agenda item it came from.
    pub item: String,
}

pub fn action_rows(m: &Meeting, opts: &Options) -> Vec<ActionRow> {
    let w = Words::of(opts.lang);
    let clock = Clock::of(m, opts.lang);
    let today = clock.local(opts.now).date_naive();
    let flat = m.agenda.flat_items();
    m.actions
        .iter()
        .map(|a| {
            let owners: Vec<String> = a.owners.iter().map(|o| owner_unit(m, o, w)).collect();
            let overdue = a.is_overdue(today);
            let item = a
                .item
                .as_ref()
                .map(|id| match flat.iter().find(|f| &f.item.id == id) {
                    Some(f) => format!("{} {}", f.number, clean(&f.item.title)),
                    None => clean(id),
                })
                .unwrap_or_default();
            ActionRow {
                id: a.id.clone(),
                text: clean(&a.text),
                owner_text: owners.join(w.list_sep),
                assigned_by: a
                    .assigned_by
                    .as_ref()
                    .map(|p| clean(&m.person_label(p)))
                    .unwrap_or_default(),
                due: due_text(a, &clock, w),
                status: a.status,
                overdue,
                status_label: match (a.status, overdue) {
                    (ActionStatus::Done, _) => w.action_done,
                    (ActionStatus::Open, true) => w.action_overdue,
                    (ActionStatus::Open, false) => w.action_open,
                },
                item,
            }
        })
        .collect()
}
