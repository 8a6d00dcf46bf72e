//! Text from outside, made safe to show. Participants choose their own display names on
//! Zoom, Teams and Tencent Meeting; rosters and exports travel by mail; journals come from
//! other machines. Any of them may hold control characters and terminal escape sequences
//! (`ESC ] 52 ; c ; … BEL` writes the clipboard, `ESC [ 2J` clears the screen) or Unicode
//! controls that reorder or hide text (U+202E, zero-width spaces, tag characters). This
//! module is the one place that decides what becomes of them, one rule per kind of output:
//!
//! | output | controls and escape sequences | line feed, tab | bidi and invisible |
//! |---|---|---|---|
//! | [`screen`]: one field on a terminal (the desk) | shown as text: `\e[2J`, `\a` | shown (`\n`, `\t`) | removed |
//! | [`screen_text`]: CLI output (lines, columns) | shown as text | kept | removed |
//! | [`document`]: minutes, sign-in sheets | removed, whole sequences | kept (each format lays them out) | removed |
//! | [`strip`]: a cell read from a roster or a platform export | removed, whole sequences | a space | removed |
//! | JSON ([`json`]) | kept exactly, `\u` escaped | escaped | `\u` escaped |
//!
//! and [`first_problem`] finds what an agenda must not hold (`huiwu check`).
//!
//! On a terminal the secretary sees that something was there (`Evil\e]52;c;…\a\e[2JGuy`);
//! in a printed document and in what is imported it is gone (`EvilGuy`), and the import
//! says how many rows it changed. Every function returns the input borrowed when nothing
//! needs changing (names are drawn every frame).
//!
//! What counts, and why:
//! - C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F, which
//!   some terminals obey when they arrive as UTF-8);
//! - escape sequences, removed whole where they are removed: CSI (`ESC [` or U+009B, up
//!   to its final byte), the strings OSC, DCS, SOS, PM, APC (`ESC ]`, `ESC P`, `ESC X`,
//!   `ESC ^`, `ESC _` or their C1 forms, up to BEL, ST (`ESC \` or U+009C), CAN or SUB,
//!   or, unterminated, to the end of the field or line), the two- and three-character
//!   escapes (`ESC c`, `ESC ( B`) and a lone ESC;
//! - U+2028 and U+2029 (line and paragraph separators) are line breaks;
//! - bidi controls (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C):
//!   they reorder the rest of a line; real right-to-left names do not need them;
//! - invisible characters that can hide text or make two names look alike: U+200B, U+2060–U+2064,
//!   U+FEFF, U+180E, U+206A–U+206F, the tag characters U+E0000–U+E007F (kept only in an
//!   emoji tag sequence after U+1F3F4), and the joiners U+200C/U+200D except between two
//!   characters of a script that needs them (Persian, Indic scripts, emoji sequences;
//!   not ASCII, not Chinese).

use std::borrow::Cow;

pub mod json;
pub mod meeting;

/// One field shown on a terminal (a name in a list, a title): controls and escape
/// sequences as visible text, line breaks and tabs too, bidi and invisible characters
/// removed.
#[inline]
pub fn screen(s: &str) -> Cow<'_, str> {
    apply(
        s,
        Rule {
            controls: Controls::Show,
            lines: false,
        },
    )
}

/// Text printed to a terminal that may span lines and use tabs as column separators
/// (every human-readable line of the CLI): as [`screen`], but line feeds and tabs pass.
/// A carriage return is shown as `\r` unless a line feed follows it (it could otherwise
/// overwrite the line).
#[inline]
pub fn screen_text(s: &str) -> Cow<'_, str> {
    apply(
        s,
        Rule {
            controls: Controls::Show,
            lines: true,
        },
    )
}

/// Text for a document (Markdown, HTML, CSV, XLSX): controls and whole escape sequences
/// removed; line breaks (LF, CRLF and the other line separators, as LF) and tabs kept
/// for the format to lay out or neutralise; bidi and invisible characters removed.
#[inline]
pub fn document(s: &str) -> Cow<'_, str> {
    apply(
        s,
        Rule {
            controls: Controls::Remove,
            lines: true,
        },
    )
}

