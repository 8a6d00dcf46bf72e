//! Finding people by what a secretary types at the attendance desk: a name or part of it
//! (汉字), a unit, a participant number, full pinyin (`wangxiaohong`, `wang xiao hong`,
//! `xi'an`), pinyin initials (`wxh`), a mix (`wang xh`, `王xh`), and, when those run out,
//! fuzzy matches for gaps (`wngxh`, via nucleo) and typing mistakes (`wnagxiaohong`).
//! Every reading of a polyphonic character counts, and a surname's own reading (曾 zeng,
//! 单 shan, 解 xie ...) comes first. Case, full-width forms and `ü`/`v`/`u` do not matter.
//!
//! Results come best first, in tiers (see the `score` constants): the exact id (a badge
//! scan always wins); the exact name; the name from its start in characters, pinyin or
//! initials (the whole name before a part of it, a character's ordinary reading before a
//! rare one: `wang wei` finds 王伟 before 方伟, whose 方 reads wang only in old texts); id
//! prefix; anywhere in the name; unit; fuzzy; typos. Fuzzy matching of pinyin (letters in
//! order with gaps) needs four letters or more, the first of them the surname's, so that
//! initials pull in no unrelated names (`wxh` is 王晓红, not 于薇宁). Equal scores keep
//! roster order. [`who`] resolves a typed WHO to one person by these tiers.
//!
//! Speed: the index is a flat scan, made cheap by per-person precomputation (the folded
//! name, its readings per character, letter and character bitsets that reject most people
//! with one AND) and by not running the fuzzy passes when the exact tiers already fill
//! `limit`. Pass a `limit` the size of what is shown.

mod normalize;
mod readings;
mod typo;
pub mod who;

#[cfg(test)]
mod tests;

use foldhash::HashMap;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::core::agenda::Participant;

use normalize::{
    compact, compact_into, compact_positions, fold_char, is_separator, letter_bit, letter_mask,
};

/// One match: an index into the slice the index was built from (then the walk-ins in
/// the order pushed), and how good it is (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub index: usize,
    pub score: u32,
}

/// The score tiers. A hit's score lies in its tier's range; a higher tier always wins.
pub mod score {
    /// The whole id (a badge number): above everything else.
    pub const EXACT_ID: u32 = 11_000;
    /// The whole name.
    pub const EXACT: u32 = 10_000;
    /// The name starts with the query, in characters or in pinyin (full syllables,
    /// initials, or a mix) from the surname on.
    pub const NAME_PREFIX: u32 = 9_000;
    /// Added when a pinyin query covers every character: `wxh` or `wangxiaohong` for 王晓红.
    pub const WHOLE_NAME_BONUS: u32 = 500;
    /// Taken off a pinyin match that needed a character's rare reading (方 as `wang`): the
    /// name as people read it comes first, even when it is only the start of a name.
    pub const RARE_READING: u32 = 600;
    /// The id starts with the query (a badge number typed in part).
    pub const ID_PREFIX: u32 = 8_000;
    /// The query is inside the name (`晓红`, `xiaohong`, `xh` for 王晓红).
    pub const NAME_INSIDE: u32 = 7_000;
    /// Added when the match runs to the name's end (the whole given name).
    pub const NAME_END_BONUS: u32 = 300;
    /// The id contains the query (only for a query with a digit).
    pub const ID_INSIDE: u32 = 6_800;
    /// The unit contains the query; +500 for the whole unit, +300 for its start.
    pub const UNIT: u32 = 6_000;
    /// Fuzzy (letters in order with gaps): this plus nucleo's score, capped below UNIT.
    pub const FUZZY: u32 = 3_000;
    /// One typing mistake; two mistakes score `TYPO - 500`.
    pub const TYPO: u32 = 2_000;
}

/// Which of a person's fields a match was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchField {
    Id,
    Name,
    Unit,
}

/// How the query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MatchKind {
    Exact,
    Prefix,
    /// Somewhere inside the field.
    Inside,
    /// Letters in order with gaps.
    Fuzzy,
    /// With a typing mistake.
    Typo,
}

