//! What huiwu keeps in a PostgreSQL database, and `huiwu server init`, which creates it
//! or brings it up to date. Plain, portable SQL: `bigserial`, `text`, unique constraints,
//! nothing that only a new PostgreSQL has, so that the PostgreSQL-compatible servers
//! offices run (KingbaseES, openGauss) can hold it too.
//!
//! - `huiwu_schema`: one row, the schema version and an id of this database (a seat's
//!   copy of pulled events is only valid for the database it came from).
//! - `huiwu_meetings`: a meeting and the SHA-256 of the agenda file it was started with.
//! - `huiwu_events`: append only. `position` is the server's order of arrival; the event's
//!   own id is unique (a repeated push adds nothing), and so is (meeting, seat, seq) (two
//!   computers claiming one seat are refused); `body` is the exact journal line;
//!   `received_at` the server's clock when it arrived (each seat's clock skew).

use postgres::Client;

use super::error::ServerError;
use super::url::ServerUrl;

/// The schema this huiwu writes and reads.
pub const SCHEMA_VERSION: i32 = 1;

/// Version 1, created whole.
const V1: &str = "
CREATE TABLE IF NOT EXISTS huiwu_schema (
    version integer NOT NULL,
    instance text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS huiwu_meetings (
    meeting text PRIMARY KEY,
    agenda_sha256 text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS huiwu_events (
    position bigserial PRIMARY KEY,
    meeting text NOT NULL REFERENCES huiwu_meetings (meeting),
    seat text NOT NULL,
    seq bigint NOT NULL,
    event_id text NOT NULL,
    agenda_sha256 text,
    body text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT huiwu_events_event_id UNIQUE (event_id),
    CONSTRAINT huiwu_events_seat_seq UNIQUE (meeting, seat, seq)
);
CREATE INDEX IF NOT EXISTS huiwu_events_meeting_position ON huiwu_events (meeting, position);
";

/// The steps from one version to the next: `MIGRATIONS[v]` brings version `v` to `v + 1`
/// (none yet; version 1 is created whole).
const MIGRATIONS: &[&str] = &[];

/// A key for the advisory lock that lets one `server init` run at a time.
const INIT_LOCK: i64 = 0x6875_6977_7500_0001;

/// The rights a seat's role gets (`server init --grant ROLE`): read everything, add
/// events and meetings, nothing else: no UPDATE, no DELETE.
pub fn grant_statements(role: &str) -> Vec<String> {
    let r = quote_ident(role);
    vec![
        format!("GRANT SELECT ON huiwu_schema TO {r}"),
        format!("GRANT SELECT, INSERT ON huiwu_meetings TO {r}"),
        format!("GRANT SELECT, INSERT ON huiwu_events TO {r}"),
        format!("GRANT USAGE ON SEQUENCE huiwu_events_position_seq TO {r}"),
    ]
}

/// An SQL identifier, quoted.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What `server init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitOutcome {
    Created,
    Upgraded { from: i32 },
    AlreadyCurrent,
}

/// Create the schema, or upgrade it, in one transaction; grant `roles` a seat's rights.
pub fn init(url: &ServerUrl, roles: &[String]) -> Result<InitOutcome, ServerError> {
    let shown = url.shown().to_string();
    let pg = |e: postgres::Error| ServerError::from_pg(&shown, &e);
    let mut client = url.connect()?;
    let mut tx = client.transaction().map_err(pg)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&INIT_LOCK])
        .map_err(pg)?;
    let outcome = match version_in(&mut tx).map_err(pg)? {
        None => {
            tx.batch_execute(V1).map_err(pg)?;
            let instance = uuid::Uuid::new_v4().to_string();
            tx.execute(
                "INSERT INTO huiwu_schema (version, instance) VALUES ($1, $2)",
                &[&SCHEMA_VERSION, &instance],
            )
            .map_err(pg)?;
            InitOutcome::Created
        }
        Some(v) if v > SCHEMA_VERSION => {
            return Err(ServerError::NewerSchema {
                server: shown,
                found: v,
                known: SCHEMA_VERSION,
            });
        }
        Some(v) if v == SCHEMA_VERSION => InitOutcome::AlreadyCurrent,
        Some(v) => {
            for step in MIGRATIONS.iter().skip(usize::try_from(v - 1).unwrap_or(0)) {
                tx.batch_execute(step).map_err(pg)?;
            }
            // The one UPDATE huiwu ever makes, by the database's owner.
            tx.execute("UPDATE huiwu_schema SET version = $1", &[&SCHEMA_VERSION])
                .map_err(pg)?;
            InitOutcome::Upgraded { from: v }
        }
    };
    for role in roles {
        for g in grant_statements(role) {
            tx.batch_execute(&g).map_err(pg)?;
        }
    }
    tx.commit().map_err(pg)?;
    Ok(outcome)
}

/// The schema's version, `None` when there are no huiwu tables.
fn version_in(tx: &mut postgres::Transaction) -> Result<Option<i32>, postgres::Error> {
    let exists: i64 = tx
        .query_one(
            "SELECT count(*) FROM information_schema.tables
             WHERE table_name = 'huiwu_schema' AND table_schema = current_schema()",
            &[],
        )?
        .get(0);
    if exists == 0 {
        return Ok(None);
    }
    let row = tx.query_opt("SELECT max(version) FROM huiwu_schema", &[])?;
    Ok(row.and_then(|r| r.get::<_, Option<i32>>(0)))
}

/// Check that the database holds a schema this huiwu can use; its instance id.
pub fn check(client: &mut Client, shown: &str) -> Result<String, ServerError> {
    let row = client
        .query_opt(
            "SELECT version, instance FROM huiwu_schema ORDER BY version DESC LIMIT 1",
            &[],
        )
        .map_err(|e| ServerError::from_pg(shown, &e))?;
    let Some(row) = row else {
        return Err(ServerError::NoSchema {
            server: shown.to_string(),
        });
    };
    let version: i32 = row.get(0);
    if version > SCHEMA_VERSION {
        return Err(ServerError::NewerSchema {
            server: shown.to_string(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version < SCHEMA_VERSION {
        return Err(ServerError::OlderSchema {
            server: shown.to_string(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(row.get(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_name_is_quoted_whatever_it_holds() {
        let g = grant_statements("north\"; DROP TABLE x; --");
        assert!(
            g[0].ends_with("TO \"north\"\"; DROP TABLE x; --\""),
            "{}",
            g[0]
        );
        assert!(
            g.iter()
                .all(|s| !s.contains("UPDATE") && !s.contains("DELETE"))
        );
    }

    #[test]
    fn every_version_has_its_step() {
        assert_eq!(MIGRATIONS.len() + 1, SCHEMA_VERSION as usize);
    }
}
