//! Byte-level mutations for the never-panic property tests: edits that break files the
//! way disks, downloads and people do. Each test file supplies its own tokens to insert
//! (JSON punctuation for agendas, CSV and ZIP markers for rosters).

use proptest::prelude::*;

#[derive(Debug, Clone)]
pub enum Edit {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Truncate(usize),
    Duplicate(usize, usize),
}

/// One edit at a position below `max`, inserting tokens drawn from `token`.
pub fn edit(
    max: usize,
    token: impl Strategy<Value = Vec<u8>> + 'static,
) -> impl Strategy<Value = Edit> {
    let pos = 0usize..max;
    prop_oneof![
        (pos.clone(), any::<u8>()).prop_map(|(p, b)| Edit::Flip(p, b)),
        (pos.clone(), 1usize..64).prop_map(|(p, n)| Edit::Delete(p, n)),
        (pos.clone(), token).prop_map(|(p, t)| Edit::Insert(p, t)),
        pos.clone().prop_map(Edit::Truncate),
        (pos, 1usize..200).prop_map(|(p, n)| Edit::Duplicate(p, n)),
    ]
}

/// `bytes` with `edits` applied in order; positions wrap around the current length.
pub fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let len = bytes.len().max(1);
        match e {
            Edit::Flip(p, b) => {
                if let Some(x) = bytes.get_mut(p % len) {
                    *x = *b;
                }
            }
            Edit::Delete(p, n) => {
                let start = (p % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Edit::Insert(p, t) => {
                let at = (p % len).min(bytes.len());
                bytes.splice(at..at, t.iter().copied());
            }
            Edit::Truncate(p) => bytes.truncate(p % len),
            Edit::Duplicate(p, n) => {
                let start = (p % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
        }
    }
    bytes
}
