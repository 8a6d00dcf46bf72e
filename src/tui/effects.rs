//! The desk's file I/O besides the journal, done for the app when a view asks (see
//! [`Msg`](super::msg::Msg)): writing exports and reading a platform's attendance
//! export. Views stay free of I/O; these functions say what happened in words.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::msg::{Notice, NoticeKind};
use super::text::{Say, T};
use crate::export::{self, Format, Options};
use crate::i18n::{Lang, Said};
use crate::store::atomic::write_atomic;
use crate::store::input::read_nonempty;
use crate::store::session::Session;

/// What an export asks for.
pub struct ExportJob<'a> {
    /// The session the meeting is folded in: the JSON export carries every seat's events,
    /// read from disk.
    pub session: &'a Session,
    pub dir: &'a Path,
    pub formats: &'a [Format],
    /// The documents' language.
    pub doc_lang: Lang,
    /// Replace files that exist (the user said so); otherwise they are kept.
    pub replace: bool,
    pub now: DateTime<Utc>,
}

/// How an export went.
#[derive(Debug)]
pub enum Exported {
    /// Written, or failed: the notice says which files (full paths), or why not.
    Done(Notice),
    /// Nothing written: these files exist and `replace` was not given.
    Exists(Vec<PathBuf>),
}

/// Write `MEETING-ID.EXT` files into the export directory (atomically, private to the
/// user), and say where each went, or why not, in `lang`. A file that exists is kept,
/// and nothing written, unless the job says to replace.
pub fn export(job: &ExportJob, lang: Lang) -> Exported {
    let m = job.session.meeting();
    let paths: Vec<PathBuf> = job
        .formats
        .iter()
        .map(|f| {
            let name = format!("{}.{}", m.agenda.meeting.id, f.extension());
            job.dir.join(name)
        })
        .collect();
    let existing: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
    if !job.replace && !existing.is_empty() {
        return Exported::Exists(existing);
    }
    Exported::Done(match write_exports(job, &paths, lang) {
        Ok(()) => {
            // One file by its full path; several (all in the export directory) by the
            // directory's full path and their names, so that the line stays readable.
            let one = paths.len() == 1;
            let files = paths
                .iter()
                .map(|p| {
                    let shown = match p.file_name() {
                        Some(name) if !one => name.to_string_lossy().into_owned(),
                        _ => p.display().to_string(),
                    };
                    if existing.contains(p) {
                        format!("{shown}{}", T::Replaced.get(lang))
                    } else {
                        shown
                    }
                })
                .collect::<Vec<_>>()
                .join(T::ListSep.get(lang));
            let text = if one {
                Say::Exported { files }
            } else {
                let dir = job.dir.join("").display().to_string();
                Say::ExportedTo { dir, files }
            };
            Notice {
                kind: NoticeKind::Success,
                text: text.text(lang),
            }
        }
        Err(why) => Notice {
            kind: NoticeKind::Error,
            text: Say::ExportFailed { why }.text(lang),
        },
    })
}

fn write_exports(job: &ExportJob, paths: &[PathBuf], lang: Lang) -> Result<(), String> {
    // A journal problem in the words the CLI uses for it.
    let events = job.session.read_events().map_err(|e| e.message(lang))?;
    let m = job.session.meeting();
    let opts = Options::new(job.doc_lang, job.now);
    for (&f, path) in job.formats.iter().zip(paths) {
        let bytes = export::render(f, m, &events, &opts).map_err(|e| e.to_string())?;
        write_atomic(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// The bytes of a platform's attendance export, read the way the CLI reads it (no pipes,
/// no huge files, no empty ones), or why not, in `lang` and in the CLI's words.
pub fn read_platform_export(path: &Path, lang: Lang) -> Result<Vec<u8>, String> {
    read_nonempty(path).map_err(|e| {
        Said::FileProblem {
            file: path.display().to_string(),
            why: e.message(lang),
        }
        .text(lang)
    })
}
