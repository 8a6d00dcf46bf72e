use super::*;

/// The escape of the issue: the clipboard written (OSC 52, BEL), the screen cleared.
const EVIL: &str = "Evil\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[2JGuy";

/// Hostile names and what `strip` leaves of them.
const CORPUS: &[(&str, &str)] = &[
    (EVIL, "EvilGuy"),
    ("王\x1b[2J\x1b]0;pwned\x07晓红", "王晓红"),
    ("a\x1b]0;title\x1b\\b", "ab"),
    (
        "a\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\b",
        "alinkb",
    ),
    ("a\x1b]52;c;AAAA\x1b\\b", "ab"),
    ("a\x1bP1$r0m\x1b\\b", "ab"),
    ("a\x1b_app\x07b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"),
    ("a\u{9b}31mred\u{9b}0m", "ared"),
    ("a\u{9d}0;t\u{9c}b", "ab"),
    ("a\u{90}dcs\u{9c}b\u{85}c", "ab c"),
    ("a\x1b", "a"),
    ("\x1bb", ""),
    ("a\x1b(Bb\x1b#8c\x1b7d\x1bce", "abcde"),
    ("a\0b\x7fc", "abc"),
    ("Good\rEvil", "Good Evil"),
    ("Evil\x08\x08\x08\x08Good", "EvilGood"),
    ("tab\tnew\nline\r\nend", "tab new line end"),
    ("\u{202E}gpj.exe\u{202C}", "gpj.exe"),
    ("王\u{2067}红\u{2069}丽\u{200F}\u{061C}", "王红丽"),
    ("王\u{200B}晓\u{FEFF}红\u{2060}", "王晓红"),
    ("Evil\u{200D}Guy", "EvilGuy"),
    ("王\u{200D}晓红", "王晓红"),
    ("x\u{E0041}\u{E0042}y", "xy"),
    // Unterminated: the rest of the field goes, as a terminal would swallow it.
    ("a\x1b]0;never ends", "a"),
    ("a\x1b[12;", "a"),
    // A CSI cut short by a character that cannot be in it ends there.
    ("a\x1b[1王b", "a王b"),
    ("a\u{2028}b", "a b"),
];

fn bad_for_a_terminal(c: char) -> bool {
    c == '\x1b' || c == '\x07' || ('\u{80}'..='\u{9f}').contains(&c) || c.is_control()
}

#[test]
fn strip_removes_whole_sequences() {
    for (input, want) in CORPUS {
        assert_eq!(strip(input), *want, "{input:?}");
    }
}

#[test]
fn screen_shows_what_was_there() {
    assert_eq!(screen(EVIL), "Evil\\e]52;c;ZWNobyBwd25lZA==\\a\\e[2JGuy");
    assert_eq!(screen("a\u{9b}2J\u{7f}\0"), "a\\x9b2J\\x7f\\0");
    assert_eq!(screen("a\u{2028}b\rc"), "a\\u{2028}b\\rc");
    assert_eq!(screen("a\nb\tc"), "a\\nb\\tc");
    assert_eq!(screen("\u{202E}gpj.exe"), "gpj.exe");
    for (input, _) in CORPUS {
        let s = screen(input);
        assert!(!s.chars().any(bad_for_a_terminal), "{input:?} -> {s:?}");
        assert!(!s.chars().any(is_hidden), "{input:?} -> {s:?}");
    }
}

#[test]
fn screen_text_keeps_lines_and_columns_but_not_overwrites() {
    assert_eq!(screen_text("a\tb\nc\r\nd"), "a\tb\nc\r\nd");
    assert_eq!(screen_text("Good\rEvil"), "Good\\rEvil");
    assert_eq!(screen_text(EVIL), screen(EVIL));
}

#[test]
fn document_keeps_lines_and_removes_sequences() {
    assert_eq!(document("one\r\ntwo\rthree\tfour"), "one\ntwo\nthree\tfour");
    assert_eq!(document(EVIL), "EvilGuy");
    // An unterminated string does not swallow the next line of a note.
    assert_eq!(document("a\x1b]0;x\nnext line"), "a\nnext line");
    assert_eq!(document("a\u{2029}b\x0cc"), "a\nb\nc");
}

