//! Which key does what. The default bindings use plain keys, F-keys and Ctrl+letter
//! combinations that every terminal sends (no Ctrl+H, Ctrl+M, Ctrl+I, Ctrl+J, Ctrl+S,
//! Ctrl+Q, Ctrl+B or Ctrl+A: they collide with Backspace, Enter, Tab, flow control, tmux
//! and screen). Users override them in `keys.json` in the config dir:
//!
//! ```json
//! { "attendance": { "late": ["F6", "Ctrl+L"] }, "global": { "quit": ["Ctrl+C", "F10"] } }
//! ```
//!
//! An override replaces the action's keys. A key bound to two actions that can be active
//! at the same time (in one scope, or in a view's scope and the global one) is refused
//! with a message naming both.
//!
//! The help overlay and the key-hint bar are generated from this table, so a key is
//! written in one place only.
//!
//! - [`action`]: the actions and scopes, and their words;
//! - [`key`]: keys, their names and parsing;
//! - [`defaults`]: the default bindings;
//! - [`overrides`]: the user's `keys.json`.

use std::collections::BTreeMap;

use crate::i18n::Lang;

mod action;
mod defaults;
mod key;
mod overrides;

pub use action::{Action, Scope};
pub use key::{Key, KeyError, ascii_key};
#[cfg(test)]
pub(crate) use overrides::KeysSaid;

/// The bindings in effect.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// Per scope, in the order shown in help: each action with its keys.
    bindings: BTreeMap<Scope, Vec<(Action, Vec<Key>)>>,
}

/// A problem with `keys.json`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct KeymapError(pub Vec<String>);

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_parts(defaults::defaults(), Lang::En).expect("the default keymap has no clash")
    }
}

