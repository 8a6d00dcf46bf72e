//! Finding people by what a secretary types: name, unit, participant number, and (to be
//! extended) full pinyin, pinyin initials with every reading of polyphonic characters,
//! and fuzzy matches. Results come best first.

use crate::core::agenda::Participant;

/// One match: an index into the slice the index was built from, and how good it is
/// (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: u32,
}

#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    id: String,
    name: String,
    unit: String,
}

impl NameIndex {
    pub fn build(people: &[Participant]) -> NameIndex {
        let mut ix = NameIndex::default();
        for p in people {
            ix.push(p);
        }
        ix
    }

    /// Add one person (a walk-in) at the next index.
    pub fn push(&mut self, p: &Participant) {
        self.entries.push(Entry {
            id: p.id.to_lowercase(),
            name: p.name.to_lowercase(),
            unit: p.unit.to_lowercase(),
        });
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` matches among the people `keep` accepts, best first. An empty
    /// query matches nobody.
    pub fn search(&self, query: &str, limit: usize, keep: impl Fn(usize) -> bool) -> Vec<Hit> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .filter_map(|(i, e)| {
                let score = if e.id == q || e.name == q {
                    1000
                } else if e.name.starts_with(&q) {
                    800
                } else if e.name.contains(&q) {
                    600
                } else if e.id.starts_with(&q) {
                    500
                } else if e.unit.contains(&q) {
                    300
                } else {
                    return None;
                };
                Some(Hit { index: i, score })
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
        hits.truncate(limit);
        hits
    }
}
