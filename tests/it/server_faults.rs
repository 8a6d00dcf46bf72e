//! Seats syncing on their threads while things go wrong: many pushers and a reader paging
//! by position, the server stopped dead and started again, connections killed mid-push,
//! a seat offline for a long while, a seat that only sends. Every time: nothing lost,
//! nothing doubled, every seat converges on the same meeting.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use crate::server_pg::{Cluster, LiveSeat, big_agenda, eventually, init, own, shared};

/// `seats` seats (one per venue), each signing in `each` people, a pause of `gap` ms
/// between two; `during` runs in the main thread once every seat has started (the
/// fault). Returns the seats' final folds and the events written.
fn meeting(
    pg: &Cluster,
    seats: usize,
    each: usize,
    gap: u64,
    during: impl FnOnce(&str),
) -> (Vec<usize>, usize, String) {
    let db = pg.fresh_db();
    let url = pg.url(&db);
    init(&url, &[]).assert().success();
    let dir = tempfile::tempdir().unwrap();
    let (agenda, people) = big_agenda(dir.path(), seats, each);
    let total = seats * each;
    let started = Arc::new(Barrier::new(seats + 1));
    let handles: Vec<_> = (0..seats)
        .map(|i| {
            let (agenda, url, started) = (agenda.clone(), url.clone(), started.clone());
            let data = dir.path().join(format!("pc{i}"));
            let mine: Vec<String> = people[i].iter().take(each).cloned().collect();
            std::thread::spawn(move || {
                let mut s = LiveSeat::open(&agenda, &data, &format!("seat{i}"), &url);
                s.connect();
                started.wait();
                for who in &mine {
                    s.sign_in(who);
                    std::thread::sleep(Duration::from_millis(gap));
                }
                // Every seat's events, each once, in every seat's meeting.
                // Generous: the whole suite may be running beside it on two processors.
                let converged = eventually(180, || s.fold() >= total);
                let st = s.state().unwrap();
                assert!(converged, "seat{i} folds {} of {total}: {st:?}", s.fold());
                assert_eq!(st.pending(), 0, "seat{i}: {st:?}");
                (s.fold(), s.written)
            })
        })
        .collect();
    started.wait();
    during(&db);
    let mut folds = Vec::new();
    let mut written = 0;
    for h in handles {
        let (f, w) = h.join().unwrap();
        folds.push(f);
        written += w;
    }
    (folds, written, db)
}

fn no_event_lost_or_doubled(pg: &Cluster, db: &str, written: usize, folds: &[usize]) {
    let mut c = pg.client(db);
    let row = c
        .query_one(
            "SELECT count(*), count(DISTINCT event_id), count(DISTINCT (seat, seq)) FROM huiwu_events",
            &[],
        )
        .unwrap();
    let (rows, ids, keys): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(
        (rows, ids, keys),
        (written as i64, written as i64, written as i64)
    );
    assert!(
        folds.iter().all(|f| *f == written),
        "{folds:?} of {written}"
    );
}

