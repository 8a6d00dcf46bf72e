//! The fast path and the diagnostic pass agree: whatever the bytes, `load_agenda` (fast
//! path first) answers exactly as `check_agenda` (the located every-problem pass) does,
//! the same agenda and the same diagnostics; when the fast path alone takes a file, the
//! diagnostic pass finds no problem of syntax or type in it; and cutting the roster in two
//! (as the fast path does for a large file) gives what parsing it whole gives. Over the sample agendas
//! and mutations of them: byte edits, any node replaced, and snippets put where they are
//! most likely to be accepted by one and not the other (`extra` with a repeated key,
//! comments holding bytes that are not UTF-8, unknown fields).

use crate::common;

use huiwu::core::load::{
    Severity, check_agenda, load_agenda, parse_fast, parse_fast_split, validate,
};
use huiwu::i18n::Lang;
use proptest::prelude::*;
use serde_json::Value;

use common::mutate::{self, Edit, apply, json_value, replace_node};

const SAMPLES: [&str; 5] = [
    include_str!("../data/agendas/valid.json"),
    include_str!("../../agendas/tongchuan-2017.json"),
    include_str!("../../agendas/school-board.json"),
    include_str!("../../agendas/template.json"),
    include_str!("../data/agendas/overrun.json"),
];

/// The property; returns whether the fast path took the file.
fn agree(bytes: &[u8]) -> bool {
    let fast = parse_fast(bytes);
    assert_eq!(parse_fast_split(bytes), fast, "cut in two");
    for lang in [Lang::En, Lang::Zh] {
        let quick = load_agenda(bytes, lang);
        let full = check_agenda(bytes, lang);
        assert_eq!(quick.diagnostics, full.diagnostics, "{lang:?}");
        assert_eq!(quick.agenda, full.agenda, "{lang:?}");
        if let Some(a) = &fast {
            // Every problem the diagnostic pass finds is one of meaning, which both ways
            // check on the same agenda.
            let mut meaning = validate(a, lang);
            let key = |d: &huiwu::core::load::Diagnostic| {
                (format!("{:?}", d.location), d.message.clone())
            };
            meaning.sort_by_key(key);
            let mut found = full.diagnostics.clone();
            found.sort_by_key(key);
            assert_eq!(found, meaning, "{lang:?}");
            let usable = meaning.iter().all(|d| d.severity == Severity::Warning);
            assert_eq!(full.agenda.as_ref(), usable.then_some(a));
        }
    }
    fast.is_some()
}

#[test]
fn the_samples_take_the_fast_path() {
    for s in SAMPLES {
        assert!(agree(s.as_bytes()), "{}", &s[..80]);
    }
    let big = huiwu::sample::generate(5, 40, 3);
    let mut bytes = Vec::new();
    huiwu::sample::write_agenda(&big, &mut bytes).expect("writes to memory");
    assert!(agree(&bytes));
    assert_eq!(parse_fast(&bytes), Some(big));
    // Large enough to be cut in two by `parse_fast` itself.
    let large = huiwu::sample::generate(20, 360, 5);
    let mut bytes = Vec::new();
    huiwu::sample::write_agenda(&large, &mut bytes).expect("writes to memory");
    assert!(bytes.len() > 1 << 20, "{}", bytes.len());
    assert_eq!(parse_fast(&bytes).as_ref(), Some(&large));
    assert_eq!(load_agenda(&bytes, Lang::En).agenda.as_ref(), Some(&large));
}

#[test]
fn what_only_the_diagnostic_pass_used_to_catch_is_refused_by_both() {
    let valid = SAMPLES[0];
    let cases = [
        // A key twice in `extra`, at the top and nested: serde_json keeps the last.
        valid.replacen(
            "\"organizer\"",
            "\"extra\": {\"k\": 1, \"k\": 2},\n    \"organizer\"",
            1,
        ),
        valid.replacen(
            "\"organizer\"",
            "\"extra\": {\"k\": {\"a\": 1, \"a\": 2}},\n    \"organizer\"",
            1,
        ),
        // A field twice in a typed object.
        valid.replacen(
            "\"title\": \"测试会议\",",
            "\"title\": \"测试会议\", \"title\": \"x\",",
            1,
        ),
        // A comment holding a replacement character (good UTF-8: taken by both).
        format!("// \u{FFFD}\n{valid}"),
        // An unknown field.
        valid.replacen("\"organizer\"", "\"organiser\": \"x\", \"organizer\"", 1),
    ];
    // Bytes that are not UTF-8 (GBK), inside a comment only.
    let mut bad_comment = b"// \xB2\xE2\n".to_vec();
    bad_comment.extend_from_slice(valid.as_bytes());
    for (i, case) in cases
        .iter()
        .map(|c| c.as_bytes())
        .chain([&bad_comment[..]])
        .enumerate()
    {
        let took = agree(case);
        // Case 3 (a replacement character in a comment) is good UTF-8, and fine.
        assert_eq!(took, i == 3, "case {i}");
        if !took {
            assert!(load_agenda(case, Lang::En).agenda.is_none(), "case {i}");
        }
    }
}

