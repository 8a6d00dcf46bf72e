//! The gate of every end-to-end test: what it needs from the machine (tmux, a mount
//! namespace, /proc, a database) is asked for here, once, at the test's start.
//!
//! - Missing where `CI` is set (to anything but `0`/`false`): the test fails, saying what is
//!   missing and how to get it. CI never passes a test that did not run.
//! - Missing locally: the test returns early and says why on the real stderr (not through
//!   `eprintln!`, which the test runner hides for passing tests), with a running count.
//! - Present: the test's name is appended to the file named by `HUIWU_E2E_RAN` when that is
//!   set, so that `.ci/run` can say how many end-to-end tests really ran.
//!
//! Use: `if !e2e::require(&[Need::Tmux, Need::Proc]) { return; }`; for a need not listed
//! here (PostgreSQL, say), `e2e::require_that("PostgreSQL", found, "set HUIWU_TEST_PG")`.

use std::io::Write;
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable naming the file where tests that really ran are listed.
pub const RAN_LOG: &str = "HUIWU_E2E_RAN";

/// What an end-to-end test may need from the machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// tmux, to drive the real binary in a real terminal.
    Tmux,
    /// `unshare -m` allowed to mount (a tiny tmpfs, a read-only bind mount).
    MountNamespace,
    /// /proc, to find the desk's process and signal it.
    Proc,
}

impl Need {
    fn name(self) -> &'static str {
        match self {
            Need::Tmux => "tmux",
            Need::MountNamespace => "a private mount namespace (unshare -m, mount)",
            Need::Proc => "/proc",
        }
    }

    fn how(self) -> &'static str {
        match self {
            Need::Tmux => "install tmux (apt-get install tmux)",
            Need::MountNamespace => {
                "run as root where mounts are allowed, with util-linux (apt-get install util-linux)"
            }
            Need::Proc => "run on Linux with /proc mounted",
        }
    }

    /// Asked once per test binary: the answer does not change while the tests run.
    fn present(self) -> bool {
        static TMUX: OnceLock<bool> = OnceLock::new();
        static MOUNT: OnceLock<bool> = OnceLock::new();
        match self {
            Need::Tmux => *TMUX.get_or_init(|| {
                Command::new("tmux")
                    .arg("-V")
                    .output()
                    .is_ok_and(|o| o.status.success())
            }),
            Need::MountNamespace => *MOUNT.get_or_init(|| {
                Command::new("unshare")
                    .args(["-m", "sh", "-c", "mount -t tmpfs none /mnt || exit 3"])
                    .output()
                    .is_ok_and(|o| o.status.success())
            }),
            Need::Proc => std::path::Path::new("/proc/self/cmdline").exists(),
        }
    }
}

/// Whether CI asked for every end-to-end test to run.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// True when every need is met (the test goes on, and is counted as run). Otherwise:
/// fails the test under CI, or says why it is skipped and returns false.
pub fn require(needs: &[Need]) -> bool {
    gate(needs.iter().map(|n| (n.name(), n.present(), n.how())))
}

/// [`require`] for a need not in [`Need`]: `found` says whether it is there, `how` how
/// to get it (e.g. `require_that("PostgreSQL", url.is_some(), "set HUIWU_TEST_PG")`).
pub fn require_that(what: &str, found: bool, how: &str) -> bool {
    gate([(what, found, how)])
}

static SKIPPED: AtomicUsize = AtomicUsize::new(0);

fn gate<'a>(needs: impl IntoIterator<Item = (&'a str, bool, &'a str)>) -> bool {
    let test = test_name();
    match gate_as(in_ci(), &test, needs) {
        Ok(()) => {
            note_ran(&test);
            true
        }
        Err(why) => {
            let n = SKIPPED.fetch_add(1, Ordering::SeqCst) + 1;
            // Straight to the stderr handle: `eprintln!` output is captured by the test
            // runner and shown only for failing tests.
            let _ = writeln!(std::io::stderr(), "{why}; {n} skipped so far");
            false
        }
    }
}

/// Ok when every need is met; under CI a missing one panics, otherwise it is the reason
/// the test is skipped.
fn gate_as<'a>(
    ci: bool,
    test: &str,
    needs: impl IntoIterator<Item = (&'a str, bool, &'a str)>,
) -> Result<(), String> {
    for (what, found, how) in needs {
        if found {
            continue;
        }
        assert!(
            !ci,
            "{test}: {what} is missing and CI is set, so this end-to-end test may not be \
             skipped: {how}"
        );
        return Err(format!(
            "SKIPPED end-to-end test {test}: {what} is missing ({how})"
        ));
    }
    Ok(())
}

/// Append the test's name to the file `HUIWU_E2E_RAN` names, if it is set.
fn note_ran(test: &str) {
    let Ok(path) = std::env::var(RAN_LOG) else {
        return;
    };
    let opened = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path);
    match opened {
        // One write of one short line per test: O_APPEND writes this small do not
        // interleave between the test threads.
        Ok(mut f) => {
            let _ = f.write_all(format!("{test}\n").as_bytes());
        }
        Err(e) => panic!("{RAN_LOG}={path}: cannot append: {e}"),
    }
}

fn test_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("an end-to-end test")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "tmux is missing and CI is set")]
    fn under_ci_a_missing_tool_fails_the_test() {
        let _ = gate_as(
            true,
            "t",
            [("/proc", true, ""), ("tmux", false, "install tmux")],
        );
    }

    #[test]
    fn locally_a_missing_tool_skips_and_all_present_runs() {
        let skipped = gate_as(false, "t", [("tmux", false, "install tmux")]);
        assert_eq!(
            skipped,
            Err("SKIPPED end-to-end test t: tmux is missing (install tmux)".into())
        );
        assert_eq!(
            gate_as(true, "t", [("tmux", true, ""), ("/proc", true, "")]),
            Ok(())
        );
    }
}
