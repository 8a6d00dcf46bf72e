//! Byte-level mutations for the never-panic property tests: edits that break files the
//! way disks, downloads and people do. Each test file supplies its own tokens to insert
//! (JSON punctuation for agendas, CSV and ZIP markers for rosters).

use proptest::prelude::*;
use serde_json::Value;

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

/// Any JSON value, with the keys and texts an agenda has (`extra` among them).
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<u64>().prop_map(|n| Value::Number(n.into())),
        (-1e6f64..1e6)
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop_oneof![
            Just("main".to_string()),
            Just("branch".to_string()),
            Just("1001".to_string()),
            Just("2017-05-04".to_string()),
            Just("2017-05-04T16:00:00+08:00".to_string()),
            Just(String::new()),
            ".*",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![
                        Just("id".to_string()),
                        Just("name".to_string()),
                        Just("venue".to_string()),
                        Just("extra".to_string()),
                        Just("participant".to_string()),
                        Just("minutes".to_string()),
                        Just("items".to_string()),
                        "[a-z]{1,6}",
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replace the node reached by following `choices` (each picks a child) with `new`.
pub fn replace_node(v: &mut Value, choices: &[usize], new: Value) {
    let Some((&c, rest)) = choices.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Array(a) if !a.is_empty() => {
            let i = c % a.len();
            replace_node(&mut a[i], rest, new);
        }
        Value::Object(m) if !m.is_empty() => {
            let i = c % m.len();
            let child = m.values_mut().nth(i).expect("in range");
            replace_node(child, rest, new);
        }
        _ => *v = new,
    }
}