/// Snippets put right after an opening brace: most objects allow `extra`, so many of these
/// make files that the fast path takes, or must refuse.
fn snippet() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\"extra\": {\"a\": 1, \"a\": 2},".to_vec()),
        Just(b"\"extra\": {\"a\": {\"b\": [1, {\"c\": 1, \"c\": 1}]}},".to_vec()),
        Just(b"\"extra\": {\"a\": 1, \"b\": [null, \"x\", 1.5e3]},".to_vec()),
        Just(b"\"extra\": {},".to_vec()),
        Just(b"\"extra\": [],".to_vec()),
        Just(b"\"extra\": null,".to_vec()),
        Just(b"// \xB2\xE2\n".to_vec()),
        Just(b"/* \xFF */".to_vec()),
        Just("// 注释 /* \n".as_bytes().to_vec()),
        Just(b"/* a */".to_vec()),
        Just(b"\"unknown\": 1,".to_vec()),
        Just(b"\"id\": \"x\",".to_vec()),
        Just(b"\"$schema\": \"s\",".to_vec()),
        Just(b"\"format\": 1,".to_vec()),
        Just(b"\"format\": 1.0,".to_vec()),
        Just(b"\"minutes\": 10,".to_vec()),
        Just(b"\"minutes\": 1e2,".to_vec()),
        Just(b"\"minutes\": null,".to_vec()),
        Just(b"\"notes\": \"a\\u0000b\",".to_vec()),
        Just(b"\"notes\": \"\\ud800\",".to_vec()),
        Just(b"\"notes\": \"\xEF\xBB\xBF\",".to_vec()),
        Just(b"\"phone\": \"139\",".to_vec()),
        Just(b"\"items\": [],".to_vec()),
        Just(b"\"role\": \"observer\",".to_vec()),
        Just(b"\"sign_in\": \"headcount\",".to_vec()),
    ]
}

/// Insert a snippet after the `n`-th `{` (counting round).
fn after_brace(mut bytes: Vec<u8>, n: usize, snippet: &[u8]) -> Vec<u8> {
    let braces: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'{')
        .map(|(i, _)| i)
        .collect();
    if let Some(&at) = braces.get(n % braces.len().max(1)) {
        bytes.splice(at + 1..at + 1, snippet.iter().copied());
    }
    bytes
}

fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"//".to_vec()),
        Just(b"/*".to_vec()),
        Just(b"*/".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF".to_vec()),
        Just(b" ".to_vec()),
        proptest::collection::vec(any::<u8>(), 1..4),
    ]
}

fn sample() -> impl Strategy<Value = &'static str> {
    (0..SAMPLES.len()).prop_map(|i| SAMPLES[i])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn snippets_after_a_brace(
        base in sample(),
        inserts in proptest::collection::vec((any::<usize>(), snippet()), 1..4),
    ) {
        let mut bytes = base.as_bytes().to_vec();
        for (n, s) in inserts {
            bytes = after_brace(bytes, n, &s);
        }
        agree(&bytes);
    }

    #[test]
    fn byte_edits(
        base in sample(),
        edits in proptest::collection::vec(mutate::edit(8192, token()), 1..4),
    ) {
        let edits: Vec<Edit> = edits;
        agree(&apply(base.as_bytes().to_vec(), &edits));
    }

    #[test]
    fn any_node_replaced(
        base in sample(),
        replacements in proptest::collection::vec(
            (proptest::collection::vec(any::<usize>(), 0..6), json_value()),
            1..3,
        ),
    ) {
        let text = huiwu::core::load::strip_comments(base);
        let mut v: Value = serde_json::from_str(&text).expect("the samples are valid JSON");
        for (path, new) in replacements {
            replace_node(&mut v, &path, new);
        }
        agree(&serde_json::to_vec_pretty(&v).expect("serializes"));
    }
}
