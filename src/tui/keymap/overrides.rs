//! A user's `keys.json`: read, parsed and laid over the defaults, every problem told
//! with the file's name (and line and column for a syntax error).

use std::collections::BTreeMap;
use std::path::Path;

use super::action::Scope;
use super::defaults::defaults;
use super::key::{Key, KeyError};
use super::{Keymap, KeymapError};
use crate::i18n::{Lang, messages};

messages! {
    /// What is wrong with a `keys.json`, its file named first.
    pub(crate) enum KeysSaid {
        Syntax { origin: String, line: usize, column: usize, detail: String } =>
            "{origin}:{line}:{column}: {detail} (keys.json is a JSON object of sections, each an object of action: \"key\" or [\"key\", ...])",
            "{origin}:{line}:{column}: 格式有误：{detail}（keys.json 应为 JSON 对象：各分区下为 动作: \"按键\" 或 [\"按键\", ...]）";
        UnknownSection { origin: String, section: String, known: String } =>
            "{origin}: unknown section `{section}` (known: {known})",
            "{origin}: 未知分区 `{section}`（可用：{known}）";
        NotAnAction { origin: String, section: String, action: String, known: String } =>
            "{origin}: `{section}.{action}` is not an action (known in `{section}`: {known})",
            "{origin}: `{section}.{action}` 不是可设置的动作（`{section}` 中可用：{known}）";
        NotKeyNames { origin: String, section: String, action: String } =>
            "{origin}: `{section}.{action}`: expected a key name in quotes (\"F6\") or a list of them ([\"F6\", \"Ctrl+L\"])",
            "{origin}: `{section}.{action}`：应为带引号的按键名（\"F6\"）或其列表（[\"F6\", \"Ctrl+L\"]）";
        BadKey { origin: String, section: String, action: String, why: String } =>
            "{origin}: `{section}.{action}`: {why}", "{origin}: `{section}.{action}`：{why}";
        Unreadable { origin: String, why: String } => "{origin}: {why}", "{origin}: {why}";
        NotUtf8 { origin: String, at: usize } =>
            "{origin}: not UTF-8 text (byte {at}); save keys.json as UTF-8",
            "{origin}: 不是 UTF-8 文本（第 {at} 字节）；请将 keys.json 存为 UTF-8 编码";
        Empty { origin: String } =>
            "{origin}: the file is empty; write {{}} for no overrides, or delete it",
            "{origin}: 文件是空的；不改按键请写 {{}}，或删除该文件";
        Clash { key: String, first: String, second: String } =>
            "key `{key}` is bound to both `{first}` and `{second}`; give one of them another key",
            "按键 `{key}` 同时用于 `{first}` 和 `{second}`；请给其中一个换一个按键";
    }
}

impl Keymap {
    /// The defaults with the overrides of a `keys.json` text (named `origin` in messages),
    /// problems told in English.
    pub fn with_overrides(json: &str, origin: &str) -> Result<Keymap, KeymapError> {
        Keymap::with_overrides_in(json, origin, Lang::En)
    }

