//! huiwu (会务): run multi-venue video-conference meetings from a terminal.
//!
//! - [`core`]: the plan (agenda), the record (events) and the meeting state as a pure fold
//!   of the two. No I/O, no clock, no terminal.
//! - [`export`]: the minutes, the sign-in sheet and the whole meeting as files.
//! - [`i18n`]: the two languages and the tables every string is written in.
//! - [`import`]: rosters and video platforms' attendance exports in.
//! - [`search`]: finding a person by name, pinyin, initials, unit or number.
//! - [`sample`]: made-up meeting data for tests and benchmarks (feature `sample`).
//! - [`store`]: the journal on disk and the session that writes through it.
//! - [`server`]: the meeting on a PostgreSQL server, synced from every seat.
//! - [`cli`]: the subcommands.
//! - [`tui`]: the terminal UI (`huiwu run`).
//! - [`sanitize`]: what becomes of control characters and escape sequences in text from
//!   outside, for each kind of output.

#![forbid(unsafe_code)]

pub mod cli;
pub mod core;
pub mod export;
pub mod i18n;
pub mod import;
#[cfg(any(test, feature = "sample"))]
pub mod sample;
pub mod sanitize;
pub mod search;
pub mod server;
pub mod store;
pub mod tui;
