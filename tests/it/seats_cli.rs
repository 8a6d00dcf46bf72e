//! Many seats through the real binary: badge readers (`attend -`), journals carried
//! between computers (`merge`, with every refusal), the old single journal read in place,
//! the record kept for a newer huiwu, default seat names, and `log --seats`.

use crate::common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command as Std, Stdio};

use assert_cmd::Command;
use huiwu::store::layout::seat_journal;
use predicates::prelude::*;
use serde_json::Value;

struct Env {
    _dir: tempfile::TempDir,
    agenda: PathBuf,
    data: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("agenda.json");
    std::fs::write(&agenda, common::AGENDA_JSON).unwrap();
    let data = dir.path().join("data");
    Env {
        agenda,
        data,
        _dir: dir,
    }
}

impl Env {
    /// Another computer: its own data dir, the same agenda.
    fn other(&self, name: &str) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join(name);
        Env {
            agenda: self.agenda.clone(),
            data,
            _dir: dir,
        }
    }
}

/// `huiwu --lang en --data-dir DATA [--seat SEAT] ARGS...`
fn huiwu(e: &Env, seat: Option<&str>, args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.env_remove("HUIWU_DATA_DIR")
        .env_remove("HUIWU_SEAT")
        .args(["--lang", "en", "--data-dir"])
        .arg(&e.data);
    if let Some(s) = seat {
        c.args(["--seat", s]);
    }
    let (cmd, rest) = args.split_first().unwrap();
    c.arg(cmd).arg(&e.agenda).args(rest);
    c
}

