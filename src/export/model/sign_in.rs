//! The sign-in sheet (签到表): one list per venue with a title row (meeting, date,
//! venue, 应到), a 签名 column for paper sign-in, and headcount venues as a line with
//! their figures. `blank` is the pre-meeting version: no status, no times.

use super::super::Options;
use super::super::words::Words;
use super::text::{Clock, clean, paren, span};
use super::venues::{VenueSummary, total, venue_summaries};
use crate::core::agenda::Role;
use crate::core::meeting::{Counts, Meeting, Status};
use crate::i18n::{Lang, status_label};

#[derive(Debug, Clone)]
pub struct SignInSheet {
    pub lang: Lang,
    /// `铜川市教育扶贫工作视频电话会议签到表`
    pub title: String,
    /// `2017年5月4日 16:00—17:30`
    pub date_line: String,
    /// The pre-meeting version (no status, no times).
    pub blank: bool,
    /// Columns of a venue's list: 序号, 姓名, 单位, 职务, [状态, 签到时间,] 签名, 备注, [电话].
    pub headers: Vec<&'static str>,
    pub venues: Vec<VenueSummary>,
    /// Rows per venue, parallel to `venues`, in roster order (walk-ins last).
    pub rows: Vec<Vec<SignInRow>>,
    /// Per venue: `王益区分会场　应到95人` (the list's title row).
    pub venue_lines: Vec<String>,
    /// Per venue: for a headcount venue, its figures as a line.
    pub headcount_lines: Vec<Option<String>>,
    pub total: Counts,
}

#[derive(Debug, Clone)]
pub struct SignInRow {
    pub name: String,
    pub unit: String,
    pub title: String,
    pub status: &'static str,
    pub time: String,
    pub remark: String,
    /// Only with `include_contacts`.
    pub phone: Option<String>,
}

impl SignInRow {
    /// The cells after 序号, in `headers` order (签名 is empty: it is for the pen).
    pub fn cells<'a>(&'a self, sheet: &SignInSheet) -> Vec<&'a str> {
        let mut c = vec![self.name.as_str(), &self.unit, &self.title];
        if !sheet.blank {
            c.push(self.status);
            c.push(&self.time);
        }
        c.push("");
        c.push(&self.remark);
        if let Some(p) = &self.phone {
            c.push(p);
        }
        c
    }
}

/// `应到95人` / `95 expected`.
pub fn figure(label: &str, n: u32, w: &Words) -> String {
    (w.figure)(label, n)
}

