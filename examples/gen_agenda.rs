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

use clap::Parser;

/// Print a large, deterministic agenda (JSON) on standard output.
#[derive(Parser)]
#[command(name = "gen_agenda")]
struct Args {
    /// Venues in all, the first one main.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..))]
    venues: u64,
    /// Participants per venue.
    #[arg(long, default_value_t = 360)]
    per_venue: u64,
    /// Another seed gives other names.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let Args {
        venues,
        per_venue,
        seed,
    } = Args::parse();
    let agenda = huiwu::sample::generate(venues as usize, per_venue as usize, seed);
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
