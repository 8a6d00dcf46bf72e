//! The terminal UI: `huiwu run AGENDA`.
//!
//! - `terminal`: taking the terminal and always giving it back.
//! - [`app`]: the application: the one place that acts on what views ask ([`msg`]), the
//!   only UI code doing I/O (files through `effects`).
//! - [`input`] + [`keymap`]: key -> intent, with user overrides.
//! - [`view`]: one module per view, and the contract a view follows; each reads a
//!   [`ctx::Ctx`], draws with the [`theme`], fits text with `fit` and places popups with
//!   `layout`; the small forms are one `form`.
//! - `help`: the help overlay (F1), from the keymap.
//! - `text`: every string of the desk in both languages.
//!
//! Who may import whom: `app` imports everything here; nothing here imports `app`.

use std::time::Duration;

use chrono::Utc;
use ratatui::crossterm::event;

pub(crate) mod anomalies;
pub mod app;
pub mod ctx;
pub(crate) mod effects;
pub(crate) mod fit;
pub(crate) mod form;
pub(crate) mod help;
pub mod input;
pub mod keymap;
pub(crate) mod layout;
pub mod msg;
pub(crate) mod sync_list;
pub(crate) mod terminal;
pub(crate) mod text;
pub mod theme;
pub mod view;

pub use app::App;

/// How often the screen is redrawn when nothing happens (the clock ticks).
const TICK: Duration = Duration::from_millis(250);

/// Run the app in the terminal until the user quits or a signal arrives. The terminal is
/// restored on every way out (see `terminal`).
pub fn run(app: &mut App) -> anyhow::Result<()> {
    let signals = terminal::Signals::register()?;
    let mut tty = terminal::Tty::enter()?;
    // Other seats' events arrive through the inbox, at the latest one tick after written.
    app.follow_seats();
    loop {
        if signals.stop_requested() {
            app.quit_now();
        }
        // Messages from outside the keyboard (other seats, the server), between keys.
        app.receive(Utc::now());
        if app.should_quit() {
            break;
        }
        tty.terminal.draw(|f| app.draw(f, Utc::now()))?;
        if event::poll(TICK)? {
            // Handle everything already queued (a paste, fast typing) before drawing again.
            loop {
                let ev = event::read()?;
                #[cfg(debug_assertions)]
                debug_panic::maybe_panic(&ev);
                app.on_event(&ev, Utc::now());
                if app.should_quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
            if app.take_bell() {
                // BEL: the terminal beeps or flashes, as it is set up to.
                use std::io::Write;
                let out = tty.terminal.backend_mut();
                out.write_all(b"\x07")?;
                out.flush()?;
            }
        }
    }
    drop(tty);
    Ok(())
}

/// A panic on demand, for the test that the terminal is given back after one: with
/// `HUIWU_DEBUG_PANIC_KEY=C` in the environment, pressing the key `C` panics in the event
/// loop. Compiled into debug builds only (the ones `cargo test` runs), so a release build
/// has no hidden way to crash.
#[cfg(debug_assertions)]
mod debug_panic {
    use std::sync::OnceLock;

    use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};

    pub fn maybe_panic(ev: &Event) {
        static KEY: OnceLock<Option<char>> = OnceLock::new();
        let key = KEY.get_or_init(|| {
            std::env::var("HUIWU_DEBUG_PANIC_KEY")
                .ok()
                .and_then(|s| s.chars().next())
        });
        if let (Some(c), Event::Key(k)) = (key, ev)
            && k.kind == KeyEventKind::Press
            && k.code == KeyCode::Char(*c)
        {
            panic!(
                "injected panic (HUIWU_DEBUG_PANIC_KEY={c}): testing that the terminal is restored"
            );
        }
    }
}
