//! A meeting on a PostgreSQL server: seats on different computers see each other within
//! a second. The server only ever holds copies: each seat's journal on its own disk stays
//! the first durable write (a sign-in is done when it is there), and is the outbox from
//! which the server is sent what it lacks. Other seats' events come back into
//! `pulled/` journals that every reader of the meeting reads (see [`cache`]).
//!
//! - [`schema`]: the tables, `huiwu server init`.
//! - [`engine`]: push and pull, once (`huiwu sync`) or over and over.
//! - [`thread`]: the sync on its own thread for a desk, with reconnects.
//! - [`state`]: what the sync line shows.

pub mod cache;
pub mod engine;
pub mod error;
pub mod outbox;
pub mod schema;
pub mod state;
pub mod thread;
pub mod url;

pub use engine::{Engine, Moved, Report, Target};
pub use error::ServerError;
pub use state::{SeatSync, SharedState, SyncState, snapshot};
pub use thread::SyncThread;
pub use url::ServerUrl;
