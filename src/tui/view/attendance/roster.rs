//! The roster model: which people the list shows (venue, status filter, sort order, or
//! the search results, best first), the highlighted person, and the counts per venue and
//! the arrivals per minute, all rebuilt once per change of the meeting; a keystroke
//! re-runs only the search.

use crate::core::meeting::{Counts, Meeting, Status};
use crate::i18n::Lang;
use crate::search::sort_key;
use crate::tui::text::T;

use super::AttendanceView;

/// How many search results are listed at most (best first).
pub const SEARCH_LIMIT: usize = 200;

/// Which people the roster lists (the search box ignores it: a person must be findable
/// whatever their status, so that a second sign-in is caught, not re-added as a walk-in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    All,
    NotArrived,
    Present,
    Late,
    Excused,
    LeftEarly,
    StandIn,
}

impl StatusFilter {
    const CYCLE: [StatusFilter; 7] = [
        StatusFilter::All,
        StatusFilter::NotArrived,
        StatusFilter::Present,
        StatusFilter::Late,
        StatusFilter::Excused,
        StatusFilter::LeftEarly,
        StatusFilter::StandIn,
    ];

    pub(super) fn next(self) -> StatusFilter {
        let i = Self::CYCLE.iter().position(|f| *f == self).unwrap_or(0);
        Self::CYCLE[(i + 1) % Self::CYCLE.len()]
    }

    pub(super) fn keeps(self, s: Status) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::NotArrived => s == Status::NotArrived,
            StatusFilter::Present => {
                matches!(
                    s,
                    Status::Present | Status::Late | Status::LeftEarly | Status::StandIn
                )
            }
            StatusFilter::Late => s == Status::Late,
            StatusFilter::Excused => s == Status::Excused,
            StatusFilter::LeftEarly => s == Status::LeftEarly,
            StatusFilter::StandIn => s == Status::StandIn,
        }
    }

    pub(super) fn label(self, lang: Lang) -> &'static str {
        match self {
            StatusFilter::All => T::FilterAll,
            StatusFilter::NotArrived => T::FilterNotArrived,
            StatusFilter::Present => T::FilterPresent,
            StatusFilter::Late => T::FilterLate,
            StatusFilter::Excused => T::FilterExcused,
            StatusFilter::LeftEarly => T::FilterLeftEarly,
            StatusFilter::StandIn => T::FilterStandIn,
        }
        .get(lang)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Number,
    Name,
    Unit,
    Status,
    Time,
}

impl SortKey {
    pub(super) fn next(self) -> SortKey {
        match self {
            SortKey::Number => SortKey::Name,
            SortKey::Name => SortKey::Unit,
            SortKey::Unit => SortKey::Status,
            SortKey::Status => SortKey::Time,
            SortKey::Time => SortKey::Number,
        }
    }

    pub(super) fn label(self, lang: Lang) -> &'static str {
        match self {
            SortKey::Number => T::ColNo,
            SortKey::Name => T::ColName,
            SortKey::Unit => T::ColUnit,
            SortKey::Status => T::ColStatus,
            SortKey::Time => T::ColTime,
        }
        .get(lang)
    }
}

impl AttendanceView {
    pub(super) fn searching(&self) -> bool {
        !self.search.value().trim().is_empty()
    }

    pub(super) fn sync_meeting(&mut self, m: &Meeting) {
        self.follow_walk_ins(m);
        if self.person_venue.len() != m.people.len() {
            self.person_venue = vec![usize::MAX; m.people.len()];
            for (v, people) in m.venue_people.iter().enumerate() {
                for &p in people {
                    self.person_venue[p] = v;
                }
            }
            if let Some(keys) = &mut self.name_keys {
                while keys.len() < m.people.len() {
                    keys.push(sort_key(&m.people[keys.len()].name));
                }
            }
        }
        self.counts = (0..m.agenda.venues.len())
            .map(|v| m.venue_counts(v))
            .collect();
        self.total = Counts::default();
        for c in &self.counts {
            self.total.add(c);
        }
        self.arrivals.clear();
        for a in &m.attendance {
            if let Some(t) = a.arrived {
                *self
                    .arrivals
                    .entry(t.timestamp().div_euclid(60))
                    .or_insert(0) += 1;
            }
        }
        self.rebuild_roster(m);
        self.refresh_search(m);
    }

