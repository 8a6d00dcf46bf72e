//! Crash safety with several seats: two badge readers (`huiwu attend AGENDA -`, seats
//! `gate-a` and `gate-b`) stream sign-ins at once while a desk (another seat, held open in
//! this process) records too; both readers are killed with SIGKILL at random moments,
//! round after round, and now and then a reader's journal gets a torn last line, as a
//! power cut mid-write leaves it. After every round and at the end:
//! - every sign-in a reader acknowledged (an `ok` or `already` line) is in the record;
//! - every seat reopens (no stale lock; a torn tail is repaired), and every seat's view of
//!   the meeting (the desk following the others, each reader reopened, `huiwu status`)
//!   holds every acknowledged sign-in;
//! - every journal line parses.

use crate::common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::XorShift;
use huiwu::store::layout::seat_journal;
use huiwu::store::session::{Session, read_agenda};

const PEOPLE: usize = 600;

/// A badge reader on `seat`, and the ids it acknowledged (read by a thread).
/// The reader and the thread that collects its answers (it ends when the reader's output
/// does: join it to have every answer the reader gave).
fn reader(
    data: &Path,
    agenda: &Path,
    seat: &str,
    acked: Arc<Mutex<Vec<String>>>,
) -> (Child, std::thread::JoinHandle<()>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_huiwu"))
        .args(["--lang", "en", "--seat", seat, "--data-dir"])
        .arg(data)
        .arg("attend")
        .arg(agenda)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.stdout.take().unwrap();
    let answers = std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            let f: Vec<&str> = line.split('\t').collect();
            assert!(
                !line.contains("damaged") && !line.starts_with("error"),
                "{line}"
            );
            if matches!(f.first(), Some(&"ok") | Some(&"already")) {
                acked.lock().unwrap().push(f[2].to_string());
            }
        }
    });
    (child, answers)
}

/// The people signed in, in the meeting as `s` sees it.
fn present(m: &huiwu::core::meeting::Meeting) -> BTreeSet<String> {
    (0..m.people.len())
        .filter(|&i| m.attendance[i].is_present())
        .map(|i| m.people[i].id.clone())
        .collect()
}

#[cfg(unix)]
#[test]
fn sigkill_of_two_badge_readers_beside_a_desk_loses_nothing_acknowledged() {
    let rounds = 40;
    let dir = tempfile::tempdir().unwrap();
    let agenda_path = dir.path().join("gates.json");
    std::fs::write(
        &agenda_path,
        common::numbered_agenda_json("gates", "多席位崩溃测试", PEOPLE),
    )
    .unwrap();
    let data = dir.path().join("data");
    let agenda = read_agenda(&agenda_path, huiwu::i18n::Lang::En).unwrap();
    let mut desk = Session::open(&agenda, &data, "desk", chrono::Utc::now()).unwrap();
    let mut rng = XorShift(0x5EA7_5EA7_2017_0504);
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut next = 0usize;
    let (mut killed_with_lines_unanswered, mut torn_tails) = (0, 0);
    let started = Instant::now();

    for round in 0..rounds {
        let before = acked.lock().unwrap().len();
        let (mut a, a_answers) = reader(&data, &agenda_path, "gate-a", acked.clone());
        let (mut b, b_answers) = reader(&data, &agenda_path, "gate-b", acked.clone());
        let mut ia = a.stdin.take().unwrap();
        let mut ib = b.stdin.take().unwrap();
        // Each gate gets its own people and a few the other gets too (a person badged at
        // both doors), all written at once: the readers work through them as they can.
        let mut sent = 0;
        for k in 0..8 {
            let own_a = format!("P{}", (next + 2 * k) % PEOPLE);
            let own_b = format!("P{}", (next + 2 * k + 1) % PEOPLE);
            let _ = writeln!(ia, "{own_a}");
            let _ = writeln!(ib, "{own_b}");
            if k % 3 == 0 {
                let _ = writeln!(ib, "{own_a}");
            }
            sent += 2;
        }
        next += 16;
        let _ = ia.flush();
        let _ = ib.flush();
        // The desk records beside them.
        desk.execute(
            &huiwu::core::command::Command::SignIn {
                participant: format!("P{}", (next + 500) % PEOPLE),
                late: false,
                effective_at: None,
            },
            chrono::Utc::now(),
        )
        .unwrap();
        // Killed at a random moment: early, mid-stream, or after the last answer.
        std::thread::sleep(Duration::from_millis(rng.below(120)));
        let _ = a.kill();
        let _ = b.kill();
        let _ = a.wait();
        let _ = b.wait();
        drop((ia, ib));
        // Every answer given before the kill has been read once their output has ended.
        a_answers.join().unwrap();
        b_answers.join().unwrap();
        if acked.lock().unwrap().len() - before < sent {
            killed_with_lines_unanswered += 1;
        }
        // Now and then a power cut's torn line at the end of a reader's journal.
        if round % 7 == 3 {
            let j = seat_journal(&data, "gates", "gate-a");
            if j.exists() {
                let mut f = std::fs::OpenOptions::new().append(true).open(&j).unwrap();
                f.write_all(br#"{"id":"torn-by-a-power-cut","at":"2017-05-"#)
                    .unwrap();
                torn_tails += 1;
            }
        }
        // Every acknowledged sign-in is in the record, as the desk follows it.
        desk.refresh().unwrap();
        let seen = present(desk.meeting());
        let want: BTreeSet<String> = acked.lock().unwrap().iter().cloned().collect();
        let missing: Vec<_> = want.difference(&seen).collect();
        assert!(missing.is_empty(), "round {round}: missing {missing:?}");
    }

    // Every seat reopens and sees everything acknowledged.
    let want: BTreeSet<String> = acked.lock().unwrap().iter().cloned().collect();
    for seat in ["gate-a", "gate-b"] {
        let s = Session::open(&agenda, &data, seat, chrono::Utc::now())
            .unwrap_or_else(|e| panic!("{seat} does not reopen: {e}"));
        let seen = present(s.meeting());
        assert!(
            want.is_subset(&seen),
            "{seat}: {:?}",
            want.difference(&seen)
        );
    }
    desk.refresh().unwrap();
    assert!(want.is_subset(&present(desk.meeting())));
    let out = Command::new(env!("CARGO_BIN_EXE_huiwu"))
        .args(["--lang", "en", "--data-dir"])
        .arg(&data)
        .arg("status")
        .arg(&agenda_path)
        .arg("--json")
        .output()
        .unwrap();
    let v = crate::common::schema::Shape::Status.parse(&out.stdout);
    assert!(v["total"]["present"].as_u64().unwrap() as usize >= want.len());
    // Every line of every journal parses (the torn tails were cut by their writer).
    for seat in ["gate-a", "gate-b", "desk"] {
        let text = std::fs::read_to_string(seat_journal(&data, "gates", seat)).unwrap();
        for line in text.lines().skip(1) {
            huiwu::core::event_wire::parse_line(line)
                .unwrap_or_else(|e| panic!("{seat}: a line does not parse ({e}): {line}"));
        }
    }
    eprintln!(
        "{rounds} rounds in {:?}: {} sign-ins acknowledged, {killed_with_lines_unanswered} rounds killed with lines unanswered, {torn_tails} torn tails",
        started.elapsed(),
        want.len()
    );
    assert!(want.len() > rounds, "the readers should acknowledge plenty");
    assert!(
        killed_with_lines_unanswered > 0,
        "some kills should land while lines wait for an answer"
    );
}
