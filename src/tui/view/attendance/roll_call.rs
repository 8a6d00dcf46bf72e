//! The roll call of the branch venues: one form per venue, in agenda order, asking a
//! headcount venue for its numbers and every venue for its video and audio link. A
//! branch that signs in by name but whose own seat is not connected here (none of its
//! sign-ins are on this computer) is asked for the figures it reports too: they count
//! only until its sign-ins arrive. Enter records and steps on; an untouched venue is
//! passed, and the desk says so.

use super::AttendanceView;
use super::modals::Modal;
use crate::core::agenda::{SignInMode, VenueKind};
use crate::core::command::Command;
use crate::core::event::LinkState;
use crate::core::meeting::{CountsSource, Meeting};
use crate::i18n::Lang;
use crate::tui::ctx::Ctx;
use crate::tui::form::{Field, Form};
use crate::tui::msg::{Failure, Msg, NoticeKind, Recorded, Tag};
use crate::tui::text::{Say, T};

/// Stepping through the branch venues.
#[derive(Debug, Clone)]
pub(super) struct RollCallForm {
    /// Branch venues (indices into `agenda.venues`) in agenda order.
    pub(super) venues: Vec<usize>,
    /// Position in `venues`.
    pub(super) at: usize,
    pub(super) form: Form,
    /// Whether the current venue is asked for figures (应到 / 实到 / 请假): a headcount
    /// venue, or a roster branch none of whose sign-ins are here; else only the link.
    figures: bool,
}

// Field positions of the roll-call form.
const RC_EXPECTED: usize = 0;
const RC_PRESENT: usize = 1;
const RC_EXCUSED: usize = 2;
const RC_ABSENT: usize = 3;
const RC_NOTE: usize = 4;

impl RollCallForm {
    /// The form for venue `venues[at]`.
    pub(super) fn new(m: &Meeting, lang: Lang, venues: Vec<usize>, at: usize) -> RollCallForm {
        let v = venues[at];
        let venue = &m.agenda.venues[v];
        let st = &m.venues[v];
        let headcount = venue.sign_in == SignInMode::Headcount;
        // A roster branch whose own sign-ins are here counts them; one whose seat is not
        // connected can only report.
        let figures = headcount || m.counts_source(v) != CountsSource::SignIn;
        let link_options = || {
            vec![
                T::LinkUnknown.get(lang).to_string(),
                T::LinkOk.get(lang).to_string(),
                T::LinkFailing.get(lang).to_string(),
            ]
        };
        let link_index = |s: LinkState| match s {
            LinkState::Unknown => 0,
            LinkState::Ok => 1,
            LinkState::Failing => 2,
        };
        let mut about = vec![format!("[{}/{}] {}", at + 1, venues.len(), venue.name)];
        if let Some(c) = &venue.contact {
            about.push(match &c.phone {
                Some(p) => format!("{} {}", c.name, p),
                None => c.name.clone(),
            });
        }
        let mut fields = Vec::new();
        if figures {
            let rc = st.roll_call.as_ref();
            if !headcount {
                about.push(T::RollCallReportedAbout.get(lang).to_string());
            }
            // A roster branch is expected to bring its roster's members.
            let planned = match headcount {
                true => venue.expected,
                false => Some(m.venue_counts(v).expected),
            };
            fields.push(Field::number(
                T::FieldExpected,
                rc.map(|r| r.expected).or(planned),
            ));
            fields.push(Field::number(T::FieldPresent, rc.map(|r| r.present)));
            fields.push(Field::number(T::FieldExcused, rc.map(|r| r.excused)));
            fields.push(Field::number(T::FieldAbsent, rc.map(|r| r.absent)));
            fields.push(Field::text(
                T::FieldNote,
                rc.map_or("", |r| r.note.as_str()),
            ));
        } else {
            let c = m.venue_counts(v);
            about.push(format!(
                "{}  {} {}  {} {}  {} {}  {} {}",
                T::RosterVenueCounts.get(lang),
                T::Expected.get(lang),
                c.expected,
                T::Present.get(lang),
                c.present,
                T::Excused.get(lang),
                c.excused,
                T::Absent.get(lang),
                c.absent
            ));
        }
        fields.push(Field::choice(
            T::Video,
            link_options(),
            link_index(st.video),
        ));
        fields.push(Field::choice(
            T::Audio,
            link_options(),
            link_index(st.audio),
        ));
        let mut form = Form::new(T::FormRollCall.get(lang), about, fields);
        // Start where the secretary types first: 实到, or the video link.
        form.focus = if figures { RC_PRESENT } else { 0 };
        RollCallForm {
            venues,
            at,
            form,
            figures,
        }
    }

    /// The same venues, at another one.
    pub(super) fn moved_to(&self, m: &Meeting, lang: Lang, at: usize) -> RollCallForm {
        RollCallForm::new(m, lang, self.venues.clone(), at)
    }

