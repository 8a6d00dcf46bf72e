//! Matching the names in a platform's export to the roster. People call themselves many
//! things in a video meeting: `晓红(王晓红)`, `市教育局-王晓红`, `王 晓 红`, `Ｗａｎｇ`,
//! `García Simón, Pedro`, `021_Winter Soldier (Bucky Barnes)`, `JANSSENS JAN (EXT)`, two
//! people on one terminal `张三&李四`, a room system named after its venue. The order is
//! exact, then normalised, then the shapes (`name_shapes`); a name that fits several
//! people is never guessed: it goes to the secretary with the candidates. Every row of
//! the export lands somewhere, and the tally says where. Pure: reads `&Meeting` only.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use pinyin::ToPinyinMulti;

use super::name_shapes::{self, split_brackets, split_shared, split_unit};
use super::normalize::{self, loose_name_key, name_key};
use super::platform::{AttendanceExport, ExportRow};
use super::venue;
use crate::core::event::LinkState;
use crate::core::meeting::Meeting;
use crate::i18n::Lang;

/// How a row was matched, to show the secretary why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Exact,
    /// Width, spaces, case or accents differ.
    Normalised,
    /// The real name in brackets: `晓红(王晓红)`, Zoom's original name.
    Bracket,
    /// The name outside the brackets: Zoom's display name `Winter Soldier (Bucky Barnes)`.
    DisplayName,
    /// `单位-姓名`: the name beside the unit (which may have settled a same-name case).
    UnitAndName,
    /// One of several people on one terminal: `甲&乙`.
    Shared,
    /// A Latin spelling of a Chinese name: `Wang Xiaohong`.
    Pinyin,
    /// The words in another order: `García Simón, Pedro`, `GARCÍA SIMÓN Pedro`.
    NameOrder,
    /// A tag or a number set aside: `JANSSENS JAN (EXT)`, `015_王晓红`.
    SetAside,
    /// By the email address: the address itself, or the name its local part spells.
    Email,
    /// The original name of a participant renamed in the meeting: another row shows
    /// `Winter Soldier (Bucky Barnes)`, this one `Bucky Barnes` from before the renaming.
    Renamed,
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
            (How::DisplayName, Lang::En) => "name outside the brackets",
            (How::DisplayName, Lang::Zh) => "括号外名称",
            (How::UnitAndName, Lang::En) => "unit-name",
            (How::UnitAndName, Lang::Zh) => "单位-姓名",
            (How::Shared, Lang::En) => "shared terminal",
            (How::Shared, Lang::Zh) => "多人共用终端",
            (How::Pinyin, Lang::En) => "pinyin",
            (How::Pinyin, Lang::Zh) => "拼音",
            (How::NameOrder, Lang::En) => "name order",
            (How::NameOrder, Lang::Zh) => "姓名顺序不同",
            (How::SetAside, Lang::En) => "tag or number set aside",
            (How::SetAside, Lang::Zh) => "去掉标注或编号",
            (How::Email, Lang::En) => "email address",
            (How::Email, Lang::Zh) => "邮箱地址",
            (How::Renamed, Lang::En) => "renamed in the meeting",
            (How::Renamed, Lang::Zh) => "会中改名前的名称",
        }
    }

    /// After a tag or number was set aside: a plain match says so; a shape says itself.
    fn set_aside(self) -> How {
        match self {
            How::Exact | How::Normalised => How::SetAside,
            how => how,
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

/// Who a row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whom {
    Person(usize),
    /// A venue's room system.
    Venue(usize),
}

/// A row for someone an earlier row of the export already stands for, under another
/// name (`ABHINAV KUMAR` after `KUMAR ABHINAV`, a renamed Zoom participant): counted,
/// listed, recorded once. Reconnects under the same name are merged while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Again {
    pub row: usize,
    pub shown_as: String,
    pub whom: Whom,
    /// The earlier row that stands for them.
    pub first_row: usize,
    pub first_shown_as: String,
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

/// Where the export's rows went, each row counted once: a row that names two people on
/// one terminal counts where the better of its parts went (signed in before the rest).
/// The buckets add up to `read`, the rows the reader counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowTally {
    pub read: usize,
    pub signed_in: usize,
    pub links: usize,
    pub already: usize,
    /// Rows for someone an earlier row stands for: reconnects and other names.
    pub again: usize,
    /// Of `again`: the reconnects and leaves under the same name, merged while reading.
    pub reconnects: usize,
    pub ambiguous: usize,
    pub no_time: usize,
    pub unmatched: usize,
    /// Rows without a name.
    pub nameless: usize,
}

