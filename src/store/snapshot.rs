//! The snapshot cache: a large agenda already parsed and checked, and a meeting already
//! folded, kept in `DATA_DIR/cache/` so that the next command starts from them instead
//! of parsing 7 MB of agenda and folding 100,000 events again.
//!
//! It is only an accelerator, never the record:
//! - keyed by content: an agenda snapshot by a hash of the agenda file's bytes (and
//!   the language of its warnings); a meeting snapshot by that hash and, for every journal
//!   it folded, the journal's path, how many bytes of it, and their hash;
//! - checked on every use: the key, the program's build (its version and a hash of its
//!   sources), the snapshot format, and a checksum of the whole file; a journal that no
//!   longer begins with the bytes folded (or has gone) makes the meeting snapshot
//!   unusable;
//! - written atomically (a temporary file renamed over the old one), so a crash mid-write
//!   leaves the old snapshot or none (and a power cut at worst a damaged one, which its
//!   checksum tells);
//! - whatever is wrong with it, it is passed over silently and the command reads the
//!   agenda and the journals as if it were not there, then writes a new one. Deleting
//!   the folder changes nothing but speed.
//!
//! What was appended to the journals after a meeting snapshot (and journals that
//! appeared since) is read and folded on top of it, as a desk follows other seats.

use std::fs::File;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::journal::{FORMAT as JOURNAL_FORMAT, Header};
use super::record::FileRead;
use crate::core::agenda::Agenda;
use crate::core::load::Diagnostic;
use crate::core::meeting::Meeting;
use crate::core::snapshot::{Dec, Enc, FORMAT, Snap, get_agenda, put_agenda};
use crate::i18n::Lang;

/// An agenda smaller than this parses in a few milliseconds: no snapshot is kept.
pub const AGENDA_WORTH_KEEPING: usize = 256 << 10;

/// A meeting snapshot is written when opening folded at least this many events from the
/// journals (so a command run once per person does not rewrite it every time).
pub const EVENTS_WORTH_KEEPING: usize = 1000;

/// How many agenda snapshots are kept (the newest): one a meeting, for several meetings.
pub const AGENDAS_KEPT: usize = 8;

const MAGIC: &[u8; 8] = b"HUIWUSNP";

/// This build of the program: its version and a hash of its sources (see `build.rs`).
/// What one build derived (the fold, the agenda's checks) is never trusted by another,
/// even under the same version number.
const BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("HUIWU_SOURCE_HASH"));
const AGENDA: u8 = 1;
const MEETING: u8 = 2;

/// The snapshot folder of one data directory.
#[derive(Debug, Clone)]
pub struct Cache {
    data_dir: PathBuf,
}

/// An agenda as its snapshot keeps it: parsed, its check's warnings, and the SHA-256 of
/// the file's bytes (which names the agenda in the journals).
#[derive(Debug, Clone, PartialEq)]
pub struct CachedAgenda {
    pub agenda: Agenda,
    pub warnings: Vec<Diagnostic>,
    pub sha256: String,
}

/// One journal as a meeting snapshot folded it.
struct Folded {
    read: FileRead,
    /// The hash of the journal's first `read.offset` bytes ([`prefix_hash`]).
    hash: u128,
}

/// What the cache knows a file's bytes by: their XXH3-128 hash and their length. (A hash
/// made to tell files apart fast, not to resist forgery: whoever can write the cache can
/// write the journals it stands for.)
pub fn content_key(bytes: &[u8]) -> String {
    format!(
        "{:032x}-{}",
        xxhash_rust::xxh3::xxh3_128(bytes),
        bytes.len()
    )
}

impl Cache {
    pub fn new(data_dir: &Path) -> Cache {
        Cache {
            data_dir: data_dir.to_path_buf(),
        }
    }

    pub fn dir(&self) -> PathBuf {
        self.data_dir.join("cache")
    }

    fn agenda_path(&self, key: &str, lang: Lang) -> PathBuf {
        let lang = match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        let name: String = key.chars().take(32).collect();
        self.dir().join(format!("agenda-{name}.{lang}.snap"))
    }

    fn meeting_path(&self, meeting: &str) -> PathBuf {
        // The meeting's id may hold anything a folder name may: named by its hash.
        let name = super::session::hex_sha256(meeting.as_bytes());
        self.dir().join(format!("meeting-{}.snap", &name[..32]))
    }

    /// The agenda of the file whose bytes are `key` ([`content_key`]), as it was parsed
    /// and checked with warnings in `lang`, if a whole snapshot of it is here.
    pub fn agenda(&self, key: &str, lang: Lang) -> Option<CachedAgenda> {
        let bytes = std::fs::read(self.agenda_path(key, lang)).ok()?;
        let mut d = unframe(&bytes, AGENDA, &agenda_key(key, lang))?;
        let sha256 = String::get(&mut d)?;
        let (agenda, warnings) = get_agenda(&mut d)?;
        d.at_end().then_some(CachedAgenda {
            agenda,
            warnings,
            sha256,
        })
    }

