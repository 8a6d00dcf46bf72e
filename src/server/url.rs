//! The server's address: a PostgreSQL connection string, as a URL
//! (`postgresql://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable`) or as `key=value`
//! words (`host=/run/postgresql dbname=huiwu user=north`). It is shown without its
//! password, and connections get timeouts so that a dead network is noticed in seconds.

use std::str::FromStr;
use std::time::Duration;

use super::error::ServerError;

/// How long a connection attempt may take before the seat counts as offline.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A server address, parsed.
#[derive(Clone)]
pub struct ServerUrl {
    config: postgres::Config,
    shown: String,
}

impl std::fmt::Debug for ServerUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        f.write_str(&self.shown)
    }
}

impl ServerUrl {
    pub fn parse(text: &str) -> Result<ServerUrl, ServerError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ServerError::BadUrl {
                why: "empty".into(),
            });
        }
        let mut config = postgres::Config::from_str(text)
            .map_err(|e| ServerError::BadUrl { why: e.to_string() })?;
        if config.get_hosts().is_empty() {
            return Err(ServerError::BadUrl {
                why: "no host".into(),
            });
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        // A peer that vanished (a cable pulled, a VPN dropped) is noticed by keepalives
        // rather than after the operating system's two hours.
        config.keepalives(true);
        config.keepalives_idle(Duration::from_secs(10));
        config.keepalives_interval(Duration::from_secs(3));
        config.keepalives_retries(3);
        // A server that stops answering mid-statement must not hold a desk (or its exit)
        // for ever: nothing huiwu asks takes more than a moment.
        if config.get_options().is_none() {
            config.options("-c statement_timeout=15000");
        }
        if config.get_application_name().is_none() {
            config.application_name("huiwu");
        }
        let shown = shown(&config);
        Ok(ServerUrl { config, shown })
    }

    /// `USER@HOST:PORT/DATABASE`, never the password: for messages and the desk.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn connect(&self) -> Result<postgres::Client, ServerError> {
        self.config
            .connect(postgres::NoTls)
            .map_err(|e| ServerError::from_pg(&self.shown, &e))
    }
}

fn shown(c: &postgres::Config) -> String {
    let hosts: Vec<String> = c
        .get_hosts()
        .iter()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    let port = match c.get_ports() {
        [] | [5432] => String::new(),
        [p, ..] => format!(":{p}"),
    };
    let user = c.get_user().map(|u| format!("{u}@")).unwrap_or_default();
    let db = c.get_dbname().map(|d| format!("/{d}")).unwrap_or_default();
    format!("{user}{}{port}{db}", hosts.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_never_shown() {
        let u = ServerUrl::parse("postgresql://north:s3cret@10.1.2.3:5433/huiwu").unwrap();
        assert_eq!(u.shown(), "north@10.1.2.3:5433/huiwu");
        assert!(!format!("{u:?}").contains("s3cret"));
        let u = ServerUrl::parse("host=/tmp/pg dbname=m user=postgres password=x").unwrap();
        assert_eq!(u.shown(), "postgres@/tmp/pg/m");
    }

    #[test]
    fn a_bad_address_is_said_plainly() {
        for bad in ["", "   ", "postgresql://", "host="] {
            assert!(
                matches!(ServerUrl::parse(bad), Err(ServerError::BadUrl { .. })),
                "{bad:?}"
            );
        }
    }
}
