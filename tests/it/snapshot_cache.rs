//! The snapshot cache (`store::snapshot`) is only an accelerator: whatever is in
//! `DATA_DIR/cache/` (nothing, a good snapshot, a damaged one, one of another agenda, a
//! stale one whose journals changed or grew), every command answers exactly what it
//! answers from the agenda and the journals alone.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use huiwu::i18n::Lang;
use huiwu::store::session::read_agenda;
use huiwu::store::snapshot::{AGENDA_WORTH_KEEPING, EVENTS_WORTH_KEEPING};

struct Fixture {
    _dir: tempfile::TempDir,
    agenda: PathBuf,
    data: PathBuf,
    id: String,
}

/// A generated meeting large enough for both kinds of snapshot: 1,600 people and
/// 3,000 events in the seats' journals.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("agenda.json");
    let a = huiwu::sample::generate(4, 400, 11);
    let mut f = std::fs::File::create(&agenda).unwrap();
    huiwu::sample::write_agenda(&a, &mut f).unwrap();
    drop(f);
    assert!(std::fs::metadata(&agenda).unwrap().len() as usize >= AGENDA_WORTH_KEEPING);
    let file = read_agenda(&agenda, Lang::En).unwrap();
    let events = huiwu::sample::journal_of_len(&file.agenda, 3000, 5);
    assert!(events.len() >= EVENTS_WORTH_KEEPING);
    let data = dir.path().join("data");
    huiwu::store::record::write_seat_journals(
        &data,
        &a.meeting.id,
        &agenda.display().to_string(),
        &file.sha256,
        &events,
    )
    .unwrap();
    Fixture {
        _dir: dir,
        agenda,
        data,
        id: a.meeting.id.clone(),
    }
}

fn huiwu(data: &Path) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.arg("--lang")
        .arg("en")
        .arg("--data-dir")
        .arg(data)
        .env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT");
    c
}

/// `status --json` without what depends on the time it is run at.
fn status(f: &Fixture, data: &Path) -> serde_json::Value {
    let out = huiwu(data)
        .arg("status")
        .arg(&f.agenda)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    fn timeless(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.retain(|k, _| {
                    !["elapsed", "overrun", "projected"]
                        .iter()
                        .any(|w| k.contains(w))
                });
                m.values_mut().for_each(timeless);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(timeless),
            _ => {}
        }
    }
    timeless(&mut v);
    v
}

