//! The integration tests: one binary, one module per area. Shared helpers live in
//! `common` (a small agenda, a meeting driven by commands, the desk in process, the
//! screen as text), `runner` (the agenda-runner fixture) and `tmux` (the real binary in a
//! real terminal).

// Tests unwrap: a panic is the failure message.
#![allow(clippy::unwrap_used)]

mod common;
mod runner;
mod tmux;

mod action_cli;
mod agenda_timer;
mod atomic_write;
mod attend_cli;
mod bad_inputs;
mod chair_views;
mod check_cli;
mod core_props;
mod core_rules;
mod crash_attend;
mod desk_chair;
mod desk_life;
mod desk_live;
mod desk_messages;
mod desk_room;
mod desk_room_cli;
mod disk_errors;
mod docs_claims;
mod due_cli;
mod due_corpus;
mod due_desk;
mod due_docs;
mod export;
mod export_cli;
mod find_cli;
mod hostile_text;
mod json_shapes;
mod load_fast_path;
mod load_never_panics;
mod meeting_cli;
mod minutes_filed;
mod minutes_view;
mod notes_actions;
mod personal_data;
mod reader_props;
mod reconcile_cli;
mod roster_cli;
mod script_cli;
mod seats_cli;
mod seats_converge;
mod seats_crash;
mod server_desk;
mod server_faults;
mod server_list;
mod server_pg;
mod server_schema;
mod server_sync;
mod snapshot_cache;
mod speak_cli;
mod speech_agenda;
mod speech_core;
mod speech_desk;
mod speech_tmux;
mod tui_app;
mod tui_crash;
mod tui_resize_keys;
mod tui_terminal;
mod tui_tmux;
mod two_writers;
mod vc_exports;
mod vc_real_exports;
mod who_cli;
