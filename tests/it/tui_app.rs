//! The attendance desk driven without a terminal: key sequences go in, the screen is
//! drawn into a `TestBackend` (insta snapshots) and the journal is read back from disk.

use crate::common;

use huiwu::core::event::{EventKind, LinkState};
use huiwu::core::meeting::{CountsSource, Status};
use huiwu::i18n::Lang;
use huiwu::tui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use common::desk::{Desk, SEAT};

impl Desk {
    fn key(&mut self, code: KeyCode) {
        self.app.key(code, self.now);
    }

    fn status_of(&self, id: &str) -> Status {
        let (m, _) = self.on_disk();
        m.attendance[m.person(id).unwrap()].status()
    }

    /// The screen as text, the data dir masked (same width, so columns stay put), and
    /// where the terminal cursor is.
    fn screen(&mut self, w: u16, h: u16) -> String {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let frame = common::screen::frame(&mut term, &mut self.app, self.now);
        let cursor = term.get_cursor_position().unwrap();
        let dir = self.dir.path().display().to_string();
        let mask: String = "$DATA"
            .chars()
            .chain(std::iter::repeat('_'))
            .take(dir.len())
            .collect();
        let text = common::screen::screen(&frame);
        let text = text.replace(&dir, &mask);
        format!("{text}cursor: {cursor:?}\n")
    }

    fn notice(&self) -> String {
        self.app
            .notice
            .as_ref()
            .map(|n| n.text.clone())
            .unwrap_or_default()
    }
}

#[test]
fn search_and_enter_sign_in_and_clear_the_box() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("王晓红");
    assert_eq!(d.app.views.attendance.query(), "王晓红");
    d.key(KeyCode::Enter);
    assert_eq!(
        d.app.views.attendance.query(),
        "",
        "the box is cleared for the next person"
    );
    assert_eq!(d.status_of("M001"), Status::Present);
    assert!(d.notice().contains("王晓红"), "{}", d.notice());
    let (_, events) = d.on_disk();
    assert!(
        matches!(&events[0].kind, EventKind::SignedIn { participant, late: false, .. } if participant == "M001")
    );
    assert_eq!(events[0].seat, SEAT);
}

#[test]
fn a_second_sign_in_warns_with_the_first_time_and_records_nothing() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("王晓红");
    d.key(KeyCode::Enter);
    d.tick(120);
    d.typ("王晓红");
    d.key(KeyCode::Enter);
    assert!(
        d.notice().contains("14:35:00"),
        "the first time is shown: {}",
        d.notice()
    );
    assert!(d.notice().contains("未重复记录"), "{}", d.notice());
    let (_, events) = d.on_disk();
    assert_eq!(events.len(), 1, "nothing recorded twice");
    insta::assert_snapshot!("second_sign_in_80x24", d.screen(80, 24));
}

#[test]
fn arrows_move_through_results_and_enter_takes_the_highlighted() {
    let mut d = Desk::new(Lang::Zh);
    // 市教育局 is the unit of M001, M002 and M006.
    d.typ("市教育局");
    let listed = d.app.views.attendance.listed().to_vec();
    assert!(listed.len() >= 3, "{listed:?}");
    d.key(KeyCode::Down);
    let second = listed[1];
    assert_eq!(d.app.views.attendance.highlighted(), Some(second));
    d.key(KeyCode::Enter);
    let (m, _) = d.on_disk();
    assert!(m.attendance[second].is_present());
    assert!(!m.attendance[listed[0]].is_present());
}