    /// Walk-ins are listed in the fold's order: another seat's walk-in that sorts before
    /// those here (it was recorded earlier, and arrived now) moves their indices. Then
    /// whatever holds a person by index is moved with them: the highlight, the person a
    /// form is about; and what was built by index is built again.
    fn follow_walk_ins(&mut self, m: &Meeting) {
        let roster = m.people.roster_len();
        let now: Vec<String> = (roster..m.people.len())
            .map(|p| m.walk_in_origin(p).unwrap_or_default())
            .collect();
        if !now.starts_with(&self.walk_ins) {
            let before = std::mem::take(&mut self.walk_ins);
            let moved = |p: usize| -> Option<usize> {
                let Some(w) = p.checked_sub(roster) else {
                    return Some(p);
                };
                let origin = before.get(w)?;
                now.iter().position(|o| o == origin).map(|i| roster + i)
            };
            self.selected_person = self.selected_person.and_then(moved);
            if !self.modal.move_person(moved) {
                self.modal = super::modals::Modal::None;
            }
            self.person_venue.clear();
            self.name_keys = None;
            self.index.forget_walk_ins();
        }
        self.walk_ins = now;
    }

    pub(super) fn rebuild_roster(&mut self, m: &Meeting) {
        let filter = self.filter;
        let mut list: Vec<usize> = match self.venue {
            Some(v) => m.venue_people.get(v).cloned().unwrap_or_default(),
            None => (0..m.people.len()).collect(),
        };
        // A walk-in whose record was undone is in no list.
        list.retain(|&p| !m.is_withdrawn(p) && filter.keeps(m.attendance[p].status()));
        match self.sort {
            SortKey::Number => list.sort_unstable(),
            SortKey::Name => {
                let keys = self
                    .name_keys
                    .get_or_insert_with(|| m.people.iter().map(|p| sort_key(&p.name)).collect());
                list.sort_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
            }
            SortKey::Unit => {
                list.sort_by(|&a, &b| m.people[a].unit.cmp(&m.people[b].unit).then(a.cmp(&b)))
            }
            SortKey::Status => list.sort_by_key(|&p| (m.attendance[p].status(), p)),
            SortKey::Time => list.sort_by_key(|&p| {
                // Arrived first, in order of arrival; the others after, by number.
                (m.attendance[p].time().is_none(), m.attendance[p].time(), p)
            }),
        }
        self.roster = list;
        if !self.searching() {
            self.reselect();
        }
    }

    pub(super) fn run_search(&mut self, m: &Meeting) {
        if !self.searching() {
            self.hits.clear();
            self.hits_truncated = false;
            return;
        }
        let venue = self.venue;
        let pv = &self.person_venue;
        let hits = self
            .index
            .get(m)
            .search(self.search.value(), SEARCH_LIMIT + 1, |i| {
                i < m.people.len()
                    && venue.is_none_or(|v| pv.get(i) == Some(&v))
                    && !m.is_withdrawn(i)
            });
        self.hits_truncated = hits.len() > SEARCH_LIMIT;
        self.hits = hits
            .into_iter()
            .take(SEARCH_LIMIT)
            .map(|h| h.index)
            .collect();
        self.selected = 0;
        self.offset = 0;
        self.selected_person = self.hits.first().copied();
    }

    /// Search again after the meeting changed, keeping the highlighted person.
    pub(super) fn refresh_search(&mut self, m: &Meeting) {
        let keep = self.selected_person;
        self.run_search(m);
        if self.searching() {
            self.selected_person = keep;
            self.reselect();
        }
    }

    /// Keep the highlight on the same person when the list changes under it.
    pub(super) fn reselect(&mut self) {
        let list = self.listed();
        let pos = self
            .selected_person
            .and_then(|p| list.iter().position(|&q| q == p));
        let len = list.len();
        self.selected = pos.unwrap_or(self.selected.min(len.saturating_sub(1)));
        self.selected_person = self.listed().get(self.selected).copied();
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let len = self.listed().len();
        if len == 0 {
            return;
        }
        let cur = self.selected as isize;
        self.selected = (cur + delta).clamp(0, len as isize - 1) as usize;
        self.selected_person = self.listed().get(self.selected).copied();
    }

    pub(super) fn clear_search(&mut self, m: &Meeting) {
        self.search.reset();
        self.run_search(m);
        self.reselect();
    }
}
