//! The chair's speakers, inside the agenda view: the list of the item in hand with the
//! one speaking and the next one marked; start, stop, next, skip, move up or down, and
//! add a speaker found by search (pinyin works); the countdown of the speech (a warning
//! from a minute before the limit, the overrun after it); the video operator's cue line
//! with the link of the venue to switch to; the script's paragraph for the speaker in
//! hand. The big clock shows the speaker through [`clock_face`]. This file holds the
//! state and the keys; [`render`] draws.

use tui_input::{Input, InputRequest};

use crate::core::command::Command;
use crate::core::event::SpeakerFields;
use crate::core::meeting::{Meeting, SpeechState, SpeechStatus};
use crate::core::speech_command::SpeechCommand;
use crate::export::script::{Script, script};
use crate::i18n::texts;
use crate::search::NameIndex;
use crate::tui::ctx::Ctx;
use crate::tui::input::{Intent, TextFocus};
use crate::tui::keymap::{Action, Scope};
use crate::tui::msg::{Msg, NoticeKind, Tag};

mod render;

pub use render::{ClockFace, clock_face, height, render, render_popup};

texts! {
    /// The speakers panel's strings.
    pub enum ST {
    Speakers => "Speakers", "发言";
    Speaking => "Speaking: ", "发言中：";
    NextSpeaker => "Next: ", "下一位：";
    NoSpeakers => "No speakers planned; + adds one", "未安排发言人；按 + 增加";
    NobodyNext => "nobody left to call", "没有待发言的人";
    Left => "left", "剩余";
    Limit => "limit", "限时";
    Over => "OVER BY", "超时";
    Script => "Script: ", "主持词：";
    AddTitle => "Add a speaker", "增加发言人";
    AddAbout => "Type a name, pinyin, initials or a number; Enter adds, Esc closes",
        "输入姓名、拼音、首字母或编号；Enter 增加，Esc 关闭";
    NoMatch => "nobody matches", "没有相符的人";
    Added => "added to the speakers", "已加入发言名单";
    Pending => "waiting", "待发言";
    Running => "speaking", "发言中";
    Done => "spoke", "已发言";
    Skipped => "skipped", "已跳过";
    NoSpeech => "No speaker selected", "未选中发言人";
    ActNext => "next speaker (the one speaking stops)", "下一位发言（当前发言结束）";
    ActStart => "start the selected speaker", "开始选中的发言";
    ActStop => "stop the speaker", "结束当前发言";
    ActSkip => "skip the selected speaker", "跳过选中的发言人";
    ActEarlier => "move the selected speaker up", "选中的发言人前移";
    ActLater => "move the selected speaker down", "选中的发言人后移";
    ActAdd => "add a speaker (search by name or pinyin)", "增加发言人（按姓名或拼音查找）";
    ActSelPrev => "select the previous speaker", "选择上一位发言人";
    ActSelNext => "select the next speaker", "选择下一位发言人";
    HintNext => "next speaker", "下一位";
    HintAdd => "add speaker", "加发言";
    }
}

/// At most this many search results are shown when adding a speaker.
const RESULTS: usize = 6;

/// The search box of "add a speaker".
struct Adding {
    input: Input,
    hits: Vec<usize>,
    selected: usize,
}

#[derive(Default)]
pub struct SpeakerPanel {
    /// The selected speech (its id), or `None` to follow the one in hand.
    selected: Option<String>,
    adding: Option<Adding>,
    index: Option<NameIndex>,
    /// The chair's script, written again when the meeting changes (not per frame: its
    /// opening counts everyone).
    script: Option<Script>,
}

/// The item whose speakers the panel lists: the speaker's, or the next speaker's, or the
/// item in focus.
pub fn list_item(m: &Meeting) -> Option<String> {
    m.running_speech()
        .map(|s| s.item.clone())
        .or_else(|| m.upcoming_speech().map(|s| s.item.clone()))
        .or_else(|| m.speech_focus())
}

impl SpeakerPanel {
    pub fn new(m: &Meeting) -> SpeakerPanel {
        let mut p = SpeakerPanel::default();
        p.sync(m);
        p
    }

