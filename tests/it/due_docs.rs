//! Every example in docs/due-dates.md is what huiwu gives: each table whose header names a
//! meeting date (`| Phrase | Means | 2017-05-04 |`) or has `Said on` and `Gives` columns is
//! read, and each phrase in backticks in its first column is resolved.

use chrono::NaiveDate;
use huiwu::core::due::{self, DueError};

fn cells(line: &str) -> Vec<String> {
    let t = line.trim().trim_start_matches('|').trim_end_matches('|');
    t.split('|').map(|c| c.trim().to_string()).collect()
}

fn phrases(cell: &str) -> Vec<String> {
    cell.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, p)| p.to_string())
        .collect()
}

fn meeting_date(cell: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(cell.get(..10)?, "%Y-%m-%d").ok()
}

/// `2017-06-30`, `2027-09-30 (estimated)`, `no date`, `refused: past`.
fn check(phrase: &str, meeting: NaiveDate, want: &str) -> Result<(), String> {
    let got = due::resolve(phrase, meeting);
    let ok = match (want, &got) {
        ("no date", Ok(d)) => d.date.is_none(),
        (w, Err(e)) if w.starts_with("refused: ") => {
            let kind = match e {
                DueError::Empty => "empty",
                DueError::NotUnderstood(_) => "not understood",
                DueError::NoSuchDate { .. } => "no such date",
                DueError::TooFar(_) => "too far",
                DueError::BeforeMeeting { .. } => "past",
            };
            w == format!("refused: {kind}")
        }
        (w, Ok(d)) => match w.strip_suffix(" (estimated)") {
            Some(date) => d.date == meeting_date(date) && d.is_estimated(),
            None => d.date == meeting_date(w) && w.len() == 10 && !d.is_estimated(),
        },
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{phrase}` said on {meeting}: the doc says {want}, huiwu gives {got:?}"
        ))
    }
}

#[test]
fn every_example_in_the_due_dates_doc_holds() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/due-dates.md"),
    )
    .expect("docs/due-dates.md");
    let mut checked = 0;
    let mut wrong = Vec::new();
    let lines: Vec<&str> = doc.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let is_table =
            lines[i].starts_with('|') && lines.get(i + 1).is_some_and(|l| l.starts_with("|---"));
        if !is_table {
            i += 1;
            continue;
        }
        let header = cells(lines[i]);
        let said_on = header.iter().position(|h| h == "Said on");
        let gives = header.iter().position(|h| h == "Gives");
        let date_cols: Vec<(usize, NaiveDate)> = header
            .iter()
            .enumerate()
            .filter_map(|(k, h)| meeting_date(h).map(|d| (k, d)))
            .collect();
        i += 2;
        while i < lines.len() && lines[i].starts_with('|') {
            let row = cells(lines[i]);
            for p in phrases(&row[0]) {
                for &(k, meeting) in &date_cols {
                    checked += 1;
                    wrong.extend(check(&p, meeting, &row[k]).err());
                }
                if let (Some(s), Some(g)) = (said_on, gives) {
                    let meeting = meeting_date(&row[s]).expect("a date under Said on");
                    checked += 1;
                    wrong.extend(check(&p, meeting, &row[g]).err());
                }
            }
            i += 1;
        }
    }
    assert!(checked > 200, "only {checked} examples found");
    assert!(
        wrong.is_empty(),
        "{} of {checked} examples do not hold:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