#[test]
fn late_excused_stand_in_left_early_and_undo() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("李建国");
    d.ctrl('l');
    assert_eq!(d.status_of("M002"), Status::Late);

    d.typ("曾志强");
    d.key(KeyCode::F(7));
    d.typ("病假");
    d.key(KeyCode::Enter);
    let (m, _) = d.on_disk();
    let a = &m.attendance[m.person("M004").unwrap()];
    assert_eq!(a.status(), Status::Excused);
    assert_eq!(a.excused.as_deref(), Some("病假"));

    d.typ("欧阳明");
    d.key(KeyCode::F(8));
    d.typ("林代表");
    d.key(KeyCode::Tab);
    // The unit is prefilled with the absentee's; replace it.
    d.app
        .key_with(KeyCode::Backspace, KeyModifiers::CONTROL, d.now);
    d.app
        .key_with(KeyCode::Backspace, KeyModifiers::CONTROL, d.now);
    d.typ("一中");
    d.key(KeyCode::Enter);
    let (m, _) = d.on_disk();
    let a = &m.attendance[m.person("M005").unwrap()];
    assert_eq!(a.status(), Status::StandIn);
    assert_eq!(a.stand_in.as_ref().unwrap().name, "林代表");

    d.typ("刘芳");
    d.key(KeyCode::Enter);
    d.tick(600);
    d.typ("刘芳");
    d.key(KeyCode::F(9));
    assert_eq!(d.status_of("M006"), Status::LeftEarly);

    d.ctrl('z');
    assert_eq!(
        d.status_of("M006"),
        Status::Present,
        "undo takes back the last record"
    );
    assert!(d.notice().contains("刘芳"), "{}", d.notice());
    d.ctrl('z');
    assert_eq!(d.status_of("M006"), Status::NotArrived);
    let (_, events) = d.on_disk();
    assert!(matches!(
        events.last().unwrap().kind,
        EventKind::Undone { .. }
    ));
}

#[test]
fn left_early_for_someone_not_here_is_refused_on_screen() {
    let mut d = Desk::new(Lang::En);
    d.typ("M003");
    d.key(KeyCode::F(9));
    assert!(d.notice().contains("not signed in"), "{}", d.notice());
    assert!(d.on_disk().1.is_empty());
}

#[test]
fn walk_in_is_added_signed_in_and_then_found() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("马小云");
    assert!(d.app.views.attendance.listed().is_empty());
    d.key(KeyCode::Enter);
    assert!(d.notice().contains("未找到：马小云"), "{}", d.notice());
    assert_eq!(d.app.views.attendance.query(), "", "the box is clear");
    d.ctrl('w');
    // The name nobody had is carried into the form.
    d.key(KeyCode::Tab);
    d.typ("市财政局");
    d.key(KeyCode::Tab);
    d.typ("科长");
    insta::assert_snapshot!("walk_in_form_80x24", d.screen(80, 24));
    d.key(KeyCode::Enter);
    let (m, _) = d.on_disk();
    let p = m
        .people
        .iter()
        .position(|p| p.name == "马小云")
        .expect("walk-in on disk");
    assert_eq!(m.people[p].unit, "市财政局");
    assert_eq!(m.people[p].venue, "main");
    assert!(m.attendance[p].is_present());
    d.typ("马小云");
    assert_eq!(
        d.app.views.attendance.listed(),
        &[p],
        "the walk-in is in the index"
    );
    d.key(KeyCode::Enter);
    assert!(d.notice().contains("未重复记录"), "{}", d.notice());
}

#[test]
fn walk_in_without_a_name_is_refused_in_the_form() {
    let mut d = Desk::new(Lang::En);
    d.ctrl('w');
    d.key(KeyCode::Enter);
    let s = d.screen(80, 24);
    assert!(s.contains("The name is required"), "{s}");
    assert!(d.on_disk().1.is_empty());
}

#[test]
fn roll_call_steps_through_branch_venues_and_records_counts_and_links() {
    let mut d = Desk::new(Lang::Zh);
    d.ctrl('r');
    insta::assert_snapshot!("roll_call_roster_venue_80x24", d.screen(80, 24));
    // 耀州区分会场 (named roster, none of its sign-ins here): it reports 实到 3, 请假 1
    // of 4; video ok, audio failing.
    d.typ("3");
    d.key(KeyCode::Tab);
    d.typ("1");
    for _ in 0..3 {
        d.key(KeyCode::Tab); // 缺席, 备注, 视频
    }
    d.key(KeyCode::Right);
    d.key(KeyCode::Tab);
    d.key(KeyCode::Right);
    d.key(KeyCode::Right);
    d.key(KeyCode::Enter);
    assert!(
        d.notice().contains("耀州区分会场 点名已记录"),
        "{}",
        d.notice()
    );
    // 王益区分会场: untouched, steps on without recording, and says so.
    d.key(KeyCode::Enter);
    assert!(
        d.notice().contains("王益区分会场：未填写，未作记录"),
        "{}",
        d.notice()
    );
    // 宜君县分会场 (headcount 40): 实到 37, 请假 2, absent left blank (computed: 1).
    d.typ("37");
    d.key(KeyCode::Tab);
    d.typ("2");
    insta::assert_snapshot!("roll_call_headcount_80x24", d.screen(80, 24));
    d.key(KeyCode::Enter);
    let (m, events) = d.on_disk();
    let yz = m.venue("yaozhou").unwrap();
    assert_eq!(
        (m.venues[yz].video, m.venues[yz].audio),
        (LinkState::Ok, LinkState::Failing)
    );
    let rc = m.venues[yz].roll_call.as_ref().unwrap();
    assert_eq!(
        (rc.expected, rc.present, rc.excused, rc.absent),
        (4, 3, 1, 0)
    );
    // The reported figures count while none of its people is signed in here.
    assert_eq!(m.counts_source(yz), CountsSource::RollCall);
    assert_eq!(m.venue_counts(yz).present, 3);
    let wy = m.venue("wangyi").unwrap();
    assert_eq!(m.venues[wy].link_checked_at, None);
    assert!(m.venues[wy].roll_call.is_none());
    let yj = m.venue("yijun").unwrap();
    let rc = m.venues[yj].roll_call.as_ref().unwrap();
    assert_eq!(
        (rc.expected, rc.present, rc.excused, rc.absent),
        (40, 37, 2, 1)
    );
    assert_eq!(events.len(), 3);
    assert_eq!(m.venue_counts(yj).present, 37);
    assert!(d.notice().contains("已到最后一个分会场"), "{}", d.notice());
}

