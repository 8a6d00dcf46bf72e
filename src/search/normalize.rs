//! Text normalisation shared by the index and the query, so that both sides compare the
//! same way: full-width forms folded to half-width, lower case, ü written as v, and the
//! separators people type or pad names with removed.

/// One character as the search compares it: full-width ASCII (`Ａ１`) and the ideographic
/// space folded to half-width, then lower-cased (one char for one char, so positions keep
/// lining up with the original), `ü` as `v`.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    let c = if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    };
    match c {
        'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'v',
        _ => c,
    }
}

/// Characters that separate words or syllables without being part of them: spaces (a
/// two-character name is often padded to the width of three: `王　红`), the pinyin
/// apostrophe (`xi'an`), hyphens and the middle dot of transcribed names (`阿依·买买提`).
pub fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\'' | '’' | '‘' | '`' | '-' | '_' | '.' | '·' | '•' | '・' | '‧' | '－' | '—'
        )
}

/// The folded text without separators: the form names, ids, units and queries are
/// compared in.
pub fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let f = fold_char(c);
        if !is_separator(f) {
            out.push(f);
        }
    }
    out
}

/// For each character of `compact(s)`, its index among the characters of `s`: turns a
/// position found in the compact form back into one a view can highlight.
pub fn compact_positions(s: &str) -> Vec<usize> {
    s.chars()
        .enumerate()
        .filter(|(_, c)| !is_separator(fold_char(*c)))
        .map(|(i, _)| i)
        .collect()
}

/// A 26-bit set of the ASCII letters in `bytes`.
pub fn letter_mask(bytes: impl IntoIterator<Item = u8>) -> u32 {
    bytes
        .into_iter()
        .filter(u8::is_ascii_lowercase)
        .fold(0, |m, b| m | letter_bit(b))
}

pub fn letter_bit(b: u8) -> u32 {
    if b.is_ascii_lowercase() {
        1 << (b - b'a')
    } else {
        0
    }
}
