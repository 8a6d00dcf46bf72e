//! Write a generated journal for an agenda into a data dir, for whole-process figures and
//! for trying the desk on a meeting in full swing:
//!
//! ```sh
//! cargo run --release --example gen_agenda -- --venues 100 --per-venue 360 > big.json
//! cargo run --release --example gen_journal -- --agenda big.json --data-dir /tmp/big --events 100000
//! /usr/bin/time -v target/release/huiwu --data-dir /tmp/big status big.json
//! ```
//!
//! The events come from `huiwu::sample::journal_of_len` (or, without `--events`, the
//! whole meeting from `huiwu::sample::journal`): sign-in by two desks, walk-ins, link
//! checks, every item run with notes and actions, then corrections and undos. Each seat's
//! events go to its own journal, as the seats write them (`--single`: all in one journal
//! of format 1, as earlier versions kept a meeting), under the agenda's SHA-256, so
//! opening it records no `AgendaChanged`. An existing journal is never overwritten.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use huiwu::i18n::Lang;
use huiwu::store::journal::{Header, Journal, journal_path};
use huiwu::store::record::write_seat_journals;
use huiwu::store::session::read_agenda;

/// Write a generated journal for an agenda into a data dir.
#[derive(Parser)]
#[command(name = "gen_journal")]
struct Args {
    /// The agenda the journal is for (from gen_agenda, say).
    #[arg(long = "agenda", value_name = "FILE")]
    agenda_path: PathBuf,
    /// Where huiwu keeps journals (pass the same --data-dir to huiwu).
    #[arg(long, value_name = "DIR")]
    data_dir: PathBuf,
    /// Exactly N events (default: one whole meeting).
    #[arg(long, value_name = "N")]
    events: Option<usize>,
    /// Another seed gives other choices.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Write one journal of format 1 (earlier versions' layout) instead of one per seat.
    #[arg(long)]
    single: bool,
    /// Each venue's attendance recorded by that venue's own seat (`VENUE-desk`), as a
    /// meeting with a desk at every venue: 100 venues give 100 seats' journals.
    #[arg(long)]
    venue_seats: bool,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("gen_journal: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run(
    Args {
        agenda_path,
        data_dir,
        events,
        seed,
        single,
        venue_seats,
    }: Args,
) -> Result<(), String> {
    let file = read_agenda(&agenda_path, Lang::En).map_err(|e| e.to_string())?;
    let a = &file.agenda;
    let path = journal_path(&data_dir, &a.meeting.id);
    if path.exists() {
        return Err(format!(
            "{} already exists; choose another --data-dir or move it aside",
            path.display()
        ));
    }
    let list = match events {
        Some(n) => huiwu::sample::journal_of_len(a, n, seed),
        None => huiwu::sample::journal(a, seed),
    };
    let list = if venue_seats { by_venue(a, list) } else { list };
    if !single {
        let paths = write_seat_journals(
            &data_dir,
            &a.meeting.id,
            &file.path.display().to_string(),
            &file.sha256,
            &list,
        )
        .map_err(|e| e.message(Lang::En))?;
        eprintln!(
            "gen_journal: {} events written to {} seat journals in {}",
            list.len(),
            paths.len(),
            data_dir.display()
        );
        return Ok(());
    }
    let mut header = Header::new(
        &a.meeting.id,
        None,
        &file.path.display().to_string(),
        &file.sha256,
        chrono::Utc::now(),
    );
    header.huiwu_journal = 1;
    let (mut journal, _, _) = Journal::open(&path, header).map_err(|e| e.message(Lang::En))?;
    journal.append(&list).map_err(|e| e.message(Lang::En))?;
    eprintln!(
        "gen_journal: {} events written to {}",
        list.len(),
        path.display()
    );
    Ok(())
}

/// The events with each attendance change given to its person's venue's seat, numbered
/// again per seat in order; everything else keeps its seat.
fn by_venue(
    a: &huiwu::core::agenda::Agenda,
    events: Vec<huiwu::core::event::Event>,
) -> Vec<huiwu::core::event::Event> {
    let venue_of: std::collections::HashMap<&str, &str> = a
        .participants
        .iter()
        .map(|p| (p.id.as_str(), p.venue.as_str()))
        .collect();
    let mut seq: std::collections::HashMap<String, u64> = Default::default();
    events
        .into_iter()
        .map(|mut e| {
            let venue = match &e.kind {
                huiwu::core::event::EventKind::WalkedIn(w) => Some(w.venue.as_str()),
                k => k.attendance_target().and_then(|p| venue_of.get(p).copied()),
            };
            if let Some(v) = venue {
                e.seat = format!("{v}-desk");
            }
            let n = seq.entry(e.seat.clone()).or_default();
            *n += 1;
            e.seq = *n;
            e
        })
        .collect()
}
