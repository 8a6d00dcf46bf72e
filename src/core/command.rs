//! Commands: what a secretary or the chair asks for. [`decide`] checks a command against
//! the current state and answers with the events to record (possibly none) and warnings
//! to show, or a rejection. It reads no clock: `now` is passed in.

use chrono::{DateTime, Utc};

use super::agenda::{OwnerRef, PersonRef, Role};
use super::event::*;
use super::meeting::*;
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SignIn {
        participant: String,
        late: bool,
        effective_at: Option<DateTime<Utc>>,
    },
    Excuse {
        participant: String,
        reason: String,
    },
    StandIn {
        participant: String,
        name: String,
        unit: String,
    },
    LeaveEarly {
        participant: String,
    },
    WalkIn {
        name: String,
        unit: String,
        title: String,
        venue: String,
        role: Role,
    },
    Correct {
        participant: String,
        to: SetStatus,
    },
    /// Undo the given attendance event, or this seat's last one that is still in effect.
    Undo {
        event: Option<String>,
        seat: String,
    },
    RollCall {
        venue: String,
        expected: u32,
        present: u32,
        excused: u32,
        absent: u32,
        note: String,
    },
    Link {
        venue: String,
        video: LinkState,
        audio: LinkState,
    },
    StartMeeting,
    EndMeeting,
    /// 宣布开会, at `at` when given (entered later, or to correct the opening time).
    OpenMeeting {
        at: Option<DateTime<Utc>>,
    },
    /// 宣布散会, at `at` when given: the running item ends, every timer stops.
    CloseMeeting {
        at: Option<DateTime<Utc>>,
    },
    /// Open the meeting again after a close.
    ReopenMeeting,
    /// Withdraw an opening made by mistake (before any item has run).
    UndoOpening,
    /// Start (or restart) an item; `None` starts the next one.
    StartItem {
        item: Option<String>,
    },
    PauseItem,
    ResumeItem,
    EndItem,
    NextItem,
    PrevItem,
    SkipItem {
        item: Option<String>,
    },
    AddNote {
        item: Option<String>,
        text: String,
        decision: bool,
    },
    EditNote {
        note: String,
        text: String,
        decision: bool,
    },
    DeleteNote {
        note: String,
    },
    AddAction {
        fields: ActionFields,
    },
    EditAction {
        action: String,
        fields: ActionFields,
    },
    CompleteAction {
        action: String,
    },
    ReopenAction {
        action: String,
    },
    DeleteAction {
        action: String,
    },
    /// A speech: start, stop, next, skip, reorder, add (`core::speech_command`).
    Speech(super::speech_command::SpeechCommand),
}

/// Something to tell the user that is not an error.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A second sign-in: nothing recorded, the first time shown.
    AlreadySignedIn {
        participant: usize,
        at: DateTime<Utc>,
    },
    /// Already in the requested state: nothing recorded.
    NothingToChange,
    /// Signed in after the opening plus the grace: recorded as late (迟到).
    MarkedLate {
        participant: usize,
        /// From when a sign-in is late.
        after: DateTime<Utc>,
    },
    /// An item was started before the meeting was opened: that opened it.
    OpenedTheMeeting,
}

/// Why a command cannot be carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    UnknownParticipant(String),
    UnknownVenue(String),
    UnknownItem(String),
    UnknownAction(String),
    UnknownNote(String),
    NotSignedIn(String),
    NothingToUndo,
    NotAnAttendanceEvent(String),
    NoCurrentItem,
    NoMoreItems,
    /// Skipping an item that has already been held (it was started).
    AlreadyHeld(String),
    EmptyText,
    /// Leave (请假) needs its reason.
    EmptyReason,
    MeetingEnded,
    /// Closing (or another step that needs it) before the meeting was opened.
    NotOpened,
    /// A time that has not come yet (`--at` in the future).
    InTheFuture,
    /// A closing time before the opening.
    BeforeOpening,
    /// The opening cannot be withdrawn once items have run.
    ItemsHeld,
    CountsDoNotAddUp {
        expected: u32,
        sum: u32,
    },
    Speech(super::speech_command::SpeechRejection),
}

