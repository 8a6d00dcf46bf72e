//! Print a large, deterministic agenda for tests and benchmarks:
//!
//! ```sh
//! cargo run --release --example gen_agenda -- --venues 100 --per-venue 360 [--seed N] > big.json
//! huiwu check big.json
//! ```
//!
//! The agenda comes from `huiwu::sample::generate`, which benchmarks and tests call directly.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_agenda [--venues N] [--per-venue N] [--seed N] > agenda.json
  --venues N      venues in all, the first one main (default 5)
  --per-venue N   participants per venue (default 360)
  --seed N        another seed gives other names (default 1)";

fn main() -> ExitCode {
    let mut venues = 5usize;
    let mut per_venue = 360usize;
    let mut seed = 1u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        let Some(value) = inline.or_else(|| args.next()) else {
            eprintln!("gen_agenda: {flag} needs a value\n{USAGE}");
            return ExitCode::from(2);
        };
        let parsed = value.parse::<u64>();
        match (flag.as_str(), parsed) {
            ("--venues", Ok(n)) if n >= 1 => venues = n as usize,
            ("--per-venue", Ok(n)) => per_venue = n as usize,
            ("--seed", Ok(n)) => seed = n,
            ("--venues" | "--per-venue" | "--seed", _) => {
                eprintln!("gen_agenda: {flag}: `{value}` is not a usable number\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => {
                eprintln!("gen_agenda: unknown option `{flag}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let agenda = huiwu::sample::generate(venues, per_venue, seed);
    let mut out = BufWriter::new(std::io::stdout().lock());
    match huiwu::sample::write_agenda(&agenda, &mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_agenda: {e}");
            ExitCode::from(1)
        }
    }
}
