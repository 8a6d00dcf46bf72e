//! Whatever the bytes, every reader answers with a value or an error, never a panic:
//! the journal parser, the roster pipeline (decode, split, find the header, plan), the
//! workbook reader, the platform-export reader and the keys.json parser, each fed random
//! bytes and byte-level mutations of a real file. (The agenda loader has the same in
//! load_never_panics.rs.) Errors must have words in both languages.

use crate::common;

use std::path::Path;

use huiwu::i18n::Lang;
use huiwu::import::roster::{self, Source};
use huiwu::import::{encoding, header, platform, table};
use huiwu::store::journal;
use huiwu::tui::keymap::Keymap;
use proptest::prelude::*;

use common::mutate::{self, Edit, apply};

const JOURNAL: &[u8] = include_bytes!("../bad_inputs/journal/good.jsonl");
const ZOOM: &[u8] = include_bytes!("../data/vc/zoom-participants.csv");
const TEAMS: &[u8] = include_bytes!("../data/vc/teams-attendance.csv");
const TENCENT: &[u8] = include_bytes!("../data/vc/tencent-meeting.xlsx");
const AGENDA: &str = include_str!("../data/reconcile-agenda.json");
const ROSTER: &str = "铜川市教育扶贫工作视频电话会议 耀州区分会场 参会人员名单\n序号,姓名,单位,职务,电话,会场\n1,王晓红,铜川市教育局,局长,13900000001,main\n2,\"李 建国\",\"铜川市教育局, 办公室\",副局长,1.39E+10,yaozhou\n3,张海燕,,,,\n合计：3人\n";
const KEYS: &str =
    "// mine\n{\"attendance\": {\"late\": [\"F11\", \"Alt+L\"]}, \"global\": {\"help\": \"F1\"}}";

/// Tokens that tend to break these files the way people and disks do.
fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"{".to_vec()),
        Just(b"[".to_vec()),
        Just(b"}".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(b"\xB2\xE2".to_vec()),
        Just("\u{202E}".as_bytes().to_vec()),
        Just(b"99999999999999999999".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"PK\x03\x04".to_vec()),
        Just(b"PK\x05\x06".to_vec()),
        Just("姓名".as_bytes().to_vec()),
        Just(b"Join Time".to_vec()),
        proptest::collection::vec(any::<u8>(), 1..16),
    ]
}

fn edit(max: usize) -> impl Strategy<Value = Edit> {
    mutate::edit(max, token())
}

fn words(s: String) {
    assert!(!s.trim().is_empty(), "an empty message");
}

fn journal_reads(bytes: &[u8]) {
    match journal::parse_bytes(Path::new("m.jsonl"), bytes) {
        Ok((header, events)) => {
            assert!(header.is_some() || events.is_empty());
        }
        Err(e) => {
            words(e.message(Lang::En));
            words(e.message(Lang::Zh));
            if let journal::JournalError::Damaged { line, .. } = e {
                assert!(line >= 1 && line <= bytes.split(|&b| b == b'\n').count());
            }
        }
    }
}

fn agenda() -> huiwu::core::agenda::Agenda {
    huiwu::core::load::load_agenda(AGENDA.as_bytes(), Lang::En)
        .agenda
        .expect("the test agenda is valid")
}

/// The roster import as `huiwu roster import` runs it, minus the files.
fn roster_reads(bytes: &[u8], agenda: &huiwu::core::agenda::Agenda) {
    let tables = match table::sniff_kind(bytes) {
        table::FileKind::Workbook => match table::read_workbook(bytes) {
            Ok(t) => t,
            Err(e) => {
                words(e.message(Lang::En));
                words(e.message(Lang::Zh));
                return;
            }
        },
        table::FileKind::Text => {
            let d = encoding::decode(bytes, None);
            let (t, unclosed) = table::parse_delimited_checked(&d.text, None);
            if let Some(row) = unclosed {
                assert!(row >= 1 && row <= t.rows.len().max(1));
            }
            vec![t]
        }
    };
    for t in &tables {
        for (i, r) in t.rows.iter().enumerate() {
            assert!(r.number > i || t.sheet.is_some(), "row numbers go forward");
        }
        match header::find(t, &[]) {
            Ok(mapping) => {
                let src = Source {
                    table: t,
                    mapping: &mapping,
                    default_venue: Some(0),
                };
                let plan = roster::plan(agenda, &[src]);
                for s in &plan.skipped {
                    let m = s.reason.message(Lang::Zh);
                    words(m.clone());
                    assert!(m.chars().count() < 400, "a long message: {m}");
                }
                for n in &plan.notices {
                    words(n.message(Lang::En));
                }
                for p in &plan.participants {
                    assert!(!p.name.contains('\0') && !p.name.contains('\u{202E}'));
                }
            }
            Err(e) => {
                words(e.message(Lang::En));
                words(e.message(Lang::Zh));
            }
        }
    }
}