/// Why a person matched, for highlighting: the field, the kind, whether it went through
/// pinyin, and which characters of the field (indices among the original text's `chars`)
/// matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchInfo {
    pub field: MatchField,
    pub kind: MatchKind,
    pub by_pinyin: bool,
    pub score: u32,
    pub positions: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// Whether names were read in pinyin: an index built for a query without letters
    /// (hanzi, a badge number) leaves the readings out ([`NameIndex::build_for`]).
    pinyin: bool,
    /// What a scan reads for every person, kept small and contiguous: most people are
    /// rejected here without touching `entries`.
    filters: Vec<Filter>,
    entries: Vec<Entry>,
    /// Every name's tokens, entry after entry.
    tokens: Vec<Token>,
    /// Syllable ids, a run per distinct (character, preferred readings).
    readings: Vec<u32>,
    /// Syllables as lower-case ASCII, by id.
    syllables: Vec<Box<[u8]>>,
    syllable_ids: HashMap<Box<[u8]>, u32>,
    /// Keyed by the character and the address of its preferred readings (a static table).
    reading_runs: HashMap<(char, usize), (u32, u16)>,
    /// Fuzzy haystacks (every reading, space-separated), entry after entry.
    hay: Vec<u8>,
    /// Ids and names as given and folded (`Span`s point here): one allocation, not four
    /// per person.
    text: String,
    /// Distinct units (rosters repeat them hundreds of times).
    units: Vec<Unit>,
    unit_ids: HashMap<Box<str>, u32>,
}

/// A piece of `NameIndex::text`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

#[derive(Debug, Clone)]
struct Entry {
    id: Span,
    name: Span,
    id_key: Span,
    name_key: Span,
    unit: u32,
    tokens: u32,
    token_count: u32,
    hay_len: u16,
    hay: u32,
    /// The name as read (each character's first reading, no spaces), also in `hay`.
    read: u32,
    read_len: u16,
}

/// Bitsets for prefilters: characters of the name and id (see `char_bits`), first
/// letters of every reading, every letter of every reading; the unit; the first two
/// letters of the name as read.
#[derive(Debug, Clone, Copy)]
struct Filter {
    name_chars: u128,
    id_chars: u128,
    initials: u32,
    letters: u32,
    unit: u32,
    first: [u8; 2],
    /// Letter pairs of the name as read, hashed to 64 bits (for the typo prefilter).
    pairs: u64,
}

#[derive(Debug, Clone)]
struct Unit {
    text: Box<str>,
    key: Box<str>,
    chars: u128,
}

/// One character of a name (or one Latin word): matched by itself, or by any of its
/// readings in full or abbreviated.
#[derive(Debug, Clone, Copy)]
struct Token {
    /// The folded character, `'\0'` for a word.
    ch: char,
    readings: u32,
    reading_count: u16,
    /// How many of the readings, from the first, are ordinary ones (the surname's for a
    /// surname, else the most common); the others are rare.
    common: u16,
}

/// What a name is cut into: Chinese characters, Latin words (or digits), other
/// characters; separators dropped. Positions are indices among the name's `chars`.
enum Piece {
    Han(char),
    Word(String),
    Other(char),
}

fn pieces(name: &str) -> Vec<(usize, usize, Piece)> {
    let mut out: Vec<(usize, usize, Piece)> = Vec::new();
    for (i, c) in name.chars().enumerate() {
        let f = fold_char(c);
        if is_separator(f) {
            continue;
        }
        if f.is_ascii_alphanumeric() {
            if let Some((start, len, Piece::Word(w))) = out.last_mut()
                && *start + *len == i
            {
                w.push(f);
                *len += 1;
                continue;
            }
            out.push((i, 1, Piece::Word(f.to_string())));
        } else if readings::has_pinyin(f) {
            out.push((i, 1, Piece::Han(f)));
        } else {
            out.push((i, 1, Piece::Other(f)));
        }
    }
    out
}

/// The readings to put first for a name's first two pieces: a surname's own (曾 zeng,
/// 尉迟 yu chi) when the name starts with one.
fn surname_of(pieces: &[(usize, usize, Piece)]) -> [&'static [&'static str]; 2] {
    match pieces {
        [(_, _, Piece::Han(a)), rest @ ..] => {
            let b = match rest.first() {
                Some((_, _, Piece::Han(b))) => Some(*b),
                _ => None,
            };
            readings::surname_preference(*a, b)
        }
        _ => [&[][..], &[][..]],
    }
}

/// A name as read, for sorting a roster by name: each character's first reading (a
/// surname's own first: 曾 zeng, 尉 wei, 尉迟 yu chi), Latin words as written, syllables
/// apart: `zeng xiao hong`. These are the readings the index puts first, so the order a
/// roster is sorted in and what finds a person agree.
pub fn sort_key(name: &str) -> String {
    let pieces = pieces(name);
    let surname = surname_of(&pieces);
    let mut out = String::with_capacity(name.len() * 2);
    for (k, (_, _, piece)) in pieces.iter().enumerate() {
        if !out.is_empty() {
            out.push(' ');
        }
        match piece {
            Piece::Han(c) => {
                let preferred = if k < 2 { surname[k] } else { &[] };
                match readings::readings(*c, preferred).first() {
                    Some(r) => out.push_str(&String::from_utf8_lossy(r)),
                    None => out.push(*c),
                }
            }
            Piece::Word(w) => out.push_str(w),
            Piece::Other(c) => out.push(*c),
        }
    }
    out
}

