//! The pinyin readings of a name's characters, every reading of a polyphonic character
//! included, with the reading a character takes as a surname put first.

use pinyin::ToPinyinMulti;

/// Characters read differently as a surname than in ordinary words (the pinyin data's
/// first reading is the ordinary one: 曾 céng, 单 dān, 解 jiě ...). The surname reading
/// goes first, so it is the one shown and sorted by; the others still match.
const SURNAME_READINGS: &[(char, &[&str])] = &[
    ('曾', &["zeng"]),
    ('单', &["shan"]),
    ('解', &["xie"]),
    ('仇', &["qiu"]),
    ('区', &["ou"]),
    ('查', &["zha"]),
    ('朴', &["piao"]),
    ('覃', &["qin"]),
    ('盖', &["ge"]),
    ('缪', &["miao"]),
    ('翟', &["zhai"]),
    ('沈', &["shen"]),
    ('贾', &["jia"]),
    ('乐', &["yue", "le"]),
    ('尉', &["wei"]),
    ('宿', &["su"]),
    ('殷', &["yin"]),
    ('俞', &["yu"]),
    ('隗', &["wei", "kui"]),
    ('种', &["chong"]),
    ('重', &["chong"]),
    ('秘', &["bi"]),
    ('冼', &["xian"]),
    ('召', &["shao"]),
    ('折', &["she"]),
    ('员', &["yun"]),
    ('华', &["hua"]),
    ('任', &["ren"]),
    ('句', &["gou"]),
    ('阚', &["kan"]),
    ('谌', &["chen", "shen"]),
    ('过', &["guo"]),
    ('那', &["na"]),
    ('黑', &["he"]),
    ('长', &["chang"]),
    ('万', &["wan"]),
    ('繁', &["po"]),
];

/// Two-character surnames whose characters read differently together.
const COMPOUND_SURNAMES: &[([char; 2], [&[&str]; 2])] = &[
    (['尉', '迟'], [&["yu"], &["chi"]]),
    (['万', '俟'], [&["mo"], &["qi"]]),
    (['单', '于'], [&["chan"], &["yu"]]),
    (['长', '孙'], [&["zhang"], &["sun"]]),
    (['澹', '台'], [&["tan"], &["tai"]]),
    (['乐', '正'], [&["yue"], &["zheng"]]),
];

/// The readings to put first for the name's leading characters (`first`, `second`).
pub fn surname_preference(first: char, second: Option<char>) -> [&'static [&'static str]; 2] {
    if let Some(second) = second
        && let Some((_, prefs)) = COMPOUND_SURNAMES
            .iter()
            .find(|(pair, _)| pair[0] == first && pair[1] == second)
    {
        return *prefs;
    }
    let single = SURNAME_READINGS
        .iter()
        .find(|(c, _)| *c == first)
        .map(|(_, r)| *r)
        .unwrap_or(&[]);
    [single, &[]]
}

/// Whether the pinyin data knows the character (a Chinese character to match by reading).
pub fn has_pinyin(c: char) -> bool {
    c.to_pinyin_multi().is_some()
}

/// Every reading of `c` as lower-case ASCII, without tones: `preferred` first, then the
/// data's readings in its order, no duplicates. `ü` gives both `v` and `u` (`lv`, `lu`),
/// since people type either.
pub fn readings(c: char, preferred: &[&str]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut add = |r: Vec<u8>| {
        if !r.is_empty() && !out.contains(&r) {
            out.push(r);
        }
    };
    for p in preferred {
        add(p.as_bytes().to_vec());
    }
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let plain = p.plain();
            if plain.contains('ü') {
                add(ascii_reading(plain, b'v'));
                add(ascii_reading(plain, b'u'));
            } else {
                add(ascii_reading(plain, b'v'));
            }
        }
    }
    out
}

/// A toneless reading in ASCII: `ü` as `u_umlaut`, `ê` as `e`; a reading with anything
/// else outside ASCII (the rare syllabic `ḿ`, `ň`) is dropped.
fn ascii_reading(plain: &str, u_umlaut: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(plain.len());
    for c in plain.chars() {
        match c {
            'ü' => out.push(u_umlaut),
            'ê' => out.push(b'e'),
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_lowercase() as u8),
            _ => return Vec::new(),
        }
    }
    out
}

/// How many letters of a syllable a person types when abbreviating it: its initial,
/// two letters for `zh`, `ch`, `sh`.
pub fn initial_len(syllable: &[u8]) -> usize {
    match syllable {
        [b'z' | b'c' | b's', b'h', _, ..] => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(c: char, pref: &[&str]) -> Vec<String> {
        readings(c, pref)
            .into_iter()
            .map(|r| String::from_utf8(r).unwrap())
            .collect()
    }

    #[test]
    fn polyphonic_surnames_read_as_surnames_first_and_keep_every_reading() {
        for (c, reading, other) in [
            ('曾', "zeng", "ceng"),
            ('单', "shan", "dan"),
            ('解', "xie", "jie"),
            ('仇', "qiu", "chou"),
            ('区', "ou", "qu"),
            ('查', "zha", "cha"),
            ('朴', "piao", "pu"),
            ('覃', "qin", "tan"),
        ] {
            let [pref, _] = surname_preference(c, Some('明'));
            let r = plain(c, pref);
            assert_eq!(r[0], reading, "{c}: {r:?}");
            assert!(r.iter().any(|x| x == other), "{c}: {r:?}");
            // Not a surname: the data's own first reading leads.
            assert_eq!(plain(c, &[])[0], other, "{c}");
        }
    }

    #[test]
    fn u_umlaut_is_both_v_and_u() {
        assert_eq!(plain('吕', &[]), ["lv", "lu"]);
        assert_eq!(plain('女', &[])[..2], ["nv", "nu"]);
    }

    #[test]
    fn compound_surnames() {
        assert_eq!(surname_preference('尉', Some('迟'))[0], &["yu"]);
        assert_eq!(surname_preference('尉', Some('明'))[0], &["wei"]);
        assert_eq!(surname_preference('单', Some('于'))[0], &["chan"]);
    }

    #[test]
    fn initials() {
        assert_eq!(initial_len(b"zhang"), 2);
        assert_eq!(initial_len(b"shi"), 2);
        assert_eq!(initial_len(b"wang"), 1);
        assert_eq!(initial_len(b"zh"), 1);
        assert_eq!(initial_len(b"a"), 1);
    }
}
