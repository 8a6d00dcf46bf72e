//! Messages that reach the desk without a key press (other seats' records, the server's
//! sync state) take the path the views' messages take: sent to `App::sender`, acted on
//! by `App::receive` between key presses, the views synced after.

use huiwu::core::command::Command;
use huiwu::i18n::Lang;
use huiwu::tui::msg::{Msg, NoticeKind, Tag};
use huiwu::tui::view::ViewId;

use crate::common::desk::Desk;
use crate::common::screen::app_screen;

#[test]
fn a_message_from_outside_is_acted_on_between_key_presses() {
    let mut d = Desk::new(Lang::En);
    let tx = d.app.sender();
    let sign_in = Command::SignIn {
        participant: "M001".into(),
        late: false,
        effective_at: None,
    };
    tx.send(Msg::Record {
        cmds: vec![sign_in],
        seat: Some("north".into()),
        tag: Tag::SignIn { person: 0 },
    })
    .unwrap();
    tx.send(Msg::notice(NoticeKind::Info, "server: in sync"))
        .unwrap();
    tx.send(Msg::Show(ViewId::Agenda)).unwrap();
    // Nothing happens until the desk takes its messages.
    assert!(!d.present("M001"));
    assert_eq!(d.app.view, ViewId::Attendance);

    d.app.receive(d.now);
    assert!(d.present("M001"), "recorded, through the journal");
    assert!(
        d.journal()[0].seat.ends_with("/north"),
        "a sub-seat of the desk"
    );
    assert_eq!(d.app.view, ViewId::Agenda);
    let notice = d.app.notice.as_ref().map(|n| n.text.as_str());
    assert_eq!(notice, Some("server: in sync"));
    // The views were synced: the attendance view counts the sign-in.
    d.app.view = ViewId::Attendance;
    let s = app_screen(&mut d.app, d.now, 100, 30);
    let total = s
        .lines()
        .find(|l| l.starts_with("Total"))
        .unwrap_or_default();
    assert!(total.split_whitespace().nth(4) == Some("1"), "{s}");
}
