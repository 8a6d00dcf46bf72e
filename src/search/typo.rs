//! Typing mistakes: a swapped, wrong, missing or extra letter. nucleo finds a query whose
//! letters appear in order with gaps (`wngxh`); this finds one with a letter wrong
//! (`wnagxiaohong`, `wangxiaohogn`), which a subsequence matcher cannot.

/// The fewest edits (substitution, insertion, deletion, or a swap of two neighbours)
/// turning `query` into a beginning of `text`; `None` when more than `max` are needed.
/// Only cells within `max` of the diagonal can stay within `max`, so only those are
/// computed.
pub fn prefix_distance(query: &[u8], text: &[u8], max: u8) -> Option<u8> {
    const CAP: usize = 64;
    let k = usize::from(max);
    let (m, n) = (query.len(), text.len().min(CAP));
    if m == 0 || m > CAP || n + k < m {
        return None;
    }
    let far = max.saturating_add(1);
    // Three rows of the optimal-string-alignment table (i-2, i-1, i); a cell outside the
    // band reads as `far`.
    let mut rows = [[far; CAP + 2]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(n.min(k) + 1) {
        *cell = j as u8;
    }
    for i in 1..=m {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        let lo = i.saturating_sub(k);
        let hi = (i + k).min(n);
        // Clear what this row held three rows ago around the band's edges.
        if lo > 0 {
            rows[cur][lo - 1] = far;
        }
        rows[cur][hi + 1] = far;
        let mut best_in_row = far;
        for j in lo..=hi {
            let d = if j == 0 {
                i as u8
            } else {
                let sub = rows[prev][j - 1] + u8::from(query[i - 1] != text[j - 1]);
                let mut d = sub.min(rows[prev][j] + 1).min(rows[cur][j - 1] + 1);
                if i > 1 && j > 1 && query[i - 1] == text[j - 2] && query[i - 2] == text[j - 1] {
                    d = d.min(rows[prev2][j - 2] + 1);
                }
                d
            };
            let d = d.min(far);
            rows[cur][j] = d;
            best_in_row = best_in_row.min(d);
        }
        if best_in_row > max {
            return None;
        }
    }
    let last = m % 3;
    let lo = m.saturating_sub(k).max(1);
    let best = rows[last][lo..=(m + k).min(n)]
        .iter()
        .copied()
        .min()
        .unwrap_or(far);
    (best <= max).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::prefix_distance as d;

    #[test]
    fn one_mistake() {
        let t = b"wangxiaohong";
        assert_eq!(d(b"wnag", t, 1), Some(1));
        assert_eq!(d(b"wangxiaohogn", t, 2), Some(1));
        assert_eq!(d(b"wangxiachong", t, 2), Some(1));
        assert_eq!(d(b"wangxiaohongg", t, 2), Some(1));
        assert_eq!(d(b"wagxiaohong", t, 2), Some(1));
        assert_eq!(d(b"qangxiao", t, 1), Some(1));
        assert_eq!(d(b"awngxiao", t, 1), Some(1));
        assert_eq!(d(b"angxiao", t, 1), Some(1));
        assert_eq!(d(b"wwangxiao", t, 1), Some(1));
        assert_eq!(d(b"wangxiaohong", t, 1), Some(0));
        assert_eq!(d(b"wangxiao", t, 0), Some(0));
    }

    #[test]
    fn two_mistakes() {
        let t = b"wangxiaohong";
        assert_eq!(d(b"wnagxiaohogn", t, 2), Some(2));
        assert_eq!(d(b"wnagxiaohogn", t, 1), None);
    }

    #[test]
    fn too_many_mistakes_or_not_from_the_start() {
        let t = b"wangxiaohong";
        assert_eq!(d(b"zhangsan", t, 2), None);
        assert_eq!(d(b"wqqg", t, 1), None);
        assert_eq!(d(b"xiaohong", t, 2), None, "a match starts at the surname");
        assert_eq!(d(b"wangxiaohongxyz", t, 2), None);
        assert_eq!(d(b"w", b"", 1), None);
    }
}