fn find(f: &Fixture, data: &Path, query: &str) -> String {
    let out = huiwu(data)
        .arg("find")
        .arg(&f.agenda)
        .arg(query)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What the agenda and the journals alone say: `status` on a copy of the data
/// directory without its cache.
fn without_cache(f: &Fixture) -> serde_json::Value {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&f.data, copy.path());
    std::fs::remove_dir_all(copy.path().join("cache")).ok();
    status(f, copy.path())
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The snapshot files of the cache: (agenda snapshots, meeting snapshots).
fn snapshots(data: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("cache"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    let named = |prefix: &str| {
        files
            .iter()
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy();
                n.starts_with(prefix) && n.ends_with(".snap")
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    (named("agenda-"), named("meeting-"))
}

#[test]
fn a_snapshot_is_kept_used_and_deleting_it_changes_nothing() {
    let f = fixture();
    let first = status(&f, &f.data);
    let (agendas, meetings) = snapshots(&f.data);
    assert_eq!(
        (agendas.len(), meetings.len()),
        (1, 1),
        "both snapshots written"
    );
    assert_eq!(first["events"], 3000);
    // From the snapshots, the same answer.
    assert_eq!(status(&f, &f.data), first);
    let found = find(&f, &f.data, "a");
    std::fs::remove_dir_all(f.data.join("cache")).unwrap();
    assert_eq!(status(&f, &f.data), first);
    std::fs::remove_dir_all(f.data.join("cache")).unwrap();
    assert_eq!(find(&f, &f.data, "a"), found);
}

#[test]
fn a_damaged_snapshot_is_passed_over_and_written_again() {
    let f = fixture();
    let truth = status(&f, &f.data);
    let (agendas, meetings) = snapshots(&f.data);
    let other_kind = std::fs::read(&agendas[0]).unwrap();
    type Damage = fn(&mut Vec<u8>);
    let damages: [(&str, Damage); 6] = [
        ("cut in half", |b| b.truncate(b.len() / 2)),
        ("empty", |b| b.clear()),
        ("a byte changed in the middle", |b| {
            let i = b.len() / 2;
            b[i] ^= 0x55;
        }),
        ("the last byte changed", |b| {
            let i = b.len() - 1;
            b[i] ^= 1;
        }),
        ("garbage", |b| *b = vec![0x42; 4096]),
        ("zeros, as after a power cut", |b| {
            b.iter_mut().for_each(|x| *x = 0)
        }),
    ];
    for path in agendas.iter().chain(&meetings) {
        let good = std::fs::read(path).unwrap();
        for (what, damage) in damages {
            let mut bytes = good.clone();
            damage(&mut bytes);
            std::fs::write(path, &bytes).unwrap();
            #[cfg(unix)]
            let damaged = identity(path);
            assert_eq!(status(&f, &f.data), truth, "{}: {what}", path.display());
            let again = std::fs::read(path).unwrap();
            assert_eq!(
                again.len(),
                good.len(),
                "{}: {what}: written again",
                path.display()
            );
            #[cfg(unix)]
            assert_ne!(
                identity(path),
                damaged,
                "{}: {what}: a new file",
                path.display()
            );
        }
    }
    // A snapshot of the other kind in its place, and a temporary file left by a crash.
    std::fs::write(&meetings[0], &other_kind).unwrap();
    std::fs::write(f.data.join("cache").join(".meeting-x.snap.tmp1"), b"half").unwrap();
    assert_eq!(status(&f, &f.data), truth);
}

#[test]
fn what_was_recorded_after_the_snapshot_is_folded_on_top() {
    let f = fixture();
    let before = status(&f, &f.data);
    let (_, meetings) = snapshots(&f.data);
    let snapshot = std::fs::read(&meetings[0]).unwrap();
    // A new seat's journal, and more in a journal the snapshot folded.
    let recorded: String = huiwu::store::layout::list(&f.data, &f.id)
        .unwrap()
        .all()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let roster = read_agenda(&f.agenda, Lang::En).unwrap().agenda;
    let mut nobody_yet = roster
        .participants
        .iter()
        .map(|p| p.id.clone())
        .filter(|id| !recorded.contains(&format!("\"{id}\"")));
    let seat = huiwu::store::layout::list(&f.data, &f.id).unwrap().local[0].clone();
    let seat = seat.file_stem().unwrap().to_string_lossy().into_owned();
    // The generated meeting has ended: reopened first, as a secretary would.
    huiwu(&f.data)
        .args(["--seat", "late-desk", "meeting"])
        .arg(&f.agenda)
        .arg("reopen")
        .assert()
        .success();
    for seat in ["late-desk", &seat, &seat] {
        huiwu(&f.data)
            .args(["--seat", seat, "attend"])
            .arg(&f.agenda)
            .args([
                "--late",
                &nobody_yet.next().expect("someone not recorded yet"),
            ])
            .assert()
            .success();
    }
    // The snapshot was not rewritten for four events: the status below is its fold
    // plus what came after it.
    assert_eq!(std::fs::read(&meetings[0]).unwrap(), snapshot);
    let after = status(&f, &f.data);
    assert_ne!(after, before);
    assert_eq!(after["events"], 3004);
    assert_eq!(after, without_cache(&f));
}

#[test]
fn a_journal_changed_or_gone_under_the_snapshot_is_read_again() {
    let f = fixture();
    status(&f, &f.data);
    let journals = huiwu::store::layout::list(&f.data, &f.id).unwrap();
    let journals: Vec<PathBuf> = journals.all().cloned().collect();
    assert!(journals.len() >= 2, "{journals:?}");

    // The same length, other content: one sign-in made another person's.
    let roster = read_agenda(&f.agenda, Lang::En).unwrap().agenda;
    let (journal, text, line, pid) = journals
        .iter()
        .find_map(|j| {
            let text = std::fs::read_to_string(j).unwrap();
            let (line, pid) = text.lines().find_map(|l| {
                let at = l.find("\"participant\":\"")? + 15;
                let id = &l[at..at + l[at..].find('"')?];
                l.contains("\"signed_in\"")
                    .then(|| (l.to_string(), id.to_string()))
            })?;
            Some((j.clone(), text, line, pid))
        })
        .expect("a sign-in");
    let other = roster
        .participants
        .iter()
        .rev()
        .map(|p| p.id.clone())
        .find(|id| id.len() == pid.len() && *id != pid && !text.contains(id.as_str()))
        .expect("a person nobody signed in, with an id as long");
    let changed = text.replacen(&line, &line.replace(&pid, &other), 1);
    assert_eq!(changed.len(), text.len());
    std::fs::write(&journal, changed).unwrap();
    let truth = without_cache(&f);
    assert_eq!(status(&f, &f.data), truth);

    // Cut short at a line, then gone.
    status(&f, &f.data);
    let text = std::fs::read_to_string(&journal).unwrap();
    let cut = text[..text.len() / 2].rfind('\n').unwrap() + 1;
    std::fs::write(&journal, &text[..cut]).unwrap();
    assert_eq!(status(&f, &f.data), without_cache(&f));
    status(&f, &f.data);
    std::fs::remove_file(&journal).unwrap();
    let gone = status(&f, &f.data);
    assert_eq!(gone, without_cache(&f));
    assert_ne!(gone, truth);
}

#[test]
fn the_agenda_hash_a_writing_command_gets_from_the_cache_is_the_files() {
    let f = fixture();
    let bytes = std::fs::read(&f.agenda).unwrap();
    let sha = huiwu::store::session::hex_sha256(&bytes);
    // The snapshot kept by a command that only reads (which leaves the hash out of its
    // own answer) serves one that writes.
    let v = huiwu::store::session::read_agenda_to_view_in(&f.agenda, Lang::En, &f.data).unwrap();
    assert_eq!(v.sha256, "");
    assert_eq!(snapshots(&f.data).0.len(), 1);
    for _ in 0..2 {
        let a = huiwu::store::session::read_agenda_in(&f.agenda, Lang::En, &f.data).unwrap();
        assert_eq!(a.sha256, sha);
    }
}

#[test]
fn an_edited_agenda_is_read_again() {
    let f = fixture();
    status(&f, &f.data);
    let text = std::fs::read_to_string(&f.agenda).unwrap();
    let roster = read_agenda(&f.agenda, Lang::En).unwrap().agenda;
    let p = &roster.participants[3];
    let edited = text.replacen(
        &format!("\"name\": \"{}\"", p.name),
        "\"name\": \"覃思源\"",
        1,
    );
    assert_ne!(edited, text, "the name is in the file as expected");
    std::fs::write(&f.agenda, edited).unwrap();
    assert!(find(&f, &f.data, "覃思源").starts_with(&format!("{}\t", p.id)));
    assert_eq!(status(&f, &f.data), without_cache(&f));
    assert_eq!(
        snapshots(&f.data).0.len(),
        2,
        "one snapshot per agenda content"
    );
}

#[test]
fn agendas_read_back_from_their_snapshot_as_they_were_parsed() {
    let mut agendas = vec![huiwu::sample::generate(3, 50, 2)];
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/agendas")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            agendas.push((*read_agenda(&path, Lang::Zh).unwrap().agenda).clone());
        }
    }
    assert!(agendas.len() >= 2);
    for a in agendas {
        let warnings =
            huiwu::core::load::load_agenda(serde_json::to_string(&a).unwrap().as_bytes(), Lang::Zh)
                .diagnostics;
        let mut e = huiwu::core::snapshot::Enc::default();
        huiwu::core::snapshot::put_agenda(&a, &warnings, &mut e);
        let bytes = e.finish();
        let mut d = huiwu::core::snapshot::Dec::new(&bytes).unwrap();
        let back = huiwu::core::snapshot::get_agenda(&mut d).unwrap();
        assert!(d.at_end());
        assert_eq!(back, (a, warnings));
    }
}

/// The files beside a journal that keep torn lines cut off it.
fn torn_side_files(journal: &Path) -> usize {
    std::fs::read_dir(journal.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("torn")
        })
        .count()
}

