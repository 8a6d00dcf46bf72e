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

/// `s` in lines of at most `width` columns: broken at a space where there is one (an
/// English sentence keeps its words), else between any two characters (Chinese).
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_inclusive(' ') {
        let w = word.trim_end().width();
        if used > 0 && used + w > width {
            lines.push(line.trim_end().to_string());
            line.clear();
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && c != ' ' {
                lines.push(line.trim_end().to_string());
                line.clear();
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.trim_end().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
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
        assert_eq!(
            wrap("sign in the highlighted person", 12),
            ["sign in the", "highlighted", "person"]
        );
        assert_eq!(wrap("为选中人员签到", 6), ["为选中", "人员签", "到"]);
        assert_eq!(wrap("", 6), [""]);
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
