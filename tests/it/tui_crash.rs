//! Crash safety of the desk: the real `huiwu run` in tmux, signing people in by keys, is
//! killed with SIGKILL at a random moment, round after round, on one meeting. After each
//! kill:
//! - every sign-in the screen acknowledged (the notice line, the counts) is in the
//!   journal, read back by `huiwu log`;
//! - the meeting reopens at once (the lock died with the process) and the reopened desk
//!   counts exactly what the journal holds;
//! - every few rounds a torn last line is added to the journal, as a power cut mid-write
//!   would leave it (SIGKILL cannot tear one `write`), and the reopen repairs it.

use crate::common;
use crate::common::e2e::{self, Need};
use crate::tmux;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::XorShift;
use tmux::{Pane, crowd_agenda, crowd_name as name, huiwu_line, huiwu_pid, q};

/// The ids that `huiwu log` shows as signed in.
fn journal_sign_ins(data: &Path, agenda: &Path) -> BTreeSet<String> {
    let out = Command::new(tmux::bin())
        .args(["--lang", "en", "--data-dir"])
        .arg(data)
        .arg("log")
        .arg(agenda)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "huiwu log failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let mut ids = BTreeSet::new();
    for line in text.lines() {
        if let Some(rest) = line.split("signed in: ").nth(1)
            && let Some(id) = rest.rsplit('(').next()
        {
            ids.insert(id.trim_end_matches(')').to_string());
        }
    }
    ids
}

/// The "present" count of the total row (合计) in the venue table.
fn screen_present(screen: &str) -> Option<usize> {
    let line = screen
        .lines()
        .find(|l| l.trim_start().starts_with("合计"))?;
    let after = line.split([')', '）']).nth(1)?;
    let nums: Vec<usize> = after
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    nums.get(1).copied()
}

/// Names acknowledged on this screen by the notice line.
fn acknowledged(screen: &str, candidates: &[(String, String)], into: &mut BTreeSet<String>) {
    for (id, name) in candidates {
        let tag = format!("{name}（{id}） 已签到");
        if screen.contains(&tag) {
            into.insert(id.clone());
        }
    }
}

