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
        self.into_iter()
    }

    /// The people added at the desk (after the agenda's).
    pub fn walk_ins(&self) -> &[Participant] {
        &self.walk_ins
    }

    /// For a copy whose texts are cleaned for the screen (`sanitize::meeting`); indices
    /// and ids stay as they are.
    pub(crate) fn walk_ins_mut(&mut self) -> &mut [Participant] {
        &mut self.walk_ins
    }

    /// How many are on the agenda's roster (walk-ins come after them).
    pub fn roster_len(&self) -> usize {
        self.agenda.participants.len()
    }

    /// Adds a walk-in as the `at`-th walk-in (walk-ins are kept in the order the fold
    /// orders their events, whatever order those arrived in); returns their index.
    pub(super) fn insert_walk_in(&mut self, at: usize, p: Participant) -> usize {
        self.walk_ins.insert(at, p);
        self.roster_len() + at
    }

    /// The `w`-th walk-in, to rename when two seats gave two walk-ins one id.
    pub(super) fn walk_in_mut(&mut self, w: usize) -> Option<&mut Participant> {
        self.walk_ins.get_mut(w)
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

/// A participant id as a map key, kept inline when short (badge numbers and generated ids
/// are), so that building the index of a 36,000-person roster allocates nothing and a
/// lookup reads no second cache line. Hashes and compares as the `str` it holds.
#[derive(Clone)]
pub(super) enum IdKey {
    Inline { len: u8, bytes: [u8; 22] },
    Heap(Box<str>),
}

impl IdKey {
    pub(super) fn new(id: &str) -> IdKey {
        if id.len() <= 22 {
            let mut bytes = [0u8; 22];
            bytes[..id.len()].copy_from_slice(id.as_bytes());
            IdKey::Inline {
                len: id.len() as u8,
                bytes,
            }
        } else {
            IdKey::Heap(id.into())
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Copied from a `str` whole, so always valid UTF-8.
            IdKey::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default()
            }
            IdKey::Heap(s) => s,
        }
    }
}

impl std::borrow::Borrow<str> for IdKey {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::hash::Hash for IdKey {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialEq for IdKey {
    fn eq(&self, o: &IdKey) -> bool {
        self.as_str() == o.as_str()
    }
}

impl Eq for IdKey {}

impl std::fmt::Debug for IdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::IdKey;
    use foldhash::HashMap;

    #[test]
    fn short_and_long_ids_are_found_by_their_text() {
        let ids = [
            "",
            "p1",
            "001-0001",
            &"长".repeat(7),
            &"x".repeat(22),
            &"y".repeat(23),
        ];
        let map: HashMap<IdKey, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, s)| (IdKey::new(s), i))
            .collect();
        for (i, s) in ids.iter().enumerate() {
            assert_eq!(map.get(*s), Some(&i), "{s}");
        }
        assert_eq!(map.get("p2"), None);
        assert!(matches!(IdKey::new(&"x".repeat(22)), IdKey::Inline { .. }));
        assert!(matches!(IdKey::new(&"y".repeat(23)), IdKey::Heap(_)));
    }
}
