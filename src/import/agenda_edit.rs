//! Writing a new roster into an agenda file without disturbing the rest of it. The
//! agenda is a hand-edited file: its key order, layout and `//` comments are the
//! secretary's. Only the `participants` array is rewritten, and in it only the entries
//! that changed or are new; untouched entries keep their text, comments included.

use serde_json::Value;

use crate::core::agenda::{Participant, Role};
use crate::core::load::strip_comments;

/// The new file text and what the secretary should hear about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewritten {
    pub text: String,
    /// Comments inside entries that had to be rewritten are gone.
    pub lost_comments: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

/// Replace the roster of `original` by `participants`: its first `old_count` entries are
/// the file's entries in order (those in `changed` rewritten, the others kept as they
/// are), the rest are new and appended.
pub fn rewrite_participants(
    original: &str,
    old_count: usize,
    changed: &[usize],
    participants: &[Participant],
) -> Result<Rewritten, EditError> {
    let (bom, body) = match original.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", original),
    };
    let stripped = strip_comments(body);
    let s = stripped.as_bytes();
    let root = Scanner::new(s).root_members()?;
    let mut lost_comments = false;
    let out = match root.members.iter().find(|m| m.key == "participants") {
        Some(m) => {
            if s[m.value.0] != b'[' {
                return Err(EditError("`participants` is not a list".into()));
            }
            let elements = Scanner::new(s).array_elements(m.value.0)?;
            if elements.len() != old_count {
                return Err(EditError(format!(
                    "the file has {} participants, expected {old_count}",
                    elements.len()
                )));
            }
            let key_indent = line_indent(body, m.key_start);
            let unit = indent_unit(&key_indent);
            let (indent, pretty) = match elements.first() {
                Some(&(start, end)) => {
                    let lead_from = body[..start].rfind('\n').map_or(0, |i| i + 1);
                    let lead = &body[lead_from..start];
                    let indent = if lead.trim().is_empty() {
                        lead.to_string()
                    } else {
                        format!("{key_indent}{unit}")
                    };
                    (indent, body[start..end].contains('\n'))
                }
                None => (format!("{key_indent}{unit}"), false),
            };
            let render = |p: &Participant| render(p, pretty, &indent, &unit);
            let (open, close) = m.value;
            let close = close - 1; // the `]`
            let mut text = String::with_capacity(body.len() + 200 * participants.len());
            text.push_str(&body[..=open]);
            if elements.is_empty() {
                text.push_str(body[open + 1..close].trim_end());
                for (k, p) in participants.iter().enumerate() {
                    if k > 0 {
                        text.push(',');
                    }
                    text.push('\n');
                    text.push_str(&indent);
                    text.push_str(&render(p));
                }
                if !participants.is_empty() {
                    text.push('\n');
                    text.push_str(&key_indent);
                } else {
                    text.push_str(&body[open + 1..close]);
                }
            } else {
                // Pieces between the separators: lead + element + trail.
                let mut prev = open + 1;
                for (k, &(start, end)) in elements.iter().enumerate() {
                    let last = k + 1 == elements.len();
                    let piece_end = if last {
                        end
                    } else {
                        // The comma after this element (outside comments: use `stripped`).
                        end + stripped[end..].find(',').unwrap_or(0)
                    };
                    text.push_str(&body[prev..start]);
                    if changed.contains(&k) {
                        lost_comments |= body[start..end] != stripped[start..end];
                        text.push_str(&render(&participants[k]));
                    } else {
                        text.push_str(&body[start..end]);
                    }
                    if !last {
                        text.push_str(&body[end..piece_end]);
                        text.push(',');
                        prev = piece_end + 1;
                    } else {
                        prev = end;
                    }
                }
                // New entries go after the last one and after a comment on its line
                // (`{...} // the chair`), which stays with it.
                let new = &participants[old_count..];
                if !new.is_empty() {
                    let line_end = body[prev..close].find('\n').map_or(close, |i| prev + i);
                    text.push(',');
                    text.push_str(&body[prev..line_end]);
                    for (k, p) in new.iter().enumerate() {
                        if k > 0 {
                            text.push(',');
                        }
                        text.push('\n');
                        text.push_str(&indent);
                        text.push_str(&render(p));
                    }
                    prev = line_end;
                    if line_end == close {
                        text.push('\n');
                        text.push_str(&key_indent);
                    }
                }
                text.push_str(&body[prev..close]);
            }
            text.push_str(&body[close..]);
            text
        }
        None => {
            // No roster yet: add one after `venues` (or the last member).
            let after = root
                .members
                .iter()
                .find(|m| m.key == "venues")
                .or(root.members.last())
                .ok_or_else(|| EditError("the agenda is an empty object".into()))?;
            let key_indent = line_indent(body, after.key_start);
            let unit = indent_unit(&key_indent);
            let indent = format!("{key_indent}{unit}");
            let mut insert = format!(",\n{key_indent}\"participants\": [");
            for (k, p) in participants.iter().enumerate() {
                insert.push_str(if k == 0 { "\n" } else { ",\n" });
                insert.push_str(&indent);
                insert.push_str(&render(p, false, &indent, &unit));
            }
            insert.push('\n');
            insert.push_str(&key_indent);
            insert.push(']');
            let at = after.value.1;
            format!("{}{insert}{}", &body[..at], &body[at..])
        }
    };
    let text = format!("{bom}{out}");
    verify(original, &text, participants)?;
    Ok(Rewritten {
        text,
        lost_comments,
    })
}

