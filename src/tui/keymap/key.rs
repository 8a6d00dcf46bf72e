//! A key as bound ([`Key`]): from a terminal event, to its name (`Ctrl+L`), and parsed
//! from a name in `keys.json`.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::{Lang, messages};

messages! {
    /// Why a name is not a key.
    pub enum KeyError {
        Empty => "an empty key", "按键名是空的";
        FKeyRange { key: String } =>
            "`{key}`: F-keys go from F1 to F24", "`{key}`：F 键只有 F1 到 F24";
        Unknown { key: String } =>
            "`{key}` is not a key name",
            "`{key}` 不是可用的按键名（例如 F6、Ctrl+L、Alt+X、Enter、Esc、Shift+Tab、PgDn、?、Space）";
    }
}

impl std::error::Error for KeyError {}

impl KeyError {
    pub fn message(&self, lang: Lang) -> String {
        self.text(lang)
    }
}

/// A key as bound: a code and the Ctrl/Alt modifiers. Shift is folded into the
/// character (`?`, `A`) so that `Shift+/` and `?` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

/// `KeyCode` with an order, for stable listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum KeyCodeOrd {
    F(u8),
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Char(c) => {
                // A Chinese input method left on sends `ｎ` for n and `？` for ?: the
                // same key. Ctrl+Shift+L arrives as Ctrl+'L' on some terminals: one key.
                let c = ascii_key(c);
                KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            KeyCode::Enter => KeyCodeOrd::Enter,
            KeyCode::Esc => KeyCodeOrd::Esc,
            KeyCode::Tab => KeyCodeOrd::Tab,
            KeyCode::BackTab => KeyCodeOrd::BackTab,
            KeyCode::Backspace => KeyCodeOrd::Backspace,
            KeyCode::Delete => KeyCodeOrd::Delete,
            KeyCode::Insert => KeyCodeOrd::Insert,
            KeyCode::Up => KeyCodeOrd::Up,
            KeyCode::Down => KeyCodeOrd::Down,
            KeyCode::Left => KeyCodeOrd::Left,
            KeyCode::Right => KeyCodeOrd::Right,
            KeyCode::Home => KeyCodeOrd::Home,
            KeyCode::End => KeyCodeOrd::End,
            KeyCode::PageUp => KeyCodeOrd::PageUp,
            KeyCode::PageDown => KeyCodeOrd::PageDown,
            _ => return None,
        };
        Some(Key { code, ctrl, alt })
    }

    /// A printable character typed without Ctrl or Alt (it may belong to a text box).
    pub fn printable(&self) -> Option<char> {
        match self.code {
            KeyCodeOrd::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    pub(super) const fn plain(code: KeyCodeOrd) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub(super) const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCodeOrd::Char(c),
            ctrl: true,
            alt: false,
        }
    }
}

/// The ASCII key a Chinese input method's character was typed with: full-width forms
/// (`ｎ`, `？`, `１`, the ideographic space) and the punctuation it puts in their place
/// (`。` for `.`, `、` for `/`, `【` for `[` ...). Any other character is itself.
pub fn ascii_key(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '。' => '.',
        '、' => '/',
        '【' => '[',
        '】' => ']',
        '《' => '<',
        '》' => '>',
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        '…' => '^',
        '—' => '_',
        '￥' => '$',
        '·' => '`',
        _ => c,
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl+")?;
        }
        if self.alt {
            f.write_str("Alt+")?;
        }
        match self.code {
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Char(' ') => f.write_str("Space"),
            KeyCodeOrd::Char(c) if self.ctrl || self.alt => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::Enter => f.write_str("Enter"),
            KeyCodeOrd::Esc => f.write_str("Esc"),
            KeyCodeOrd::Tab => f.write_str("Tab"),
            KeyCodeOrd::BackTab => f.write_str("Shift+Tab"),
            KeyCodeOrd::Backspace => f.write_str("Backspace"),
            KeyCodeOrd::Delete => f.write_str("Delete"),
            KeyCodeOrd::Insert => f.write_str("Insert"),
            KeyCodeOrd::Up => f.write_str("Up"),
            KeyCodeOrd::Down => f.write_str("Down"),
            KeyCodeOrd::Left => f.write_str("Left"),
            KeyCodeOrd::Right => f.write_str("Right"),
            KeyCodeOrd::Home => f.write_str("Home"),
            KeyCodeOrd::End => f.write_str("End"),
            KeyCodeOrd::PageUp => f.write_str("PgUp"),
            KeyCodeOrd::PageDown => f.write_str("PgDn"),
        }
    }
}

impl FromStr for Key {
    type Err = KeyError;

    /// `F6`, `Ctrl+L`, `ctrl-l`, `Alt+x`, `Enter`, `Esc`, `Shift+Tab`, `PgDn`, `?`, `Space`.
    fn from_str(s: &str) -> Result<Key, KeyError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(KeyError::Empty);
        }
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let mut stripped = false;
            for (prefix, which) in [
                ("ctrl+", 0),
                ("ctrl-", 0),
                ("c-", 0),
                ("alt+", 1),
                ("alt-", 1),
                ("m-", 1),
                ("shift+", 2),
                ("shift-", 2),
            ] {
                if lower.starts_with(prefix) && rest.len() > prefix.len() {
                    match which {
                        0 => ctrl = true,
                        1 => alt = true,
                        _ => shift = true,
                    }
                    rest = &rest[prefix.len()..];
                    stripped = true;
                    break;
                }
            }
            if !stripped {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "enter" | "return" => KeyCodeOrd::Enter,
            "esc" | "escape" => KeyCodeOrd::Esc,
            "tab" if shift => KeyCodeOrd::BackTab,
            "tab" => KeyCodeOrd::Tab,
            "backtab" => KeyCodeOrd::BackTab,
            "backspace" => KeyCodeOrd::Backspace,
            "delete" | "del" => KeyCodeOrd::Delete,
            "insert" | "ins" => KeyCodeOrd::Insert,
            "up" => KeyCodeOrd::Up,
            "down" => KeyCodeOrd::Down,
            "left" => KeyCodeOrd::Left,
            "right" => KeyCodeOrd::Right,
            "home" => KeyCodeOrd::Home,
            "end" => KeyCodeOrd::End,
            "pageup" | "pgup" => KeyCodeOrd::PageUp,
            "pagedown" | "pgdn" | "pgdown" => KeyCodeOrd::PageDown,
            "space" => KeyCodeOrd::Char(' '),
            f if f.len() >= 2
                && f.starts_with('f')
                && f[1..].chars().all(|c| c.is_ascii_digit()) =>
            {
                match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCodeOrd::F(n),
                    _ => return Err(KeyError::FKeyRange { key: s.to_string() }),
                }
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        let c = ascii_key(c);
                        let c = if ctrl || alt {
                            c.to_ascii_lowercase()
                        } else if shift {
                            c.to_ascii_uppercase()
                        } else {
                            c
                        };
                        KeyCodeOrd::Char(c)
                    }
                    _ => return Err(KeyError::Unknown { key: s.to_string() }),
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}