#[test]
fn a_seat_reopened_from_the_snapshot_still_repairs_its_torn_last_line() {
    let f = fixture();
    status(&f, &f.data);
    let listing = huiwu::store::layout::list(&f.data, &f.id).unwrap();
    let journal = listing.local[0].clone();
    let seat = journal.file_stem().unwrap().to_string_lossy().into_owned();
    // A line cut by a crash mid-append, after what the snapshot folded.
    let mut bytes = std::fs::read(&journal).unwrap();
    let whole = bytes.len();
    bytes.extend_from_slice(b"{\"id\":\"torn\",\"at\":\"2017-05-04T08:");
    std::fs::write(&journal, &bytes).unwrap();
    huiwu(&f.data)
        .args(["--seat", &seat, "meeting"])
        .arg(&f.agenda)
        .arg("reopen")
        .assert()
        .success();
    let after = std::fs::read(&journal).unwrap();
    assert_eq!(&after[..whole], &bytes[..whole], "what was there is kept");
    assert!(
        after[whole..].starts_with(b"{\"id\":\""),
        "the torn line is cut off"
    );
    assert!(!after.windows(6).any(|w| w == b"\"torn\""));
    assert_eq!(
        torn_side_files(&journal),
        1,
        "the torn bytes are kept beside the journal"
    );
    assert_eq!(status(&f, &f.data), without_cache(&f));

    // Blank lines after what the snapshot folded are kept, as a whole read keeps them.
    std::fs::remove_dir_all(f.data.join("cache")).unwrap();
    status(&f, &f.data);
    let mut bytes = std::fs::read(&journal).unwrap();
    bytes.extend_from_slice(b"\n\n");
    std::fs::write(&journal, &bytes).unwrap();
    huiwu(&f.data)
        .args(["--seat", &seat, "meeting"])
        .arg(&f.agenda)
        .arg("close")
        .output()
        .unwrap();
    let after = std::fs::read(&journal).unwrap();
    assert!(after.starts_with(&bytes), "the blank lines are still there");
    assert_eq!(torn_side_files(&journal), 1, "nothing more set aside");
}

