//! What a journal error means to the secretary, in both languages: which file, what went
//! wrong in plain words, and what to do next. The `Display` of [`JournalError`] stays the
//! short English form for logs; everything a user reads goes through
//! [`JournalError::message`].

use std::io;
use std::path::Path;

use super::journal::{JournalError, clip};
use crate::i18n::Lang;

impl JournalError {
    /// The full message for a person: names the file and says what to do.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            JournalError::Io { path, source } => io_message(path, source, lang),
            JournalError::Damaged { path, line, reason } => match lang {
                Lang::En => format!(
                    "{}: line {line} is damaged ({}); the journal was left untouched. Move the file aside or repair that line by hand",
                    path.display(),
                    reason.message(lang)
                ),
                Lang::Zh => format!(
                    "{}：第 {line} 行已损坏（{}）；记录文件未作任何改动。请将该文件移走，或手工修复这一行",
                    path.display(),
                    reason.message(lang)
                ),
            },
            JournalError::WrongMeeting {
                path,
                found,
                expected,
            } => match lang {
                Lang::En => format!(
                    "{}: the journal belongs to meeting `{}`, not `{expected}`; move it aside or choose another --data-dir",
                    path.display(),
                    clip(found, 80)
                ),
                Lang::Zh => format!(
                    "{}：该记录文件属于会议 `{}`，不是 `{expected}`；请将其移走，或用 --data-dir 另选目录",
                    path.display(),
                    clip(found, 80)
                ),
            },
            JournalError::DanglingLink { path, target } => match lang {
                Lang::En => format!(
                    "{}: the journal is a symbolic link to {}, which does not exist; is a drive not mounted? Nothing was written",
                    path.display(),
                    target.display()
                ),
                Lang::Zh => format!(
                    "{}：记录文件是指向 {} 的符号链接，而目标不存在；是否有磁盘未挂载？未写入任何内容",
                    path.display(),
                    target.display()
                ),
            },
            JournalError::NotAFile { path } => match lang {
                Lang::En => format!(
                    "{}: in the journal's place is a pipe, socket or device, not a file; move it aside. Nothing was written",
                    path.display()
                ),
                Lang::Zh => format!(
                    "{}：记录文件的位置上是管道、套接字或设备，而不是文件；请将其移开。未写入任何内容",
                    path.display()
                ),
            },
            JournalError::Locked { seat, pid, path } => match lang {
                Lang::En => format!(
                    "seat `{}` is already writing in process {pid} (journal {}). One seat is one writer: give this program another seat with --seat NAME (every desk, badge reader and script may write the meeting at once, each as its own seat), or close that one (Ctrl+C in its window) and try again. To look without writing, use `huiwu status`, `huiwu log` or `huiwu export`",
                    clip(seat, 80),
                    path.display()
                ),
                Lang::Zh => format!(
                    "席位 `{}` 已在进程 {pid} 中写入（记录文件 {}）。一个席位同时只能有一个程序写入：请用 --seat 名称 为本程序另设席位（各签到台、读卡器和脚本可以同时记录同一会议，各用自己的席位），或先在那个窗口退出（Ctrl+C）再重试。只想查看可用 `huiwu status`、`huiwu log` 或 `huiwu export`",
                    clip(seat, 80),
                    path.display()
                ),
            },
            JournalError::Newer { path, version } => match lang {
                Lang::En => format!(
                    "{}: written by a newer huiwu (journal format {version}; this one reads up to {}). Upgrade huiwu to read it; the file was left untouched",
                    path.display(),
                    super::journal::FORMAT
                ),
                Lang::Zh => format!(
                    "{}：由较新版本的 huiwu 写入（记录格式 {version}，本版本最多读取 {}）。请升级 huiwu 后再读取；该文件未作任何改动",
                    path.display(),
                    super::journal::FORMAT
                ),
            },
            JournalError::ReadOnly => lang
                .pick(
                    "this desk is read-only (huiwu run --read-only): it records nothing; record at a desk opened without --read-only",
                    "本席位为只读（huiwu run --read-only）：不作任何记录；请在未加 --read-only 打开的席位记录",
                )
                .to_string(),
            JournalError::ForeignSeat { seat, path } => match lang {
                Lang::En => format!(
                    "seat `{}` is another computer's: its journal {} came from there (merged, or pulled from the server). Writing as it here would clash with that computer's record: choose another seat with --seat NAME",
                    clip(seat, 80),
                    path.display()
                ),
                Lang::Zh => format!(
                    "席位 `{}` 属于另一台电脑：其记录文件 {} 来自那台电脑（合并或从服务器接收）。在本机以该席位写入会与那台电脑的记录冲突：请用 --seat 名称 另选席位",
                    clip(seat, 80),
                    path.display()
                ),
            },
        }
    }

    /// A few words for the status line ("disk full", "read-only"): the notice line
    /// carries the full [`JournalError::message`].
    pub fn short(&self, lang: Lang) -> String {
        match self {
            JournalError::Io { source, .. } => io_short(source, lang).to_string(),
            JournalError::Damaged { line, .. } => match lang {
                Lang::En => format!("line {line} damaged"),
                Lang::Zh => format!("第 {line} 行损坏"),
            },
            JournalError::WrongMeeting { .. } => lang
                .pick("another meeting's journal", "不是本会议的记录")
                .to_string(),
            JournalError::Locked { pid, .. } => match lang {
                Lang::En => format!("seat in use by process {pid}"),
                Lang::Zh => format!("席位已被进程 {pid} 占用"),
            },
            JournalError::Newer { .. } => lang
                .pick("written by a newer huiwu", "由较新版本写入")
                .to_string(),
            JournalError::ForeignSeat { .. } => lang
                .pick("another computer's seat", "另一台电脑的席位")
                .to_string(),
            JournalError::DanglingLink { .. } => lang
                .pick("journal link broken", "记录文件链接失效")
                .to_string(),
            JournalError::NotAFile { .. } => lang
                .pick("journal is not a file", "记录文件不是普通文件")
                .to_string(),
            JournalError::ReadOnly => lang.pick("read-only", "只读").to_string(),
        }
    }
}

