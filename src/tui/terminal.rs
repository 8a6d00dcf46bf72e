//! Taking the terminal and always giving it back. [`Tty::enter`] switches to raw mode, the
//! alternate screen and bracketed paste; the guard's `Drop` undoes all three, so an error
//! returned with `?` restores the terminal on its way out. A panic hook restores before
//! the panic message is printed (so it is readable), and SIGTERM / SIGHUP set a flag that
//! the event loop checks between events to leave through the same `Drop` (and a
//! watchdog covers a loop that cannot: see [`Signals`]). A second SIGTERM while the
//! first is being handled exits at once.

use std::io::{self, Stdout, Write};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

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

/// How long the event loop has, after a signal, to leave through the terminal guard
/// before the signal thread restores the terminal and exits itself.
const GRACE: Duration = Duration::from_secs(2);

/// SIGTERM, SIGHUP and SIGINT, noted for the event loop.
///
/// The loop checks the flag between events and leaves through [`Tty`]'s `Drop`. But
/// when the terminal is gone (a closed window, a dropped ssh session), crossterm's reader
/// spins on a tty that reads end-of-file and never returns to the loop (crossterm#793);
/// such a process would burn a core and hold the meeting's lock for ever. So a thread
/// that receives the signal also gives the loop a grace period, then restores what it
/// can and exits. Every recorded command is already synced, so nothing is lost.
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
                // A second signal while the first is handled exits at once. Order
                // matters: this is armed only once the flag is already set.
                flag::register_conditional_shutdown(sig, 1, Arc::clone(&flag))?;
                flag::register(sig, Arc::clone(&flag))?;
            }
            let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
            std::thread::Builder::new()
                .name("huiwu-signals".into())
                .spawn(move || {
                    if signals.forever().next().is_some() {
                        std::thread::sleep(GRACE);
                        restore();
                        std::process::exit(1);
                    }
                })?;
        }
        Ok(Signals { flag })
    }

    /// A signal asked us to stop.
    pub fn stop_requested(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}
