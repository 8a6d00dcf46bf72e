//! From terminal events to intents: pure, no state of its own. What a key means depends
//! on the keymap, the scopes that are live, and whether a text box has the focus.
//!
//! With a text box focused, the editing keys (characters, Backspace, Delete, Left, Right,
//! Home, End) edit it, so a secretary can type any name; a bound punctuation key such as
//! `?` still acts when the box is empty (no name starts with `?`). Everything else goes
//! through the keymap.
//!
//! A Chinese input method left on sends full-width letters, digits and punctuation
//! (`ｎ`, `？`): where a key is a command they act as their ASCII keys ([`Key`] folds
//! them), while a text box takes them as typed. A key that means nothing where no text
//! box has the focus is [`Intent::Unbound`], for the app to say so.
//!
//! Key kinds. Windows, and terminals speaking the kitty keyboard protocol, report a key
//! being released and held (auto-repeat), not only pressed. The rule:
//! - a release never acts (no second sign-in, no doubled letter);
//! - a repeat acts like a press for typing and editing (holding Backspace deletes) and for
//!   moving the cursor or the selection (Up, Down, PageUp, PageDown, Home, End, the next
//!   or previous field), see [`Action::repeats`];
//! - a repeat never fires anything else: signing in, undo, delete, submit, toggles, view
//!   switches and quit act once per press, so a key held a moment too long cannot record
//!   twice or undo two records.

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
    /// A key pressed where only bound keys act (no text box) and no live scope binds it:
    /// the app says so rather than drop it (and, for a hanzi, that the Chinese input
    /// method is on).
    Unbound(KeyEvent),
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
    let intent = press_intent(k, scopes, text, keymap)?;
    match k.kind {
        KeyEventKind::Press => Some(intent),
        KeyEventKind::Release => None,
        KeyEventKind::Repeat => match intent {
            Intent::Edit(_) => Some(intent),
            Intent::Action(_, a) if a.repeats() => Some(intent),
            // A box that reads keys itself (the note editor, the action form) acts on
            // presses only: hand it the repeat as a press, but only for editing keys.
            Intent::Key(k) if editing_key(&k) => Some(Intent::Key(KeyEvent {
                kind: KeyEventKind::Press,
                ..k
            })),
            _ => None,
        },
    }
}

/// Keys that type or move the caret, whose auto-repeat is wanted in any text box. Enter,
/// Tab, Esc, function keys and Ctrl/Alt combinations are left out: in a form they
/// submit, move on or cancel.
fn editing_key(k: &KeyEvent) -> bool {
    match k.code {
        KeyCode::Char(_) => !k
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT),
        KeyCode::Backspace
        | KeyCode::Delete
        | KeyCode::Left
        | KeyCode::Right
        | KeyCode::Up
        | KeyCode::Down
        | KeyCode::Home
        | KeyCode::End
        | KeyCode::PageUp
        | KeyCode::PageDown => true,
        _ => false,
    }
}

/// What the key would mean if freshly pressed.
fn press_intent(
    k: &KeyEvent,
    scopes: &[Scope],
    text: TextFocus,
    keymap: &Keymap,
) -> Option<Intent> {
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
    let bound = scopes
        .iter()
        .find_map(|s| keymap.lookup(*s, &key).map(|a| Intent::Action(*s, a)));
    match bound {
        None if text == TextFocus::None => Some(Intent::Unbound(*k)),
        bound => bound,
    }
}

/// The editing keys of a one-line text box: the one mapping from a key to a text edit,
/// for the search box, the forms, the owner filter and the action form alike.
pub fn edit_request(k: &KeyEvent) -> Option<InputRequest> {
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

/// Pasted text for a one-line box (`sanitize::strip`): line breaks and tabs become
/// spaces, other control characters and whole escape sequences go.
pub fn one_line(pasted: &str) -> String {
    crate::sanitize::strip(pasted).trim().to_string()
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

    fn with_kind(code: KeyCode, m: KeyModifiers, kind: KeyEventKind) -> Event {
        Event::Key(KeyEvent::new_with_kind(code, m, kind))
    }

    #[test]
    fn repeats_type_and_move_but_never_record_twice() {
        use KeyEventKind::Repeat;
        let km = Keymap::default();
        let none = KeyModifiers::NONE;
        let t = |code, m, f| intent(&with_kind(code, m, Repeat), ATT, f, &km);
        // Typing and editing repeat.
        assert_eq!(
            t(KeyCode::Char('a'), none, TextFocus::Typed),
            Some(Intent::Edit(InputRequest::InsertChar('a')))
        );
        assert_eq!(
            t(KeyCode::Backspace, none, TextFocus::Typed),
            Some(Intent::Edit(InputRequest::DeletePrevChar))
        );
        // Moving repeats.
        assert_eq!(
            t(KeyCode::Down, none, TextFocus::Typed),
            Some(Intent::Action(Scope::Attendance, Action::Down))
        );
        assert_eq!(
            t(KeyCode::PageDown, none, TextFocus::None),
            Some(Intent::Action(Scope::Attendance, Action::PageDown))
        );
        // Recording, undoing, switching and quitting do not.
        for (code, m) in [
            (KeyCode::Enter, none),
            (KeyCode::F(6), none),
            (KeyCode::Char('z'), KeyModifiers::CONTROL),
            (KeyCode::F(12), none),
            (KeyCode::Char('w'), KeyModifiers::CONTROL),
            (KeyCode::Tab, none),
            (KeyCode::F(3), none),
            (KeyCode::Char('c'), KeyModifiers::CONTROL),
            (KeyCode::Esc, none),
        ] {
            assert_eq!(t(code, m, TextFocus::Typed), None, "{code:?} {m:?}");
        }
        // Agenda keys that change the meeting do not repeat (n: next item, x: skip).
        let ag: &[Scope] = &[Scope::Agenda, Scope::Global];
        for c in ['n', 'x', 'e', ' ', 's'] {
            let ev = with_kind(KeyCode::Char(c), none, Repeat);
            assert_eq!(intent(&ev, ag, TextFocus::None, &km), None, "{c:?}");
        }
        // A box that reads keys itself gets typing repeats as presses, not Enter or F2.
        let ed: &[Scope] = &[Scope::Editor];
        let ev = with_kind(KeyCode::Char('x'), none, Repeat);
        assert_eq!(
            intent(&ev, ed, TextFocus::Keys, &km),
            Some(Intent::Key(KeyEvent::new_with_kind(
                KeyCode::Char('x'),
                none,
                KeyEventKind::Press
            )))
        );
        for code in [KeyCode::Enter, KeyCode::F(2), KeyCode::Esc, KeyCode::Tab] {
            let ev = with_kind(code, none, Repeat);
            assert_eq!(intent(&ev, ed, TextFocus::Keys, &km), None, "{code:?}");
        }
    }

    #[test]
    fn releases_never_act() {
        let km = Keymap::default();
        for (code, f) in [
            (KeyCode::Enter, TextFocus::Typed),
            (KeyCode::Char('a'), TextFocus::Typed),
            (KeyCode::Down, TextFocus::None),
            (KeyCode::Char('x'), TextFocus::Keys),
        ] {
            let ev = with_kind(code, KeyModifiers::NONE, KeyEventKind::Release);
            assert_eq!(intent(&ev, ATT, f, &km), None, "{code:?}");
        }
    }

    #[test]
    fn paste_is_one_line() {
        assert_eq!(one_line("王晓红\r\n"), "王晓红");
        assert_eq!(one_line("a\tb\u{7}c"), "a bc");
    }
}
