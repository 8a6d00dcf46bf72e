//! Planned speeches in the agenda: the samples carry them, and `huiwu check` reports a
//! speaker nobody can find, a venue that does not exist and a limit that is not a
//! duration, at their paths, in both languages; the fast and the diagnostic loader agree.

use huiwu::core::agenda::{Limit, SpeechKind};
use huiwu::core::load::{Diagnostic, Location, Severity, check_agenda, load_agenda};
use huiwu::i18n::Lang;

const SAFETY: &str = include_str!("../../agendas/tongchuan-safety-2017.json");
const REFERENCE: &str = include_str!("../../agendas/tongchuan-2017.json");

fn at(d: &Diagnostic) -> &str {
    match &d.location {
        Location::Path(p) => p,
        _ => "",
    }
}

/// The sample with `from` replaced by `to` (once, and it must be there).
fn edited(from: &str, to: &str) -> String {
    assert!(SAFETY.contains(from), "{from}");
    SAFETY.replacen(from, to, 1)
}

fn problems(text: &str, lang: Lang) -> Vec<(Severity, String, String)> {
    let fast = load_agenda(text.as_bytes(), lang);
    let slow = check_agenda(text.as_bytes(), lang);
    assert_eq!(fast.diagnostics, slow.diagnostics, "the two loaders agree");
    slow.diagnostics
        .iter()
        .map(|d| (d.severity, at(d).to_string(), d.message.clone()))
        .collect()
}

#[test]
fn the_second_sample_plans_four_five_minute_pledges_from_four_branch_venues() {
    let loaded = load_agenda(SAFETY.as_bytes(), Lang::En);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let a = loaded.agenda.expect("usable");
    let pledges = &a
        .items
        .iter()
        .find(|i| i.id == "pledges")
        .expect("item")
        .speeches;
    assert_eq!(pledges.len(), 4);
    let mut venues = Vec::new();
    for s in pledges {
        assert_eq!(s.kind, Some(SpeechKind::Pledge));
        assert_eq!(s.limit.as_ref().and_then(Limit::seconds), Some(300));
        let p = s.participant.as_deref().expect("a participant");
        let person = a
            .participants
            .iter()
            .find(|x| x.id == p)
            .expect("on the roster");
        venues.push(person.venue.clone());
    }
    assert_eq!(venues, ["wangyi", "yintai", "yaozhou", "yijun"]);
}

#[test]
fn the_reference_meeting_gives_every_item_its_speech() {
    let a = load_agenda(REFERENCE.as_bytes(), Lang::En)
        .agenda
        .expect("usable");
    for it in &a.items {
        assert_eq!(it.speeches.len(), 1, "{}", it.id);
        assert_eq!(it.speeches[0].participant.as_deref(), Some("1001"));
    }
}

#[test]
fn an_unknown_speaker_or_venue_and_a_limit_that_is_not_a_duration_are_errors() {
    let text = edited(
        r#"{ "participant": "2002", "kind": "pledge", "limit": "5分钟""#,
        r#"{ "participant": "9999", "kind": "pledge", "limit": "不限""#,
    )
    .replacen(
        r#"{ "participant": "3002", "kind": "pledge""#,
        r#"{ "venue": "wangyl", "kind": "pledge""#,
        1,
    );
    let got = problems(&text, Lang::En);
    let errors: Vec<_> = got.iter().filter(|p| p.0 == Severity::Error).collect();
    assert_eq!(errors.len(), 3, "{got:#?}");
    assert_eq!(errors[0].1, "items[1].speeches[0].participant");
    assert!(errors[0].2.contains("`9999` is not an id on the roster"));
    assert_eq!(errors[1].1, "items[1].speeches[0].limit");
    assert!(
        errors[1].2.contains("`不限` is not a time limit"),
        "{}",
        errors[1].2
    );
    assert_eq!(errors[2].1, "items[1].speeches[1].venue");
    assert!(
        errors[2].2.contains("did you mean `wangyi`"),
        "{}",
        errors[2].2
    );
    let zh = problems(&text, Lang::Zh);
    assert!(zh[1].2.contains("不是发言时限"), "{}", zh[1].2);
}

#[test]
fn a_limit_of_the_wrong_type_or_zero_is_an_error_and_hanzi_numbers_are_read() {
    let wrong_type = edited(
        r#""limit": "5分钟", "topic": "做好王益区"#,
        r#""limit": true, "topic": "做好王益区"#,
    );
    let got = problems(&wrong_type, Lang::En);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].1, "items[1].speeches[0].limit");
    assert!(
        got[0].2.starts_with("expected a time limit"),
        "{}",
        got[0].2
    );

    let zero = edited(
        r#""limit": "5分钟", "topic": "做好王益区"#,
        r#""limit": 0, "topic": "做好王益区"#,
    );
    assert_eq!(problems(&zero, Lang::En).len(), 1);

    let hanzi = edited(
        r#""limit": "5分钟", "topic": "做好王益区"#,
        r#""limit": "五分钟", "topic": "做好王益区"#,
    );
    assert!(problems(&hanzi, Lang::En).is_empty());
}

#[test]
fn a_speech_must_say_who_speaks() {
    let nobody = edited(
        r#"{ "participant": "4002", "kind": "pledge""#,
        r#"{ "kind": "pledge""#,
    );
    let got = problems(&nobody, Lang::En);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].1, "items[1].speeches[2]");
    assert!(got[0].2.starts_with("say who speaks"));
    let both = edited(
        r#"{ "participant": "4002", "kind": "pledge""#,
        r#"{ "participant": "4002", "name": "赵建华", "kind": "pledge""#,
    );
    assert!(problems(&both, Lang::En)[0].2.contains("not both"));
    let unknown_kind = edited(
        r#"{ "participant": "4002", "kind": "pledge""#,
        r#"{ "participant": "4002", "kind": "pledges""#,
    );
    let got = problems(&unknown_kind, Lang::En);
    assert_eq!(
        got.len(),
        1,
        "one problem, not one more about a stand-in: {got:#?}"
    );
    assert!(got[0].2.contains("did you mean `pledge`"), "{}", got[0].2);
}

#[test]
fn limits_beyond_the_item_and_a_speaker_away_from_their_venue_are_warnings() {
    let long = edited(
        r#""limit": "5分钟", "topic": "做好王益区"#,
        r#""limit": "10分钟", "topic": "做好王益区"#,
    );
    let got = problems(&long, Lang::En);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].0, Severity::Warning);
    assert_eq!(got[0].1, "items[1].speeches");
    assert!(
        got[0].2.contains("25 minutes, more than the item's 20"),
        "{}",
        got[0].2
    );

    let away = edited(
        r#"{ "participant": "3002", "kind": "pledge""#,
        r#"{ "participant": "3002", "venue": "main", "kind": "pledge""#,
    );
    let got = problems(&away, Lang::Zh);
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(
        (got[0].0, got[0].1.as_str()),
        (Severity::Warning, "items[1].speeches[1].venue")
    );
}

#[test]
fn the_schema_describes_speeches() {
    let schema = schemars::schema_for!(huiwu::core::agenda::Agenda);
    let v = serde_json::to_value(&schema).expect("json");
    let defs = v
        .get("$defs")
        .or_else(|| v.get("definitions"))
        .expect("defs");
    let speech = &defs["Speech"]["properties"];
    for key in ["participant", "name", "venue", "kind", "limit", "topic"] {
        assert!(speech.get(key).is_some(), "{key}");
    }
    assert!(defs["Item"]["properties"].get("speeches").is_some());
}