fn io_short(e: &io::Error, lang: Lang) -> &'static str {
    use io::ErrorKind as K;
    match e.kind() {
        K::StorageFull | K::FileTooLarge | K::QuotaExceeded => lang.pick("disk full", "磁盘已满"),
        K::ReadOnlyFilesystem => lang.pick("read-only", "只读"),
        K::PermissionDenied => lang.pick("permission denied", "无写入权限"),
        K::NotADirectory | K::NotFound => lang.pick("no such directory", "目录不可用"),
        _ => lang.pick("write failed", "写入失败"),
    }
}

fn io_message(path: &Path, e: &io::Error, lang: Lang) -> String {
    use io::ErrorKind as K;
    let p = path.display();
    match (e.kind(), lang) {
        (K::StorageFull | K::FileTooLarge | K::QuotaExceeded, Lang::En) => format!(
            "cannot write {p}: the disk is full or a file size limit was reached ({e}). Free some space and try again; to move to another disk, copy the whole data directory there and pass --data-dir DIR"
        ),
        (K::StorageFull | K::FileTooLarge | K::QuotaExceeded, Lang::Zh) => format!(
            "无法写入 {p}：磁盘已满或超出文件大小限制（{e}）。请释放磁盘空间后重试；如要换到其他磁盘，请把整个数据目录复制过去，再用 --data-dir 指定"
        ),
        (K::ReadOnlyFilesystem, Lang::En) => format!(
            "cannot write {p}: the data directory is on a read-only file system. Choose a writable one with --data-dir DIR (or HUIWU_DATA_DIR), copying this one there first to keep the meeting's records"
        ),
        (K::ReadOnlyFilesystem, Lang::Zh) => format!(
            "无法写入 {p}：数据目录所在的文件系统是只读的。请用 --data-dir（或 HUIWU_DATA_DIR）指定可写的目录；要保留本会议的记录，先把这个目录复制过去"
        ),
        (K::PermissionDenied, Lang::En) => format!(
            "cannot write {p}: permission denied. Fix the permissions, or choose a directory you can write with --data-dir DIR (or HUIWU_DATA_DIR)"
        ),
        (K::PermissionDenied, Lang::Zh) => format!(
            "无法写入 {p}：没有写入权限。请修改权限，或用 --data-dir（或 HUIWU_DATA_DIR）指定有写入权限的目录"
        ),
        (K::IsADirectory, Lang::En) => format!(
            "cannot use {p}: a directory is in the journal's place. Move it aside, or choose another data directory with --data-dir DIR"
        ),
        (K::IsADirectory, Lang::Zh) => format!(
            "无法使用 {p}：记录文件的位置上是一个目录。请将其移开，或用 --data-dir 另选数据目录"
        ),
        (K::NotFound, Lang::En) => format!(
            "cannot use {p}: no such file or directory. Check the data directory, or choose another with --data-dir DIR"
        ),
        (K::NotFound, Lang::Zh) => {
            format!("无法使用 {p}：文件或目录不存在。请检查数据目录，或用 --data-dir 另选一个")
        }
        (K::NotADirectory, Lang::En) => format!(
            "cannot use {p}: part of the path is a file, not a directory. Choose a data directory with --data-dir DIR (or HUIWU_DATA_DIR)"
        ),
        (K::NotADirectory, Lang::Zh) => format!(
            "无法使用 {p}：路径中有一部分是文件而不是目录。请用 --data-dir（或 HUIWU_DATA_DIR）指定数据目录"
        ),
        (_, Lang::En) => format!(
            "cannot write {p}: {e}. Check the data directory, or choose another with --data-dir DIR"
        ),
        (_, Lang::Zh) => {
            format!("无法写入 {p}：{e}。请检查数据目录，或用 --data-dir 另选一个")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn io(kind: io::ErrorKind) -> JournalError {
        JournalError::Io {
            path: PathBuf::from("/data/meetings/m.jsonl"),
            source: io::Error::from(kind),
        }
    }

    #[test]
    fn every_io_message_names_the_file_and_says_what_to_do() {
        use io::ErrorKind as K;
        for kind in [
            K::StorageFull,
            K::FileTooLarge,
            K::ReadOnlyFilesystem,
            K::PermissionDenied,
            K::NotADirectory,
            K::Other,
        ] {
            for lang in [Lang::En, Lang::Zh] {
                let m = io(kind).message(lang);
                assert!(m.contains("/data/meetings/m.jsonl"), "{m}");
                assert!(m.contains("--data-dir"), "{m}");
            }
        }
        assert!(
            io(K::StorageFull)
                .message(Lang::Zh)
                .contains("释放磁盘空间")
        );
        assert!(
            io(K::FileTooLarge)
                .message(Lang::En)
                .contains("Free some space")
        );
    }

    #[test]
    fn the_lock_message_names_the_seat_and_the_process_in_both_languages() {
        let e = JournalError::Locked {
            seat: "north-desk".into(),
            pid: "4242".into(),
            path: PathBuf::from("/d/m/north-desk.jsonl"),
        };
        for lang in [Lang::En, Lang::Zh] {
            let m = e.message(lang);
            assert!(
                m.contains("4242") && m.contains("north-desk") && m.contains("--seat"),
                "{m}"
            );
            assert!(m.contains("huiwu status"), "{m}");
        }
    }

    #[test]
    fn a_newer_journal_says_upgrade_in_both_languages() {
        let e = JournalError::Newer {
            path: PathBuf::from("/d/m/x.jsonl"),
            version: 9,
        };
        assert!(
            e.message(Lang::En)
                .contains("newer huiwu (journal format 9")
        );
        assert!(e.message(Lang::En).contains("Upgrade"));
        assert!(e.message(Lang::Zh).contains("请升级"));
    }
}
