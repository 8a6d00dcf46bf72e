//! The fast path: a well-formed agenda goes from its bytes straight to its types, without
//! the located tree of the diagnostic pass. It accepts exactly what the diagnostic pass
//! accepts (and gives the same agenda): the same comment stripping, typed objects that
//! refuse unknown and repeated fields, `extra` maps that refuse a repeated key. Anything
//! else, it gives up on, and the diagnostic pass says what is wrong and where.

use std::borrow::Cow;

use super::syntax;
use crate::core::agenda::Agenda;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The agenda the bytes hold, if they are a well-formed agenda (its meaning is not
/// checked here); `None` for anything the diagnostic pass would report as a problem of
/// encoding, syntax or type.
pub fn parse_fast(bytes: &[u8]) -> Option<Agenda> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let text = without_comments(bytes)?;
    // serde_json checks that every string is UTF-8; outside strings only ASCII is JSON, so
    // the whole file needs no separate check.
    serde_json::from_slice(&text).ok()
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
    let text = std::str::from_utf8(bytes).ok()?;
    // An unclosed `/*` blanks the rest of the file, as in the diagnostic pass (which
    // reports it only when nothing is left).
    Some(match syntax::strip(text).0 {
        Cow::Borrowed(t) => Cow::Borrowed(t.as_bytes()),
        Cow::Owned(t) => Cow::Owned(t.into_bytes()),
    })
}
