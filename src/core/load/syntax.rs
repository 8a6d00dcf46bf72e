//! From bytes to a JSON tree: the encoding (UTF-8, with or without a BOM; GBK and UTF-16
//! recognised and refused with a message that says so), `//` and `/* */` comments, and JSON
//! syntax, with duplicate keys refused. Every problem is located by line and column, in
//! characters, as an editor shows them.

use std::borrow::Cow;

use serde::de::DeserializeSeed;
use serde_json::Value;

use super::strict::{DUPLICATE_KEY, ValueSeed};
use super::{Diagnostic, Location, tr};
use crate::i18n::Lang;

/// Parse an agenda file's bytes into a JSON tree, or say what is wrong and where.
pub(super) fn parse(bytes: &[u8], lang: Lang) -> Result<Value, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Diagnostic::error(
            Location::Pos { line: 1, col: 1 },
            tr!(
                lang,
                "the file is saved as UTF-16 (\"Unicode\" in some editors); save it as UTF-8",
                "文件为 UTF-16 编码（部分编辑器称为“Unicode”）；请另存为 UTF-8"
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => return Err(not_utf8(bytes, e.valid_up_to(), lang)),
    };
    let (stripped, unclosed, ends_in_string) = strip(text);
    if stripped.bytes().all(|b| b.is_ascii_whitespace()) {
        if let Some(start) = unclosed {
            return Err(unclosed_comment(text, start, lang));
        }
        let message = if text.trim().is_empty() {
            tr!(
                lang,
                "the file is empty; an agenda is a JSON object (`huiwu new FILE` writes a template to start from)",
                "文件为空；议程文件应为 JSON 对象（可用 `huiwu new 文件名` 生成模板）"
            )
        } else {
            tr!(
                lang,
                "the file holds only comments; an agenda is a JSON object (`huiwu new FILE` writes a template to start from)",
                "文件中只有注释；议程文件应为 JSON 对象（可用 `huiwu new 文件名` 生成模板）"
            )
        };
        return Err(Diagnostic::error(Location::File, message));
    }
    let mut de = serde_json::Deserializer::from_str(&stripped);
    let parsed = ValueSeed
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| syntax_error(text, &e, unclosed, ends_in_string, lang))
}

/// Blank out `//` and `/* */` comments (outside strings) so that hand-written agendas and
/// the template can explain themselves. Every byte keeps its offset, so lines and columns
/// reported on the result are those of the original.
pub fn strip_comments(text: &str) -> String {
    strip(text).0.into_owned()
}

/// [`strip_comments`], also returning where an unclosed `/*` starts (byte offset) and
/// whether the text ends inside a string. Text without a `/` (generated agendas) is
/// returned as it is.
pub(super) fn strip(text: &str) -> (Cow<'_, str>, Option<usize>, bool) {
    if !text.contains('/') {
        return (Cow::Borrowed(text), None, ends_in_string(text));
    }
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut unclosed = None;
    let mut i = 0;
    let mut in_string = false;
    while i < b.len() {
        let c = b[i];
        if in_string {
            out.push(c);
            if c == b'\\' && i + 1 < b.len() {
                out.push(b[i + 1]);
                i += 2;
                continue;
            }
            if c == b'"' || c == b'\n' {
                in_string = false;
            }
            i += 1;
        } else if c == b'"' {
            in_string = true;
            out.push(c);
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                out.push(b' ');
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let start = i;
            out.extend_from_slice(b"  ");
            i += 2;
            while i < b.len() && !(b[i] == b'*' && b.get(i + 1) == Some(&b'/')) {
                out.push(if b[i] == b'\n' { b'\n' } else { b' ' });
                i += 1;
            }
            if i < b.len() {
                out.extend_from_slice(b"  ");
                i += 2;
            } else {
                unclosed = Some(start);
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    // Only whole characters were replaced, each byte of them by an ASCII space, so the
    // result is UTF-8; the fallback cannot be reached but costs nothing.
    let s = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (Cow::Owned(s), unclosed, in_string)
}

/// Whether the last line has an unclosed `"` (strings cannot span lines).
fn ends_in_string(text: &str) -> bool {
    let last = text.rsplit('\n').next().unwrap_or("");
    let mut in_string = false;
    let mut escaped = false;
    for c in last.chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => in_string = !in_string,
            _ => {}
        }
    }
    in_string
}

/// 1-based line and character column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The text of a 1-based line.
fn line_text(text: &str, line: usize) -> &str {
    text.split('\n').nth(line.saturating_sub(1)).unwrap_or("")
}

/// Punctuation that a Chinese input method types in place of JSON's ASCII punctuation.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        '，' | '、' => ',',
        '：' => ':',
        '“' | '”' | '＂' => '"',
        '‘' | '’' => '\'',
        '｛' => '{',
        '｝' => '}',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '\u{3000}' => ' ',
        _ => return None,
    })
}