/// A cell read from a roster or a platform's export, before anything looks at it:
/// controls and whole escape sequences removed, line breaks and tabs made a space (so
/// words stay apart), bidi and invisible characters removed. Names are split (`甲&乙`)
/// and matched only after this, so no part of an escape sequence becomes a name.
#[inline]
pub fn strip(s: &str) -> Cow<'_, str> {
    apply(
        s,
        Rule {
            controls: Controls::Remove,
            lines: false,
        },
    )
}

/// [`strip`] in place; true when it changed something.
pub fn strip_in_place(s: &mut String) -> bool {
    match strip(s) {
        Cow::Borrowed(_) => false,
        Cow::Owned(clean) => {
            *s = clean;
            true
        }
    }
}

/// True for the characters removed from every human-readable output because they reorder
/// text (bidi controls) or cannot be seen (zero-width spaces, BOM, tags), the joiners
/// included (whether those are kept depends on their neighbours; see the module notes).
pub fn is_hidden(c: char) -> bool {
    matches!(
        class(c),
        Class::Bidi | Class::Invisible | Class::Joiner | Class::Tag
    )
}

/// What an agenda must not hold, as [`first_problem`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// An escape sequence, shown as text (`\e[2J`, cut after 40 characters), starting at
    /// the 1-based character `at`.
    Sequence { at: usize, shown: String },
    /// A control character (C0, DEL, C1, line or paragraph separator).
    Control { at: usize, c: char },
    /// A bidi control or an invisible character: removed wherever the text is shown.
    Hidden { at: usize, c: char },
}

impl Problem {
    /// Sequences and controls are errors; hidden characters a warning.
    pub fn is_error(&self) -> bool {
        !matches!(self, Problem::Hidden { .. })
    }
}

/// The first escape sequence or control character in `s` (with `lines`, line feeds, CRLF
/// and tabs are allowed: a multi-line note), else the first bidi control or invisible
/// character, else `None`.
pub fn first_problem(s: &str, lines: bool) -> Option<Problem> {
    if !may_need(s) {
        return None;
    }
    let mut hidden = None;
    let mut prev = None;
    for (n, (i, c)) in s.char_indices().enumerate() {
        let at = n + 1;
        let next = s[i + c.len_utf8()..].chars().next();
        match class(c) {
            Class::Esc | Class::C1Csi | Class::C1String => {
                let end = sequence_end(s, i, false);
                let mut shown = screen(&s[i..end]).into_owned();
                if let Some((cut, _)) = shown.char_indices().nth(40) {
                    shown.truncate(cut);
                    shown.push_str("...");
                }
                return Some(Problem::Sequence { at, shown });
            }
            Class::Control => {
                let allowed =
                    lines && (c == '\n' || c == '\t' || (c == '\r' && next == Some('\n')));
                if !allowed {
                    return Some(Problem::Control { at, c });
                }
            }
            Class::LineSep => return Some(Problem::Control { at, c }),
            Class::Joiner if joiner_fits(prev, next) => {}
            Class::Tag if tag_fits(prev) => {}
            Class::Bidi | Class::Invisible | Class::Joiner | Class::Tag => {
                hidden.get_or_insert(Problem::Hidden { at, c });
            }
            Class::Plain => {}
        }
        prev = Some(c);
    }
    hidden
}

/// A control character as text: `\e`, `\a`, `\b`, `\t`, `\n`, `\r`, `\0`, else `\x1f`
/// (up to U+00FF) or `\u{2028}`.
pub fn visible(c: char) -> String {
    let mut s = String::new();
    push_visible(&mut s, c);
    s
}

fn push_visible(out: &mut String, c: char) {
    use std::fmt::Write;
    let short = match c {
        '\x1b' => "\\e",
        '\x07' => "\\a",
        '\x08' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\r' => "\\r",
        '\0' => "\\0",
        _ => "",
    };
    // Writing to a String cannot fail.
    let _ = match (short, c as u32) {
        ("", n) if n < 0x100 => write!(out, "\\x{n:02x}"),
        ("", n) => write!(out, "\\u{{{n:x}}}"),
        (s, _) => out.write_str(s),
    };
}

// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Controls {
    /// As text (`\e[2J`): the reader sees something was there.
    Show,
    /// Gone, escape sequences whole.
    Remove,
}

