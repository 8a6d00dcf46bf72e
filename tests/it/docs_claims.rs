//! docs/reliability.md proves each promise by naming a test: every test it names exists,
//! and every file it names is there. (The JSON docs are checked in `json_shapes`, the
//! due-date tables in `due_docs`, the agenda example in `check_cli`.)

use std::path::Path;

fn sources(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_test_and_file_the_reliability_page_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/reliability.md")).unwrap();
    let mut code = String::new();
    sources(&root.join("src"), &mut code);
    sources(&root.join("tests"), &mut code);
    let quoted: Vec<&str> = doc.split('`').skip(1).step_by(2).collect();
    // A test name: lower-case words joined by at least three underscores.
    let tests: Vec<&str> = quoted
        .iter()
        .copied()
        .filter(|q| {
            q.matches('_').count() >= 3
                && q.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect();
    assert!(tests.len() > 80, "only {} test names found", tests.len());
    let missing: Vec<&&str> = tests
        .iter()
        .filter(|t| !code.contains(&format!("fn {t}(")))
        .collect();
    assert!(
        missing.is_empty(),
        "named in docs/reliability.md, not found: {missing:?}"
    );
    // Files named in parentheses: `(tests/it/crash_attend.rs)`, `(src/store/journal.rs)`.
    let files: Vec<&str> = doc
        .split('(')
        .filter_map(|s| s.split(')').next())
        .filter(|s| (s.starts_with("tests/") || s.starts_with("src/")) && s.ends_with(".rs"))
        .collect();
    assert!(files.len() > 20, "only {} files found", files.len());
    for f in files {
        assert!(
            root.join(f).is_file(),
            "docs/reliability.md names {f}, which is not there"
        );
    }
}
