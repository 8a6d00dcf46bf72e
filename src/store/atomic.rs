//! Whole-file writes that either happen completely or not at all.
//!
//! The bytes go to a temporary file in the target's own directory (so that the rename
//! stays on one file system), are synced, and the temporary file is renamed over the
//! target; then the directory is synced so that the rename itself survives a power cut.
//! A reader sees the old file or the new one, never a half-written one. The file is
//! created private (0600 on Unix): exports and imports hold personal data.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write `bytes` to `path` atomically, replacing any existing file (a symlink at `path`
/// is replaced, not followed). On error the target is untouched and no temporary file
/// is left behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_inner(path, bytes, None)
}

/// [`write_atomic`], but the new file gets `permissions` instead of staying private:
/// for a file its owner already chose a mode for (an agenda rewritten in place). The
/// bytes are still written privately; the mode is given just before the rename, so the
/// file never appears with any other mode.
pub fn write_atomic_with_permissions(
    path: &Path,
    bytes: &[u8],
    permissions: fs::Permissions,
) -> io::Result<()> {
    write_atomic_inner(path, bytes, Some(permissions))
}

fn write_atomic_inner(
    path: &Path,
    bytes: &[u8],
    permissions: Option<fs::Permissions>,
) -> io::Result<()> {
    let file_name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a file name", path.display()),
        )
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            format!("{}: is a directory", path.display()),
        ));
    }

    let (tmp_path, mut file) = create_temp(&dir, &file_name.to_string_lossy())?;
    let result = (|| {
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if let Some(permissions) = permissions {
            fs::set_permissions(&tmp_path, permissions)?;
        }
        fs::rename(&tmp_path, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp_path);
        return Err(e);
    }
    sync_dir(&dir)
}

/// A new, private file beside the target, named so that it is plainly temporary.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let mut last_err = None;
    for _ in 0..16 {
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let tmp = dir.join(format!(".{name}.{}.tmp", &suffix[..12]));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_err = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_err.unwrap_or_else(|| io::Error::other("no temporary file name was free")))
}

/// Make a rename in `dir` durable. Windows cannot open a directory for syncing; there
/// the rename (MoveFileEx) is as durable as the OS makes it.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn writes_and_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomic(&path, b"first version, rather long").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn new_and_replaced_files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        fs::write(&path, b"old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write_atomic(&path, b"{}").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_given_mode_replaces_the_private_default() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("agenda.json");
        fs::write(&path, b"old").unwrap();
        write_atomic_with_permissions(&path, b"{}", fs::Permissions::from_mode(0o640)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert!(leftovers(dir.path()).is_empty());
    }

    /// Refused before any temporary exists. A write that fails after the temporary
    /// exists (a file size limit) is tested in tests/it/atomic_write.rs, in a child
    /// process.
    #[test]
    fn a_directory_in_the_way_is_refused_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), b"x").unwrap();
        let err = write_atomic(&target, b"new").unwrap_err();
        assert!(err.to_string().contains("directory"), "{err}");
        assert_eq!(fs::read(target.join("inside")).unwrap(), b"x");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.md");
        assert_eq!(
            write_atomic(&path, b"x").unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }
}