pub fn sign_in_sheet(m: &Meeting, opts: &Options) -> SignInSheet {
    let w = Words::of(opts.lang);
    let clock = Clock::of(m, opts.lang);
    let venues = venue_summaries(m, opts);
    let roster_len = m.agenda.participants.len();
    let ended = m.ended_at.is_some();
    let blank = opts.blank;
    let info = &m.agenda.meeting;
    let date_line = format!(
        "{} {}",
        clock.long_date(info.date),
        span(
            &info.start.format("%H:%M").to_string(),
            &info.end.format("%H:%M").to_string(),
            opts.lang
        )
    );
    let rows = (0..venues.len())
        .map(|vi| {
            m.venue_people[vi]
                .iter()
                // Not a withdrawn walk-in; before the meeting, the roster only.
                .filter(|&&i| !(m.is_withdrawn(i) || blank && i >= roster_len))
                .map(|&i| {
                    let p = &m.people[i];
                    let a = &m.attendance[i];
                    let mut remark: Vec<String> = Vec::new();
                    match p.role {
                        Role::Observer => remark.push(w.remark_observer.into()),
                        Role::Staff => remark.push(w.remark_staff.into()),
                        Role::Media => remark.push(w.remark_media.into()),
                        Role::Member => {}
                    }
                    if !blank {
                        attendance_remarks(&mut remark, a, &clock, w);
                        if i >= roster_len {
                            remark.push(w.remark_walk_in.into());
                        }
                    }
                    let status = a.status();
                    SignInRow {
                        name: clean(&p.name),
                        unit: clean(&p.unit),
                        title: clean(&p.title),
                        status: match (blank, status) {
                            (true, _) => "",
                            (false, Status::NotArrived) if ended => w.absent_status,
                            (false, s) => status_label(s, opts.lang),
                        },
                        time: if blank {
                            String::new()
                        } else {
                            a.time().map(|t| clock.hms(t)).unwrap_or_default()
                        },
                        remark: remark.join(w.group_sep),
                        phone: opts
                            .include_contacts
                            .then(|| p.phone.as_deref().map(clean).unwrap_or_default()),
                    }
                })
                .collect()
        })
        .collect();
    let venue_lines = venues
        .iter()
        .map(|v| format!("{}　{}", v.name, figure(w.expected, v.counts.expected, w)))
        .map(|s| match opts.lang {
            Lang::Zh => s,
            Lang::En => s.replace('　', "  "),
        })
        .collect();
    let headcount_lines = venues
        .iter()
        .enumerate()
        .map(|(vi, v)| v.headcount.then(|| headcount_line(m, vi, v, blank, w)))
        .collect();
    let mut headers = vec![w.seq, w.name, w.unit, w.title];
    if !blank {
        headers.push(w.status);
        headers.push(w.sign_in_time);
    }
    headers.push(w.signature);
    headers.push(w.remark);
    if opts.include_contacts {
        headers.push(w.phone);
    }
    SignInSheet {
        lang: opts.lang,
        title: match opts.lang {
            Lang::Zh => format!("{}{}", clean(&info.title), w.sign_in_sheet),
            Lang::En => format!("{}: {}", w.sign_in_sheet, clean(&info.title)),
        },
        date_line,
        blank,
        headers,
        total: total(&venues),
        venues,
        rows,
        venue_lines,
        headcount_lines,
    }
}

/// Remarks from the record: leave and its reason, the stand-in, leaving early.
fn attendance_remarks(
    remark: &mut Vec<String>,
    a: &crate::core::meeting::Attendance,
    clock: &Clock,
    w: &Words,
) {
    // A stand-in implies leave: say "请假" then only with a reason.
    if let Some(reason) = &a.excused {
        let reason = clean(reason);
        if reason.is_empty() {
            if a.stand_in.is_none() {
                remark.push(w.remark_excused.to_string());
            }
        } else {
            remark.push(format!("{}{}{reason}", w.remark_excused, w.colon));
        }
    }
    if let Some(s) = &a.stand_in {
        remark.push(format!(
            "{}{}{}{}",
            w.remark_stand_in,
            w.colon,
            clean(&s.name),
            paren(&clean(&s.unit), w)
        ));
    }
    if let Some(t) = a.left {
        remark.push(format!("{} {}", w.remark_left, clock.hm(t)));
    }
}

/// A headcount venue's figures: `按人数报到：应到45人，实到43人，请假2人，缺席0人；<note>`.
fn headcount_line(m: &Meeting, vi: usize, v: &VenueSummary, blank: bool, w: &Words) -> String {
    let c = &v.counts;
    let mut s = format!("{}{}", w.headcount_venue_note, w.colon);
    if blank || !v.reported {
        s.push_str(&figure(w.expected, c.expected, w));
        if !blank {
            s.push_str(&paren(w.not_reported, w));
        }
        return s;
    }
    s.push_str(
        &[
            figure(w.expected, c.expected, w),
            figure(w.present, c.present, w),
            figure(w.excused, c.excused, w),
            figure(w.absent, c.absent, w),
        ]
        .join(w.count_sep),
    );
    if let Some(r) = &m.venues[vi].roll_call
        && !r.note.trim().is_empty()
    {
        s.push_str(w.group_sep);
        s.push_str(&clean(&r.note));
    }
    s
}
