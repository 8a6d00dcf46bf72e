//! The screen as text: the one way the tests read what was drawn.

use chrono::{DateTime, Utc};
use huiwu::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

/// One row as a terminal shows it, with the column where each character starts: a wide
/// character covers the next cell too, unless something was drawn there (a popup's
/// border), which wipes it.
fn row(buf: &Buffer, y: u16) -> (String, Vec<(usize, u16)>) {
    let mut text = String::new();
    let mut cols = Vec::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        let w = sym.width() as u16;
        let covered_free = (x + 1..x + w.max(1))
            .all(|cx| cx < buf.area.width && matches!(buf[(cx, y)].symbol(), " " | ""));
        cols.push((text.len(), x));
        if w > 1 && !covered_free {
            text.push(' ');
            x += 1;
            continue;
        }
        text.push_str(sym);
        x += w.max(1);
    }
    (text, cols)
}

/// Every row, a line each.
pub fn screen(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        out.push_str(&row(buf, y).0);
        out.push('\n');
    }
    out
}

/// Where `text` starts on screen (column, row).
pub fn find(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let (line, cols) = row(buf, y);
        let byte = line.find(text)?;
        cols.iter().find(|(b, _)| *b == byte).map(|(_, x)| (*x, y))
    })
}

/// The frame the desk draws at `now` into `t`. Read this, not the backend's buffer: a
/// terminal reused across frames keeps stale cells behind wide characters there.
pub fn frame(t: &mut Terminal<TestBackend>, app: &mut App, now: DateTime<Utc>) -> Buffer {
    t.draw(|f| app.draw(f, now)).unwrap().buffer.clone()
}

/// The desk's screen at `now` in a fresh `w`×`h` terminal, as text.
pub fn app_screen(app: &mut App, now: DateTime<Utc>, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    screen(&frame(&mut t, app, now))
}