#[test]
fn sigkill_of_the_desk_at_random_moments_loses_nothing_acknowledged() {
    if !e2e::require(&[Need::Tmux, Need::Proc]) {
        return;
    }
    let rounds = 24;
    let per_round = 3;
    let people = rounds * per_round + 1;
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("crash.json");
    std::fs::write(&agenda, crowd_agenda("tui-crash", people)).unwrap();
    let data = dir.path().join("data");
    let config = tempfile::tempdir().unwrap();
    let journal = data.join("meetings/tui-crash/crash-desk.jsonl");
    let seed = 0x5EED_2017_0504_u64;
    eprintln!("seed {seed:#x}");
    let mut rng = XorShift(seed);
    let mut ever_acked: BTreeSet<String> = BTreeSet::new();
    let mut torn_rounds = 0;
    let mut killed_mid_burst = 0;
    let mut killed_before_write = 0;
    let mut killed_mid_write = 0;
    let started = Instant::now();

    for round in 0..rounds {
        let line = huiwu_line(
            &format!(
                "LANG=zh_CN.UTF-8 HUIWU_CONFIG_DIR={}",
                q(config.path().to_string_lossy())
            ),
            &format!(
                "--seat crash-desk --data-dir {} run {}",
                q(data.to_string_lossy()),
                q(agenda.to_string_lossy())
            ),
            "sleep 120",
        );
        let p = Pane::start(&format!("crash{round}"), 110, 40, &line);
        // It opens: no stale lock, no refusal, any torn tail repaired.
        let s = p.wait_until("the desk opens", |s| {
            s.contains("搜索>") || s.contains("EXIT=")
        });
        assert!(
            !s.contains("EXIT="),
            "round {round}: the desk did not open:\n{s}"
        );
        let on_disk = journal_sign_ins(&data, &agenda);
        assert!(
            ever_acked.is_subset(&on_disk),
            "round {round}: acknowledged sign-ins missing from the journal: {:?}",
            ever_acked.difference(&on_disk).collect::<Vec<_>>()
        );
        // The reopened desk counts what the journal holds.
        let want = on_disk.len();
        let s = p.wait_until("the reopened desk shows the journal's count", |s| {
            screen_present(s) == Some(want)
        });
        if round > 0 && round % 6 == 1 {
            assert!(
                s.contains("不完整"),
                "round {round}: torn tail not reported:\n{s}"
            );
        }

        let batch: Vec<(String, String)> = (round * per_round..(round + 1) * per_round)
            .map(|i| (format!("K{i:03}"), name(i)))
            .collect();
        // The first sign-in of the round: wait for the screen to acknowledge it.
        let (id0, name0) = &batch[0];
        p.text(name0);
        p.wait_for(&format!("搜索> {name0}"));
        p.keys(&["Enter"]);
        let s = p.wait_for(&format!("{name0}（{id0}） 已签到"));
        acknowledged(&s, &batch, &mut ever_acked);
        assert!(ever_acked.contains(id0));

        // The rest in a burst, then SIGKILL at a random moment while they are handled.
        let pid = huiwu_pid(&data, "run");
        for (_, n) in &batch[1..] {
            p.text(n);
            p.keys(&["Enter"]);
        }
        // Every other round the kill comes at once, while the burst is surely still being
        // handled; the others anywhere up to 350 ms, the screen read meanwhile.
        if round % 2 == 0 {
            let deadline = Instant::now() + Duration::from_millis(rng.below(350));
            loop {
                acknowledged(&p.screen(), &batch, &mut ever_acked);
                if Instant::now() >= deadline {
                    break;
                }
            }
        }
        let st = Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()
            .unwrap();
        assert!(st.success());
        // The screen as the process left it: everything on it was drawn before the kill.
        let code = p.exit_code();
        assert_eq!(code, "137", "round {round}: killed by SIGKILL");
        let last = p.screen();
        acknowledged(&last, &batch, &mut ever_acked);
        let shown = screen_present(&last);
        drop(p);

        let on_disk = journal_sign_ins(&data, &agenda);
        assert!(
            ever_acked.is_subset(&on_disk),
            "round {round}: acknowledged but not in the journal: {:?}\nlast screen:\n{last}",
            ever_acked.difference(&on_disk).collect::<Vec<_>>()
        );
        if let Some(n) = shown {
            assert!(
                n <= on_disk.len(),
                "round {round}: the screen counted {n} present, the journal holds {}",
                on_disk.len()
            );
        }
        // Where the kill landed: before some sign-in of the burst was written, or after
        // it was written and before the screen acknowledged it (mid-write).
        let unwritten = batch.iter().filter(|(id, _)| !on_disk.contains(id)).count();
        let unacknowledged = batch
            .iter()
            .filter(|(id, _)| on_disk.contains(id) && !ever_acked.contains(id))
            .count();
        killed_before_write += usize::from(unwritten > 0);
        killed_mid_write += usize::from(unacknowledged > 0);
        killed_mid_burst += usize::from(unwritten + unacknowledged > 0);
        // A power cut mid-write leaves half a line; the next open must cut it off.
        if round % 6 == 0 {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&journal)
                .unwrap();
            f.write_all(br#"{"id":"torn","at":"2017-05-04T06:3"#)
                .unwrap();
            torn_rounds += 1;
        }
    }

    // After the last kill: the journal parses line by line, and the side files hold the
    // torn tails that were cut.
    let q_open = Command::new(tmux::bin())
        .args(["--lang", "en", "--seat", "crash-desk", "--data-dir"])
        .arg(&data)
        .arg("attend")
        .arg(&agenda)
        .arg(format!("K{:03}", people - 1))
        .output()
        .unwrap();
    assert!(
        q_open.status.success(),
        "{}",
        String::from_utf8_lossy(&q_open.stderr)
    );
    let text = std::fs::read_to_string(&journal).unwrap();
    for line in text.lines().skip(1) {
        serde_json::from_str::<huiwu::core::event::Event>(line)
            .unwrap_or_else(|e| panic!("journal line does not parse ({e}): {line}"));
    }
    let sides = std::fs::read_dir(journal.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".torn-")
        })
        .count();
    assert_eq!(sides, torn_rounds, "one side file per torn tail");
    let on_disk = journal_sign_ins(&data, &agenda);
    assert!(ever_acked.is_subset(&on_disk));
    let report = format!(
        "{rounds} rounds in {:?}: {} acknowledged, {} in the journal, {killed_mid_burst} rounds killed mid-burst ({killed_before_write} before a write, {killed_mid_write} between a write and its acknowledgement), {torn_rounds} torn tails repaired",
        started.elapsed(),
        ever_acked.len(),
        on_disk.len()
    );
    eprintln!("{report}");
    // The kills did land while sign-ins were being handled, not only after.
    assert!(killed_mid_burst >= 3, "{report}");
}
