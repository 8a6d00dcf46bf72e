//! Noticing that other seats wrote: a thread that looks at a meeting's journals a few
//! times a second and calls back when any of them changed, so that an open desk folds
//! another seat's event (a second desk, a badge reader, `huiwu attend`, a server's pull
//! written as a journal) without a key press.
//!
//! It looks at exactly the files [`layout::list`] gives for the meeting (the old single
//! journal, every local seat's, the carried ones, and whatever the layout reads in
//! future), by size and modification time: a stat per journal, no read, no lock, no
//! dependency on a file-notification API that differs per system (and misses network
//! shares). Reading the new lines is the session's (`Session::refresh`), on the thread
//! that owns it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use super::layout;

/// How often the journals are looked at: an event shows on a desk within this plus the
/// desk's own tick (250 ms), well inside a second.
pub const WATCH_EVERY: Duration = Duration::from_millis(200);

/// What a look saw: each journal's size and modification time (or why the folder could
/// not be listed: a change of that is news too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot(Result<Vec<(PathBuf, u64, Option<SystemTime>)>, String>);

impl Snapshot {
    /// The meeting's journals as they are now, except those in `skip` (the watcher's own).
    pub fn take(data_dir: &Path, meeting: &str, skip: &[PathBuf]) -> Snapshot {
        Snapshot(match layout::list(data_dir, meeting) {
            Ok(listing) => Ok(listing
                .all()
                .filter(|p| !skip.contains(p))
                .map(|p| match std::fs::metadata(p) {
                    Ok(m) => (p.clone(), m.len(), m.modified().ok()),
                    // Gone meanwhile, or unreadable: the session will say which.
                    Err(_) => (p.clone(), u64::MAX, None),
                })
                .collect()),
            Err(e) => Err(e.to_string()),
        })
    }
}

/// A running watcher; dropping it stops the thread (within one look).
#[derive(Debug)]
pub struct Watch {
    stop: Arc<AtomicBool>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Watch {
    /// Look at meeting `meeting`'s journals in `data_dir` every `every`, except those in
    /// `skip`, and call `changed` once at the start (what was written between opening and
    /// now) and after every look that saw a change. The thread ends when `changed`
    /// returns `false` (nobody listens any more) or the `Watch` is dropped.
    pub fn spawn(
        data_dir: &Path,
        meeting: &str,
        skip: Vec<PathBuf>,
        every: Duration,
        mut changed: impl FnMut() -> bool + Send + 'static,
    ) -> std::io::Result<Watch> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let (data_dir, meeting) = (data_dir.to_path_buf(), meeting.to_string());
        std::thread::Builder::new()
            .name("seat-watch".into())
            .spawn(move || {
                let mut last = Snapshot::take(&data_dir, &meeting, &skip);
                if !changed() {
                    return;
                }
                while !stopped.load(Ordering::Relaxed) {
                    std::thread::sleep(every);
                    let now = Snapshot::take(&data_dir, &meeting, &skip);
                    if now != last {
                        last = now;
                        if !changed() {
                            return;
                        }
                    }
                }
            })?;
        Ok(Watch { stop })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    #[test]
    fn a_journal_written_or_appearing_is_reported_and_its_own_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let own = layout::seat_journal(dir.path(), "m1", "me");
        std::fs::create_dir_all(own.parent().unwrap()).unwrap();
        std::fs::write(&own, b"x\n").unwrap();
        let (tx, rx) = mpsc::channel();
        let w = Watch::spawn(
            dir.path(),
            "m1",
            vec![own.clone()],
            Duration::from_millis(10),
            move || tx.send(()).is_ok(),
        )
        .unwrap();
        let patience = Duration::from_secs(20);
        rx.recv_timeout(patience).expect("the first call");
        // Its own journal changes nothing.
        std::fs::write(&own, b"x\ny\n").unwrap();
        assert!(rx.recv_timeout(Duration::from_millis(100)).is_err());
        // Another seat's journal appears, then grows; a carried one arrives.
        let other = layout::seat_journal(dir.path(), "m1", "door");
        std::fs::write(&other, b"a\n").unwrap();
        rx.recv_timeout(patience).expect("a new journal");
        std::fs::write(&other, b"a\nb\n").unwrap();
        rx.recv_timeout(patience).expect("a journal grew");
        let carried = layout::carried_dir(dir.path(), "m1");
        std::fs::create_dir_all(&carried).unwrap();
        std::fs::write(carried.join("north.jsonl"), b"c\n").unwrap();
        rx.recv_timeout(patience).expect("a carried journal");
        drop(w);
        // Stopped: it hangs up (its sender dropped) within a look.
        while rx.recv_timeout(patience).is_ok() {}
    }
}