#[test]
fn two_pushers_and_a_reader_paging_by_position_see_every_event_once() {
    let Some(pg) = shared() else { return };
    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(std::sync::Mutex::new(Vec::<(String, i64)>::new()));
    let mut reader = None;
    let (folds, written, db) = meeting(pg, 2, 250, 0, |db| {
        let (stop, seen, url) = (stop.clone(), seen.clone(), pg.url(db));
        reader = Some(std::thread::spawn(move || {
            let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
            let mut last = 0i64;
            loop {
                let done = stop.load(Ordering::Relaxed);
                for r in c
                    .query(
                        "SELECT position, seat, seq FROM huiwu_events WHERE position > $1
                         ORDER BY position",
                        &[&last],
                    )
                    .unwrap()
                {
                    last = r.get(0);
                    seen.lock().unwrap().push((r.get(1), r.get(2)));
                }
                if done {
                    break;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        }));
    });
    stop.store(true, Ordering::Relaxed);
    reader.unwrap().join().unwrap();
    no_event_lost_or_doubled(pg, &db, written, &folds);
    let seen = seen.lock().unwrap();
    let distinct: HashSet<&(String, i64)> = seen.iter().collect();
    assert_eq!(seen.len(), written, "every event seen");
    assert_eq!(distinct.len(), written, "none twice");
}

#[test]
fn the_server_stopped_dead_and_started_again_mid_meeting_loses_nothing() {
    let Some(pg) = own() else { return };
    let (folds, written, db) = meeting(&pg, 3, 60, 40, |_| {
        std::thread::sleep(Duration::from_millis(800));
        pg.stop_immediate();
        std::thread::sleep(Duration::from_secs(3));
        pg.start_server().unwrap();
    });
    no_event_lost_or_doubled(&pg, &db, written, &folds);
}

#[test]
fn connections_killed_mid_push_lose_and_double_nothing() {
    let Some(pg) = shared() else { return };
    let (folds, written, db) = meeting(pg, 3, 80, 10, |db| {
        let mut killed = 0;
        for _ in 0..6 {
            std::thread::sleep(Duration::from_millis(150));
            killed += pg.kill_connections(db);
        }
        assert!(killed > 0);
    });
    no_event_lost_or_doubled(pg, &db, written, &folds);
}

#[test]
fn a_seat_offline_for_many_events_sends_them_all_when_back_and_shows_it_waited() {
    let Some(pg) = shared() else { return };
    let db = pg.fresh_db();
    let url = pg.url(&db);
    init(&url, &[]).assert().success();
    let dir = tempfile::tempdir().unwrap();
    let (agenda, people) = big_agenda(dir.path(), 2, 150);
    let mut chair = LiveSeat::open(&agenda, &dir.path().join("chair"), "chair", &url);
    chair.connect();
    // The branch's link is down (an address where nothing listens).
    let nowhere = dir.path().join("no-server");
    std::fs::create_dir(&nowhere).unwrap();
    let mut branch = LiveSeat::open(
        &agenda,
        &dir.path().join("branch"),
        "branch",
        &format!("host={} user=postgres dbname={db}", nowhere.display()),
    );
    branch.connect();
    for who in &people[1] {
        branch.sign_in(who);
    }
    chair.sign_in(&people[0][0]);
    let written = branch.written;
    assert!(
        eventually(10, || {
            branch
                .state()
                .is_some_and(|s| !s.online && s.pending() == written && s.error.is_some())
        }),
        "{:?}",
        branch.state()
    );
    let offline_since = branch.state().unwrap().since;
    assert!(offline_since.is_some());
    assert_eq!(chair.fold(), 1, "nothing of the branch reached the chair");
    // The link is back.
    branch.disconnect();
    branch.url = url.clone();
    branch.connect();
    assert!(eventually(20, || chair.fold() == written + 1
        && branch.fold() == written + 1));
    assert!(eventually(5, || branch.state().unwrap().pending() == 0));
    assert_eq!(
        pg.rows(&db, &chair.session.meeting().agenda.meeting.id) as usize,
        written + 1
    );
    let st = branch.state().unwrap();
    assert!(st.online);
    let chair_seat = st.seat("chair").unwrap();
    assert_eq!(chair_seat.on_server, 1);
    assert!(
        chair_seat.skew_ms.is_some_and(|ms| ms.abs() < 5_000),
        "{st:?}"
    );
}

/// A seat that only sends (a badge reader's computer): its events reach the server and a
/// following seat, also across a server stopped dead; it keeps no copy of the others'.
#[test]
fn a_seat_that_only_sends_sends_everything_across_a_restart_and_pulls_nothing() {
    let Some(pg) = own() else { return };
    let db = pg.fresh_db();
    let url = pg.url(&db);
    init(&url, &[]).assert().success();
    let dir = tempfile::tempdir().unwrap();
    let (agenda, people) = big_agenda(dir.path(), 2, 6);
    let mut reader = LiveSeat::open(&agenda, &dir.path().join("reader"), "reader", &url);
    reader.connect_push_only();
    let mut chair = LiveSeat::open(&agenda, &dir.path().join("chair"), "chair", &url);
    chair.connect();
    let meeting = reader.session.meeting().agenda.meeting.id.clone();
    for who in &people[0][..3] {
        reader.sign_in(who);
    }
    chair.sign_in(&people[1][0]);
    assert!(eventually(60, || chair.fold() == 4), "{:?}", chair.state());
    let sent = |r: &LiveSeat| {
        r.state()
            .unwrap()
            .seat("reader")
            .map(|s| (s.on_server, s.pending))
    };
    assert!(
        eventually(30, || sent(&reader) == Some((3, 0))),
        "{:?}",
        reader.state()
    );
    pg.stop_immediate();
    for who in &people[0][3..6] {
        reader.sign_in(who);
    }
    assert!(eventually(30, || {
        let st = reader.state().unwrap();
        !st.online && st.pending() == 3
    }));
    pg.start_server().unwrap();
    assert!(
        eventually(60, || sent(&reader) == Some((6, 0))),
        "{:?}",
        reader.state()
    );
    assert!(eventually(60, || chair.fold() == 7), "{:?}", chair.state());
    assert_eq!(pg.rows(&db, &meeting), 7);
    // Nothing pulled: the reader's meeting is its own events only.
    assert_eq!(reader.fold(), 6);
    let pulled = huiwu::store::layout::pulled_dir(reader.session.data_dir(), &meeting);
    let copies = std::fs::read_dir(&pulled)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(copies, 0);
}
