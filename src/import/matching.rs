//! Matching the names in a platform's export to the roster. People call themselves many
//! things in a video meeting: `晓红(王晓红)`, `市教育局-王晓红`, `王 晓 红`, `Ｗａｎｇ`, two
//! people on one terminal `张三&李四`, a room system named after its venue. The order is
//! exact, then normalised, then the patterns; a name that fits several people is never
//! guessed: it goes to the secretary with the candidates. Pure: reads `&Meeting` only.

use std::collections::HashMap;

use chrono::{DateTime, TimeZone, Utc};
use pinyin::ToPinyinMulti;

use super::normalize::{self, name_key};
use super::platform::{AttendanceExport, ExportRow};
use super::venue;
use crate::core::event::LinkState;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

/// How a row was matched, to show the secretary why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Exact,
    /// Width, spaces or case differ.
    Normalised,
    /// The real name in brackets: `晓红(王晓红)`.
    Bracket,
    /// `单位-姓名`: the name beside the unit (which may have settled a same-name case).
    UnitAndName,
    /// One of several people on one terminal: `甲&乙`.
    Shared,
    /// A Latin spelling of a Chinese name: `Wang Xiaohong`.
    Pinyin,
}

impl How {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (How::Exact, Lang::En) => "exact",
            (How::Exact, Lang::Zh) => "完全一致",
            (How::Normalised, Lang::En) => "spelling normalised",
            (How::Normalised, Lang::Zh) => "规范化后一致",
            (How::Bracket, Lang::En) => "name in brackets",
            (How::Bracket, Lang::Zh) => "括号内姓名",
            (How::UnitAndName, Lang::En) => "unit-name",
            (How::UnitAndName, Lang::Zh) => "单位-姓名",
            (How::Shared, Lang::En) => "shared terminal",
            (How::Shared, Lang::Zh) => "多人共用终端",
            (How::Pinyin, Lang::En) => "pinyin",
            (How::Pinyin, Lang::Zh) => "拼音",
        }
    }
}

/// A sign-in to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInPlan {
    pub person: usize,
    /// First join, in UTC.
    pub at: DateTime<Utc>,
    /// Joined after the meeting started (or was scheduled to).
    pub late: bool,
    pub row: usize,
    /// The name in the export.
    pub shown_as: String,
    pub how: How,
}

/// A person on the export who is signed in already: reported, not recorded twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadyIn {
    pub person: usize,
    pub since: DateTime<Utc>,
    pub row: usize,
    pub shown_as: String,
}

/// A venue's room system seen in the meeting: its link works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPlan {
    pub venue: usize,
    pub row: usize,
    pub shown_as: String,
    pub at: Option<DateTime<Utc>>,
    /// Video and audio are recorded as working already.
    pub already: bool,
}

/// A name that fits several people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguous {
    pub row: usize,
    pub shown_as: String,
    /// The part of the name that was looked up (`乙` of `甲&乙`).
    pub part: String,
    pub candidates: Vec<usize>,
    /// First join, to sign in the one the secretary picks.
    pub at: Option<DateTime<Utc>>,
}

/// A name that fits nobody.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub row: usize,
    pub shown_as: String,
    pub part: String,
}

/// A person matched but without a join time to sign them in at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoTime {
    pub row: usize,
    pub shown_as: String,
    pub person: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// When the meeting started (or was scheduled to): a join after it is late.
    pub start: DateTime<Utc>,
    pub sign_ins: Vec<SignInPlan>,
    pub already: Vec<AlreadyIn>,
    pub links: Vec<LinkPlan>,
    pub ambiguous: Vec<Ambiguous>,
    pub unmatched: Vec<Unmatched>,
    pub no_time: Vec<NoTime>,
}

/// What one name (or part of one) resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Found {
    One(usize, How),
    Many(Vec<usize>),
    None,
}

/// The roster looked up by name in its several spellings.
pub struct RosterIndex<'a> {
    m: &'a Meeting,
    exact: HashMap<&'a str, Vec<usize>>,
    key: HashMap<String, Vec<usize>>,
    only_venue: Option<usize>,
    /// Pinyin spellings of Chinese names (all readings, both name orders) -> people; built
    /// the first time a Latin name needs it (most exports never do).
    pinyin: std::cell::OnceCell<HashMap<String, Vec<usize>>>,
}

