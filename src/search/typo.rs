//! Typing mistakes: a swapped, wrong, missing or extra letter. nucleo finds a query whose
//! letters appear in order with gaps (`wngxh`); this finds one with a letter wrong
//! (`wnagxiaohong`, `wangxiaohogn`), which a subsequence matcher cannot.

/// The fewest edits (substitution, insertion, deletion, or a swap of two neighbours)
/// turning `query` into some piece of `text` that starts where `starts` says a syllable
/// starts and ends anywhere; `None` when more than `max` are needed.
pub fn distance(query: &[u8], text: &[u8], starts: &[bool], max: u8) -> Option<u8> {
    const CAP: usize = 64;
    let (m, n) = (query.len(), text.len().min(CAP));
    if m == 0 || m > CAP || n == 0 {
        return None;
    }
    let far = max.saturating_add(1);
    // Three rows of the optimal-string-alignment table: i-2, i-1, i.
    let mut rows = [[far; CAP + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(n + 1) {
        // Row 0: starting at a syllable start costs nothing; elsewhere it is not allowed.
        *cell = if j < n && starts[j] { 0 } else { far };
    }
    for i in 1..=m {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        // Column 0: the first i query letters are extra, before the text's first syllable.
        rows[cur][0] = (i as u8).min(far);
        let mut best_in_row = rows[cur][0];
        for j in 1..=n {
            let sub = rows[prev][j - 1] + u8::from(query[i - 1] != text[j - 1]);
            let mut d = sub.min(rows[prev][j] + 1).min(rows[cur][j - 1] + 1);
            if i > 1 && j > 1 && query[i - 1] == text[j - 2] && query[i - 2] == text[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            let d = d.min(far);
            rows[cur][j] = d;
            best_in_row = best_in_row.min(d);
        }
        if best_in_row > max {
            return None;
        }
    }
    let last = m % 3;
    let best = rows[last][1..=n].iter().copied().min().unwrap_or(far);
    (best <= max).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::distance;

    fn starts_of(syllables: &[&str]) -> (Vec<u8>, Vec<bool>) {
        let mut text = Vec::new();
        let mut starts = Vec::new();
        for s in syllables {
            for (k, b) in s.bytes().enumerate() {
                text.push(b);
                starts.push(k == 0);
            }
        }
        (text, starts)
    }

    #[test]
    fn one_mistake() {
        let (t, s) = starts_of(&["wang", "xiao", "hong"]);
        assert_eq!(distance(b"wnag", &t, &s, 1), Some(1));
        assert_eq!(distance(b"wangxiaohogn", &t, &s, 2), Some(1));
        assert_eq!(distance(b"wangxiachong", &t, &s, 2), Some(1));
        assert_eq!(distance(b"wangxiaohongg", &t, &s, 2), Some(1));
        assert_eq!(distance(b"wagxiaohong", &t, &s, 2), Some(1));
        assert_eq!(distance(b"xiaohogn", &t, &s, 1), Some(1));
        assert_eq!(distance(b"wangxiaohong", &t, &s, 1), Some(0));
    }

    #[test]
    fn too_many_mistakes_or_mid_syllable() {
        let (t, s) = starts_of(&["wang", "xiao", "hong"]);
        assert_eq!(distance(b"zhangsan", &t, &s, 2), None);
        assert_eq!(distance(b"wqqg", &t, &s, 1), None);
        // "ngxi" sits inside "wang": a match must start where a syllable starts.
        assert_eq!(distance(b"ngxi", &t, &s, 0), None);
    }
}