/// The meeting snapshot's file identity: a new one is a new file (renamed into place).
#[cfg(unix)]
fn identity(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

#[cfg(unix)]
#[test]
fn a_snapshot_kept_by_a_seat_that_recorded_nothing_is_used_next_time() {
    let f = fixture();
    // A seat opens the meeting (folding every journal, so it keeps a snapshot) and
    // records nothing: its journal is never created.
    // (Closing a meeting that is closed changes nothing.)
    huiwu(&f.data)
        .args(["--seat", "quiet-desk", "meeting"])
        .arg(&f.agenda)
        .arg("close")
        .output()
        .unwrap();
    let quiet = huiwu::store::layout::seat_journal(&f.data, &f.id, "quiet-desk");
    assert!(!quiet.exists(), "nothing recorded");
    let (_, meetings) = snapshots(&f.data);
    assert_eq!(meetings.len(), 1, "kept by the seat's open");
    let kept = identity(&meetings[0]);
    let first = status(&f, &f.data);
    assert_eq!(
        identity(&meetings[0]),
        kept,
        "used, not folded and written again"
    );
    assert_eq!(first, without_cache(&f));
}

#[test]
fn old_agenda_snapshots_and_crash_leftovers_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let cache = huiwu::store::snapshot::Cache::new(dir.path());
    let agenda = huiwu::sample::generate(1, 5, 3);
    let base = std::time::SystemTime::now() - std::time::Duration::from_secs(10_000);
    std::fs::create_dir_all(cache.dir()).unwrap();
    let leftover = cache.dir().join(".agenda-x.snap.1.2.tmp");
    std::fs::write(&leftover, b"half").unwrap();
    let f = std::fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap();
    f.set_modified(base).unwrap();
    drop(f);
    let keys: Vec<String> = (0..12).map(|i| format!("{i:032x}-{i}")).collect();
    let kept = huiwu::store::snapshot::CachedAgenda {
        agenda,
        warnings: Vec::new(),
        sha256: "ab".repeat(32),
    };
    for (i, key) in keys.iter().enumerate() {
        cache.save_agenda(key, Lang::En, &kept);
        // Written a minute apart, as edits of an agenda are.
        for e in std::fs::read_dir(cache.dir()).unwrap() {
            let p = e.unwrap().path();
            if p.to_string_lossy().contains(&key[..32]) {
                let f = std::fs::File::options().write(true).open(&p).unwrap();
                f.set_modified(base + std::time::Duration::from_secs(60 * (i as u64 + 1)))
                    .unwrap();
            }
        }
    }
    let (agendas, _) = snapshots(dir.path());
    assert_eq!(agendas.len(), huiwu::store::snapshot::AGENDAS_KEPT);
    for (i, key) in keys.iter().enumerate() {
        let back = cache.agenda(key, Lang::En);
        assert_eq!(back.is_some(), i >= keys.len() - agendas.len(), "{key}");
        if let Some(back) = back {
            assert_eq!(back, kept);
        }
    }
    assert!(!leftover.exists(), "a crash's temporary file, hours old");
}

mod damaged_bytes {
    use std::sync::{Arc, OnceLock};

    use huiwu::core::agenda::Agenda;
    use huiwu::core::meeting::Meeting;
    use huiwu::core::snapshot::{Dec, Enc};
    use proptest::prelude::*;

