//! The due-phrase corpus (`tests/data/due-corpus.tsv`): what offices mean by each phrase
//! at meeting dates that catch the edge cases (a weekday, a Saturday, the 31st, December 30,
//! February 28 of a leap and of a common year, the day before National Day and before the
//! Spring Festival). The answers were written by hand; the parser must give them.

use chrono::NaiveDate;
use huiwu::core::due::{self, Context, DueError};

const CORPUS: &str = include_str!("../data/due-corpus.tsv");

#[derive(Debug)]
enum Want {
    Date { date: NaiveDate, estimated: bool },
    NoDate,
    Refused(&'static str),
}

struct Row {
    line: usize,
    meeting: NaiveDate,
    phrase: &'static str,
    want: Want,
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("`{s}`: {e}"))
}

fn rows() -> Vec<Row> {
    let mut out = Vec::new();
    for (i, line) in CORPUS.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&'static str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "line {}: {line}", i + 1);
        let want = match cols[2] {
            "no date" => Want::NoDate,
            w if w.starts_with("refused: ") => Want::Refused(&w["refused: ".len()..]),
            w => match w.strip_suffix(" estimated") {
                Some(d) => Want::Date {
                    date: date(d),
                    estimated: true,
                },
                None => Want::Date {
                    date: date(w),
                    estimated: false,
                },
            },
        };
        out.push(Row {
            line: i + 1,
            meeting: date(cols[0]),
            phrase: cols[1],
            want,
        });
    }
    out
}

fn refusal_kind(e: &DueError) -> &'static str {
    match e {
        DueError::Empty => "empty",
        DueError::NotUnderstood(_) => "not understood",
        DueError::NoSuchDate { .. } => "no such date",
        DueError::TooFar(_) => "too far",
        DueError::BeforeMeeting { .. } => "past",
    }
}

#[test]
fn every_phrase_of_the_corpus_means_what_the_office_means() {
    let rows = rows();
    assert!(rows.len() > 250, "the corpus has {} rows", rows.len());
    let mut failures = Vec::new();
    for row in &rows {
        let got = due::resolve_in(row.phrase, &Context::new(row.meeting));
        let ok = match (&row.want, &got) {
            (Want::Date { date, estimated }, Ok(d)) => {
                d.date == Some(*date) && d.is_estimated() == *estimated
            }
            (Want::NoDate, Ok(d)) => d.date.is_none(),
            (Want::Refused(kind), Err(e)) => refusal_kind(e) == *kind,
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "line {}: `{}` said on {}: want {:?}, got {:?}",
                row.line, row.phrase, row.meeting, row.want, got
            ));
        }
        if let Ok(d) = &got {
            assert_eq!(d.text, row.phrase.trim(), "the phrase is kept as said");
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// Every phrase of the corpus, said at every meeting date of the corpus (and the days around
/// each), either is refused, names no date, or lands on or after the meeting.
#[test]
fn no_phrase_at_any_corpus_date_resolves_before_the_meeting() {
    let rows = rows();
    let mut phrases: Vec<&str> = rows.iter().map(|r| r.phrase).collect();
    phrases.sort_unstable();
    phrases.dedup();
    let mut meetings: Vec<NaiveDate> = rows
        .iter()
        .flat_map(|r| [-1i64, 0, 1].map(|k| r.meeting + chrono::Duration::days(k)))
        .collect();
    meetings.sort_unstable();
    meetings.dedup();
    let mut early = Vec::new();
    for &m in &meetings {
        for p in &phrases {
            if let Ok(d) = due::resolve(p, m)
                && let Some(date) = d.date
                && date < m
            {
                early.push(format!("`{p}` said on {m} gave {date}"));
            }
        }
    }
    assert!(
        early.is_empty(),
        "{} answers before the meeting:\n{}",
        early.len(),
        early.join("\n")
    );
}
