//! Where huiwu keeps its files: the platform data dir, unless `--data-dir` or
//! `HUIWU_DATA_DIR` says otherwise.

use std::path::{Path, PathBuf};

/// The data dir: the explicit one if given, else the platform's
/// (`~/.local/share/huiwu` on Linux).
pub fn data_dir(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "huiwu")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no home directory to keep meetings in; pass --data-dir DIR or set HUIWU_DATA_DIR"
            )
        })
}

/// The config dir (key bindings): `~/.config/huiwu` on Linux; `HUIWU_CONFIG_DIR` overrides.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HUIWU_CONFIG_DIR") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "huiwu").map(|d| d.config_dir().to_path_buf())
}