impl Keymap {
    fn from_parts(
        parts: Vec<(Scope, Action, Vec<Key>)>,
        lang: Lang,
    ) -> Result<Keymap, KeymapError> {
        let mut bindings: BTreeMap<Scope, Vec<(Action, Vec<Key>)>> = BTreeMap::new();
        for (scope, action, keys) in parts {
            bindings.entry(scope).or_default().push((action, keys));
        }
        let km = Keymap { bindings };
        km.check(lang)?;
        Ok(km)
    }
    /// Refuse a key bound twice where both bindings could be live.
    fn check(&self, lang: Lang) -> Result<(), KeymapError> {
        let mut errors = Vec::new();
        for (&scope, list) in &self.bindings {
            let mut live: Vec<(Scope, Action, Key)> = Vec::new();
            for s in std::iter::once(scope).chain(scope.shares_keys_with().iter().copied()) {
                for (a, keys) in self.bindings.get(&s).into_iter().flatten() {
                    for k in keys {
                        live.push((s, *a, *k));
                    }
                }
            }
            for (a, keys) in list {
                for k in keys {
                    for (s2, a2, k2) in &live {
                        let same_binding = *s2 == scope && a2 == a;
                        // Report each pair once: from the pair's "later" side in scope order.
                        if k == k2 && !same_binding && (*s2, *a2) < (scope, *a) {
                            let (n1, a1, n2, a2) = (s2.name(), a2.name(), scope.name(), a.name());
                            let said = overrides::KeysSaid::Clash {
                                key: k.to_string(),
                                first: format!("{n1}.{a1}"),
                                second: format!("{n2}.{a2}"),
                            };
                            errors.push(said.text(lang));
                        }
                    }
                }
            }
        }
        errors.dedup();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(KeymapError(errors))
        }
    }

    /// The action of a key in a scope (not looking at other scopes).
    pub fn lookup(&self, scope: Scope, key: &Key) -> Option<Action> {
        self.bindings
            .get(&scope)?
            .iter()
            .find(|(_, keys)| keys.contains(key))
            .map(|(a, _)| *a)
    }

    /// The keys of an action in a scope.
    pub fn keys(&self, scope: Scope, action: Action) -> &[Key] {
        self.bindings
            .get(&scope)
            .and_then(|l| l.iter().find(|(a, _)| *a == action))
            .map_or(&[], |(_, k)| k.as_slice())
    }

    /// The keys of an action as shown to users: `F6/Ctrl+L`.
    pub fn label(&self, scope: Scope, action: Action) -> String {
        self.keys(scope, action)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first key of an action (for the hint bar), if it has one.
    pub fn first(&self, scope: Scope, action: Action) -> Option<Key> {
        self.keys(scope, action).first().copied()
    }

    /// A line of key hints for some actions of a scope: `Enter save   Esc cancel`.
    pub fn hint_line(&self, scope: Scope, actions: &[Action], lang: Lang) -> String {
        actions
            .iter()
            .filter_map(|&a| {
                self.first(scope, a)
                    .map(|k| format!("{k} {}", a.short(lang)))
            })
            .collect::<Vec<_>>()
            .join("   ")
    }

    /// Every binding of a scope in help order.
    pub fn scope(&self, scope: Scope) -> &[(Action, Vec<Key>)] {
        self.bindings.get(&scope).map_or(&[], |v| v.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, mods, KeyEventKind::Press)
    }

    #[test]
    fn defaults_have_no_clash_and_every_action_has_a_key() {
        let km = Keymap::default();
        for scope in Scope::ALL {
            for (a, keys) in km.scope(scope) {
                assert!(!keys.is_empty(), "{scope:?}.{a:?} has no key");
            }
        }
    }

    #[test]
    fn defaults_avoid_keys_that_legacy_terminals_confuse() {
        let km = Keymap::default();
        for scope in Scope::ALL {
            for (_, keys) in km.scope(scope) {
                for k in keys {
                    for bad in [
                        "Ctrl+H", "Ctrl+M", "Ctrl+I", "Ctrl+J", "Ctrl+S", "Ctrl+Q", "Ctrl+B",
                        "Ctrl+A",
                    ] {
                        assert_ne!(k.to_string(), bad);
                    }
                }
            }
        }
    }

    #[test]
    fn key_names_round_trip() {
        for s in [
            "F6",
            "Ctrl+L",
            "Enter",
            "Esc",
            "Shift+Tab",
            "PgDn",
            "?",
            "Space",
            "Alt+X",
            "Insert",
        ] {
            let k: Key = s.parse().unwrap();
            assert_eq!(k.to_string(), s);
        }
        assert_eq!(
            "ctrl-l".parse::<Key>().unwrap(),
            "Ctrl+L".parse::<Key>().unwrap()
        );
        assert!("F99".parse::<Key>().is_err());
        assert!("Hyper".parse::<Key>().is_err());
    }

    #[test]
    fn events_normalise_shift_and_case() {
        let q = Key::from_event(&ev(KeyCode::Char('?'), KeyModifiers::SHIFT)).unwrap();
        assert_eq!(q, "?".parse().unwrap());
        let cl = Key::from_event(&ev(
            KeyCode::Char('L'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        ))
        .unwrap();
        assert_eq!(cl, "Ctrl+L".parse().unwrap());
        let bt = Key::from_event(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)).unwrap();
        assert_eq!(bt, "Shift+Tab".parse().unwrap());
    }

    #[test]
    fn overrides_replace_and_clashes_are_refused() {
        let km = Keymap::with_overrides(r#"{"attendance": {"late": "F11"}}"#, "keys.json").unwrap();
        assert_eq!(km.label(Scope::Attendance, Action::Late), "F11");
        assert_eq!(km.lookup(Scope::Attendance, &"F6".parse().unwrap()), None);

        let err = Keymap::with_overrides(r#"{"attendance": {"late": ["Ctrl+R"]}}"#, "keys.json")
            .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("Ctrl+R")
                && msg.contains("attendance.late")
                && msg.contains("attendance.roll_call"),
            "{msg}"
        );

        // A view key that shadows a global one is a clash too.
        let err = Keymap::with_overrides(r#"{"attendance": {"late": "F1"}}"#, "k").unwrap_err();
        assert!(err.to_string().contains("global.help"), "{err}");

        // Modal scopes may reuse keys of the views.
        Keymap::with_overrides(r#"{"form": {"submit": ["Enter", "F6"]}}"#, "k").unwrap();
    }

    #[test]
    fn bad_files_say_where() {
        let err =
            Keymap::with_overrides(r#"{"attendance": {"lat": "F11"}}"#, "keys.json").unwrap_err();
        assert!(
            err.to_string()
                .contains("`attendance.lat` is not an action"),
            "{err}"
        );
        let err = Keymap::with_overrides(r#"{"atendance": {}}"#, "keys.json").unwrap_err();
        assert!(
            err.to_string().contains("unknown section `atendance`"),
            "{err}"
        );
        let err = Keymap::with_overrides("{\n  \"global\": [", "keys.json").unwrap_err();
        assert!(err.to_string().starts_with("keys.json:2:"), "{err}");
        let err =
            Keymap::with_overrides(r#"{"global": {"quit": "Ctrl+Shift+Hyper"}}"#, "k").unwrap_err();
        assert!(err.to_string().contains("global.quit"), "{err}");
    }
}
