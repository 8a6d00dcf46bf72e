//! The chair's script (主持词), written from the agenda in the customary register: the
//! opening (会议开始: the purpose and context, the items, who takes part, the venues), the
//! roll call of the branch venues, each item with its speakers' names, titles and time
//! limits ("下面，请…作表态发言，时间5分钟"), the transitions, and the closing (会议结束:
//! what the participants must do, from the planned tasks). English meetings get an English
//! script. Rendered as Markdown ([`render_md`]) and Word ([`super::script_docx`]); the desk
//! shows the paragraph of the item or speaker in hand ([`Script::paragraph_for`]).

use std::fmt::Write;

use super::markdown::escape;
use super::model::{Clock, chinese_numeral, clean, task_rows};
use crate::core::agenda::{Item, ItemKind, SpeechKind, VenueKind};
use crate::core::meeting::{Meeting, SpeechState};
use crate::i18n::Lang;

/// What a paragraph is about, for the desk to find the one in hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    Opening,
    RollCall,
    Item(String),
    Speech(String),
    Closing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// What it is about: an item, and the speech when the item's sentence introduces it.
    pub anchors: Vec<Anchor>,
    pub text: String,
    /// A stage direction (for the video operator), not read out.
    pub note: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `一、会议开始`
    pub heading: String,
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub lang: Lang,
    /// `铜川市教育扶贫工作视频电话会议主持词`
    pub title: String,
    /// `（2017年5月4日）`
    pub date: String,
    /// `主持人：王晓红`
    pub chair: String,
    pub sections: Vec<Section>,
}

impl Script {
    /// The paragraph the chair reads for a speech (the speaker's introduction), else for
    /// the item.
    pub fn paragraph_for(&self, speech: Option<&str>, item: Option<&str>) -> Option<&Paragraph> {
        let all = || self.sections.iter().flat_map(|s| &s.paragraphs);
        let find = |a: Anchor| all().find(|p| !p.note && p.anchors.contains(&a));
        speech
            .and_then(|id| find(Anchor::Speech(id.to_string())))
            .or_else(|| item.and_then(|id| find(Anchor::Item(id.to_string()))))
    }
}

/// The script of the meeting's plan, with the speakers as the meeting lists them (added
/// ones and a new order included once recorded).
pub fn script(m: &Meeting, lang: Lang) -> Script {
    let w = ScriptWords::of(lang);
    let a = &m.agenda;
    let clock = Clock::of(m, lang);
    let title = clean(&a.meeting.title);
    let chair = clean(&m.person_label(&a.meeting.chair));
    let mut sections = Vec::new();
    sections.push(Section {
        heading: w.heading(1, w.opening),
        paragraphs: opening(m, &w),
    });
    let branches: Vec<usize> = (0..a.venues.len())
        .filter(|&v| a.venues[v].kind == VenueKind::Branch)
        .collect();
    if !branches.is_empty() {
        let mut ps = vec![para(Anchor::RollCall, w.roll_call_intro.to_string())];
        for &v in &branches {
            let name = clean(&a.venues[v].name);
            let expected = m.venue_counts(v).expected;
            ps.push(para(Anchor::RollCall, (w.roll_call_venue)(&name, expected)));
        }
        ps.push(para(Anchor::RollCall, w.roll_call_done.to_string()));
        sections.push(Section {
            heading: w.heading(sections.len() + 1, w.roll_call),
            paragraphs: ps,
        });
    }
    let mut items = Vec::new();
    let n = a.items.len();
    for (i, it) in a.items.iter().enumerate() {
        item_paragraphs(m, it, i, n, &w, &mut items);
    }
    if !items.is_empty() {
        sections.push(Section {
            heading: w.heading(sections.len() + 1, w.agenda),
            paragraphs: items,
        });
    }
    sections.push(Section {
        heading: w.heading(sections.len() + 1, w.closing),
        paragraphs: closing(m, &w),
    });
    Script {
        lang,
        title: (w.title)(&title),
        date: (w.date)(&clock.long_date(a.meeting.date)),
        chair: format!("{}{chair}", w.chair_label),
        sections,
    }
}

fn para(anchor: Anchor, text: String) -> Paragraph {
    Paragraph {
        anchors: vec![anchor],
        text,
        note: false,
    }
}

