//! The fast path: a well-formed agenda goes from its bytes straight to its types, without
//! the located tree of the diagnostic pass. It accepts exactly what the diagnostic pass
//! accepts (and gives the same agenda): the same comment stripping, typed objects that
//! refuse unknown and repeated fields, `extra` maps that refuse a repeated key. Anything
//! else, it gives up on, and the diagnostic pass says what is wrong and where.
//!
//! A large agenda (36,000 people are 6 to 8 MB, nearly all of it the roster) is parsed on
//! two threads: the roster's second half on a helper thread while this one parses the
//! first. Where to cut is guessed, then proved by the parse itself (see [`Split`]);
//! whenever the proof fails, the file is parsed whole, as a small one is.

use std::borrow::Cow;

use serde_json::Value;

use super::syntax;
use crate::core::agenda::{Agenda, Participant};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// From this size on, the roster is parsed in two halves at once (a few thousand people;
/// below it, a thread costs more than it saves).
const SPLIT_FROM: usize = 1 << 20;

/// The agenda the bytes hold, if they are a well-formed agenda (its meaning is not
/// checked here); `None` for anything the diagnostic pass would report as a problem of
/// encoding, syntax or type.
pub fn parse_fast(bytes: &[u8]) -> Option<Agenda> {
    parse(bytes, SPLIT_FROM)
}

/// [`parse_fast`] splitting the roster whatever the file's size, for the tests that show
/// the split changes nothing.
#[doc(hidden)]
pub fn parse_fast_split(bytes: &[u8]) -> Option<Agenda> {
    parse(bytes, 0)
}

fn parse(bytes: &[u8], split_from: usize) -> Option<Agenda> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = without_comments(bytes)?;
    if text.len() >= split_from
        && let Some(split) = Split::find(&text)
        && let Some(agenda) = split.parse(&text)
    {
        return Some(agenda);
    }
    // One check of the whole text is cheaper than serde_json's check of every string.
    serde_json::from_str(simdutf8::basic::from_utf8(&text).ok()?).ok()
}

/// The bytes with `//` and `/* */` comments blanked out, borrowed when there are none
/// (generated agendas, and most hand-written ones: a `/` alone needs no stripping).
/// `None` for bytes that are not UTF-8 (the diagnostic pass names the encoding, even
/// where the bad bytes are inside a comment).
fn without_comments(bytes: &[u8]) -> Option<Cow<'_, [u8]>> {
    let has_comment =
        memchr::memchr_iter(b'/', bytes).any(|i| matches!(bytes.get(i + 1), Some(b'/' | b'*')));
    if !has_comment {
        return Some(Cow::Borrowed(bytes));
    }
    let text = simdutf8::basic::from_utf8(bytes).ok()?;
    // An unclosed `/*` blanks the rest of the file, as in the diagnostic pass (which
    // reports it only when nothing is left).
    Some(match syntax::strip(text).0 {
        Cow::Borrowed(t) => Cow::Borrowed(t.as_bytes()),
        Cow::Owned(t) => Cow::Owned(t.into_bytes()),
    })
}

/// Where to cut the roster: `open` is its `[` (the value of the top-level key
/// `participants`), `comma` a `,` between two of its elements, guessed near the middle of
/// the file.
///
/// Why the result is the whole file's parse: this thread parses the elements from `open`
/// one by one and must end exactly at `comma`. JSON is read left to right without looking
/// ahead past a `}`, so if it does, `comma` separates two elements of that very list, and
/// the helper thread, which parses the elements after `comma` up to the list's `]`, reads
/// them as the whole parse would. The rest of the file is then parsed with the list
/// emptied, `[]`, in its place. An element parsed on its own is two levels less deep than
/// in the file, so one whose `extra` nests near serde_json's limit of 128 levels is left to
/// the whole parse.
struct Split {
    open: usize,
    comma: usize,
}

impl Split {
    fn find(text: &[u8]) -> Option<Split> {
        let open = top_level_value(text, b"participants")?;
        if text[open] != b'[' {
            return None;
        }
        let comma = between_elements(text, open + (text.len() - open) / 2)?;
        Some(Split { open, comma })
    }

