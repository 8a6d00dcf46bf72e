//! The desk's sync list (Ctrl+V): the server sync seat by seat, from the sync thread's
//! state and the fold (each seat's venue and last event). Drawn from a state made here:
//! the real thread fills the same state (see `server_desk`'s tmux test for the whole way).

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use huiwu::core::command::Command;
use huiwu::i18n::Lang;
use huiwu::server::{ServerError, SharedState, SyncState};
use huiwu::store::session::Session;
use huiwu::tui::msg::Msg;
use huiwu::tui::theme::MONO;
use ratatui::crossterm::event::KeyCode;

use crate::common::desk::{Desk, t0};
use crate::common::screen::app_screen;

/// Another seat of this meeting signs `who` in (its own journal in the same data dir, as
/// a pulled journal would be), and the desk hears it.
fn other_seat_signs_in(d: &mut Desk, seat: &str, who: &str) {
    let mut s = Session::open(&d.agenda, d.dir.path(), seat, d.now).unwrap();
    let cmd = Command::SignIn {
        participant: who.into(),
        late: false,
        effective_at: None,
    };
    s.execute(&cmd, d.now).unwrap();
    drop(s);
    d.app.sender().send(Msg::OtherSeats).unwrap();
    d.app.receive(d.now);
}

fn ago(s: i64) -> DateTime<Utc> {
    t0() - Duration::seconds(s)
}

/// A few seats: this desk's with events waiting, one heard just now, one whose clock is
/// ahead, one behind, and one never heard whose name holds an escape sequence.
fn state(online: bool) -> SyncState {
    let mut st = SyncState::new("postgresql://chair@db.example/huiwu");
    st.online = online;
    st.since = Some(ago(42));
    st.position = 1234;
    st.own_skew_ms = Some(300);
    if !online {
        st.error = Some(ServerError::Offline {
            server: st.server.clone(),
            why: "connection refused".into(),
        });
    }
    let desk = st.seat_mut("desk-1");
    desk.local = true;
    desk.pending = 3;
    desk.on_server = 2;
    st.seat_mut("north").heard(12, ago(5), ago(5));
    st.seat_mut("south").heard(40, ago(600 - 185), ago(600));
    st.seat_mut("east").heard(3, ago(100 + 30), ago(100));
    st.seat_mut("evil\u{1b}[31mred\u{202e}");
    st
}

fn desk_with(lang: Lang, st: SyncState) -> (Desk, SharedState) {
    let mut d = Desk::new(lang);
    d.app.set_theme(&MONO);
    d.typ("M001");
    d.app.key(KeyCode::Enter, d.now);
    other_seat_signs_in(&mut d, "north", "Y001");
    other_seat_signs_in(&mut d, "south", "W001x");
    let shared = Arc::new(Mutex::new(st));
    d.app.set_sync(shared.clone());
    (d, shared)
}

#[test]
fn the_sync_list_shows_every_seat_online_offline_waiting_and_clocks() {
    for (lang, online, name) in [
        (Lang::En, true, "sync_list_en_online"),
        (Lang::Zh, false, "sync_list_zh_offline"),
    ] {
        let (mut d, _state) = desk_with(lang, state(online));
        d.ctrl('v');
        assert_eq!(d.app.sync_list_offset(), Some(0));
        let s = app_screen(&mut d.app, d.now, 80, 24);
        assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s}");
        insta::assert_snapshot!(name, s);
        // Esc closes it, as does the key that opened it.
        d.app.key(KeyCode::Esc, d.now);
        assert_eq!(d.app.sync_list_offset(), None);
        d.ctrl('v');
        d.ctrl('v');
        assert_eq!(d.app.sync_list_offset(), None);
    }
}

#[test]
fn a_hundred_seats_scroll_at_80x24_and_fit_a_small_screen() {
    let mut st = state(true);
    for i in 0..100 {
        st.seat_mut(&format!("branch-{i:03}"))
            .heard(i + 1, ago(10), ago(10));
    }
    let (mut d, _state) = desk_with(Lang::En, st);
    d.ctrl('v');
    let s = app_screen(&mut d.app, d.now, 80, 24);
    assert!(
        s.contains("Server sync: 105 seats") && s.contains("branch-000"),
        "{s}"
    );
    assert!(!s.contains("branch-099"), "{s}");
    d.app.key(KeyCode::End, d.now);
    let s = app_screen(&mut d.app, d.now, 80, 24);
    assert!(s.contains("branch-099") && !s.contains("branch-000"), "{s}");
    assert!(d.app.sync_list_offset().unwrap() > 90);
    // A small screen: the venue column goes, the rest stays in columns.
    d.app.key(KeyCode::Home, d.now);
    let _ = app_screen(&mut d.app, d.now, 40, 12);
    d.app.key(KeyCode::PageDown, d.now);
    let s = app_screen(&mut d.app, d.now, 40, 12);
    assert!(s.contains("desk-1  online  #2 14:35:00  3"), "{s}");
    for (w, h) in [(40, 12), (60, 16), (200, 60)] {
        let _ = app_screen(&mut d.app, d.now, w, h);
    }
}

#[test]
fn without_a_server_the_key_says_so_and_changes_nothing() {
    for (lang, words) in [
        (
            Lang::En,
            "No server sync: this desk was started without --server",
        ),
        (Lang::Zh, "没有服务器同步：本席位启动时未指定 --server"),
    ] {
        let mut d = Desk::new(lang);
        d.ctrl('v');
        assert_eq!(d.app.sync_list_offset(), None);
        let s = app_screen(&mut d.app, d.now, 120, 24);
        assert!(s.contains(words), "{s}");
        assert!(d.journal().is_empty());
        // The desk goes on as before: a sign-in still records.
        d.typ("M001");
        d.app.key(KeyCode::Enter, d.now);
        assert!(d.present("M001"));
    }
}

#[test]
fn help_lists_the_sync_key() {
    let mut d = Desk::new(Lang::En);
    d.app.key(KeyCode::F(1), d.now);
    let mut seen = String::new();
    for _ in 0..10 {
        seen.push_str(&app_screen(&mut d.app, d.now, 100, 40));
        d.app.key(KeyCode::PageDown, d.now);
    }
    assert!(
        seen.contains("Ctrl+V") && seen.contains("server sync seat by seat"),
        "{seen}"
    );
}