fn opening(m: &Meeting, w: &ScriptWords) -> Vec<Paragraph> {
    let a = &m.agenda;
    let hour = chrono::Timelike::hour(&a.meeting.start);
    let mut ps = vec![para(Anchor::Opening, (w.call_to_order)(hour))];
    let title = clean(&a.meeting.title);
    let context = clean(&a.meeting.context);
    ps.push(para(Anchor::Opening, (w.purpose)(&context, &title)));
    let items: Vec<String> = a.items.iter().map(|it| clean(&it.title)).collect();
    if !items.is_empty() {
        ps.push(para(Anchor::Opening, (w.items)(&items)));
    }
    let groups: Vec<String> = a
        .categories
        .iter()
        .map(|c| clean(&c.name))
        .filter(|c| !c.is_empty())
        .collect();
    let expected = m.total_counts().expected;
    ps.push(para(Anchor::Opening, (w.attending)(&groups, expected)));
    let main = a
        .venues
        .iter()
        .find(|v| v.kind == VenueKind::Main)
        .map(|v| {
            // `主会场（市电信局视频电话会议室）` is said by its place; an English venue by
            // its name.
            let loc = clean(&v.location);
            if loc.is_empty() || w.lang == Lang::En {
                clean(&v.name)
            } else {
                loc
            }
        });
    let branches: Vec<String> = a
        .venues
        .iter()
        .filter(|v| v.kind == VenueKind::Branch)
        .map(|v| clean(&v.name))
        .collect();
    if let Some(main) = main
        && !branches.is_empty()
    {
        ps.push(para(Anchor::Opening, (w.venues)(&main, &branches)));
    }
    ps
}

/// The paragraphs of the `i`-th of `n` top-level items.
fn item_paragraphs(
    m: &Meeting,
    it: &Item,
    i: usize,
    n: usize,
    w: &ScriptWords,
    out: &mut Vec<Paragraph>,
) {
    let title = clean(&it.title);
    let place = match i {
        0 => Place::First,
        _ if i + 1 == n && n > 2 => Place::Last,
        _ => Place::Middle,
    };
    let mut intro = (w.item_intro)(place, i + 1, &title);
    let speeches = m.speeches_of(&it.id);
    let chair_id = m.agenda.meeting.chair.participant.as_deref();
    let by_chair =
        |s: &SpeechState| chair_id.is_some() && s.speaker.participant.as_deref() == chair_id;
    // An item with no speeches of its own: its speaker, as the item's kind says.
    if speeches.is_empty() {
        match (it.kind, &it.speaker) {
            (Some(ItemKind::Discussion), _) => intro.push_str(w.discussion),
            (Some(ItemKind::Vote), _) => intro.push_str(w.vote),
            (kind, Some(sp))
                if sp.participant.is_some() && sp.participant.as_deref() == chair_id =>
            {
                intro.push_str(&(w.chair_speaks)(implied_kind(kind), ""));
            }
            (kind, Some(sp)) => {
                intro.push_str(w.full_stop);
                out.push(para(Anchor::Item(it.id.clone()), intro));
                let p = crate::core::event::SpeakerFields {
                    participant: sp.participant.clone(),
                    name: sp.name.clone(),
                    unit: sp.unit.clone(),
                    title: sp.title.clone(),
                    ..Default::default()
                };
                let speaker = m.speaker_from(&p);
                let who = (w.who)(
                    &clean(&speaker.name),
                    &clean(&speaker.unit),
                    &clean(&speaker.title),
                );
                out.push(para(
                    Anchor::Item(it.id.clone()),
                    (w.call)(Place::Only, &who, "", implied_kind(kind), None),
                ));
                sub_items(m, it, w, out);
                return;
            }
            (_, None) => intro.push_str(w.full_stop),
        }
        out.push(para(Anchor::Item(it.id.clone()), intro));
        sub_items(m, it, w, out);
        return;
    }
    // The chair's own speech as the item's only one: said in the item's sentence.
    if let [only] = speeches.as_slice()
        && by_chair(only)
    {
        intro.push_str(&(w.chair_speaks)(
            only.speaker.kind,
            &clean(&only.speaker.topic),
        ));
        out.push(Paragraph {
            anchors: vec![Anchor::Item(it.id.clone()), Anchor::Speech(only.id.clone())],
            text: intro,
            note: false,
        });
        sub_items(m, it, w, out);
        return;
    }
    intro.push_str(w.full_stop);
    out.push(para(Anchor::Item(it.id.clone()), intro));
    speech_paragraphs(m, &speeches, w, out);
    sub_items(m, it, w, out);
}