    /// The defaults with the overrides of a `keys.json` text, problems told in `lang`.
    pub fn with_overrides_in(json: &str, origin: &str, lang: Lang) -> Result<Keymap, KeymapError> {
        let text = crate::core::load::strip_comments(json);
        let raw: BTreeMap<String, BTreeMap<String, serde_json::Value>> =
            serde_json::from_str(&text).map_err(|e| {
                // serde's own text ends with "at line L column C": the place goes in front.
                let t = e.to_string();
                let detail = t.rfind(" at line ").map_or(t.as_str(), |i| &t[..i]);
                let said = KeysSaid::Syntax {
                    origin: origin.to_string(),
                    line: e.line(),
                    column: e.column().max(1),
                    detail: detail.to_string(),
                };
                KeymapError(vec![said.text(lang)])
            })?;
        let mut parts = defaults();
        let mut errors = Vec::new();
        for (scope_name, actions) in raw {
            let scope_name = clip(&scope_name);
            let Some(scope) = Scope::ALL.iter().copied().find(|s| s.name() == scope_name) else {
                let known = Scope::ALL.map(|s| s.name()).join(", ");
                let said = KeysSaid::UnknownSection {
                    origin: origin.to_string(),
                    section: scope_name.clone(),
                    known,
                };
                errors.push(said.text(lang));
                continue;
            };
            for (action_name, keys) in actions {
                let action_name = clip(&action_name);
                let Some(slot) = parts
                    .iter_mut()
                    .find(|(s, a, _)| *s == scope && a.name() == action_name)
                else {
                    let known: Vec<String> = parts
                        .iter()
                        .filter(|(s, _, _)| *s == scope)
                        .map(|(_, a, _)| a.name())
                        .collect();
                    let said = KeysSaid::NotAnAction {
                        origin: origin.to_string(),
                        section: scope_name.clone(),
                        action: action_name.clone(),
                        known: known.join(", "),
                    };
                    errors.push(said.text(lang));
                    continue;
                };
                let mut parsed = Vec::new();
                let Some(keys) = key_names(keys) else {
                    let said = KeysSaid::NotKeyNames {
                        origin: origin.to_string(),
                        section: scope_name.clone(),
                        action: action_name.clone(),
                    };
                    errors.push(said.text(lang));
                    continue;
                };
                for k in keys {
                    match k.parse::<Key>() {
                        Ok(key) => parsed.push(key),
                        Err(e) => {
                            // A pasted paragraph is not quoted back whole.
                            let e = match e {
                                KeyError::Empty => KeyError::Empty,
                                KeyError::FKeyRange { .. } => KeyError::FKeyRange { key: clip(&k) },
                                KeyError::Unknown { .. } => KeyError::Unknown { key: clip(&k) },
                            };
                            let said = KeysSaid::BadKey {
                                origin: origin.to_string(),
                                section: scope_name.clone(),
                                action: action_name.clone(),
                                why: e.text(lang),
                            };
                            errors.push(said.text(lang));
                        }
                    }
                }
                slot.2 = parsed;
            }
        }
        if !errors.is_empty() {
            return Err(KeymapError(errors));
        }
        Keymap::from_parts(parts, lang)
            .map_err(|e| KeymapError(e.0.into_iter().map(|m| format!("{origin}: {m}")).collect()))
    }

    /// Load `keys.json` from the config dir if there is one; problems told in `lang`.
    pub fn load(config_dir: Option<&Path>, lang: Lang) -> Result<Keymap, KeymapError> {
        use crate::store::input::{InputError, read_input};
        let Some(dir) = config_dir else {
            return Ok(Keymap::default());
        };
        let path = dir.join("keys.json");
        let origin = path.display().to_string();
        let bytes = match read_input(&path) {
            Ok(b) => b,
            Err(InputError::Missing) => return Ok(Keymap::default()),
            Err(e) => {
                let said = KeysSaid::Unreadable {
                    origin,
                    why: e.message(lang),
                };
                return Err(KeymapError(vec![said.text(lang)]));
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let said = KeysSaid::NotUtf8 { origin, at };
                return Err(KeymapError(vec![said.text(lang)]));
            }
        };
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        if text.trim().is_empty() {
            return Err(KeymapError(vec![KeysSaid::Empty { origin }.text(lang)]));
        }
        Keymap::with_overrides_in(text, &origin, lang)
    }
}

/// At most 40 characters of a name from keys.json, marked when cut.
fn clip(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// One key or a list of keys in `keys.json`; `None` for anything else.
fn key_names(v: serde_json::Value) -> Option<Vec<String>> {
    use serde_json::Value;
    match v {
        Value::String(s) => Some(vec![s]),
        Value::Array(items) => items
            .into_iter()
            .map(|i| match i {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}
