//! The venues as the exports show them: counts, link state, contact.

use super::super::Options;
use super::super::words::Words;
use super::text::clean;
use crate::core::agenda::{Role, SignInMode, VenueKind};
use crate::core::event::LinkState;
use crate::core::meeting::{Counts, Meeting};
use crate::i18n::Lang;

// ---------------------------------------------------------------------------------------
// Venues

#[derive(Debug, Clone)]
pub struct VenueSummary {
    pub id: String,
    pub name: String,
    pub kind: VenueKind,
    pub kind_label: &'static str,
    pub headcount: bool,
    /// For a headcount venue: whether it has answered the roll call.
    pub reported: bool,
    /// The venue's counts, except that `observers_present` counts observers (列席) only,
    /// not staff.
    pub counts: Counts,
    /// `视频正常，音频正常` or `未检查`.
    pub link: String,
    /// The venue's contact: the name always, the phone only with `include_contacts`.
    pub contact: String,
}

impl VenueSummary {
    /// Present / expected, in whole percent; `None` when nobody is expected.
    pub fn rate(&self) -> Option<u32> {
        rate(&self.counts)
    }
}

pub fn rate(c: &Counts) -> Option<u32> {
    (c.expected > 0)
        .then(|| ((c.present as u64 * 100 + c.expected as u64 / 2) / c.expected as u64) as u32)
}

fn link_word(s: LinkState, w: &Words) -> &'static str {
    match s {
        LinkState::Ok => w.link_ok,
        LinkState::Failing => w.link_failing,
        LinkState::Unknown => w.link_unknown,
    }
}

pub fn venue_summaries(m: &Meeting, opts: &Options) -> Vec<VenueSummary> {
    let w = Words::of(opts.lang);
    m.agenda
        .venues
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let st = &m.venues[i];
            let link = if st.link_checked_at.is_none() {
                w.link_unknown.to_string()
            } else {
                let sep = if opts.lang == Lang::Zh { "，" } else { ", " };
                let space = if opts.lang == Lang::Zh { "" } else { " " };
                format!(
                    "{}{space}{}{sep}{}{space}{}",
                    w.video,
                    link_word(st.video, w),
                    w.audio,
                    link_word(st.audio, w)
                )
            };
            let contact = match &v.contact {
                Some(c) => {
                    let mut s = clean(&c.name);
                    if opts.include_contacts
                        && let Some(p) = &c.phone
                    {
                        s.push(' ');
                        s.push_str(&clean(p));
                    }
                    s
                }
                None => String::new(),
            };
            VenueSummary {
                id: v.id.clone(),
                name: clean(&v.name),
                kind: v.kind,
                kind_label: match v.kind {
                    VenueKind::Main => w.main_venue,
                    VenueKind::Branch => w.branch_venue,
                },
                headcount: v.sign_in == SignInMode::Headcount,
                reported: st.roll_call.is_some(),
                counts: Counts {
                    // 列席 means observers; the core also counts staff there.
                    observers_present: m.venue_people[i]
                        .iter()
                        .filter(|&&p| {
                            m.people[p].role == Role::Observer && m.attendance[p].is_present()
                        })
                        .count() as u32,
                    ..m.venue_counts(i)
                },
                link,
                contact,
            }
        })
        .collect()
}

pub fn total(venues: &[VenueSummary]) -> Counts {
    let mut t = Counts::default();
    for v in venues {
        t.add(&v.counts);
    }
    t
}
