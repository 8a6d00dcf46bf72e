//! From terminal events to intents: pure, no state of its own. What a key means depends
//! on the keymap, the scopes that are live, and whether a text box has the focus.
//!
//! With a text box focused, the editing keys (characters, Backspace, Delete, Left, Right,
//! Home, End) edit it, so a secretary can type any name; a bound punctuation key such as
//! `?` still acts when the box is empty (no name starts with `?`). Everything else goes
//! through the keymap. Only key presses count: Windows also reports releases.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::InputRequest;

use super::keymap::{Action, Key, Keymap, Scope};

/// What the user wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// A bound action, with the scope it was found in.
    Action(Scope, Action),
    /// Edit the focused text box.
    Edit(InputRequest),
    /// Text pasted (bracketed paste), for the focused text box.
    Paste(String),
    /// A key no live scope binds, for a multi-line box or a form that reads keys itself.
    Key(KeyEvent),
    /// The terminal changed size: just draw again.
    Resize,
}

/// The state of the focused text box, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFocus {
    None,
    Empty,
    Typed,
    /// A multi-line box or a form that reads keys itself: bound keys act, others come
    /// as [`Intent::Key`].
    Keys,
}

/// Map one terminal event. `scopes` are the live scopes, most specific first.
pub fn intent(ev: &Event, scopes: &[Scope], text: TextFocus, keymap: &Keymap) -> Option<Intent> {
    match ev {
        Event::Key(k) => key_intent(k, scopes, text, keymap),
        Event::Paste(s) if text != TextFocus::None => Some(Intent::Paste(s.clone())),
        Event::Resize(..) => Some(Intent::Resize),
        _ => None,
    }
}

pub fn key_intent(
    k: &KeyEvent,
    scopes: &[Scope],
    text: TextFocus,
    keymap: &Keymap,
) -> Option<Intent> {
    if k.kind != KeyEventKind::Press {
        return None;
    }
    let key = Key::from_event(k);
    if text == TextFocus::Keys {
        return Some(
            key.and_then(|key| {
                scopes
                    .iter()
                    .find_map(|s| keymap.lookup(*s, &key).map(|a| Intent::Action(*s, a)))
            })
            .unwrap_or(Intent::Key(*k)),
        );
    }
    let key = key?;
    if text != TextFocus::None
        && let Some(edit) = edit_request(k)
    {
        let bound_punctuation = key
            .printable()
            .is_some_and(|c| !c.is_alphanumeric() && c != ' ' && text == TextFocus::Empty)
            && scopes.iter().any(|s| keymap.lookup(*s, &key).is_some());
        if !bound_punctuation {
            return Some(Intent::Edit(edit));
        }
    }
    scopes
        .iter()
        .find_map(|s| keymap.lookup(*s, &key).map(|a| Intent::Action(*s, a)))
}

/// The editing keys of a one-line text box.
fn edit_request(k: &KeyEvent) -> Option<InputRequest> {
    use InputRequest::*;
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    Some(match k.code {
        KeyCode::Char(c) if !ctrl && !alt => InsertChar(c),
        KeyCode::Backspace if alt || ctrl => DeletePrevWord,
        KeyCode::Backspace => DeletePrevChar,
        KeyCode::Delete => DeleteNextChar,
        KeyCode::Left if ctrl => GoToPrevWord,
        KeyCode::Left => GoToPrevChar,
        KeyCode::Right if ctrl => GoToNextWord,
        KeyCode::Right => GoToNextChar,
        KeyCode::Home => GoToStart,
        KeyCode::End => GoToEnd,
        _ => return None,
    })
}

/// Pasted text for a one-line box: line breaks and tabs become spaces, other control
/// characters go.
pub fn one_line(pasted: &str) -> String {
    pasted
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' || c == '\t' {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, m: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new_with_kind(code, m, KeyEventKind::Press))
    }

    const ATT: &[Scope] = &[Scope::Attendance, Scope::Global];

    #[test]
    fn typing_goes_to_the_box_and_bound_keys_act() {
        let km = Keymap::default();
        let t = |ev: Event, f| intent(&ev, ATT, f, &km);
        assert_eq!(
            t(
                press(KeyCode::Char('w'), KeyModifiers::NONE),
                TextFocus::Empty
            ),
            Some(Intent::Edit(InputRequest::InsertChar('w')))
        );
        assert_eq!(
            t(
                press(KeyCode::Char('王'), KeyModifiers::NONE),
                TextFocus::Typed
            ),
            Some(Intent::Edit(InputRequest::InsertChar('王')))
        );
        assert_eq!(
            t(
                press(KeyCode::Char('?'), KeyModifiers::SHIFT),
                TextFocus::Empty
            ),
            Some(Intent::Action(Scope::Global, Action::Help))
        );
        assert_eq!(
            t(
                press(KeyCode::Char('?'), KeyModifiers::SHIFT),
                TextFocus::Typed
            ),
            Some(Intent::Edit(InputRequest::InsertChar('?')))
        );
        assert_eq!(
            t(press(KeyCode::Enter, KeyModifiers::NONE), TextFocus::Typed),
            Some(Intent::Action(Scope::Attendance, Action::SignIn))
        );
        assert_eq!(
            t(
                press(KeyCode::Char('c'), KeyModifiers::CONTROL),
                TextFocus::Typed
            ),
            Some(Intent::Action(Scope::Global, Action::Quit))
        );
        assert_eq!(
            t(
                press(KeyCode::Char('l'), KeyModifiers::CONTROL),
                TextFocus::Typed
            ),
            Some(Intent::Action(Scope::Attendance, Action::Late))
        );
        assert_eq!(
            t(
                press(KeyCode::Backspace, KeyModifiers::NONE),
                TextFocus::Typed
            ),
            Some(Intent::Edit(InputRequest::DeletePrevChar))
        );
    }

    #[test]
    fn releases_and_repeats_of_other_kinds_are_ignored() {
        let km = Keymap::default();
        let rel = Event::Key(KeyEvent::new_with_kind(
            KeyCode::Enter,
            KeyModifiers::NONE,
            KeyEventKind::Release,
        ));
        assert_eq!(intent(&rel, ATT, TextFocus::Typed, &km), None);
    }

    #[test]
    fn paste_is_one_line() {
        assert_eq!(one_line("王晓红\r\n"), "王晓红");
        assert_eq!(one_line("a\tb\u{7}c"), "a bc");
    }
}