fn syntax_error(
    text: &str,
    e: &serde_json::Error,
    unclosed: Option<usize>,
    ends_in_string: bool,
    lang: Lang,
) -> Diagnostic {
    use serde_json::error::Category;
    let line = e.line().max(1);
    let line_str = line_text(text, line);
    // serde_json's column is in bytes, at the last byte it read; people count characters.
    let mut end = e.column().min(line_str.len());
    while !line_str.is_char_boundary(end) {
        end -= 1;
    }
    let col = line_str[..end].chars().count().max(1);
    let at = |col| Location::Pos { line, col };

    if e.classify() == Category::Eof {
        if let Some(start) = unclosed {
            return unclosed_comment(text, start, lang);
        }
        return Diagnostic::error(
            at(col),
            match (ends_in_string, lang) {
                (true, Lang::En) => "the file ends inside a text in quotes: a closing \" is missing, or the file is cut short".to_string(),
                (true, Lang::Zh) => "文件在引号内的文本中结束：缺少右引号 \"，或文件不完整".to_string(),
                (false, Lang::En) => "the file ends too early: a closing } or ] is missing, or the file is cut short".to_string(),
                (false, Lang::Zh) => "文件提前结束：缺少 } 或 ]，或文件不完整".to_string(),
            },
        );
    }

    let raw = e.to_string();
    let msg = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw.as_str(),
    };
    if let Some(key) = msg.strip_prefix(DUPLICATE_KEY) {
        // serde_json stops right after the key; point at its opening quote.
        let quoted = format!("\"{key}\"");
        let key_col = line_str[..end]
            .rfind(&quoted)
            .map_or(col, |i| line_str[..i].chars().count() + 1);
        return Diagnostic::error(
            at(key_col),
            tr!(
                lang,
                format!(
                    "key \"{key}\" appears twice in this object; JSON keeps only one, so delete or rename one of them"
                ),
                format!("键 \"{key}\" 在同一对象中出现两次；请删除或改名其中一个")
            ),
        );
    }
    if msg.contains("recursion limit") {
        return Diagnostic::error(
            at(col),
            tr!(
                lang,
                "nesting is too deep (more than 128 levels of [ and {); an agenda needs about 5",
                "嵌套层数过深（[ 与 { 超过 128 层）；议程文件只需约 5 层"
            ),
        );
    }

    // A full-width character at or right after the error: say so, at its own column.
    let chars: Vec<char> = line_str.chars().collect();
    for c in [col, col + 1] {
        if let Some(&ch) = chars.get(c - 1)
            && let Some(ascii) = full_width(ch)
        {
            return Diagnostic::error(
                at(c),
                tr!(
                    lang,
                    format!(
                        "full-width `{ch}` here: JSON needs the ASCII `{ascii}` (switch the input method to half-width, 半角)"
                    ),
                    format!(
                        "此处是全角符号 `{ch}`：JSON 须用半角 `{ascii}`（请把输入法切换为半角）"
                    )
                ),
            );
        }
    }
    if chars.get(col - 1) == Some(&'\'') || chars.get(col) == Some(&'\'') {
        return Diagnostic::error(
            at(col),
            tr!(
                lang,
                "JSON text goes in double quotes \"...\", not single quotes '...'",
                "JSON 文本须用双引号 \"...\"，不能用单引号 '...'"
            ),
        );
    }
    if msg.contains("trailing comma") {
        return Diagnostic::error(
            at(col),
            tr!(
                lang,
                "trailing comma: delete the comma before this ] or } (JSON allows none after the last element)",
                "多余的逗号：请删除此 ] 或 } 前面的逗号（JSON 最后一项后不能有逗号）"
            ),
        );
    }
    let first_on_line = line_str
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| line_str[..i].chars().count() + 1);
    if msg.starts_with("expected `,` or `}`") || msg.starts_with("expected `,` or `]`") {
        let missing_comma_before = first_on_line == Some(col) && line > 1;
        return Diagnostic::error(
            at(col),
            match (missing_comma_before, lang) {
                (true, Lang::En) => {
                    "a comma is missing at the end of the line before this one".to_string()
                }
                (true, Lang::Zh) => "上一行末尾缺少逗号".to_string(),
                (false, Lang::En) => format!("{msg}: a comma or a closing bracket is missing here"),
                (false, Lang::Zh) => "此处缺少逗号或右括号".to_string(),
            },
        );
    }
    if msg.starts_with("control character") {
        // A NUL or another invisible control byte (a damaged file, a paste) is not the
        // line break the usual message is about: name it.
        let byte = line_str
            .as_bytes()
            .get(e.column().saturating_sub(1))
            .copied();
        if let Some(b) = byte.filter(|b| *b != b'\t' && *b != b'\n' && *b != b'\r') {
            return Diagnostic::error(
                at(col),
                match lang {
                    Lang::En => format!(
                        "an invisible control character (U+{b:04X}) inside a text in quotes: remove it"
                    ),
                    Lang::Zh => format!("引号内的文本中有不可见的控制字符（U+{b:04X}）：请删除"),
                },
            );
        }
        return Diagnostic::error(
            at(col),
            tr!(
                lang,
                "a line break or tab inside a text in quotes: write it as \\n or \\t, or close the quotes",
                "引号内的文本中有换行或制表符：请写成 \\n 或 \\t，或补上右引号"
            ),
        );
    }
    let message = match (msg, lang) {
        ("key must be a string", Lang::En) => {
            "a key in double quotes was expected here, like \"name\"".to_string()
        }
        ("key must be a string", Lang::Zh) => "此处应为带双引号的键名，如 \"name\"".to_string(),
        ("expected value", Lang::En) => {
            "a value was expected here: text in \"double quotes\", a number, true, false, null, { or [".to_string()
        }
        ("expected value", Lang::Zh) => {
            "此处应为一个值：带双引号的文本、数字、true、false、null、{ 或 [".to_string()
        }
        ("expected `:`", Lang::En) => "a colon : was expected after the key".to_string(),
        ("expected `:`", Lang::Zh) => "键名后应为冒号 :".to_string(),
        ("trailing characters", Lang::En) => {
            "more text after the end of the agenda's closing }".to_string()
        }
        ("trailing characters", Lang::Zh) => "议程末尾的 } 之后还有多余内容".to_string(),
        (m, Lang::En) => format!("JSON syntax: {m}"),
        (m, Lang::Zh) => format!("JSON 语法错误：{m}"),
    };
    Diagnostic::error(at(col), message)
}

