//! The attendance desk at scale (issue 4): drawing the attendance view into a 200×50
//! `TestBackend` at 5, 20 and 100 venues of 360 people, a keystroke in the search box
//! followed by a frame at 36,000 people, and the once-per-change rebuild after a record.
//!
//! `cargo bench --bench render -- --quick`

use std::hint::black_box;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use huiwu::core::command::Command;
use huiwu::i18n::Lang;
use huiwu::store::session::{AgendaFile, Session};
use huiwu::tui::App;
use huiwu::tui::keymap::Keymap;
use huiwu::tui::view::View;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

struct Desk {
    app: App,
    _dir: tempfile::TempDir,
    now: DateTime<Utc>,
}

/// A desk on a generated meeting with every third person signed in (over a spread of
/// minutes, so that the arrivals chart has data).
fn desk(venues: usize) -> Desk {
    let agenda = huiwu::sample::generate(venues, 360, 7);
    let dir = tempfile::tempdir().unwrap();
    let file = AgendaFile {
        path: dir.path().join("bench.json"),
        sha256: "bench".into(),
        agenda: Arc::new(agenda),
        warnings: Vec::new(),
    };
    let t0 = file.agenda.meeting.start.with_timezone(&Utc) - Duration::minutes(40);
    let mut session = Session::open(&file, dir.path(), "bench", t0).unwrap();
    let ids: Vec<String> = session
        .meeting
        .people
        .iter()
        .map(|p| p.id.clone())
        .collect();
    for (i, id) in ids.iter().enumerate().step_by(3).take(600) {
        let cmd = Command::SignIn {
            participant: id.clone(),
            late: false,
            effective_at: None,
        };
        session
            .execute(&cmd, t0 + Duration::seconds(i as i64 % 2400))
            .unwrap();
    }
    let now = t0 + Duration::minutes(45);
    Desk {
        app: App::new(session, Lang::Zh, Keymap::default()),
        _dir: dir,
        now,
    }
}

fn render(c: &mut Criterion) {
    let mut g = c.benchmark_group("attendance_render_200x50");
    for venues in [5, 20, 100] {
        let mut d = desk(venues);
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
        g.bench_with_input(
            BenchmarkId::from_parameter(venues * 360),
            &venues,
            |b, _| {
                b.iter(|| {
                    term.draw(|f| d.app.draw(f, d.now)).unwrap();
                })
            },
        );
    }
    g.finish();
}

fn keystroke(c: &mut Criterion) {
    let mut g = c.benchmark_group("keystroke_search_and_render_200x50");
    for venues in [5, 100] {
        let mut d = desk(venues);
        let mut term = Terminal::new(TestBackend::new(200, 50)).unwrap();
        // One key per iteration: type a character of a common surname, or take it back.
        let mut typed = false;
        g.bench_with_input(
            BenchmarkId::from_parameter(venues * 360),
            &venues,
            |b, _| {
                b.iter(|| {
                    if typed {
                        d.app.key(KeyCode::Backspace, d.now);
                    } else {
                        d.app.key(KeyCode::Char('王'), d.now);
                    }
                    typed = !typed;
                    term.draw(|f| d.app.draw(f, d.now)).unwrap();
                })
            },
        );
        // A query matching nearly everyone, as when a pinyin letter is typed first.
        let mut typed = false;
        g.bench_with_input(BenchmarkId::new("broad", venues * 360), &venues, |b, _| {
            b.iter(|| {
                if typed {
                    d.app.key(KeyCode::Backspace, d.now);
                } else {
                    d.app.key(KeyCode::Char('1'), d.now);
                }
                typed = !typed;
                term.draw(|f| d.app.draw(f, d.now)).unwrap();
            })
        });
    }
    g.finish();
}

/// What every recorded change costs the view: counts, chart and roster order rebuilt.
fn after_change(c: &mut Criterion) {
    let d = desk(100);
    let mut view = huiwu::tui::view::attendance::AttendanceView::new(d.app.meeting());
    c.bench_function("attendance_sync_after_change_36000", |b| {
        b.iter(|| view.sync(black_box(d.app.meeting())))
    });
}

criterion_group!(benches, render, keystroke, after_change);
criterion_main!(benches);
