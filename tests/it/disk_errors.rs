//! A full disk, a read-only data dir and a data dir that cannot exist, for `huiwu attend`
//! and for the desk (`huiwu run` in tmux). Each gives a clear message, in both languages,
//! that names the file and says what to do; nothing is acknowledged that is not on disk;
//! the desk keeps the unsaved input on screen.
//!
//! Tests run as root, so permissions cannot make a directory read-only. The simulations:
//! - a full disk: a tmpfs of a few pages mounted over the data dir in a private mount
//!   namespace (`unshare -m`), and, where that is not allowed, a file size limit
//!   (`ulimit -f` with SIGXFSZ ignored), which fails a write with EFBIG the same way;
//! - a read-only data dir: a read-only bind mount in a private mount namespace;
//! - an impossible data dir: a path under a regular file (ENOTDIR).
//!
//! What cannot be simulated: a data dir turning read-only under a running desk. Linux
//! refuses to remount read-only while a file on it is open for writing (EBUSY), and the
//! desk holds its journal open. The desk handles that write error on the same path as a
//! full disk (EROFS gets its own wording, checked in `journal_messages` unit tests).

use crate::tmux;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::e2e::{self, Need};
use tmux::{Pane, crowd_agenda, crowd_name, desk_agenda, huiwu_line, q};

const PEOPLE: &[(&str, &str)] = &[
    ("M001", "王晓红"),
    ("M002", "李建国"),
    ("M003", "张伟"),
    ("M004", "曾志强"),
    ("M005", "欧阳明"),
    ("M006", "刘芳"),
    ("M007", "陈静"),
    ("M008", "杨洋"),
    ("M009", "赵敏"),
    ("Y001", "孙丽"),
    ("Y002", "周强"),
    ("Y003", "吴桂芳"),
    ("Y004", "郑小龙"),
];

fn sh(script: &str) -> Output {
    Command::new("sh").args(["-c", script]).output().unwrap()
}

fn attend_cmd(lang: &str, data: &Path, who: &str) -> String {
    format!(
        "{} --lang {lang} --seat disk --data-dir {} attend {} {who}",
        q(tmux::bin()),
        q(data.to_string_lossy()),
        q(desk_agenda().to_string_lossy())
    )
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Ids signed in according to `huiwu log` (run through `prefix`, e.g. inside a namespace).
fn logged(data: &Path) -> String {
    let o = Command::new(tmux::bin())
        .args(["--lang", "en", "--data-dir"])
        .arg(data)
        .arg("log")
        .arg(desk_agenda())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o).1);
    text(&o).0
}

#[test]
fn attend_on_a_size_limited_disk_says_free_space_and_acknowledges_nothing_unsaved() {
    for lang in ["en", "zh"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut failed = None;
        let mut acked = Vec::new();
        for (id, _) in PEOPLE {
            let o = sh(&format!(
                "trap '' XFSZ; ulimit -f 2; exec {}",
                attend_cmd(lang, &data, id)
            ));
            let (out, err) = text(&o);
            if o.status.success() {
                assert!(out.contains(id), "{out}");
                acked.push(*id);
            } else {
                assert!(out.is_empty(), "nothing acknowledged: {out}");
                failed = Some((*id, err));
                break;
            }
        }
        let (id, err) = failed.expect("the size limit was never reached");
        let journal = data.join("meetings/desk-test/disk.jsonl");
        assert!(err.contains(&journal.display().to_string()), "{err}");
        assert!(err.contains("--data-dir"), "{err}");
        match lang {
            "en" => assert!(err.contains("disk is full") && err.contains("Free some space")),
            _ => assert!(
                err.contains("磁盘已满") && err.contains("释放磁盘空间"),
                "{err}"
            ),
        }
        let log = logged(&data);
        for a in &acked {
            assert!(log.contains(&format!("({a})")), "{a} lost:\n{log}");
        }
        assert!(
            !log.contains(&format!("({id})")),
            "{id} was not saved:\n{log}"
        );
        // With room again, the same record goes in, and the journal was not left torn.
        let o = sh(&format!("exec {}", attend_cmd(lang, &data, id)));
        assert!(o.status.success(), "{}", text(&o).1);
        assert!(!text(&o).1.contains("incomplete") && !text(&o).1.contains("不完整"));
    }
}