/// The new text must say the same as the old one everywhere but the roster, and the
/// roster must be the one asked for: a guard against this module's own mistakes.
fn verify(old: &str, new: &str, participants: &[Participant]) -> Result<(), EditError> {
    let parse = |t: &str| -> Result<Value, EditError> {
        let t = t.strip_prefix('\u{FEFF}').unwrap_or(t);
        serde_json::from_str(&strip_comments(t))
            .map_err(|e| EditError(format!("the rewritten agenda does not parse: {e}")))
    };
    let (mut a, mut b) = (parse(old)?, parse(new)?);
    let roster = b
        .as_object_mut()
        .and_then(|o| o.remove("participants"))
        .unwrap_or(Value::Array(Vec::new()));
    if let Some(o) = a.as_object_mut() {
        o.remove("participants");
    }
    if a != b {
        return Err(EditError(
            "the rewrite changed more than the participants".into(),
        ));
    }
    let got: Vec<Participant> = serde_json::from_value(roster)
        .map_err(|e| EditError(format!("the rewritten roster does not read back: {e}")))?;
    if got != participants {
        return Err(EditError(
            "the rewritten roster reads back differently".into(),
        ));
    }
    Ok(())
}

/// One participant as JSON, fields in the order people read them, defaults left out.
fn render(p: &Participant, pretty: bool, indent: &str, unit: &str) -> String {
    let j = |v: &str| serde_json::to_string(v).unwrap_or_else(|_| "\"\"".into());
    let mut fields: Vec<(&str, String)> = vec![("id", j(&p.id)), ("name", j(&p.name))];
    for (k, v) in [
        ("unit", &p.unit),
        ("title", &p.title),
        ("category", &p.category),
    ] {
        if !v.is_empty() {
            fields.push((k, j(v)));
        }
    }
    fields.push(("venue", j(&p.venue)));
    if let Some(ph) = &p.phone {
        fields.push(("phone", j(ph)));
    }
    if p.role != Role::Member {
        fields.push((
            "role",
            serde_json::to_string(&p.role).unwrap_or_else(|_| "\"member\"".into()),
        ));
    }
    if !p.extra.is_empty() {
        fields.push((
            "extra",
            serde_json::to_string(&p.extra).unwrap_or_else(|_| "{}".into()),
        ));
    }
    let parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("\"{k}\": {v}"))
        .collect();
    if pretty {
        let inner = format!("{indent}{unit}");
        format!(
            "{{\n{inner}{}\n{indent}}}",
            parts.join(&format!(",\n{inner}"))
        )
    } else {
        format!("{{{}}}", parts.join(", "))
    }
}

/// The white space that starts the line holding byte `at`.
fn line_indent(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..at]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

fn indent_unit(key_indent: &str) -> String {
    if key_indent.is_empty() {
        "  ".into()
    } else {
        key_indent.into()
    }
}

struct Member {
    key: String,
    key_start: usize,
    /// Byte range of the value.
    value: (usize, usize),
}

