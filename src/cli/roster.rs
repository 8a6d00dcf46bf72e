//! `huiwu roster import FILE... --into AGENDA`: people from CSV/XLSX/XLS/ODS rosters into
//! an agenda, reporting what is new, what changed, duplicates and unusable rows by row
//! number; the agenda is rewritten atomically with a backup of the old file beside it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::agenda::Agenda;
use crate::core::load::{Severity, load_agenda};
use crate::i18n::Lang;
use crate::import::header::{self, Field, HeaderError, MapRule, Mapping};
use crate::import::roster::{self, Plan, RowRef, Source};
use crate::import::table::{self, FileKind, Table};
use crate::import::{agenda_edit, encoding, venue};
use crate::store::atomic::write_atomic_with_permissions;

use super::Ctx;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: RosterCmd,
}

#[derive(Debug, clap::Subcommand)]
pub enum RosterCmd {
    /// Add people from CSV/TSV, XLSX, XLS or ODS rosters to an agenda (or update them)
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Roster files: CSV/TSV in any common encoding, XLSX, XLS or ODS
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The agenda file to add the people to
    #[arg(long, value_name = "AGENDA")]
    pub into: PathBuf,
    /// Venue (id or name) of the people whose row names none
    #[arg(long, value_name = "ID")]
    pub venue: Option<String>,
    /// Text encoding of CSV files (utf-8, gbk, gb18030, utf-16le, big5, ...); detected if not given
    #[arg(long, value_name = "E")]
    pub encoding: Option<String>,
    /// What columns hold: 'COLUMN=FIELD,...', COLUMN a header or a letter, FIELD one of
    /// name, unit, title, category, venue, phone, id, no, role, - (leave out)
    #[arg(long, value_name = "MAP")]
    pub map: Option<String>,
    /// Show what would change and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        RosterCmd::Import(a) => import(ctx, a),
    }
}

