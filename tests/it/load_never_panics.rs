//! Whatever the bytes, `load_agenda` answers with diagnostics, never a panic: random
//! bytes, byte-level mutations of a valid agenda, and tree-level mutations (any node of a
//! valid agenda replaced by any JSON value). When it does accept an agenda, that agenda
//! checks clean and survives a round trip.

use crate::common;

use huiwu::core::load::{Location, Severity, load_agenda, validate};
use huiwu::i18n::Lang;
use proptest::prelude::*;
use serde_json::Value;

use common::mutate::{self, Edit, apply, json_value, replace_node};

const SAMPLE: &str = include_str!("../data/agendas/valid.json");
const BOARD: &str = include_str!("../../agendas/school-board.json");
const TEMPLATE: &str = include_str!("../../agendas/template.json");

/// Load in both languages and check what any answer must satisfy.
fn load_and_check(bytes: &[u8]) {
    for lang in [Lang::En, Lang::Zh] {
        let loaded = load_agenda(bytes, lang);
        let lines = bytes.split(|&b| b == b'\n').count();
        for d in &loaded.diagnostics {
            assert!(!d.message.trim().is_empty());
            let _ = d.display("f.json", lang).to_string();
            if let Location::Pos { line, col } = d.location {
                assert!(line >= 1 && line <= lines, "line {line} of {lines}");
                assert!(col >= 1);
            }
        }
        match &loaded.agenda {
            Some(a) => {
                assert!(!loaded.has_errors());
                assert!(
                    validate(a, lang)
                        .iter()
                        .all(|d| d.severity == Severity::Warning)
                );
                let again = serde_json::to_vec(a).expect("an agenda serializes");
                let reloaded = load_agenda(&again, lang);
                assert_eq!(reloaded.agenda.as_ref(), Some(a), "round trip");
            }
            None => assert!(loaded.has_errors(), "refused without an error"),
        }
    }
}

/// Tokens that tend to break these files the way people and disks do.
fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b":".to_vec()),
        Just(b"//".to_vec()),
        Just(b"/*".to_vec()),
        Just(b"*/".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"\n".to_vec()),
        Just("，".as_bytes().to_vec()),
        Just("：".as_bytes().to_vec()),
        Just("“".as_bytes().to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xB2\xE2".to_vec()),
        Just(b"\xFF".to_vec()),
        Just(b"-99999999999999999999999".to_vec()),
        Just(b"1e400".to_vec()),
        Just(b"null".to_vec()),
        Just(b"\"id\": \"x\",".to_vec()),
        proptest::collection::vec(any::<u8>(), 1..8),
    ]
}

/// An edit anywhere in the first 4 KiB, inserting JSON-breaking tokens.
fn edit() -> impl Strategy<Value = Edit> {
    mutate::edit(4096, token())
}

fn base() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just(SAMPLE), Just(BOARD), Just(TEMPLATE)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        load_and_check(&bytes);
    }

    #[test]
    fn mutated_agendas_never_panic(
        base in base(),
        edits in proptest::collection::vec(edit(), 1..6),
    ) {
        load_and_check(&apply(base.as_bytes().to_vec(), &edits));
    }

    #[test]
    fn agendas_with_any_node_replaced_never_panic(
        base in base(),
        replacements in proptest::collection::vec(
            (proptest::collection::vec(any::<usize>(), 0..6), json_value()),
            1..4,
        ),
    ) {
        let text = huiwu::core::load::strip_comments(base);
        let mut v: Value = serde_json::from_str(&text).expect("the bases are valid JSON");
        for (path, new) in replacements {
            replace_node(&mut v, &path, new);
        }
        load_and_check(&serde_json::to_vec_pretty(&v).expect("serializes"));
    }
}

#[test]
fn the_bases_are_valid() {
    for b in [SAMPLE, BOARD, TEMPLATE] {
        let l = load_agenda(b.as_bytes(), Lang::En);
        assert!(l.agenda.is_some(), "{:?}", l.diagnostics);
    }
}