    /// A small meeting with walk-ins, undos and agenda events, and its snapshot bytes
    /// (without the file's checksum, which would refuse nearly every damage first).
    fn meeting() -> &'static (Arc<Agenda>, Vec<u8>) {
        static M: OnceLock<(Arc<Agenda>, Vec<u8>)> = OnceLock::new();
        M.get_or_init(|| {
            let agenda = Arc::new(huiwu::sample::generate(2, 20, 4));
            let events = huiwu::sample::journal_of_len(&agenda, 400, 9);
            let m = Meeting::replay(agenda.clone(), &events);
            let mut e = Enc::default();
            m.write_snapshot(&mut e);
            (agenda, e.finish())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Bytes changed anywhere are refused or read as some meeting, which can then be
        /// shown; never a panic.
        #[test]
        fn damaged_snapshot_bytes_never_panic(
            changes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
            cut in any::<prop::sample::Index>(),
            truncate in any::<bool>(),
        ) {
            let (agenda, good) = meeting();
            let mut bytes = good.clone();
            for (at, b) in changes {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            if truncate {
                bytes.truncate(cut.index(bytes.len()));
            }
            if let Some(mut d) = Dec::new(&bytes)
                && let Some(m) = Meeting::read_snapshot(agenda.clone(), &mut d)
            {
                let now = crate::common::t0();
                let _ = m.anomalies(now);
                let _ = huiwu::core::query::status_report_in(&m, now, huiwu::i18n::Lang::En);
                let _ = m.seat_summaries();
            }
        }
    }
}

#[test]
fn a_journal_with_lines_without_their_own_clock_is_never_snapshotted() {
    // Lines carried from a journal of format 1 into one of format 2 (as a server's
    // pulled journal can hold): their clocks depend on the lines before them, which a
    // read going on from a snapshot would not see.
    let f = fixture();
    let roster = read_agenda(&f.agenda, Lang::En).unwrap().agenda;
    let mut events = huiwu::sample::journal_of_len(&roster, 1200, 21);
    events.retain(|e| e.kind.attendance_target().is_some());
    let path = huiwu::store::layout::carried_dir(&f.data, &f.id).join("old-laptop.jsonl");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let header = huiwu::store::journal::Header::new(
        &f.id,
        Some("old-laptop"),
        "agenda.json",
        "00",
        crate::common::t0(),
    );
    let mut text = serde_json::to_string(&header).unwrap() + "\n";
    for (i, e) in events.iter().enumerate() {
        let mut e = e.clone();
        e.seat = "old-laptop".into();
        e.seq = i as u64 + 1;
        let mut v = serde_json::to_value(&e).unwrap();
        v.as_object_mut().unwrap().remove("hlc");
        text += &(serde_json::to_string(&v).unwrap() + "\n");
    }
    std::fs::write(&path, text).unwrap();
    let first = status(&f, &f.data);
    assert!(
        first["events"].as_u64().unwrap() > 3000,
        "the carried lines are read"
    );
    let (_, meetings) = snapshots(&f.data);
    assert!(
        meetings.is_empty(),
        "no meeting snapshot while such lines are in the record"
    );
    assert_eq!(status(&f, &f.data), first);
}

#[cfg(unix)]
#[test]
fn a_snapshot_of_another_build_is_not_trusted() {
    // Another build may fold or check otherwise under the same version number: its
    // snapshots are named by its sources' hash, and passed over.
    let f = fixture();
    let truth = status(&f, &f.data);
    let (agendas, meetings) = snapshots(&f.data);
    let marker = format!("{}+", env!("CARGO_PKG_VERSION"));
    for path in agendas.iter().chain(&meetings) {
        let mut bytes = std::fs::read(path).unwrap();
        let at = bytes
            .windows(marker.len())
            .position(|w| w == marker.as_bytes())
            .expect("the build is named in the file")
            + marker.len();
        assert!(bytes[at..at + 16].iter().all(u8::is_ascii_hexdigit));
        bytes[at..at + 16].copy_from_slice(b"0123456789abcdef");
        // A whole file, checksum and all: only the build differs.
        let body = bytes.len() - 4;
        let sum = crc32fast::hash(&bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
        std::fs::write(path, &bytes).unwrap();
        let other = identity(path);
        assert_eq!(status(&f, &f.data), truth);
        assert_ne!(identity(path), other, "{}: written again", path.display());
    }
}
