//! The bytes of a snapshot (the cache beside the journals, `store::snapshot`): a parsed
//! agenda and a folded meeting written compactly, so that the next command reads them
//! back in a few milliseconds instead of parsing the agenda's JSON and folding every
//! event again. A snapshot is only an accelerator: the store checks its key and its
//! checksum before it is used, and anything here that does not read back whole is
//! `None` (the store then parses and folds as if there were no snapshot).
//!
//! The encoding is plain and fixed-width (little-endian numbers, length-prefixed texts).
//! Each struct is written and read through [`snap_struct!`], which names every field:
//! adding a field to a struct without adding it here does not compile. Raise
//! [`FORMAT`] whenever what is written changes.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::agenda::{Agenda, Participant, Role};
use super::event::Event;
use super::hlc::Hlc;
use super::load::{Diagnostic, Location, Severity};

/// The version of the encoding: a snapshot of another version is not read.
pub const FORMAT: u32 = 2;

/// Bytes being written. Texts go to a pool of their own, after the rest: read back, the
/// pool is checked as UTF-8 once, not text by text (a roster is 250,000 short texts).
/// With a `spill`, the bytes are handed out a megabyte at a time as they are written (so
/// that a 10 MB snapshot is not held whole beside the meeting it is made of).
#[derive(Default)]
pub struct Enc<'a> {
    pub bytes: Vec<u8>,
    texts: String,
    spill: Option<Spill<'a>>,
}

/// Where written bytes go as they are written.
pub type Spill<'a> = &'a mut dyn FnMut(&[u8]);

impl<'a> Enc<'a> {
    /// Bytes handed to `spill` as they are written; [`Enc::finish`] gives the rest.
    pub fn spilling(spill: Spill<'a>) -> Enc<'a> {
        Enc {
            bytes: Vec::with_capacity(SPILL_AT + 4096),
            texts: String::new(),
            spill: Some(spill),
        }
    }

    /// The bytes (those not handed out yet), then the texts, then the texts' length.
    pub fn finish(self) -> Vec<u8> {
        let Enc {
            mut bytes, texts, ..
        } = self;
        bytes.extend_from_slice(texts.as_bytes());
        bytes.extend_from_slice(&(texts.len() as u64).to_le_bytes());
        bytes
    }

    /// Hand out what was written, when it is enough to be worth a write.
    fn maybe_spill(&mut self) {
        if self.bytes.len() >= SPILL_AT
            && let Some(spill) = &mut self.spill
        {
            spill(&self.bytes);
            self.bytes.clear();
        }
    }

    /// A text as where it is in the pool and its length, in 4 bytes each (a pool past
    /// 4 GB is written as out of range, and the snapshot does not read back).
    fn text(&mut self, s: &str) {
        let at = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        at.put(self);
        u32::try_from(s.len()).unwrap_or(u32::MAX).put(self);
        self.texts.push_str(s);
    }
}

const SPILL_AT: usize = 1 << 20;

/// Bytes being read; every read is `None` past the end or at anything malformed.
pub struct Dec<'a> {
    bytes: &'a [u8],
    at: usize,
    texts: &'a str,
}

