//! Seats: who writes. Every writer (a desk, a badge reader, a script, an import) is a
//! seat with its own journal and its own lock. A seat the user names (`--seat`,
//! `HUIWU_SEAT`) is used as named. Without a name, a seat is named after this computer
//! and the kind of writer, so that a desk and a command on one computer never share one:
//!
//! - a desk (`huiwu run`): `USER@HOST:desk`, or `:desk-2`, `:desk-3`, ... when another desk
//!   holds it;
//! - a badge reader (`huiwu attend AGENDA -`): `USER@HOST:reader`, `:reader-2`, ...;
//! - a short command (`attend WHO`, `action`, `reconcile`): `USER@HOST:cli`, shared by
//!   every short command of this computer: one waits briefly for another to finish.
//!
//! An import records under its own seat inside the one that runs it: `SEAT/zoom`.

use std::time::Duration;

/// How long a short command waits for its seat to be free: commands on one seat take
/// turns (a badge-reader script calling `attend` in a loop beside another).
pub const COMMAND_WAIT: Duration = Duration::from_secs(5);

/// How long a desk or a reader given a seat name waits for it (another process may be
/// finishing a command on it).
pub const NAMED_WAIT: Duration = Duration::from_secs(1);

/// The least a named seat waits for its lock (see [`SeatClaim::wait`]).
const NAMED_GRACE: Duration = Duration::from_millis(300);

/// The kind of writer asking for a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A desk: `huiwu run`.
    Desk,
    /// A stream of sign-ins: `huiwu attend AGENDA -`.
    Reader,
    /// A short command.
    Command,
}

impl Role {
    fn suffix(self) -> &'static str {
        match self {
            Role::Desk => "desk",
            Role::Reader => "reader",
            Role::Command => "cli",
        }
    }
}

/// Which seat a writer wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatClaim {
    /// This seat, waiting up to `wait` for another process to let it go.
    Named { name: String, wait: Duration },
    /// The first free of `base`, `base-2`, `base-3`, ...
    FirstFree { base: String },
}

impl From<&str> for SeatClaim {
    fn from(name: &str) -> SeatClaim {
        SeatClaim::Named {
            name: name.to_string(),
            wait: Duration::ZERO,
        }
    }
}

impl From<&String> for SeatClaim {
    fn from(name: &String) -> SeatClaim {
        SeatClaim::from(name.as_str())
    }
}

impl SeatClaim {
    /// The seat a writer of kind `role` claims: the named one, or one named after this
    /// computer.
    pub fn for_role(named: Option<&str>, role: Role) -> SeatClaim {
        let named = named.map(str::trim).filter(|s| !s.is_empty());
        match (named, role) {
            (Some(name), Role::Command) => SeatClaim::Named {
                name: name.to_string(),
                wait: COMMAND_WAIT,
            },
            (Some(name), _) => SeatClaim::Named {
                name: name.to_string(),
                wait: NAMED_WAIT,
            },
            (None, Role::Command) => SeatClaim::Named {
                name: format!("{}:{}", computer(), role.suffix()),
                wait: COMMAND_WAIT,
            },
            (None, _) => SeatClaim::FirstFree {
                base: format!("{}:{}", computer(), role.suffix()),
            },
        }
    }

    /// The seats to try, in order.
    pub fn candidates(&self) -> Vec<String> {
        match self {
            SeatClaim::Named { name, .. } => vec![name.clone()],
            SeatClaim::FirstFree { base } => std::iter::once(base.clone())
                .chain((2..=MAX_SEATS).map(|n| format!("{base}-{n}")))
                .collect(),
        }
    }

    /// How long to wait for the seat's lock. A named seat waits at least a moment: a lock
    /// just let go can still be held for a few milliseconds by a child process that this
    /// program (or a test harness) is starting, which shares the open file until its
    /// `exec` closes it. A first-free claim takes the next name at once instead.
    pub fn wait(&self) -> Duration {
        match self {
            SeatClaim::Named { wait, .. } => (*wait).max(NAMED_GRACE),
            SeatClaim::FirstFree { .. } => Duration::ZERO,
        }
    }
}

/// Desks (or readers) of one kind on one computer, at most.
const MAX_SEATS: usize = 64;

/// The seat an import from `source` (`zoom`) records under, inside seat `seat`.
pub fn import_seat(seat: &str, source: &str) -> String {
    format!("{seat}/{source}")
}

/// This computer and user: `USER@HOST`.
pub fn computer() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "secretary".into());
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "localhost".into());
    format!("{user}@{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_seats_of_a_desk_a_reader_and_a_command_differ() {
        let desk = SeatClaim::for_role(None, Role::Desk).candidates();
        let reader = SeatClaim::for_role(None, Role::Reader).candidates();
        let cli = SeatClaim::for_role(None, Role::Command).candidates();
        assert!(desk[0].ends_with(":desk") && desk[1].ends_with(":desk-2"));
        assert!(reader[0].ends_with(":reader"));
        assert_eq!(cli.len(), 1);
        assert!(cli[0].ends_with(":cli"));
        for d in &desk {
            assert!(!reader.contains(d) && !cli.contains(d));
        }
        // A named seat is used as named, by every kind of writer.
        for role in [Role::Desk, Role::Reader, Role::Command] {
            assert_eq!(
                SeatClaim::for_role(Some(" north "), role).candidates(),
                vec!["north".to_string()]
            );
        }
        assert_eq!(
            SeatClaim::for_role(Some(""), Role::Command).candidates(),
            cli
        );
        assert_eq!(import_seat("north", "zoom"), "north/zoom");
    }
}
