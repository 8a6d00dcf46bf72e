//! Files on disk: where they live, the journal, and the session that writes through it.

pub mod atomic;
pub mod input;
pub mod journal;
pub mod journal_messages;
pub mod layout;
pub mod merge;
pub mod paths;
pub mod record;
pub mod seat;
pub mod session;
pub mod snapshot;
pub mod watch;