/// A 128-bit set of the characters of a (folded) string: letters and digits each have
/// their own bit, so that a pinyin query never looks like it might be in a Chinese
/// name or a numeric id; everything else is hashed into the remaining 92.
fn char_bits(s: &str) -> u128 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// The adjacent letter pairs of `s`, hashed to 64 bits.
fn pair_bits(s: &[u8]) -> u64 {
    s.windows(2).fold(0, |m, w| {
        let pair = u32::from(w[0]) << 8 | u32::from(w[1]);
        m | 1 << (pair.wrapping_mul(0x9E37_79B1) >> 26)
    })
}

fn char_bit(c: char) -> u128 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + ((c as u32).wrapping_mul(0x9E37_79B1) >> 8) % 92),
    }
}

/// The query, prepared once per search.
struct Query {
    text: String,
    chars: Vec<char>,
    /// ASCII letters in the query.
    letters: u32,
    has_letter: bool,
    has_digit: bool,
    ascii: bool,
    text_chars: u128,
    /// The bit of the first character if it is a letter.
    first_letter: u32,
    pairs: u64,
}

impl Query {
    /// Whether fuzzy matching reads the names in pinyin: for letters (with or without
    /// digits); hanzi and digits alone are matched against the names as written.
    fn by_pinyin(&self) -> bool {
        self.ascii && self.has_letter
    }

    fn new(raw: &str) -> Query {
        let text = compact(raw);
        let chars: Vec<char> = text.chars().collect();
        Query {
            letters: letter_mask(text.bytes()),
            has_letter: text.bytes().any(|b| b.is_ascii_lowercase()),
            has_digit: text.bytes().any(|b| b.is_ascii_digit()),
            ascii: text.is_ascii(),
            text_chars: char_bits(&text),
            first_letter: text.bytes().next().map_or(0, letter_bit),
            pairs: pair_bits(text.as_bytes()),
            chars,
            text,
        }
    }
}

/// How far a pinyin walk got: the token after the last one used, whether the query used
/// up the name's last token with a whole syllable, an initial or the character, and
/// whether it needed a rare reading.
#[derive(Debug, Clone, Copy)]
struct Reach {
    end: usize,
    whole: bool,
    rare: bool,
}

impl Reach {
    /// Better reaches first, as they score: ordinary readings, then the whole name.
    fn rank(self) -> (bool, bool) {
        (!self.rare, self.whole)
    }

    fn best(self) -> bool {
        self.whole && !self.rare
    }
}

/// What the exact tiers found, with enough to highlight it.
#[derive(Debug, Clone, Copy)]
enum Found {
    ExactId,
    ExactName,
    NameText { at: usize, prefix: bool },
    Pinyin { start: usize, end: usize },
    IdText { at: usize },
    UnitText { at: usize },
}

