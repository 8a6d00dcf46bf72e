//! Issue 16: the desk in a real room. The real binary in tmux for what only a terminal
//! shows (a scanner's burst of keys, full-width keys from an input method, Ctrl+C in a
//! meeting, help at 80×24, the big clock), and the desk in process with colour off for
//! the screens themselves (the big clock's digits, the selection marker, what small
//! screens hide). The command line's side (closed pipes, WHO, messages) is in
//! `desk_room_cli`.

use crate::common::desk::Desk;
use crate::tmux;

use std::ops::Deref;
use std::path::{Path, PathBuf};

use huiwu::core::event::EventKind;
use huiwu::i18n::Lang;
use huiwu::store::session::{open_read_only, read_agenda};
use huiwu::tui::theme::MONO;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use tmux::{Pane, huiwu_line, q, tmux_available};

/// The real meeting of 2017 (1005 is 唐福, 1006 张胜学).
fn tongchuan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("agendas/tongchuan-2017.json")
}

/// `huiwu run` on the Tongchuan agenda in a tmux pane, on its own data and config dirs.
struct Room {
    pane: Pane,
    data: tempfile::TempDir,
    _config: tempfile::TempDir,
}

impl Deref for Room {
    type Target = Pane;
    fn deref(&self) -> &Pane {
        &self.pane
    }
}

impl Room {
    /// `lang` is a locale (`zh_CN.UTF-8`); `env` more variables (`NO_COLOR=1`).
    fn start(tag: &str, w: u16, h: u16, lang: &str, env: &str) -> Room {
        let data = tempfile::tempdir().unwrap();
        let config = tempfile::tempdir().unwrap();
        let env = format!(
            "LANG={lang} HUIWU_SEAT=room HUIWU_CONFIG_DIR={} {env}",
            q(config.path().to_string_lossy())
        );
        let args = format!(
            "run --data-dir {} {}",
            q(data.path().to_string_lossy()),
            q(tongchuan().to_string_lossy())
        );
        let script = huiwu_line(&env, &args, "sleep 60");
        let r = Room {
            pane: Pane::start(&format!("room-{tag}"), w, h, &script),
            data,
            _config: config,
        };
        r.wait_until("the desk", |s| s.contains("搜索>") || s.contains("Search>"));
        r
    }

    fn events(&self) -> Vec<EventKind> {
        let agenda = read_agenda(&tongchuan(), Lang::Zh).unwrap();
        let (_, events, _) = open_read_only(&agenda, self.data.path()).unwrap();
        events.into_iter().map(|e| e.kind).collect()
    }

    fn signed_in(&self) -> Vec<String> {
        self.events()
            .into_iter()
            .filter_map(|e| match e {
                EventKind::SignedIn { participant, .. } => Some(participant),
                _ => None,
            })
            .collect()
    }

    fn bell(&self) -> bool {
        self.format("#{window_bell_flag}") == "1"
    }

