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
//! checks, every item run with notes and actions, then corrections and undos. The journal
//! is written as the desk writes it, under the agenda's SHA-256, so opening it records no
//! `AgendaChanged`. An existing journal is never overwritten.

use std::path::PathBuf;
use std::process::ExitCode;

use huiwu::i18n::Lang;
use huiwu::store::journal::{Header, Journal, journal_path};
use huiwu::store::session::read_agenda;

const USAGE: &str = "usage: gen_journal --agenda FILE --data-dir DIR [--events N] [--seed N]
  --agenda FILE   the agenda the journal is for (from gen_agenda, say)
  --data-dir DIR  where huiwu keeps journals (pass the same --data-dir to huiwu)
  --events N      exactly N events (default: one whole meeting)
  --seed N        another seed gives other choices (default 7)";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("gen_journal: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let mut agenda = None;
    let mut data_dir = None;
    let mut events = None;
    let mut seed = 7u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        let Some(value) = inline.or_else(|| args.next()) else {
            eprintln!("gen_journal: {flag} needs a value\n{USAGE}");
            return Ok(ExitCode::from(2));
        };
        let number = || value.parse::<u64>().ok();
        match flag.as_str() {
            "--agenda" => agenda = Some(PathBuf::from(&value)),
            "--data-dir" => data_dir = Some(PathBuf::from(&value)),
            "--events" | "--seed" => {
                let Some(n) = number() else {
                    eprintln!("gen_journal: {flag}: `{value}` is not a usable number\n{USAGE}");
                    return Ok(ExitCode::from(2));
                };
                if flag == "--events" {
                    events = Some(n as usize);
                } else {
                    seed = n;
                }
            }
            _ => {
                eprintln!("gen_journal: unknown option `{flag}`\n{USAGE}");
                return Ok(ExitCode::from(2));
            }
        }
    }
    let (Some(agenda_path), Some(data_dir)) = (agenda, data_dir) else {
        eprintln!("gen_journal: --agenda and --data-dir are needed\n{USAGE}");
        return Ok(ExitCode::from(2));
    };
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
    let header = Header {
        huiwu_journal: 1,
        meeting: a.meeting.id.clone(),
        agenda: file.path.display().to_string(),
        agenda_sha256: file.sha256.clone(),
        created: chrono::Utc::now(),
    };
    let (mut journal, _, _) = Journal::open(&path, header).map_err(|e| e.message(Lang::En))?;
    journal.append(&list).map_err(|e| e.message(Lang::En))?;
    eprintln!(
        "gen_journal: {} events written to {}",
        list.len(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}