/// Sub-items that have speeches of their own, each with its title.
fn sub_items(m: &Meeting, it: &Item, w: &ScriptWords, out: &mut Vec<Paragraph>) {
    for (j, sub) in it.items.iter().enumerate() {
        let speeches = m.speeches_of(&sub.id);
        if speeches.is_empty() {
            continue;
        }
        out.push(para(
            Anchor::Item(sub.id.clone()),
            (w.sub_item)(j + 1, &clean(&sub.title)),
        ));
        speech_paragraphs(m, &speeches, w, out);
    }
}

fn speech_paragraphs(
    m: &Meeting,
    speeches: &[&SpeechState],
    w: &ScriptWords,
    out: &mut Vec<Paragraph>,
) {
    let chair_id = m.agenda.meeting.chair.participant.as_deref();
    let main = m
        .agenda
        .venues
        .iter()
        .position(|v| v.kind == VenueKind::Main);
    let mut picture = main;
    let n = speeches.len();
    for (k, s) in speeches.iter().enumerate() {
        let sp = &s.speaker;
        let venue = sp.venue.as_deref().and_then(|v| m.venue(v));
        if venue.is_some() && venue != picture {
            let name = venue
                .map(|v| clean(&m.agenda.venues[v].name))
                .unwrap_or_default();
            out.push(Paragraph {
                anchors: vec![Anchor::Speech(s.id.clone())],
                text: (w.switch_to)(&name),
                note: true,
            });
            picture = venue;
        }
        let topic = clean(&sp.topic);
        let text = if chair_id.is_some() && sp.participant.as_deref() == chair_id {
            let mut t = w.then.to_string();
            t.push_str(&(w.chair_speaks)(sp.kind, &topic));
            t
        } else {
            let who = if sp.name.is_empty() {
                venue
                    .map(|v| clean(&m.agenda.venues[v].name))
                    .unwrap_or_default()
            } else {
                (w.who)(&clean(&sp.name), &clean(&sp.unit), &clean(&sp.title))
            };
            let place = match (n, k) {
                (1, _) => Place::Only,
                (_, 0) => Place::First,
                (n, k) if k + 1 == n => Place::Last,
                _ => Place::Middle,
            };
            (w.call)(place, &who, &topic, sp.kind, sp.limit_seconds)
        };
        out.push(para(Anchor::Speech(s.id.clone()), text));
    }
    // After several speeches of one kind: who gave them.
    if n > 1
        && speeches
            .iter()
            .all(|s| s.speaker.kind == speeches[0].speaker.kind)
    {
        let names: Vec<String> = speeches
            .iter()
            .map(|s| clean(&m.speaker_label(&s.speaker, w.lang)))
            .collect();
        let anchor = Anchor::Speech(speeches[n - 1].id.clone());
        out.push(para(anchor, (w.thanks)(&names, speeches[0].speaker.kind)));
    }
}

fn implied_kind(kind: Option<ItemKind>) -> SpeechKind {
    match kind {
        Some(ItemKind::Report) => SpeechKind::Report,
        Some(ItemKind::Speech) => SpeechKind::Address,
        _ => SpeechKind::Remarks,
    }
}

