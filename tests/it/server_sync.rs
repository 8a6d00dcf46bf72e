//! `huiwu sync` and `--server` on the commands, between computers (data dirs) through one
//! server: what moves, idempotent pushes, a seat clash, one person signed in at two
//! computers.

use crate::common::AGENDA_JSON;
use crate::server_pg::{Site, init, shared};

use huiwu::store::layout;
use predicates::prelude::*;

fn two_sites() -> Option<(&'static crate::server_pg::Cluster, String, Site, Site)> {
    let pg = shared()?;
    let db = pg.fresh_db();
    init(&pg.url(&db), &[]).assert().success();
    let a = Site::new(AGENDA_JSON, &pg.url(&db));
    let b = a.other();
    Some((pg, db, a, b))
}

#[test]
fn a_sign_in_on_one_computer_is_counted_on_the_other_and_sync_says_what_moved() {
    let Some((pg, db, a, b)) = two_sites() else {
        return;
    };
    a.huiwu(Some("north"), &["attend", "M1"]).assert().success();
    a.huiwu(Some("north"), &["attend", "W1"]).assert().success();
    assert_eq!(pg.rows(&db, "t1"), 2, "each command sent what it wrote");
    b.huiwu(Some("south"), &["attend", "M2"]).assert().success();
    b.huiwu(None, &["sync"]).assert().success().stdout(
        predicate::str::contains("0 sent, 0 received").or(predicate::str::contains("received")),
    );
    let s = b.status();
    assert_eq!(s["total"]["present"], 3, "{s}");
    // Pulled into its own folder, never into a local seat's journal.
    let pulled = layout::pulled_dir(&b.data, "t1");
    assert!(pulled.join("north.jsonl").exists());
    let south = std::fs::read_to_string(layout::seat_journal(&b.data, "t1", "south")).unwrap();
    assert!(!south.contains("\"north\""));
    // A does not have south yet: one sync brings it, and says so per seat.
    a.huiwu(None, &["sync"]).assert().success().stdout(
        predicate::str::contains("synced with")
            .and(predicate::str::contains("south\tsent 0\treceived 1")),
    );
    a.huiwu(None, &["sync"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 sent, 0 received"));
    assert_eq!(a.status()["total"]["present"], 3);
    // `log --seats` says where each seat's journal came from.
    a.huiwu(None, &["log", "--seats"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("\tserver\t").and(predicate::str::contains("this computer")),
        );
}

#[test]
fn a_push_repeated_adds_nothing() {
    let Some((pg, db, a, _)) = two_sites() else {
        return;
    };
    // Recorded offline.
    for who in ["M1", "M2", "W1"] {
        local(&a, "north", who);
    }
    a.huiwu(None, &["sync"])
        .assert()
        .success()
        .stdout(predicate::str::contains("north\tsent 3"));
    assert_eq!(pg.rows(&db, "t1"), 3);
    // Forget what was sent (a reply lost, the progress file gone): everything is sent
    // again and nothing is added.
    std::fs::remove_file(layout::pulled_dir(&a.data, "t1").join(".sync.json")).unwrap();
    a.huiwu(None, &["sync"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 sent").not());
    assert_eq!(pg.rows(&db, "t1"), 3);
    let ids: i64 = pg
        .client(&db)
        .query_one("SELECT count(DISTINCT event_id) FROM huiwu_events", &[])
        .unwrap()
        .get(0);
    assert_eq!(ids, 3);
}

#[test]
fn two_computers_writing_as_one_seat_are_refused_and_keep_their_events() {
    let Some((pg, db, a, b)) = two_sites() else {
        return;
    };
    a.huiwu(Some("north"), &["attend", "M1"]).assert().success();
    // b writes as `north` too, before it ever reached the server.
    local(&b, "north", "M2");
    b.huiwu(None, &["sync"])
        .assert()
        .failure()
        .stdout(predicate::str::contains(
            "north\tsent 0\treceived 0\trefused at #1: seat clash",
        ))
        .stderr(
            predicate::str::contains("another computer writes as seat `north`").and(
                predicate::str::contains("give each computer its own --seat"),
            ),
        );
    assert_eq!(pg.rows(&db, "t1"), 1);
    // b's own sign-in stays in its journal; with another seat name it goes through.
    assert_eq!(b.status()["total"]["present"], 1);
    b.huiwu(Some("north-2"), &["attend", "W1"])
        .assert()
        .success();
    assert_eq!(pg.rows(&db, "t1"), 2);
    // Once a computer has heard of `north` from the server, it refuses to write as it.
    let c = a.other();
    c.huiwu(Some("north"), &["attend", "W2"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("seat `north` is another computer's")
                .and(predicate::str::contains("pulled from the server")),
        );
}

/// `attend WHO` as `seat` in `site`'s data dir without a server.
fn local(site: &Site, seat: &str, who: &str) {
    let mut cmd = assert_cmd::Command::cargo_bin("huiwu").unwrap();
    cmd.env_remove("HUIWU_SERVER")
        .args(["--lang", "en", "--data-dir"])
        .arg(&site.data)
        .args(["--seat", seat, "attend"])
        .arg(&site.agenda)
        .arg(who);
    cmd.assert().success();
}

#[test]
fn one_person_signed_in_at_two_computers_is_one_person_and_one_anomaly_everywhere() {
    let Some((pg, db, a, b)) = two_sites() else {
        return;
    };
    let c = a.other();
    // Both sign M1 in while the server is away.
    local(&a, "north", "M1");
    local(&b, "south", "M1");
    for s in [&a, &b, &c, &a] {
        s.huiwu(None, &["sync"]).assert().success();
    }
    assert_eq!(pg.rows(&db, "t1"), 2);
    for s in [&a, &b, &c] {
        let st = s.status();
        assert_eq!(st["total"]["present"], 1, "{st}");
        let kinds: Vec<&str> = st["anomalies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, vec!["double_sign_in"], "{st}");
    }
}

#[test]
fn a_seat_pulled_from_the_server_cannot_be_written_here() {
    let Some((_, _, a, b)) = two_sites() else {
        return;
    };
    a.huiwu(Some("north"), &["attend", "M1"]).assert().success();
    b.huiwu(None, &["sync"]).assert().success();
    b.huiwu(Some("north"), &["attend", "M2"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "seat `north` is another computer's",
        ));
}

#[test]
fn the_server_holds_each_journal_line_exactly_whatever_the_names_hold() {
    let Some((pg, db, a, b)) = two_sites() else {
        return;
    };
    let name = "O'Brien \\'); DROP TABLE huiwu_events; -- $$ \\\\ 王\"x\"";
    a.huiwu(
        Some("north"),
        &["attend", "M1", "--stand-in", name, "--unit", "a'b\\c"],
    )
    .assert()
    .success();
    let journal = std::fs::read_to_string(layout::seat_journal(&a.data, "t1", "north")).unwrap();
    let lines: Vec<&str> = journal.lines().skip(1).collect();
    let bodies: Vec<String> = pg
        .client(&db)
        .query("SELECT body FROM huiwu_events ORDER BY position", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(bodies, lines);
    b.huiwu(None, &["sync"]).assert().success();
    let pulled =
        std::fs::read_to_string(layout::pulled_dir(&b.data, "t1").join("north.jsonl")).unwrap();
    assert_eq!(pulled.lines().skip(1).collect::<Vec<_>>(), lines);
    assert_eq!(b.status()["total"]["stand_in"], 1);
}