impl RowTally {
    /// The rows accounted for; equal to `read` when nothing went missing.
    pub fn accounted(&self) -> usize {
        self.signed_in
            + self.links
            + self.already
            + self.again
            + self.ambiguous
            + self.no_time
            + self.unmatched
            + self.nameless
    }

    fn add(&mut self, fate: Fate) {
        let bucket = match fate {
            Fate::SignedIn => &mut self.signed_in,
            Fate::Link => &mut self.links,
            Fate::Already => &mut self.already,
            Fate::Again => &mut self.again,
            Fate::Ambiguous => &mut self.ambiguous,
            Fate::NoTime => &mut self.no_time,
            Fate::Unmatched => &mut self.unmatched,
        };
        *bucket += 1;
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    /// When the meeting started (or was scheduled to): a join after it is late.
    pub start: DateTime<Utc>,
    pub sign_ins: Vec<SignInPlan>,
    pub already: Vec<AlreadyIn>,
    pub links: Vec<LinkPlan>,
    pub again: Vec<Again>,
    pub ambiguous: Vec<Ambiguous>,
    pub unmatched: Vec<Unmatched>,
    pub no_time: Vec<NoTime>,
    pub rows: RowTally,
}

/// Where one row (or one part of a shared row) went; the better first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fate {
    SignedIn,
    Link,
    Already,
    Again,
    Ambiguous,
    NoTime,
    Unmatched,
}

/// What one name (or part of one) resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Found {
    One(usize, How),
    Many(Vec<usize>),
    None,
}

/// How deep the shapes of one name are followed (`021_Winter Soldier (Bucky Barnes)
/// (Guest)` takes three steps).
const MAX_DEPTH: u8 = 4;

/// The roster looked up by name in its several spellings.
pub struct RosterIndex<'a> {
    m: &'a Meeting,
    exact: HashMap<&'a str, Vec<usize>>,
    key: HashMap<String, Vec<usize>>,
    /// Keys without the accents of Latin letters.
    loose: HashMap<String, Vec<usize>>,
    /// Email addresses a roster import kept (extra field `email`), lower-case.
    email: HashMap<String, Vec<usize>>,
    only_venue: Option<usize>,
    /// Pinyin spellings of Chinese names (all readings, both name orders) -> people; built
    /// the first time a Latin name needs it (most exports never do).
    pinyin: std::cell::OnceCell<HashMap<String, Vec<usize>>>,
}

fn add(map: &mut HashMap<String, Vec<usize>>, k: String, i: usize) {
    let v = map.entry(k).or_default();
    if !v.contains(&i) {
        v.push(i);
    }
}