    /// Keep a parsed agenda (and its file's SHA-256) for the next command. Failing to is
    /// no error.
    pub fn save_agenda(&self, key: &str, lang: Lang, a: &CachedAgenda) {
        self.write(
            &self.agenda_path(key, lang),
            AGENDA,
            &agenda_key(key, lang),
            &mut |e| {
                a.sha256.put(e);
                put_agenda(&a.agenda, &a.warnings, e)
            },
        );
        self.prune();
    }

    /// The meeting folded from the journals as a snapshot left them, with what was read
    /// of each (to read on from there), if a snapshot of this agenda is here and every
    /// journal it folded still begins with the bytes it folded.
    pub fn meeting(
        &self,
        agenda: &Arc<Agenda>,
        agenda_key: &str,
    ) -> Option<(Meeting, Vec<FileRead>)> {
        let id = &agenda.meeting.id;
        let bytes = std::fs::read(self.meeting_path(id)).ok()?;
        let mut d = unframe(&bytes, MEETING, &meeting_key(agenda_key, id))?;
        let n = usize::get(&mut d)?;
        let mut buf = Vec::new();
        let mut files = Vec::new();
        for _ in 0..n {
            let f = self.get_folded(&mut d)?;
            if prefix_hash(&f.read.path, f.read.offset, &mut buf).map(|h| h.0) != Some(f.hash) {
                return None;
            }
            files.push(f.read);
        }
        let meeting = Meeting::read_snapshot(agenda.clone(), &mut d)?;
        d.at_end().then_some((meeting, files))
    }

    /// Keep a folded meeting and what was read of each journal, for the next command.
    /// Not when a journal of format 1, or any line without a clock of its own, is among
    /// them: such a line's clock depends on the lines before it, which a read that goes
    /// on from the snapshot does not see. Failing to is no error.
    pub fn save_meeting(&self, meeting: &Meeting, agenda_key: &str, files: &[FileRead]) {
        // (A journal nothing was read of: a seat's not written yet.)
        let format_2 = |f: &FileRead| {
            f.offset == 0
                || (!f.unstamped
                    && f.header
                        .as_ref()
                        .is_some_and(|h| h.huiwu_journal == JOURNAL_FORMAT))
        };
        if files.iter().any(|f| !format_2(f)) {
            return;
        }
        let mut folded = Vec::with_capacity(files.len());
        let mut buf = Vec::new();
        for f in files {
            // The bytes hashed now must be those folded: not another file put in the
            // journal's place since it was read.
            let Some((hash, id)) = prefix_hash(&f.path, f.offset, &mut buf) else {
                return;
            };
            if f.offset > 0 && f.identity != 0 && id != f.identity {
                return;
            }
            folded.push(Folded {
                read: f.clone(),
                hash,
            });
        }
        let id = &meeting.agenda.meeting.id;
        let key = meeting_key(agenda_key, id);
        self.write(&self.meeting_path(id), MEETING, &key, &mut |e| {
            folded.len().put(e);
            for f in &folded {
                self.put_folded(f, e);
            }
            meeting.write_snapshot(e);
        });
    }

    fn put_folded(&self, f: &Folded, e: &mut Enc) {
        let FileRead {
            path,
            header,
            offset,
            lines,
            seats,
            events,
            unstamped,
            identity,
        } = &f.read;
        // Relative to the data directory, which may be named another way next time.
        let rel = path.strip_prefix(&self.data_dir).unwrap_or(path);
        rel.to_string_lossy().into_owned().put(e);
        crate::core::snapshot::put_json(header, e);
        offset.put(e);
        lines.put(e);
        seats.put(e);
        events.put(e);
        unstamped.put(e);
        identity.put(e);
        f.hash.put(e);
    }

    fn get_folded(&self, d: &mut Dec<'_>) -> Option<Folded> {
        let rel = String::get(d)?;
        let header: Option<Header> = crate::core::snapshot::get_json(d)?;
        Some(Folded {
            read: FileRead {
                path: self.data_dir.join(rel),
                header,
                offset: Snap::get(d)?,
                lines: Snap::get(d)?,
                seats: Snap::get(d)?,
                events: Snap::get(d)?,
                unstamped: Snap::get(d)?,
                identity: Snap::get(d)?,
            },
            hash: Snap::get(d)?,
        })
    }

