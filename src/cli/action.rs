//! `huiwu action AGENDA add|done|reopen|edit|delete|list`: action items without the screen.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::Subcommand;

use crate::core::actions::{
    ActionFilter, ActionRow, AssignerMatch, OwnerMatch, StatusFilter, action_row, check_assigner,
    find_item, list, resolve_owners,
};
use crate::core::agenda::{OwnerRef, PersonRef};
use crate::core::command::{Command, Rejection, Warning, decide};
use crate::core::due::{self, Due};
use crate::core::event::{ActionFields, EventKind};
use crate::core::meeting::{ActionStatus, Meeting};
use crate::i18n::Lang;
use crate::store::seat::Role;
use crate::store::session::{AgendaFile, Session, open_meeting};

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file
    pub agenda: PathBuf,
    #[command(subcommand)]
    pub op: Op,
}

#[derive(Debug, Subcommand)]
pub enum Op {
    /// Record a task: what, who owns it, by when (the due date is shown resolved)
    Add(AddArgs),
    /// Mark a task done
    Done {
        /// The action's id (A1, A2, …)
        id: String,
    },
    /// Open a done task again
    Reopen {
        /// The action's id
        id: String,
    },
    /// Change a task's text, owners, due date, agenda item or assigner
    Edit(EditArgs),
    /// Withdraw a task recorded by mistake (its id is not reused)
    Delete {
        /// The action's id
        id: String,
    },
    /// List tasks (open and done), optionally filtered
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// What is to be done
    pub text: String,
    /// Owner(s): a participant (id or name), a venue (id or name), a unit; free text is
    /// kept as a unit name. Force a kind with `unit:`, `person:` or `venue:`.
    #[arg(long = "owner", value_name = "WHO", required = true, num_args = 1..)]
    pub owners: Vec<String>,
    /// Due date: 2017-06-30, 6月底前, 下周五, 3天后, 年底, next friday, end of june, in 3 days…
    /// resolved against the meeting's date (see docs/due-dates.md)
    #[arg(long, value_name = "PHRASE")]
    pub due: Option<String>,
    /// The agenda item it came from (id, number like 4.2, or part of the title);
    /// default: the running item, or the one that ran last
    #[arg(long, value_name = "ITEM")]
    pub item: Option<String>,
    /// Who assigned it (a participant or a name); default: the item's speaker
    #[arg(long = "by", value_name = "WHO")]
    pub by: Option<String>,
    /// Show how it would be recorded, and record nothing
    #[arg(long, short = 'n')]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The action's id
    pub id: String,
    #[arg(long)]
    pub text: Option<String>,
    /// Replace the owners (same forms as for `add`)
    #[arg(long = "owner", value_name = "WHO", num_args = 1..)]
    pub owners: Vec<String>,
    /// A new due date phrase
    #[arg(long, value_name = "PHRASE", conflicts_with = "no_due")]
    pub due: Option<String>,
    /// Remove the due date
    #[arg(long)]
    pub no_due: bool,
    #[arg(long, value_name = "ITEM")]
    pub item: Option<String>,
    #[arg(long = "by", value_name = "WHO")]
    pub by: Option<String>,
    /// Show the result, and record nothing
    #[arg(long, short = 'n')]
    pub dry_run: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Print JSON (the shape is documented in docs/actions.md); due dates are ISO dates
    #[arg(long)]
    pub json: bool,
    /// Only tasks whose owner's name, id or unit contains this
    #[arg(long, value_name = "WHO")]
    pub owner: Option<String>,
    /// Only open tasks
    #[arg(long, conflicts_with = "done")]
    pub open: bool,
    /// Only done tasks
    #[arg(long)]
    pub done: bool,
    /// Only open tasks past their due date
    #[arg(long)]
    pub overdue: bool,
    /// The day that decides "overdue" (default: today in the meeting's time zone)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    let agenda = ctx.agenda(&args.agenda, ctx.lang)?;
    match args.op {
        Op::Add(a) => add(ctx, &agenda, a),
        Op::Edit(a) => edit(ctx, &agenda, a),
        Op::Done { id } => simple(ctx, &agenda, Command::CompleteAction { action: id }),
        Op::Reopen { id } => simple(ctx, &agenda, Command::ReopenAction { action: id }),
        Op::Delete { id } => simple(ctx, &agenda, Command::DeleteAction { action: id }),
        Op::List(a) => list_cmd(ctx, &agenda, a),
    }
}