impl<'a> RosterIndex<'a> {
    /// The people of one venue, or everyone.
    pub fn new(m: &'a Meeting, only_venue: Option<usize>) -> Self {
        let mut exact: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut loose: HashMap<String, Vec<usize>> = HashMap::new();
        let mut email: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in m.people.iter().enumerate() {
            if only_venue.is_some_and(|v| m.venue(&p.venue) != Some(v)) {
                continue;
            }
            exact.entry(p.name.trim()).or_default().push(i);
            // The roster's own spelling, `Smith John` for `John Smith` (Latin names come
            // either way round), and a roster kept as "Last, First".
            let mut spellings = vec![p.name.clone()];
            let words: Vec<&str> = p.name.split_whitespace().collect();
            if words.len() >= 2 {
                spellings.push(words.iter().rev().copied().collect::<Vec<_>>().join(" "));
            }
            spellings.extend(name_shapes::comma_turned(&p.name));
            for s in &spellings {
                add(&mut key, name_key(s), i);
                add(&mut loose, loose_name_key(s), i);
            }
            for field in ["email", "邮箱", "e-mail"] {
                if let Some(serde_json::Value::String(e)) = p.extra.get(field) {
                    add(&mut email, e.trim().to_lowercase(), i);
                }
            }
        }
        RosterIndex {
            m,
            exact,
            key,
            loose,
            email,
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
                    add(&mut pinyin, spelling, i);
                }
            }
            pinyin
        })
    }

    /// Exact, then normalised (width, spaces, case), then without accents.
    fn simple(&self, s: &str) -> Found {
        let s = s.trim();
        if s.is_empty() {
            return Found::None;
        }
        let one = |found: Option<&Vec<usize>>, how| match found.map(Vec::as_slice) {
            Some([one]) => Found::One(*one, how),
            Some(many) if many.len() > 1 => Found::Many(many.to_vec()),
            _ => Found::None,
        };
        [
            one(self.exact.get(s), How::Exact),
            one(self.key.get(&name_key(s)), How::Normalised),
            one(self.loose.get(&loose_name_key(s)), How::Normalised),
        ]
        .into_iter()
        .find(|f| *f != Found::None)
        .unwrap_or(Found::None)
    }

    /// A name in any of the shapes `name_shapes` knows, each part looked up in turn.
    fn find(&self, s: &str, depth: u8) -> Found {
        let found = self.simple(s);
        if found != Found::None || depth >= MAX_DEPTH {
            return found;
        }
        // `JANSSENS JAN (EXT)`, `015_Winter Soldier (Bucky Barnes)`: what is left is the
        // name, in any of its shapes.
        let untagged = name_shapes::without_tags(s);
        let cleaned = name_shapes::without_number(&untagged).unwrap_or(untagged);
        if name_key(&cleaned) != name_key(s) && !cleaned.trim().is_empty() {
            return match self.find(&cleaned, depth + 1) {
                Found::One(p, how) => Found::One(p, how.set_aside()),
                other => other,
            };
        }
        // `García Simón, Pedro`.
        if let Some(turned) = name_shapes::comma_turned(s) {
            match self.simple(&turned) {
                Found::One(p, _) => return Found::One(p, How::NameOrder),
                Found::None => {}
                many => return many,
            }
        }
        // `晓红(王晓红)`, `Winter Soldier (Bucky Barnes)`, `王晓红（铜川市教育局）`: the name in
        // the brackets (Zoom's original name), then the one outside (the display name),
        // each with the other part as a hint for a same-name case.
        if let Some((outer, inner)) = split_brackets(s) {
            for (name, hint, how) in [
                (&inner, &outer, How::Bracket),
                (&outer, &inner, How::DisplayName),
            ] {
                let found = self.find(name, depth + 1);
                // A same-name case settled by the unit in the other part says so.
                let how = if matches!(found, Found::Many(_)) {
                    How::UnitAndName
                } else {
                    how
                };
                match self.narrow(found, hint) {
                    Found::One(p, _) => return Found::One(p, how),
                    Found::None => {}
                    many => return many,
                }
            }
        }
        // `GARCÍA SIMÓN Pedro`: the surname written first.
        for turned in name_shapes::rotations(s) {
            match self.simple(&turned) {
                Found::One(p, _) => return Found::One(p, How::NameOrder),
                Found::None => {}
                many => return many,
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

    /// A row's name, then its email address (the address the roster kept, or the name
    /// its local part spells), for a name that says nothing (`iPad`, `User 3`).
    fn resolve(&self, row: &ExportRow) -> Found {
        let found = self.find(&row.name, 0);
        if found != Found::None {
            return found;
        }
        for address in [&row.email, &row.name] {
            if !address.contains('@') {
                continue;
            }
            if let Some([one]) = self
                .email
                .get(&address.trim().to_lowercase())
                .map(Vec::as_slice)
            {
                return Found::One(*one, How::Email);
            }
            if let Some(local) = name_shapes::email_local(address) {
                match self.find(&local, 1) {
                    Found::One(p, _) => return Found::One(p, How::Email),
                    Found::None => {}
                    many => return many,
                }
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

/// The plan being built, and who already has a row in it.
struct Plan<'m> {
    m: &'m Meeting,
    tz: FixedOffset,
    out: Reconciliation,
    /// Person -> index in `sign_ins`, so two rows for one person make one sign-in.
    planned: HashMap<usize, usize>,
    /// Person -> index in `already`.
    already_seen: HashMap<usize, usize>,
    /// Venue -> index in `links`.
    linked: HashMap<usize, usize>,
}

impl Plan<'_> {
    fn utc(&self, t: Option<NaiveDateTime>) -> Option<DateTime<Utc>> {
        self.tz
            .from_local_datetime(&t?)
            .single()
            .map(|x| x.with_timezone(&Utc))
    }

    fn again(&mut self, row: &ExportRow, whom: Whom, first_row: usize, first: String) -> Fate {
        self.out.again.push(Again {
            row: row.row,
            shown_as: row.name.clone(),
            whom,
            first_row,
            first_shown_as: first,
        });
        Fate::Again
    }

    fn person(&mut self, row: &ExportRow, person: usize, how: How) -> Fate {
        let a = &self.m.attendance[person];
        if a.is_present() {
            if let Some(&k) = self.already_seen.get(&person) {
                let first = &self.out.already[k];
                let (r, s) = (first.row, first.shown_as.clone());
                return self.again(row, Whom::Person(person), r, s);
            }
            self.already_seen.insert(person, self.out.already.len());
            self.out.already.push(AlreadyIn {
                person,
                since: a.time().unwrap_or(self.out.start),
                row: row.row,
                shown_as: row.name.clone(),
            });
            return Fate::Already;
        }
        let at = self.utc(row.first_join);
        if let Some(&k) = self.planned.get(&person) {
            // The earlier join of the two rows is when they came.
            let start = self.out.start;
            let s = &mut self.out.sign_ins[k];
            if let Some(at) = at
                && at < s.at
            {
                s.at = at;
                s.late = at > start;
            }
            let (r, shown) = (s.row, s.shown_as.clone());
            return self.again(row, Whom::Person(person), r, shown);
        }
        let Some(at) = at else {
            self.out.no_time.push(NoTime {
                row: row.row,
                shown_as: row.name.clone(),
                person,
            });
            return Fate::NoTime;
        };
        self.planned.insert(person, self.out.sign_ins.len());
        self.out.sign_ins.push(SignInPlan {
            person,
            at,
            late: at > self.out.start,
            row: row.row,
            shown_as: row.name.clone(),
            how,
        });
        Fate::SignedIn
    }

    fn link(&mut self, row: &ExportRow, venue: usize) -> Fate {
        let at = self.utc(row.first_join);
        if let Some(&k) = self.linked.get(&venue) {
            let l = &mut self.out.links[k];
            if let (Some(a), Some(b)) = (at, l.at) {
                l.at = Some(a.min(b));
            }
            let (r, shown) = (l.row, l.shown_as.clone());
            return self.again(row, Whom::Venue(venue), r, shown);
        }
        let st = &self.m.venues[venue];
        self.linked.insert(venue, self.out.links.len());
        self.out.links.push(LinkPlan {
            venue,
            row: row.row,
            shown_as: row.name.clone(),
            at,
            already: st.video == LinkState::Ok && st.audio == LinkState::Ok,
        });
        Fate::Link
    }

    fn ambiguous(&mut self, row: &ExportRow, part: String, candidates: Vec<usize>) -> Fate {
        let at = self.utc(row.first_join);
        self.out.ambiguous.push(Ambiguous {
            row: row.row,
            shown_as: row.name.clone(),
            part,
            candidates,
            at,
        });
        Fate::Ambiguous
    }

    fn unmatched(&mut self, row: &ExportRow, part: String) -> Fate {
        self.out.unmatched.push(Unmatched {
            row: row.row,
            shown_as: row.name.clone(),
            part,
        });
        Fate::Unmatched
    }
}

/// Match an export against the meeting; with `only_venue`, against that venue's people
/// and room system only (a branch venue's secretary reconciling her own export).
pub fn reconcile(
    m: &Meeting,
    export: &AttendanceExport,
    only_venue: Option<usize>,
) -> Reconciliation {
    let ix = RosterIndex::new(m, only_venue);
    let start = m
        .started_at
        .unwrap_or(m.agenda.meeting.start.with_timezone(&Utc));
    let mut plan = Plan {
        m,
        tz: *m.agenda.meeting.start.offset(),
        out: Reconciliation {
            start,
            ..Reconciliation::default()
        },
        planned: HashMap::new(),
        already_seen: HashMap::new(),
        linked: HashMap::new(),
    };
    let mut tally = RowTally {
        read: export.rows_read,
        nameless: export.nameless.len(),
        ..RowTally::default()
    };
    let found: Vec<Found> = export.rows.iter().map(|r| ix.resolve(r)).collect();
    // Zoom writes a renamed participant as `Display (Original)` and, for the time before
    // the renaming, as `Original` alone: the original name is that person too.
    let mut renamed: HashMap<String, usize> = HashMap::new();
    for (row, f) in export.rows.iter().zip(&found) {
        if let (Found::One(p, How::DisplayName), Some((_, inner))) = (f, split_brackets(&row.name))
        {
            renamed.entry(name_key(&inner)).or_insert(*p);
        }
    }
    for (row, found) in export.rows.iter().zip(found) {
        let shared = split_shared(&row.name);
        let found = match found {
            Found::None => renamed
                .get(&name_key(&row.name))
                .map_or(Found::None, |&p| Found::One(p, How::Renamed)),
            f => f,
        };
        let fate = match found {
            Found::One(p, how) => plan.person(row, p, how),
            Found::Many(c) => plan.ambiguous(row, row.name.clone(), c),
            Found::None if shared.len() > 1 => shared
                .into_iter()
                .map(|part| match ix.find(&part, 1) {
                    Found::One(p, _) => plan.person(row, p, How::Shared),
                    Found::Many(c) => plan.ambiguous(row, part, c),
                    Found::None => plan.unmatched(row, part),
                })
                .min()
                .unwrap_or(Fate::Unmatched),
            Found::None => match venue::room_of(&m.agenda, &row.name) {
                Some(v) if only_venue.is_none_or(|o| o == v) => plan.link(row, v),
                _ => plan.unmatched(row, row.name.clone()),
            },
        };
        tally.add(fate);
        tally.again += row.merged.len();
        tally.reconnects += row.merged.len();
    }
    plan.out.rows = tally;
    plan.out
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
            {"id": "p8", "name": "陈思远", "unit": "宜君县教育局", "venue": "yijun"},
            {"id": "p9", "name": "Pedro García Simón", "venue": "main"},
            {"id": "p10", "name": "Santiago De Compostela", "venue": "main"},
            {"id": "p11", "name": "Winter Soldier", "venue": "main"},
            {"id": "p12", "name": "Jan Janssens", "venue": "main"},
            {"id": "p13", "name": "Abhinav Kumar", "venue": "main"},
            {"id": "p14", "name": "Ann Lee", "venue": "main", "extra": {"email": "a.lee@example.org"}},
            {"id": "p15", "name": "Zoë Müller", "venue": "main"}
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
            merged: Vec::new(),
        }
    }

    fn export(rows: Vec<ExportRow>) -> AttendanceExport {
        AttendanceExport {
            platform: Platform::TencentMeeting,
            topic: None,
            rows_read: rows.len(),
            rows,
            bad_times: Vec::new(),
            encoding: None,
            sheet: None,
            nameless: Vec::new(),
            cleaned: Vec::new(),
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
            ("王晓红（铜川市教育局）", "p1", How::DisplayName),
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
            ("王伟(宜君县教育局)", "p4", How::UnitAndName),
            ("耀州区-王伟", "p3", How::UnitAndName),
        ];
        for (name, id, how) in cases {
            assert_eq!(matched(&m, name), Some((id.to_string(), how)), "{name}");
        }
    }

    #[test]
    fn the_shapes_of_real_exports() {
        let m = meeting();
        let cases = [
            // Teams shows many organisations' names "Last, First".
            ("García Simón, Pedro", "p9", How::NameOrder),
            ("De Compostela, Santiago", "p10", How::NameOrder),
            ("GARCÍA SIMÓN Pedro", "p9", How::NameOrder),
            ("Garcia Simon, Pedro", "p9", How::NameOrder),
            ("KUMAR ABHINAV", "p13", How::Normalised),
            // Zoom's display name beside the original one, with a number before it.
            ("021_Winter Soldier (Bucky Barnes)", "p11", How::DisplayName),
            ("Winter Soldier (Bucky Barnes)", "p11", How::DisplayName),
            ("Bucky Barnes (Winter Soldier)", "p11", How::Bracket),
            // A tag in brackets is no name.
            ("JANSSENS JAN (EXT)", "p12", How::SetAside),
            ("Jan Janssens (Guest)", "p12", How::SetAside),
            ("王晓红（访客）", "p1", How::SetAside),
            ("王晓红(外部)", "p1", How::SetAside),
            ("015_王晓红", "p1", How::SetAside),
            ("015 李建国", "p2", How::SetAside),
            ("Zoe Muller", "p15", How::Normalised),
            ("a.lee@example.org", "p14", How::Email),
        ];
        for (name, id, how) in cases {
            assert_eq!(matched(&m, name), Some((id.to_string(), how)), "{name}");
        }
        // An email column: the address the roster kept, or the name its local part spells.
        let mut r = row(10, "iPad", "2017-05-04 14:20:05");
        r.email = "pedro.garcia.simon@uni.es".into();
        let plan = reconcile(&m, &export(vec![r]), None);
        assert_eq!(plan.sign_ins.len(), 1);
        assert_eq!(m.people[plan.sign_ins[0].person].id, "p9");
        assert_eq!(plan.sign_ins[0].how, How::Email);
        // A tag alone is nobody.
        assert_eq!(matched(&m, "(Guest)"), None);
    }

    #[test]
    fn every_row_lands_somewhere() {
        let m = meeting();
        let mut reconnected = row(10, "KUMAR ABHINAV", "2017-05-04 14:20:05");
        reconnected.merged = vec![14, 15];
        let plan = reconcile(
            &m,
            &AttendanceExport {
                rows_read: 9,
                nameless: vec![18],
                cleaned: Vec::new(),
                ..export(vec![
                    reconnected,
                    row(11, "ABHINAV KUMAR", "2017-05-04 14:10:00"),
                    row(12, "张海燕&刘志强", "2017-05-04 14:22:05"),
                    row(13, "王伟", "2017-05-04 14:22:05"),
                    row(16, "iPhone", "2017-05-04 14:22:05"),
                    row(17, "耀州区分会场", "2017-05-04 14:05:00"),
                ])
            },
            None,
        );
        // The second spelling of one person is listed, not dropped, and its earlier
        // join is the one recorded.
        assert_eq!(plan.again.len(), 1);
        assert_eq!(plan.again[0].row, 11);
        assert_eq!(plan.again[0].first_row, 10);
        assert_eq!(
            plan.sign_ins[0].at.to_rfc3339(),
            "2017-05-04T06:10:00+00:00"
        );
        let t = plan.rows;
        assert_eq!(
            (
                t.signed_in,
                t.again,
                t.reconnects,
                t.ambiguous,
                t.unmatched,
                t.links,
                t.nameless
            ),
            (2, 3, 2, 1, 1, 1, 1)
        );
        assert_eq!(t.accounted(), t.read);
        assert_eq!(plan.sign_ins.len(), 3, "the shared row signs in two people");
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
