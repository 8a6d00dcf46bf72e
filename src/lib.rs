//! huiwu (会务): run multi-venue video-conference meetings from a terminal.
//!
//! - [`core`]: the plan (agenda), the record (events) and the meeting state as a pure fold
//!   of the two. No I/O, no clock, no terminal.
//! - [`export`]: the minutes, the sign-in sheet and the whole meeting as files.
//! - [`store`]: the journal on disk and the session that writes through it.
//! - [`chair`]: the agenda runner, notes, action and big-clock panes of the desk.
//! - [`cli`]: the subcommands.
//! - [`tui`]: the terminal UI (`huiwu run`).
//! - [`sanitize`]: what becomes of control characters and escape sequences in text from
//!   outside, for each kind of output.

pub mod chair;
pub mod cli;
pub mod core;
pub mod export;
pub mod i18n;
pub mod import;
pub mod sample;
pub mod sanitize;
pub mod search;
pub mod store;
pub mod tui;
