//! The two table macros every user-facing string goes through, and the rules they check
//! while the crate compiles:
//!
//! - `texts!` makes an enum of fixed strings: `T::Saved.get(lang)`.
//! - `messages!` makes an enum of messages with values, each
//!   variant carrying its values as fields and both languages as `format!` templates
//!   naming them: `Said::TornTail { side }.text(lang)`.
//!
//! An entry must give English and Chinese side by side (the macros accept nothing else),
//! and a constant check refuses, at compile time, English with non-ASCII punctuation and
//! Chinese with punctuation whose width depends on the terminal (`…` `·` `—` and curly
//! quotes draw one column or two, and shift everything after them on the line).

/// One entry of a table as written: its name and both languages (a template for a
/// message with values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

/// Characters that East Asian terminals draw one column or two depending on their
/// settings: on the desk they would push the rest of a line out of its columns.
pub const AMBIGUOUS: [char; 9] = ['…', '·', '—', '“', '”', '‘', '’', '■', '①'];

/// Whether `zh` is fit for the screen: no ambiguous-width character.
pub const fn chinese_ok(zh: &str) -> bool {
    let b = zh.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (c, len) = decode(b, i);
        let mut k = 0;
        while k < AMBIGUOUS.len() {
            if c == AMBIGUOUS[k] as u32 {
                return false;
            }
            k += 1;
        }
        i += len;
    }
    true
}

/// Whether `en` is fit: ASCII punctuation only (Chinese words may appear, as in
/// "decision (议定事项)", but no full-width or typographic punctuation).
pub const fn english_ok(en: &str) -> bool {
    let b = en.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (c, len) = decode(b, i);
        let punctuation = matches!(c,
            0x00A0..=0x00BF | 0x2000..=0x206F | 0x2460..=0x24FF | 0x25A0..=0x25FF
            | 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65);
        if punctuation {
            return false;
        }
        i += len;
    }
    true
}

/// The code point starting at byte `i` of valid UTF-8, and its length.
const fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let x = b[i] as u32;
    if x < 0x80 {
        (x, 1)
    } else if x < 0xE0 {
        (((x & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
    } else if x < 0xF0 {
        (
            ((x & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((x & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3F) << 12)
                | ((b[i + 2] as u32 & 0x3F) << 6)
                | (b[i + 3] as u32 & 0x3F),
            4,
        )
    }
}

/// Refuse, at compile time, an entry that breaks the rules above.
macro_rules! check_entry {
    ($table:ident, $name:ident, $en:literal, $zh:literal) => {
        const _: () = {
            assert!(
                !$en.is_empty() && !$zh.is_empty(),
                concat!(
                    stringify!($table),
                    "::",
                    stringify!($name),
                    ": give both languages"
                )
            );
            assert!(
                $crate::i18n::table::english_ok($en),
                concat!(
                    stringify!($table),
                    "::",
                    stringify!($name),
                    ": English takes ASCII punctuation"
                )
            );
            assert!(
                $crate::i18n::table::chinese_ok($zh),
                concat!(
                    stringify!($table),
                    "::",
                    stringify!($name),
                    ": Chinese without ambiguous-width punctuation (… · — curly quotes)"
                )
            );
        };
    };
}

/// A table of fixed strings:
///
/// ```ignore
/// texts! {
///     /// The desk's fixed strings.
///     pub enum T {
///         Saved => "saved", "已保存";
///     }
/// }
/// ```
macro_rules! texts {
    (
        $(#[$meta:meta])*
        $vis:vis enum $table:ident {
            $( $(#[$vmeta:meta])* $name:ident => $en:literal, $zh:literal; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $table { $( $(#[$vmeta])* $name, )* }

        impl $table {
            /// Every entry as written, for listings and tests.
            #[allow(dead_code)]
            pub const ENTRIES: &'static [$crate::i18n::table::Entry] = &[
                $( $crate::i18n::table::Entry { name: stringify!($name), en: $en, zh: $zh }, )*
            ];

            pub fn get(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        ($table::$name, $crate::i18n::Lang::En) => $en,
                        ($table::$name, $crate::i18n::Lang::Zh) => $zh,
                    )*
                }
            }
        }

        $( $crate::i18n::table::check_entry!($table, $name, $en, $zh); )*
    };
}

/// A table of messages with values. Each template is a `format!` string naming the
/// variant's fields:
///
/// ```ignore
/// messages! {
///     pub enum Said {
///         TornTail { side: String } => "... kept in {side}", "... 已保存在 {side}";
///         AgendaChanged => "the agenda file changed ...", "议程文件 ...";
///     }
/// }
/// ```
macro_rules! messages {
    (
        $(#[$meta:meta])*
        $vis:vis enum $table:ident {
            $(
                $(#[$vmeta:meta])*
                $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $en:literal, $zh:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $table { $( $(#[$vmeta])* $name $({ $($field: $ty),* })?, )* }

        impl $table {
            /// Every template as written, for listings and tests.
            #[allow(dead_code)]
            pub const ENTRIES: &'static [$crate::i18n::table::Entry] = &[
                $( $crate::i18n::table::Entry { name: stringify!($name), en: $en, zh: $zh }, )*
            ];

            /// The message in `lang`, its values filled in.
            #[allow(unused_variables)]
            pub fn text(&self, lang: $crate::i18n::Lang) -> String {
                match self {
                    $(
                        $table::$name $({ $($field),* })? => match lang {
                            $crate::i18n::Lang::En => format!($en),
                            $crate::i18n::Lang::Zh => format!($zh),
                        },
                    )*
                }
            }
        }

        impl std::fmt::Display for $table {
            /// English, for logs; a person reads [`Self::text`] in their language.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.text($crate::i18n::Lang::En))
            }
        }

        $( $crate::i18n::table::check_entry!($table, $name, $en, $zh); )*
    };
}

pub(crate) use {check_entry, messages, texts};

/// The `{name}` placeholders of a template, sorted (`{{` is not one).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        if rest[i + 1..].starts_with('{') {
            rest = &rest[i + 2..];
            continue;
        }
        let Some(j) = rest[i..].find('}') else { break };
        let inner = &rest[i + 1..i + j];
        out.push(inner.split(':').next().unwrap_or(inner));
        rest = &rest[i + j + 1..];
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_names_the_same_values_in_both_languages() {
        let tables: [(&str, &[Entry]); 4] = [
            ("i18n::Said", crate::i18n::Said::ENTRIES),
            ("tui::text::Say", crate::tui::text::Say::ENTRIES),
            (
                "tui::keymap::KeyError",
                crate::tui::keymap::KeyError::ENTRIES,
            ),
            (
                "tui::keymap::KeysSaid",
                crate::tui::keymap::KeysSaid::ENTRIES,
            ),
        ];
        for (table, entries) in tables {
            for e in entries {
                assert_eq!(
                    placeholders(e.en),
                    placeholders(e.zh),
                    "{table}::{}: English and Chinese show different values",
                    e.name
                );
            }
        }
        assert_eq!(placeholders("{a} {{x}} {b:02} {a}"), ["a", "b"]);
    }

    #[test]
    fn the_checks_refuse_what_they_say() {
        assert!(chinese_ok("记录已保存（F2）：好"));
        for bad in ["等等…", "甲·乙", "“引号”", "一—二", "①"] {
            assert!(!chinese_ok(bad), "{bad}");
        }
        assert!(english_ok("Decision (议定事项): saved, 3 of 4"));
        for bad in ["saved…", "a·b", "“quoted”", "中文：标点", "x，y"] {
            assert!(!english_ok(bad), "{bad}");
        }
    }
}