/// A table read from one file, ready to plan with.
struct Loaded {
    label: String,
    /// The text encoding found, for a CSV file.
    encoding: Option<String>,
    table: Table,
    mapping: Mapping,
    default_venue: Option<usize>,
    venue_from: VenueFrom,
    /// Rows from which control characters or escape sequences were removed.
    stripped: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VenueFrom {
    Flag,
    Title,
    OnlyVenue,
    Column,
}

fn usage(msg: String) -> anyhow::Result<ExitCode> {
    errln!("huiwu: {msg}");
    Ok(ExitCode::from(2))
}

fn import(ctx: &Ctx, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let lang = ctx.lang;
    let forced = match &args.encoding {
        None => None,
        Some(label) => match encoding::by_label(label) {
            Some(e) => Some(e),
            None => {
                return usage(match lang {
                    Lang::En => format!(
                        "unknown encoding `{label}`; try utf-8, gbk, gb18030, utf-16le, utf-16be or big5"
                    ),
                    Lang::Zh => format!(
                        "无法识别的编码 `{label}`；可用 utf-8、gbk、gb18030、utf-16le、utf-16be、big5"
                    ),
                });
            }
        },
    };
    let rules: Vec<MapRule> = match &args.map {
        None => Vec::new(),
        Some(spec) => match header::parse_map(spec, lang) {
            Ok(r) => r,
            Err(e) => return usage(e),
        },
    };
    let agenda_file = ctx.agenda(&args.into, lang)?;
    let agenda: &Agenda = &agenda_file.agenda;
    let flag_venue = match &args.venue {
        None => None,
        Some(v) => match venue::resolve(agenda, v) {
            Some(i) => Some(i),
            None => return usage(unknown_venue(agenda, v, lang)),
        },
    };
    // The text to rewrite: read once, and checked to be the text that was validated.
    let original_bytes = fs::read(&args.into)?;
    if crate::store::session::hex_sha256(&original_bytes) != agenda_file.sha256 {
        anyhow::bail!(
            "{}",
            lang.pick(
                "the agenda changed while it was being read; try again",
                "读取期间议程文件被修改；请重试"
            )
        );
    }
    let original = String::from_utf8(original_bytes)?;

    let mut loaded: Vec<Loaded> = Vec::new();
    let mut failed = false;
    for path in &args.files {
        match load_file(path, forced, &rules, agenda, flag_venue, lang) {
            Ok(mut tables) => loaded.append(&mut tables),
            Err(msg) => {
                errln!("huiwu: {}: {msg}", path.display());
                failed = true;
            }
        }
    }
    if failed {
        return Ok(ExitCode::from(1));
    }
    let sources: Vec<Source<'_>> = loaded
        .iter()
        .map(|l| Source {
            table: &l.table,
            mapping: &l.mapping,
            default_venue: l.default_venue,
        })
        .collect();
    let plan = roster::plan(agenda, &sources);
    let labels: Vec<&str> = loaded.iter().map(|l| l.label.as_str()).collect();
    for l in &loaded {
        describe_source(l, agenda, lang);
    }
    let stripped: Vec<String> = loaded
        .iter()
        .enumerate()
        .flat_map(|(source, l)| {
            let labels = &labels;
            l.stripped
                .iter()
                .map(move |&row| row_label(RowRef { source, row }, labels, lang))
        })
        .collect();
    super::say_stripped(&stripped, lang);
    print_plan(&plan, agenda, &labels, lang);
    // People added to a venue that reports a headcount are listed but not counted: say so
    // once, not once per person as `huiwu check` would.
    for v in &agenda.venues {
        let n = plan
            .added
            .iter()
            .filter(|&&(_, i)| plan.participants[i].venue == v.id)
            .count();
        if n > 0 && v.sign_in == crate::core::agenda::SignInMode::Headcount {
            errln!(
                "huiwu: {}",
                match lang {
                    Lang::En => format!(
                        "warning: {} ({}) reports a headcount, so its {n} new people are listed but not counted; set its \"sign_in\" to \"roster\" in the agenda to sign them in one by one",
                        v.name, v.id
                    ),
                    Lang::Zh => format!(
                        "警告：{}（{}）按人数报到，新增的 {n} 人只列出、不计数；如需逐人签到，请在议程中将其 \"sign_in\" 改为 \"roster\"",
                        v.name, v.id
                    ),
                }
            );
        }
    }

    let target = args.into.display().to_string();
    // Rows there were, and not one could be used: the file is not a roster as read.
    let usable = plan.added.len() + plan.updated.len() + plan.unchanged.len();
    if usable == 0 && plan.duplicates.is_empty() && !plan.skipped.is_empty() {
        errln!(
            "huiwu: {}",
            match lang {
                Lang::En =>
                    format!("no row could be used (see the reasons above); {target} not written"),
                Lang::Zh => format!("没有一行可以使用（原因见上）；未写入 {target}"),
            }
        );
        return Ok(ExitCode::from(1));
    }
    if args.dry_run {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("dry run: {target} not changed"),
                Lang::Zh => format!("试运行：未修改 {target}"),
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    if !plan.changes_anything() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("nothing to change; {target} not written"),
                Lang::Zh => format!("没有需要修改的内容；未写入 {target}"),
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let changed: Vec<usize> = plan.updated.iter().map(|&(_, i, _)| i).collect();
    let rewritten = agenda_edit::rewrite_participants(
        &original,
        agenda.participants.len(),
        &changed,
        &plan.participants,
    )
    .map_err(|e| anyhow::anyhow!("{}: {}", lang.pick("internal error", "内部错误"), e.0))?;
    // The result must pass the same check as any agenda before it replaces the old one.
    let check = load_agenda(rewritten.text.as_bytes(), lang);
    if check.has_errors() {
        for d in check
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            errln!("{}", d.display(&target, lang));
        }
        errln!(
            "huiwu: {}",
            match lang {
                Lang::En => format!(
                    "the imported agenda would not pass `huiwu check`; {target} not written"
                ),
                Lang::Zh => format!("导入后的议程无法通过 `huiwu check`；未写入 {target}"),
            }
        );
        return Ok(ExitCode::from(1));
    }
    if rewritten.lost_comments {
        errln!(
            "huiwu: {}",
            lang.pick(
                "warning: comments inside the rewritten participants are gone (the backup has them)",
                "警告：被改写的参会人员条目中的注释已丢失（备份文件中仍有）"
            )
        );
    }
    let backup = write_with_backup(&args.into, rewritten.text.as_bytes())?;
    outln!(
        "{}",
        match lang {
            Lang::En => format!(
                "wrote {target} (the old file is kept as {})",
                backup.display()
            ),
            Lang::Zh => format!("已写入 {target}（原文件备份为 {}）", backup.display()),
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn unknown_venue(agenda: &Agenda, v: &str, lang: Lang) -> String {
    let list: Vec<String> = agenda
        .venues
        .iter()
        .map(|x| format!("{} ({})", x.id, x.name))
        .collect();
    match lang {
        Lang::En => format!("no venue `{v}` in the agenda; venues: {}", list.join(", ")),
        Lang::Zh => format!("议程中没有会场 `{v}`；现有会场：{}", list.join("、")),
    }
}

/// Read one roster file into its tables (one per usable sheet).
fn load_file(
    path: &Path,
    forced: Option<&'static encoding_rs::Encoding>,
    rules: &[MapRule],
    agenda: &Agenda,
    flag_venue: Option<usize>,
    lang: Lang,
) -> Result<Vec<Loaded>, String> {
    let bytes = crate::store::input::read_nonempty(path).map_err(|e| e.message(lang))?;
    let name = path.display().to_string();
    let tables = match table::sniff_kind(&bytes) {
        FileKind::Workbook => {
            if forced.is_some() {
                errln!(
                    "huiwu: {name}: {}",
                    lang.pick(
                        "a workbook carries its own encoding; --encoding is ignored for it",
                        "工作簿自带编码；--encoding 对其无效"
                    )
                );
            }
            table::read_workbook(&bytes).map_err(|e| e.message(lang))?
        }
        FileKind::Text => {
            let d = encoding::decode(&bytes, forced);
            if d.replaced > 0 {
                errln!(
                    "huiwu: {name}: {}",
                    match lang {
                        Lang::En => format!(
                            "{} characters could not be read as {}; if names look wrong, give --encoding (gbk, utf-8, big5, ...)",
                            d.replaced,
                            encoding::display_name(d.encoding)
                        ),
                        Lang::Zh => format!(
                            "有 {} 个字符无法按 {} 读取；如姓名显示为乱码，请用 --encoding 指定编码（gbk、utf-8、big5 等）",
                            d.replaced,
                            encoding::display_name(d.encoding)
                        ),
                    }
                );
            }
            let (mut t, unclosed) = table::parse_delimited_checked(&d.text, None);
            if let Some(row) = unclosed {
                return Err(match lang {
                    Lang::En => format!(
                        "row {row}: a quotation mark opened here is never closed, so the rest of the file reads as one cell; fix the quotes, or save the file again from the spreadsheet program"
                    ),
                    Lang::Zh => format!(
                        "第 {row} 行：此处的引号没有闭合，文件其余部分都被读成了一个单元格；请修正引号，或用电子表格软件重新保存该文件"
                    ),
                });
            }
            t.sheet = None;
            let enc = format!(
                "{}{}",
                encoding::display_name(d.encoding),
                if d.bom { " (BOM)" } else { "" }
            );
            let mut l = vec![t];
            return finish(&name, &mut l, Some(enc), rules, agenda, flag_venue, lang);
        }
    };
    let mut tables = tables;
    finish(&name, &mut tables, None, rules, agenda, flag_venue, lang)
}

fn finish(
    name: &str,
    tables: &mut Vec<Table>,
    encoding: Option<String>,
    rules: &[MapRule],
    agenda: &Agenda,
    flag_venue: Option<usize>,
    lang: Lang,
) -> Result<Vec<Loaded>, String> {
    let several = tables.len() > 1;
    let mut out = Vec::new();
    let mut first_error = None;
    for mut t in tables.drain(..) {
        let stripped = t.strip_controls();
        if t.rows.iter().all(|r| r.is_blank()) {
            continue;
        }
        let label = match (&t.sheet, several) {
            (Some(s), true) => format!("{name} [{s}]"),
            _ => name.to_string(),
        };
        let mapping = match header::find(&t, rules) {
            Ok(m) => m,
            // In a workbook, a sheet without a roster (notes, a chart) is passed over.
            Err(e @ HeaderError::NoNameColumn { .. }) if several => {
                first_error.get_or_insert(e);
                continue;
            }
            Err(e) => return Err(prefix(&label, name, e.message(lang))),
        };
        let (default_venue, venue_from) = if let Some(v) = flag_venue {
            (Some(v), VenueFrom::Flag)
        } else if let Some(v) = roster::venue_hint(agenda, &t, &mapping) {
            (Some(v), VenueFrom::Title)
        } else if agenda.venues.len() == 1 {
            (Some(0), VenueFrom::OnlyVenue)
        } else if mapping.column_of(Field::Venue).is_some() {
            (None, VenueFrom::Column)
        } else {
            let list: Vec<String> = agenda
                .venues
                .iter()
                .map(|x| format!("{} ({})", x.id, x.name))
                .collect();
            return Err(prefix(
                &label,
                name,
                match lang {
                    Lang::En => format!(
                        "which venue are these people at? The file has no venue column and its title names none; give --venue (venues: {})",
                        list.join(", ")
                    ),
                    Lang::Zh => format!(
                        "这些人员属于哪个会场？文件中没有会场列，标题中也未写明；请用 --venue 指定（现有会场：{}）",
                        list.join("、")
                    ),
                },
            ));
        };
        out.push(Loaded {
            label,
            encoding: encoding.clone(),
            table: t,
            mapping,
            default_venue,
            venue_from,
            stripped,
        });
    }
    if out.is_empty() {
        let e = first_error.unwrap_or(HeaderError::NoNameColumn {
            searched: header::HEADER_SEARCH_ROWS,
        });
        return Err(e.message(lang));
    }
    Ok(out)
}

fn prefix(label: &str, name: &str, msg: String) -> String {
    if label == name {
        msg
    } else {
        format!("{}: {msg}", &label[name.len()..].trim())
    }
}

/// `FILE: UTF-8 (BOM); header at row 3: 姓名 -> name, ...; left out: 签名`.
fn describe_source(l: &Loaded, agenda: &Agenda, lang: Lang) {
    let (label, enc) = (l.label.as_str(), l.encoding.as_deref());
    let header_cells: Vec<String> = match l.mapping.header {
        Some(h) => l.table.rows[h].cells.clone(),
        None => Vec::new(),
    };
    let cols: Vec<String> = l
        .mapping
        .columns
        .iter()
        .enumerate()
        .filter_map(|(c, f)| {
            let f = (*f)?;
            if f == Field::Ignore {
                return None;
            }
            let h = header_cells
                .get(c)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| table::column_letter(c));
            Some(format!("{h}→{}", f.key()))
        })
        .collect();
    let venue = l
        .default_venue
        .map(|v| agenda.venues[v].name.as_str())
        .unwrap_or("");
    let mut line = label.to_string();
    let sep = lang.pick("; ", "；");
    if let Some(e) = enc {
        line.push_str(lang.pick(": ", "："));
        line.push_str(e);
        line.push_str(sep);
    } else {
        line.push_str(lang.pick(": ", "："));
    }
    match (l.mapping.header_row_number(&l.table), lang) {
        (Some(n), Lang::En) => line.push_str(&format!("header at row {n}: ")),
        (Some(n), Lang::Zh) => line.push_str(&format!("表头在第 {n} 行：")),
        (None, Lang::En) => line.push_str("no header row: "),
        (None, Lang::Zh) => line.push_str("无表头："),
    }
    line.push_str(&cols.join(", "));
    if !l.mapping.unknown.is_empty() {
        line.push_str(sep);
        line.push_str(lang.pick("left out: ", "未导入的列："));
        line.push_str(&l.mapping.unknown.join(", "));
    }
    let from = match (l.venue_from, lang) {
        (VenueFrom::Flag, Lang::En) => "--venue",
        (VenueFrom::Flag, Lang::Zh) => "--venue",
        (VenueFrom::Title, Lang::En) => "from the title",
        (VenueFrom::Title, Lang::Zh) => "据标题",
        (VenueFrom::OnlyVenue, Lang::En) => "the only venue",
        (VenueFrom::OnlyVenue, Lang::Zh) => "唯一会场",
        (VenueFrom::Column, _) => "",
    };
    if l.venue_from != VenueFrom::Column {
        line.push_str(sep);
        line.push_str(&match lang {
            Lang::En => format!("venue: {venue} ({from})"),
            Lang::Zh => format!("会场：{venue}（{from}）"),
        });
    }
    outln!("{line}");
}

fn row_label(at: RowRef, labels: &[&str], lang: Lang) -> String {
    let file = labels[at.source];
    match (labels.len() > 1, lang) {
        (true, Lang::En) => format!("{file} row {}", at.row),
        (true, Lang::Zh) => format!("{file} 第 {} 行", at.row),
        (false, Lang::En) => format!("row {}", at.row),
        (false, Lang::Zh) => format!("第 {} 行", at.row),
    }
}

fn print_plan(plan: &Plan, agenda: &Agenda, labels: &[&str], lang: Lang) {
    let venue_name = |id: &str| {
        agenda
            .venues
            .iter()
            .find(|v| v.id == id)
            .map(|v| v.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    if !plan.added.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("to add ({}):", plan.added.len()),
                Lang::Zh => format!("新增（{} 人）：", plan.added.len()),
            }
        );
        for &(at, i) in &plan.added {
            let p = &plan.participants[i];
            outln!(
                "  + {}\t{}\t{}\t{}\t{}\t{}",
                row_label(at, labels, lang),
                p.id,
                p.name,
                p.unit,
                p.title,
                venue_name(&p.venue)
            );
        }
    }
    if !plan.updated.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("to update ({}):", plan.updated.len()),
                Lang::Zh => format!("更新（{} 人）：", plan.updated.len()),
            }
        );
        for (at, i, fields) in &plan.updated {
            let before = &agenda.participants[*i];
            let after = &plan.participants[*i];
            let changes: Vec<String> = fields
                .iter()
                .map(|f| {
                    let (a, b) = match f {
                        Field::Name => (before.name.clone(), after.name.clone()),
                        Field::Unit => (before.unit.clone(), after.unit.clone()),
                        Field::Title => (before.title.clone(), after.title.clone()),
                        Field::Category => (before.category.clone(), after.category.clone()),
                        Field::Venue => (venue_name(&before.venue), venue_name(&after.venue)),
                        Field::Phone => (
                            before.phone.clone().unwrap_or_default(),
                            after.phone.clone().unwrap_or_default(),
                        ),
                        Field::Role => (
                            format!("{:?}", before.role).to_lowercase(),
                            format!("{:?}", after.role).to_lowercase(),
                        ),
                        _ => (String::new(), String::new()),
                    };
                    let a = if a.is_empty() { "∅".to_string() } else { a };
                    format!("{} {a} → {b}", f.label(lang))
                })
                .collect();
            outln!(
                "  ~ {}\t{}\t{}\t{}",
                row_label(*at, labels, lang),
                after.id,
                after.name,
                changes.join(lang.pick("; ", "；"))
            );
        }
    }
    if !plan.duplicates.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("duplicates, left out ({}):", plan.duplicates.len()),
                Lang::Zh => format!("重复，未导入（{} 行）：", plan.duplicates.len()),
            }
        );
        for d in &plan.duplicates {
            let first = row_label(d.first, labels, lang);
            outln!(
                "  = {}\t{}\t{}",
                row_label(d.at, labels, lang),
                d.name,
                match lang {
                    Lang::En => format!("same as {first}"),
                    Lang::Zh => format!("与{first}重复"),
                }
            );
        }
    }
    if !plan.skipped.is_empty() {
        outln!(
            "{}",
            match lang {
                Lang::En => format!("rows not used ({}):", plan.skipped.len()),
                Lang::Zh => format!("未能使用的行（{} 行）：", plan.skipped.len()),
            }
        );
        for s in &plan.skipped {
            outln!(
                "  ! {}\t{}",
                row_label(s.at, labels, lang),
                s.reason.message(lang)
            );
        }
    }
    if !plan.notices.is_empty() {
        outln!("{}", lang.pick("to check:", "请核对："));
        for n in &plan.notices {
            outln!(
                "  ? {}\t{}",
                row_label(n.at(), labels, lang),
                n.message(lang)
            );
        }
    }
    outln!(
        "{}",
        match lang {
            Lang::En => format!(
                "added {}, updated {}, unchanged {}, duplicates {}, rows not used {}",
                plan.added.len(),
                plan.updated.len(),
                plan.unchanged.len(),
                plan.duplicates.len(),
                plan.skipped.len()
            ),
            Lang::Zh => format!(
                "新增 {}，更新 {}，未变 {}，重复 {}，未能使用 {}",
                plan.added.len(),
                plan.updated.len(),
                plan.unchanged.len(),
                plan.duplicates.len(),
                plan.skipped.len()
            ),
        }
    );
}