impl<'a> Dec<'a> {
    /// What [`Enc::finish`] wrote, if its texts are UTF-8.
    pub fn new(all: &'a [u8]) -> Option<Dec<'a>> {
        let (rest, len) = all.split_at_checked(all.len().checked_sub(8)?)?;
        let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
        let (bytes, texts) = rest.split_at_checked(rest.len().checked_sub(len)?)?;
        let texts = simdutf8::basic::from_utf8(texts).ok()?;
        Some(Dec {
            bytes,
            at: 0,
            texts,
        })
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    /// Whether every byte was read (a snapshot with bytes left over is not trusted).
    pub fn at_end(&self) -> bool {
        self.at == self.bytes.len()
    }

    /// A length that cannot be more than the bytes left (each element takes at least
    /// one), so that a damaged length cannot ask for a huge allocation.
    fn len(&mut self) -> Option<usize> {
        let n = usize::get(self)?;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    /// Room to reserve for `n` elements read next: what the bytes left can hold at most,
    /// and a list of a million at once at most (an element in memory may be far larger
    /// than its bytes; the list grows past that as it is read).
    fn room(n: usize) -> usize {
        n.min(1 << 20)
    }

    /// A text from the pool (`None` if it is not there, or not cut at characters).
    pub fn str(&mut self) -> Option<&'a str> {
        let start = u32::get(self)? as usize;
        let len = u32::get(self)? as usize;
        self.texts.get(start..start.checked_add(len)?)
    }
}

/// A value that has a snapshot encoding.
pub trait Snap: Sized {
    fn put(&self, e: &mut Enc);
    fn get(d: &mut Dec<'_>) -> Option<Self>;
}

macro_rules! snap_int {
    ($($t:ty),*) => {$(
        impl Snap for $t {
            fn put(&self, e: &mut Enc) {
                e.bytes.extend_from_slice(&self.to_le_bytes());
            }
            fn get(d: &mut Dec<'_>) -> Option<Self> {
                Some(<$t>::from_le_bytes(d.array()?))
            }
        }
    )*};
}
snap_int!(u8, u32, u64, i32, i64, u128);

impl Snap for usize {
    fn put(&self, e: &mut Enc) {
        (*self as u64).put(e)
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        usize::try_from(u64::get(d)?).ok()
    }
}

impl Snap for bool {
    fn put(&self, e: &mut Enc) {
        u8::from(*self).put(e)
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        match u8::get(d)? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Snap for String {
    fn put(&self, e: &mut Enc) {
        e.text(self)
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        d.str().map(str::to_string)
    }
}

impl Snap for Box<str> {
    fn put(&self, e: &mut Enc) {
        e.text(self)
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        d.str().map(Box::from)
    }
}

impl<T: Snap> Snap for Option<T> {
    fn put(&self, e: &mut Enc) {
        match self {
            None => 0u8.put(e),
            Some(v) => {
                1u8.put(e);
                v.put(e);
            }
        }
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        match u8::get(d)? {
            0 => Some(None),
            1 => Some(Some(T::get(d)?)),
            _ => None,
        }
    }
}

impl<T: Snap> Snap for Box<T> {
    fn put(&self, e: &mut Enc) {
        (**self).put(e)
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        T::get(d).map(Box::new)
    }
}

impl<T: Snap> Snap for Vec<T> {
    fn put(&self, e: &mut Enc) {
        self.len().put(e);
        for v in self {
            v.put(e);
            e.maybe_spill();
        }
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        let n = d.len()?;
        let mut v = Vec::with_capacity(Dec::room(n));
        for _ in 0..n {
            v.push(T::get(d)?);
        }
        Some(v)
    }
}

impl<A: Snap, B: Snap> Snap for (A, B) {
    fn put(&self, e: &mut Enc) {
        self.0.put(e);
        self.1.put(e);
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        Some((A::get(d)?, B::get(d)?))
    }
}

impl<A: Snap, B: Snap, C: Snap> Snap for (A, B, C) {
    fn put(&self, e: &mut Enc) {
        self.0.put(e);
        self.1.put(e);
        self.2.put(e);
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        Some((A::get(d)?, B::get(d)?, C::get(d)?))
    }
}

impl<K: Snap + Ord, V: Snap> Snap for BTreeMap<K, V> {
    fn put(&self, e: &mut Enc) {
        self.len().put(e);
        for (k, v) in self {
            k.put(e);
            v.put(e);
        }
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        let n = d.len()?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let k = K::get(d)?;
            m.insert(k, V::get(d)?);
        }
        Some(m)
    }
}

/// A time to the nanosecond, as seconds and nanoseconds (any time chrono holds).
impl Snap for DateTime<Utc> {
    fn put(&self, e: &mut Enc) {
        self.timestamp().put(e);
        self.timestamp_subsec_nanos().put(e);
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        DateTime::from_timestamp(i64::get(d)?, u32::get(d)?)
    }
}

impl Snap for NaiveDate {
    fn put(&self, e: &mut Enc) {
        chrono::Datelike::num_days_from_ce(self).put(e)
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        NaiveDate::from_num_days_from_ce_opt(i32::get(d)?)
    }
}

impl Snap for Hlc {
    fn put(&self, e: &mut Enc) {
        self.ms.put(e);
        self.n.put(e);
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        Some(Hlc {
            ms: i64::get(d)?,
            n: u32::get(d)?,
        })
    }
}

impl<K, V, S> Snap for std::collections::HashMap<K, V, S>
where
    K: Snap + Eq + std::hash::Hash,
    V: Snap,
    S: std::hash::BuildHasher + Default,
{
    fn put(&self, e: &mut Enc) {
        self.len().put(e);
        for (k, v) in self {
            k.put(e);
            v.put(e);
            e.maybe_spill();
        }
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        let n = d.len()?;
        let mut m = Self::with_capacity_and_hasher(Dec::room(n), S::default());
        for _ in 0..n {
            let k = K::get(d)?;
            m.insert(k, V::get(d)?);
        }
        Some(m)
    }
}

impl<K, S> Snap for std::collections::HashSet<K, S>
where
    K: Snap + Eq + std::hash::Hash,
    S: std::hash::BuildHasher + Default,
{
    fn put(&self, e: &mut Enc) {
        self.len().put(e);
        for k in self {
            k.put(e);
        }
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        let n = d.len()?;
        let mut m = Self::with_capacity_and_hasher(Dec::room(n), S::default());
        for _ in 0..n {
            m.insert(K::get(d)?);
        }
        Some(m)
    }
}

/// A value that has its own JSON form (rare, small ones), as that text.
pub fn put_json<T: serde::Serialize>(v: &T, e: &mut Enc) {
    serde_json::to_string(v).unwrap_or_default().put(e)
}

pub fn get_json<T: serde::de::DeserializeOwned>(d: &mut Dec<'_>) -> Option<T> {
    serde_json::from_str(d.str()?).ok()
}

/// Writes and reads a struct field by field, in the order named. The fields are
/// destructured and the struct built with every field named, so a field added to the
/// struct and not here is a compile error.
#[macro_export]
#[doc(hidden)]
macro_rules! snap_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl $crate::core::snapshot::Snap for $t {
            fn put(&self, e: &mut $crate::core::snapshot::Enc) {
                let $t { $($f),* } = self;
                $( $crate::core::snapshot::Snap::put($f, e); )*
            }
            fn get(d: &mut $crate::core::snapshot::Dec<'_>) -> Option<Self> {
                Some($t { $($f: $crate::core::snapshot::Snap::get(d)?),* })
            }
        }
    };
}
pub use snap_struct;

/// Writes and reads a field-less enum by the position of its variant.
#[macro_export]
#[doc(hidden)]
macro_rules! snap_enum {
    ($t:ident { $($v:ident),* $(,)? }) => {
        impl $crate::core::snapshot::Snap for $t {
            fn put(&self, e: &mut $crate::core::snapshot::Enc) {
                let all = [$($t::$v),*];
                let i = all.iter().position(|v| v == self).unwrap_or(0) as u8;
                $crate::core::snapshot::Snap::put(&i, e);
            }
            fn get(d: &mut $crate::core::snapshot::Dec<'_>) -> Option<Self> {
                let all = [$($t::$v),*];
                // Exhaustive: a variant added and not listed here is a compile error.
                let _ = |x: $t| match x { $($t::$v => ()),* };
                all.get(usize::from(<u8 as $crate::core::snapshot::Snap>::get(d)?)).copied()
            }
        }
    };
}
pub use snap_enum;

snap_enum!(Role {
    Member,
    Observer,
    Staff,
    Media
});
snap_enum!(Severity { Warning, Error });

/// An `extra` map as its JSON text (rare, small, and exactly what JSON reads back).
impl Snap for serde_json::Map<String, serde_json::Value> {
    fn put(&self, e: &mut Enc) {
        let text = if self.is_empty() {
            String::new()
        } else {
            serde_json::to_string(self).unwrap_or_default()
        };
        text.put(e)
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        let text = d.str()?;
        if text.is_empty() {
            return Some(serde_json::Map::new());
        }
        serde_json::from_str(text).ok()
    }
}

snap_struct!(Participant {
    id,
    name,
    unit,
    title,
    category,
    venue,
    phone,
    role,
    extra
});

impl Snap for Location {
    fn put(&self, e: &mut Enc) {
        match self {
            Location::File => 0u8.put(e),
            Location::Pos { line, col } => {
                1u8.put(e);
                line.put(e);
                col.put(e);
            }
            Location::Path(p) => {
                2u8.put(e);
                p.put(e);
            }
        }
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        Some(match u8::get(d)? {
            0 => Location::File,
            1 => Location::Pos {
                line: usize::get(d)?,
                col: usize::get(d)?,
            },
            2 => Location::Path(String::get(d)?),
            _ => return None,
        })
    }
}

snap_struct!(Diagnostic {
    severity,
    location,
    message
});

/// An event: its envelope as it is in memory, and the rest as its journal line (read
/// back by the journal's own reader). The envelope is kept apart because a line of an
/// older journal, or of a newer huiwu's event, may not carry it all.
impl Snap for Event {
    fn put(&self, e: &mut Enc) {
        let Event {
            id,
            at,
            seat,
            seq,
            hlc,
            seen,
            of,
            kind: _,
        } = self;
        id.put(e);
        at.put(e);
        seat.put(e);
        seq.put(e);
        hlc.put(e);
        seen.put(e);
        of.put(e);
        serde_json::to_string(self).unwrap_or_default().put(e);
    }
    fn get(d: &mut Dec<'_>) -> Option<Self> {
        let id = String::get(d)?;
        let at = DateTime::get(d)?;
        let seat = String::get(d)?;
        let seq = u64::get(d)?;
        let hlc = Hlc::get(d)?;
        let seen = Option::get(d)?;
        let of = Option::get(d)?;
        let line = d.str()?;
        let kind = super::event_wire::parse_line(line).ok()?.event.kind;
        Some(Event {
            id,
            at,
            seat,
            seq,
            hlc,
            seen,
            of,
            kind,
        })
    }
}

/// A parsed agenda and the warnings its check gave: the roster field by field (nearly
/// all of a large agenda), everything else as JSON (a few kilobytes, read back by the
/// agenda's own reader).
pub fn put_agenda(agenda: &Agenda, warnings: &[Diagnostic], e: &mut Enc) {
    // Every field named: one added to the agenda must be thought about here.
    let Agenda {
        schema,
        format,
        meeting,
        venues,
        participants,
        items,
        actions,
        categories,
        document,
        extra,
    } = agenda;
    let rest = Agenda {
        schema: schema.clone(),
        format: *format,
        meeting: meeting.clone(),
        venues: venues.clone(),
        participants: Vec::new(),
        items: items.clone(),
        actions: actions.clone(),
        categories: categories.clone(),
        document: document.clone(),
        extra: extra.clone(),
    };
    serde_json::to_string(&rest).unwrap_or_default().put(e);
    participants.put(e);
    warnings.to_vec().put(e);
}

pub fn get_agenda(d: &mut Dec<'_>) -> Option<(Agenda, Vec<Diagnostic>)> {
    let mut agenda: Agenda = serde_json::from_str(d.str()?).ok()?;
    if !agenda.participants.is_empty() {
        return None;
    }
    agenda.participants = Vec::get(d)?;
    let warnings = Vec::get(d)?;
    Some((agenda, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round<T: Snap + PartialEq + std::fmt::Debug>(v: T) {
        let mut e = Enc::default();
        v.put(&mut e);
        let bytes = e.finish();
        let mut d = Dec::new(&bytes).unwrap();
        assert_eq!(T::get(&mut d).as_ref(), Some(&v));
        assert!(d.at_end());
    }

    #[test]
    fn values_read_back_as_written() {
        round(0u8);
        round(u64::MAX);
        round(-5i64);
        round(u128::MAX - 7);
        round(true);
        round("张三 \u{1b}[31m".to_string());
        round(Some(vec![(1u32, "a".to_string()), (2, String::new())]));
        round(Option::<String>::None);
        round(DateTime::from_timestamp(1_700_000_000, 123_456_789).unwrap());
        round(NaiveDate::from_ymd_opt(2017, 7, 6).unwrap());
        round(Hlc { ms: -1, n: 9 });
        round(Role::Media);
        round(BTreeMap::from([("x".to_string(), 3usize)]));
        round(Location::Pos { line: 3, col: 9 });
    }

    #[test]
    fn damage_is_refused_without_allocating_or_panicking() {
        let mut e = Enc::default();
        (u64::MAX - 1).put(&mut e);
        let bytes = e.finish();
        assert_eq!(Vec::<u8>::get(&mut Dec::new(&bytes).unwrap()), None);
        // A text outside the pool, or cut inside a character.
        let mut e = Enc::default();
        "长".to_string().put(&mut e);
        let mut bytes = e.finish();
        assert!(String::get(&mut Dec::new(&bytes).unwrap()).is_some());
        bytes[4] = 1; // the text's length: 1 byte of a 3-byte character
        assert_eq!(String::get(&mut Dec::new(&bytes).unwrap()), None);
        bytes[0] = 200; // its start: past the pool
        assert_eq!(String::get(&mut Dec::new(&bytes).unwrap()), None);
        // A pool that is not UTF-8 is refused whole.
        let n = bytes.len();
        bytes[n - 9] = 0xff; // the pool's last byte
        assert!(Dec::new(&bytes).is_none());
        assert!(Dec::new(&[1, 2]).is_none());
        let mut e = Enc::default();
        2u8.put(&mut e);
        let bytes = e.finish();
        assert_eq!(bool::get(&mut Dec::new(&bytes).unwrap()), None);
        let mut e = Enc::default();
        9u8.put(&mut e);
        let bytes = e.finish();
        assert_eq!(Role::get(&mut Dec::new(&bytes).unwrap()), None);
    }
}
