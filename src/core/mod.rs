//! The core: no I/O, no clock reads, no terminal types.

pub mod actions;
pub mod agenda;
pub mod anomaly;
pub mod command;
pub mod due;
pub mod event;
pub mod event_wire;
pub mod hlc;
pub mod load;
pub mod meeting;
pub mod people;
pub mod query;
pub mod snapshot;
pub mod speech_command;
pub mod stamp;
