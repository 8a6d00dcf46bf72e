//! The desk's file I/O besides the journal, done for the app when a view asks (see
//! [`Msg`](super::msg::Msg)): writing exports and reading a platform's attendance
//! export. Views stay free of I/O; these functions say what happened in words.

use std::path::Path;

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
    pub now: DateTime<Utc>,
}

/// Write `MEETING-ID.EXT` files into the export directory (atomically, private to the
/// user), and say which, or why not, in `lang`.
pub fn export(job: &ExportJob, lang: Lang) -> Notice {
    match write_exports(job, lang) {
        Ok(files) => {
            let files = files.join(T::ListSep.get(lang));
            let dir = job.dir.display().to_string();
            Notice {
                kind: NoticeKind::Success,
                text: Say::Exported { dir, files }.text(lang),
            }
        }
        Err(why) => Notice {
            kind: NoticeKind::Error,
            text: Say::ExportFailed { why }.text(lang),
        },
    }
}

fn write_exports(job: &ExportJob, lang: Lang) -> Result<Vec<String>, String> {
    // A journal problem in the words the CLI uses for it.
    let events = job.session.read_events().map_err(|e| e.message(lang))?;
    let m = job.session.meeting();
    let opts = Options::new(job.doc_lang, job.now);
    let mut written = Vec::new();
    for &f in job.formats {
        let bytes = export::render(f, m, &events, &opts).map_err(|e| e.to_string())?;
        let name = format!("{}.{}", m.agenda.meeting.id, f.extension());
        let path = job.dir.join(&name);
        write_atomic(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(name);
    }
    Ok(written)
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
