//! Fitting text into columns by display width (a Chinese character takes two), the one
//! place the desk cuts, pads and scrolls text. A cut is marked with `~`: the ellipsis `…`
//! is ambiguous-width and would shift the rest of the line in East Asian terminals.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The mark of a cut.
pub const CUT: char = '~';

/// `s` cut to at most `max` display columns, the cut marked with [`CUT`].
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    if max > 0 {
        out.push(CUT);
    }
    out
}

/// `s` cut at its start to at most `max` columns, the cut marked with [`CUT`]: the end
/// of a long file path says which file it is.
pub fn truncate_start(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut w = 1;
    for c in s.chars().rev() {
        let cw = c.width().unwrap_or(0);
        if w + cw > max {
            break;
        }
        kept.push(c);
        w += cw;
    }
    if max == 0 {
        return String::new();
    }
    std::iter::once(CUT).chain(kept.into_iter().rev()).collect()
}

/// `s` cut to `width` columns and padded with spaces to exactly `width`.
pub fn pad(s: &str, width: usize) -> String {
    let t = truncate(s, width);
    let w = t.width();
    format!("{t}{}", " ".repeat(width.saturating_sub(w)))
}

/// `s` without its first `cols` display columns (for a scrolled text box).
pub fn skip_columns(s: &str, cols: usize) -> String {
    let mut w = 0;
    let mut out = String::new();
    for c in s.chars() {
        if w >= cols {
            out.push(c);
        }
        w += c.width().unwrap_or(0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width_and_marks_the_cut_in_ascii() {
        assert_eq!(truncate("整改责任清单", 7), "整改责~");
        assert_eq!(truncate("整改责任清单", 12), "整改责任清单");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(pad("王晓红", 8), "王晓红  ");
        assert_eq!(pad("整改责任清单", 7), "整改责~");
        assert_eq!(skip_columns("王晓红", 2), "晓红");
        assert_eq!(truncate_start("/tmp/会议/x.md", 8), "~议/x.md");
        assert_eq!(truncate_start("/tmp/x.md", 9), "/tmp/x.md");
        for s in ["整改责任清单", "abcdef", "a王b晓c"] {
            for w in 0..14 {
                assert!(truncate(s, w).width() <= w, "{s} {w}");
                assert!(truncate_start(s, w).width() <= w, "{s} {w}");
                assert!(!truncate(s, w).contains('…'));
            }
        }
    }
}
