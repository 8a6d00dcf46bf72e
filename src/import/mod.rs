//! Getting people in and attendance reconciled: rosters from CSV and spreadsheets, and the
//! attendance exports of video-conference platforms matched against the roster.
//!
//! Everything here is pure (bytes or tables in, plans out); `cli::roster` and
//! `cli::reconcile` read and write the files and go through the session.

pub mod agenda_edit;
pub mod encoding;
pub mod export_table;
pub mod feishu;
pub mod header;
pub mod huawei;
pub mod matching;
pub mod name_shapes;
pub mod normalize;
pub mod platform;
pub mod roster;
pub mod table;
pub mod teams;
pub mod tencent;
pub mod time;
pub mod venue;
pub mod zoom;