impl<'a> RosterIndex<'a> {
    /// The people of one venue, or everyone.
    pub fn new(m: &'a Meeting, only_venue: Option<usize>) -> Self {
        let mut exact: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in m.people.iter().enumerate() {
            if only_venue.is_some_and(|v| m.venue(&p.venue) != Some(v)) {
                continue;
            }
            exact.entry(p.name.trim()).or_default().push(i);
            let k = name_key(&p.name);
            // `Smith John` for `John Smith`: Latin names may come either way round.
            let words: Vec<&str> = p.name.split_whitespace().collect();
            if words.len() >= 2 {
                let rev: String = words.iter().rev().copied().collect::<Vec<_>>().join(" ");
                let rk = name_key(&rev);
                if rk != k {
                    key.entry(rk).or_default().push(i);
                }
            }
            key.entry(k).or_default().push(i);
        }
        RosterIndex {
            m,
            exact,
            key,
            only_venue,
            pinyin: std::cell::OnceCell::new(),
        }
    }

    fn pinyin(&self) -> &HashMap<String, Vec<usize>> {
        self.pinyin.get_or_init(|| {
            let mut pinyin: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, p) in self.m.people.iter().enumerate() {
                if self
                    .only_venue
                    .is_some_and(|v| self.m.venue(&p.venue) != Some(v))
                {
                    continue;
                }
                for spelling in pinyin_spellings(&name_key(&p.name)) {
                    let v = pinyin.entry(spelling).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
            pinyin
        })
    }

    /// Exact, then normalised.
    fn simple(&self, s: &str) -> Found {
        let s = s.trim();
        if s.is_empty() {
            return Found::None;
        }
        match self.exact.get(s).map(Vec::as_slice) {
            Some([one]) => return Found::One(*one, How::Exact),
            Some(many) if many.len() > 1 => return Found::Many(many.to_vec()),
            _ => {}
        }
        match self.key.get(&name_key(s)).map(Vec::as_slice) {
            Some([one]) => Found::One(*one, How::Normalised),
            Some(many) if many.len() > 1 => Found::Many(many.to_vec()),
            _ => Found::None,
        }
    }

    /// A name with a unit or a nickname around it, and pinyin.
    fn with_patterns(&self, s: &str) -> Found {
        let found = self.simple(s);
        if found != Found::None {
            return found;
        }
        // `晓红(王晓红)`, `Xiaohong Wang (王晓红)`, `王晓红（市教育局）`.
        if let Some((outer, inner)) = split_brackets(s) {
            for (name, hint) in [(&inner, &outer), (&outer, &inner)] {
                match self.narrow(self.simple(name), hint) {
                    Found::One(p, _) => return Found::One(p, How::Bracket),
                    Found::None => {}
                    many => return many,
                }
            }
        }
        // `市教育局-王晓红`, `王晓红-市教育局`, `市教育局 王晓红`.
        let parts = split_unit(s);
        if parts.len() > 1 {
            for k in (0..parts.len()).rev() {
                let hint: Vec<&str> = parts
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .map(|(_, p)| p.as_str())
                    .collect();
                match self.narrow(self.simple(&parts[k]), &hint.join(" ")) {
                    Found::One(p, _) => return Found::One(p, How::UnitAndName),
                    Found::None => {}
                    many => return many,
                }
            }
        }
        // `Wang Xiaohong`, `wangxiaohong`, `Xiaohong Wang`.
        let k = name_key(s);
        if k.len() >= 4 && k.chars().all(|c| c.is_ascii_lowercase()) {
            match self.pinyin().get(&k).map(Vec::as_slice) {
                Some([one]) => return Found::One(*one, How::Pinyin),
                Some(many) if many.len() > 1 => return Found::Many(many.to_vec()),
                _ => {}
            }
        }
        Found::None
    }

    /// Several people of one name: the unit (or venue) beside the name may settle it.
    fn narrow(&self, found: Found, hint: &str) -> Found {
        let Found::Many(candidates) = found else {
            return found;
        };
        let h = name_key(hint);
        if h.chars().count() < 2 {
            return Found::Many(candidates);
        }
        let fits: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                let p = &self.m.people[i];
                let unit = name_key(&p.unit);
                let venue_fits = self
                    .m
                    .venue(&p.venue)
                    .is_some_and(|v| venue::mentioned(&self.m.agenda, hint) == Some(v));
                (!unit.is_empty() && (unit.contains(&h) || h.contains(&unit))) || venue_fits
            })
            .collect();
        match fits.as_slice() {
            [one] => Found::One(*one, How::UnitAndName),
            _ => Found::Many(candidates),
        }
    }
}

