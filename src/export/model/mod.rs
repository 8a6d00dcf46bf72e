//! What the exports say, computed once from `&Meeting` and rendered by each format: the
//! minutes (Markdown, HTML, Word) and the sign-in sheet (CSV, XLSX). Text here is final
//! text (labels chosen, times in the meeting's time zone, user strings cleaned of
//! bidirectional controls); the renderers only lay it out and escape it for their syntax.

mod actions;
mod minutes;
mod names;
mod sign_in;
mod speeches;
mod text;
mod timing;
mod venues;

pub use actions::*;
pub use minutes::*;
pub use names::*;
pub use sign_in::*;
pub use speeches::*;
pub use text::*;
pub use timing::*;
pub use venues::*;
