//! The journals of this computer as the outbox: every line a local seat (or a journal
//! carried in from a computer without a link) wrote that the server does not have yet.
//! Lines are read as they are on disk and sent exactly as written. Nothing here writes a
//! journal: a seat's journal stays the first durable write, the server a copy of it.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::core::event::EventKind;
use crate::core::event_wire::parse_line;

/// One journal line to send.
#[derive(Debug, Clone, PartialEq)]
pub struct OutLine {
    pub seat: String,
    pub seq: u64,
    pub id: String,
    pub at: DateTime<Utc>,
    /// For an `agenda_changed` event: the agenda it names.
    pub agenda_sha256: Option<String>,
    /// The line, exactly as in the journal (without its line end).
    pub text: String,
}

/// How far a journal was read.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    offset: u64,
}

/// Lines waiting to be sent, per seat in sequence order.
#[derive(Debug, Default)]
pub struct Outbox {
    cursors: HashMap<PathBuf, Cursor>,
    pending: BTreeMap<String, BTreeMap<u64, OutLine>>,
    /// Per seat, the sequence number up to which everything is on the server.
    pub(crate) sent: HashMap<String, u64>,
    /// Per seat, the highest sequence number read from its journals.
    written: HashMap<String, u64>,
}

impl Outbox {
    pub fn new(sent: HashMap<String, u64>) -> Outbox {
        Outbox {
            sent,
            ..Outbox::default()
        }
    }

    /// Read what was appended to `paths` since the last scan. A journal that got shorter
    /// (a torn line cut by its writer, a carried copy replaced) is read again from the
    /// start: lines already waiting or sent are passed over. Whether anything new came.
    pub fn scan(&mut self, paths: &[PathBuf]) -> std::io::Result<bool> {
        let mut any = false;
        for path in paths {
            let len = match std::fs::metadata(path) {
                Ok(m) => m.len(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            let cursor = self.cursors.entry(path.clone()).or_default();
            if len < cursor.offset {
                cursor.offset = 0;
            }
            if len == cursor.offset {
                continue;
            }
            let start = cursor.offset;
            let bytes = read_from(path, start)?;
            // Whole lines only: the writer may be mid-append.
            let Some(end) = memchr::memrchr(b'\n', &bytes) else {
                continue;
            };
            cursor.offset = start + end as u64 + 1;
            for (i, line) in bytes[..end].split(|&b| b == b'\n').enumerate() {
                if start == 0 && i == 0 {
                    continue; // the header
                }
                if let Some(l) = out_line(line) {
                    any |= self.add(l);
                }
            }
        }
        Ok(any)
    }

    fn add(&mut self, l: OutLine) -> bool {
        let w = self.written.entry(l.seat.clone()).or_default();
        *w = (*w).max(l.seq);
        if self.sent.get(&l.seat).is_some_and(|s| l.seq <= *s) {
            return false;
        }
        let seat = self.pending.entry(l.seat.clone()).or_default();
        if seat.contains_key(&l.seq) {
            return false;
        }
        seat.insert(l.seq, l);
        true
    }

    /// Forget what was read: the next scan reads every journal again (after the server
    /// turned out to lack events marked sent).
    pub fn rescan(&mut self) {
        self.cursors.clear();
    }

    /// The seats with lines waiting.
    pub fn seats(&self) -> Vec<String> {
        self.pending
            .iter()
            .filter(|(_, l)| !l.is_empty())
            .map(|(s, _)| s.clone())
            .collect()
    }

    /// Up to `n` lines of `seat` waiting, in sequence order.
    pub fn batch(&self, seat: &str, n: usize) -> Vec<OutLine> {
        self.pending
            .get(seat)
            .map(|l| l.values().take(n).cloned().collect())
            .unwrap_or_default()
    }

    /// These numbers of `seat` are on the server now.
    pub fn confirm(&mut self, seat: &str, seqs: &[u64]) {
        if let Some(l) = self.pending.get_mut(seat) {
            for s in seqs {
                l.remove(s);
            }
        }
        let first_waiting = self
            .pending
            .get(seat)
            .and_then(|l| l.keys().next().copied());
        let upto = match first_waiting {
            Some(first) => first - 1,
            None => self.written.get(seat).copied().unwrap_or(0),
        };
        let s = self.sent.entry(seat.to_string()).or_default();
        *s = (*s).max(upto);
    }

    /// The server holds `seat` only up to `max`: mark less sent, to be read again.
    pub fn server_has_up_to(&mut self, seat: &str, max: u64) -> bool {
        match self.sent.get_mut(seat) {
            Some(s) if *s > max => {
                *s = max;
                true
            }
            _ => false,
        }
    }

    /// Lines waiting, per seat (seats read here with none waiting included).
    pub fn pending_counts(&self) -> Vec<(String, usize)> {
        let mut seats: Vec<String> = self.written.keys().cloned().collect();
        seats.sort();
        seats
            .into_iter()
            .map(|s| {
                let n = self.pending.get(&s).map_or(0, BTreeMap::len);
                (s, n)
            })
            .collect()
    }

    /// Whether a line waiting records agenda `sha` (this computer changed the agenda).
    pub fn changes_agenda_to(&self, sha: &str) -> bool {
        self.pending
            .values()
            .flat_map(|l| l.values())
            .any(|l| l.agenda_sha256.as_deref() == Some(sha))
    }
}

fn out_line(bytes: &[u8]) -> Option<OutLine> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.trim().is_empty() {
        return None;
    }
    // A line this huiwu cannot read is still its seat's: it travels as it is, when it has
    // the envelope (an event of a newer huiwu does).
    let e = parse_line(text).ok()?.event;
    let agenda_sha256 = match &e.kind {
        EventKind::AgendaChanged { sha256 } => Some(sha256.clone()),
        _ => None,
    };
    Some(OutLine {
        seat: e.seat,
        seq: e.seq,
        id: e.id,
        at: e.at,
        agenda_sha256,
        text: text.to_string(),
    })
}

fn read_from(path: &Path, start: u64) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    f.seek(SeekFrom::Start(start))?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;
    use std::io::Write;