    /// The screen with its colours and attributes as escape sequences.
    fn styled_screen(&self) -> String {
        let out = std::process::Command::new("tmux")
            .args(["capture-pane", "-e", "-p", "-t", &self.name])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Open the agenda view and start the first item with the full-width `ｎ` an input
    /// method left in Chinese mode sends.
    fn start_first_item(&self) {
        self.keys(&["F3"]);
        self.wait_for("按 n 开始");
        self.text("ｎ");
        self.wait_for("进行中");
    }
}

// ---- 1. scanner-proof sign-in -------------------------------------------------------

#[test]
fn a_burst_of_scans_signs_in_every_known_badge_and_an_unknown_one_leaves_a_clean_box() {
    if !tmux_available() {
        return;
    }
    let r = Room::start("scan", 80, 24, "zh_CN.UTF-8", "");
    assert!(!r.bell(), "no bell before anything was scanned");
    // One send-keys: the keys arrive as fast as a keyboard-wedge scanner sends them.
    r.keys(&[
        "9", "9", "9", "9", "Enter", "1", "0", "0", "5", "Enter", "1", "0", "0", "6", "Enter",
    ]);
    let s = r.wait_for("张胜学（1006） 已签到");
    assert!(
        s.contains("搜索> 姓名、单位、编号、拼音或首字母"),
        "the box is empty again after the last scan:\n{s}"
    );
    assert_eq!(r.signed_in(), ["1005", "1006"], "in order, none lost");
    assert!(r.bell(), "the unknown badge rang the bell");

    // An unknown badge on its own: said, and the box is clean for the next scan.
    r.keys(&["9", "9", "9", "9", "Enter"]);
    let s = r.wait_for("未找到：9999");
    assert!(s.contains("搜索> 姓名、单位、编号、拼音或首字母"), "{s}");
    // Enter on the empty box signs in nobody (not the highlighted row).
    r.keys(&["Enter", "1", "0", "0", "7", "Enter"]);
    r.wait_for("孙春春（1007） 已签到");
    assert_eq!(r.signed_in(), ["1005", "1006", "1007"]);
}

// ---- 2. input methods -----------------------------------------------------------------

#[test]
fn full_width_keys_act_and_hanzi_where_a_key_is_expected_say_to_switch() {
    if !tmux_available() {
        return;
    }
    let r = Room::start("ime", 80, 24, "zh_CN.UTF-8", "");
    // Hanzi in the search box are a name, as always.
    r.text("张胜学");
    r.wait_for("搜索> 张胜学");
    r.keys(&["Enter"]);
    r.wait_for("张胜学（1006） 已签到");
    // `ｎ` starts the next item (the first one: the meeting opens with it).
    r.start_first_item();
    assert!(
        r.events()
            .iter()
            .any(|e| matches!(e, EventKind::ItemStarted { .. })),
        "{:?}",
        r.events()
    );
    // Hanzi where a command key is expected: a hint, not silence.
    r.text("你");
    r.wait_for("输入法处于中文状态");
    // `？` is `?`: help.
    r.text("？");
    r.wait_for("按键：议程");
}

// ---- 3. no accidents ------------------------------------------------------------------

#[test]
fn ctrl_c_during_a_running_item_asks_and_a_second_ctrl_c_quits() {
    if !tmux_available() {
        return;
    }
    let r = Room::start("quit2", 80, 24, "zh_CN.UTF-8", "");
    r.start_first_item();
    r.keys(&["C-c"]);
    let s = r.wait_for("退出？");
    assert!(s.contains("议程正在进行"), "says why it asks:\n{s}");
    assert!(s.contains("已记录的内容都已保存"), "{s}");
    // Staying: `n` answers, the desk goes on.
    r.keys(&["n"]);
    r.wait_until("the question gone", |s| !s.contains("退出？"));
    r.keys(&["C-c"]);
    r.wait_for("退出？");
    r.keys(&["C-c"]);
    assert_eq!(r.exit_code(), "0");
    // What was acknowledged is in the journal.
    assert!(
        r.events()
            .iter()
            .any(|e| matches!(e, EventKind::ItemStarted { .. }))
    );
}

#[test]
fn ctrl_c_during_a_running_item_quits_on_the_confirmation_key() {
    if !tmux_available() {
        return;
    }
    let r = Room::start("quity", 80, 24, "zh_CN.UTF-8", "");
    r.start_first_item();
    r.keys(&["C-c"]);
    r.wait_for("退出？");
    // Another key (a badge scanned meanwhile) puts the question away and is handled as
    // usual; it never quits.
    r.keys(&["Enter"]);
    let s = r.wait_until("the question gone", |s| !s.contains("退出？"));
    assert!(!s.contains("EXIT="), "{s}");
    r.keys(&["C-c"]);
    r.wait_for("退出？");
    r.keys(&["y"]);
    assert_eq!(r.exit_code(), "0");
}

// ---- 4. help that fits ----------------------------------------------------------------

#[test]
fn help_at_80x24_scrolls_to_the_global_keys_and_closes_on_esc_or_f1_only() {
    if !tmux_available() {
        return;
    }
    let r = Room::start("help", 80, 24, "zh_CN.UTF-8", "");
    r.keys(&["F1"]);
    let s = r.wait_for("按键：签到");
    assert!(s.contains("另有"), "says more is below:\n{s}");
    assert!(
        !s.contains("计时大屏（投屏用）"),
        "the global keys start below:\n{s}"
    );
    // Down scrolls by a line, PgDn by a page, End to the end.
    r.keys(&["Down"]);
    r.wait_for("上方 1 项");
    r.keys(&["End"]);
    let s = r.wait_for("计时大屏（投屏用）");
    for global in ["全局", "退出", "下一视图", "新增任务（任何视图）"] {
        assert!(s.contains(global), "{global}:\n{s}");
    }
    r.keys(&["Home"]);
    r.wait_until("back at the top", |s| !s.contains("上方"));
    // Other keys neither close it nor reach the view (the search box stays empty);
    // PgDn after them shows they were read.
    r.keys(&["q", "a", "Enter", "Space", "PageDown"]);
    let s = r.wait_for("上方");
    assert!(s.contains("按键：签到"), "{s}");
    r.keys(&["Escape"]);
    let s = r.wait_until("help closed", |s| !s.contains("按键：签到"));
    assert!(s.contains("搜索> 姓名、单位、编号、拼音或首字母"), "{s}");
    assert!(r.signed_in().is_empty());
    // F1 opens and F1 closes.
    r.keys(&["F1"]);
    r.wait_for("按键：签到");
    r.keys(&["F1"]);
    r.wait_until("help closed by F1", |s| !s.contains("按键：签到"));
}

// ---- 5 and 6. the big clock: readable without colour, a place one leaves ---------------

#[test]
fn the_big_clock_without_colour_shows_digits_and_esc_or_ctrl_g_leave_it() {
    if !tmux_available() {
        return;
    }
    let r = Room::start("mono", 80, 24, "zh_CN.UTF-8", "NO_COLOR=1 TERM=xterm-mono");
    r.start_first_item();
    r.keys(&["C-g"]);
    let s = r.wait_for("剩余（计划 15 分钟）");
    assert!(
        s.lines().filter(|l| l.contains("##")).count() >= 5,
        "digits drawn with glyphs:\n{s}"
    );
    assert!(s.contains("Esc 关闭"), "the footer says how to leave:\n{s}");
    // No colour anywhere: SGR parameters 30-49 (and 38;5;n, 48;5;n) never appear;
    // bold, underline, reverse and their resets (1, 4, 7, 0, 22, 24, 27, 39, 49) may.
    let styled = r.styled_screen();
    for seq in styled.split('\u{1b}').skip(1) {
        let params = seq.trim_start_matches('[').split('m').next().unwrap_or("");
        let coloured = params.split(';').any(|p| {
            p.len() == 2 && (p.starts_with('3') || p.starts_with('4')) && p != "39" && p != "49"
        });
        assert!(!coloured, "a colour in `ESC{seq:.20}`:\n{styled}");
    }
    r.keys(&["Escape"]);
    r.wait_for("当前议程");
    r.keys(&["C-g"]);
    r.wait_for("Esc 关闭");
    r.keys(&["C-g"]);
    r.wait_for("当前议程");
}

#[test]
fn the_chairs_keys_under_the_big_clock_act_or_are_refused_visibly() {
    if !tmux_available() {
        return;
    }
    let r = Room::start("clock", 80, 24, "zh_CN.UTF-8", "");
    r.keys(&["C-g"]);
    r.wait_for("当前无进行中的议程");
    // `n` starts the first item, `ｎ` the next.
    r.keys(&["n"]);
    r.wait_for("1 2016年全市教育扶贫工作回顾总结");
    r.text("ｎ");
    r.wait_for("2 指出全市教育扶贫工作存在的问题");
    let started = r
        .events()
        .iter()
        .filter(|e| matches!(e, EventKind::ItemStarted { .. }))
        .count();
    assert_eq!(started, 2);
    // A key of the agenda view the clock has no use for: said, not dropped.
    r.keys(&["t"]);
    r.wait_for("t 在计时大屏上无作用");
    // Hanzi: the input-method hint.
    r.text("你");
    r.wait_for("输入法处于中文状态");
    // And the next key goes where it is meant to: Esc leaves, the note box never opened.
    r.keys(&["Escape"]);
    let s = r.wait_for("搜索>");
    assert!(
        !s.contains("输入法处于中文状态"),
        "the clock's notice stays there:\n{s}"
    );
}

// ---- 5. colour off, in process ----------------------------------------------------------

/// The desk drawn without colour, the data dir masked (same width).
fn mono_screen(d: &mut Desk, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let buf = crate::common::screen::frame(&mut t, &mut d.app, d.now);
    for cell in buf.content() {
        assert_eq!(cell.fg, ratatui::style::Color::Reset, "no colour at all");
        assert_eq!(cell.bg, ratatui::style::Color::Reset, "no colour at all");
    }
    let dir = d.dir.path().display().to_string();
    let mask: String = "$DATA"
        .chars()
        .chain(std::iter::repeat('_'))
        .take(dir.len())
        .collect();
    crate::common::screen::screen(&buf).replace(&dir, &mask)
}

fn mono_desk(lang: Lang) -> Desk {
    let mut d = Desk::new(lang);
    d.app.set_theme(&MONO);
    // Shown in the minutes view: the same on every machine (nothing is exported here).
    d.app.export_dir = std::path::PathBuf::from("/srv/exports");
    d
}

fn key(d: &mut Desk, code: KeyCode) {
    d.app.key(code, d.now);
}

#[test]
fn without_colour_the_selected_row_has_a_marker_and_the_big_clock_digits() {
    let mut d = mono_desk(Lang::Zh);
    key(&mut d, KeyCode::Down);
    key(&mut d, KeyCode::Down);
    let s = mono_screen(&mut d, 80, 24);
    let marked: Vec<&str> = s.lines().filter(|l| l.starts_with("> ")).collect();
    assert!(
        marked.iter().any(|l| l.contains("张伟")),
        "the third row is marked:\n{s}"
    );
    insta::assert_snapshot!("mono_attendance_zh_80x24", s);

    key(&mut d, KeyCode::F(3));
    d.typ("n");
    d.tick(125);
    d.ctrl('g');
    let s = mono_screen(&mut d, 80, 24);
    assert!(
        s.lines().filter(|l| l.contains('#')).count() >= 5,
        "digits:\n{s}"
    );
    insta::assert_snapshot!("mono_big_clock_zh_80x24", s);
}

// ---- 9. small screens say what they hide; notices belong to their view ------------------

#[test]
fn every_view_at_40x12_and_80x24_marks_hidden_rows() {
    for lang in [Lang::Zh, Lang::En] {
        let mut d = mono_desk(lang);
        // Something in every view: an item running, an action item.
        key(&mut d, KeyCode::F(3));
        d.typ("n");
        d.tick(60);
        let more = lang.pick("more", "另有");
        for (view, code) in [
            ("attendance", KeyCode::F(2)),
            ("agenda", KeyCode::F(3)),
            ("actions", KeyCode::F(4)),
            ("minutes", KeyCode::F(5)),
        ] {
            key(&mut d, code);
            for (w, h) in [(40, 12), (80, 24)] {
                let s = mono_screen(&mut d, w, h);
                // The roster (16) and the minutes never fit; the snapshots show the rest.
                if matches!(view, "attendance" | "minutes") {
                    assert!(s.contains(more), "{view} {w}x{h} {lang:?}:\n{s}");
                }
                insta::assert_snapshot!(format!("small_{view}_{lang:?}_{w}x{h}"), s);
            }
        }
        d.ctrl('g');
        for (w, h) in [(40, 12), (80, 24)] {
            let s = mono_screen(&mut d, w, h);
            insta::assert_snapshot!(format!("small_big_clock_{lang:?}_{w}x{h}"), s);
        }
    }
}

#[test]
fn a_notice_stays_with_the_view_that_raised_it() {
    let mut d = mono_desk(Lang::Zh);
    key(&mut d, KeyCode::F(3));
    d.typ("你");
    let s = mono_screen(&mut d, 80, 24);
    assert!(s.contains("输入法处于中文状态"), "{s}");
    key(&mut d, KeyCode::F(2));
    let s = mono_screen(&mut d, 80, 24);
    assert!(
        !s.contains("输入法处于中文状态"),
        "not on another view:\n{s}"
    );
    // The attendance view's own notice is its own.
    d.typ("9999");
    key(&mut d, KeyCode::Enter);
    let s = mono_screen(&mut d, 80, 24);
    assert!(s.contains("未找到：9999"), "{s}");
    key(&mut d, KeyCode::F(4));
    let s = mono_screen(&mut d, 80, 24);
    assert!(!s.contains("未找到"), "{s}");
}

// ---- 10. English help is English --------------------------------------------------------

#[test]
fn english_help_has_no_chinese_in_any_view() {
    let mut d = Desk::new(Lang::En);
    for code in [KeyCode::F(2), KeyCode::F(3), KeyCode::F(4), KeyCode::F(5)] {
        key(&mut d, code);
        key(&mut d, KeyCode::F(1));
        // Tall enough for every line of help; the box is what is checked (the tab bar
        // holds the meeting's own title).
        let s = crate::common::screen::app_screen(&mut d.app, d.now, 120, 80);
        let help: Vec<&str> = s
            .lines()
            .skip_while(|l| !l.contains("┌ Keys"))
            .take_while(|l| !l.contains('└'))
            .filter_map(|l| l.split('│').nth(1))
            .collect();
        assert!(help.len() > 5, "{s}");
        for line in help {
            assert!(
                !line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "Chinese in English help: {line}"
            );
            assert!(
                !line.chars().any(|c| "（）：，。；、".contains(c)),
                "full-width punctuation in English help: {line}"
            );
        }
        key(&mut d, KeyCode::Esc);
    }
}

// ---- 3 and 6, in process: the reasons to ask, full-width answers, venues from the top ---

#[test]
fn an_open_meeting_asks_before_quitting_and_a_full_width_y_answers() {
    let mut d = Desk::new(Lang::Zh);
    key(&mut d, KeyCode::F(3));
    d.typ("o");
    assert!(d.app.meeting().started_at.is_some(), "opened");
    d.ctrl('c');
    assert!(d.app.asking_to_quit(), "the meeting is open: asks");
    assert!(!d.app.should_quit());
    d.typ("ｎ");
    assert!(!d.app.asking_to_quit() && !d.app.should_quit(), "ｎ stays");
    d.ctrl('c');
    d.typ("ｙ");
    assert!(d.app.should_quit(), "ｙ is y");
}

#[test]
fn switching_venue_starts_the_list_at_its_top() {
    let mut d = mono_desk(Lang::Zh);
    for _ in 0..5 {
        key(&mut d, KeyCode::Down);
    }
    let s = mono_screen(&mut d, 80, 24);
    assert!(s.contains("6/16"), "{s}");
    d.ctrl('n');
    let s = mono_screen(&mut d, 80, 24);
    let marked: Vec<&str> = s.lines().filter(|l| l.starts_with("> ")).collect();
    assert!(s.contains("1/9"), "the first of 主会场's 9:\n{s}");
    assert!(marked.iter().any(|l| l.contains("王晓红")), "{s}");
}

#[test]
fn a_forms_answer_keys_take_full_width_letters_and_its_text_keeps_them() {
    let mut d = Desk::new(Lang::Zh);
    key(&mut d, KeyCode::F(3));
    d.typ("ｏ");
    assert!(d.app.meeting().started_at.is_some(), "ｏ opens");
    d.typ("ｃ");
    d.typ("ｙ");
    assert!(d.app.meeting().ended_at.is_some(), "ｃ asks, ｙ closes");
    // In a text field full-width letters are text: the excuse form's reason.
    let mut d = Desk::new(Lang::Zh);
    d.typ("M002");
    key(&mut d, KeyCode::F(7));
    d.typ("出差ＡＢ");
    key(&mut d, KeyCode::Enter);
    let reasons: Vec<String> = d
        .journal()
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::Excused { reason, .. } => Some(reason),
            _ => None,
        })
        .collect();
    assert_eq!(reasons, ["出差ＡＢ"]);
}

#[test]
fn an_agenda_too_low_for_its_notes_says_the_item_has_some() {
    let mut d = mono_desk(Lang::Zh);
    key(&mut d, KeyCode::F(3));
    d.typ("n");
    d.typ("t");
    d.typ("资助工作人员培训");
    key(&mut d, KeyCode::F(2));
    let s = mono_screen(&mut d, 80, 30);
    assert!(
        s.contains("资助工作人员培训"),
        "the notes pane, when it fits:\n{s}"
    );
    let s = mono_screen(&mut d, 40, 12);
    assert!(s.contains("记录：另有 1 项"), "{s}");
    assert!(!s.contains("资助工作人员培训"), "{s}");
}
