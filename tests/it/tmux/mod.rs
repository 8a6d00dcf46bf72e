//! Driving the real binary in a real terminal (tmux) for the hardening tests. Every
//! session is named `ht-…-PID` and killed when its [`Pane`] is dropped, so a failed
//! assertion leaves nothing running. Waits poll with generous timeouts: the machine is
//! shared and often loaded; nothing asserts on time.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long any one wait may take before the test fails with the screen.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The gate of a tmux test, kept for tests written before `common::e2e`: under CI a
/// missing tmux fails the test; locally the skip is said. New tests call
/// `e2e::require(&[Need::Tmux, ...])` with everything they need.
pub fn tmux_available() -> bool {
    crate::common::e2e::require(&[crate::common::e2e::Need::Tmux])
}

/// The gate of a test that mounts in a private namespace, as [`tmux_available`].
pub fn can_unshare_mount() -> bool {
    crate::common::e2e::require(&[crate::common::e2e::Need::MountNamespace])
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_huiwu")
}

pub fn desk_agenda() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/desk.json")
}

/// Quote for `sh -c`.
pub fn q(s: impl AsRef<str>) -> String {
    format!("'{}'", s.as_ref().replace('\'', r"'\''"))
}

/// The shell line that runs `huiwu run` (or anything else after `huiwu`), then prints its
/// exit code, then `after` (for example `stty -a; exec sh`).
pub fn huiwu_line(env: &str, args: &str, after: &str) -> String {
    format!(
        "env RUST_BACKTRACE=0 {env} {bin} {args}; echo EXIT=$?; {after}",
        bin = q(bin())
    )
}

pub struct Pane {
    pub name: String,
}

impl Pane {
    /// Start `script` under `sh -c` in a new detached tmux session of `w`×`h`.
    pub fn start(tag: &str, w: u16, h: u16, script: &str) -> Pane {
        let name = format!("ht-{tag}-{}", std::process::id());
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &name])
            .output();
        // The tmux server exits with its last session: a session started as another test
        // kills the last one can meet the server going away. Tried again until it starts.
        let start = Instant::now();
        loop {
            let o = Command::new("tmux")
                .args(["new-session", "-d", "-s", &name])
                .args(["-x", &w.to_string(), "-y", &h.to_string()])
                .args(["sh", "-c", script])
                .output()
                .unwrap();
            if o.status.success() {
                break;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "tmux new-session failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let _ = Command::new("tmux")
                .args(["kill-session", "-t", &name])
                .output();
            sleep(Duration::from_millis(50));
        }
        // Keep the pane (and its last screen) when the program in it ends.
        let _ = Command::new("tmux")
            .args(["set-option", "-t", &name, "remain-on-exit", "on"])
            .output();
        Pane { name }
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["capture-pane", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Wait until `pred` holds for the screen; return that screen.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            // A capture can catch a frame half drawn (the notice row new, the status row
            // not yet): what is returned is a screen seen twice in a row.
            if pred(&s) {
                sleep(Duration::from_millis(30));
                let again = self.screen();
                if again == s || start.elapsed() > PATIENCE {
                    return s;
                }
                continue;
            }
            if start.elapsed() > PATIENCE {
                panic!("{what}: never happened; the screen:\n{s}");
            }
            sleep(Duration::from_millis(40));
        }
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("`{text}` on screen"), |s| s.contains(text))
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.name.as_str()];
        args.extend_from_slice(keys);
        assert!(Command::new("tmux").args(&args).status().unwrap().success());
    }

    /// Type text literally.
    pub fn text(&self, s: &str) {
        assert!(
            Command::new("tmux")
                .args(["send-keys", "-t", &self.name, "-l", s])
                .status()
                .unwrap()
                .success()
        );
    }

    pub fn resize(&self, w: u16, h: u16) {
        assert!(
            Command::new("tmux")
                .args(["resize-window", "-t", &self.name])
                .args(["-x", &w.to_string(), "-y", &h.to_string()])
                .status()
                .unwrap()
                .success()
        );
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}`.
    pub fn format(&self, fmt: &str) -> String {
        let out = Command::new("tmux")
            .args(["display-message", "-p", "-t", &self.name, fmt])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The exit code the script printed (`EXIT=n`).
    pub fn exit_code(&self) -> String {
        let s = self.wait_for("EXIT=");
        s.lines()
            .find_map(|l| l.split("EXIT=").nth(1))
            .map(|c| {
                c.trim()
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["kill-session", "-t", &self.name])
            .output();
    }
}

/// The `huiwu run` process whose command line holds `needle` (a unique data dir), on
/// Linux; waits for it to appear.
pub fn huiwu_pid(needle: &Path, sub: &str) -> u32 {
    let needle = needle.display().to_string();
    let start = Instant::now();
    loop {
        if let Some(pid) = find_pid(&needle, sub) {
            return pid;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "no `huiwu {sub}` process for {needle}"
        );
        sleep(Duration::from_millis(20));
    }
}

pub fn find_pid(needle: &str, sub: &str) -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()? {
        let Ok(entry) = entry else { continue };
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmd) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let cmd = String::from_utf8_lossy(&cmd);
        let args: Vec<&str> = cmd.split('\0').collect();
        if args.first().is_some_and(|a| a.ends_with("huiwu"))
            && args.contains(&sub)
            && args.contains(&needle)
        {
            return Some(pid);
        }
    }
    None
}

const SURNAMES: &[char] = &[
    '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林',
    '何', '郭', '马', '罗',
];
const MIDDLE: &[char] = &['建', '晓', '志', '明', '文', '海', '春', '国', '丽', '德'];
const LAST: &[char] = &['华', '军', '平', '红', '强', '芳', '伟'];

/// Distinct three-character names (up to 200), one per (surname, middle) pair.
pub fn crowd_name(i: usize) -> String {
    let s = i % SURNAMES.len();
    let m = i / SURNAMES.len();
    [SURNAMES[s], MIDDLE[m], LAST[(s + m) % LAST.len()]]
        .iter()
        .collect()
}

/// An agenda of `n` people with distinct names (ids `K000`…), two venues, one item.
pub fn crowd_agenda(meeting_id: &str, n: usize) -> String {
    let people: Vec<String> = (0..n)
        .map(|i| {
            let venue = if i % 3 == 0 { "branch" } else { "main" };
            format!(
                r#"{{"id": "K{i:03}", "name": "{}", "unit": "单位{}", "venue": "{venue}"}}"#,
                crowd_name(i),
                i % 7
            )
        })
        .collect();
    format!(
        r#"{{
          "meeting": {{"id": "{meeting_id}", "title": "演练", "date": "2017-05-04",
            "start": "2017-05-04T14:30:00+08:00", "end": "2017-05-04T16:30:00+08:00",
            "chair": {{"name": "主持人"}}}},
          "venues": [{{"id": "main", "name": "主会场", "kind": "main"}},
                     {{"id": "branch", "name": "分会场", "kind": "branch"}}],
          "participants": [{}],
          "items": [{{"id": "i1", "title": "议题", "minutes": 30}}]
        }}"#,
        people.join(",")
    )
}
