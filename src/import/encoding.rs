//! Which text encoding a CSV/TSV file is in. Files reach a secretary from Excel on Chinese
//! Windows (GBK/GB18030, no BOM), from Excel's "CSV UTF-8" (UTF-8 with a BOM), from web
//! exports (plain UTF-8) and from Teams (UTF-16LE with a BOM); the bytes say which.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with what was found out on the way.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The encoding used (after BOM sniffing when the file has one).
    pub encoding: &'static Encoding,
    /// The file started with a byte-order mark.
    pub bom: bool,
    /// How many characters could not be decoded and were replaced by U+FFFD.
    pub replaced: usize,
}

/// The encoding a `--encoding` value names: the WHATWG labels (`utf-8`, `gbk`, `gb18030`,
/// `utf-16le`, `big5`, ...) plus the spellings people type (`utf8`, `utf16`, `cp936`).
pub fn by_label(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase().replace('_', "-");
    match l.as_str() {
        "utf8" | "utf-8-bom" | "utf8-bom" | "utf-8-sig" => Some(UTF_8),
        "utf16" | "utf-16" | "utf16le" | "ucs-2" | "ucs2" => Some(UTF_16LE),
        "utf16be" => Some(UTF_16BE),
        "cp936" | "936" | "gb2312" => Some(GB18030),
        _ => Encoding::for_label(l.as_bytes()),
    }
}

/// Guess the encoding of bytes without a label: a BOM decides; then UTF-16 without a BOM
/// (every other byte zero in ASCII-heavy text); then UTF-8 if the bytes are valid UTF-8;
/// else GB18030, the superset of GBK and GB2312 that Chinese Windows writes.
pub fn sniff(bytes: &[u8]) -> (&'static Encoding, bool) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, true);
    }
    // UTF-8 and GBK text never holds NUL bytes; UTF-16 has one in every ASCII character
    // (the delimiters and line ends at least), on the odd bytes for LE, the even for BE.
    let sample = &bytes[..bytes.len().min(8192)];
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_zero >= 2 && odd_zero > even_zero * 4 {
        return (UTF_16LE, false);
    }
    if even_zero >= 2 && even_zero > odd_zero * 4 {
        return (UTF_16BE, false);
    }
    if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, false)
    } else {
        (GB18030, false)
    }
}

/// Decode bytes, with the encoding given or guessed. A BOM wins over a given label: it is
/// certain, a label typed by a person is not.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Decoded {
    let (guess, bom) = sniff(bytes);
    let encoding = if bom { guess } else { forced.unwrap_or(guess) };
    let (text, _) = encoding.decode_with_bom_removal(bytes);
    let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
    Decoded {
        text: text.into_owned(),
        encoding,
        bom,
        replaced,
    }
}

/// The name people know the encoding by.
pub fn display_name(e: &'static Encoding) -> &'static str {
    if e == GB18030 {
        "GB18030/GBK"
    } else {
        e.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "序号,姓名,单位\n1,王晓红,铜川市教育局\n";

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in text.encode_utf16() {
            let b = if le { u.to_le_bytes() } else { u.to_be_bytes() };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode(TEXT.as_bytes(), None);
        assert_eq!((d.text.as_str(), d.encoding, d.bom), (TEXT, UTF_8, false));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(TEXT.as_bytes());
        let d = decode(&b, None);
        assert_eq!((d.text.as_str(), d.encoding, d.bom), (TEXT, UTF_8, true));
    }

    #[test]
    fn gbk_and_gb18030_are_detected() {
        let (gbk, _, errors) = encoding_rs::GBK.encode(TEXT);
        assert!(!errors);
        let d = decode(&gbk, None);
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding, GB18030);
        assert_eq!(d.replaced, 0);
        // A character outside GBK (U+9FB4) needs GB18030's four-byte form.
        let rare = "姓名\n䶮\n";
        let (b, _, _) = GB18030.encode(rare);
        assert_eq!(decode(&b, None).text, rare);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for le in [true, false] {
            for bom in [true, false] {
                let d = decode(&utf16(TEXT, le, bom), None);
                assert_eq!(d.text, TEXT, "le={le} bom={bom}");
                assert_eq!(d.encoding, if le { UTF_16LE } else { UTF_16BE });
                assert_eq!(d.bom, bom);
            }
        }
    }

    #[test]
    fn a_label_overrides_the_guess_but_not_a_bom() {
        let (big5, _, _) = encoding_rs::BIG5.encode("姓名,單位\n");
        assert_eq!(decode(&big5, by_label("big5")).text, "姓名,單位\n");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("姓名".as_bytes());
        assert_eq!(decode(&b, by_label("gbk")).text, "姓名");
    }

    #[test]
    fn undecodable_bytes_are_counted() {
        let d = decode(b"\xFF\xFF\xFF name", by_label("utf-8"));
        assert!(d.replaced > 0);
    }

    #[test]
    fn labels_people_type() {
        assert_eq!(by_label("UTF8"), Some(UTF_8));
        assert_eq!(by_label("gbk"), Some(encoding_rs::GBK));
        assert_eq!(by_label("GB18030"), Some(GB18030));
        assert_eq!(by_label("utf-16"), Some(UTF_16LE));
        assert_eq!(by_label("utf16be"), Some(UTF_16BE));
        assert_eq!(by_label("cp936"), Some(GB18030));
        assert_eq!(by_label("klingon"), None);
    }
}