impl Rejection {
    pub fn message(&self, lang: Lang) -> String {
        use Rejection::*;
        match (self, lang) {
            (UnknownParticipant(p), Lang::En) => format!("no participant `{p}`"),
            (UnknownParticipant(p), Lang::Zh) => format!("没有参会人员 `{p}`"),
            (UnknownVenue(v), Lang::En) => format!("no venue `{v}`"),
            (UnknownVenue(v), Lang::Zh) => format!("没有会场 `{v}`"),
            (UnknownItem(i), Lang::En) => format!("no agenda item `{i}`"),
            (UnknownItem(i), Lang::Zh) => format!("没有议程 `{i}`"),
            (UnknownAction(a), Lang::En) => format!("no action item `{a}`"),
            (UnknownAction(a), Lang::Zh) => format!("没有任务 `{a}`"),
            (UnknownNote(n), Lang::En) => format!("no note `{n}`"),
            (UnknownNote(n), Lang::Zh) => format!("没有记录 `{n}`"),
            (NotSignedIn(n), Lang::En) => format!("{n} has not signed in"),
            (NotSignedIn(n), Lang::Zh) => format!("{n} 尚未签到"),
            (NothingToUndo, Lang::En) => "nothing to undo".into(),
            (NothingToUndo, Lang::Zh) => "没有可撤销的操作".into(),
            (NotAnAttendanceEvent(e), Lang::En) => {
                format!("event {e} is not an attendance change that can be undone")
            }
            (NotAnAttendanceEvent(e), Lang::Zh) => format!("事件 {e} 不是可撤销的签到操作"),
            (NoCurrentItem, Lang::En) => "no agenda item is running".into(),
            (NoCurrentItem, Lang::Zh) => "当前没有进行中的议程".into(),
            (NoMoreItems, Lang::En) => "no more agenda items".into(),
            (NoMoreItems, Lang::Zh) => "没有更多议程".into(),
            (AlreadyHeld(i), Lang::En) => {
                format!("agenda item `{i}` has already been started; end it instead of skipping")
            }
            (AlreadyHeld(i), Lang::Zh) => format!("议程 `{i}` 已经开始，请结束而不是跳过"),
            (EmptyText, Lang::En) => "the text is empty".into(),
            (EmptyText, Lang::Zh) => "内容为空".into(),
            (MeetingEnded, Lang::En) => {
                "the meeting has ended; reopen it first to change the record (huiwu meeting AGENDA reopen)".into()
            }
            (MeetingEnded, Lang::Zh) => {
                "会议已结束；如需修改记录，请先重新开会（huiwu meeting AGENDA reopen）".into()
            }
            (EmptyReason, Lang::En) => "give the reason for the leave".into(),
            (EmptyReason, Lang::Zh) => "请假须写明原因".into(),
            (NotOpened, Lang::En) => "the meeting has not been opened".into(),
            (NotOpened, Lang::Zh) => "会议尚未开始".into(),
            (InTheFuture, Lang::En) => "that time has not come yet".into(),
            (InTheFuture, Lang::Zh) => "该时间尚未到来".into(),
            (BeforeOpening, Lang::En) => "the meeting cannot close before it opened".into(),
            (BeforeOpening, Lang::Zh) => "散会时间不能早于开会时间".into(),
            (ItemsHeld, Lang::En) => {
                "agenda items have already run; correct the opening time with `open --at` instead".into()
            }
            (ItemsHeld, Lang::Zh) => "已有议程进行过，不能撤销开会；可用 `open --at` 更正开会时间".into(),
            (CountsDoNotAddUp { expected, sum }, Lang::En) => {
                format!("present + excused + absent = {sum}, but expected is {expected}")
            }
            (CountsDoNotAddUp { expected, sum }, Lang::Zh) => {
                format!("实到 + 请假 + 缺席 = {sum}，与应到 {expected} 不符")
            }
            (Speech(r), lang) => r.message(lang),
        }
    }
}

/// What `decide` answers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decision {
    pub events: Vec<EventKind>,
    pub warnings: Vec<Warning>,
}

impl Decision {
    fn events(events: Vec<EventKind>) -> Self {
        Decision {
            events,
            warnings: Vec::new(),
        }
    }
    fn warn(w: Warning) -> Self {
        Decision {
            events: Vec::new(),
            warnings: vec![w],
        }
    }
}

