//! JSON that keeps every string exactly and is still safe to print to a terminal
//! (`huiwu status --json`, `huiwu export --format json -o -`). serde_json escapes the C0
//! controls; this also writes DEL, the C1 controls, the line and paragraph separators,
//! bidi controls and invisible characters as `\u` escapes, which every JSON reader turns
//! back into the same characters.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

/// `serde_json::to_writer_pretty`, with the escapes above.
pub fn to_writer_pretty<W: io::Write, T: ?Sized + Serialize>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// `serde_json::to_string_pretty`, with the escapes above.
pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut buf = Vec::with_capacity(256);
    to_writer_pretty(&mut buf, value)?;
    // serde_json writes UTF-8, and the escapes are ASCII.
    String::from_utf8(buf).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

fn escaped(c: char) -> bool {
    matches!(c, '\x7f'..='\u{9f}' | '\u{2028}' | '\u{2029}') || super::is_hidden(c)
}

/// A formatter that escapes what a terminal would act on, and lays out as `F` does.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Fast path: no first byte of anything escaped here (CJK is E3..E9).
        if !super::may_need(fragment) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    // The layout: whatever `F` does.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_exactly_and_print_safely() {
        let hostile = vec![
            "Evil\x1b]52;c;ZWNobw==\x07\x1b[2JGuy".to_string(),
            "\u{9b}2J\u{85}x\u{7f}".to_string(),
            "\u{202E}gpj.exe\u{2028}".to_string(),
            "王晓红 “quoted” ·".to_string(),
            "🏴\u{E0067}\u{E0062}\u{E007F}".to_string(),
        ];
        let text = to_string_pretty(&hostile).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n') && !text.chars().any(escaped),
            "{text}"
        );
        assert!(text.contains("\\u001b]52"), "{text}");
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e"),
            "{text}"
        );
        assert!(
            text.contains("\\udb40\\udc67"),
            "tags as surrogate pairs: {text}"
        );
        assert!(text.contains("王晓红 “quoted” ·"), "{text}");
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, hostile);
        // The layout is serde_json's own.
        let plain = vec!["a", "b"];
        assert_eq!(
            to_string_pretty(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
    }
}