    fn line(seat: &str, seq: u64) -> String {
        let e = Event::new(
            format!("{seat}-{seq}"),
            DateTime::from_timestamp(1_700_000_000 + seq as i64, 0).unwrap(),
            seat,
            seq,
            EventKind::MeetingStarted { effective_at: None },
        );
        serde_json::to_string(&e).unwrap()
    }

    #[test]
    fn whole_lines_are_read_once_and_a_half_written_one_waits() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("north.jsonl");
        let mut f = std::fs::File::create(&p).unwrap();
        writeln!(
            f,
            "{{\"header\":1}}\n{}\n{}",
            line("north", 1),
            line("north", 2)
        )
        .unwrap();
        write!(f, "{}", &line("north", 3)[..10]).unwrap();
        let mut o = Outbox::new(HashMap::new());
        assert!(o.scan(std::slice::from_ref(&p)).unwrap());
        assert_eq!(o.batch("north", 10).len(), 2);
        assert!(!o.scan(std::slice::from_ref(&p)).unwrap());
        writeln!(f, "{}", &line("north", 3)[10..]).unwrap();
        assert!(o.scan(std::slice::from_ref(&p)).unwrap());
        let b = o.batch("north", 10);
        assert_eq!(b.iter().map(|l| l.seq).collect::<Vec<_>>(), vec![1, 2, 3]);
        assert_eq!(b[2].text, line("north", 3));
        o.confirm("north", &[1, 2]);
        assert_eq!(o.sent["north"], 2);
        assert_eq!(o.pending_counts(), vec![("north".into(), 1)]);
        // Read again from the start: what was sent is not waiting again.
        o.rescan();
        assert!(!o.scan(std::slice::from_ref(&p)).unwrap());
        o.confirm("north", &[3]);
        assert!(o.seats().is_empty());
        assert!(o.server_has_up_to("north", 1));
        o.rescan();
        assert!(o.scan(&[p]).unwrap());
        assert_eq!(o.batch("north", 10).len(), 2);
    }
}
