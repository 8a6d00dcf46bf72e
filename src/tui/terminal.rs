//! Taking the terminal and always giving it back. [`Tty::enter`] switches to raw mode, the
//! alternate screen and bracketed paste; the guard's `Drop` undoes all three, so an error
//! returned with `?` restores the terminal on its way out. A panic hook restores before
//! the panic message is printed (so it is readable), and SIGTERM / SIGHUP set a flag that
//! the event loop checks between events to leave through the same `Drop`. A second
//! SIGTERM while the first is being handled exits at once.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

/// Whether the terminal is currently taken (so that restoring twice is harmless).
static TAKEN: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// The terminal, taken; dropping it gives the terminal back.
pub struct Tty {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
}

impl Tty {
    pub fn enter() -> io::Result<Tty> {
        install_panic_hook();
        TAKEN.store(true, Ordering::SeqCst);
        // If any step fails, undo the ones before it.
        let setup = || -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
            enable_raw_mode()?;
            let mut out = io::stdout();
            execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
            let mut t = Terminal::new(CrosstermBackend::new(out))?;
            t.clear()?;
            Ok(t)
        };
        match setup() {
            Ok(terminal) => Ok(Tty { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        restore();
    }
}

/// Give the terminal back: leave the alternate screen, end bracketed paste, show the
/// cursor, leave raw mode. Does nothing when the terminal is not taken; errors are
/// ignored (after SIGHUP there may be no terminal to write to).
pub fn restore() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// SIGTERM and SIGHUP, noted for the event loop.
pub struct Signals {
    flag: Arc<AtomicBool>,
}

impl Signals {
    pub fn register() -> io::Result<Signals> {
        let flag = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            use signal_hook::flag;
            for sig in [SIGTERM, SIGHUP, SIGINT] {
                // Order matters: the shutdown is armed only once the flag is already set.
                flag::register_conditional_shutdown(sig, 1, Arc::clone(&flag))?;
                flag::register(sig, Arc::clone(&flag))?;
            }
        }
        Ok(Signals { flag })
    }

    /// A signal asked us to stop.
    pub fn stop_requested(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}
