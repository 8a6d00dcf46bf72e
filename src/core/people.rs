//! Everyone the meeting knows: the agenda's participants, then walk-ins added at the desk.
//! The agenda's part is shared, not copied: a 36,000-person roster would otherwise be cloned
//! on every open, which was a sixth of the cost of replaying a journal.

use std::ops::Index;
use std::sync::Arc;

use super::agenda::{Agenda, Participant};

#[derive(Debug, Clone, PartialEq)]
pub struct People {
    agenda: Arc<Agenda>,
    walk_ins: Vec<Participant>,
}

impl People {
    pub fn new(agenda: Arc<Agenda>) -> People {
        People {
            agenda,
            walk_ins: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.agenda.participants.len() + self.walk_ins.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<&Participant> {
        let roster = &self.agenda.participants;
        match i.checked_sub(roster.len()) {
            None => roster.get(i),
            Some(w) => self.walk_ins.get(w),
        }
    }

    /// In index order: the roster, then walk-ins.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Participant> + Clone {
        self.agenda.participants.iter().chain(&self.walk_ins)
    }

    /// Adds a walk-in; returns their index.
    pub(super) fn push(&mut self, p: Participant) -> usize {
        self.walk_ins.push(p);
        self.len() - 1
    }
}

impl Index<usize> for People {
    type Output = Participant;

    fn index(&self, i: usize) -> &Participant {
        match self.get(i) {
            Some(p) => p,
            None => panic!("person index {i} out of range ({} people)", self.len()),
        }
    }
}

impl<'a> IntoIterator for &'a People {
    type Item = &'a Participant;
    type IntoIter =
        std::iter::Chain<std::slice::Iter<'a, Participant>, std::slice::Iter<'a, Participant>>;

    fn into_iter(self) -> Self::IntoIter {
        self.agenda.participants.iter().chain(self.walk_ins.iter())
    }
}