#[test]
fn clean_text_is_borrowed() {
    for s in [
        "王晓红",
        "Wang Xiaohong",
        "买买提·艾力",
        "“会议”—— 市教育局",
        "محمد",
        "می\u{200C}خواهم",
        "👩\u{200D}💻",
        "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        "",
    ] {
        assert!(matches!(screen(s), Cow::Borrowed(_)), "{s:?}");
        assert!(matches!(strip(s), Cow::Borrowed(_)), "{s:?}");
        assert!(matches!(document(s), Cow::Borrowed(_)), "{s:?}");
        assert_eq!(first_problem(s, false), None, "{s:?}");
    }
    assert!(matches!(screen_text("a\tb\nc"), Cow::Borrowed(_)));
}

#[test]
fn problems_name_what_and_where() {
    assert_eq!(
        first_problem("王\x1b[2J晓红", false),
        Some(Problem::Sequence {
            at: 2,
            shown: "\\e[2J".into()
        })
    );
    assert_eq!(
        first_problem("a\u{202E}b\x07", false),
        Some(Problem::Control { at: 4, c: '\x07' }),
        "an error before a warning"
    );
    assert_eq!(
        first_problem("a\u{202E}b", false),
        Some(Problem::Hidden {
            at: 2,
            c: '\u{202E}'
        })
    );
    assert_eq!(first_problem("line\nline\r\n\tx", true), None);
    assert_eq!(
        first_problem("line\nline", false),
        Some(Problem::Control { at: 5, c: '\n' })
    );
    assert_eq!(
        first_problem("a\rb", true),
        Some(Problem::Control { at: 2, c: '\r' })
    );
    let long = format!("\x1b]52;c;{}\x07", "A".repeat(100));
    match first_problem(&long, false) {
        Some(Problem::Sequence { shown, .. }) => {
            assert!(
                shown.ends_with("...") && shown.chars().count() == 43,
                "{shown}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn is_hidden_covers_the_bidi_controls() {
    for c in [
        '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
    ] {
        assert!(is_hidden(c), "{c:?}");
    }
    assert!(!is_hidden('a') && !is_hidden('王'));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Characters an attacker would reach for, mixed with ordinary ones.
    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::char::range('\0', '\u{a0}'),
            1 => prop::sample::select(vec![
                '[', ']', ';', '\\', 'P', '_', '^', 'X', '王', '、', '&', '\u{202E}', '\u{2066}',
                '\u{200B}', '\u{200D}', '\u{2028}', '\u{FEFF}', '\u{E0041}', '\u{1F3F4}', 'م',
            ]),
            1 => any::<char>(),
        ]
    }

    fn hostile_string() -> impl Strategy<Value = String> {
        prop::collection::vec(hostile_char(), 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn nothing_a_terminal_obeys_survives(s in hostile_string()) {
            for out in [screen(&s), strip(&s)] {
                prop_assert!(!out.chars().any(bad_for_a_terminal), "{:?} -> {:?}", s, out);
                prop_assert!(first_problem(&out, false).is_none(), "{:?} -> {:?}", s, out);
            }
            for out in [screen_text(&s), document(&s)] {
                prop_assert!(
                    !out.chars().any(|c| bad_for_a_terminal(c) && c != '\n' && c != '\t' && c != '\r'),
                    "{:?} -> {:?}", s, out
                );
                prop_assert!(first_problem(&out, true).is_none(), "{:?} -> {:?}", s, out);
            }
        }

        #[test]
        fn cleaning_twice_changes_nothing(s in hostile_string()) {
            for f in [screen, screen_text, document, strip] {
                let once = f(&s).into_owned();
                prop_assert!(matches!(f(&once), Cow::Borrowed(_)), "{:?} -> {:?}", s, once);
            }
        }

        #[test]
        fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let s = String::from_utf8_lossy(&bytes);
            let _ = (screen(&s), screen_text(&s), document(&s), strip(&s), first_problem(&s, true));
        }
    }
}