fn today(m: &Meeting) -> NaiveDate {
    let tz = *m.agenda.meeting.start.offset();
    Utc::now().with_timezone(&tz).date_naive()
}

/// Problems found while reading the arguments, all reported at once.
struct Problems {
    lang: Lang,
    lines: Vec<String>,
    notes: Vec<String>,
}

impl Problems {
    fn new(lang: Lang) -> Self {
        Problems {
            lang,
            lines: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn person_list(&mut self, m: &Meeting, candidates: impl Iterator<Item = usize>) {
        for c in candidates.take(20) {
            let p = &m.people[c];
            let venue = m
                .venue(&p.venue)
                .map(|v| m.agenda.venues[v].name.as_str())
                .unwrap_or("");
            self.lines.push(format!(
                "    {}\t{}\t{}\t{}\t{venue}",
                p.id, p.name, p.unit, p.title
            ));
        }
    }

    fn owners(&mut self, m: &Meeting, typed: &[String]) -> Vec<OwnerRef> {
        let lang = self.lang;
        let mut out: Vec<OwnerRef> = Vec::new();
        // Several owners in one field (`甲、乙，丙`) are several owners.
        for (t, found) in resolve_owners(m, typed.iter().map(String::as_str)) {
            match found {
                OwnerMatch::Known(o) => out.push(o),
                OwnerMatch::Unmatched(_) => self.lines.push(match lang {
                    Lang::En => format!(
                        "owner `{t}` matches no participant, venue or unit; write unit:{t} or person:{t} to record it as typed"
                    ),
                    Lang::Zh => format!(
                        "责任人 `{t}` 与名单中的人员、会场、单位都不符；如确为新单位或人员，请写 unit:{t} 或 person:{t}"
                    ),
                }),
                OwnerMatch::Free(o) => {
                    self.notes.push(match (lang, &o) {
                        (Lang::En, OwnerRef::Person(n)) => {
                            format!("`{n}` is not on the roster; kept as a person's name")
                        }
                        (Lang::Zh, OwnerRef::Person(n)) => {
                            format!("`{n}` 不在名单中，按姓名记录")
                        }
                        (Lang::En, o) => format!(
                            "`{}` is not on the roster; kept as a unit name",
                            m.owner_label(o)
                        ),
                        (Lang::Zh, o) => {
                            format!("`{}` 不在名单中，按单位名称记录", m.owner_label(o))
                        }
                    });
                    out.push(o);
                }
                OwnerMatch::Ambiguous(c) => {
                    let idx: Vec<usize> = c
                        .iter()
                        .filter_map(|o| match o {
                            OwnerRef::Participant(id) => m.person(id),
                            _ => None,
                        })
                        .collect();
                    if idx.is_empty() {
                        // Several units fit a short name: list them.
                        self.lines.push(match lang {
                            Lang::En => format!("owner `{t}` fits several units; write one in full:"),
                            Lang::Zh => format!("责任人 `{t}` 对应多个单位；请写全称："),
                        });
                        for o in &c {
                            self.lines.push(format!("    {}", m.owner_label(o)));
                        }
                    } else {
                        self.lines.push(match lang {
                            Lang::En => format!("owner `{t}` fits {} people; give the id:", c.len()),
                            Lang::Zh => format!("责任人 `{t}` 对应 {} 人；请改用编号：", c.len()),
                        });
                        self.person_list(m, idx.into_iter());
                    }
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|o| seen.insert(o.clone()));
        out
    }

    fn due(&mut self, m: &Meeting, phrase: &str) -> Option<Due> {
        match due::resolve_in(phrase, &due::Context::for_meeting(&m.agenda.meeting)) {
            Ok(d) => {
                // An estimated holiday schedule, a reading rule, "no date": said at once.
                self.notes
                    .extend(d.hints.iter().map(|h| h.message(self.lang)));
                Some(d)
            }
            Err(e) => {
                self.lines.push(e.message(self.lang));
                None
            }
        }
    }

    fn item(&mut self, m: &Meeting, typed: &str) -> Option<String> {
        match find_item(m, typed) {
            Ok(id) => Some(id),
            Err(hits) if hits.is_empty() => {
                self.lines.push(match self.lang {
                    Lang::En => format!("no agenda item `{typed}` (give its id or number)"),
                    Lang::Zh => format!("没有议程 `{typed}`（请写编号或序号）"),
                });
                None
            }
            Err(hits) => {
                self.lines.push(match self.lang {
                    Lang::En => format!("`{typed}` fits several agenda items:"),
                    Lang::Zh => format!("`{typed}` 对应多个议程："),
                });
                for h in hits {
                    self.lines.push(format!("    {h}\t{}", m.item_label(&h)));
                }
                None
            }
        }
    }

    fn assigner(&mut self, m: &Meeting, typed: &str) -> Option<PersonRef> {
        match check_assigner(m, typed) {
            AssignerMatch::Known(p) => Some(p),
            AssignerMatch::Free(p) => {
                self.notes.push(match self.lang {
                    Lang::En => format!("`{}` is not on the roster; kept as a name", typed.trim()),
                    Lang::Zh => format!("`{}` 不在名单中，按姓名记录", typed.trim()),
                });
                Some(p)
            }
            AssignerMatch::Unmatched(t) => {
                self.lines.push(match self.lang {
                    Lang::En => format!(
                        "assigner `{t}` is nobody on the roster; write person:NAME to record a name not on it"
                    ),
                    Lang::Zh => format!(
                        "交办人 `{t}` 不在名单中；如确为名单外人员，请写 person:姓名"
                    ),
                });
                None
            }
            AssignerMatch::Ambiguous(c) => {
                self.lines.push(match self.lang {
                    Lang::En => format!("`{typed}` fits {} people; give the id:", c.len()),
                    Lang::Zh => format!("`{typed}` 对应 {} 人；请改用编号：", c.len()),
                });
                self.person_list(m, c.into_iter());
                None
            }
        }
    }

    /// Print notes, and problems if any; true when there were problems.
    fn report(&self) -> bool {
        for n in &self.notes {
            errln!("huiwu: {}{n}", self.lang.pick("note: ", "提示："));
        }
        for l in &self.lines {
            errln!("huiwu: {l}");
        }
        !self.lines.is_empty()
    }
}

fn add(ctx: &Ctx, agenda: &AgendaFile, a: AddArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let now = Utc::now();
    if a.dry_run {
        let (m, _) = open_meeting(agenda, &ctx.data_dir()?)?;
        let Some(cmd) = build_add(&m, &a, lang) else {
            return Ok(ExitCode::from(1));
        };
        return Ok(match preview_add(&m, &cmd) {
            Ok(row) => {
                outln!(
                    "{}",
                    lang.pick("would record (nothing saved):", "将记录如下（未保存）：")
                );
                print_action(&m, &row, lang);
                ExitCode::SUCCESS
            }
            Err(r) => {
                errln!("huiwu: {}", r.message(lang));
                ExitCode::from(1)
            }
        });
    }
    let mut session = Session::open(agenda, &ctx.data_dir()?, ctx.claim(Role::Command), now)?;
    let Some(cmd) = build_add(session.meeting(), &a, lang) else {
        return Ok(ExitCode::from(1));
    };
    let Some(outcome) = super::execute_or_say(&mut session, &cmd, now, lang)? else {
        return Ok(ExitCode::from(1));
    };
    let m = &session.meeting();
    let id = outcome.events.iter().find_map(|e| match &e.kind {
        EventKind::ActionAdded { action, .. } => Some(action.as_str()),
        _ => None,
    });
    if let Some(action) = id.and_then(|id| m.actions.iter().find(|x| x.id == id)) {
        outln!(
            "{} {}",
            lang.pick("recorded action", "已记录任务"),
            action.id
        );
        print_action(m, &action_row(m, action, today(m)), lang);
    }
    Ok(ExitCode::SUCCESS)
}

/// The add command from the arguments; `None` after printing every problem.
fn build_add(m: &Meeting, a: &AddArgs, lang: Lang) -> Option<Command> {
    let mut p = Problems::new(lang);
    if a.text.trim().is_empty() {
        p.lines
            .push(lang.pick("the task's text is empty", "任务内容为空").into());
    }
    let owners = p.owners(m, &a.owners);
    if owners.is_empty() && p.lines.is_empty() {
        p.lines.push(
            lang.pick("give at least one --owner", "请至少给出一个责任人 --owner")
                .into(),
        );
    }
    let due = a.due.as_deref().and_then(|d| p.due(m, d));
    if a.due.is_none() {
        p.notes.push(
            lang.pick(
                "no due date given (--due): the task has no deadline",
                "未给出完成时限（--due）：该任务没有期限",
            )
            .into(),
        );
    }
    let item = match &a.item {
        Some(t) => p.item(m, t),
        // After the close a task is not filed under the item that happened to run last.
        None if m.ended_at.is_some() => {
            p.notes.push(
                lang.pick(
                    "the meeting has ended: the task is not tied to an agenda item (use --item)",
                    "会议已结束：任务未关联议程（可用 --item 指定）",
                )
                .into(),
            );
            None
        }
        None => {
            let focus = m.item_in_focus().map(str::to_string);
            if focus.is_none() {
                p.notes.push(
                    lang.pick(
                        "no agenda item has run yet: the task is not tied to one (use --item)",
                        "尚无进行过的议程：任务未关联议程（可用 --item 指定）",
                    )
                    .into(),
                );
            }
            focus
        }
    };
    let by = match &a.by {
        Some(t) => p.assigner(m, t),
        None => item.as_deref().and_then(|i| m.speaker_of(i)).cloned(),
    };
    if p.report() {
        return None;
    }
    Some(Command::AddAction {
        fields: ActionFields {
            text: Some(a.text.trim().to_string()),
            owners: Some(owners),
            due: Some(due.as_ref().and_then(|d| d.date)),
            due_text: Some(due.as_ref().map(|d| d.text.clone())),
            item: Some(item),
            assigned_by: Some(by),
        },
    })
}

/// The row an add would produce, without recording it.
fn preview_add(m: &Meeting, cmd: &Command) -> Result<ActionRow, Rejection> {
    let now = Utc::now();
    let d = decide(m, cmd, now)?;
    let copy = m.with_applied(d.events, now);
    let n = m.actions.len();
    match copy.actions.get(n) {
        Some(a) => Ok(action_row(&copy, a, today(m))),
        None => Err(Rejection::EmptyText),
    }
}

fn edit(ctx: &Ctx, agenda: &AgendaFile, a: EditArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let now = Utc::now();
    let mut session = Session::open(agenda, &ctx.data_dir()?, ctx.claim(Role::Command), now)?;
    let m = &session.meeting();
    let mut p = Problems::new(lang);
    let mut fields = ActionFields {
        text: a.text.clone(),
        ..Default::default()
    };
    if !a.owners.is_empty() {
        let owners = p.owners(m, &a.owners);
        if owners.is_empty() && p.lines.is_empty() {
            p.lines
                .push(lang.pick("the owner list is empty", "责任人为空").into());
        }
        fields.owners = Some(owners);
    }
    if let Some(d) = &a.due
        && let Some(due) = p.due(m, d)
    {
        fields.due = Some(due.date);
        fields.due_text = Some(Some(due.text));
    }
    if a.no_due {
        fields.due = Some(None);
        fields.due_text = Some(None);
    }
    if let Some(t) = &a.item {
        fields.item = Some(p.item(m, t));
    }
    if let Some(t) = &a.by {
        fields.assigned_by = Some(p.assigner(m, t));
    }
    if p.report() {
        return Ok(ExitCode::from(1));
    }
    if a.dry_run {
        let Some(current) = m.actions.iter().find(|x| x.id == a.id) else {
            errln!(
                "huiwu: {}",
                Rejection::UnknownAction(a.id.clone()).message(lang)
            );
            return Ok(ExitCode::from(1));
        };
        let mut after = current.clone();
        let copy = m.with_applied(
            vec![EventKind::ActionEdited {
                action: a.id.clone(),
                fields: Box::new(fields),
            }],
            now,
        );
        if let Some(x) = copy.actions.iter().find(|x| x.id == a.id) {
            after = x.clone();
        }
        outln!(
            "{}",
            lang.pick("would record (nothing saved):", "将记录如下（未保存）：")
        );
        print_action(&copy, &action_row(&copy, &after, today(m)), lang);
        return Ok(ExitCode::SUCCESS);
    }
    let cmd = Command::EditAction {
        action: a.id.clone(),
        fields,
    };
    execute_and_show(&mut session, &cmd, &a.id, lang, now)
}

fn simple(ctx: &Ctx, agenda: &AgendaFile, cmd: Command) -> anyhow::Result<ExitCode> {
    let now = Utc::now();
    let mut session = Session::open(agenda, &ctx.data_dir()?, ctx.claim(Role::Command), now)?;
    let id = match &cmd {
        Command::CompleteAction { action }
        | Command::ReopenAction { action }
        | Command::DeleteAction { action } => action.clone(),
        _ => String::new(),
    };
    execute_and_show(&mut session, &cmd, &id, ctx.lang, now)
}

fn execute_and_show(
    session: &mut Session,
    cmd: &Command,
    id: &str,
    lang: Lang,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<ExitCode> {
    let before = session
        .meeting()
        .actions
        .iter()
        .find(|a| a.id == id)
        .cloned();
    let Some(outcome) = super::execute_or_say(session, cmd, now, lang)? else {
        return Ok(ExitCode::from(1));
    };
    for w in &outcome.warnings {
        if let Warning::NothingToChange = w {
            let msg = match (cmd, before.as_ref().map(|b| b.status)) {
                (Command::CompleteAction { .. }, _) => {
                    lang.pick("already done; nothing recorded", "任务已完成，未重复记录")
                }
                (Command::ReopenAction { .. }, _) => {
                    lang.pick("already open; nothing recorded", "任务本就未完成，未记录")
                }
                _ => lang.pick("nothing to change; nothing recorded", "没有变化，未记录"),
            };
            errln!("huiwu: {msg}");
        }
    }
    let m = &session.meeting();
    match (cmd, m.actions.iter().find(|a| a.id == id)) {
        (Command::DeleteAction { .. }, _) => {
            if let Some(b) = before {
                outln!(
                    "{} {id}: {}",
                    lang.pick("deleted action", "已删除任务"),
                    b.text
                );
            }
        }
        (_, Some(a)) => {
            let verb = match (cmd, a.status) {
                (Command::CompleteAction { .. }, _) => lang.pick("done", "已完成"),
                (Command::ReopenAction { .. }, _) => lang.pick("reopened", "已重新打开"),
                (_, ActionStatus::Open | ActionStatus::Done) => lang.pick("updated", "已修改"),
            };
            outln!("{verb} {id}");
            print_action(m, &action_row(m, a, today(m)), lang);
        }
        (_, None) => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn owners_line(row: &ActionRow, lang: Lang) -> String {
    let names: Vec<String> = row
        .owners
        .iter()
        .map(|o| match (&o.id, o.kind, lang) {
            (Some(id), "participant", Lang::Zh) => format!("{}（{id}）", o.name),
            (Some(id), "participant", Lang::En) => format!("{} ({id})", o.name),
            _ => o.name.clone(),
        })
        .collect();
    names.join(lang.pick(", ", "、"))
}

fn due_line(row: &ActionRow, lang: Lang) -> String {
    let estimated = if row.due_estimated {
        lang.pick(
            " (estimated: holiday schedule not published)",
            "（估算：放假安排未公布）",
        )
    } else {
        ""
    };
    match (&row.due, &row.due_text) {
        (Some(d), Some(t)) if t != &d.to_string() => {
            format!("{t} → {}{estimated}", due::describe(*d, lang))
        }
        (Some(d), _) => format!("{}{estimated}", due::describe(*d, lang)),
        (None, Some(t)) if !t.trim().is_empty() => match lang {
            Lang::En => format!("{t} (no date)"),
            Lang::Zh => format!("{t}（无具体日期）"),
        },
        (None, _) => lang.pick("none", "未定").into(),
    }
}

fn status_word(row: &ActionRow, lang: Lang) -> &'static str {
    match (row.status, row.overdue, lang) {
        (ActionStatus::Done, _, Lang::En) => "done",
        (ActionStatus::Done, _, Lang::Zh) => "已完成",
        (ActionStatus::Open, true, Lang::En) => "OVERDUE",
        (ActionStatus::Open, true, Lang::Zh) => "逾期",
        (ActionStatus::Open, false, Lang::En) => "open",
        (ActionStatus::Open, false, Lang::Zh) => "未完成",
    }
}

fn print_action(_m: &Meeting, row: &ActionRow, lang: Lang) {
    let labels = match lang {
        Lang::En => [
            "task",
            "owners",
            "due",
            "agenda item",
            "assigned by",
            "status",
        ],
        Lang::Zh => ["任务", "责任人", "完成时限", "来源议程", "交办人", "状态"],
    };
    let none = lang.pick("-", "无");
    let item = row
        .item
        .as_ref()
        .map(|i| format!("{} {}", i.number, i.title).trim().to_string())
        .unwrap_or_else(|| none.into());
    let values = [
        row.text.clone(),
        owners_line(row, lang),
        due_line(row, lang),
        item,
        row.assigned_by.clone().unwrap_or_else(|| none.into()),
        status_word(row, lang).into(),
    ];
    let colon = lang.pick(": ", "：");
    for (l, v) in labels.iter().zip(values) {
        outln!("  {l}{colon}{v}");
    }
}

fn list_cmd(ctx: &Ctx, agenda: &AgendaFile, a: ListArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let (m, _) = open_meeting(agenda, &ctx.data_dir()?)?;
    let filter = ActionFilter {
        owner: a.owner.clone(),
        status: if a.open {
            StatusFilter::Open
        } else if a.done {
            StatusFilter::Done
        } else {
            StatusFilter::All
        },
        overdue_only: a.overdue,
    };
    let day = a.as_of.unwrap_or_else(|| today(&m));
    let rows = list(&m, &filter, day);
    if a.json {
        super::out::raw(&format!(
            "{}\n",
            crate::sanitize::json::to_string_pretty(&rows)?
        ));
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        outln!("{}", lang.pick("no action items", "没有任务"));
        return Ok(ExitCode::SUCCESS);
    }
    let header = match lang {
        Lang::En => "id\tstatus\tdue\towners\titem\ttask",
        Lang::Zh => "编号\t状态\t完成时限\t责任人\t来源议程\t任务",
    };
    outln!("{header}");
    for r in &rows {
        let item = r
            .item
            .as_ref()
            .map(|i| i.number.clone())
            .unwrap_or_else(|| "-".into());
        outln!(
            "{}\t{}\t{}\t{}\t{item}\t{}",
            r.id,
            status_word(r, lang),
            due_line(r, lang),
            owners_line(r, lang),
            r.text
        );
    }
    let open = rows
        .iter()
        .filter(|r| r.status == ActionStatus::Open)
        .count();
    let overdue = rows.iter().filter(|r| r.overdue).count();
    outln!(
        "{}",
        match lang {
            Lang::En => format!(
                "{} task{}: {open} open, {overdue} overdue",
                rows.len(),
                if rows.len() == 1 { "" } else { "s" }
            ),
            Lang::Zh => format!("共 {} 项：未完成 {open} 项，逾期 {overdue} 项", rows.len()),
        }
    );
    Ok(ExitCode::SUCCESS)
}