fn unclosed_comment(text: &str, start: usize, lang: Lang) -> Diagnostic {
    let (line, col) = line_col(text, start);
    Diagnostic::error(
        Location::Pos { line, col },
        tr!(
            lang,
            "this /* comment is never closed with */, so the rest of the file is ignored",
            "此处的 /* 注释没有用 */ 结束，其后内容全被当作注释"
        ),
    )
}

fn not_utf8(bytes: &[u8], valid_up_to: usize, lang: Lang) -> Diagnostic {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    let byte = bytes.get(valid_up_to).copied().unwrap_or(0);
    let (gbk, gbk_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    let message = if gbk_errors {
        tr!(
            lang,
            format!("the file is not UTF-8 (byte 0x{byte:02X}); save it as UTF-8"),
            format!("文件不是 UTF-8 编码（字节 0x{byte:02X}）；请另存为 UTF-8")
        )
    } else {
        // Show what the line says when read as GBK, so the reader recognises it.
        let gbk_line = gbk.split('\n').nth(line - 1).unwrap_or("");
        let sample = if gbk_line.trim().chars().count() <= 40 {
            gbk_line.trim().to_string()
        } else {
            let skip = col.saturating_sub(11);
            let window: String = gbk_line.chars().skip(skip).take(30).collect();
            format!("{}{window}...", if skip > 0 { "..." } else { "" })
        };
        tr!(
            lang,
            format!(
                "the file is not UTF-8 (byte 0x{byte:02X}); it looks like GBK/GB18030 (this line reads “{sample}”): save it as UTF-8"
            ),
            format!(
                "文件不是 UTF-8 编码（字节 0x{byte:02X}），看起来是 GBK/GB18030 编码（本行为“{sample}”）：请另存为 UTF-8"
            )
        )
    };
    Diagnostic::error(Location::Pos { line, col }, message)
}