#[test]
fn roll_call_counts_that_do_not_add_up_stay_on_screen() {
    let mut d = Desk::new(Lang::Zh);
    d.ctrl('r');
    d.key(KeyCode::PageUp); // back around to the last branch venue (宜君, headcount)
    d.typ("30");
    d.key(KeyCode::Tab);
    d.typ("5");
    d.key(KeyCode::Tab);
    d.typ("1");
    d.key(KeyCode::Enter);
    let s = d.screen(80, 24);
    assert!(s.contains("不符"), "{s}");
    assert!(s.contains("30"), "the input is kept: {s}");
    assert!(d.on_disk().1.is_empty());
}

#[test]
fn filter_sort_and_venue_select_the_roster() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("王晓红");
    d.key(KeyCode::Enter);
    d.ctrl('f'); // not arrived
    assert!(!d.app.views.attendance.listed().contains(&0));
    d.ctrl('n'); // 主会场
    assert_eq!(d.app.views.attendance.venue_filter(), Some(0));
    let m = d.app.meeting().clone();
    for &p in d.app.views.attendance.listed() {
        assert_eq!(m.people[p].venue, "main");
        assert_eq!(m.attendance[p].status(), Status::NotArrived);
    }
    d.ctrl('k'); // by name (pinyin)
    let names: Vec<&str> = d
        .app
        .views
        .attendance
        .listed()
        .iter()
        .map(|&p| m.people[p].name.as_str())
        .collect();
    assert_eq!(names.first(), Some(&"陈静"), "{names:?}");
    assert_eq!(names.last(), Some(&"赵敏"), "{names:?}");
    insta::assert_snapshot!("filtered_main_by_name_80x24", d.screen(80, 24));
}

#[test]
fn quitting_with_something_typed_asks_first() {
    let mut d = Desk::new(Lang::Zh);
    d.ctrl('c');
    assert!(d.app.should_quit(), "nothing typed: quits at once");

    let mut d = Desk::new(Lang::Zh);
    d.typ("王");
    d.ctrl('c');
    assert!(!d.app.should_quit());
    insta::assert_snapshot!("quit_confirm_80x24", d.screen(80, 24));
    d.key(KeyCode::Char('n'));
    assert!(!d.app.should_quit());
    assert_eq!(
        d.app.views.attendance.query(),
        "王",
        "the typed text is still there"
    );
    d.ctrl('c');
    d.key(KeyCode::Char('y'));
    assert!(d.app.should_quit());
}

#[test]
fn help_lists_every_key_of_the_view_from_the_keymap() {
    let mut d = Desk::new(Lang::En);
    d.key(KeyCode::F(1));
    let s = d.screen(100, 48);
    let km = Keymap::default();
    for scope in [
        huiwu::tui::keymap::Scope::Attendance,
        huiwu::tui::keymap::Scope::Global,
    ] {
        for (action, _) in km.scope(scope) {
            assert!(
                s.contains(action.describe(Lang::En)),
                "{action:?} missing:\n{s}"
            );
            assert!(
                s.contains(&km.label(scope, *action).replace('/', " / ")),
                "{action:?} keys missing:\n{s}"
            );
        }
    }
    insta::assert_snapshot!("help_en_100x48", s);
    // Other keys neither close it nor act; Esc closes it.
    d.key(KeyCode::Char('x'));
    assert_eq!(d.app.views.attendance.query(), "");
    assert!(d.app.help_offset().is_some());
    d.key(KeyCode::Esc);
    assert!(d.app.help_offset().is_none());
}