#[derive(Clone, Copy)]
struct Rule {
    controls: Controls,
    /// Line feeds and tabs pass (multi-line text, columns).
    lines: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Plain,
    /// C0 other than ESC, DEL, C1 other than the introducers below.
    Control,
    Esc,
    /// U+009B, the one-character CSI.
    C1Csi,
    /// U+0090 DCS, U+0098 SOS, U+009D OSC, U+009E PM, U+009F APC: a string follows.
    C1String,
    /// U+2028, U+2029.
    LineSep,
    Bidi,
    Invisible,
    /// U+200C, U+200D: kept between two letters of a script that needs them.
    Joiner,
    /// U+E0000–U+E007F: kept in an emoji tag sequence.
    Tag,
}

fn class(c: char) -> Class {
    match c {
        '\x1b' => Class::Esc,
        '\u{9b}' => Class::C1Csi,
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Class::C1String,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' => Class::Control,
        '\u{2028}' | '\u{2029}' => Class::LineSep,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Class::Bidi,
        '\u{200B}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{180E}' => Class::Invisible,
        '\u{200C}' | '\u{200D}' => Class::Joiner,
        '\u{E0000}'..='\u{E007F}' => Class::Tag,
        _ => Class::Plain,
    }
}

/// A byte that may begin a character of interest: a C0 control or DEL, or the first
/// byte of the UTF-8 encodings of U+0080–U+00BF (C2), U+061C (D8), U+180E (E1),
/// U+2000–U+2FFF (E2), U+FEFF (EF) and the tags (F3). Text without one is clean; this
/// check keeps the common case (CJK, Latin) to one pass over the bytes, one table load
/// a byte.
#[inline]
fn suspicious(b: u8) -> bool {
    SUSPICIOUS[b as usize]
}

/// True for the first bytes [`suspicious`] names.
static SUSPICIOUS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7f] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xEF] = true;
    t[0xF3] = true;
    t
};

/// Whether `s` may need a change: false for almost every name, in one pass.
#[inline]
fn may_need(s: &str) -> bool {
    s.bytes().any(suspicious)
}

/// A joiner between two characters of scripts that use one: Arabic and its neighbours
/// (Persian names need U+200C), the Indic scripts, Myanmar, Khmer, Mongolian, and emoji
/// sequences (👩‍💻). Between ASCII or Chinese characters a joiner does nothing but make
/// two names that look the same differ.
fn joiner_fits(prev: Option<char>, next: Option<char>) -> bool {
    let joins = |c: Option<char>| {
        c.is_some_and(|c| {
            matches!(c,
                '\u{0600}'..='\u{07BF}'       // Arabic, Syriac, Thaana
                | '\u{0900}'..='\u{0DFF}'     // Devanagari to Sinhala
                | '\u{1000}'..='\u{109F}'     // Myanmar
                | '\u{1780}'..='\u{18AF}'     // Khmer, Mongolian
                | '\u{FB50}'..='\u{FDFF}'     // Arabic presentation forms
                | '\u{FE70}'..='\u{FEFC}'
                | '\u{FE00}'..='\u{FE0F}'     // variation selectors (👁️‍🗨️)
                | '\u{2600}'..='\u{27BF}'     // symbols used in emoji sequences (♀, ❤)
                | '\u{1F000}'..='\u{1FAFF}') // emoji, skin tones
                && class(c) == Class::Plain
        })
    };
    joins(prev) && joins(next)
}

/// A tag character continues an emoji tag sequence (🏴 followed by tags).
fn tag_fits(prev: Option<char>) -> bool {
    prev.is_some_and(|p| p == '\u{1F3F4}' || ('\u{E0020}'..='\u{E007F}').contains(&p))
}

