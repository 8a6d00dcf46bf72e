//! Files on disk: where they live, the journal, and the session that writes through it.

pub mod atomic;
pub mod input;
pub mod journal;
pub mod journal_messages;
pub mod paths;
pub mod session;
