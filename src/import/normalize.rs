//! Cleaning what people typed into spreadsheets and what they call themselves in a video
//! meeting: full-width letters and digits typed with a Chinese input method, spaces put
//! between the characters of a name to line up a printed list (王  红), stray spaces and
//! invisible characters.

/// Full-width ASCII (U+FF01..U+FF5E) to ASCII and the ideographic space to a space — the
/// part of Unicode NFKC that matters for names, ids and phone numbers. Invisible
/// characters (zero-width spaces, BOMs, soft hyphens, bidi controls) are dropped; other white space
/// becomes a plain space.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21),
            c => clean_space(c),
        })
        .collect()
}

/// Full-width letters and digits only (Ａ１ -> A1), leaving Chinese punctuation such as
/// （） and ，alone: for units and titles, which are Chinese text.
pub fn fold_alnum(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFF01 + 0x21)
            }
            c => clean_space(c),
        })
        .collect()
}

/// What both folds do with the rest: any space becomes a plain space; invisible
/// characters (zero-width spaces and joiners, BOMs, soft hyphens, bidi controls: see
/// [`crate::sanitize::is_hidden`]) and control characters are dropped; everything else is
/// kept. (Escape sequences are removed whole before this, by `sanitize::strip` on every
/// cell read; here a stray control is one character.)
fn clean_space(c: char) -> Option<char> {
    match c {
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(' '),
        '\u{00AD}' => None,
        // Bidi controls: a name must not reverse the text after it on a sheet.
        c if crate::sanitize::is_hidden(c) => None,
        c if c.is_whitespace() => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Chinese, Japanese and Korean characters: between two of them a space is padding.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF   // radicals
        | 0x3005..=0x3007 // 々 〆 〇
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xAC00..=0xD7AF // hangul
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x20000..=0x3FFFF) // extensions B and later
}

/// Trim and collapse runs of white space to one space.
pub fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell of free text (unit, title, category): full-width letters and digits folded,
/// white space trimmed and collapsed.
pub fn text(s: &str) -> String {
    collapse_spaces(&fold_alnum(s))
}

/// A person's name as it should be stored: full-width ASCII folded, trimmed, spaces
/// between Chinese characters removed (王 小 红 -> 王小红), other runs of spaces made one
/// (`John  Smith` -> `John Smith`), the middle dots of transliterated names made one
/// (买买提•艾力 -> 买买提·艾力).
pub fn name(s: &str) -> String {
    let folded = fold_width(s);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            let prev = words[i - 1].chars().next_back();
            let next = w.chars().next();
            let glue = matches!((prev, next), (Some(a), Some(b)) if is_cjk(a) && is_cjk(b));
            if !glue {
                out.push(' ');
            }
        }
        out.push_str(w);
    }
    out.chars()
        .map(|c| match c {
            '•' | '‧' | '・' | '∙' | '⋅' | '●' => '·',
            c => c,
        })
        .collect()
}

/// The key two spellings of one name share: [`name`], lower-cased, without spaces and
/// dots (`Wang  Xiaohong`, `wang xiaohong` and `WANG XIAOHONG` meet; so do 王 小 红 and
/// 王小红).
pub fn name_key(s: &str) -> String {
    name(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`name_key`] without the accents of Latin letters (`García` and `Garcia` meet), for a
/// roster typed without them while the platform shows them, or the other way round.
pub fn loose_name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in name_key(s).chars() {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => out.push('c'),
            'ď' | 'đ' => out.push('d'),
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => out.push('g'),
            'ĥ' => out.push('h'),
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => out.push('i'),
            'ĵ' => out.push('j'),
            'ķ' => out.push('k'),
            'ĺ' | 'ļ' | 'ľ' | 'ł' => out.push('l'),
            'ñ' | 'ń' | 'ņ' | 'ň' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' | 'ø' => out.push('o'),
            'ŕ' | 'ŗ' | 'ř' => out.push('r'),
            'ś' | 'ŝ' | 'ş' | 'š' => out.push('s'),
            'ţ' | 'ť' => out.push('t'),
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => out.push('u'),
            'ŵ' => out.push('w'),
            'ý' | 'ÿ' | 'ŷ' => out.push('y'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            // Apostrophes and hyphens inside names: `O'Brien`, `Jean-Pierre`.
            '\'' | '’' | '-' | '‐' => {}
            c => out.push(c),
        }
    }
    out
}

/// A phone number: full-width digits folded, spaces dropped. Returns `None` when Excel has
/// turned it into a float (`1.39123E+10`), which has lost digits and cannot be trusted.
pub fn phone(s: &str) -> Result<String, String> {
    let p: String = fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let lower = p.to_ascii_lowercase();
    if lower.contains("e+") && lower.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err(p);
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_folds() {
        assert_eq!(fold_width("ＡＢＣ１２３（）　ｘ"), "ABC123() x");
        assert_eq!(fold_width("王\u{200B}晓红\u{FEFF}"), "王晓红");
        assert_eq!(fold_alnum("第１组（Ａ）"), "第1组（A）");
    }

    #[test]
    fn spaces_inside_chinese_names_go() {
        assert_eq!(name("王 小 红"), "王小红");
        assert_eq!(name("  王　　红 "), "王红");
        assert_eq!(name("王\t晓红"), "王晓红");
    }

    #[test]
    fn spaces_inside_latin_names_collapse() {
        assert_eq!(name("  John   Smith "), "John Smith");
        assert_eq!(name("Ｊｏｈｎ　Ｓｍｉｔｈ"), "John Smith");
        // Mixed: a Latin name next to a Chinese one keeps its space.
        assert_eq!(name("Lily 王"), "Lily 王");
    }

    #[test]
    fn middle_dots_unify() {
        assert_eq!(name("买买提•艾力"), "买买提·艾力");
        assert_eq!(name("买买提・艾力"), "买买提·艾力");
        assert_eq!(name_key("买买提·艾力"), name_key("买买提艾力"));
    }

    #[test]
    fn keys_ignore_case_width_and_spaces() {
        assert_eq!(name_key("WANG Xiaohong"), "wangxiaohong");
        assert_eq!(name_key("ｗａｎｇ ｘｉａｏｈｏｎｇ"), "wangxiaohong");
        assert_eq!(name_key("王 晓 红"), name_key("王晓红"));
        assert_ne!(name_key("王晓红"), name_key("王小红"));
    }

    #[test]
    fn loose_keys_forget_accents() {
        assert_eq!(
            loose_name_key("García Simón"),
            loose_name_key("Garcia Simon")
        );
        assert_eq!(loose_name_key("Jean-Pierre O'Brien"), "jeanpierreobrien");
        assert_eq!(loose_name_key("Müller"), "muller");
        assert_eq!(loose_name_key("王晓红"), "王晓红");
    }

    #[test]
    fn phones() {
        assert_eq!(phone("１３９ １２３４ ５６７８"), Ok("13912345678".into()));
        assert_eq!(phone("0919-3181234"), Ok("0919-3181234".into()));
        assert!(phone("1.39123E+10").is_err());
    }

    #[test]
    fn free_text_keeps_chinese_punctuation() {
        assert_eq!(text("  铜川市教育局（办公室）  "), "铜川市教育局（办公室）");
        assert_eq!(text("第　１　中学"), "第 1 中学");
    }
}