fn platform_reads(bytes: &[u8]) {
    let hint = chrono::NaiveDate::from_ymd_opt(2017, 5, 4);
    match platform::read(bytes, None, hint) {
        Ok(export) => {
            for r in &export.rows {
                assert!(!r.name.is_empty());
            }
        }
        Err(e) => {
            words(e.message(Lang::En));
            words(e.message(Lang::Zh));
        }
    }
}

fn keymap_reads(text: &str) {
    for lang in [Lang::En, Lang::Zh] {
        if let Err(e) = Keymap::with_overrides_in(text, "keys.json", lang) {
            assert!(!e.0.is_empty());
            for m in &e.0 {
                words(m.clone());
                assert!(m.chars().count() < 1000, "a long message: {m}");
            }
        }
    }
}

/// A damaged workbook on which calamine itself panicked (an arithmetic overflow in its
/// cell reader, found by `workbook_mutated`): read as a refusal, not a crash.
#[test]
fn a_workbook_that_panics_the_reader_is_refused() {
    let bytes = apply(
        TENCENT.to_vec(),
        &[crate::common::mutate::Edit::Flip(2858, 107)],
    );
    roster_reads(&bytes, &agenda());
    platform_reads(&bytes);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn journal_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        journal_reads(&bytes);
    }

    #[test]
    fn journal_mutated(edits in proptest::collection::vec(edit(JOURNAL.len()), 1..6)) {
        journal_reads(&apply(JOURNAL.to_vec(), &edits));
    }

    #[test]
    fn roster_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        roster_reads(&bytes, &agenda());
    }

    #[test]
    fn roster_mutated_text(edits in proptest::collection::vec(edit(ROSTER.len()), 1..6)) {
        roster_reads(&apply(ROSTER.as_bytes().to_vec(), &edits), &agenda());
        // The same text as GBK and UTF-16 (how Excel and Teams save it).
        let text = String::from_utf8_lossy(&apply(ROSTER.as_bytes().to_vec(), &edits)).into_owned();
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        roster_reads(&gbk, &agenda());
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        roster_reads(&utf16, &agenda());
    }

    #[test]
    fn workbook_mutated(edits in proptest::collection::vec(edit(TENCENT.len()), 1..4)) {
        let bytes = apply(TENCENT.to_vec(), &edits);
        roster_reads(&bytes, &agenda());
        platform_reads(&bytes);
    }

    #[test]
    fn platform_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        platform_reads(&bytes);
    }

    #[test]
    fn platform_mutated_text(
        which in 0usize..2,
        edits in proptest::collection::vec(edit(2048), 1..6),
    ) {
        let base = [ZOOM, TEAMS][which];
        platform_reads(&apply(base.to_vec(), &edits));
    }

    #[test]
    fn keymap_random_text(text in ".{0,300}") {
        keymap_reads(&text);
    }

    #[test]
    fn keymap_mutated(edits in proptest::collection::vec(edit(KEYS.len()), 1..6)) {
        let bytes = apply(KEYS.as_bytes().to_vec(), &edits);
        keymap_reads(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn the_bases_read() {
    assert!(journal::parse_bytes(Path::new("m.jsonl"), JOURNAL).is_ok());
    for b in [ZOOM, TEAMS, TENCENT] {
        assert!(platform::read(b, None, None).is_ok());
    }
    assert!(Keymap::with_overrides_in(KEYS, "keys.json", Lang::Zh).is_ok());
    let t = table::parse_delimited(ROSTER, None);
    let m = header::find(&t, &[]).expect("the roster has a header");
    let plan = roster::plan(
        &agenda(),
        &[Source {
            table: &t,
            mapping: &m,
            default_venue: Some(0),
        }],
    );
    assert!(plan.skipped.is_empty(), "{plan:?}");
    assert_eq!(
        plan.added.len() + plan.updated.len() + plan.unchanged.len(),
        3,
        "{plan:?}"
    );
}