impl NameIndex {
    pub fn build<'a>(people: impl IntoIterator<Item = &'a Participant>) -> NameIndex {
        Self::build_with(people, true)
    }

    /// An index that answers `query` as [`NameIndex::build`]'s would, built only as far as
    /// the query needs: without pinyin readings (most of the build's cost) for a query
    /// without letters, such as hanzi or a badge number.
    pub fn build_for<'a>(
        people: impl IntoIterator<Item = &'a Participant>,
        query: &str,
    ) -> NameIndex {
        Self::build_with(people, Query::new(query).has_letter)
    }

    /// Whether this index answers `query` as a full one would.
    pub fn answers(&self, query: &str) -> bool {
        self.pinyin || !Query::new(query).has_letter
    }

    fn build_with<'a>(
        people: impl IntoIterator<Item = &'a Participant>,
        pinyin: bool,
    ) -> NameIndex {
        let people = people.into_iter();
        let n = people.size_hint().0;
        let mut ix = NameIndex {
            pinyin,
            ..NameIndex::default()
        };
        ix.entries.reserve(n);
        ix.tokens.reserve(n * 3);
        ix.hay.reserve(n * 20);
        for p in people {
            ix.push(p);
        }
        ix
    }

    /// Add one person (a walk-in) at the next index.
    pub fn push(&mut self, p: &Participant) {
        let tokens = self.tokens.len() as u32;
        let hay = self.hay.len() as u32;
        let pieces = pieces(&p.name);
        let surname = surname_of(&pieces);
        let (mut initials, mut letters) = (0u32, 0u32);
        for (k, (_, _, piece)) in pieces.iter().enumerate() {
            let token = match piece {
                Piece::Han(c) if self.pinyin => {
                    let preferred = if k < 2 { surname[k] } else { &[] };
                    let (readings, reading_count) = self.reading_run(*c, preferred);
                    Token {
                        ch: *c,
                        readings,
                        reading_count,
                        common: preferred.len().max(1) as u16,
                    }
                }
                Piece::Word(w) => {
                    let id = self.syllable(w.as_bytes());
                    self.readings.push(id);
                    Token {
                        ch: '\0',
                        readings: self.readings.len() as u32 - 1,
                        reading_count: 1,
                        common: 1,
                    }
                }
                Piece::Han(c) | Piece::Other(c) => Token {
                    ch: *c,
                    readings: 0,
                    reading_count: 0,
                    common: 0,
                },
            };
            let run =
                token.readings as usize..token.readings as usize + token.reading_count as usize;
            for &s in &self.readings[run] {
                let syl = &self.syllables[s as usize];
                initials |= letter_bit(syl[0]);
                letters |= letter_mask(syl.iter().copied());
                if self.hay.len() > hay as usize {
                    self.hay.push(b' ');
                }
                self.hay.extend_from_slice(syl);
            }
            self.tokens.push(token);
        }
        let unit = self.unit(&p.unit);
        let id = self.put(&p.id, false);
        let name = self.put(&p.name, false);
        let id_key = self.put(&p.id, true);
        let name_key = self.put(&p.name, true);
        let hay_len = (self.hay.len() as u32 - hay).min(u16::MAX as u32) as u16;
        let read = self.hay.len() as u32;
        for t in &self.tokens[tokens as usize..] {
            if t.reading_count > 0 {
                let s = self.readings[t.readings as usize];
                self.hay.extend_from_slice(&self.syllables[s as usize]);
            }
        }
        let read_len = (self.hay.len() as u32 - read).min(u16::MAX as u32) as u16;
        let read_text = &self.hay[read as usize..];
        let mut first = [0u8; 2];
        for (slot, &b) in first.iter_mut().zip(read_text) {
            *slot = b;
        }
        let pairs = pair_bits(read_text);
        self.filters.push(Filter {
            name_chars: char_bits(self.text(name_key)),
            id_chars: char_bits(self.text(id_key)),
            initials,
            letters,
            unit,
            first,
            pairs,
        });
        self.entries.push(Entry {
            id,
            name,
            id_key,
            name_key,
            unit,
            tokens,
            token_count: self.tokens.len() as u32 - tokens,
            hay,
            hay_len,
            read,
            read_len,
        });
    }

    /// Append `s` (folded and compacted if `key`) to the text arena.
    fn put(&mut self, s: &str, key: bool) -> Span {
        let start = self.text.len();
        if key {
            compact_into(&mut self.text, s);
        } else {
            self.text.push_str(s);
        }
        Span {
            start: start as u32,
            len: (self.text.len() - start) as u32,
        }
    }

    fn text(&self, s: Span) -> &str {
        &self.text[s.start as usize..(s.start + s.len) as usize]
    }

    fn syllable(&mut self, s: &[u8]) -> u32 {
        if let Some(&id) = self.syllable_ids.get(s) {
            return id;
        }
        let id = self.syllables.len() as u32;
        self.syllables.push(s.into());
        self.syllable_ids.insert(s.into(), id);
        id
    }

    fn reading_run(&mut self, c: char, preferred: &'static [&'static str]) -> (u32, u16) {
        let key = (c, preferred.as_ptr() as usize);
        if let Some(&run) = self.reading_runs.get(&key) {
            return run;
        }
        let start = self.readings.len() as u32;
        for r in readings::readings(c, preferred) {
            let id = self.syllable(&r);
            self.readings.push(id);
        }
        let run = (start, (self.readings.len() as u32 - start) as u16);
        self.reading_runs.insert(key, run);
        run
    }

    fn unit(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.unit_ids.get(text) {
            return id;
        }
        let id = self.units.len() as u32;
        let key = compact(text);
        self.units.push(Unit {
            text: text.into(),
            chars: char_bits(&key),
            key: key.into(),
        });
        self.unit_ids.insert(text.into(), id);
        id
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The name in pinyin as read (surnames with their surname reading), syllables apart:
    /// `zeng xiao hong` for 曾晓红: the same as [`sort_key`] of the name.
    pub fn name_pinyin(&self, index: usize) -> String {
        let Some(e) = self.entries.get(index) else {
            return String::new();
        };
        let mut out = String::new();
        for t in self.entry_tokens(e) {
            let first = self.token_readings(t).first();
            let piece = match first {
                Some(&s) => String::from_utf8_lossy(&self.syllables[s as usize]).into_owned(),
                None => t.ch.to_string(),
            };
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&piece);
        }
        out
    }

    fn entry_tokens(&self, e: &Entry) -> &[Token] {
        &self.tokens[e.tokens as usize..e.tokens as usize + e.token_count as usize]
    }

    fn token_readings(&self, t: &Token) -> &[u32] {
        &self.readings[t.readings as usize..t.readings as usize + t.reading_count as usize]
    }

    fn entry_hay(&self, e: &Entry) -> &[u8] {
        &self.hay[e.hay as usize..e.hay as usize + e.hay_len as usize]
    }

    /// The best `limit` matches among the people `keep` accepts, best first; equal
    /// scores in index order. An empty query (or one of separators only) matches nobody.
    pub fn search(&self, query: &str, limit: usize, keep: impl Fn(usize) -> bool) -> Vec<Hit> {
        let q = Query::new(query);
        if q.text.is_empty() || limit == 0 {
            return Vec::new();
        }
        let unit_scores = self.unit_scores(&q);
        let mut hits: Vec<Hit> = Vec::new();
        for (i, f) in self.filters.iter().enumerate() {
            let may = Possible::of(f, &q, &unit_scores);
            if may.any()
                && keep(i)
                && let Some((score, _)) = self.exact_tiers(i, &q, may, &unit_scores)
            {
                hits.push(Hit { index: i, score });
            }
        }
        // Fuzzy hits rank below every exact-tier hit: only look for them when the exact
        // tiers leave room.
        if hits.len() < limit && q.chars.len() >= 2 {
            let mut taken = vec![false; self.entries.len()];
            for h in &hits {
                taken[h.index] = true;
            }
            let mut fuzzy = Fuzzy::new(&q);
            for (i, taken) in taken.iter_mut().enumerate() {
                if !*taken
                    && let Some(score) = self.fuzzy_score(i, &q, &mut fuzzy)
                    && keep(i)
                {
                    *taken = true;
                    hits.push(Hit { index: i, score });
                }
            }
            if hits.len() < limit
                && let Some(max) = typo_budget(&q)
            {
                for (i, &taken) in taken.iter().enumerate() {
                    if !taken
                        && let Some(score) = self.typo_score(i, &q, max)
                        && keep(i)
                    {
                        hits.push(Hit { index: i, score });
                    }
                }
            }
        }
        let order = |a: &Hit, b: &Hit| b.score.cmp(&a.score).then(a.index.cmp(&b.index));
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits
    }

    /// Why person `index` matches `query` (the same reasoning `search` uses, with the
    /// matched characters for highlighting); `None` if it does not.
    pub fn explain(&self, index: usize, query: &str) -> Option<MatchInfo> {
        let e = self.entries.get(index)?;
        let q = Query::new(query);
        if q.text.is_empty() {
            return None;
        }
        let unit_scores = self.unit_scores(&q);
        let may = Possible::of(&self.filters[index], &q, &unit_scores);
        if let Some((score, found)) = self.exact_tiers(index, &q, may, &unit_scores) {
            let n = q.chars.len();
            // `at` is a byte offset into `key`, the compact form of `text`.
            let span = |text: &str, key: &str, at: usize| -> Vec<usize> {
                let at = key[..at].chars().count();
                let map = compact_positions(text);
                map.get(at..at + n)
                    .map(<[usize]>::to_vec)
                    .unwrap_or_default()
            };
            let unit = &self.units[e.unit as usize];
            let (field, kind, by_pinyin, positions) = match found {
                Found::ExactId => (
                    MatchField::Id,
                    MatchKind::Exact,
                    false,
                    span(self.text(e.id), self.text(e.id_key), 0),
                ),
                Found::ExactName => (
                    MatchField::Name,
                    MatchKind::Exact,
                    false,
                    span(self.text(e.name), self.text(e.name_key), 0),
                ),
                Found::NameText { at, prefix } => {
                    let kind = if prefix {
                        MatchKind::Prefix
                    } else {
                        MatchKind::Inside
                    };
                    (
                        MatchField::Name,
                        kind,
                        false,
                        span(self.text(e.name), self.text(e.name_key), at),
                    )
                }
                Found::Pinyin { start, end } => {
                    let kind = if start == 0 {
                        MatchKind::Prefix
                    } else {
                        MatchKind::Inside
                    };
                    let positions = pieces(self.text(e.name))[start..end]
                        .iter()
                        .flat_map(|&(pos, len, _)| pos..pos + len)
                        .collect();
                    (MatchField::Name, kind, true, positions)
                }
                Found::IdText { at } => {
                    let kind = if at == 0 {
                        MatchKind::Prefix
                    } else {
                        MatchKind::Inside
                    };
                    (
                        MatchField::Id,
                        kind,
                        false,
                        span(self.text(e.id), self.text(e.id_key), at),
                    )
                }
                Found::UnitText { at } => {
                    let kind = if unit.key.len() == q.text.len() {
                        MatchKind::Exact
                    } else if at == 0 {
                        MatchKind::Prefix
                    } else {
                        MatchKind::Inside
                    };
                    (
                        MatchField::Unit,
                        kind,
                        false,
                        span(&unit.text, &unit.key, at),
                    )
                }
            };
            return Some(MatchInfo {
                field,
                kind,
                by_pinyin,
                score,
                positions,
            });
        }
        let mut fuzzy = Fuzzy::new(&q);
        if let Some(score) = self.fuzzy_score(index, &q, &mut fuzzy) {
            let positions = self.fuzzy_positions(e, &q, &mut fuzzy);
            return Some(MatchInfo {
                field: MatchField::Name,
                kind: MatchKind::Fuzzy,
                by_pinyin: q.by_pinyin(),
                score,
                positions,
            });
        }
        let max = typo_budget(&q)?;
        let score = self.typo_score(index, &q, max)?;
        Some(MatchInfo {
            field: MatchField::Name,
            kind: MatchKind::Typo,
            by_pinyin: true,
            score,
            positions: Vec::new(),
        })
    }

    /// Each distinct unit's score for this query (0: no match), computed once per search.
    fn unit_scores(&self, q: &Query) -> Vec<(u32, u32)> {
        self.units
            .iter()
            .map(|u| {
                if q.text_chars & !u.chars != 0 {
                    return (0, 0);
                }
                match find(&u.key, &q.text) {
                    Some(_) if *u.key == q.text => (score::UNIT + 500, 0),
                    Some(0) => (score::UNIT + 300, 0),
                    Some(at) => (score::UNIT, at as u32),
                    None => (0, 0),
                }
            })
            .collect()
    }

    /// The best exact-tier score of person `i`, and what gave it. Offsets in `Found` are
    /// in bytes of the compact keys here; `explain` turns them into characters.
    fn exact_tiers(
        &self,
        i: usize,
        q: &Query,
        may: Possible,
        units: &[(u32, u32)],
    ) -> Option<(u32, Found)> {
        let e = &self.entries[i];
        let f = &self.filters[i];
        // Equal strings have equal character sets: compare the sets first.
        let (id_key, name_key) = (self.text(e.id_key), self.text(e.name_key));
        if may.id && f.id_chars == q.text_chars && id_key == q.text {
            return Some((score::EXACT_ID, Found::ExactId));
        }
        if may.name && f.name_chars == q.text_chars && name_key == q.text {
            return Some((score::EXACT, Found::ExactName));
        }
        let mut best: Option<(u32, Found)> = None;
        let offer = |s: u32, f: Found, best: &mut Option<(u32, Found)>| {
            if best.is_none_or(|(b, _)| s > b) {
                *best = Some((s, f));
            }
        };
        let name_at = if may.name {
            find(name_key, &q.text)
        } else {
            None
        };
        if name_at == Some(0) {
            let found = Found::NameText {
                at: 0,
                prefix: true,
            };
            offer(score::NAME_PREFIX, found, &mut best);
        }
        if may.pinyin
            && let Some((s, f)) = self.pinyin_tier(e, q)
        {
            offer(s, f, &mut best);
        }
        let floor = best.map_or(0, |(s, _)| s);
        if floor < score::ID_PREFIX && may.id {
            match find(id_key, &q.text) {
                Some(0) => offer(score::ID_PREFIX, Found::IdText { at: 0 }, &mut best),
                Some(at) if q.has_digit => offer(score::ID_INSIDE, Found::IdText { at }, &mut best),
                _ => {}
            }
        }
        let floor = best.map_or(0, |(s, _)| s);
        if floor < score::NAME_INSIDE
            && let Some(at) = name_at
            && at > 0
        {
            let to_end = at + q.text.len() == name_key.len();
            let s = score::NAME_INSIDE + if to_end { score::NAME_END_BONUS } else { 0 };
            offer(s, Found::NameText { at, prefix: false }, &mut best);
        }
        if may.unit {
            let (unit_score, at) = units[f.unit as usize];
            offer(unit_score, Found::UnitText { at: at as usize }, &mut best);
        }
        best
    }

    /// Pinyin (full, initials, mixed with characters) from the surname on, or from a
    /// later character.
    fn pinyin_tier(&self, e: &Entry, q: &Query) -> Option<(u32, Found)> {
        let toks = self.entry_tokens(e);
        let mut best: Option<(u32, Found)> = None;
        for start in 0..toks.len() {
            let Some(r) = self.walk(&q.chars, toks, start) else {
                continue;
            };
            let found = Found::Pinyin { start, end: r.end };
            let rare = if r.rare { score::RARE_READING } else { 0 };
            if start == 0 {
                let bonus = if r.whole { score::WHOLE_NAME_BONUS } else { 0 };
                return Some((score::NAME_PREFIX + bonus - rare, found));
            }
            let s = score::NAME_INSIDE + if r.whole { score::NAME_END_BONUS } else { 0 } - rare;
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, found));
            }
        }
        best
    }

    /// Can the query (non-empty) be read off the tokens from `t` on? Each token takes the
    /// character itself, one of its readings in full, or a reading's initial (`z`, `zh`);
    /// the query may end inside a reading. Prefers a reading that covers the whole name.
    fn walk(&self, q: &[char], toks: &[Token], t: usize) -> Option<Reach> {
        let tok = toks.get(t)?;
        let last = t + 1 == toks.len();
        let mut best: Option<Reach> = None;
        // Keeps the better reach; true when it cannot get better.
        let offer = |r: Option<Reach>, best: &mut Option<Reach>| -> bool {
            if let Some(r) = r
                && best.is_none_or(|b| r.rank() > b.rank())
            {
                *best = Some(r);
            }
            best.is_some_and(Reach::best)
        };
        if q[0] == tok.ch {
            let r = if q.len() == 1 {
                Some(Reach {
                    end: t + 1,
                    whole: last,
                    rare: false,
                })
            } else {
                self.walk(&q[1..], toks, t + 1)
            };
            if offer(r, &mut best) {
                return best;
            }
        }
        // Readings often share a beginning (zhao, zhuo, zhe): try each way to go on (how
        // many query letters this token takes) once, with the most ordinary reading that
        // allows it (the readings come ordinary first).
        let mut tried: u64 = 0;
        let mut go_on = |taken: usize, rare: bool, best: &mut Option<Reach>| -> bool {
            if taken >= 64 || tried & (1 << taken) != 0 {
                return false;
            }
            tried |= 1 << taken;
            let r = self.walk(&q[taken..], toks, t + 1).map(|r| Reach {
                rare: r.rare || rare,
                ..r
            });
            offer(r, best)
        };
        for (n, &s) in self.token_readings(tok).iter().enumerate() {
            let rare = n >= usize::from(tok.common);
            let syl = &self.syllables[s as usize];
            let k = syl
                .iter()
                .zip(q)
                .take_while(|&(&b, &c)| b as u32 == c as u32)
                .count();
            if k == 0 {
                continue;
            }
            let initial = readings::initial_len(syl);
            if k == q.len() {
                let whole = last && (k == syl.len() || k <= initial);
                let reach = Reach {
                    end: t + 1,
                    whole,
                    rare,
                };
                if offer(Some(reach), &mut best) {
                    return best;
                }
                continue;
            }
            if k == syl.len() && go_on(k, rare, &mut best) {
                return best;
            }
            if syl.len() > 1 && go_on(1, rare, &mut best) {
                return best;
            }
            if initial == 2 && k >= 2 && syl.len() > 2 && go_on(2, rare, &mut best) {
                return best;
            }
        }
        best
    }

    fn fuzzy_score(&self, i: usize, q: &Query, fz: &mut Fuzzy) -> Option<u32> {
        let f = &self.filters[i];
        let e = &self.entries[i];
        let s = if q.by_pinyin() {
            // Letters in order with gaps, over every reading of every character: from four
            // letters on, and from the surname's first letter, or initials would pull in
            // names that merely hold those letters somewhere.
            if q.text.len() < 4 || f.first[0] != q.text.as_bytes()[0] || q.letters & !f.letters != 0
            {
                return None;
            }
            let hay = self.entry_hay(e);
            // nucleo only scores what is a subsequence; check that cheaply first.
            if !is_subsequence(q.text.as_bytes(), hay) {
                return None;
            }
            fz.atom.score(Utf32Str::Ascii(hay), &mut fz.matcher)?
        } else {
            if q.text_chars & !f.name_chars != 0 {
                return None;
            }
            let hay = Utf32Str::new(self.text(e.name_key), &mut fz.buf);
            fz.atom.score(hay, &mut fz.matcher)?
        };
        Some(score::FUZZY + u32::from(s).min(score::UNIT - score::FUZZY - 1))
    }

    /// The name's characters a fuzzy match touched.
    fn fuzzy_positions(&self, e: &Entry, q: &Query, f: &mut Fuzzy) -> Vec<usize> {
        let mut indices = Vec::new();
        if q.by_pinyin() {
            f.atom.indices(
                Utf32Str::Ascii(self.entry_hay(e)),
                &mut f.matcher,
                &mut indices,
            );
            // Which token each haystack byte came from (the layout `push` wrote).
            let mut owner = Vec::with_capacity(e.hay_len as usize);
            for (k, t) in self.entry_tokens(e).iter().enumerate() {
                for &s in self.token_readings(t) {
                    if !owner.is_empty() {
                        owner.push(usize::MAX);
                    }
                    owner.extend(std::iter::repeat_n(k, self.syllables[s as usize].len()));
                }
            }
            let spans = pieces(self.text(e.name));
            let mut tokens: Vec<usize> = indices
                .iter()
                .filter_map(|&i| owner.get(i as usize).copied())
                .filter(|&k| k != usize::MAX)
                .collect();
            tokens.dedup();
            tokens
                .into_iter()
                .filter_map(|k| spans.get(k))
                .flat_map(|&(pos, len, _)| pos..pos + len)
                .collect()
        } else {
            let hay = Utf32Str::new(self.text(e.name_key), &mut f.buf);
            f.atom.indices(hay, &mut f.matcher, &mut indices);
            let map = compact_positions(self.text(e.name));
            indices
                .iter()
                .filter_map(|&i| map.get(i as usize).copied())
                .collect()
        }
    }

    /// A name typed in pinyin from the surname on, with up to `max` mistakes.
    fn typo_score(&self, i: usize, q: &Query, max: u8) -> Option<u32> {
        let f = &self.filters[i];
        if (q.letters & !f.letters).count_ones() > u32::from(max) {
            return None;
        }
        // Whatever the first mistake (wrong, extra, missing or swapped letter), one of the
        // query's first two letters is one of the name's first two.
        let qb = q.text.as_bytes();
        if !qb[..2].iter().any(|b| f.first.contains(b)) {
            return None;
        }
        // One mistake breaks at most three of the query's letter pairs.
        if (q.pairs & !f.pairs).count_ones() > 3 * u32::from(max) {
            return None;
        }
        let e = &self.entries[i];
        let read = &self.hay[e.read as usize..e.read as usize + e.read_len as usize];
        let d = typo::prefix_distance(qb, read, max)?;
        Some(score::TYPO - 500 * u32::from(d.saturating_sub(1)))
    }
}