#[test]
fn attend_on_a_really_full_disk() {
    if !e2e::require(&[Need::MountNamespace]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let agenda = dir.path().join("crowd.json");
    std::fs::write(&agenda, crowd_agenda("full", 40)).unwrap();
    let attend = |who: &str| {
        format!(
            "{} --lang zh --seat disk --data-dir {} attend {} {who}",
            q(tmux::bin()),
            q(data.to_string_lossy()),
            q(agenda.to_string_lossy())
        )
    };
    // A tiny tmpfs: two records go in, then a ballast file takes every free page.
    let ids: Vec<String> = (2..39).map(|i| format!("K{i:03}")).collect();
    let script = format!(
        "mount -t tmpfs -o size=64k none {d} || exit 99; {a0} && {a1} || exit 98; \
         cat /dev/zero > {d}/ballast 2>/dev/null; \
         for id in {ids}; do {each}; echo \"RC $id $?\"; done; \
         rm {d}/ballast; {again}; echo \"AGAIN $?\"; \
         {bin} --lang en --data-dir {d} log {agenda}",
        d = q(data.to_string_lossy()),
        a0 = attend("K000"),
        a1 = attend("K001"),
        ids = ids.join(" "),
        each = attend("$id"),
        again = attend("K039"),
        bin = q(tmux::bin()),
        agenda = q(agenda.to_string_lossy()),
    );
    let o = Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .output()
        .unwrap();
    let (out, err) = text(&o);
    assert_ne!(o.status.code(), Some(99), "tmpfs mount failed: {err}");
    assert_ne!(o.status.code(), Some(98), "the first records failed: {err}");
    let (runs, log) = out.split_once("AGAIN ").expect("the script ran to the end");
    let results: Vec<(&str, bool)> = runs
        .lines()
        .filter_map(|l| l.strip_prefix("RC "))
        .map(|l| {
            let (id, rc) = l.split_once(' ').unwrap();
            (id, rc == "0")
        })
        .collect();
    assert!(
        results.iter().any(|r| !r.1),
        "the disk never filled:\n{out}\n{err}"
    );
    // Each refusal names the seat's file (the journal, or its lock file when even that
    // cannot be written) and says what to do.
    assert!(err.contains("磁盘已满"), "{err}");
    assert!(err.contains("meetings/full/disk."), "{err}");
    assert!(
        err.contains("释放磁盘空间") && err.contains("--data-dir"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // Acknowledged ones are in the journal, refused ones are not.
    for (id, ok) in &results {
        assert_eq!(
            *ok,
            log.contains(&format!("({id})")),
            "{id}: acknowledged {ok}\n{out}"
        );
    }
    // Space freed: the next record goes in, on a journal that is not torn.
    assert!(log.starts_with('0'), "{out}\n{err}");
    assert!(log.contains("(K039)") && log.contains("(K000)"), "{out}");
}

#[test]
fn a_read_only_data_dir_is_refused_clearly_and_can_still_be_read() {
    if !e2e::require(&[Need::MountNamespace]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let used = dir.path().join("used");
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    // A meeting with one sign-in, then the directory becomes read-only.
    let o = sh(&format!("exec {}", attend_cmd("en", &used, "M001")));
    assert!(o.status.success(), "{}", text(&o).1);
    for (data, lang) in [(&used, "en"), (&used, "zh"), (&fresh, "en"), (&fresh, "zh")] {
        let script = format!(
            "mount --bind {d} {d} && mount -o remount,ro,bind {d} || exit 99; \
             {attend}; echo \"RC $?\"; \
             {bin} --lang en --data-dir {d} status {agenda}; echo \"STATUS $?\"",
            d = q(data.to_string_lossy()),
            attend = attend_cmd(lang, data, "M002"),
            bin = q(tmux::bin()),
            agenda = q(desk_agenda().to_string_lossy()),
        );
        let o = Command::new("unshare")
            .args(["-m", "sh", "-c", &script])
            .output()
            .unwrap();
        let (out, err) = text(&o);
        assert_ne!(
            o.status.code(),
            Some(99),
            "read-only bind mount failed: {err}"
        );
        assert!(out.contains("RC 1"), "{out}\n{err}");
        assert!(err.contains(&data.display().to_string()), "{err}");
        assert!(err.contains("--data-dir"), "{err}");
        match lang {
            "en" => assert!(err.contains("read-only file system"), "{err}"),
            _ => assert!(err.contains("只读"), "{err}"),
        }
        // Looking still works on a read-only dir.
        assert!(out.contains("STATUS 0"), "{out}\n{err}");
    }
}

#[test]
fn a_data_dir_under_a_regular_file_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let data = file.join("data");
    for lang in ["en", "zh"] {
        let o = sh(&format!("exec {}", attend_cmd(lang, &data, "M001")));
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{out}{err}");
        assert!(err.contains(&data.display().to_string()), "{err}");
        assert!(err.contains("--data-dir"), "{err}");
        match lang {
            "en" => assert!(err.contains("not a directory"), "{err}"),
            _ => assert!(err.contains("不是目录"), "{err}"),
        }
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn the_desk_will_not_open_on_a_read_only_or_impossible_data_dir() {
    if !e2e::require(&[Need::Tmux, Need::MountNamespace]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plain-file");
    std::fs::write(&file, b"x").unwrap();
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let d = q(ro.to_string_lossy());
    let cases: Vec<(String, PathBuf, &str, &str)> = vec![
        (
            String::new(),
            file.join("data"),
            "LANG=zh_CN.UTF-8",
            "不是目录",
        ),
        (
            format!("mount --bind {d} {d} && mount -o remount,ro,bind {d} &&"),
            ro.clone(),
            "LANG=en_US.UTF-8",
            "read-only file system",
        ),
    ];
    for (i, (mount, data, lang, want)) in cases.into_iter().enumerate() {
        let line = desk_line(&data, lang);
        let script = if mount.is_empty() {
            line
        } else {
            // The mount and the desk in their own mount namespace.
            format!("unshare -m sh -c {}", q(format!("{mount} {line}")))
        };
        let p = Pane::start(&format!("open{i}"), 110, 32, &script);
        assert_eq!(p.exit_code(), "1");
        let s = p.wait_for("icanon");
        // The message is readable (the terminal was never taken) and complete.
        let joined: String = s.lines().map(str::trim_end).collect();
        assert!(joined.contains(want), "{s}");
        assert!(joined.contains("--data-dir"), "{s}");
        assert!(joined.contains(&data.display().to_string()), "{s}");
        assert!(s.split_whitespace().any(|w| w == "icanon"), "{s}");
    }
}

fn desk_line(data: &Path, lang_env: &str) -> String {
    huiwu_line(
        &format!(
            "{lang_env} HUIWU_CONFIG_DIR={}",
            q(std::env::temp_dir().to_string_lossy())
        ),
        &format!(
            "--seat disk --data-dir {} run {}",
            q(data.to_string_lossy()),
            q(desk_agenda().to_string_lossy())
        ),
        "stty -a; sleep 120",
    )
}

#[test]
fn the_desk_on_a_full_disk_keeps_the_input_until_space_is_freed() {
    if !e2e::require(&[Need::Tmux, Need::Proc, Need::MountNamespace]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let agenda = dir.path().join("crowd.json");
    let people = 60;
    std::fs::write(&agenda, crowd_agenda("fulldesk", people)).unwrap();
    let d = q(data.to_string_lossy());
    let line = huiwu_line(
        &format!(
            "LANG=zh_CN.UTF-8 HUIWU_CONFIG_DIR={}",
            q(std::env::temp_dir().to_string_lossy())
        ),
        &format!(
            "--seat disk --data-dir {d} run {}",
            q(agenda.to_string_lossy())
        ),
        "stty -a; sleep 120",
    );
    let script = format!(
        "unshare -m sh -c {}",
        q(format!("mount -t tmpfs -o size=64k none {d} && {line}"))
    );
    let p = Pane::start("fulldesk", 110, 32, &script);
    p.wait_for("搜索>");
    let pid = tmux::huiwu_pid(&data, "run");
    // The data dir as the desk sees it (inside its mount namespace).
    let inside = PathBuf::from(format!("/proc/{pid}/root{}", data.display()));
    let sign_in = |i: usize| {
        let (id, name) = (format!("K{i:03}"), crowd_name(i));
        p.text(&name);
        p.wait_for(&format!("搜索> {name}"));
        p.keys(&["Enter"]);
        let ok = format!("{name}（{id}） 已签到");
        let s = p.wait_until("an answer", |s| s.contains("未保存：") || s.contains(&ok));
        (id, name, s.contains("未保存：").then_some(s))
    };
    assert!(sign_in(0).2.is_none());
    // The disk fills up (another program, a big download): a ballast file takes every
    // free page, leaving the journal the rest of its last page.
    {
        use std::io::Write;
        // Part of it is kept aside first, so that freeing it always frees pages (the
        // journal may have taken every free page by itself before the ballast came).
        std::fs::write(inside.join("reserve"), vec![0u8; 16 * 1024]).unwrap();
        let mut f = std::fs::File::create(inside.join("ballast")).unwrap();
        let chunk = vec![0u8; 4096];
        while f.write_all(&chunk).is_ok() {}
    }
    let mut failed = None;
    for i in 1..people {
        let (id, name, s) = sign_in(i);
        if let Some(s) = s {
            failed = Some((id, name, s));
            break;
        }
    }
    let (id, name, s) = failed.expect("the disk never filled");
    let joined: String = s.lines().map(str::trim_end).collect();
    assert!(joined.contains("磁盘已满"), "{s}");
    assert!(joined.contains("释放磁盘空间"), "{s}");
    assert!(joined.contains("--data-dir"), "{s}");
    assert!(joined.contains("fulldesk/disk.jsonl"), "{s}");
    // The status line says so (waited for: a capture can catch a frame half drawn).
    p.wait_for("未保存: 磁盘已满");
    assert!(
        s.contains(&format!("搜索> {name}")),
        "the name stays typed:\n{s}"
    );
    let log = |_: ()| {
        let o = Command::new(tmux::bin())
            .args(["--lang", "en", "--data-dir"])
            .arg(&inside)
            .arg("log")
            .arg(&agenda)
            .output()
            .unwrap();
        text(&o).0
    };
    assert!(!log(()).contains(&format!("({id})")));
    // The secretary frees space and presses Enter again: now it is saved.
    std::fs::remove_file(inside.join("ballast")).unwrap();
    std::fs::remove_file(inside.join("reserve")).unwrap();
    p.keys(&["Enter"]);
    let s = p.wait_for(&format!("{name}（{id}） 已签到"));
    assert!(s.contains("已保存"), "{s}");
    assert!(log(()).contains(&format!("({id})")));
    p.keys(&["C-c"]);
    assert_eq!(p.exit_code(), "0");
}