    /// The speeches listed, in speaking order.
    pub fn list<'m>(&self, m: &'m Meeting) -> Vec<&'m SpeechState> {
        list_item(m).map_or_else(Vec::new, |i| m.speeches_of(&i))
    }

    /// The selected speech: the one chosen, else the next to call, else the speaking one.
    pub fn selected<'m>(&self, m: &'m Meeting) -> Option<&'m SpeechState> {
        let list = self.list(m);
        self.selected
            .as_deref()
            .and_then(|id| list.iter().copied().find(|s| s.id == id))
            .or_else(|| {
                let up = m.upcoming_speech()?;
                list.iter().copied().find(|s| s.id == up.id)
            })
            .or_else(|| m.running_speech())
    }

    pub fn sync(&mut self, m: &Meeting) {
        self.script = (!m.speeches.is_empty())
            .then(|| script(m, crate::i18n::Lang::from(m.agenda.meeting.language)));
        // A selection no longer listed (the item moved on) follows the one in hand again.
        if let Some(id) = &self.selected
            && !self.list(m).iter().any(|s| s.id == *id)
        {
            self.selected = None;
        }
    }

    /// The actions of the panel.
    pub fn handles(a: Action) -> bool {
        matches!(
            a,
            Action::SpeakerNext
                | Action::SpeakerStart
                | Action::SpeakerStop
                | Action::SpeakerSkip
                | Action::SpeakerEarlier
                | Action::SpeakerLater
                | Action::SpeakerAdd
                | Action::SpeakerSelectPrev
                | Action::SpeakerSelectNext
        )
    }

    /// Whether the search box is open (it takes the keys).
    pub fn adding(&self) -> bool {
        self.adding.is_some()
    }

    pub fn scopes(&self) -> &'static [Scope] {
        &[Scope::Form]
    }

    pub fn text_focus(&self) -> TextFocus {
        match &self.adding {
            Some(a) if a.input.value().is_empty() => TextFocus::Empty,
            Some(_) => TextFocus::Typed,
            None => TextFocus::None,
        }
    }

    pub fn unsaved_input(&self) -> bool {
        self.adding
            .as_ref()
            .is_some_and(|a| !a.input.value().is_empty())
    }

    /// A key of the panel, from the agenda view.
    pub fn act(&mut self, action: Action, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let speech = |c| vec![Msg::record(Command::Speech(c), Tag::AgendaStep)];
        let selected = self.selected(m).map(|s| s.id.clone());
        let need = |ctx: &Ctx| vec![Msg::notice(NoticeKind::Info, ST::NoSpeech.get(ctx.lang))];
        match action {
            Action::SpeakerNext => {
                self.selected = None;
                speech(SpeechCommand::Next { at: None })
            }
            Action::SpeakerStop => speech(SpeechCommand::Stop { at: None }),
            Action::SpeakerStart => match selected {
                Some(id) => {
                    self.selected = None;
                    speech(SpeechCommand::Start {
                        speech: id,
                        at: None,
                    })
                }
                None => need(ctx),
            },
            Action::SpeakerSkip => match selected {
                Some(id) => speech(SpeechCommand::Skip { speech: Some(id) }),
                None => need(ctx),
            },
            Action::SpeakerEarlier | Action::SpeakerLater => match selected {
                Some(id) => {
                    let by = if action == Action::SpeakerEarlier {
                        -1
                    } else {
                        1
                    };
                    self.selected = Some(id.clone());
                    speech(SpeechCommand::Move { speech: id, by })
                }
                None => need(ctx),
            },
            Action::SpeakerSelectPrev | Action::SpeakerSelectNext => {
                let list = self.list(m);
                let at = selected
                    .and_then(|id| list.iter().position(|s| s.id == id))
                    .unwrap_or(0);
                let to = if action == Action::SpeakerSelectPrev {
                    at.saturating_sub(1)
                } else {
                    (at + 1).min(list.len().saturating_sub(1))
                };
                self.selected = list.get(to).map(|s| s.id.clone());
                Vec::new()
            }
            Action::SpeakerAdd => {
                self.adding = Some(Adding {
                    input: Input::default(),
                    hits: Vec::new(),
                    selected: 0,
                });
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// An intent while the search box is open.
    pub fn handle_adding(&mut self, intent: &Intent, ctx: &Ctx) -> Vec<Msg> {
        let m = ctx.meeting;
        let Some(a) = self.adding.as_mut() else {
            return Vec::new();
        };
        match intent {
            Intent::Action(_, Action::Cancel) => {
                self.adding = None;
                return Vec::new();
            }
            Intent::Action(_, Action::NextField) => {
                a.selected = (a.selected + 1).min(a.hits.len().saturating_sub(1));
                return Vec::new();
            }
            Intent::Action(_, Action::PrevField) => {
                a.selected = a.selected.saturating_sub(1);
                return Vec::new();
            }
            Intent::Action(_, Action::Submit) => {
                let Some(&p) = a.hits.get(a.selected) else {
                    return vec![Msg::notice(NoticeKind::Info, ST::NoMatch.get(ctx.lang))];
                };
                self.adding = None;
                let person = &m.people[p];
                let cmd = SpeechCommand::Add {
                    item: list_item(m),
                    speaker: SpeakerFields::of(person),
                    start: false,
                    at: None,
                };
                return vec![
                    Msg::record(Command::Speech(cmd), Tag::AgendaStep),
                    Msg::notice(
                        NoticeKind::Success,
                        format!("{} {}", person.name, ST::Added.get(ctx.lang)),
                    ),
                ];
            }
            Intent::Edit(req) => {
                a.input.handle(*req);
            }
            Intent::Paste(s) => {
                for c in s.chars().filter(|c| !c.is_control()) {
                    a.input.handle(InputRequest::InsertChar(c));
                }
            }
            _ => return Vec::new(),
        }
        // The search, as the attendance desk's (pinyin, initials, ids, units).
        let index = self
            .index
            .get_or_insert_with(|| NameIndex::build(&m.people));
        while index.len() < m.people.len() {
            index.push(&m.people[index.len()]);
        }
        let query = a.input.value().to_string();
        a.hits = index
            .search(&query, RESULTS, |_| true)
            .into_iter()
            .map(|h| h.index)
            .collect();
        a.selected = 0;
        Vec::new()
    }
}

/// How the panel's keys are described in help.
pub fn describe(a: Action) -> Option<ST> {
    Some(match a {
        Action::SpeakerNext => ST::ActNext,
        Action::SpeakerStart => ST::ActStart,
        Action::SpeakerStop => ST::ActStop,
        Action::SpeakerSkip => ST::ActSkip,
        Action::SpeakerEarlier => ST::ActEarlier,
        Action::SpeakerLater => ST::ActLater,
        Action::SpeakerAdd => ST::ActAdd,
        Action::SpeakerSelectPrev => ST::ActSelPrev,
        Action::SpeakerSelectNext => ST::ActSelNext,
        _ => return None,
    })
}

/// The words of a speech's state.
pub fn status_word(s: &SpeechState) -> ST {
    match s.status {
        SpeechStatus::Pending => ST::Pending,
        SpeechStatus::Running => ST::Running,
        SpeechStatus::Done => ST::Done,
        SpeechStatus::Skipped => ST::Skipped,
    }
}