fn status_json(e: &Env) -> Value {
    let out = huiwu(e, None, &["status", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    crate::common::schema::Shape::Status.parse(&out.stdout)
}

fn journal(e: &Env, seat: &str) -> PathBuf {
    seat_journal(&e.data, "t1", seat)
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

// ---------------------------------------------------------------------------------------
// Badge readers

#[test]
fn a_badge_reader_answers_each_line_at_once_and_keeps_going() {
    let e = env();
    let mut child = Std::new(env!("CARGO_BIN_EXE_huiwu"))
        .args(["--lang", "en", "--seat", "gate", "--data-dir"])
        .arg(&e.data)
        .arg("attend")
        .arg(&e.agenda)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut answers = BufReader::new(child.stdout.take().unwrap()).lines();
    // Each answer is read before the next line is written: the reader flushes per line.
    let mut ask = |line: &str| -> String {
        writeln!(input, "{line}").unwrap();
        input.flush().unwrap();
        answers.next().unwrap().unwrap()
    };
    assert!(ask("M1").starts_with("ok\t"), "by id");
    let a = ask("zengguohua");
    assert!(
        a.starts_with("ok\t") && a.contains("\tM2\t曾国华\t"),
        "by pinyin: {a}"
    );
    let a = ask("jf");
    assert!(
        a.starts_with("ok\t") && a.contains("\tW1\t"),
        "by initials: {a}"
    );
    assert!(ask("nobody-here").starts_with("unknown\tnobody-here\t"));
    assert!(
        ask("M1").starts_with("already\t"),
        "a second sign-in is said"
    );
    let a = ask("仇明");
    assert!(
        a.starts_with("ok\t") && a.contains("\tW2\t"),
        "by name: {a}"
    );
    // A blank line is passed over; the next answer is still the next line's.
    assert!(ask("\n区小平").starts_with("ok\t"));
    drop(input);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "one line was not recorded");
    let j = String::from_utf8(read(&journal(&e, "gate"))).unwrap();
    assert_eq!(j.lines().count(), 1 + 5, "header and five sign-ins:\n{j}");
}

#[test]
fn an_ambiguous_line_lists_the_candidates_and_the_stream_goes_on() {
    let e = env();
    let json = common::AGENDA_JSON.replace("\"name\": \"仇明\"", "\"name\": \"王晓明\"");
    std::fs::write(&e.agenda, json).unwrap();
    let out = huiwu(&e, Some("gate"), &["attend", "-"])
        .write_stdin("王晓\nM2\n")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with("ambiguous\t王晓\t")
            && lines[0].contains("M1")
            && lines[0].contains("W2"),
        "{text}"
    );
    assert!(lines[1].starts_with("ok\t"), "{text}");
}

#[test]
fn a_reader_sees_what_another_seat_signed_in_meanwhile() {
    let e = env();
    let mut child = Std::new(env!("CARGO_BIN_EXE_huiwu"))
        .args(["--lang", "en", "--seat", "gate", "--data-dir"])
        .arg(&e.data)
        .arg("attend")
        .arg(&e.agenda)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut answers = BufReader::new(child.stdout.take().unwrap()).lines();
    writeln!(input, "M1").unwrap();
    input.flush().unwrap();
    assert!(answers.next().unwrap().unwrap().starts_with("ok\t"));
    // The desk (another seat, another process) signs 曾国华 in while the reader runs.
    huiwu(&e, Some("desk"), &["attend", "M2"])
        .assert()
        .success();
    writeln!(input, "M2").unwrap();
    input.flush().unwrap();
    assert!(answers.next().unwrap().unwrap().starts_with("already\t"));
    drop(input);
    assert!(child.wait().unwrap().success());
    assert_eq!(status_json(&e)["total"]["present"], 2);
}

// ---------------------------------------------------------------------------------------
// Seats on one computer

#[test]
fn unnamed_desks_readers_and_commands_never_share_a_seat() {
    use huiwu::store::seat::{Role, SeatClaim};
    use huiwu::store::session::{Session, read_agenda};
    let e = env();
    let agenda = read_agenda(&e.agenda, huiwu::i18n::Lang::En).unwrap();
    let now = chrono::Utc::now();
    let open =
        |role| Session::open(&agenda, &e.data, SeatClaim::for_role(None, role), now).unwrap();
    let d1 = open(Role::Desk);
    let d2 = open(Role::Desk);
    let r1 = open(Role::Reader);
    assert!(d1.seat().ends_with(":desk"), "{}", d1.seat());
    assert!(d2.seat().ends_with(":desk-2"), "{}", d2.seat());
    assert!(r1.seat().ends_with(":reader"), "{}", r1.seat());
    // A command on this computer records beside them, on its own seat.
    let out = huiwu(&e, None, &["attend", "M1"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = status_json(&e);
    assert_eq!(v["total"]["present"], 1);
    drop((d1, d2, r1));
    let seats = huiwu(&e, None, &["log", "--seats"]).output().unwrap();
    let text = String::from_utf8(seats.stdout).unwrap();
    assert!(text.lines().nth(1).unwrap().contains(":cli\t1\t"), "{text}");
}

#[test]
fn short_commands_on_one_seat_take_turns() {
    use huiwu::store::session::{Session, read_agenda};
    let e = env();
    let agenda = read_agenda(&e.agenda, huiwu::i18n::Lang::En).unwrap();
    let held = Session::open(&agenda, &e.data, "script", chrono::Utc::now()).unwrap();
    let lock = huiwu::store::journal::lock_path(&journal(&e, "script"));
    // The seat is busy: the command starts and waits for it...
    let mut waiting = Std::new(env!("CARGO_BIN_EXE_huiwu"))
        .env_remove("HUIWU_DATA_DIR")
        .args(["--lang", "en", "--data-dir"])
        .arg(&e.data)
        .args(["--seat", "script", "attend"])
        .arg(&e.agenda)
        .arg("M1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // ...holding the seat's lock file open, trying it (seen in /proc where there is one).
    if Path::new("/proc/self/fd").exists() {
        let fds = PathBuf::from(format!("/proc/{}/fd", waiting.id()));
        let start = std::time::Instant::now();
        while !std::fs::read_dir(&fds).is_ok_and(|d| {
            d.flatten()
                .any(|f| std::fs::read_link(f.path()).is_ok_and(|l| l == lock))
        }) {
            assert!(
                waiting.try_wait().unwrap().is_none(),
                "the command ended instead of waiting for the seat"
            );
            assert!(
                start.elapsed() < crate::tmux::PATIENCE,
                "never tried the lock"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    assert!(waiting.try_wait().unwrap().is_none(), "it did not wait");
    // ...and goes on once the seat is free, instead of failing.
    drop(held);
    let out = waiting.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------
// The old single journal

#[test]
fn the_old_single_journal_is_read_in_place_and_its_seats_go_on() {
    let e = env();
    let old = format!(
        "{}\n{}\n{}\n",
        r#"{"huiwu_journal":1,"meeting":"t1","agenda":"agenda.json","agenda_sha256":"00","created":"2017-05-04T06:00:00Z"}"#,
        r#"{"id":"e1","at":"2017-05-04T06:21:00Z","seat":"desk-1","seq":1,"type":"signed_in","participant":"M1","late":false}"#,
        r#"{"id":"e2","at":"2017-05-04T06:22:00Z","seat":"tencent-meeting","seq":1,"type":"signed_in","participant":"W1","late":false}"#,
    );
    let legacy = e.data.join("meetings/t1.jsonl");
    std::fs::create_dir_all(legacy.parent().unwrap()).unwrap();
    std::fs::write(&legacy, &old).unwrap();
    assert_eq!(status_json(&e)["total"]["present"], 2);
    // The seat desk-1 goes on in its own journal, numbered on from the old one.
    huiwu(&e, Some("desk-1"), &["attend", "M2"])
        .assert()
        .success();
    let j = String::from_utf8(read(&journal(&e, "desk-1"))).unwrap();
    assert!(j.contains("\"seq\":2"), "{j}");
    assert_eq!(
        read(&legacy),
        old.as_bytes(),
        "the old journal is never written"
    );
    let v = status_json(&e);
    assert_eq!(v["total"]["present"], 3);
    // Changing the agenda is noticed against the old journal's header too.
    assert!(
        j.contains("agenda_changed"),
        "the agenda's hash differs from the old header's: {j}"
    );
    huiwu(&e, None, &["log"]).assert().success().stdout(
        predicate::str::contains("desk-1#1")
            .and(predicate::str::contains("tencent-meeting#1"))
            .and(predicate::str::contains("desk-1#2")),
    );
}

// ---------------------------------------------------------------------------------------
// A newer huiwu's record

const NEWER_TYPE: &str = r#"{"id":"x-1","at":"2017-05-04T06:25:00Z","seat":"gate","seq":2,"hlc":[1493879100000,0],"type":"badge_scanned","participant":{"badge":7},"reader":"COM3"}"#;
const NEWER_FIELD: &str = r#"{"id":"x-2","at":"2017-05-04T06:26:00Z","seat":"gate","seq":3,"hlc":[1493879160000,0],"type":"signed_in","participant":"W1","late":false,"badge_reader":{"port":"COM3"}}"#;

/// The journal of seat `gate` as a newer huiwu left it: a sign-in, an event of a type this
/// one does not know, and a sign-in with a field it does not know, last.
fn newer_journal(e: &Env) -> Vec<u8> {
    let header = r#"{"huiwu_journal":2,"meeting":"t1","seat":"gate","agenda":"agenda.json","agenda_sha256":"00","created":"2017-05-04T06:00:00Z","writer":"huiwu 9.0.0"}"#;
    let first = r#"{"id":"x-0","at":"2017-05-04T06:20:00Z","seat":"gate","seq":1,"hlc":[1493878800000,0],"type":"signed_in","participant":"M1","late":false}"#;
    let bytes = format!("{header}\n{first}\n{NEWER_TYPE}\n{NEWER_FIELD}\n").into_bytes();
    let p = journal(e, "gate");
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, &bytes).unwrap();
    bytes
}

#[test]
fn a_newer_huiwus_event_survives_attend_status_and_merge() {
    let e = env();
    // Last in its seat's journal, as the writer's own journal: not a torn write.
    let header = r#"{"huiwu_journal":2,"meeting":"t1","seat":"gate","agenda":"agenda.json","agenda_sha256":"00","created":"2017-05-04T06:00:00Z"}"#;
    let only_newer = format!(
        "{header}\n{}\n",
        NEWER_TYPE.replace("\"seq\":2", "\"seq\":1")
    );
    let p = journal(&e, "gate");
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, &only_newer).unwrap();
    huiwu(&e, Some("gate"), &["attend", "M2"])
        .assert()
        .success()
        .stderr(predicate::str::contains("incomplete").not());
    let after = String::from_utf8(read(&p)).unwrap();
    assert!(
        after.starts_with(&only_newer),
        "the line is kept as written:\n{after}"
    );
    assert!(after.contains("\"seq\":2"), "numbered after it:\n{after}");
    let dir = p.parent().unwrap();
    assert!(
        !std::fs::read_dir(dir).unwrap().any(|f| f
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".torn-")),
        "nothing was cut off"
    );
    // Reading it as `status` does leaves it as it is, and counts the newer event.
    let v = status_json(&e);
    assert_eq!(v["anomalies"][0]["kind"], "newer_events", "{v}");
    assert_eq!(String::from_utf8(read(&p)).unwrap(), after);

    // Through status (and attend of another seat) with both kinds of newer line.
    let e = env();
    let bytes = newer_journal(&e);
    let v = status_json(&e);
    assert_eq!(v["total"]["present"], 2, "the unknown field is passed over");
    assert_eq!(v["events"], 3);
    let newer: Vec<&Value> = v["anomalies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "newer_events")
        .collect();
    assert_eq!(newer.len(), 1, "{v}");
    assert_eq!(newer[0]["types"][0][0], "badge_scanned");
    huiwu(&e, Some("desk"), &["attend", "M2"])
        .assert()
        .success();
    huiwu(&e, None, &["log"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "an event from a newer huiwu (type `badge_scanned`)",
        ));
    assert_eq!(
        read(&journal(&e, "gate")),
        bytes,
        "the newer journal is untouched"
    );

    // Carried to another computer byte for byte.
    let other = e.other("laptop");
    huiwu(&other, None, &["merge"])
        .arg(e.data.to_string_lossy().as_ref())
        .assert()
        .success();
    let carried = huiwu::store::layout::carried_dir(&other.data, "t1");
    let copies: Vec<Vec<u8>> = std::fs::read_dir(&carried)
        .unwrap()
        .map(|f| read(&f.unwrap().path()))
        .collect();
    assert!(
        copies.contains(&bytes),
        "the newer journal was carried as it is"
    );
    assert_eq!(status_json(&other)["total"]["present"], 3);
    // The JSON export keeps the line as it came.
    let out = huiwu(&other, None, &["export", "-f", "json", "-o", "-"])
        .output()
        .unwrap();
    let doc = crate::common::schema::Shape::Export.parse(&out.stdout);
    let kept: Vec<&Value> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|ev| ev["type"] == "badge_scanned")
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["reader"], "COM3");
}

#[test]
fn a_journal_of_a_newer_format_is_refused_with_upgrade_and_left_untouched() {
    let e = env();
    let bytes = br#"{"huiwu_journal":3,"meeting":"t1","seat":"gate","agenda":"a","agenda_sha256":"0","created":"2017-05-04T06:00:00Z"}
{"whatever":"format 3 says"}
{"id":"torn"#
        .to_vec();
    let p = journal(&e, "gate");
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, &bytes).unwrap();
    for args in [vec!["status"], vec!["attend", "M1"], vec!["log"]] {
        huiwu(&e, Some("gate"), &args).assert().code(1).stderr(
            predicate::str::contains("written by a newer huiwu (journal format 3")
                .and(predicate::str::contains("Upgrade")),
        );
    }
    assert_eq!(read(&p), bytes);
}

// ---------------------------------------------------------------------------------------
// Journals carried between computers

/// A branch computer that signed two people in, as seat `north`.
fn branch(e: &Env, name: &str, seat: &str, people: &[&str]) -> Env {
    let b = e.other(name);
    for p in people {
        huiwu(&b, Some(seat), &["attend", p]).assert().success();
    }
    b
}

fn merge(e: &Env, paths: &[&Path]) -> (bool, String, String) {
    let mut c = huiwu(e, None, &["merge"]);
    for p in paths {
        c.arg(p);
    }
    let o = c.output().unwrap();
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn merging_is_idempotent_order_free_and_never_touches_a_local_seat() {
    let main = env();
    huiwu(&main, Some("main-desk"), &["attend", "M1"])
        .assert()
        .success();
    let local = read(&journal(&main, "main-desk"));
    let north = branch(&main, "north-pc", "north", &["W1", "W2"]);
    let south = branch(&main, "south-pc", "south", &["W3", "W2"]);

    let (ok, out, err) = merge(&main, &[&north.data]);
    assert!(ok, "{err}");
    assert!(out.contains("2 new, 0 already known"), "{out}");
    assert!(
        out.contains("north\t2 new\t0 already known\tno holes"),
        "{out}"
    );
    // Again: nothing new, nothing copied.
    let carried = huiwu::store::layout::carried_dir(&main.data, "t1");
    let before: Vec<_> = std::fs::read_dir(&carried)
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    let (ok, out, _) = merge(&main, &[&north.data]);
    assert!(ok && out.contains("nothing new"), "{out}");
    let after: Vec<_> = std::fs::read_dir(&carried)
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    assert_eq!(before, after);
    let (ok, _, err) = merge(&main, &[&south.data]);
    assert!(ok, "{err}");
    assert_eq!(
        read(&journal(&main, "main-desk")),
        local,
        "a local seat's journal is never written"
    );

    // The other order, on a third computer: the same meeting.
    let other = env();
    huiwu(&other, None, &["merge"])
        .arg(&south.data)
        .arg(&north.data)
        .arg(&main.data)
        .assert()
        .success();
    let a = status_json(&main);
    let b = status_json(&other);
    assert_eq!(a["total"], b["total"]);
    assert_eq!(a["venues"], b["venues"]);
    assert_eq!(a["anomalies"], b["anomalies"]);
    assert_eq!(a["total"]["present"], 4);
    // 仇明 (W2) was signed in at north and at south: counted once, shown.
    let double: Vec<&Value> = a["anomalies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["kind"] == "double_sign_in")
        .collect();
    assert_eq!(double.len(), 1, "{a}");
    assert_eq!(double[0]["participant"], "W2");
    assert!(double[0]["advice"].as_str().unwrap().contains("undo"));

    // A later copy of north's journal brings what it added since.
    huiwu(&north, Some("north"), &["attend", "M2"])
        .assert()
        .success();
    let (ok, out, _) = merge(&main, &[&journal(&north, "north")]);
    assert!(ok && out.contains("1 new, 2 already known"), "{out}");
    assert_eq!(status_json(&main)["total"]["present"], 5);

    // Per seat, from where.
    let seats = huiwu(&main, None, &["log", "--seats"]).output().unwrap();
    let text = String::from_utf8(seats.stdout).unwrap();
    assert!(text.contains("main-desk\t1\t"), "{text}");
    assert!(
        text.contains("north\t3\t") && text.contains("王益区分会场\tmerged\t-"),
        "{text}"
    );
}

#[test]
fn every_refusal_refuses_the_file_whole_and_the_others_still_merge() {
    let main = env();
    let north = branch(&main, "north-pc", "north", &["W1"]);
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let good = read(&journal(&north, "north"));
    let text = String::from_utf8(good.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();

    // Another meeting's journal.
    let other_meeting = put(
        "other.jsonl",
        text.replace("\"meeting\":\"t1\"", "\"meeting\":\"t2\"")
            .as_bytes(),
    );
    // Damaged in the middle.
    let damaged = put(
        "damaged.jsonl",
        format!("{}\n{{\"id\":\n{}\n", lines[0], lines[1]).as_bytes(),
    );
    // Of a newer format.
    let newer = put(
        "newer.jsonl",
        text.replace("\"huiwu_journal\":2", "\"huiwu_journal\":7")
            .as_bytes(),
    );
    // A seat clash: seat north, number 1, another event (two computers named a seat alike).
    let clash = put(
        "clash.jsonl",
        text.replace("\"participant\":\"W1\"", "\"participant\":\"W3\"")
            .replace(&id_of(lines[1]), "00000000-0000-4000-8000-000000000001")
            .as_bytes(),
    );
    // Not a journal.
    let junk = put("junk.jsonl", b"hello\n");
    // A torn last line: the rest merges.
    let south = branch(&main, "south-pc", "south", &["W2", "W3"]);
    let south_bytes = read(&journal(&south, "south"));
    let cut = south_bytes.len() - 20;
    let torn = put("torn.jsonl", &south_bytes[..cut]);

    let (ok, out, _) = merge(&main, &[&journal(&north, "north")]);
    assert!(ok && out.contains("north\t1 new"), "{out}");
    let (ok, out, err) = merge(
        &main,
        &[&other_meeting, &damaged, &newer, &clash, &junk, &torn],
    );
    assert!(!ok, "refusals exit 1");
    assert!(
        err.contains("other.jsonl: the journal belongs to meeting `t2`; nothing merged"),
        "{err}"
    );
    assert!(err.contains("damaged.jsonl: line 2 is damaged"), "{err}");
    assert!(
        err.contains("newer.jsonl: written by a newer huiwu (journal format 7"),
        "{err}"
    );
    assert!(
        err.contains("clash.jsonl: seat `north` event #1 differs from the one known here: two computers used the seat name `north`"),
        "{err}"
    );
    assert!(err.contains("junk.jsonl"), "{err}");
    assert!(
        err.contains("torn.jsonl: the last line was cut off"),
        "{err}"
    );
    assert!(
        out.contains("south\t1 new\t0 already known\tno holes"),
        "{out}"
    );
    let v = status_json(&main);
    assert_eq!(
        v["total"]["present"], 2,
        "north's W1 and south's W2; the refused merged nothing"
    );
    // The torn copy's later whole copy fills in the rest.
    let (ok, out, _) = merge(&main, &[&journal(&south, "south")]);
    assert!(ok, "{out}");
    assert!(out.contains("1 new, 1 already known"), "{out}");
    assert_eq!(status_json(&main)["total"]["present"], 3);
}

/// The `id` of a journal line.
fn id_of(line: &str) -> String {
    let v: Value = serde_json::from_str(line).unwrap();
    v["id"].as_str().unwrap().to_string()
}

#[test]
fn a_partial_copy_leaves_holes_that_a_later_merge_fills() {
    let main = env();
    let north = branch(&main, "north-pc", "north", &["W1", "W2", "W3"]);
    let text = String::from_utf8(read(&journal(&north, "north"))).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Only the header and north's third event: #1 and #2 are missing.
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("north-part.jsonl");
    std::fs::write(&part, format!("{}\n{}\n", lines[0], lines[3])).unwrap();
    let (ok, out, _) = merge(&main, &[&part]);
    assert!(ok, "{out}");
    assert!(
        out.contains("north\t1 new\t0 already known\tmissing #1-2"),
        "{out}"
    );
    let v = status_json(&main);
    assert!(
        v["anomalies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "missing_events"),
        "{v}"
    );
    let (ok, out, _) = merge(&main, &[&north.data]);
    assert!(
        ok && out.contains("north\t2 new\t1 already known\tno holes"),
        "{out}"
    );
    assert_eq!(status_json(&main)["anomalies"], Value::Array(vec![]));
}

#[test]
fn a_seat_merged_from_elsewhere_cannot_be_written_here() {
    let main = env();
    let north = branch(&main, "north-pc", "north", &["W1"]);
    merge(&main, &[&north.data]);
    huiwu(&main, Some("north"), &["attend", "W2"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "seat `north` is another computer's",
        ));
}

// ---------------------------------------------------------------------------------------
// Roll call of roster branches

#[test]
fn a_roster_branch_counts_its_reported_figures_until_its_sign_ins_arrive() {
    use huiwu::core::command::Command as Cmd;
    use huiwu::store::session::{Session, read_agenda};
    let main = env();
    let agenda = read_agenda(&main.agenda, huiwu::i18n::Lang::En).unwrap();
    {
        let mut s = Session::open(&agenda, &main.data, "main-desk", chrono::Utc::now()).unwrap();
        s.execute(
            &Cmd::RollCall {
                venue: "wy".into(),
                expected: 3,
                present: 2,
                excused: 1,
                absent: 0,
                note: "电话报告".into(),
            },
            chrono::Utc::now(),
        )
        .unwrap();
    }
    let v = status_json(&main);
    assert_eq!(v["venues"][1]["counts_from"], "roll_call");
    assert_eq!(v["venues"][1]["counts"]["present"], 2);
    assert_eq!(v["venues"][1]["roll_call_answered"], true);
    assert_eq!(v["venues"][0]["counts_from"], "plan");
    huiwu(&main, None, &["status"])
        .assert()
        .stdout(predicate::str::contains("王益区分会场 (reported)\t3\t2"));
    // The branch's own journal arrives: its sign-ins are the figures.
    let north = branch(&main, "wy-pc", "wy-desk", &["W1"]);
    merge(&main, &[&north.data]);
    let v = status_json(&main);
    assert_eq!(v["venues"][1]["counts_from"], "sign_in");
    assert_eq!(v["venues"][1]["counts"]["present"], 1);
    assert_eq!(v["venues"][1]["roll_call_answered"], true);
}

#[test]
fn a_session_follows_the_other_seats_of_its_computer() {
    use huiwu::core::command::Command as Cmd;
    use huiwu::core::event::EventKind;
    use huiwu::store::session::{Session, read_agenda};
    let e = env();
    let agenda = read_agenda(&e.agenda, huiwu::i18n::Lang::En).unwrap();
    let now = chrono::Utc::now();
    let mut door = Session::open(&agenda, &e.data, "door", now).unwrap();
    let mut desk = Session::open(&agenda, &e.data, "desk", now).unwrap();
    let sign = |p: &str| Cmd::SignIn {
        participant: p.into(),
        late: false,
        effective_at: None,
    };
    door.execute(&sign("M1"), now).unwrap();
    let heard = desk.refresh().unwrap();
    assert_eq!(heard.len(), 1);
    assert_eq!(heard[0].seat, "door");
    assert!(
        desk.refresh().unwrap().is_empty(),
        "each event is heard once"
    );
    // A command looks first: the door's sign-in is known to it.
    door.execute(
        &Cmd::WalkIn {
            name: "访客".into(),
            unit: String::new(),
            title: String::new(),
            venue: "main".into(),
            role: huiwu::core::agenda::Role::Member,
        },
        now,
    )
    .unwrap();
    let o = desk.execute(&sign("M1"), now).unwrap();
    assert!(o.events.is_empty(), "already signed in at the door");
    let heard = desk.refresh().unwrap();
    assert!(
        heard
            .iter()
            .any(|e| matches!(e.kind, EventKind::WalkedIn(_))),
        "what was folded before the command is still heard: {heard:?}"
    );
    assert!(desk.follow_error().is_none());
    assert_eq!(
        desk.meeting().total_counts().present,
        door.meeting().total_counts().present
    );
}