/// `甲&乙`, `甲＆乙`, `甲、乙`, `甲+乙`: several people on one terminal.
fn split_shared(s: &str) -> Vec<String> {
    s.split(['&', '＆', '、', '+', '＋', ';', '；', '/', '／'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// `outer(inner)` with half- or full-width brackets.
fn split_brackets(s: &str) -> Option<(String, String)> {
    let open = s.find(['(', '（', '[', '【', '<', '〈', '《'])?;
    let after = &s[open..];
    let first_len = after.chars().next()?.len_utf8();
    let close = after.find([')', '）', ']', '】', '>', '〉', '》'])?;
    let inner = after[first_len..close].trim().to_string();
    let close_len = after[close..].chars().next()?.len_utf8();
    let outer = format!("{}{}", &s[..open], &after[close + close_len..])
        .trim()
        .to_string();
    (!inner.is_empty()).then_some((outer, inner))
}

/// `单位-姓名` with any dash or an underscore, or Chinese words separated by spaces.
fn split_unit(s: &str) -> Vec<String> {
    let by_dash: Vec<String> = s
        .split(['-', '－', '—', '–', '_', '|', '｜', ':', '：'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if by_dash.len() > 1 {
        return by_dash;
    }
    let folded = normalize::fold_width(s);
    let words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 1 && words.iter().all(|w| w.chars().any(normalize::is_cjk)) {
        return words.iter().map(|w| w.to_string()).collect();
    }
    vec![s.to_string()]
}

/// The pinyin spellings of a Chinese name key (2 to 4 characters): every reading of each
/// character, surname first and last. Empty for anything else.
fn pinyin_spellings(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|&c| normalize::is_cjk(c)) {
        return Vec::new();
    }
    let mut readings: Vec<Vec<&'static str>> = Vec::new();
    for c in &chars {
        let Some(multi) = c.to_pinyin_multi() else {
            return Vec::new();
        };
        let mut r: Vec<&'static str> = multi.into_iter().map(|p| p.plain()).collect();
        r.dedup();
        r.truncate(3);
        readings.push(r);
    }
    let mut spellings = vec![String::new()];
    for r in &readings {
        spellings = spellings
            .iter()
            .flat_map(|s| r.iter().map(move |x| format!("{s}{x}")))
            .collect();
    }
    // Given name first: 王晓红 -> xiaohongwang (one-character surname assumed).
    let mut given_first = vec![String::new()];
    for r in readings[1..].iter().chain(std::iter::once(&readings[0])) {
        given_first = given_first
            .iter()
            .flat_map(|s| r.iter().map(move |x| format!("{s}{x}")))
            .collect();
    }
    spellings.extend(given_first);
    spellings.sort();
    spellings.dedup();
    spellings
}

/// Match an export against the meeting; with `only_venue`, against that venue's people
/// and room system only (a branch venue's secretary reconciling her own export).
pub fn reconcile(
    m: &Meeting,
    export: &AttendanceExport,
    only_venue: Option<usize>,
) -> Reconciliation {
    let ix = RosterIndex::new(m, only_venue);
    let tz = *m.agenda.meeting.start.offset();
    let start = m
        .started_at
        .unwrap_or(m.agenda.meeting.start.with_timezone(&Utc));
    let to_utc = |t: chrono::NaiveDateTime| {
        tz.from_local_datetime(&t)
            .single()
            .map(|x| x.with_timezone(&Utc))
    };
    let mut out = Reconciliation {
        start,
        ..Reconciliation::default()
    };
    // Person -> index in `sign_ins`, so two rows for one person make one sign-in.
    let mut planned: HashMap<usize, usize> = HashMap::new();
    let mut already_seen: HashMap<usize, ()> = HashMap::new();
    let mut linked: HashMap<usize, usize> = HashMap::new();

    let mut record = |out: &mut Reconciliation, row: &ExportRow, person: usize, how: How| {
        let a = &m.attendance[person];
        if a.is_present() {
            if already_seen.insert(person, ()).is_none() {
                out.already.push(AlreadyIn {
                    person,
                    since: a.time().unwrap_or(start),
                    row: row.row,
                    shown_as: row.name.clone(),
                });
            }
            return;
        }
        let Some(at) = row.first_join.and_then(to_utc) else {
            out.no_time.push(NoTime {
                row: row.row,
                shown_as: row.name.clone(),
                person,
            });
            return;
        };
        match planned.get(&person) {
            Some(&k) => {
                if at < out.sign_ins[k].at {
                    out.sign_ins[k].at = at;
                    out.sign_ins[k].late = at > start;
                }
            }
            None => {
                planned.insert(person, out.sign_ins.len());
                out.sign_ins.push(SignInPlan {
                    person,
                    at,
                    late: at > start,
                    row: row.row,
                    shown_as: row.name.clone(),
                    how,
                });
            }
        }
    };

    for row in &export.rows {
        let whole = ix.with_patterns(&row.name);
        let shared = split_shared(&row.name);
        match whole {
            Found::One(p, how) => record(&mut out, row, p, how),
            Found::Many(c) => out.ambiguous.push(Ambiguous {
                row: row.row,
                shown_as: row.name.clone(),
                part: row.name.clone(),
                candidates: c,
                at: row.first_join.and_then(to_utc),
            }),
            Found::None if shared.len() > 1 => {
                for part in shared {
                    match ix.with_patterns(&part) {
                        Found::One(p, _) => record(&mut out, row, p, How::Shared),
                        Found::Many(c) => out.ambiguous.push(Ambiguous {
                            row: row.row,
                            shown_as: row.name.clone(),
                            part,
                            candidates: c,
                            at: row.first_join.and_then(to_utc),
                        }),
                        Found::None => out.unmatched.push(Unmatched {
                            row: row.row,
                            shown_as: row.name.clone(),
                            part,
                        }),
                    }
                }
            }
            Found::None => match venue::room_of(&m.agenda, &row.name) {
                Some(v) if only_venue.is_none_or(|o| o == v) => {
                    let at = row.first_join.and_then(to_utc);
                    match linked.get(&v) {
                        Some(&k) => {
                            if let (Some(a), Some(b)) = (at, out.links[k].at) {
                                out.links[k].at = Some(a.min(b));
                            }
                        }
                        None => {
                            let st = &m.venues[v];
                            linked.insert(v, out.links.len());
                            out.links.push(LinkPlan {
                                venue: v,
                                row: row.row,
                                shown_as: row.name.clone(),
                                at,
                                already: st.video == LinkState::Ok && st.audio == LinkState::Ok,
                            });
                        }
                    }
                }
                _ => out.unmatched.push(Unmatched {
                    row: row.row,
                    shown_as: row.name.clone(),
                    part: row.name.clone(),
                }),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::agenda::Agenda;
    use crate::import::platform::Platform;
    use std::sync::Arc;

    fn meeting() -> Meeting {
        let text = r#"{
          "meeting": {"id": "m", "title": "铜川市教育扶贫工作视频电话会议", "date": "2017-05-04",
            "start": "2017-05-04T14:30:00+08:00", "end": "2017-05-04T16:30:00+08:00",
            "chair": {"participant": "p1"}},
          "venues": [
            {"id": "main", "name": "市电信局视频电话会议室", "kind": "main"},
            {"id": "yaozhou", "name": "耀州区分会场", "kind": "branch"},
            {"id": "yijun", "name": "宜君县分会场", "kind": "branch"}
          ],
          "participants": [
            {"id": "p1", "name": "王晓红", "unit": "铜川市教育局", "venue": "main"},
            {"id": "p2", "name": "李建国", "unit": "铜川市教育局", "venue": "main"},
            {"id": "p3", "name": "王伟", "unit": "耀州区教育局", "venue": "yaozhou"},
            {"id": "p4", "name": "王伟", "unit": "宜君县教育局", "venue": "yijun"},
            {"id": "p5", "name": "张海燕", "unit": "耀州区教育局", "venue": "yaozhou"},
            {"id": "p6", "name": "刘志强", "unit": "耀州区教育局", "venue": "yaozhou"},
            {"id": "p7", "name": "John Smith", "unit": "Example School", "venue": "main"},
            {"id": "p8", "name": "陈思远", "unit": "宜君县教育局", "venue": "yijun"}
          ]}"#;
        let a: Agenda = serde_json::from_str(text).unwrap();
        Meeting::new(Arc::new(a))
    }

    fn row(n: usize, name: &str, time: &str) -> ExportRow {
        ExportRow {
            row: n,
            name: name.into(),
            email: String::new(),
            first_join: crate::import::time::parse_datetime(time, None),
            last_leave: None,
            joins: 1,
            seconds: None,
            role: String::new(),
        }
    }

    fn export(rows: Vec<ExportRow>) -> AttendanceExport {
        AttendanceExport {
            platform: Platform::TencentMeeting,
            topic: None,
            rows,
            bad_times: Vec::new(),
            encoding: None,
        }
    }

    fn matched(m: &Meeting, name: &str) -> Option<(String, How)> {
        let r = reconcile(m, &export(vec![row(10, name, "2017-05-04 14:20:05")]), None);
        match r.sign_ins.as_slice() {
            [one] => Some((m.people[one.person].id.clone(), one.how)),
            _ => None,
        }
    }

    #[test]
    fn every_normalisation_case() {
        let m = meeting();
        let cases = [
            ("王晓红", "p1", How::Exact),
            (" 王 晓 红 ", "p1", How::Normalised),
            ("王　晓红", "p1", How::Normalised),
            ("晓红(王晓红)", "p1", How::Bracket),
            ("晓红（王晓红）", "p1", How::Bracket),
            ("王晓红（铜川市教育局）", "p1", How::Bracket),
            ("市教育局-王晓红", "p1", How::UnitAndName),
            ("市教育局－王晓红", "p1", How::UnitAndName),
            ("王晓红—市教育局", "p1", How::UnitAndName),
            ("市教育局 王晓红", "p1", How::UnitAndName),
            ("john smith", "p7", How::Normalised),
            ("JOHN  SMITH", "p7", How::Normalised),
            ("Ｊｏｈｎ Ｓｍｉｔｈ", "p7", How::Normalised),
            ("Smith John", "p7", How::Normalised),
            ("Wang Xiaohong", "p1", How::Pinyin),
            ("xiaohong wang", "p1", How::Pinyin),
            ("Xiaohong (王晓红)", "p1", How::Bracket),
            // Two people of one name, told apart by the unit or the venue beside it.
            ("耀州区教育局-王伟", "p3", How::UnitAndName),
            ("王伟(宜君县教育局)", "p4", How::Bracket),
            ("耀州区-王伟", "p3", How::UnitAndName),
        ];
        for (name, id, how) in cases {
            assert_eq!(matched(&m, name), Some((id.to_string(), how)), "{name}");
        }
    }

    #[test]
    fn shared_terminals_split_into_people() {
        let m = meeting();
        for name in [
            "张海燕&刘志强",
            "张海燕＆刘志强",
            "张海燕、刘志强",
            "张海燕 & 刘志强",
        ] {
            let r = reconcile(
                &m,
                &export(vec![row(11, name, "2017-05-04 14:22:05")]),
                None,
            );
            let ids: Vec<&str> = r
                .sign_ins
                .iter()
                .map(|s| m.people[s.person].id.as_str())
                .collect();
            assert_eq!(ids, vec!["p5", "p6"], "{name}");
            assert!(r.sign_ins.iter().all(|s| s.how == How::Shared));
        }
        // One of the two unknown: the other is still signed in.
        let r = reconcile(
            &m,
            &export(vec![row(12, "张海燕&赵六", "2017-05-04 14:22:05")]),
            None,
        );
        assert_eq!(r.sign_ins.len(), 1);
        assert_eq!(r.unmatched[0].part, "赵六");
    }

    #[test]
    fn same_name_without_a_hint_goes_to_the_secretary() {
        let m = meeting();
        let r = reconcile(
            &m,
            &export(vec![row(13, "王伟", "2017-05-04 14:22:05")]),
            None,
        );
        assert!(r.sign_ins.is_empty());
        assert_eq!(r.ambiguous.len(), 1);
        assert_eq!(r.ambiguous[0].candidates, vec![2, 3]);
        // A branch venue reconciling its own export: its 王伟 is the only one.
        let r = reconcile(
            &m,
            &export(vec![row(13, "王伟", "2017-05-04 14:22:05")]),
            Some(1),
        );
        assert_eq!(r.sign_ins.len(), 1);
        assert_eq!(m.people[r.sign_ins[0].person].id, "p3");
    }

    #[test]
    fn room_systems_are_venue_links() {
        let m = meeting();
        for (name, venue) in [
            ("耀州区分会场", 1),
            ("耀州区", 1),
            ("耀州区视频终端", 1),
            ("宜君县分会场(会议室)", 2),
            ("yaozhou", 1),
            ("YAOZHOU-room", 1),
            ("市电信局视频电话会议室", 0),
        ] {
            let r = reconcile(
                &m,
                &export(vec![row(14, name, "2017-05-04 14:10:00")]),
                None,
            );
            assert_eq!(r.links.len(), 1, "{name}");
            assert_eq!(r.links[0].venue, venue, "{name}");
            assert!(r.sign_ins.is_empty());
        }
        // A person with the venue in front is a person; an unknown one is unmatched.
        assert_eq!(
            matched(&m, "耀州区-张海燕"),
            Some(("p5".into(), How::UnitAndName))
        );
        let r = reconcile(
            &m,
            &export(vec![row(15, "耀州区-赵六", "2017-05-04 14:10:00")]),
            None,
        );
        assert!(r.links.is_empty());
        assert_eq!(r.unmatched.len(), 1);
    }

    #[test]
    fn times_late_reconnects_unknowns_and_people_already_in() {
        let mut m = meeting();
        m.apply(&crate::core::event::Event::new(
            "e1",
            "2017-05-04T06:00:00Z".parse().unwrap(),
            "desk",
            1,
            crate::core::event::EventKind::SignedIn {
                participant: "p2".into(),
                late: false,
                effective_at: None,
            },
        ));
        let r = reconcile(
            &m,
            &export(vec![
                row(10, "王晓红", "2017-05-04 14:20:05"),
                row(11, "李建国", "2017-05-04 14:21:05"),
                row(12, "陈思远", "2017-05-04 14:35:00"),
                row(13, "iPhone", "2017-05-04 14:21:05"),
                row(14, "晓红(王晓红)", "2017-05-04 14:10:00"),
                row(15, "张海燕", ""),
            ]),
            None,
        );
        // Local 14:20:05 at +08:00 is 06:20:05 UTC; the earlier of two rows wins.
        assert_eq!(r.sign_ins.len(), 2);
        assert_eq!(r.sign_ins[0].at.to_rfc3339(), "2017-05-04T06:10:00+00:00");
        assert!(!r.sign_ins[0].late);
        assert_eq!(r.sign_ins[1].at.to_rfc3339(), "2017-05-04T06:35:00+00:00");
        assert!(r.sign_ins[1].late);
        assert_eq!(r.already.len(), 1);
        assert_eq!(m.people[r.already[0].person].id, "p2");
        assert_eq!(r.unmatched.len(), 1);
        assert_eq!(r.unmatched[0].shown_as, "iPhone");
        assert_eq!(r.no_time.len(), 1);
        assert_eq!(r.no_time[0].row, 15);
    }

    #[test]
    fn pinyin_spellings_cover_readings_and_orders() {
        let s = pinyin_spellings("王晓红");
        assert!(s.contains(&"wangxiaohong".to_string()));
        assert!(s.contains(&"xiaohongwang".to_string()));
        assert!(pinyin_spellings("john").is_empty());
        assert!(pinyin_spellings("王").is_empty());
    }
}