/// The byte index after the escape sequence that starts at `s[i..]` (an ESC or a C1
/// introducer). With `lines`, an unterminated string ends before a line feed (the rest
/// of a multi-line text is not swallowed); otherwise at the end of `s`.
fn sequence_end(s: &str, i: usize, lines: bool) -> usize {
    let at = |k: usize| s[k..].chars().next();
    let csi = |mut k: usize| {
        // Parameters and intermediates, then one final byte; anything else ends it early.
        while let Some(c) = at(k) {
            match c {
                '\x20'..='\x3f' => k += 1,
                '\x40'..='\x7e' => return k + 1,
                _ => return k,
            }
        }
        s.len()
    };
    let string = |mut k: usize| {
        while let Some(c) = at(k) {
            match c {
                '\x07' | '\u{9c}' | '\x18' | '\x1a' => return k + c.len_utf8(),
                '\x1b' if at(k + 1) == Some('\\') => return k + 2,
                // Another escape ends the string; it is a sequence of its own.
                '\x1b' => return k,
                '\n' if lines => return k,
                c => k += c.len_utf8(),
            }
        }
        s.len()
    };
    match at(i) {
        Some('\u{9b}') => csi(i + 2),
        Some('\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}') => string(i + 2),
        _ => match at(i + 1) {
            Some('[') => csi(i + 2),
            Some(']' | 'P' | 'X' | '^' | '_') => string(i + 2),
            Some('\x20'..='\x2f') => {
                let mut k = i + 2;
                while let Some('\x20'..='\x2f') = at(k) {
                    k += 1;
                }
                match at(k) {
                    Some('\x30'..='\x7e') => k + 1,
                    _ => k,
                }
            }
            Some('\x30'..='\x7e') => i + 2,
            // A lone ESC.
            _ => i + 1,
        },
    }
}

#[inline]
fn apply(s: &str, rule: Rule) -> Cow<'_, str> {
    if !may_need(s) {
        return Cow::Borrowed(s);
    }
    apply_slow(s, rule)
}

fn apply_slow(s: &str, rule: Rule) -> Cow<'_, str> {
    // Most text that gets here is clean too (a `·` or `“` brought it): find the first
    // change before allocating.
    let mut prev = None;
    let mut first = None;
    for (i, c) in s.char_indices() {
        let next = s[i + c.len_utf8()..].chars().next();
        if action(prev, c, next, rule) != Action::Keep {
            first = Some(i);
            break;
        }
        prev = Some(c);
    }
    let Some(first) = first else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    let mut i = first;
    while let Some(c) = s[i..].chars().next() {
        let next = s[i + c.len_utf8()..].chars().next();
        match action(prev, c, next, rule) {
            Action::Keep => out.push(c),
            Action::Drop => {}
            Action::Push(r) => out.push(r),
            Action::Show => push_visible(&mut out, c),
            Action::Sequence => {
                i = sequence_end(s, i, rule.lines);
                prev = out.chars().next_back();
                continue;
            }
        }
        // What the next character follows is what is left, not what was removed.
        prev = out.chars().next_back();
        i += c.len_utf8();
    }
    Cow::Owned(out)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Keep,
    Drop,
    /// Replace with this character.
    Push(char),
    /// Replace with its [`visible`] form.
    Show,
    /// Remove the escape sequence starting here.
    Sequence,
}

fn action(prev: Option<char>, c: char, next: Option<char>, rule: Rule) -> Action {
    let crlf = c == '\r' && next == Some('\n');
    let line_break = matches!(
        c,
        '\n' | '\r' | '\x0b' | '\x0c' | '\u{85}' | '\u{2028}' | '\u{2029}'
    );
    match class(c) {
        Class::Plain => Action::Keep,
        Class::Bidi | Class::Invisible => Action::Drop,
        Class::Joiner if joiner_fits(prev, next) => Action::Keep,
        Class::Tag if tag_fits(prev) => Action::Keep,
        Class::Joiner | Class::Tag => Action::Drop,
        Class::Esc | Class::C1Csi | Class::C1String => match rule.controls {
            Controls::Show => Action::Show,
            Controls::Remove => Action::Sequence,
        },
        Class::Control | Class::LineSep => match (rule.controls, rule.lines) {
            (_, true) if c == '\n' || c == '\t' => Action::Keep,
            // In CR LF the LF breaks the line; the CR can overwrite nothing.
            (Controls::Show, true) if crlf => Action::Keep,
            (Controls::Show, _) => Action::Show,
            (Controls::Remove, _) if crlf => Action::Drop,
            (Controls::Remove, true) if line_break => Action::Push('\n'),
            (Controls::Remove, false) if line_break || c == '\t' => Action::Push(' '),
            (Controls::Remove, _) => Action::Drop,
        },
    }
}

#[cfg(test)]
mod tests;