fn closing(m: &Meeting, w: &ScriptWords) -> Vec<Paragraph> {
    let mut ps = vec![para(Anchor::Closing, w.all_done.to_string())];
    let tasks = task_rows(m, w.lang);
    if !tasks.is_empty() {
        ps.push(para(Anchor::Closing, w.tasks_intro.to_string()));
    }
    let n = tasks.len();
    for (i, t) in tasks.into_iter().enumerate() {
        let owners: Vec<&str> = [t.lead.as_str(), t.others.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        // The deadline as said (`6月底前`), without the date the minutes add to it.
        let due = t.due.split(['（', '(']).next().unwrap_or_default().trim();
        let text = (w.task)(&t.text, &owners.join(w.list_sep), due);
        ps.push(para(Anchor::Closing, (w.task_item)(i, &text, i + 1 == n)));
    }
    ps.push(para(Anchor::Closing, w.adjourn.to_string()));
    ps
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Only,
    First,
    Middle,
    Last,
}

/// The script's words in one language.
struct ScriptWords {
    lang: Lang,
    opening: &'static str,
    roll_call: &'static str,
    agenda: &'static str,
    closing: &'static str,
    chair_label: &'static str,
    /// The opening words, by the local hour the meeting starts.
    call_to_order: fn(u32) -> String,
    roll_call_intro: &'static str,
    roll_call_done: &'static str,
    discussion: &'static str,
    vote: &'static str,
    full_stop: &'static str,
    then: &'static str,
    all_done: &'static str,
    adjourn: &'static str,
    list_sep: &'static str,
    title: fn(&str) -> String,
    date: fn(&str) -> String,
    purpose: fn(&str, &str) -> String,
    items: fn(&[String]) -> String,
    attending: fn(&[String], u32) -> String,
    venues: fn(&str, &[String]) -> String,
    roll_call_venue: fn(&str, u32) -> String,
    item_intro: fn(Place, usize, &str) -> String,
    sub_item: fn(usize, &str) -> String,
    chair_speaks: fn(SpeechKind, &str) -> String,
    who: fn(&str, &str, &str) -> String,
    call: fn(Place, &str, &str, SpeechKind, Option<u32>) -> String,
    switch_to: fn(&str) -> String,
    thanks: fn(&[String], SpeechKind) -> String,
    task: fn(&str, &str, &str) -> String,
    tasks_intro: &'static str,
    task_item: fn(usize, &str, bool) -> String,
}

impl ScriptWords {
    fn of(lang: Lang) -> ScriptWords {
        match lang {
            Lang::Zh => ZH,
            Lang::En => EN,
        }
    }

    fn heading(&self, n: usize, text: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{}、{text}", chinese_numeral(n as u64)),
            Lang::En => format!("{n}. {text}"),
        }
    }
}

/// `5分钟`, `4分30秒`.
fn zh_limit(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (m, 0) => format!("{m}分钟"),
        (0, s) => format!("{s}秒"),
        (m, s) => format!("{m}分{s}秒"),
    }
}

fn en_limit(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (1, 0) => "1 minute".to_string(),
        (m, 0) => format!("{m} minutes"),
        (m, s) => format!("{m}:{s:02} minutes"),
    }
}

/// `一是…；二是…。`
fn zh_enumerate(parts: &[String]) -> String {
    let mut s = String::new();
    for (i, p) in parts.iter().enumerate() {
        let p = p.trim_end_matches(['。', '；', '，']);
        let _ = write!(s, "{}是{p}", chinese_numeral(i as u64 + 1));
        s.push(if i + 1 == parts.len() { '。' } else { '；' });
    }
    s
}

/// `first, …; second, …; and third, ….`
fn en_enumerate(parts: &[String]) -> String {
    const ORD: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let mut s = String::new();
    for (i, p) in parts.iter().enumerate() {
        let p = p.trim_end_matches(['.', ';', ',']);
        if i > 0 {
            s.push_str(if i + 1 == parts.len() { "; and " } else { "; " });
        }
        match ORD.get(i) {
            Some(o) => {
                let _ = write!(s, "{o}, {p}");
            }
            None => {
                let _ = write!(s, "{}, {p}", i + 1);
            }
        }
    }
    s.push('.');
    s
}