    /// The agenda, or `None` when the guess was wrong or anything failed (the caller then
    /// parses the whole file).
    fn parse(&self, text: &[u8]) -> Option<Agenda> {
        let Split { open, comma } = *self;
        let (first, (second, close)) = std::thread::scope(|s| {
            let helper = std::thread::Builder::new()
                .name("agenda-parse".into())
                .spawn_scoped(s, || -> Option<(Vec<Participant>, usize)> {
                    let tail = simdutf8::basic::from_utf8(&text[comma..]).ok()?;
                    let (people, close) = elements_to_close(tail)?;
                    Some((people, comma + close))
                })
                .ok()?;
            // `comma` is a `,`, so both halves are whole characters.
            let first = simdutf8::basic::from_utf8(&text[..comma])
                .ok()
                .and_then(|head| elements_to_end(head, open + 1));
            let second = helper.join().ok().flatten();
            Some((first?, second?))
        })?;
        // Both halves were checked as UTF-8 above.
        let mut rest = String::with_capacity(open + 1 + text.len() - close);
        rest.push_str(simdutf8::basic::from_utf8(&text[..=open]).ok()?);
        rest.push_str(simdutf8::basic::from_utf8(&text[close..]).ok()?);
        let mut agenda: Agenda = serde_json::from_str(&rest).ok()?;
        let shallow = |p: &Participant| p.extra.values().all(|v| depth(v) <= 100);
        if !agenda.participants.is_empty() || !first.iter().chain(&second).all(shallow) {
            return None;
        }
        // One list of the exact size: the halves grew by doubling, and the roster is the
        // largest thing a command keeps (36,000 people: 7 MB, not 13).
        let mut all = Vec::with_capacity(first.len() + second.len());
        all.extend(first);
        all.extend(second);
        agenda.participants = all;
        Some(agenda)
    }
}

/// Participants from `at` to the end of `head`, which must end right after one of them
/// (before the `,` that `head` was cut at).
fn elements_to_end(head: &str, mut at: usize) -> Option<Vec<Participant>> {
    let mut out = Vec::new();
    loop {
        let (p, end) = element(head, skip_ws(head.as_bytes(), at))?;
        out.push(p);
        at = skip_ws(head.as_bytes(), end);
        match head.as_bytes().get(at) {
            None => return Some(out),
            Some(b',') => at += 1,
            Some(_) => return None,
        }
    }
}

/// Participants after the `,` that `tail` starts with, up to the list's `]`; and where
/// that `]` is.
fn elements_to_close(tail: &str) -> Option<(Vec<Participant>, usize)> {
    let mut out = Vec::new();
    let mut at = 1;
    loop {
        let (p, end) = element(tail, skip_ws(tail.as_bytes(), at))?;
        out.push(p);
        at = skip_ws(tail.as_bytes(), end);
        match tail.as_bytes().get(at) {
            Some(b',') => at += 1,
            Some(b']') => return Some((out, at)),
            _ => return None,
        }
    }
}

/// The participant object at `at`, and where it ends.
fn element(text: &str, at: usize) -> Option<(Participant, usize)> {
    if text.as_bytes().get(at) != Some(&b'{') {
        return None;
    }
    let mut one = serde_json::Deserializer::from_str(&text[at..]).into_iter::<Participant>();
    let p = one.next()?.ok()?;
    Some((p, at + one.byte_offset()))
}