    /// Keep the [`AGENDAS_KEPT`] newest agenda snapshots (an agenda edited again and
    /// again leaves one per version; meeting snapshots are one per meeting, replaced),
    /// and remove temporary files a crash left more than an hour ago.
    fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(self.dir()) else {
            return;
        };
        let mut agendas = Vec::new();
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().into_owned();
            let Ok(modified) = e.metadata().and_then(|m| m.modified()) else {
                continue;
            };
            if name.starts_with("agenda-") && name.ends_with(".snap") {
                agendas.push((modified, e.path()));
            } else if name.starts_with('.')
                && name.ends_with(".tmp")
                && modified.elapsed().is_ok_and(|age| age.as_secs() > 3600)
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
        agendas.sort_by(|a, b| b.cmp(a));
        for (_, path) in agendas.iter().skip(AGENDAS_KEPT) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Write a snapshot file (see [`frame`]) by a temporary file renamed over the old
    /// one, so that a reader sees the old snapshot or the new one. The bytes go to the
    /// file as they are encoded. Not synced: after a power cut the file may be empty or
    /// partly written, which its checksum tells, and the next command rebuilds it; a sync
    /// would cost every command that keeps a snapshot tens of milliseconds.
    fn write(&self, path: &Path, kind: u8, key: &[u8], payload: &mut dyn FnMut(&mut Enc)) {
        let dir = self.dir();
        // Private, as the journals: a snapshot holds the roster and the record.
        if super::journal::create_private_dir(&dir).is_err() {
            return;
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let tmp = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
        let written = super::journal::private_file_options()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|file| frame(file, kind, key, payload))
            .and_then(|()| std::fs::rename(&tmp, path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

fn agenda_key(content: &str, lang: Lang) -> Vec<u8> {
    let mut k = content.as_bytes().to_vec();
    k.push(lang as u8);
    k
}

fn meeting_key(agenda: &str, meeting: &str) -> Vec<u8> {
    let mut k = agenda.as_bytes().to_vec();
    k.push(0);
    k.extend_from_slice(meeting.as_bytes());
    k
}

/// A snapshot file: what it is and of what, the payload, and a CRC-32 of all of it,
/// written to `file` as it is encoded.
fn frame(
    mut file: File,
    kind: u8,
    key: &[u8],
    payload: &mut dyn FnMut(&mut Enc),
) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut crc = crc32fast::Hasher::new();
    let mut failed: Option<std::io::Error> = None;
    let mut out = |bytes: &[u8]| {
        if failed.is_none() {
            crc.update(bytes);
            failed = file.write_all(bytes).err();
        }
    };
    let mut e = Enc::spilling(&mut out);
    e.bytes.extend_from_slice(MAGIC);
    FORMAT.put(&mut e);
    BUILD.to_string().put(&mut e);
    kind.put(&mut e);
    key.to_vec().put(&mut e);
    payload(&mut e);
    let rest = e.finish();
    out(&rest);
    if let Some(err) = failed {
        return Err(err);
    }
    let sum = crc.finalize();
    file.write_all(&sum.to_le_bytes())
}

/// The payload of a snapshot file, if it is whole and of this kind, key and program.
fn unframe<'a>(bytes: &'a [u8], kind: u8, key: &[u8]) -> Option<Dec<'a>> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(4)?)?;
    if crc32fast::hash(body).to_le_bytes() != sum {
        return None;
    }
    let mut d = Dec::new(body)?;
    let same = d.take(MAGIC.len())? == MAGIC
        && u32::get(&mut d)? == FORMAT
        && d.str()? == BUILD
        && u8::get(&mut d)? == kind
        && Vec::<u8>::get(&mut d)? == key;
    same.then_some(d)
}

/// The hash of the first `len` bytes of a file and which file it is (`None` if it is
/// shorter or unreadable), read a megabyte at a time into `buf` (one buffer for every
/// journal of a meeting: a hundred seats' journals are a hundred small files).
fn prefix_hash(path: &Path, len: u64, buf: &mut Vec<u8>) -> Option<(u128, u64)> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    if len == 0 {
        // Nothing of it was read (a seat's journal not written yet): whatever is there
        // now is read whole.
        return Some((hasher.digest128(), 0));
    }
    let mut f = File::open(path).ok()?;
    let id = super::journal::identity(&f);
    let mut left = len;
    let want = len.min(1 << 20) as usize;
    if buf.len() < want {
        buf.resize(want, 0);
    }
    while left > 0 {
        let want = left.min(buf.len() as u64) as usize;
        let got = f.read(&mut buf[..want]).ok()?;
        if got == 0 {
            return None;
        }
        hasher.update(&buf[..got]);
        left -= got as u64;
    }
    Some((hasher.digest128(), id))
}