#[test]
fn question_mark_types_once_a_name_is_started() {
    let mut d = Desk::new(Lang::En);
    d.typ("a?");
    assert_eq!(d.app.views.attendance.query(), "a?");
}

#[test]
fn a_reopened_desk_shows_what_was_recorded() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("王晓红");
    d.key(KeyCode::Enter);
    d.typ("孙丽");
    d.ctrl('l');
    let d = d.reopen();
    let m = d.app.meeting();
    assert_eq!(
        m.attendance[m.person("M001").unwrap()].status(),
        Status::Present
    );
    assert_eq!(
        m.attendance[m.person("Y001").unwrap()].status(),
        Status::Late
    );
    assert!(d.notice().contains("2"), "resumed notice: {}", d.notice());
}

#[test]
fn snapshots_of_the_main_states() {
    let mut d = Desk::new(Lang::Zh);
    insta::assert_snapshot!("start_zh_80x24", d.screen(80, 24));
    d.typ("王");
    insta::assert_snapshot!("search_typed_zh_80x24", d.screen(80, 24));
    d.key(KeyCode::Enter);
    d.tick(65);
    d.typ("张伟");
    d.ctrl('l');
    d.tick(30);
    d.typ("曾志强");
    d.key(KeyCode::F(7));
    d.typ("出差");
    insta::assert_snapshot!("excuse_form_zh_80x24", d.screen(80, 24));
    d.key(KeyCode::Enter);
    insta::assert_snapshot!("after_records_zh_80x24", d.screen(80, 24));
    insta::assert_snapshot!("after_records_zh_160x48", d.screen(160, 48));
    insta::assert_snapshot!("tiny_20x5", d.screen(20, 5));
    insta::assert_snapshot!("one_by_one", d.screen(1, 1));

    let mut e = Desk::new(Lang::En);
    insta::assert_snapshot!("start_en_80x24", e.screen(80, 24));
}

#[test]
fn the_cursor_sits_at_the_caret_after_chinese_text() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("王晓");
    let s = d.screen(80, 24);
    // "搜索> " is 6 columns, 王晓 4 more.
    let row = s.lines().position(|l| l.contains("搜索> 王晓")).unwrap() as u16;
    assert!(
        s.ends_with(&format!("cursor: Position {{ x: 10, y: {row} }}\n")),
        "{s}"
    );
}

#[test]
fn nothing_panics_at_any_size_in_any_state() {
    let mut d = Desk::new(Lang::Zh);
    d.typ("王");
    type Step = Box<dyn Fn(&mut Desk)>;
    let states: Vec<Step> = vec![
        Box::new(|_| {}),
        Box::new(|d| d.key(KeyCode::F(7))),
        Box::new(|d| {
            d.key(KeyCode::Esc);
            d.ctrl('r');
        }),
        Box::new(|d| {
            d.key(KeyCode::Esc);
            d.key(KeyCode::F(1));
        }),
        Box::new(|d| {
            d.key(KeyCode::Esc);
            d.ctrl('c');
        }),
    ];
    for state in states {
        state(&mut d);
        for w in (1..=130).step_by(11).chain([1, 2, 39, 40, 41]) {
            for h in (1..=50).step_by(5).chain([1, 2, 11, 12, 13]) {
                d.screen(w, h);
            }
        }
    }
}

#[test]
fn keys_that_are_released_do_nothing() {
    use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind};
    let mut d = Desk::new(Lang::Zh);
    d.typ("王晓红");
    let release = Event::Key(KeyEvent::new_with_kind(
        KeyCode::Enter,
        KeyModifiers::NONE,
        KeyEventKind::Release,
    ));
    d.app.on_event(&release, d.now);
    assert!(d.on_disk().1.is_empty());
}

#[test]
fn pasted_text_goes_into_the_search_box_on_one_line() {
    use ratatui::crossterm::event::Event;
    let mut d = Desk::new(Lang::Zh);
    d.app.on_event(&Event::Paste("王晓红\n".into()), d.now);
    assert_eq!(d.app.views.attendance.query(), "王晓红");
    assert_eq!(d.app.views.attendance.listed().len(), 1);
}
