//! Print one line per participant of an agenda, `name unit pinyin`, for comparing
//! `huiwu find` with a general fuzzy finder on the same people (`scripts/find-vs-fzf.sh`):
//!
//! ```sh
//! cargo run --release --example name_lines -- big.json > names.txt
//! fzf --filter wangxiaohong < names.txt
//! ```
//!
//! The pinyin is each character's first reading without tones, run together
//! (`王晓红` -> `wangxiaohong`); polyphonic surnames keep their common reading, as a plain
//! list made for fzf would.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use huiwu::i18n::Lang;
use huiwu::store::session::read_agenda_to_view;
use pinyin::ToPinyin;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: name_lines AGENDA > names.txt");
        return ExitCode::from(2);
    };
    let file = match read_agenda_to_view(path.as_ref(), Lang::En) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut write = || -> std::io::Result<()> {
        for p in &file.agenda.participants {
            let py: String = p
                .name
                .chars()
                .zip(p.name.as_str().to_pinyin())
                .map(|(c, r)| r.map_or_else(|| c.to_string(), |r| r.plain().to_string()))
                .collect();
            writeln!(out, "{} {} {py}", p.name, p.unit)?;
        }
        out.flush()
    };
    match write() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("name_lines: {e}");
            ExitCode::from(1)
        }
    }
}
