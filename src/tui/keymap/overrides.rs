//! A user's `keys.json`: read, parsed and laid over the defaults, every problem told
//! with the file's name (and line and column for a syntax error).

use std::collections::BTreeMap;
use std::path::Path;

use super::action::Scope;
use super::defaults::defaults;
use super::key::Key;
use super::{Keymap, KeymapError};
use crate::i18n::Lang;

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
                KeymapError(vec![match lang {
                    Lang::En => format!(
                        "{origin}:{}:{}: {detail} (keys.json is a JSON object of sections, each an object of action: \"key\" or [\"key\", ...])",
                        e.line(),
                        e.column().max(1)
                    ),
                    Lang::Zh => format!(
                        "{origin}:{}:{}: 格式有误：{detail}（keys.json 应为 JSON 对象：各分区下为 动作: \"按键\" 或 [\"按键\", ...]）",
                        e.line(),
                        e.column().max(1)
                    ),
                }])
            })?;
        let mut parts = defaults();
        let mut errors = Vec::new();
        for (scope_name, actions) in raw {
            let scope_name = clip(&scope_name);
            let Some(scope) = Scope::ALL.iter().copied().find(|s| s.name() == scope_name) else {
                let known = Scope::ALL.map(|s| s.name()).join(", ");
                errors.push(match lang {
                    Lang::En => {
                        format!("{origin}: unknown section `{scope_name}` (known: {known})")
                    }
                    Lang::Zh => format!("{origin}: 未知分区 `{scope_name}`（可用：{known}）"),
                });
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
                    errors.push(match lang {
                        Lang::En => format!(
                            "{origin}: `{scope_name}.{action_name}` is not an action (known in `{scope_name}`: {})",
                            known.join(", ")
                        ),
                        Lang::Zh => format!(
                            "{origin}: `{scope_name}.{action_name}` 不是可设置的动作（`{scope_name}` 中可用：{}）",
                            known.join(", ")
                        ),
                    });
                    continue;
                };
                let mut parsed = Vec::new();
                let Some(keys) = key_names(keys) else {
                    errors.push(match lang {
                        Lang::En => format!(
                            "{origin}: `{scope_name}.{action_name}`: expected a key name in quotes (\"F6\") or a list of them ([\"F6\", \"Ctrl+L\"])"
                        ),
                        Lang::Zh => format!(
                            "{origin}: `{scope_name}.{action_name}`：应为带引号的按键名（\"F6\"）或其列表（[\"F6\", \"Ctrl+L\"]）"
                        ),
                    });
                    continue;
                };
                for k in keys {
                    match k.parse::<Key>() {
                        Ok(key) => parsed.push(key),
                        Err(e) => errors.push(match lang {
                            // A pasted paragraph is not quoted back whole.
                            Lang::En if k.chars().count() > 40 => format!(
                                "{origin}: `{scope_name}.{action_name}`: `{}` is not a key name",
                                clip(&k)
                            ),
                            Lang::En => format!("{origin}: `{scope_name}.{action_name}`: {e}"),
                            Lang::Zh => format!(
                                "{origin}: `{scope_name}.{action_name}`：`{}` 不是可用的按键名（例如 F6、Ctrl+L、Alt+X、Enter、Esc、Shift+Tab、PgDn、?、Space）",
                                clip(&k)
                            ),
                        }),
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
            Err(e) => return Err(KeymapError(vec![format!("{origin}: {}", e.message(lang))])),
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                return Err(KeymapError(vec![match lang {
                    Lang::En => {
                        format!("{origin}: not UTF-8 text (byte {at}); save keys.json as UTF-8")
                    }
                    Lang::Zh => format!(
                        "{origin}: 不是 UTF-8 文本（第 {at} 字节）；请将 keys.json 存为 UTF-8 编码"
                    ),
                }]));
            }
        };
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        if text.trim().is_empty() {
            return Err(KeymapError(vec![match lang {
                Lang::En => format!(
                    "{origin}: the file is empty; write {{}} for no overrides, or delete it"
                ),
                Lang::Zh => format!("{origin}: 文件是空的；不改按键请写 {{}}，或删除该文件"),
            }]));
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
