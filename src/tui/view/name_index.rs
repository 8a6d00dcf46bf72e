//! The attendance view's name index, built on a thread of its own when the desk starts:
//! at 36,000 people it takes 30-40 ms, a third of the way to the first frame, and the
//! first frame does not need it. The first search waits for whatever is left of the
//! build; walk-ins recorded meanwhile are added then.

use std::sync::mpsc::{self, Receiver};

use crate::core::meeting::Meeting;
use crate::search::NameIndex;

pub struct PendingIndex {
    index: Option<NameIndex>,
    building: Option<Receiver<NameIndex>>,
}

impl PendingIndex {
    /// Start indexing the agenda's participants (the people every meeting begins with).
    pub fn spawn(m: &Meeting) -> PendingIndex {
        let agenda = m.agenda.clone();
        let (tx, rx) = mpsc::sync_channel(1);
        let spawned = std::thread::Builder::new()
            .name("name-index".into())
            .spawn(move || {
                // The desk may have closed already; then nobody wants it.
                let _ = tx.send(NameIndex::build(&agenda.participants));
            });
        match spawned {
            Ok(_) => PendingIndex {
                index: None,
                building: Some(rx),
            },
            // No thread to be had: build it here, as the desk did before.
            Err(_) => PendingIndex {
                index: Some(NameIndex::build(&m.people)),
                building: None,
            },
        }
    }

    /// Forget the walk-ins indexed: another seat's walk-in sorted before them (their
    /// indices moved). The next search indexes everyone again.
    pub fn forget_walk_ins(&mut self) {
        if self.index.is_some() {
            self.index = None;
            self.building = None;
        }
    }

    /// The index of everyone in `m`, waiting for the build if it is still running.
    pub fn get(&mut self, m: &Meeting) -> &NameIndex {
        let building = &mut self.building;
        let ix = self.index.get_or_insert_with(|| {
            building
                .take()
                .and_then(|rx| rx.recv().ok())
                // The thread died (it would have panicked here too): build it here.
                .unwrap_or_else(|| NameIndex::build(&m.people))
        });
        // Walk-ins recorded since (here or by any other view).
        while ix.len() < m.people.len() {
            ix.push(&m.people[ix.len()]);
        }
        ix
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::Utc;

    use super::*;
    use crate::core::agenda::Role;
    use crate::core::event::{Event, EventKind, WalkIn};

    fn walk_in(venue: &str) -> Event {
        Event::new(
            "w1",
            Utc::now(),
            "test",
            1,
            EventKind::WalkedIn(Box::new(WalkIn {
                participant: "W1".into(),
                name: "欧阳现场".into(),
                unit: "临时参会单位".into(),
                title: String::new(),
                venue: venue.into(),
                role: Role::Member,
            })),
        )
    }

    #[test]
    fn finds_the_roster_and_walk_ins_recorded_while_it_was_built() {
        let agenda = Arc::new(crate::sample::generate(2, 40, 3));
        let first = agenda.participants[0].name.clone();
        let mut m = Meeting::replay(agenda.clone(), &[]);
        let mut pending = PendingIndex::spawn(&m);
        m.apply(&walk_in(&agenda.venues[1].id));
        let ix = pending.get(&m);
        assert_eq!(ix.len(), 81);
        let hits = ix.search("欧阳现场", 5, |_| true);
        assert_eq!(hits.first().map(|h| h.index), Some(80));
        let hits = ix.search(&first, 5, |_| true);
        assert!(hits.iter().any(|h| h.index == 0), "{first} not found");
    }

    #[test]
    fn a_walk_in_after_the_first_search_is_added_on_the_next() {
        let agenda = Arc::new(crate::sample::generate(2, 40, 3));
        let mut m = Meeting::replay(agenda.clone(), &[]);
        let mut pending = PendingIndex::spawn(&m);
        assert_eq!(pending.get(&m).len(), 80);
        m.apply(&walk_in(&agenda.venues[0].id));
        assert_eq!(pending.get(&m).search("oyxc", 5, |_| true)[0].index, 80);
    }
}
