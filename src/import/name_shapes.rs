//! The shapes names take in a video meeting, read apart so each part can be looked up in
//! the roster: a tag in brackets (`JANSSENS JAN (EXT)`, `王晓红（访客）`), a student or
//! staff number (`015_`), "Last, First" (`García Simón, Pedro`), a surname written first
//! (`GARCÍA SIMÓN Pedro`), a display name beside the original one (`Winter Soldier
//! (Bucky Barnes)`, `晓红(王晓红)`), a unit beside the name (`市教育局-王晓红`), several
//! people on one terminal (`甲&乙`), the local part of an email address. Only the
//! splitting is here; what characters are cleaned is `normalize`'s alone.

use super::normalize;

const OPEN: [char; 7] = ['(', '（', '[', '【', '<', '〈', '《'];
const CLOSE: [char; 7] = [')', '）', ']', '】', '>', '〉', '》'];

/// Words that mark a person rather than name them, as platforms and people put them in
/// brackets: guests and externals (Teams, Zoom), hosts, "me".
const TAGS: &[&str] = &[
    "ext",
    "external",
    "extern",
    "externe",
    "externo",
    "guest",
    "gast",
    "invité",
    "invitado",
    "convidado",
    "visitor",
    "unverified",
    "host",
    "co-host",
    "cohost",
    "me",
    "访客",
    "外部",
    "外部人员",
    "来宾",
    "游客",
    "主持人",
    "联席主持人",
    "我",
    "ゲスト",
    "外部ユーザー",
    "게스트",
    "외부",
];

/// A tag such as `EXT`, `Guest`, `访客`, `外部`, `Host, me`.
pub fn is_tag(s: &str) -> bool {
    let parts: Vec<String> = s
        .split([',', '，', '、', '/'])
        .map(|p| normalize::name_key(p).trim_end_matches('.').to_string())
        .filter(|p| !p.is_empty())
        .collect();
    !parts.is_empty() && parts.iter().all(|p| TAGS.contains(&p.as_str()))
}

/// The first `outer(inner)` pair: byte offsets of the open and close brackets.
fn first_brackets(s: &str) -> Option<(usize, usize)> {
    let open = s.find(OPEN)?;
    let close = open + s[open..].find(CLOSE)?;
    Some((open, close))
}

/// `outer(inner)` with half- or full-width brackets; `None` when the brackets are empty.
pub fn split_brackets(s: &str) -> Option<(String, String)> {
    let (open, close) = first_brackets(s)?;
    let open_len = s[open..].chars().next()?.len_utf8();
    let close_len = s[close..].chars().next()?.len_utf8();
    let inner = s[open + open_len..close].trim().to_string();
    let outer = format!("{}{}", &s[..open], &s[close + close_len..])
        .trim()
        .to_string();
    (!inner.is_empty()).then_some((outer, inner))
}

/// The name with its bracketed tags taken out: `JANSSENS JAN (EXT)` -> `JANSSENS JAN`.
pub fn without_tags(s: &str) -> String {
    let mut out = s.to_string();
    // Each pass removes one tag; a name carries a few at most.
    for _ in 0..4 {
        let mut rest = out.as_str();
        let mut done = String::new();
        let mut removed = false;
        while let Some((open, close)) = first_brackets(rest) {
            let open_len = rest[open..].chars().next().map_or(1, char::len_utf8);
            let close_len = rest[close..].chars().next().map_or(1, char::len_utf8);
            if is_tag(&rest[open + open_len..close]) {
                done.push_str(&rest[..open]);
                rest = &rest[close + close_len..];
                removed = true;
                break;
            }
            done.push_str(&rest[..close + close_len]);
            rest = &rest[close + close_len..];
        }
        done.push_str(rest);
        out = normalize::collapse_spaces(&done);
        if !removed {
            break;
        }
    }
    out
}

fn is_separator(c: char) -> bool {
    matches!(c, '_' | '-' | '.' | '、' | ':' | '#' | ')' | '）') || c.is_whitespace()
}

/// A student or staff number before or after the name: `015_Winter Soldier`, `015 王晓红`,
/// `王晓红_015`, `015王晓红`. `None` when there is none, or nothing but the number.
pub fn without_number(s: &str) -> Option<String> {
    let folded = normalize::fold_width(s);
    let t = folded.trim();
    // Before: digits, then separators.
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = t[digits..].trim_start_matches(is_separator);
        if is_a_name(rest) {
            return Some(rest.to_string());
        }
    }
    // After: separators, then digits, at the end.
    let trailing = t.chars().rev().take_while(char::is_ascii_digit).count();
    if trailing > 0 {
        let head = &t[..t.len() - trailing];
        let glued = head.chars().next_back().is_some_and(normalize::is_cjk);
        let rest = head.trim_end_matches(is_separator);
        if (glued || rest.len() < head.len()) && is_a_name(rest) {
            return Some(rest.to_string());
        }
    }
    None
}

/// Enough left to be a name: two characters or more, not all digits and separators.
fn is_a_name(s: &str) -> bool {
    s.chars().count() >= 2 && s.chars().any(char::is_alphabetic)
}

/// "Last, First" turned round: `García Simón, Pedro` -> `Pedro García Simón`.
pub fn comma_turned(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split([',', '，']).map(str::trim).collect();
    match parts.as_slice() {
        [last, first] if is_a_name(last) && is_a_name(first) => Some(format!("{first} {last}")),
        _ => None,
    }
}

