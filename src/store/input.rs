//! Reading a file the user named (a roster, a platform export, keys.json, an agenda),
//! with every way that can go wrong told apart, in the user's language: missing, a
//! dangling symbolic link, a directory, a pipe or device (never opened: reading a pipe
//! with no writer would hang), too large to be what it claims, unreadable.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::i18n::Lang;

/// Larger than any roster, export or agenda a meeting produces (36,000 people are a few
/// megabytes); a bigger file is the wrong file, and reading it would only exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug)]
pub enum InputError {
    Missing,
    /// A symbolic link whose target does not exist (an unmounted drive, a moved folder).
    DanglingLink(PathBuf),
    Directory,
    /// A pipe, socket or device: not a file that can be read to its end.
    NotAFile,
    TooLarge(u64),
    Empty,
    Denied,
    Other(io::Error),
}

impl InputError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (InputError::Missing, Lang::En) => "no such file".into(),
            (InputError::Missing, Lang::Zh) => "文件不存在".into(),
            (InputError::DanglingLink(t), Lang::En) => format!(
                "a symbolic link to {}, which does not exist (is a drive not mounted?)",
                t.display()
            ),
            (InputError::DanglingLink(t), Lang::Zh) => {
                format!(
                    "是指向 {} 的符号链接，而目标不存在（是否有磁盘未挂载？）",
                    t.display()
                )
            }
            (InputError::Directory, Lang::En) => "is a directory, not a file".into(),
            (InputError::Directory, Lang::Zh) => "是目录，不是文件".into(),
            (InputError::NotAFile, Lang::En) => {
                "is not a regular file (a pipe, socket or device); save the data to a file first"
                    .into()
            }
            (InputError::NotAFile, Lang::Zh) => {
                "不是普通文件（而是管道、套接字或设备）；请先将数据保存为文件".into()
            }
            (InputError::TooLarge(n), Lang::En) => format!(
                "the file is {} MB, more than the {} MB limit; is it the right file?",
                n / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            (InputError::TooLarge(n), Lang::Zh) => format!(
                "文件大小为 {} MB，超过 {} MB 的上限；是否选错了文件？",
                n / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
            (InputError::Empty, Lang::En) => "the file is empty".into(),
            (InputError::Empty, Lang::Zh) => "文件是空的".into(),
            (InputError::Denied, Lang::En) => "permission denied: the file cannot be read".into(),
            (InputError::Denied, Lang::Zh) => "没有读取该文件的权限".into(),
            (InputError::Other(e), Lang::En) => format!("cannot read the file: {e}"),
            (InputError::Other(e), Lang::Zh) => format!("无法读取文件：{e}"),
        }
    }
}

impl From<io::Error> for InputError {
    fn from(e: io::Error) -> InputError {
        match e.kind() {
            io::ErrorKind::NotFound => InputError::Missing,
            io::ErrorKind::PermissionDenied => InputError::Denied,
            io::ErrorKind::IsADirectory => InputError::Directory,
            _ => InputError::Other(e),
        }
    }
}

/// The whole file, after checking what it is. An empty file is returned as empty bytes;
/// [`read_nonempty`] refuses it.
pub fn read_input(path: &Path) -> Result<Vec<u8>, InputError> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // A link that exists but points nowhere says more than "no such file".
            if let Ok(l) = fs::symlink_metadata(path)
                && l.file_type().is_symlink()
            {
                let target = fs::read_link(path).unwrap_or_default();
                return Err(InputError::DanglingLink(target));
            }
            return Err(InputError::Missing);
        }
        Err(e) => return Err(e.into()),
    };
    if meta.is_dir() {
        return Err(InputError::Directory);
    }
    if !meta.is_file() {
        return Err(InputError::NotAFile);
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The size may have grown since: read at most one byte past the limit to tell.
    fs::File::open(path)?
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Like [`read_input`], and an empty file (or one of white space and a BOM only) is an
/// error: a roster or an export with nothing in it is the wrong file or a failed save.
pub fn read_nonempty(path: &Path) -> Result<Vec<u8>, InputError> {
    let bytes = read_input(path)?;
    let blank = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .or_else(|| bytes.strip_prefix(b"\xFF\xFE"))
        .or_else(|| bytes.strip_prefix(b"\xFE\xFF"))
        .unwrap_or(&bytes)
        .iter()
        .all(|b| b.is_ascii_whitespace() || *b == 0);
    if blank {
        return Err(InputError::Empty);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_bad_paths() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        assert!(matches!(
            read_input(&p.join("none")),
            Err(InputError::Missing)
        ));
        assert!(matches!(read_input(p), Err(InputError::Directory)));
        fs::write(p.join("blank"), b"\xEF\xBB\xBF \r\n").unwrap();
        assert!(matches!(
            read_nonempty(&p.join("blank")),
            Err(InputError::Empty)
        ));
        assert_eq!(read_input(&p.join("blank")).unwrap().len(), 6);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(p.join("gone"), p.join("link")).unwrap();
            match read_input(&p.join("link")) {
                Err(InputError::DanglingLink(t)) => assert_eq!(t, p.join("gone")),
                other => panic!("{other:?}"),
            }
            // /dev/null is a character device: refused without being opened.
            assert!(matches!(
                read_input(Path::new("/dev/null")),
                Err(InputError::NotAFile)
            ));
        }
    }
}
