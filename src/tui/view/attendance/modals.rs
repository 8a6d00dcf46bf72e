//! The attendance view's modals: the excuse, stand-in, walk-in and 补签 forms, the roll call
//! ([`super::roll_call`]), and a video platform's export (its file, then the review of
//! what it would record). A form stays open, with what was typed, until its record is
//! saved; on a refusal the notice line says why.

use std::path::PathBuf;

use super::AttendanceView;
use super::roll_call::RollCallForm;
use crate::core::agenda::{Participant, Role, VenueKind};
use crate::core::command::Command;
use crate::core::event::EventKind;
use crate::core::meeting::Meeting;
use crate::core::query::time_on_meeting_day;
use crate::import::{matching, platform};
use crate::tui::ctx::Ctx;
use crate::tui::form::{Field, Form};
use crate::tui::input::Intent;
use crate::tui::keymap::Action;
use crate::tui::msg::{Msg, NoticeKind, Recorded, Tag};
use crate::tui::text::{Say, T};
use crate::tui::view::reconcile::Review;

/// Which modal is open.
#[derive(Debug, Clone)]
pub(super) enum Modal {
    None,
    Excuse {
        person: usize,
        form: Form,
    },
    StandIn {
        person: usize,
        form: Form,
    },
    WalkIn {
        venue: usize,
        form: Form,
    },
    /// 补签: a sign-in entered after the fact, with the time it happened.
    SignInAt {
        person: usize,
        form: Form,
    },
    RollCall(RollCallForm),
    /// Asking for a video platform's export file.
    ReconcileFile {
        form: Form,
    },
    /// Reviewing what the export would record.
    Review(Box<Review>),
}

impl Modal {
    /// Move the person a form is about to where `moved` says they are now (another
    /// seat's walk-in moved the indices); `false` when they cannot be found, or the
    /// review of a platform export holds people by index (it is closed: open it again).
    pub(super) fn move_person(&mut self, moved: impl Fn(usize) -> Option<usize>) -> bool {
        match self {
            Modal::Excuse { person, .. }
            | Modal::StandIn { person, .. }
            | Modal::SignInAt { person, .. } => match moved(*person) {
                Some(p) => {
                    *person = p;
                    true
                }
                None => false,
            },
            Modal::Review(_) => false,
            _ => true,
        }
    }
}

impl AttendanceView {
    pub(super) fn modal_form(&self) -> Option<&Form> {
        match &self.modal {
            Modal::None | Modal::Review(_) => None,
            Modal::Excuse { form, .. }
            | Modal::StandIn { form, .. }
            | Modal::WalkIn { form, .. }
            | Modal::SignInAt { form, .. }
            | Modal::ReconcileFile { form } => Some(form),
            Modal::RollCall(rc) => Some(&rc.form),
        }
    }

