//! The minutes view in the real app, drawn into a test backend: the preview, scrolling,
//! the document language switch, and the export keys writing files. One test, because it
//! changes the process's current directory (where exports go).

use crate::common;

use std::fs;

use chrono::{DateTime, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

use huiwu::core::command::Command;
use huiwu::i18n::Lang;
use huiwu::store::session::{Session, read_agenda};
use huiwu::tui::App;
use huiwu::tui::keymap::Keymap;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2017, 5, 4, h, m, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn screen(t: &mut Terminal<TestBackend>, app: &mut App, now: DateTime<Utc>) -> String {
    common::screen::screen(&common::screen::frame(t, app, now))
}

#[test]
fn minutes_view_previews_scrolls_switches_language_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let agenda_path = dir.path().join("agenda.json");
    fs::write(
        &agenda_path,
        include_str!("../fixtures/export-meeting.json"),
    )
    .unwrap();
    let agenda = read_agenda(&agenda_path, Lang::Zh).unwrap();
    let mut session = Session::open(&agenda, &dir.path().join("data"), "desk", at(14, 0)).unwrap();
    session
        .execute(
            &Command::SignIn {
                participant: "m01".into(),
                late: false,
                effective_at: None,
            },
            at(14, 20),
        )
        .unwrap();
    session
        .execute(
            &Command::Excuse {
                participant: "m04".into(),
                reason: "出差北京".into(),
            },
            at(14, 21),
        )
        .unwrap();

    let mut app = App::new(session, Lang::Zh, Keymap::default());
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let now = at(14, 25);
    app.key(KeyCode::F(5), now);
    let s = screen(&mut term, &mut app, now);
    assert!(s.contains("铜川市教育扶贫工作视频电话会议纪要"), "{s}");
    assert!(s.contains("会议由局长王晓红主持"), "{s}");
    assert!(s.contains("共1人参加会议"), "{s}");
    assert!(
        s.contains("m md"),
        "the hint bar lists the export keys:\n{s}"
    );

    // A change elsewhere shows up in the preview.
    app.session
        .execute(
            &Command::SignIn {
                participant: "m02".into(),
                late: false,
                effective_at: None,
            },
            at(14, 26),
        )
        .unwrap();
    // (The app syncs its views after its own commands; a key press does it here.)
    app.key(KeyCode::Home, now);
    let s = screen(&mut term, &mut app, now);
    assert!(s.contains("共2人参加会议"), "{s}");

    // Scrolling: End shows the attachment's last venue, Home the title again.
    app.key(KeyCode::End, now);
    let s = screen(&mut term, &mut app, now);
    assert!(s.contains("宜君县分会场"), "{s}");
    assert!(!s.contains("铜川市教育扶贫工作视频电话会议纪要"), "{s}");
    app.key(KeyCode::Home, now);
    let s = screen(&mut term, &mut app, now);
    assert!(s.contains("铜川市教育扶贫工作视频电话会议纪要"), "{s}");

    // The document language switches, the UI language does not.
    app.key(KeyCode::Char('l'), now);
    let s = screen(&mut term, &mut app, now);
    assert!(
        s.contains("Minutes of 铜川市教育扶贫工作视频电话会议"),
        "{s}"
    );
    assert!(s.contains("文档语言：英文"), "{s}");

    // Export keys write private files into the current directory.
    let out = tempfile::tempdir().unwrap();
    app.export_dir = out.path().to_path_buf();
    app.key(KeyCode::Char('m'), now);
    let md = fs::read_to_string(out.path().join("tc-2017-05-04.md")).unwrap();
    assert!(
        md.starts_with("# Minutes of "),
        "exports follow the previewed language"
    );
    let notice = app.notice.clone().unwrap();
    let md_path = out.path().join("tc-2017-05-04.md").display().to_string();
    assert!(notice.text.contains(&md_path), "the full path: {notice:?}");
    // All six: the Markdown file is there already, so the view asks first.
    app.key(KeyCode::Char('a'), now);
    assert!(!out.path().join("tc-2017-05-04.docx").exists());
    let s = screen(&mut term, &mut app, now);
    assert!(s.contains("tc-2017-05-04.md"), "{s}");
    app.key(KeyCode::Char('y'), now);
    for ext in ["md", "html", "docx", "json", "csv", "xlsx"] {
        let p = out.path().join(format!("tc-2017-05-04.{ext}"));
        assert!(p.exists(), "{ext} not written");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
    // The JSON export carries the journal's events.
    let json = crate::common::schema::Shape::Export
        .parse(&fs::read(out.path().join("tc-2017-05-04.json")).unwrap());
    assert_eq!(json["events"].as_array().unwrap().len(), 3);

    // Tiny terminals: no panic.
    for (w, h) in [(1, 1), (40, 12), (41, 13), (20, 50)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        screen(&mut t, &mut app, now);
    }
}