/// Which exact tiers a person can possibly reach for a query, from the bitsets alone.
#[derive(Debug, Clone, Copy)]
struct Possible {
    id: bool,
    name: bool,
    pinyin: bool,
    unit: bool,
}

impl Possible {
    fn of(f: &Filter, q: &Query, units: &[(u32, u32)]) -> Possible {
        Possible {
            id: q.text_chars & !f.id_chars == 0,
            name: q.text_chars & !f.name_chars == 0,
            pinyin: q.has_letter
                && q.letters & !f.letters == 0
                && (q.first_letter == 0 || f.initials & q.first_letter != 0),
            unit: units[f.unit as usize].0 > 0,
        }
    }

    fn any(self) -> bool {
        self.id || self.name || self.pinyin || self.unit
    }
}

/// Byte offset of `needle` in `hay`, both short: cheaper than `str::find`'s searcher setup.
fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let (&first, rest) = n.split_first()?;
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&at| h[at] == first && h[at + 1..at + n.len()] == *rest)
}

fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut it = hay.iter();
    needle.iter().all(|b| it.any(|h| h == b))
}

/// How many typing mistakes a query may carry: none below four letters (too many names
/// would match), one up to seven, two beyond.
fn typo_budget(q: &Query) -> Option<u8> {
    if !q.text.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    match q.text.len() {
        0..=3 => None,
        4..=7 => Some(1),
        _ => Some(2),
    }
}

/// nucleo's matcher and the query as its atom, made once per search.
struct Fuzzy {
    matcher: Matcher,
    atom: Atom,
    buf: Vec<char>,
}

impl Fuzzy {
    fn new(q: &Query) -> Fuzzy {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            atom: Atom::new(
                &q.text,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
                false,
            ),
            buf: Vec::new(),
        }
    }
}