/// A name of three to five words in every order that keeps its words in turn: the
/// surname may be written first (`GARCÍA SIMÓN Pedro`) or last.
pub fn rotations(s: &str) -> Vec<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(3..=5).contains(&words.len()) {
        return Vec::new();
    }
    (1..words.len())
        .map(|k| {
            words[k..]
                .iter()
                .chain(&words[..k])
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The name an email address's local part spells: `pedro.garcia99@uni.es` -> `pedro garcia`.
pub fn email_local(s: &str) -> Option<String> {
    let (local, domain) = s.trim().split_once('@')?;
    if domain.is_empty() {
        return None;
    }
    let words: String = local
        .chars()
        .map(|c| {
            if matches!(c, '.' | '_' | '-' | '+') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| !c.is_ascii_digit())
        .collect();
    let name = normalize::collapse_spaces(&words);
    is_a_name(&name).then_some(name)
}

/// `甲&乙`, `甲＆乙`, `甲、乙`, `甲+乙`, `甲，乙`: several people on one terminal. A comma
/// between Latin words is "Last, First", not two people.
pub fn split_shared(s: &str) -> Vec<String> {
    let chinese = s.chars().any(normalize::is_cjk);
    s.split(|c| {
        matches!(
            c,
            '&' | '＆' | '、' | '+' | '＋' | ';' | '；' | '/' | '／' | '，'
        ) || (c == ',' && chinese)
    })
    .map(|p| p.trim().to_string())
    .filter(|p| !p.is_empty())
    .collect()
}

/// `单位-姓名` with any dash or an underscore, or Chinese words separated by spaces.
pub fn split_unit(s: &str) -> Vec<String> {
    let by_dash: Vec<String> = s
        .split(['-', '－', '—', '–', '_', '|', '｜', ':', '：'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if by_dash.len() > 1 {
        return by_dash;
    }
    let folded = normalize::fold_width(s);
    let words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 1 && words.iter().all(|w| w.chars().any(normalize::is_cjk)) {
        return words.iter().map(|w| w.to_string()).collect();
    }
    vec![s.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_not_names() {
        for t in [
            "EXT",
            "ext",
            "Guest",
            "访客",
            "外部",
            "（外部）",
            "Host, me",
            "External",
        ] {
            assert!(is_tag(t.trim_matches(['（', '）'])), "{t}");
        }
        for n in ["Bucky Barnes", "王晓红", "市教育局"] {
            assert!(!is_tag(n), "{n}");
        }
        assert_eq!(without_tags("JANSSENS JAN (EXT)"), "JANSSENS JAN");
        assert_eq!(without_tags("王晓红（访客）"), "王晓红");
        assert_eq!(without_tags("Ann Lee (Guest) (Unverified)"), "Ann Lee");
        // A real name in brackets stays.
        assert_eq!(without_tags("晓红(王晓红)"), "晓红(王晓红)");
        assert_eq!(
            without_tags("Winter Soldier (Bucky Barnes) (Guest)"),
            "Winter Soldier (Bucky Barnes)"
        );
    }

    #[test]
    fn numbers_before_or_after() {
        assert_eq!(
            without_number("021_Winter Soldier (Bucky Barnes)").as_deref(),
            Some("Winter Soldier (Bucky Barnes)")
        );
        assert_eq!(without_number("015 王晓红").as_deref(), Some("王晓红"));
        assert_eq!(without_number("015王晓红").as_deref(), Some("王晓红"));
        assert_eq!(without_number("０１５－王晓红").as_deref(), Some("王晓红"));
        assert_eq!(without_number("王晓红_015").as_deref(), Some("王晓红"));
        assert_eq!(
            without_number("John Smith 2").as_deref(),
            Some("John Smith")
        );
        assert_eq!(without_number("13912345678"), None);
        assert_eq!(without_number("王晓红"), None);
    }

    #[test]
    fn orders_and_addresses() {
        assert_eq!(
            comma_turned("García Simón, Pedro").as_deref(),
            Some("Pedro García Simón")
        );
        assert_eq!(comma_turned("Pedro García"), None);
        assert_eq!(comma_turned("a, b, c"), None);
        assert_eq!(
            rotations("GARCÍA SIMÓN Pedro"),
            vec!["SIMÓN Pedro GARCÍA", "Pedro GARCÍA SIMÓN"]
        );
        assert!(rotations("Ann Lee").is_empty());
        assert_eq!(
            email_local("pedro.garcia99@uni.es").as_deref(),
            Some("pedro garcia")
        );
        assert_eq!(email_local("not an address"), None);
        assert_eq!(email_local("42@x.org"), None);
    }

    #[test]
    fn shared_terminals() {
        assert_eq!(split_shared("张三，李四"), vec!["张三", "李四"]);
        assert_eq!(split_shared("张三,李四"), vec!["张三", "李四"]);
        assert_eq!(
            split_shared("García Simón, Pedro"),
            vec!["García Simón, Pedro"]
        );
    }

    #[test]
    fn brackets_split() {
        assert_eq!(
            split_brackets("Xiaohong (王晓红)"),
            Some(("Xiaohong".into(), "王晓红".into()))
        );
        assert_eq!(
            split_brackets("王晓红（铜川市教育局）"),
            Some(("王晓红".into(), "铜川市教育局".into()))
        );
        assert_eq!(split_brackets("王晓红()"), None);
    }
}