    /// What saving this venue records: its headcount (once anything was reported) and
    /// its link (when changed). `None`, with the problem in the form, when a count is
    /// not a number.
    fn commands(&mut self, m: &Meeting, lang: Lang) -> Option<Vec<Command>> {
        let v = self.venues[self.at];
        let venue_id = m.agenda.venues[v].id.clone();
        let f = &self.form;
        let link = |i: usize| match f.fields.get(i).map(Field::selected) {
            Some(1) => LinkState::Ok,
            Some(2) => LinkState::Failing,
            _ => LinkState::Unknown,
        };
        let (video_i, audio_i) = if self.figures { (5, 6) } else { (0, 1) };
        let (video, audio) = (link(video_i), link(audio_i));
        let mut cmds = Vec::new();
        if self.figures {
            let num = |i: usize| -> Result<Option<u32>, ()> {
                let s = f.value(i);
                if s.is_empty() {
                    Ok(None)
                } else {
                    s.parse::<u32>().map(Some).map_err(|_| ())
                }
            };
            let parsed = (
                num(RC_EXPECTED),
                num(RC_PRESENT),
                num(RC_EXCUSED),
                num(RC_ABSENT),
            );
            let (Ok(expected), Ok(present), Ok(excused), Ok(absent)) = parsed else {
                self.form.error = Some(T::NotANumber.get(lang).into());
                return None;
            };
            // A venue that reported nothing yet is only asked about its link.
            if present.is_some() || excused.is_some() || absent.is_some() {
                let expected = expected.unwrap_or(0);
                let present = present.unwrap_or(0);
                let excused = excused.unwrap_or(0);
                let absent = absent
                    .unwrap_or_else(|| expected.saturating_sub(present.saturating_add(excused)));
                cmds.push(Command::RollCall {
                    venue: venue_id.clone(),
                    expected,
                    present,
                    excused,
                    absent,
                    note: self.form.value(RC_NOTE).to_string(),
                });
            }
        }
        // Record the link only when it was changed: Enter on an untouched form just
        // steps on.
        let st = &m.venues[v];
        if (video, audio) != (st.video, st.audio) {
            cmds.push(Command::Link {
                venue: venue_id,
                video,
                audio,
            });
        }
        Some(cmds)
    }
}

impl AttendanceView {
    pub(super) fn open_roll_call(&mut self, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let venues: Vec<usize> = m
            .agenda
            .venues
            .iter()
            .enumerate()
            .filter(|(_, v)| v.kind == VenueKind::Branch)
            .map(|(i, _)| i)
            .collect();
        if venues.is_empty() {
            let text = T::NoBranchVenues.get(ctx.lang);
            return vec![Msg::notice(NoticeKind::Warning, text)];
        }
        // Start at the first venue not yet called, or the selected one.
        let at = self
            .venue
            .and_then(|v| venues.iter().position(|&x| x == v))
            .or_else(|| venues.iter().position(|&v| m.venues[v].roll_call.is_none()))
            .unwrap_or(0);
        self.modal = Modal::RollCall(RollCallForm::new(m, ctx.lang, venues, at));
        Vec::new()
    }

    /// Enter on the roll call: record this venue (the reply steps on).
    pub(super) fn save_roll_call(&mut self, ctx: &Ctx) -> Vec<Msg> {
        let Modal::RollCall(rc) = &mut self.modal else {
            return Vec::new();
        };
        match rc.commands(ctx.meeting, ctx.lang) {
            Some(cmds) => vec![Msg::Record {
                cmds,
                seat: None,
                tag: Tag::RollCall,
            }],
            None => Vec::new(),
        }
    }

    /// This venue was recorded (or not): step to the next, or say what went wrong in
    /// the form.
    pub(super) fn roll_call_recorded(&mut self, recorded: &Recorded, ctx: &Ctx) -> Vec<Msg> {
        let Modal::RollCall(rc) = &mut self.modal else {
            return Vec::new();
        };
        let lang = ctx.lang;
        if let Some(f) = &recorded.failure {
            rc.form.error = Some(failure_text(lang, f));
            return Vec::new();
        }
        let venue = ctx.meeting.agenda.venues[rc.venues[rc.at]].name.clone();
        // Say what was done: an untouched venue was only passed.
        let (kind, mut said) = if recorded.events().next().is_none() {
            (NoticeKind::Info, Say::RollCallPassed { venue }.text(lang))
        } else {
            (NoticeKind::Success, Say::RollCallSaved { venue }.text(lang))
        };
        if rc.at + 1 < rc.venues.len() {
            let next = rc.moved_to(ctx.meeting, lang, rc.at + 1);
            self.modal = Modal::RollCall(next);
        } else {
            self.modal = Modal::None;
            said = format!(
                "{said}{}{}",
                lang.pick(". ", "。"),
                T::RollCallDone.get(lang)
            );
        }
        vec![Msg::notice(kind, said)]
    }
}

/// A failure, as the form shows it.
fn failure_text(lang: Lang, f: &Failure) -> String {
    match f {
        Failure::Refused(why) => Say::Refused { why: why.clone() }.text(lang),
        Failure::NotSaved(why) => Say::NotSaved { why: why.clone() }.text(lang),
    }
}