/// Keep the old file as `AGENDA.bak-YYYYMMDDTHHMMSS` beside it, then replace the agenda
/// atomically (`store::atomic`), giving the new file the old one's permissions.
fn write_with_backup(path: &Path, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("{}: not a file name", path.display()))?
        .to_string_lossy()
        .into_owned();
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S").to_string();
    let mut backup = dir.join(format!("{file_name}.bak-{stamp}"));
    let mut n = 1;
    while backup.exists() {
        backup = dir.join(format!("{file_name}.bak-{stamp}-{n}"));
        n += 1;
    }
    // The backup is private (0600) whatever the agenda's mode: it holds the roster, phone
    // numbers included, and nobody else needs to read an old copy. `create_new`, not an
    // atomic replace: a backup must never overwrite another one.
    let old_bytes = fs::read(path)?;
    let mut f = crate::store::journal::private_file_options()
        .write(true)
        .create_new(true)
        .open(&backup)
        .map_err(|e| anyhow::anyhow!("{}: {e}", backup.display()))?;
    f.write_all(&old_bytes)
        .and_then(|_| f.sync_all())
        .map_err(|e| anyhow::anyhow!("{}: {e}", backup.display()))?;
    let perms = fs::metadata(path)?.permissions();
    write_atomic_with_permissions(path, bytes, perms)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(backup)
}
