//! Names this build of the program by its source: a hash of every file under `src/`,
//! given to the program as `HUIWU_SOURCE_HASH`. The snapshot cache (`store::snapshot`)
//! keys its files by it, so that a build whose fold or agenda checks differ never trusts
//! what another build derived, even under the same version number.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    files.sort();
    // SipHash with fixed keys: the same sources give the same hash with one toolchain.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        f.to_string_lossy().hash(&mut h);
        std::fs::read(f).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env=HUIWU_SOURCE_HASH={:016x}", h.finish());
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}
