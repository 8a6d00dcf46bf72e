//! The lines huiwu writes itself, read without serde.
//!
//! A journal line as huiwu writes it is a flat JSON object, without spaces, whose strings
//! rarely hold an escape. This reads exactly that shape into a [`WireEvent`] in one pass,
//! borrowing nothing and checking as it goes; anything else (a space, an escape, a nested
//! value, a field this reader does not take, a repeated field, a number serde would read
//! differently) gives up with `None`, and the line goes to serde, which reads every valid
//! line and words every error. So this path decides nothing on its own: when it answers,
//! serde would have given the same `WireEvent` (the tests below hold the two together).
//! It reads a line in a third of serde's time, which is most of opening a long journal.

use chrono::{DateTime, Utc};

use super::{TypeName, WireEvent, quick_utc};
use crate::core::hlc::Hlc;

/// The line as huiwu writes it, or `None` for serde to read.
pub(super) fn scan(text: &str) -> Option<WireEvent> {
    let mut r = Reader {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    r.eat(b'{')?;
    let mut w = WireEvent::empty();
    let mut seen: u64 = 0;
    loop {
        let key = r.raw_str()?.as_bytes();
        r.eat(b':')?;
        let bit = read(&mut w, key, &mut r)?;
        // serde refuses a repeated field: so does this, by giving up.
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        match r.next()? {
            b',' => continue,
            b'}' => break,
            _ => return None,
        }
    }
    // serde allows trailing spaces; anything else is not a line of ours.
    if !r.b[r.i..].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    // The envelope (`id`, `at`, `seat`, `seq`, `type`) is required, as serde requires it.
    (seen & ENVELOPE == ENVELOPE).then_some(w)
}

/// The bits of the envelope's fields in [`read`].
const ENVELOPE: u64 = 1 << 0 | 1 << 1 | 1 << 2 | 1 << 3 | 1 << 7;

/// Read the value of field `key` into its place in `w`; its bit (for repeats and the
/// envelope), or `None` to give up. The fields read here are the envelope and every
/// scalar field; the others (`role`, `video`, `audio`, `speech_kind`, `owners`, `due`,
/// `assigned_by`, `order`) are rare enough to leave to serde.
fn read(w: &mut WireEvent, key: &[u8], r: &mut Reader) -> Option<u64> {
    // `Option` fields without a default read `null` as `None`, as serde's derive does.
    let n = match key {
        b"id" => {
            w.id = r.string()?;
            0
        }
        b"at" => {
            w.at = r.time()?;
            1
        }
        b"seat" => {
            w.seat = r.string()?;
            2
        }
        b"seq" => {
            w.seq = r.uint()?;
            3
        }
        b"hlc" => {
            w.hlc = r.nullable(Reader::hlc)?;
            4
        }
        b"seen" => {
            w.seen = r.nullable(Reader::hlc)?;
            5
        }
        b"of" => {
            w.of = r.nullable(Reader::string)?;
            6
        }
        b"type" => {
            w.kind = r.type_name()?;
            7
        }
        b"participant" => {
            w.participant = r.nullable(Reader::string)?;
            8
        }
        b"late" => {
            w.late = r.nullable(Reader::boolean)?;
            9
        }
        b"effective_at" => {
            w.effective_at = r.nullable(Reader::time)?;
            10
        }
        b"reason" => {
            w.reason = r.nullable(Reader::string)?;
            11
        }
        b"name" => {
            w.name = r.nullable(Reader::string)?;
            12
        }
        b"unit" => {
            w.unit = r.nullable(Reader::string)?;
            13
        }
        b"title" => {
            w.title = r.nullable(Reader::string)?;
            14
        }
        b"venue" => {
            w.venue = r.nullable(Reader::string)?;
            15
        }
        b"status" => {
            w.status = r.nullable(Reader::string)?;
            16
        }
        b"target" => {
            w.target = r.nullable(Reader::string)?;
            17
        }
        b"expected" => {
            w.expected = r.nullable(Reader::u32)?;
            18
        }
        b"present" => {
            w.present = r.nullable(Reader::u32)?;
            19
        }
        b"excused" => {
            w.excused = r.nullable(Reader::u32)?;
            20
        }
        b"absent" => {
            w.absent = r.nullable(Reader::u32)?;
            21
        }
        b"note" => {
            w.note = r.nullable(Reader::string)?;
            22
        }
        // Present, even as `null`: `Some` (an action edit's "cleared").
        b"item" => {
            w.item = Some(r.nullable(Reader::string)?);
            23
        }
        b"text" => {
            w.text = r.nullable(Reader::string)?;
            24
        }
        b"decision" => {
            w.decision = r.nullable(Reader::boolean)?;
            25
        }
        b"action" => {
            w.action = r.nullable(Reader::string)?;
            26
        }
        b"due_text" => {
            w.due_text = Some(r.nullable(Reader::string)?);
            27
        }
        b"sha256" => {
            w.sha256 = r.nullable(Reader::string)?;
            28
        }
        b"speech" => {
            w.speech = r.nullable(Reader::string)?;
            29
        }
        b"limit_seconds" => {
            w.limit_seconds = r.nullable(Reader::u32)?;
            30
        }
        // A field left to serde, or one this huiwu does not know (serde passes over it,
        // whatever its value).
        _ => return None,
    };
    Some(1 << n)
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Option<u8> {
        let c = *self.b.get(self.i)?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn peek_is(&self, lit: &[u8]) -> bool {
        self.b[self.i..].starts_with(lit)
    }

    /// A string without escapes or control characters (the quotes are ASCII, so it is
    /// cut from the line at character boundaries).
    fn raw_str(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let len = memchr::memchr(b'"', &self.b[start..])?;
        let s = &self.b[start..start + len];
        // An escape, or a control character serde would refuse: serde's to read or word.
        if s.iter().any(|&c| c == b'\\' || c < 0x20) {
            return None;
        }
        self.i = start + len + 1;
        self.text.get(start..start + len)
    }

    fn string(&mut self) -> Option<String> {
        self.raw_str().map(str::to_string)
    }

    fn type_name(&mut self) -> Option<TypeName> {
        let s = self.raw_str()?.as_bytes();
        // Longer names are cut for messages: serde's path.
        if s.len() > 32 {
            return None;
        }
        let mut buf = [0u8; 32];
        buf[..s.len()].copy_from_slice(s);
        Some(TypeName {
            buf,
            len: s.len() as u8,
        })
    }

    fn time(&mut self) -> Option<DateTime<Utc>> {
        quick_utc(self.raw_str()?.as_bytes())
    }

    /// A non-negative integer as JSON writes it (no sign, no leading zero, no fraction or
    /// exponent), that fits.
    fn uint(&mut self) -> Option<u64> {
        let start = self.i;
        let mut n: u64 = 0;
        while let Some(&c) = self.b.get(self.i) {
            if !c.is_ascii_digit() {
                break;
            }
            n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            self.i += 1;
        }
        let digits = self.i - start;
        if digits == 0 || (digits > 1 && self.b[start] == b'0') {
            return None;
        }
        // `1.5`, `1e3`: a float, which serde would refuse or read otherwise.
        if matches!(self.b.get(self.i), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        Some(n)
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    fn boolean(&mut self) -> Option<bool> {
        for (lit, v) in [(&b"true"[..], true), (&b"false"[..], false)] {
            if self.peek_is(lit) {
                self.i += lit.len();
                return Some(v);
            }
        }
        None
    }

    /// `[ms,n]` with both non-negative.
    fn hlc(&mut self) -> Option<Hlc> {
        self.eat(b'[')?;
        let ms = i64::try_from(self.uint()?).ok()?;
        self.eat(b',')?;
        let n = self.u32()?;
        self.eat(b']')?;
        Some(Hlc { ms, n })
    }

    /// `null` as `Some(None)`, else the value read by `read`; `None` to give up.
    fn nullable<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.peek_is(b"null") {
            self.i += 4;
            return Some(None);
        }
        read(self).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{at, every_kind};
    use super::*;
    use crate::core::event::Event;
    use proptest::prelude::*;

    /// What serde makes of a line, as the event it converts to (or the error's text).
    fn by_serde(line: &str) -> Result<Event, String> {
        let w: WireEvent = serde_json::from_str(line).map_err(|e| e.to_string())?;
        Event::try_from(w).map_err(|e| e.to_string())
    }

    fn by_scan(line: &str) -> Option<Result<Event, String>> {
        scan(line).map(|w| Event::try_from(w).map_err(|e| e.to_string()))
    }

    fn lines() -> Vec<String> {
        every_kind()
            .into_iter()
            .enumerate()
            .map(|(i, kind)| {
                let mut e = Event::new(
                    uuid::Uuid::from_u128(i as u128 * 7919).to_string(),
                    at() + chrono::Duration::milliseconds(i as i64 * 137),
                    "王秘书@host:desk",
                    i as u64 + 1,
                    kind,
                );
                e.hlc.n = i as u32;
                if i % 2 == 0 {
                    e.seen = Some(Hlc { ms: 7, n: 1 });
                    e.of = Some("creator".into());
                }
                serde_json::to_string(&e).unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn the_lines_huiwu_writes_most_are_read_here_as_serde_reads_them() {
        let mut taken = Vec::new();
        for line in lines() {
            if let Some(ours) = by_scan(&line) {
                assert_eq!(ours, by_serde(&line), "{line}");
                let t = serde_json::from_str::<serde_json::Value>(&line).unwrap_or_default();
                taken.push(t["type"].as_str().unwrap_or_default().to_string());
            }
        }
        // The frequent kinds must take this path, or it saves nothing.
        for kind in [
            "signed_in",
            "excused",
            "stand_in",
            "left_early",
            "status_corrected",
            "undone",
            "item_started",
            "note_recorded",
            "speech_started",
        ] {
            assert!(taken.iter().any(|t| t == kind), "{kind} not read here");
        }
    }

    #[test]
    fn anything_but_the_written_shape_is_left_to_serde() {
        let base = r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"left_early","participant":"p1"}"#;
        assert!(scan(base).is_some());
        for line in [
            // A space, an escape, a repeated field, an unknown field, a nested value.
            r#"{"id": "x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"left_early","participant":"p1"}"#,
            r#"{"id":"x\u0041","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"left_early","participant":"p1"}"#,
            r#"{"id":"x","id":"y","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"left_early","participant":"p1"}"#,
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"left_early","participant":"p1","future":1}"#,
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"walked_in","participant":"w","name":"n","venue":"v","role":"observer"}"#,
            // Numbers serde reads otherwise or refuses.
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":01,"type":"left_early","participant":"p1"}"#,
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1.0,"type":"left_early","participant":"p1"}"#,
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":-1,"type":"left_early","participant":"p1"}"#,
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":18446744073709551616,"type":"left_early","participant":"p1"}"#,
            // A time chrono must read, a missing field, trailing text.
            r#"{"id":"x","at":"2017-05-04T14:30:00+08:00","seat":"s","seq":1,"type":"left_early","participant":"p1"}"#,
            r#"{"id":"x","seat":"s","seq":1,"type":"left_early","participant":"p1"}"#,
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"left_early","participant":"p1"}x"#,
            r#"{"id":"x","at":"2017-05-04T06:30:00Z","seat":"s","seq":1,"type":"left_early","participant":"p1""#,
        ] {
            assert!(scan(line).is_none(), "{line}");
        }
    }

    proptest! {
        /// Whatever a line becomes (a written line with bytes changed, cut or repeated),
        /// this path either leaves it to serde or reads what serde reads.
        #[test]
        fn never_reads_a_line_otherwise_than_serde(
            pick in 0usize..64,
            edits in proptest::collection::vec((0usize..400, 0u8..128, 0u8..4), 1..4),
        ) {
            let all = lines();
            let mut b = all[pick % all.len()].clone().into_bytes();
            for (pos, byte, op) in edits {
                if b.is_empty() {
                    break;
                }
                let p = pos % b.len();
                match op {
                    0 => b[p] = byte,
                    1 => b.insert(p, byte),
                    2 => { b.remove(p); }
                    _ => b.truncate(p),
                }
            }
            if let Ok(line) = String::from_utf8(b)
                && let Some(ours) = by_scan(&line)
            {
                prop_assert_eq!(ours, by_serde(&line), "{}", line);
            }
        }
    }
}