const ZH: ScriptWords = ScriptWords {
    lang: Lang::Zh,
    opening: "会议开始",
    roll_call: "分会场点名",
    agenda: "会议议程",
    closing: "会议结束",
    chair_label: "主持人：",
    call_to_order: |_| "同志们：现在开会。".to_string(),
    roll_call_intro: "下面进行分会场点名。请点到的分会场报告应到人数、实到人数和请假人数。",
    roll_call_done: "各分会场均已报告到会情况。",
    discussion: "，下面进行讨论。",
    vote: "，下面进行表决。",
    full_stop: "。",
    then: "下面，",
    all_done: "同志们，今天会议的各项议程已经全部进行完毕。",
    adjourn: "今天的会议就开到这里。散会！",
    list_sep: "、",
    title: |t| format!("{t}主持词"),
    date: |d| format!("（{d}）"),
    purpose: |context, title| {
        if context.is_empty() {
            format!("今天，我们召开{title}。")
        } else {
            format!(
                "{}，我们召开{title}。",
                context.trim_end_matches(['，', '。'])
            )
        }
    },
    items: |items| {
        format!(
            "这次会议的主要议程有{}项：{}",
            chinese_numeral(items.len() as u64),
            zh_enumerate(items)
        )
    },
    attending: |groups, expected| {
        if groups.is_empty() {
            format!("参加今天会议的应到{expected}人。")
        } else {
            format!(
                "参加今天会议的有：{}，应到{expected}人。",
                groups.join("，")
            )
        }
    },
    venues: |main, branches| {
        format!(
            "会议以视频会议形式召开，主会场设在{main}，{}设分会场。",
            branches
                .iter()
                .map(|b| b.trim_end_matches("分会场").to_string())
                .collect::<Vec<_>>()
                .join("、")
        )
    },
    roll_call_venue: |name, expected| format!("{name}（应到{expected}人）。"),
    item_intro: |place, n, title| {
        let lead = match place {
            Place::First | Place::Only => "首先",
            Place::Middle => "下面",
            Place::Last => "最后",
        };
        format!(
            "{lead}，进行会议第{}项议程：{title}",
            chinese_numeral(n as u64)
        )
    },
    sub_item: |n, title| format!("（{}）{title}", chinese_numeral(n as u64)),
    chair_speaks: |kind, topic| {
        let on = if topic.is_empty() {
            String::new()
        } else {
            format!("就{topic}")
        };
        match kind {
            SpeechKind::Report => {
                if topic.is_empty() {
                    "，由我作通报。".to_string()
                } else {
                    format!("，由我通报{topic}。")
                }
            }
            SpeechKind::Address => format!("，我{on}讲几点意见。"),
            _ => format!("，我{on}讲几句。"),
        }
    },
    who: |name, unit, title| format!("{unit}{title}{name}同志"),
    call: |place, who, topic, kind, limit| {
        // An item's only speaker follows its announcement: 请… without another 下面.
        let lead = match place {
            Place::Only => "请",
            Place::Middle => "下面，请",
            Place::First => "首先，请",
            Place::Last => "最后，请",
        };
        let on = if topic.is_empty() {
            String::new()
        } else {
            format!("就{topic}")
        };
        let verb = match kind {
            SpeechKind::Address => "讲话",
            SpeechKind::Remarks => "发言",
            SpeechKind::Report => "作汇报",
            SpeechKind::Pledge => "作表态发言",
            SpeechKind::Exchange => "作交流发言",
        };
        match (kind, limit) {
            (SpeechKind::Address, _) => format!("{lead}{who}{on}{verb}，大家欢迎。"),
            (_, Some(secs)) => format!("{lead}{who}{on}{verb}，时间{}。", zh_limit(secs)),
            (_, None) => format!("{lead}{who}{on}{verb}。"),
        }
    },
    switch_to: |venue| format!("（导播：切换至 {venue}）"),
    thanks: |names, kind| {
        let names = names
            .iter()
            .map(|n| n.trim_end_matches("同志").to_string())
            .collect::<Vec<_>>()
            .join("、");
        let kind = match kind {
            SpeechKind::Address => "讲话",
            SpeechKind::Remarks => "发言",
            SpeechKind::Report => "汇报",
            SpeechKind::Pledge => "表态发言",
            SpeechKind::Exchange => "交流发言",
        };
        format!("刚才，{names}同志分别作了{kind}。")
    },
    task: |text, owners, due| {
        let mut s = text.trim_end_matches(['。', '；']).to_string();
        let mut tail = Vec::new();
        if !owners.is_empty() {
            tail.push(format!("责任单位：{owners}"));
        }
        if !due.is_empty() {
            tail.push(format!("完成时限：{due}"));
        }
        if !tail.is_empty() {
            let _ = write!(s, "（{}）", tail.join("；"));
        }
        s
    },
    tasks_intro: "会后，各单位要认真传达贯彻会议精神，重点抓好以下几项工作：",
    task_item: |i, text, last| {
        let text = text.trim_end_matches(['。', '；', '，']);
        let end = if last { '。' } else { '；' };
        format!("{}是{text}{end}", chinese_numeral(i as u64 + 1))
    },
};