/// Where the value of the top-level `key` starts, by a scan that follows only strings and
/// nesting (the typed parse checks everything else). Stops at the key: the roster comes
/// after the meeting and the venues, a small part of the file.
fn top_level_value(t: &[u8], key: &[u8]) -> Option<usize> {
    let mut i = skip_ws(t, 0);
    if t.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut depth = 1usize;
    let mut expect_key = true;
    while let Some(&b) = t.get(i) {
        match b {
            b'"' => {
                let start = i + 1;
                let end = string_end(t, start)?;
                i = end + 1;
                if depth == 1 && expect_key {
                    let colon = skip_ws(t, i);
                    if t.get(colon) != Some(&b':') {
                        return None;
                    }
                    // A key written with escapes is not recognised: the file is then
                    // parsed whole.
                    if &t[start..end] == key {
                        let value = skip_ws(t, colon + 1);
                        return (value < t.len()).then_some(value);
                    }
                    expect_key = false;
                    i = colon + 1;
                }
            }
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return None;
                }
                i += 1;
            }
            b',' => {
                expect_key = depth == 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// The index of the `"` that closes the string whose text starts at `i`.
fn string_end(t: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let j = i + memchr::memchr2(b'"', b'\\', t.get(i..)?)?;
        if t[j] == b'"' {
            return Some(j);
        }
        i = j + 2;
    }
}

/// A `,` between two objects (`}`, `,`, `{`, with blanks between) at or after `from`,
/// within 64 KiB.
fn between_elements(t: &[u8], from: usize) -> Option<usize> {
    let window = t.get(from..t.len().min(from + (1 << 16)))?;
    memchr::memchr_iter(b'}', window).find_map(|q| {
        let comma = skip_ws(t, from + q + 1);
        (t.get(comma) == Some(&b',') && t.get(skip_ws(t, comma + 1)) == Some(&b'{'))
            .then_some(comma)
    })
}

/// The first index at or after `i` that is not JSON whitespace.
fn skip_ws(t: &[u8], mut i: usize) -> usize {
    while matches!(t.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// How many levels of lists and objects `v` nests.
fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(a: &Agenda) -> Vec<u8> {
        let mut bytes = Vec::new();
        crate::sample::write_agenda(a, &mut bytes).expect("writes to memory");
        bytes
    }

    #[test]
    fn a_roster_cut_in_two_is_the_whole_roster() {
        let a = crate::sample::generate(5, 40, 3);
        let bytes = written(&a);
        let split = Split::find(&bytes).expect("a roster to cut");
        assert_eq!(&bytes[split.open..split.open + 1], b"[");
        assert_eq!(bytes[split.comma], b',');
        assert_eq!(split.parse(&bytes).as_ref(), Some(&a));
        assert_eq!(parse_fast_split(&bytes).as_ref(), Some(&a));
    }

    #[test]
    fn a_wrong_guess_or_a_strange_key_falls_back_to_the_whole_parse() {
        let a = crate::sample::generate(2, 10, 3);
        let text = String::from_utf8(written(&a)).expect("UTF-8");
        // A cut inside a participant's `extra` (objects in a list) is not proved.
        let mut b = a.clone();
        b.participants[9].extra.insert(
            "x".into(),
            serde_json::json!([{"a": 1}, {"b": 2}, {"c": 3}, {"d": 4}]),
        );
        let bytes = written(&b);
        let a_at = bytes
            .windows(3)
            .position(|w| w == b"\"a\"")
            .expect("the extra is written");
        let inside = a_at
            + bytes[a_at..]
                .iter()
                .position(|&b| b == b',')
                .expect("a comma");
        assert_eq!(between_elements(&bytes, a_at), Some(inside));
        let wrong = Split {
            open: top_level_value(&bytes, b"participants").expect("found"),
            comma: inside,
        };
        assert_eq!(wrong.parse(&bytes), None);
        assert_eq!(parse_fast_split(&bytes).as_ref(), Some(&b));
        // `participants` inside the meeting's `extra` is not the roster.
        let moved = text.replacen(
            "\"meeting\": {",
            "\"meeting\": {\"extra\": {\"participants\": [{\"id\": \"x\"}, {\"id\": \"y\"}]},",
            1,
        );
        let open = top_level_value(moved.as_bytes(), b"participants").expect("found");
        assert!(open > moved.find("\"venues\"").expect("venues"));
        // A key spelt with an escape is not recognised; the whole parse reads it.
        let escaped = text.replacen("\"participants\"", "\"particip\\u0061nts\"", 1);
        assert_eq!(top_level_value(escaped.as_bytes(), b"participants"), None);
        assert_eq!(parse_fast_split(escaped.as_bytes()).as_ref(), Some(&a));
    }

    #[test]
    fn strings_and_nesting_do_not_fool_the_key_scan() {
        let t =
            br#"{"a": "\"participants\": [", "b": {"participants": [1]}, "participants" : [2]}"#;
        let at = top_level_value(t, b"participants").expect("found");
        assert_eq!(&t[at..at + 3], b"[2]");
        assert_eq!(
            top_level_value(br#"{"a": [1, {"participants": []}]}"#, b"participants"),
            None
        );
        assert_eq!(top_level_value(b"[]", b"participants"), None);
        assert_eq!(top_level_value(br#"{"a": "\"#, b"participants"), None);
    }
}
