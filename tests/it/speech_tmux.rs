//! End to end in a real terminal (tmux): a speech from start to finish on the big clock.
//! The second sample with 王益区's limit cut to 3 seconds, so that the warning and the
//! overrun come while the test watches. Skipped, with a note, when tmux is not installed.

use crate::tmux;

use huiwu::core::event::EventKind;
use huiwu::i18n::Lang;
use huiwu::store::session::{open_read_only, read_agenda};
use tmux::{Pane, huiwu_line, q, tmux_available};

const SAFETY: &str = include_str!("../../agendas/tongchuan-safety-2017.json");

#[test]
fn a_speech_start_to_finish_on_the_big_clock() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("safety.json");
    let short = SAFETY.replacen(
        r#""participant": "2002", "kind": "pledge", "limit": "5分钟""#,
        r#""participant": "2002", "kind": "pledge", "limit": "3秒""#,
        1,
    );
    assert_ne!(short, SAFETY);
    std::fs::write(&agenda, short).unwrap();
    let data = dir.path().join("data");
    let env = format!(
        "LANG=zh_CN.UTF-8 HUIWU_SEAT=chair HUIWU_CONFIG_DIR={}",
        q(dir.path().to_string_lossy())
    );
    let args = format!(
        "run --data-dir {} {}",
        q(data.to_string_lossy()),
        q(agenda.to_string_lossy())
    );
    let p = Pane::start("speech", 100, 30, &huiwu_line(&env, &args, "sleep 60"));
    p.wait_for("搜索>");
    // The agenda: the briefing starts with its speaker (g), ends (g); 王益区 is called (g).
    p.keys(&["F3"]);
    p.wait_for("当前议程");
    p.keys(&["g"]);
    p.wait_for("发言中：朱林");
    p.keys(&["g"]);
    p.wait_for("下一位：陈琳慧（王益区分会场）");
    p.keys(&["g"]);
    p.wait_for("发言中：陈琳慧（王益区分会场）");
    // The big clock: her name, unit and limit; then the overrun.
    p.keys(&["C-g"]);
    let s = p.wait_for("主讲：陈琳慧  王益区教育科技体育局局长");
    assert!(
        s.contains("剩余（限时 0:03）") || s.contains("已超时"),
        "{s}"
    );
    p.wait_for("已超时");
    // Stopped from the agenda view: the clock is the item's again.
    p.keys(&["F3"]);
    p.wait_for("当前议程");
    p.keys(&["h"]);
    p.wait_for("下一位：王慧琳（印台区分会场）");
    p.keys(&["C-g"]);
    p.wait_for("剩余（计划 20 分钟）");
    p.keys(&["C-c"]);
    p.keys(&["y"]);
    p.wait_for("EXIT=0");

    let a = read_agenda(&agenda, Lang::Zh).unwrap();
    let (m, events, _) = open_read_only(&a, &data).unwrap();
    let started = events.iter().any(
        |e| matches!(&e.kind, EventKind::SpeechStarted { speech, .. } if speech == "pledges#1"),
    );
    assert!(started);
    let s = m.speech("pledges#1").unwrap();
    let c = s.countdown(s.last_end.unwrap());
    assert!(c.overrun() > chrono::Duration::zero(), "{:?}", c);
}