const EN: ScriptWords = ScriptWords {
    lang: Lang::En,
    opening: "Opening",
    roll_call: "Roll call of the branch venues",
    agenda: "Agenda",
    closing: "Closing",
    chair_label: "Chair: ",
    call_to_order: |hour| {
        let when = match hour {
            0..12 => "morning",
            12..18 => "afternoon",
            _ => "evening",
        };
        format!("Good {when}, everyone. I call this meeting to order.")
    },
    roll_call_intro: "We begin with the roll call of the branch venues. As I call your venue, please report the number expected, present and excused.",
    roll_call_done: "Thank you; every branch venue has reported.",
    discussion: ". The floor is now open for discussion.",
    vote: ". We now proceed to the vote.",
    full_stop: ".",
    then: "",
    all_done: "That concludes today's agenda.",
    adjourn: "The meeting is adjourned. Thank you.",
    list_sep: ", ",
    title: |t| format!("Chair's script: {t}"),
    date: |d| format!("({d})"),
    purpose: |context, title| {
        if context.is_empty() {
            format!("Welcome to {title}.")
        } else {
            format!("{}, we hold {title}.", context.trim_end_matches(['.', ',']))
        }
    },
    items: |items| {
        let n = items.len();
        let what = if n == 1 { "item" } else { "items" };
        format!("Today's agenda has {n} {what}: {}", en_enumerate(items))
    },
    attending: |groups, expected| {
        let people = if expected == 1 {
            "member is"
        } else {
            "members are"
        };
        if groups.is_empty() {
            format!("{expected} {people} expected today.")
        } else {
            format!(
                "Taking part today: {}; {expected} {people} expected.",
                groups.join(", ")
            )
        }
    },
    venues: |main, branches| {
        let what = if branches.len() == 1 {
            "venue"
        } else {
            "venues"
        };
        format!(
            "We meet by video link: the main venue is {main}, with the branch {what} {}.",
            branches.join(", ")
        )
    },
    roll_call_venue: |name, expected| format!("{name} ({expected} expected)."),
    item_intro: |place, n, title| {
        let lead = match place {
            Place::First | Place::Only => "First",
            Place::Middle => "Next",
            Place::Last => "Finally",
        };
        format!("{lead}, item {n}: {title}")
    },
    sub_item: |n, title| format!("({n}) {title}"),
    chair_speaks: |kind, topic| {
        let on = if topic.is_empty() {
            String::new()
        } else {
            format!(" on {topic}")
        };
        match kind {
            SpeechKind::Report => format!(". I will report{on}."),
            _ => format!(". I will say a few words{on}."),
        }
    },
    who: |name, unit, title| {
        [name, title, unit]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    },
    call: |place, who, topic, kind, limit| {
        let lead = match place {
            Place::Only => "I call on",
            Place::Middle => "I now call on",
            Place::First => "First, I call on",
            Place::Last => "Finally, I call on",
        };
        let what = match kind {
            SpeechKind::Address => "an address",
            SpeechKind::Remarks => "remarks",
            SpeechKind::Report => "a report",
            SpeechKind::Pledge => "a pledge",
            SpeechKind::Exchange => "an exchange of experience",
        };
        let on = if topic.is_empty() {
            String::new()
        } else {
            format!(" on {topic}")
        };
        match limit {
            Some(secs) => format!("{lead} {who} for {what}{on}, of up to {}.", en_limit(secs)),
            None => format!("{lead} {who} for {what}{on}."),
        }
    },
    switch_to: |venue| format!("(Video: switch to {venue})"),
    thanks: |names, _| format!("Thank you, {}.", names.join(", ")),
    task: |text, owners, due| {
        let mut s = text.trim_end_matches(['.', ';']).to_string();
        let tail: Vec<String> = [owners, due]
            .into_iter()
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect();
        if !tail.is_empty() {
            let _ = write!(s, " ({})", tail.join("; "));
        }
        s
    },
    tasks_intro: "Before we adjourn, the follow-up:",
    task_item: |i, text, last| {
        let text = text.trim_end_matches(['.', ';', ',']);
        let end = if last { '.' } else { ';' };
        format!("{}. {text}{end}", i + 1)
    },
};

/// The script as Markdown.
pub fn render_md(s: &Script) -> String {
    let mut out = String::with_capacity(4096);
    let _ = writeln!(out, "# {}\n", escape(&s.title));
    let _ = writeln!(out, "{}\n", escape(&s.date));
    let _ = writeln!(out, "{}\n", escape(&s.chair));
    for sec in &s.sections {
        let _ = writeln!(out, "## {}\n", escape(&sec.heading));
        for p in &sec.paragraphs {
            if p.note {
                let _ = writeln!(out, "*{}*\n", escape(&p.text));
            } else {
                let _ = writeln!(out, "{}\n", escape(&p.text));
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
