//! `huiwu export` as a user runs it: default file names, `-o -`, private files, atomic
//! overwrite, contacts only when asked, the agenda's language unless `--lang`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const FIXTURE: &str = include_str!("../fixtures/export-meeting.json");

struct Env {
    dir: tempfile::TempDir,
    agenda: PathBuf,
    data: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let agenda = dir.path().join("agenda.json");
    fs::write(&agenda, FIXTURE).unwrap();
    let data = dir.path().join("data");
    let e = Env { dir, agenda, data };
    // A little history, through the real binary.
    huiwu(&e, None)
        .args(["attend"])
        .arg(&e.agenda)
        .arg("王晓红")
        .assert()
        .success();
    huiwu(&e, None)
        .args(["attend"])
        .arg(&e.agenda)
        .args(["赵丽", "--excused", "出差北京"])
        .assert()
        .success();
    e
}

fn huiwu(e: &Env, lang: Option<&str>) -> Command {
    let mut c = Command::cargo_bin("huiwu").unwrap();
    if let Some(l) = lang {
        c.arg("--lang").arg(l);
    }
    c.arg("--data-dir")
        .arg(&e.data)
        .arg("--seat")
        .arg("test-desk")
        .env_remove("HUIWU_DATA_DIR")
        .env("LANG", "en_US.UTF-8")
        .current_dir(e.dir.path());
    c
}

fn export(e: &Env, args: &[&str]) -> Command {
    let mut c = huiwu(e, None);
    c.arg("export").arg(&e.agenda).args(args);
    c
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn every_format_goes_to_a_private_file_named_after_the_meeting() {
    let e = env();
    for ext in ["md", "html", "json", "csv", "xlsx"] {
        export(&e, &["--format", ext])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("tc-2017-05-04.{ext}")));
        let path = e.dir.path().join(format!("tc-2017-05-04.{ext}"));
        assert!(fs::metadata(&path).unwrap().len() > 100, "{ext} is empty");
        if ext == "json" {
            crate::common::schema::Shape::Export.parse(&fs::read(&path).unwrap());
        }
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600, "{ext}");
    }
    // No temporary files left behind.
    let leftovers: Vec<_> = fs::read_dir(e.dir.path())
        .unwrap()
        .map(|d| d.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn minutes_follow_the_agenda_language_unless_lang_is_given() {
    let e = env();
    // The process locale is English, the agenda says zh: Chinese minutes.
    export(&e, &["-f", "md", "-o", "-"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# 铜川市教育扶贫工作视频电话会议纪要",
        ))
        .stdout(predicate::str::contains(
            "**请假**：赵丽（市扶贫办；出差北京）",
        ));
    let mut c = huiwu(&e, Some("en"));
    c.arg("export").arg(&e.agenda).args(["-f", "md", "-o", "-"]);
    c.assert().success().stdout(predicate::str::starts_with(
        "# Minutes of 铜川市教育扶贫工作视频电话会议",
    ));
}

#[test]
fn stdout_only_for_text_and_bad_usage_exits_2() {
    let e = env();
    export(&e, &["-f", "xlsx", "-o", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-o"))
        .stdout(predicate::str::is_empty());
    export(&e, &["-f", "pdf"]).assert().code(2);
    export(&e, &[]).assert().code(2);
    export(&e, &["-f", "csv", "-o", "-"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "\u{FEFF}序号,姓名,单位,职务,会场,状态,签到时间,备注\r\n",
        ));
}

#[test]
fn overwriting_replaces_the_whole_file_and_makes_it_private() {
    let e = env();
    let out = e.dir.path().join("minutes.html");
    // An older, longer file with loose permissions.
    fs::write(&out, "x".repeat(1_000_000)).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
    }
    // Kept unless the user says so.
    export(&e, &["-f", "html", "-o"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--force"));
    export(&e, &["-f", "html", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    let page = fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(!page.contains("xxxx"));
    #[cfg(unix)]
    assert_eq!(mode(&out), 0o600);
}

#[cfg(unix)]
#[test]
fn an_export_cut_short_by_a_size_limit_leaves_the_old_file_and_no_temporary() {
    use std::os::unix::fs::PermissionsExt;
    let e = env();
    let out = e.dir.path().join("meeting.json");
    fs::write(&out, "the old export\n").unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("huiwu");
    for lang in ["en", "zh"] {
        // The export is tens of KiB; the limit lets one KiB at most be written (512-byte
        // blocks in POSIX sh): the write into the temporary fails with EFBIG.
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 2; exec \"$@\"")
            .arg("sh")
            .arg(&bin)
            .args(["--lang", lang, "--seat", "test-desk", "--data-dir"])
            .arg(&e.data)
            .arg("export")
            .arg(&e.agenda)
            .args(["-f", "json", "--force", "-o"])
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("meeting.json"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(o.stdout.is_empty(), "nothing claimed written");
        assert_eq!(fs::read_to_string(&out).unwrap(), "the old export\n");
        assert_eq!(mode(&out), 0o640, "the old file keeps its mode");
        let leftovers = crate::atomic_write::leftovers(e.dir.path());
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    // Without the limit the same export replaces it.
    export(&e, &["-f", "json", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(fs::read_to_string(&out).unwrap().contains("\"format\": 1"));
}

/// Refusals that come before anything is written: a directory where the file should be,
/// a file where a folder of the path should be.
#[test]
fn a_path_that_cannot_be_written_says_where_and_leaves_what_is_there() {
    let e = env();
    let dir_in_the_way = e.dir.path().join("out.csv");
    fs::create_dir(&dir_in_the_way).unwrap();
    export(&e, &["-f", "csv", "-o"])
        .arg(&dir_in_the_way)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("out.csv"));
    assert!(dir_in_the_way.is_dir());
    // A file where a folder of the path should be.
    fs::write(e.dir.path().join("blocker"), b"x").unwrap();
    export(&e, &["-f", "md", "-o", "blocker/m.md"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("blocker"));
    assert_eq!(fs::read(e.dir.path().join("blocker")).unwrap(), b"x");
}

#[test]
fn phone_numbers_only_with_include_contacts() {
    let e = env();
    for f in ["md", "html", "json", "csv"] {
        export(&e, &["-f", f, "-o", "-"])
            .assert()
            .success()
            .stdout(predicate::str::contains("13900000001").not())
            .stdout(predicate::str::contains("13800000001").not());
    }
    export(&e, &["-f", "csv", "-o", "-", "--include-contacts"])
        .assert()
        .success()
        .stdout(predicate::str::contains("联系电话"))
        .stdout(predicate::str::contains("13900000001"));
    export(&e, &["-f", "json", "--include-contacts"])
        .assert()
        .success()
        .stderr(predicate::str::contains("0600"));
}

#[test]
fn a_meeting_never_opened_exports_its_plan() {
    let e = env();
    let fresh = e.dir.path().join("fresh");
    let mut c = Command::cargo_bin("huiwu").unwrap();
    c.arg("--data-dir")
        .arg(&fresh)
        .env_remove("HUIWU_DATA_DIR")
        .env("LANG", "en_US.UTF-8")
        .current_dir(e.dir.path())
        .arg("export")
        .arg(&e.agenda)
        .args(["-f", "csv", "-o", "-"]);
    c.assert()
        .success()
        .stderr(predicate::str::contains("plan only"))
        .stdout(predicate::str::contains("王晓红"));
}