struct Root {
    members: Vec<Member>,
}

/// A scanner over comment-free JSON that the parser has already accepted: it only has to
/// find where things are, not judge them.
struct Scanner<'a> {
    s: &'a [u8],
}

impl<'a> Scanner<'a> {
    fn new(s: &'a [u8]) -> Self {
        Scanner { s }
    }

    fn ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && matches!(self.s[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    }

    fn expect(&self, i: usize, b: u8) -> Result<usize, EditError> {
        if self.s.get(i) == Some(&b) {
            Ok(i + 1)
        } else {
            Err(EditError(format!("expected `{}` at byte {i}", b as char)))
        }
    }

    /// End (exclusive) of the string starting at `i` (a `"`).
    fn string_end(&self, i: usize) -> Result<usize, EditError> {
        let mut j = i + 1;
        while j < self.s.len() {
            match self.s[j] {
                b'\\' => j += 2,
                b'"' => return Ok(j + 1),
                _ => j += 1,
            }
        }
        Err(EditError("unterminated string".into()))
    }

    /// End (exclusive) of the value starting at `i`.
    fn value_end(&self, i: usize) -> Result<usize, EditError> {
        match self.s.get(i) {
            Some(b'"') => self.string_end(i),
            Some(b'{') | Some(b'[') => {
                let mut depth = 0usize;
                let mut j = i;
                while j < self.s.len() {
                    match self.s[j] {
                        b'"' => {
                            j = self.string_end(j)?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                return Ok(j + 1);
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                Err(EditError("unbalanced brackets".into()))
            }
            Some(_) => {
                let mut j = i;
                while j < self.s.len()
                    && !matches!(self.s[j], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                {
                    j += 1;
                }
                Ok(j)
            }
            None => Err(EditError("unexpected end".into())),
        }
    }

    fn root_members(&self) -> Result<Root, EditError> {
        let mut i = self.expect(self.ws(0), b'{')?;
        let mut members = Vec::new();
        i = self.ws(i);
        if self.s.get(i) == Some(&b'}') {
            return Ok(Root { members });
        }
        loop {
            let key_start = i;
            let key_end = self.string_end(i)?;
            let key: String = serde_json::from_slice(&self.s[key_start..key_end])
                .map_err(|e| EditError(e.to_string()))?;
            i = self.expect(self.ws(key_end), b':')?;
            let vs = self.ws(i);
            let ve = self.value_end(vs)?;
            members.push(Member {
                key,
                key_start,
                value: (vs, ve),
            });
            i = self.ws(ve);
            match self.s.get(i) {
                Some(b',') => i = self.ws(i + 1),
                Some(b'}') => return Ok(Root { members }),
                _ => return Err(EditError(format!("expected `,` or `}}` at byte {i}"))),
            }
        }
    }

    fn array_elements(&self, open: usize) -> Result<Vec<(usize, usize)>, EditError> {
        let mut i = self.ws(self.expect(open, b'[')?);
        let mut out = Vec::new();
        if self.s.get(i) == Some(&b']') {
            return Ok(out);
        }
        loop {
            let end = self.value_end(i)?;
            out.push((i, end));
            i = self.ws(end);
            match self.s.get(i) {
                Some(b',') => i = self.ws(i + 1),
                Some(b']') => return Ok(out),
                _ => return Err(EditError(format!("expected `,` or `]` at byte {i}"))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            unit: "市教育局".into(),
            title: String::new(),
            category: String::new(),
            venue: "main".into(),
            phone: None,
            role: Role::Member,
            extra: Default::default(),
        }
    }

    fn roster(text: &str) -> Vec<Participant> {
        let v: Value = serde_json::from_str(&strip_comments(text)).unwrap();
        serde_json::from_value(v["participants"].clone()).unwrap()
    }

    const FILE: &str = r#"{
  // The reference meeting.
  "meeting": {"id": "m"},
  "venues": [],
  "participants": [
    // 主会场
    {"id": "p1", "name": "王晓红", "unit": "市教育局", "venue": "main"}, // the chair
    {"id": "p2", "name": "李建国", "venue": "main" /* to check */} // last
  ],
  "items": []
}
"#;

    #[test]
    fn untouched_entries_and_comments_stay_new_ones_are_appended() {
        let mut ps = roster(FILE);
        ps.push(person("main-001", "张海燕"));
        let r = rewrite_participants(FILE, 2, &[], &ps).unwrap();
        assert_eq!(
            r.text,
            r#"{
  // The reference meeting.
  "meeting": {"id": "m"},
  "venues": [],
  "participants": [
    // 主会场
    {"id": "p1", "name": "王晓红", "unit": "市教育局", "venue": "main"}, // the chair
    {"id": "p2", "name": "李建国", "venue": "main" /* to check */}, // last
    {"id": "main-001", "name": "张海燕", "unit": "市教育局", "venue": "main"}
  ],
  "items": []
}
"#
        );
        assert!(!r.lost_comments);
    }

    #[test]
    fn a_changed_entry_is_rewritten_and_its_comment_reported() {
        let mut ps = roster(FILE);
        ps[1].title = "科长".into();
        let r = rewrite_participants(FILE, 2, &[1], &ps).unwrap();
        assert!(r.text.contains(
            r#"{"id": "p2", "name": "李建国", "title": "科长", "venue": "main"} // last
  ],"#
        ));
        assert!(r.text.contains("// the chair"));
        assert!(r.lost_comments);
        let r = rewrite_participants(FILE, 2, &[0], &{
            let mut ps = roster(FILE);
            ps[0].phone = Some("139".into());
            ps
        })
        .unwrap();
        assert!(!r.lost_comments);
        assert!(r.text.contains(r#""phone": "139"}, // the chair"#));
    }

    #[test]
    fn no_roster_yet() {
        let file = "\u{FEFF}{\n    \"meeting\": {},\n    \"venues\": [],\n    \"items\": []\n}";
        let ps = vec![person("a", "甲"), person("b", "乙")];
        let r = rewrite_participants(file, 0, &[], &ps).unwrap();
        assert_eq!(
            r.text,
            "\u{FEFF}{\n    \"meeting\": {},\n    \"venues\": [],\n    \"participants\": [\n        {\"id\": \"a\", \"name\": \"甲\", \"unit\": \"市教育局\", \"venue\": \"main\"},\n        {\"id\": \"b\", \"name\": \"乙\", \"unit\": \"市教育局\", \"venue\": \"main\"}\n    ],\n    \"items\": []\n}"
        );
    }

    #[test]
    fn empty_roster_and_pretty_entries() {
        let file = "{\n  \"venues\": [],\n  \"participants\": []\n}\n";
        let r = rewrite_participants(file, 0, &[], &[person("a", "甲")]).unwrap();
        assert_eq!(
            r.text,
            "{\n  \"venues\": [],\n  \"participants\": [\n    {\"id\": \"a\", \"name\": \"甲\", \"unit\": \"市教育局\", \"venue\": \"main\"}\n  ]\n}\n"
        );
        let file = "{\n  \"participants\": [\n    {\n      \"id\": \"a\",\n      \"name\": \"甲\",\n      \"venue\": \"main\"\n    }\n  ]\n}";
        let mut ps = roster(file);
        ps.push(person("b", "乙"));
        let r = rewrite_participants(file, 1, &[], &ps).unwrap();
        assert!(r.text.ends_with(
            "    },\n    {\n      \"id\": \"b\",\n      \"name\": \"乙\",\n      \"unit\": \"市教育局\",\n      \"venue\": \"main\"\n    }\n  ]\n}"
        ));
    }

    #[test]
    fn strings_with_brackets_and_commas_do_not_confuse_it() {
        let file = r#"{"meeting": {"title": "a, [b] {c} \" //d"}, "participants": [{"id": "x", "name": "[,]", "venue": "v"}]}"#;
        let mut ps = roster(file);
        ps.push(person("y", "乙"));
        let r = rewrite_participants(file, 1, &[], &ps).unwrap();
        assert_eq!(roster(&r.text), ps);
        assert!(r.text.starts_with(r#"{"meeting": {"title": "a, [b] {c} \" //d"}, "participants": [{"id": "x", "name": "[,]", "venue": "v"},"#));
    }

    #[test]
    fn a_wrong_count_is_refused() {
        assert!(rewrite_participants(FILE, 3, &[], &roster(FILE)).is_err());
    }
}