    fn modal_form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.modal {
            Modal::None | Modal::Review(_) => None,
            Modal::Excuse { form, .. }
            | Modal::StandIn { form, .. }
            | Modal::WalkIn { form, .. }
            | Modal::SignInAt { form, .. }
            | Modal::ReconcileFile { form } => Some(form),
            Modal::RollCall(rc) => Some(&mut rc.form),
        }
    }

    pub(super) fn open_excuse(&mut self, p: usize, ctx: &Ctx) {
        let m = ctx.meeting;
        let reason = m.attendance[p].excused.clone().unwrap_or_default();
        let form = Form::new(
            form_title(T::FormExcuse, &m.people[p].name, ctx.lang),
            vec![person_line(m, p)],
            vec![Field::text(T::FieldReason, &reason)],
        );
        self.modal = Modal::Excuse { person: p, form };
    }

    pub(super) fn open_stand_in(&mut self, p: usize, ctx: &Ctx) {
        let m = ctx.meeting;
        let form = Form::new(
            form_title(T::FormStandIn, &m.people[p].name, ctx.lang),
            vec![person_line(m, p)],
            vec![
                Field::text(T::FieldName, ""),
                Field::text(T::FieldUnit, &m.people[p].unit),
            ],
        );
        self.modal = Modal::StandIn { person: p, form };
    }

    pub(super) fn open_walk_in(&mut self, ctx: &Ctx) {
        let m = ctx.meeting;
        // The selected venue, else the main venue, else the first.
        let venue = self
            .venue
            .or_else(|| {
                m.agenda
                    .venues
                    .iter()
                    .position(|v| v.kind == VenueKind::Main)
            })
            .unwrap_or(0);
        let Some(v) = m.agenda.venues.get(venue) else {
            return;
        };
        // What was typed is most likely the name (the search found nobody), or what
        // Enter just found nobody for.
        let typed = match self.search.value().trim() {
            "" => std::mem::take(&mut self.not_found),
            t => t.to_string(),
        };
        let name = if !typed.is_ascii() {
            typed.as_str()
        } else {
            ""
        };
        // The role the agenda gives walk-ins (参会 unless it says otherwise).
        let role = m.agenda.meeting.walk_in_role;
        let roles = Role::ALL
            .iter()
            .map(|r| role_choice(*r).get(ctx.lang).to_string())
            .collect();
        let chosen = Role::ALL.iter().position(|r| *r == role).unwrap_or(0);
        let form = Form::new(
            form_title(T::FormWalkIn, &v.name, ctx.lang),
            Vec::new(),
            vec![
                Field::text(T::FieldName, name),
                Field::text(T::FieldUnit, ""),
                Field::text(T::FieldTitle, ""),
                Field::choice(T::FieldRole, roles, chosen),
            ],
        );
        self.modal = Modal::WalkIn { venue, form };
    }

    /// 补签 for someone not signed in: the time they arrived.
    pub(super) fn open_sign_in_at(&mut self, p: usize, ctx: &Ctx) -> Vec<Msg> {
        let (m, lang) = (ctx.meeting, ctx.lang);
        if let Some(at) = m.attendance[p].arrived {
            // Already here: nothing to enter after the fact.
            let name = super::person_label(m, p, lang);
            let first = ctx.hms(at);
            let text = Say::AlreadySignedIn { name, first }.text(lang);
            return vec![Msg::notice(NoticeKind::Warning, text)];
        }
        let form = Form::new(
            form_title(T::FormSignInAt, &m.people[p].name, lang),
            vec![person_line(m, p), T::SignInAtAbout.get(lang).to_string()],
            vec![Field::text(T::FieldArrived, "")],
        );
        self.modal = Modal::SignInAt { person: p, form };
        Vec::new()
    }

    /// Ask for the export file of a video platform (the last one asked for, again).
    pub(super) fn open_reconcile(&mut self, ctx: &Ctx) {
        let form = Form::new(
            T::FormReconcile.get(ctx.lang),
            vec![T::ReconcileAbout.get(ctx.lang).to_string()],
            vec![Field::text(T::FieldFile, &self.last_export)],
        );
        self.modal = Modal::ReconcileFile { form };
    }

    /// An intent while a modal is open.
    pub(super) fn handle_modal(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        if matches!(self.modal, Modal::Review(_)) {
            return self.handle_review(intent, ctx);
        }
        match intent {
            Intent::Action(_, Action::Submit) => return self.submit(ctx),
            Intent::Action(_, Action::Cancel) => self.modal = Modal::None,
            Intent::Action(_, Action::NextField) => {
                if let Some(f) = self.modal_form_mut() {
                    f.next();
                }
            }
            Intent::Action(_, Action::PrevField) => {
                if let Some(f) = self.modal_form_mut() {
                    f.prev();
                }
            }
            Intent::Action(_, Action::Toggle) => {
                if let Some(f) = self.modal_form_mut() {
                    f.toggle(true);
                }
            }
            Intent::Action(_, a @ (Action::NextVenue | Action::PrevVenue)) => {
                if let Modal::RollCall(rc) = &self.modal {
                    let n = rc.venues.len();
                    let at = if *a == Action::NextVenue {
                        (rc.at + 1) % n
                    } else {
                        (rc.at + n - 1) % n
                    };
                    self.modal = Modal::RollCall(rc.moved_to(ctx.meeting, ctx.lang, at));
                }
            }
            Intent::Edit(req) => {
                if let Some(f) = self.modal_form_mut() {
                    f.edit(*req);
                }
            }
            Intent::Paste(s) => {
                if let Some(f) = self.modal_form_mut() {
                    f.paste(s);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn handle_review(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        let page = self.page.max(1) as isize;
        let Modal::Review(review) = &mut self.modal else {
            return Vec::new();
        };
        match intent {
            Intent::Action(_, Action::Up) => review.move_by(-1),
            Intent::Action(_, Action::Down) => review.move_by(1),
            Intent::Action(_, Action::PageUp) => review.move_by(-page),
            Intent::Action(_, Action::PageDown) => review.move_by(page),
            Intent::Action(_, Action::Toggle) => review.toggle(),
            Intent::Action(_, Action::Cancel) => self.modal = Modal::None,
            // What was recorded stays on a failure, and so does the review.
            Intent::Action(_, Action::Submit) => return vec![review.record(ctx.meeting)],
            _ => {}
        }
        Vec::new()
    }

    /// Enter in a form: check what was typed and ask for the record (the form closes
    /// when it is saved).
    fn submit(&mut self, ctx: &Ctx) -> Vec<Msg> {
        let (m, lang) = (ctx.meeting, ctx.lang);
        let required = |form: &mut Form, i: usize, problem: T| {
            let missing = form.value(i).is_empty();
            if missing {
                form.error = Some(problem.get(lang).into());
            }
            !missing
        };
        let (cmd, tag) = match &mut self.modal {
            Modal::Excuse { person, form } => (
                Command::Excuse {
                    participant: m.people[*person].id.clone(),
                    reason: form.value(0).to_string(),
                },
                Tag::Status { person: *person },
            ),
            Modal::StandIn { person, form } => {
                if !required(form, 0, T::NameRequired) {
                    return Vec::new();
                }
                let cmd = Command::StandIn {
                    participant: m.people[*person].id.clone(),
                    name: form.value(0).to_string(),
                    unit: form.value(1).to_string(),
                };
                (cmd, Tag::Status { person: *person })
            }
            Modal::WalkIn { venue, form } => {
                if !required(form, 0, T::NameRequired) {
                    return Vec::new();
                }
                let name = form.value(0).to_string();
                let role = form
                    .fields
                    .get(3)
                    .and_then(|f| Role::ALL.get(f.selected()))
                    .copied()
                    .unwrap_or_default();
                let cmd = Command::WalkIn {
                    name: name.clone(),
                    unit: form.value(1).to_string(),
                    title: form.value(2).to_string(),
                    venue: m.agenda.venues[*venue].id.clone(),
                    role,
                };
                (
                    cmd,
                    Tag::WalkIn {
                        venue: *venue,
                        name,
                    },
                )
            }
            Modal::SignInAt { person, form } => {
                if !required(form, 0, T::TimeRequired) {
                    return Vec::new();
                }
                // The meeting's day and time zone, as `huiwu attend --at` reads it.
                let Some(at) = time_on_meeting_day(m, form.value(0)) else {
                    let typed = form.value(0).to_string();
                    form.error = Some(Say::NotATime { typed }.text(lang));
                    return Vec::new();
                };
                let cmd = Command::SignIn {
                    participant: m.people[*person].id.clone(),
                    late: false,
                    effective_at: Some(at),
                };
                (cmd, Tag::SignIn { person: *person })
            }
            Modal::ReconcileFile { form } => {
                if !required(form, 0, T::FileRequired) {
                    return Vec::new();
                }
                let path = form.value(0).to_string();
                self.last_export = path.clone();
                let path = PathBuf::from(path);
                return vec![Msg::LoadPlatformExport { path }];
            }
            Modal::RollCall(_) => return self.save_roll_call(ctx),
            Modal::None | Modal::Review(_) => return Vec::new(),
        };
        vec![Msg::record(cmd, tag)]
    }

    /// A walk-in was recorded: the new person is highlighted, the box is ready for the
    /// next.
    pub(super) fn walked_in(
        &mut self,
        venue: usize,
        name: String,
        recorded: &Recorded,
        ctx: &Ctx,
    ) -> Vec<Msg> {
        let m = ctx.meeting;
        let added = recorded.events().find_map(|e| match &e.kind {
            EventKind::WalkedIn(w) => m.person(&w.participant),
            _ => None,
        });
        let venue = m.agenda.venues[venue].name.clone();
        self.modal = Modal::None;
        self.search.reset();
        self.selected_person = added;
        // The new person must be in the lists before the highlight moves.
        self.sync_meeting(m);
        let role = added.map_or(Role::Member, |p| m.people[p].role);
        let text = match role {
            Role::Member => Say::WalkedIn { name, venue },
            _ => Say::WalkedInAs {
                name,
                venue,
                role: role_name(role).get(ctx.lang).to_string(),
            },
        };
        vec![Msg::notice(NoticeKind::Success, text.text(ctx.lang))]
    }

    /// The export's bytes (or why not): on to the review, or the problem in the form.
    pub(super) fn export_read(&mut self, path: PathBuf, bytes: Result<Vec<u8>, String>, ctx: &Ctx) {
        let (m, lang) = (ctx.meeting, ctx.lang);
        let review = bytes.and_then(|bytes| {
            let export = platform::read(&bytes, None, Some(m.agenda.meeting.date))
                .map_err(|e| e.message(lang))?;
            let plan = matching::reconcile(m, &export, None);
            let file = path.display().to_string();
            Ok(Review::new(&file, export.platform, plan, m, lang))
        });
        match (review, &mut self.modal) {
            (Ok(r), _) => self.modal = Modal::Review(Box::new(r)),
            (Err(e), Modal::ReconcileFile { form }) => form.error = Some(e),
            (Err(_), _) => {}
        }
    }
}

/// A role as the walk-in form offers it, saying whether it counts.
fn role_choice(r: Role) -> T {
    match r {
        Role::Member => T::RoleMemberChoice,
        Role::Observer => T::RoleObserverChoice,
        Role::Staff => T::RoleStaffChoice,
        Role::Media => T::RoleMediaChoice,
    }
}

/// A role in a sentence.
pub(super) fn role_name(r: Role) -> T {
    match r {
        Role::Member => T::RoleMember,
        Role::Observer => T::RoleObserver,
        Role::Staff => T::RoleStaff,
        Role::Media => T::RoleMedia,
    }
}

/// What a form says about a person: number, unit, title, venue.
fn person_line(m: &Meeting, p: usize) -> String {
    let person: &Participant = &m.people[p];
    let venue = m
        .venue(&person.venue)
        .map_or("", |v| m.agenda.venues[v].name.as_str());
    [
        person.id.as_str(),
        person.unit.as_str(),
        person.title.as_str(),
        venue,
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join("  ")
}

/// `请假：王晓红`, `Excused: Wei Chen`: each language's own colon.
fn form_title(form: T, whom: &str, lang: crate::i18n::Lang) -> String {
    let form = form.get(lang).to_string();
    let whom = whom.to_string();
    Say::FormFor { form, whom }.text(lang)
}
