//! The desk's frames at scale (issues 4 and 8), at 5, 20 and 100 venues of 360 people:
//! - the attendance view drawn into a 200×50 `TestBackend`;
//! - a keystroke in its search box followed by a frame (a surname in hanzi, and a digit
//!   that matches nearly everyone);
//! - the once-per-change rebuild of the attendance view after a record;
//! - the agenda (F3) and minutes (F5) views at 36,000 people.
//!
//! Target: a frame under 2 ms whatever the roster's size. The meeting is opened from disk
//! as `huiwu run` opens it, on the journal of a whole meeting from `huiwu::sample::journal`
//! (sign-in, walk-ins, every item run with notes, decisions and actions). Times are the
//! benchmark thread's CPU time (see `benches/common/mod.rs`).
//!
//! `cargo bench --bench render` (add `-- --quick` for a rougher run)

// A benchmark unwraps: a panic is the failure message.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use huiwu::i18n::Lang;
use huiwu::store::session::{Session, read_agenda};
use huiwu::tui::App;
use huiwu::tui::keymap::Keymap;
use huiwu::tui::view::{View, ViewId};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

mod common;
use common::CpuTime;

struct Desk {
    app: App,
    now: DateTime<Utc>,
    _disk: common::OnDisk,
}

/// A desk on a generated meeting after its whole journal, a few minutes after the end.
fn desk(venues: usize) -> Desk {
    let agenda = Arc::new(common::agenda(venues));
    let events = huiwu::sample::journal(&agenda, 7);
    let disk = common::on_disk(&agenda, &events);
    let file = read_agenda(&disk.agenda_path, Lang::Zh).unwrap();
    let now = events.last().unwrap().at + chrono::Duration::minutes(5);
    let session = Session::open(&file, &disk.data_dir, "bench", now).unwrap();
    assert!(!session.report.agenda_changed);
    Desk {
        app: App::new(session, Lang::Zh, Keymap::default()),
        now,
        _disk: disk,
    }
}

fn people(venues: usize) -> usize {
    venues * common::PER_VENUE
}

fn term() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).unwrap()
}

fn render(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("attendance_render_200x50");
    for venues in common::VENUES {
        let mut d = desk(venues);
        let mut term = term();
        g.bench_function(BenchmarkId::from_parameter(people(venues)), |b| {
            b.iter(|| {
                term.draw(|f| d.app.draw(f, d.now)).unwrap();
            })
        });
    }
    g.finish();
}

fn keystroke(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("keystroke_search_and_render_200x50");
    for venues in common::VENUES {
        let mut d = desk(venues);
        let mut term = term();
        // One key per iteration: type a common surname, or take it back.
        for (label, key) in [("surname", '王'), ("broad", '1')] {
            let mut typed = false;
            g.bench_function(BenchmarkId::new(label, people(venues)), |b| {
                b.iter(|| {
                    let code = if typed {
                        KeyCode::Backspace
                    } else {
                        KeyCode::Char(key)
                    };
                    d.app.key(code, d.now);
                    typed = !typed;
                    term.draw(|f| d.app.draw(f, d.now)).unwrap();
                })
            });
        }
    }
    g.finish();
}

/// What every recorded change costs the view: counts, chart and roster order rebuilt.
fn after_change(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("attendance_sync_after_change");
    for venues in common::VENUES {
        let d = desk(venues);
        let mut view = huiwu::tui::view::attendance::AttendanceView::new(d.app.meeting());
        g.bench_function(BenchmarkId::from_parameter(people(venues)), |b| {
            b.iter(|| view.sync(black_box(d.app.meeting())))
        });
    }
    g.finish();
}

/// The chair's views at the largest size: they list items, notes and actions, not
/// people, so they should not grow with the roster.
fn other_views(c: &mut Criterion<CpuTime>) {
    let mut g = c.benchmark_group("view_render_200x50");
    let venues = 100;
    let mut d = desk(venues);
    let mut term = term();
    for (label, view) in [("agenda", ViewId::Agenda), ("minutes", ViewId::Minutes)] {
        d.app.view = view;
        g.bench_function(BenchmarkId::new(label, people(venues)), |b| {
            b.iter(|| {
                term.draw(|f| d.app.draw(f, d.now)).unwrap();
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = render, keystroke, after_change, other_views
}
criterion_main!(benches);