// Being split into per-concern functions (issue 17, item 5); then this allow goes.
#[allow(clippy::too_many_lines)]
pub fn decide(m: &Meeting, cmd: &Command, now: DateTime<Utc>) -> Result<Decision, Rejection> {
    // After the close nothing that the minutes show may change until it is reopened.
    if m.ended_at.is_some() && changes_the_minutes(cmd) {
        return Err(Rejection::MeetingEnded);
    }
    let person = |id: &str| {
        m.person(id)
            .ok_or_else(|| Rejection::UnknownParticipant(id.into()))
    };
    let venue = |id: &str| {
        m.venue(id)
            .ok_or_else(|| Rejection::UnknownVenue(id.into()))
    };
    let action = |id: &str| {
        m.actions
            .iter()
            .find(|a| a.id == id)
            .ok_or_else(|| Rejection::UnknownAction(id.into()))
    };
    match cmd {
        Command::Speech(c) => super::speech_command::decide(m, c, now),
        Command::SignIn {
            participant,
            late,
            effective_at,
        } => {
            let p = person(participant)?;
            if effective_at.is_some_and(|t| t > now) {
                return Err(Rejection::InTheFuture);
            }
            let a = &m.attendance[p];
            if let Some(at) = a.arrived {
                if *late && !a.late {
                    return Ok(Decision::events(vec![EventKind::StatusCorrected {
                        participant: participant.clone(),
                        to: SetStatus::Present { late: true },
                    }]));
                }
                return Ok(Decision::warn(Warning::AlreadySignedIn {
                    participant: p,
                    at,
                }));
            }
            // After the opening plus the grace a member is late without being told so.
            let arrival = effective_at.unwrap_or(now);
            let after = m
                .late_after()
                .filter(|&t| m.people[p].role == Role::Member && arrival > t);
            let mut d = Decision::events(vec![EventKind::SignedIn {
                participant: participant.clone(),
                late: *late || after.is_some(),
                effective_at: *effective_at,
            }]);
            if let (Some(after), false) = (after, *late) {
                d.warnings.push(Warning::MarkedLate {
                    participant: p,
                    after,
                });
            }
            Ok(d)
        }
        Command::Excuse {
            participant,
            reason,
        } => {
            let p = person(participant)?;
            if reason.trim().is_empty() {
                return Err(Rejection::EmptyReason);
            }
            let a = &m.attendance[p];
            if a.status() == Status::Excused && a.excused.as_deref() == Some(reason.as_str()) {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            if a.is_present() {
                // Someone already here cannot be excused by a plain record: correct it.
                return Ok(Decision::events(vec![EventKind::StatusCorrected {
                    participant: participant.clone(),
                    to: SetStatus::Excused {
                        reason: reason.clone(),
                    },
                }]));
            }
            Ok(Decision::events(vec![EventKind::Excused {
                participant: participant.clone(),
                reason: reason.clone(),
            }]))
        }
        Command::StandIn {
            participant,
            name,
            unit,
        } => {
            person(participant)?;
            if name.trim().is_empty() {
                return Err(Rejection::EmptyText);
            }
            Ok(Decision::events(vec![EventKind::StandIn {
                participant: participant.clone(),
                name: name.trim().to_string(),
                unit: unit.trim().to_string(),
            }]))
        }
        Command::LeaveEarly { participant } => {
            let p = person(participant)?;
            let a = &m.attendance[p];
            if a.arrived.is_none() {
                return Err(Rejection::NotSignedIn(m.people[p].name.clone()));
            }
            if a.left.is_some() {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            Ok(Decision::events(vec![EventKind::LeftEarly {
                participant: participant.clone(),
            }]))
        }
        Command::WalkIn {
            name,
            unit,
            title,
            venue: v,
            role,
        } => {
            venue(v)?;
            if name.trim().is_empty() {
                return Err(Rejection::EmptyText);
            }
            Ok(Decision::events(vec![EventKind::WalkedIn(Box::new(
                WalkIn {
                    participant: m.next_walkin_id(),
                    name: name.trim().to_string(),
                    unit: unit.trim().to_string(),
                    title: title.trim().to_string(),
                    venue: v.clone(),
                    role: *role,
                },
            ))]))
        }
        Command::Correct { participant, to } => {
            person(participant)?;
            if let SetStatus::Excused { reason } = to
                && reason.trim().is_empty()
            {
                return Err(Rejection::EmptyReason);
            }
            Ok(Decision::events(vec![EventKind::StatusCorrected {
                participant: participant.clone(),
                to: to.clone(),
            }]))
        }
        Command::Undo { event, seat } => {
            let target = match event {
                Some(id) => {
                    if m.attendance_event_person(id).is_none() {
                        return Err(Rejection::NotAnAttendanceEvent(id.clone()));
                    }
                    if m.is_undone(id) {
                        return Err(Rejection::NothingToUndo);
                    }
                    id.clone()
                }
                None => m
                    .last_attendance_event_of(seat)
                    .ok_or(Rejection::NothingToUndo)?,
            };
            Ok(Decision::events(vec![EventKind::Undone { target }]))
        }
        Command::RollCall {
            venue: v,
            expected,
            present,
            excused,
            absent,
            note,
        } => {
            venue(v)?;
            let sum = present + excused + absent;
            if sum != *expected {
                return Err(Rejection::CountsDoNotAddUp {
                    expected: *expected,
                    sum,
                });
            }
            Ok(Decision::events(vec![EventKind::RollCallAnswered {
                venue: v.clone(),
                expected: *expected,
                present: *present,
                excused: *excused,
                absent: *absent,
                note: note.clone(),
            }]))
        }
        Command::Link {
            venue: v,
            video,
            audio,
        } => {
            venue(v)?;
            Ok(Decision::events(vec![EventKind::LinkChecked {
                venue: v.clone(),
                video: *video,
                audio: *audio,
            }]))
        }
        Command::StartMeeting => {
            if m.started_at.is_some() {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            Ok(Decision::events(vec![EventKind::MeetingStarted {
                effective_at: None,
            }]))
        }
        Command::EndMeeting => {
            if m.ended_at.is_some() {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            Ok(Decision::events(vec![EventKind::MeetingEnded {
                effective_at: None,
            }]))
        }
        Command::OpenMeeting { at } => {
            if at.is_some_and(|t| t > now) {
                return Err(Rejection::InTheFuture);
            }
            match (m.started_at, at) {
                (Some(_), None) => Ok(Decision::warn(Warning::NothingToChange)),
                (Some(s), Some(t)) if s == *t => Ok(Decision::warn(Warning::NothingToChange)),
                (_, at) => Ok(Decision::events(vec![EventKind::MeetingStarted {
                    effective_at: *at,
                }])),
            }
        }
        Command::CloseMeeting { at } => {
            let Some(opened) = m.started_at else {
                return Err(Rejection::NotOpened);
            };
            if m.ended_at.is_some() {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            match at {
                Some(t) if *t > now => Err(Rejection::InTheFuture),
                Some(t) if *t < opened => Err(Rejection::BeforeOpening),
                _ => Ok(Decision::events(vec![EventKind::MeetingEnded {
                    effective_at: *at,
                }])),
            }
        }
        Command::ReopenMeeting => {
            if m.ended_at.is_none() {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            Ok(Decision::events(vec![EventKind::MeetingReopened]))
        }
        Command::UndoOpening => {
            if m.started_at.is_none() {
                return Err(Rejection::NothingToUndo);
            }
            if m.items.iter().any(|st| st.first_start.is_some()) {
                return Err(Rejection::ItemsHeld);
            }
            Ok(Decision::events(vec![EventKind::MeetingStartUndone]))
        }
        Command::StartItem { item } => {
            not_ended(m)?;
            let id = match item {
                Some(id) => {
                    if !m.leaves.contains(id) {
                        // A parent with sub-items starts its first sub-item.
                        let i = m
                            .item(id)
                            .ok_or_else(|| Rejection::UnknownItem(id.clone()))?;
                        let parent = &m.agenda.flat_items()[i];
                        parent
                            .item
                            .items
                            .first()
                            .map(|s| s.id.clone())
                            .ok_or_else(|| Rejection::UnknownItem(id.clone()))?
                    } else {
                        id.clone()
                    }
                }
                None => m.next_leaf().ok_or(Rejection::NoMoreItems)?.to_string(),
            };
            Ok(started(m, start_item(m, &id)))
        }
        Command::PauseItem => {
            let cur = m.current_item.as_ref().ok_or(Rejection::NoCurrentItem)?;
            match m.item_state(cur).map(|s| s.status) {
                Some(ItemStatus::Running) => Ok(Decision::events(vec![EventKind::ItemPaused {
                    item: cur.clone(),
                }])),
                _ => Ok(Decision::warn(Warning::NothingToChange)),
            }
        }
        Command::ResumeItem => {
            let cur = m.current_item.as_ref().ok_or(Rejection::NoCurrentItem)?;
            match m.item_state(cur).map(|s| s.status) {
                Some(ItemStatus::Paused) => Ok(Decision::events(vec![EventKind::ItemResumed {
                    item: cur.clone(),
                }])),
                _ => Ok(Decision::warn(Warning::NothingToChange)),
            }
        }
        Command::EndItem => {
            let cur = m.current_item.as_ref().ok_or(Rejection::NoCurrentItem)?;
            Ok(Decision::events(vec![EventKind::ItemEnded {
                item: cur.clone(),
            }]))
        }
        Command::NextItem => {
            not_ended(m)?;
            let next = m.next_leaf().ok_or(Rejection::NoMoreItems)?.to_string();
            Ok(started(m, start_item(m, &next)))
        }
        // Back to the item before the running one; with nothing running, back to the item
        // that ran last (to reopen it after an early "end").
        Command::PrevItem => {
            not_ended(m)?;
            let pos = match &m.current_item {
                Some(c) => m.leaves.iter().position(|l| l == c).unwrap_or(0),
                // Nothing running: go back to the item that ran last.
                None => m
                    .last_item
                    .as_ref()
                    .and_then(|l| m.leaves.iter().position(|x| x == l))
                    .map_or(0, |p| p + 1),
            };
            // Skipped items are passed over: start one by its id to hold it after all.
            let prev = m.leaves[..pos]
                .iter()
                .rev()
                .find(|l| {
                    m.item_state(l)
                        .is_some_and(|s| s.status != ItemStatus::Skipped)
                })
                .ok_or(Rejection::NoMoreItems)?
                .clone();
            Ok(Decision::events(start_item(m, &prev)))
        }
        Command::SkipItem { item } => {
            not_ended(m)?;
            // Without an id: the upcoming item (never the running one, which is ended).
            let id = match item {
                Some(id) => {
                    m.item(id)
                        .ok_or_else(|| Rejection::UnknownItem(id.clone()))?;
                    id.clone()
                }
                None => m.next_leaf().ok_or(Rejection::NoMoreItems)?.to_string(),
            };
            // A parent is skipped by skipping its sub-items that have not been held.
            let mut events = Vec::new();
            for leaf in m.leaves_of(&id) {
                let Some(st) = m.item_state(&leaf) else {
                    continue;
                };
                match st.status {
                    ItemStatus::Pending => events.push(EventKind::ItemSkipped { item: leaf }),
                    ItemStatus::Skipped => {}
                    ItemStatus::Running | ItemStatus::Paused | ItemStatus::Ended => {
                        if m.is_leaf(&id) {
                            return Err(Rejection::AlreadyHeld(m.item_label(&id)));
                        }
                    }
                }
            }
            if events.is_empty() {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            Ok(Decision::events(events))
        }
        Command::AddNote {
            item,
            text,
            decision,
        } => {
            if text.trim().is_empty() {
                return Err(Rejection::EmptyText);
            }
            if let Some(i) = item {
                m.item(i).ok_or_else(|| Rejection::UnknownItem(i.clone()))?;
            }
            let note = m.next_note_id();
            let mut events = vec![EventKind::NoteRecorded {
                note: note.clone(),
                item: item.clone(),
                text: text.trim_end().to_string(),
                decision: *decision,
            }];
            if *decision {
                events.push(headcount(m, note));
            }
            Ok(Decision::events(events))
        }
        Command::EditNote {
            note,
            text,
            decision,
        } => {
            let n = m
                .notes
                .iter()
                .find(|n| n.id == *note)
                .ok_or_else(|| Rejection::UnknownNote(note.clone()))?;
            if text.trim().is_empty() {
                return Err(Rejection::EmptyText);
            }
            if n.text == text.trim_end() && n.decision == *decision {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            let mut events = vec![EventKind::NoteEdited {
                note: note.clone(),
                text: text.trim_end().to_string(),
                decision: *decision,
            }];
            // A note made a decision gets the count of the moment it became one.
            if *decision && n.headcount.is_none() {
                events.push(headcount(m, note.clone()));
            }
            Ok(Decision::events(events))
        }
        Command::AddAction { fields } => {
            if fields.text.as_deref().is_none_or(|t| t.trim().is_empty()) {
                return Err(Rejection::EmptyText);
            }
            check_action_refs(m, fields)?;
            Ok(Decision::events(vec![EventKind::ActionAdded {
                action: m.next_action_id(),
                fields: Box::new(trimmed(fields)),
            }]))
        }
        Command::EditAction { action: id, fields } => {
            action(id)?;
            if fields.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
                return Err(Rejection::EmptyText);
            }
            check_action_refs(m, fields)?;
            if *fields == ActionFields::default() {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            Ok(Decision::events(vec![EventKind::ActionEdited {
                action: id.clone(),
                fields: Box::new(trimmed(fields)),
            }]))
        }
        Command::DeleteNote { note } => {
            if !m.notes.iter().any(|n| n.id == *note) {
                return Err(Rejection::UnknownNote(note.clone()));
            }
            Ok(Decision::events(vec![EventKind::NoteDeleted {
                note: note.clone(),
            }]))
        }
        Command::DeleteAction { action: id } => {
            action(id)?;
            Ok(Decision::events(vec![EventKind::ActionDeleted {
                action: id.clone(),
            }]))
        }
        Command::CompleteAction { action: id } => {
            if action(id)?.status == ActionStatus::Done {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            Ok(Decision::events(vec![EventKind::ActionCompleted {
                action: id.clone(),
            }]))
        }
        Command::ReopenAction { action: id } => {
            if action(id)?.status == ActionStatus::Open {
                return Ok(Decision::warn(Warning::NothingToChange));
            }
            Ok(Decision::events(vec![EventKind::ActionReopened {
                action: id.clone(),
            }]))
        }
    }
}

/// Whether a command changes what the minutes say (refused after the close). Tasks may
/// still be added, done and reopened: the minutes list the ones recorded before the
/// close, without their status.
fn changes_the_minutes(cmd: &Command) -> bool {
    use Command::*;
    match cmd {
        SignIn { .. }
        | Excuse { .. }
        | StandIn { .. }
        | LeaveEarly { .. }
        | WalkIn { .. }
        | Correct { .. }
        | Undo { .. }
        | RollCall { .. }
        | Link { .. }
        | AddNote { .. }
        | EditNote { .. }
        | DeleteNote { .. }
        | EditAction { .. }
        | DeleteAction { .. } => true,
        StartMeeting
        | EndMeeting
        | OpenMeeting { .. }
        | CloseMeeting { .. }
        | ReopenMeeting
        | UndoOpening
        | StartItem { .. }
        | PauseItem
        | ResumeItem
        | EndItem
        | NextItem
        | PrevItem
        | SkipItem { .. }
        | AddAction { .. }
        | CompleteAction { .. }
        | ReopenAction { .. }
        | Speech(_) => false,
    }
}

/// The meeting's totals now, for a decision being recorded.
fn headcount(m: &Meeting, note: String) -> EventKind {
    let t = m.total_counts();
    EventKind::HeadcountRecorded {
        note,
        expected: t.expected,
        present: t.present,
    }
}

/// Starting an item: say so when it opens the meeting.
fn started(m: &Meeting, events: Vec<EventKind>) -> Decision {
    let mut d = Decision::events(events);
    if m.started_at.is_none() && !d.events.is_empty() {
        d.warnings.push(Warning::OpenedTheMeeting);
    }
    d
}

fn not_ended(m: &Meeting) -> Result<(), Rejection> {
    if m.ended_at.is_some() {
        Err(Rejection::MeetingEnded)
    } else {
        Ok(())
    }
}

/// Events that make `id` the running item: the running one ends first.
fn start_item(m: &Meeting, id: &str) -> Vec<EventKind> {
    let mut ev = Vec::new();
    if m.started_at.is_none() {
        ev.push(EventKind::MeetingStarted { effective_at: None });
    }
    if let Some(cur) = &m.current_item {
        if cur == id {
            if m.item_state(id).map(|s| s.status) == Some(ItemStatus::Paused) {
                ev.push(EventKind::ItemResumed { item: id.into() });
            }
            return ev;
        }
        ev.push(EventKind::ItemEnded { item: cur.clone() });
    }
    ev.push(EventKind::ItemStarted { item: id.into() });
    ev
}

fn trimmed(f: &ActionFields) -> ActionFields {
    let mut f = f.clone();
    if let Some(t) = &mut f.text {
        *t = t.trim().to_string();
    }
    f
}

fn check_action_refs(m: &Meeting, f: &ActionFields) -> Result<(), Rejection> {
    if let Some(owners) = &f.owners {
        for o in owners {
            match o {
                OwnerRef::Participant(id) if m.person(id).is_none() => {
                    return Err(Rejection::UnknownParticipant(id.clone()));
                }
                OwnerRef::Venue(id) if m.venue(id).is_none() => {
                    return Err(Rejection::UnknownVenue(id.clone()));
                }
                _ => {}
            }
        }
    }
    if let Some(Some(item)) = &f.item {
        m.item(item)
            .ok_or_else(|| Rejection::UnknownItem(item.clone()))?;
    }
    if let Some(Some(PersonRef {
        participant: Some(id),
        ..
    })) = &f.assigned_by
    {
        m.person(id)
            .ok_or_else(|| Rejection::UnknownParticipant(id.clone()))?;
    }
    Ok(())
}
