//! Writing the command line's output. A reader that stops early (`huiwu log A | head -1`)
//! closes the pipe: the program then ends quietly with success, as Unix tools do, rather
//! than panic in `println!`. Other write errors (a full disk under `> file`) are said once
//! and end the program with 1. Messages on stderr never fail the program: if stderr is
//! gone there is nobody to tell.

use std::io::{self, Write};

/// A line for a person (through the sanitiser, see [`outln!`](super::outln)).
pub fn line(text: &str) {
    let clean = crate::sanitize::screen_text(text);
    raw(&format!("{clean}\n"));
}

/// Text that is already what should be written (JSON, a schema, completions).
pub fn raw(text: &str) {
    bytes(text.as_bytes());
}

/// Bytes to stdout, flushed.
pub fn bytes(b: &[u8]) {
    let mut out = io::stdout().lock();
    if let Err(e) = out.write_all(b).and_then(|()| out.flush()) {
        failed(&e);
    }
}

/// A message line on stderr (through the sanitiser, see [`errln!`](super::errln)).
pub fn err_line(text: &str) {
    let clean = crate::sanitize::screen_text(text);
    let _ = writeln!(io::stderr().lock(), "{clean}");
}

/// Whether `e` is the reader having gone away.
pub fn is_closed_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn failed(e: &io::Error) -> ! {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    err_line(&format!("huiwu: {e}"));
    std::process::exit(1);
}
