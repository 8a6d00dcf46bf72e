//! Crash safety of the headless path: SIGKILL `huiwu attend` at random moments, many times,
//! and check that every sign-in it reported as done is in the journal after reopening.

use crate::common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::XorShift;

fn agenda_json(n: usize) -> String {
    let people: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id": "P{i}", "name": "参会者{i}", "venue": "main"}}"#))
        .collect();
    format!(
        r#"{{
          "meeting": {{"id": "crash", "title": "崩溃测试", "date": "2017-05-04",
            "start": "2017-05-04T14:30:00+08:00", "end": "2017-05-04T16:30:00+08:00",
            "chair": {{"name": "主持人"}}}},
          "venues": [{{"id": "main", "name": "主会场", "kind": "main"}}],
          "participants": [{}],
          "items": []
        }}"#,
        people.join(",")
    )
}

#[cfg(unix)]
#[test]
fn sigkill_during_a_stream_of_sign_ins_loses_nothing_acknowledged() {
    let rounds = 80;
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("crash.json");
    std::fs::write(&agenda, agenda_json(rounds + 1)).unwrap();
    let data = dir.path().join("data");
    let bin = env!("CARGO_BIN_EXE_huiwu");
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut acknowledged = Vec::new();
    let mut killed_before_ack = 0;
    // How long one uninterrupted run takes on this machine (shared, often loaded): kills
    // are spread over that span so that some land mid-write whatever the speed.
    let started = std::time::Instant::now();
    let calibration = Command::new(bin)
        .args(["--lang", "en", "--seat", "crash-desk", "--data-dir"])
        .arg(&data)
        .args(["status"])
        .arg(&agenda)
        .output()
        .unwrap();
    assert!(calibration.status.success());
    let span_us = (started.elapsed().as_micros() as u64 * 3 / 2).max(2_000);

    for i in 0..rounds {
        let mut child = Command::new(bin)
            .args(["--lang", "en", "--seat", "crash-desk", "--data-dir"])
            .arg(&data)
            .arg("attend")
            .arg(&agenda)
            .arg(format!("P{i}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Every fourth run completes; the others are killed somewhere between
        // "immediately" and "probably done".
        if i % 4 != 3 {
            std::thread::sleep(Duration::from_micros(rng.next() % span_us));
            let _ = child.kill(); // SIGKILL
        }
        let _ = child.wait();
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(
            !err.contains("damaged") && !err.contains("panicked"),
            "round {i}: {err}"
        );
        if out.contains(&format!("\tP{i}\t")) {
            acknowledged.push(format!("P{i}"));
        } else {
            killed_before_ack += 1;
        }
    }

    // Reopening works, and repairs a torn tail if the last kill left one.
    let status = Command::new(bin)
        .args(["--lang", "en", "--seat", "crash-desk", "--data-dir"])
        .arg(&data)
        .arg("attend")
        .arg(&agenda)
        .arg(format!("P{rounds}"))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "reopen failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    acknowledged.push(format!("P{rounds}"));

    let journal = std::fs::read_to_string(data.join("meetings/crash/crash-desk.jsonl")).unwrap();
    for line in journal.lines().skip(1) {
        serde_json::from_str::<huiwu::core::event::Event>(line)
            .unwrap_or_else(|e| panic!("journal line does not parse ({e}): {line}"));
    }
    for id in &acknowledged {
        assert!(
            journal.contains(&format!("\"participant\":\"{id}\"")),
            "{id} was reported as signed in but is not in the journal"
        );
    }
    eprintln!(
        "{} acknowledged, {killed_before_ack} killed before acknowledging",
        acknowledged.len()
    );
    assert!(
        acknowledged.len() > 1,
        "the test should see some sign-ins complete"
    );
}
