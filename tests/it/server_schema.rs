//! `huiwu server init` and every way a server can be wrong: a clear message each, and
//! local work goes on.

use crate::common::AGENDA_JSON;
use crate::server_pg::{Site, init, shared};
use predicates::prelude::*;

#[test]
fn init_creates_the_tables_once_and_again_changes_nothing() {
    let Some(pg) = shared() else { return };
    let db = pg.fresh_db();
    init(&pg.url(&db), &[]).assert().success().stdout(
        predicate::str::contains("created huiwu's tables")
            .and(predicate::str::contains("schema version 1")),
    );
    let mut c = pg.client(&db);
    let instance: String = c
        .query_one("SELECT instance FROM huiwu_schema", &[])
        .unwrap()
        .get(0);
    init(&pg.url(&db), &[])
        .assert()
        .success()
        .stdout(predicate::str::contains("nothing changed"));
    let rows: Vec<String> = c
        .query("SELECT instance FROM huiwu_schema", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        rows,
        vec![instance],
        "one version row, the same database id"
    );
}

#[test]
fn a_seat_role_may_read_and_add_but_never_change_or_delete() {
    let Some(pg) = shared() else { return };
    let db = pg.fresh_db();
    let role = format!("seat_{db}");
    pg.sql(&db, &format!("CREATE ROLE {role} LOGIN PASSWORD 'pw1'"));
    init(&pg.url(&db), &["--grant", &role])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "role `{role}` may read and add events"
        )));
    let site = Site::new(AGENDA_JSON, &pg.url_as(&db, &role, "pw1"));
    site.huiwu(Some("north"), &["attend", "M1"])
        .assert()
        .success();
    site.huiwu(None, &["sync"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 sent"));
    assert_eq!(pg.rows(&db, "t1"), 1);
    let mut c = postgres::Client::connect(&pg.url_as(&db, &role, "pw1"), postgres::NoTls).unwrap();
    for sql in [
        "UPDATE huiwu_events SET body = 'x'",
        "DELETE FROM huiwu_events",
        "UPDATE huiwu_meetings SET agenda_sha256 = 'x'",
        "DELETE FROM huiwu_meetings",
        "TRUNCATE huiwu_events",
    ] {
        let e = c.batch_execute(sql).unwrap_err();
        assert_eq!(
            e.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{sql}: {e}"
        );
    }
    assert_eq!(pg.rows(&db, "t1"), 1);
}

#[test]
fn a_wrong_password_a_missing_database_and_no_server_are_said_and_local_work_goes_on() {
    let Some(pg) = shared() else { return };
    let db = pg.fresh_db();
    init(&pg.url(&db), &[]).assert().success();
    let role = format!("pw_{db}");
    pg.sql(&db, &format!("CREATE ROLE {role} LOGIN PASSWORD 'right'"));
    let nowhere = tempfile::tempdir().unwrap();
    let cases = [
        (pg.url_as(&db, &role, "wrong"), "refused the login"),
        (pg.url(&format!("{db}_missing")), "no such database"),
        (
            format!("host={} user=postgres dbname=x", nowhere.path().display()),
            "cannot reach the server",
        ),
        ("postgresql://a:b@host:notaport/db".to_string(), "not valid"),
    ];
    for (url, said) in cases {
        let site = Site::new(AGENDA_JSON, &url);
        site.huiwu(Some("north"), &["attend", "M1"])
            .assert()
            .success()
            .stdout(predicate::str::contains("王晓红"))
            .stderr(predicate::str::contains(said).and(predicate::str::contains("right").not()));
        site.huiwu(None, &["sync"])
            .assert()
            .failure()
            .stderr(predicate::str::contains(said));
        // Recorded here all the same.
        assert_eq!(site.status()["total"]["present"], 1, "{url}");
    }
}

#[test]
fn a_database_without_tables_or_with_newer_ones_is_refused_with_what_to_do() {
    let Some(pg) = shared() else { return };
    let db = pg.fresh_db();
    let site = Site::new(AGENDA_JSON, &pg.url(&db));
    site.huiwu(None, &["sync"]).assert().failure().stderr(
        predicate::str::contains("has no huiwu tables yet")
            .and(predicate::str::contains("huiwu server init")),
    );
    init(&pg.url(&db), &[]).assert().success();
    pg.sql(&db, "UPDATE huiwu_schema SET version = 7");
    site.huiwu(None, &["sync"]).assert().failure().stderr(
        predicate::str::contains("schema version 7").and(predicate::str::contains("upgrade huiwu")),
    );
    init(&pg.url(&db), &[])
        .assert()
        .failure()
        .stderr(predicate::str::contains("schema version 7"));
}

#[test]
fn a_server_meeting_of_another_agenda_is_refused_and_the_seat_records_here() {
    let Some(pg) = shared() else { return };
    let db = pg.fresh_db();
    init(&pg.url(&db), &[]).assert().success();
    let a = Site::new(AGENDA_JSON, &pg.url(&db));
    a.huiwu(Some("a"), &["attend", "M1"]).assert().success();
    a.huiwu(None, &["sync"]).assert().success();
    // The same meeting id, another agenda file.
    let b = Site::new(&AGENDA_JSON.replace("会议室", "第二会议室"), &pg.url(&db));
    b.huiwu(Some("b"), &["attend", "M2"])
        .assert()
        .success()
        .stderr(predicate::str::contains("started with another agenda file"));
    b.huiwu(None, &["sync"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "give every computer the same agenda file",
        ));
    assert_eq!(b.status()["total"]["present"], 1);
    assert_eq!(pg.rows(&db, "t1"), 1);
}
