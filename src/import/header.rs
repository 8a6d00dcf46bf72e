//! Finding the header row of a roster below its title rows, and knowing what each column
//! holds from its header in Chinese or English. `--map` overrides what the headers say.

use super::normalize;
use super::table::{Table, column_from_letter, column_letter};
use crate::i18n::Lang;

/// What a roster column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// 序号: the line number of a printed sheet; recognised so it is not reported as
    /// unknown, not stored (it restarts in every district's file).
    Serial,
    /// 编号/id: a stable participant id (badge number).
    Id,
    Name,
    Unit,
    Title,
    Category,
    Venue,
    Phone,
    Role,
    /// A column to leave out (`--map 备注=-`).
    Ignore,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Serial,
        Field::Id,
        Field::Name,
        Field::Unit,
        Field::Title,
        Field::Category,
        Field::Venue,
        Field::Phone,
        Field::Role,
        Field::Ignore,
    ];

    /// The name used in `--map`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Serial => "no",
            Field::Id => "id",
            Field::Name => "name",
            Field::Unit => "unit",
            Field::Title => "title",
            Field::Category => "category",
            Field::Venue => "venue",
            Field::Phone => "phone",
            Field::Role => "role",
            Field::Ignore => "-",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Field::Serial, Lang::En) => "serial no.",
            (Field::Serial, Lang::Zh) => "序号",
            (Field::Id, Lang::En) => "id",
            (Field::Id, Lang::Zh) => "编号",
            (Field::Name, Lang::En) => "name",
            (Field::Name, Lang::Zh) => "姓名",
            (Field::Unit, Lang::En) => "unit",
            (Field::Unit, Lang::Zh) => "单位",
            (Field::Title, Lang::En) => "title",
            (Field::Title, Lang::Zh) => "职务",
            (Field::Category, Lang::En) => "category",
            (Field::Category, Lang::Zh) => "类别",
            (Field::Venue, Lang::En) => "venue",
            (Field::Venue, Lang::Zh) => "会场",
            (Field::Phone, Lang::En) => "phone",
            (Field::Phone, Lang::Zh) => "电话",
            (Field::Role, Lang::En) => "role",
            (Field::Role, Lang::Zh) => "角色",
            (Field::Ignore, Lang::En) => "ignored",
            (Field::Ignore, Lang::Zh) => "忽略",
        }
    }

    /// A field named in `--map`, in English or Chinese.
    pub fn from_key(s: &str) -> Option<Field> {
        let k = normalize::fold_width(s).trim().to_lowercase();
        match k.as_str() {
            "-" | "ignore" | "skip" | "忽略" => return Some(Field::Ignore),
            "no" | "serial" | "序号" => return Some(Field::Serial),
            _ => {}
        }
        Field::ALL
            .into_iter()
            .find(|f| f.key() == k || f.label(Lang::Zh) == k)
            .or_else(|| from_header(&k))
    }
}

/// What a header cell means, if anything. Exact spellings first, then the telling word
/// inside a longer header (`工作单位及职务` is a unit, `手机号码` a phone).
pub fn from_header(header: &str) -> Option<Field> {
    let h: String = normalize::fold_width(header)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：' | '※'))
        .flat_map(char::to_lowercase)
        .collect();
    // Drop a bracketed note: 姓名（必填）, name (required).
    let h = match h.find(['(', '（', '[', '【']) {
        Some(i) if i > 0 => h[..i].to_string(),
        _ => h,
    };
    if h.is_empty() {
        return None;
    }
    let exact = match h.as_str() {
        "no" | "no." | "#" | "nr" | "serial" | "seq" | "序" | "序列" => Some(Field::Serial),
        "id" | "code" | "badge" | "participantid" | "number" | "num" => Some(Field::Id),
        "name" | "fullname" | "participant" | "姓名" | "名字" | "人员" | "参会人" | "参会人员"
        | "参会人姓名" | "参会人员姓名" => Some(Field::Name),
        "unit" | "organization" | "organisation" | "org" | "company" | "department" | "dept"
        | "affiliation" | "employer" | "institution" | "school" | "部门" | "学校" => {
            Some(Field::Unit)
        }
        "title" | "position" | "jobtitle" | "post" | "rank" | "职位" | "职级" => {
            Some(Field::Title)
        }
        "category" | "group" | "type" | "class" | "分组" | "组别" | "界别" => {
            Some(Field::Category)
        }
        "venue" | "site" | "room" | "location" | "branch" | "地点" => Some(Field::Venue),
        "phone" | "mobile" | "tel" | "tel." | "telephone" | "cell" | "contact" | "手机"
        | "电话" | "联系方式" => Some(Field::Phone),
        "role" | "attendance" | "身份" => Some(Field::Role),
        _ => None,
    };
    if exact.is_some() {
        return exact;
    }
    // The order matters: 会场编号 is a venue, 单位名称 a unit, 联系人姓名 a name.
    const CONTAINS: &[(&str, Field)] = &[
        ("序号", Field::Serial),
        ("会场", Field::Venue),
        ("单位", Field::Unit),
        ("职务", Field::Title),
        ("职称", Field::Title),
        ("类别", Field::Category),
        ("类型", Field::Category),
        ("电话", Field::Phone),
        ("手机", Field::Phone),
        ("角色", Field::Role),
        ("编号", Field::Id),
        ("工号", Field::Id),
        ("证号", Field::Id),
        ("姓名", Field::Name),
        ("phone", Field::Phone),
        ("mobile", Field::Phone),
        ("organi", Field::Unit),
        ("venue", Field::Venue),
        ("name", Field::Name),
    ];
    CONTAINS
        .iter()
        .find(|(word, _)| h.contains(word))
        .map(|&(_, f)| f)
}

/// A column named in `--map`: by its header text or by its letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    Header(String),
    Letter(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapRule {
    pub column: ColumnRef,
    pub field: Field,
}

/// Parse `--map '单位名称=unit,C=title,备注=-'`.
pub fn parse_map(spec: &str, lang: Lang) -> Result<Vec<MapRule>, String> {
    let mut rules = Vec::new();
    for part in spec.split([',', '，']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((col, field)) = part.split_once(['=', '＝']) else {
            return Err(match lang {
                Lang::En => format!("`{part}` in --map is not COLUMN=FIELD"),
                Lang::Zh => format!("--map 中的 `{part}` 不是 列=字段 的形式"),
            });
        };
        let Some(field) = Field::from_key(field) else {
            let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
            return Err(match lang {
                Lang::En => format!(
                    "unknown field `{}` in --map; fields: {}",
                    field.trim(),
                    known.join(", ")
                ),
                Lang::Zh => format!(
                    "--map 中的字段 `{}` 无法识别；可用字段：{}",
                    field.trim(),
                    known.join("、")
                ),
            });
        };
        let col = col.trim();
        let column = match column_from_letter(col) {
            // A one-to-three letter header like `No` or `ID` is more likely a header than
            // column 9,000: letters win only when no header has that text (see `find`).
            Some(n) => ColumnRef::Letter(n),
            None => ColumnRef::Header(col.to_string()),
        };
        rules.push(MapRule { column, field });
    }
    Ok(rules)
}

/// The header row found and what each column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Index into `table.rows` of the header row; `None` when the file has no header and
    /// `--map` named the columns by letter.
    pub header: Option<usize>,
    /// Per column.
    pub columns: Vec<Option<Field>>,
    /// Header texts of columns that mean nothing to us, to tell the user.
    pub unknown: Vec<String>,
}

impl Mapping {
    pub fn column_of(&self, f: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(f))
    }

    /// The header's row number as the spreadsheet shows it.
    pub fn header_row_number(&self, t: &Table) -> Option<usize> {
        self.header.map(|i| t.rows[i].number)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// No row in the first rows has a name column.
    NoNameColumn { searched: usize },
    /// A `--map` column header is not in the header row.
    MapColumnMissing(String),
    /// Two columns claim the same field.
    Twice {
        field: Field,
        first: String,
        second: String,
    },
}

impl HeaderError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (HeaderError::NoNameColumn { searched }, Lang::En) => format!(
                "no header row with a name column (姓名/name) in the first {searched} rows; name the columns with --map, e.g. --map 'B=name,C=unit'"
            ),
            (HeaderError::NoNameColumn { searched }, Lang::Zh) => format!(
                "前 {searched} 行中没有含姓名列（姓名/name）的表头；请用 --map 指定各列，例如 --map 'B=name,C=unit'"
            ),
            (HeaderError::MapColumnMissing(c), Lang::En) => {
                format!("--map names the column `{c}`, but the header row has no such column")
            }
            (HeaderError::MapColumnMissing(c), Lang::Zh) => {
                format!("--map 指定的列 `{c}` 不在表头中")
            }
            (
                HeaderError::Twice {
                    field,
                    first,
                    second,
                },
                Lang::En,
            ) => format!(
                "two columns hold the {}: `{first}` and `{second}`; choose one with --map '{second}=-'",
                field.label(lang)
            ),
            (
                HeaderError::Twice {
                    field,
                    first,
                    second,
                },
                Lang::Zh,
            ) => format!(
                "有两列都是{}：`{first}` 和 `{second}`；请用 --map '{second}=-' 选定一列",
                field.label(lang)
            ),
        }
    }
}

/// How many rows from the top the header may be below title rows.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Find the header row: among the first rows, the one that names the most known fields,
/// a name column among them (title rows and a "会场：… 日期：…" line name at most one).
pub fn find(table: &Table, rules: &[MapRule]) -> Result<Mapping, HeaderError> {
    let limit = table.rows.len().min(HEADER_SEARCH_ROWS);
    let mut best: Option<(usize, usize)> = None; // (row index, score)
    for (i, row) in table.rows[..limit].iter().enumerate() {
        let mut fields: Vec<Field> = Vec::new();
        let mut has_name = false;
        for (_, text) in row.filled() {
            // Only rules naming a header by its text help find the header: a rule by
            // letter fits every row.
            let f = rule_by_text(rules, text).or_else(|| from_header(text));
            if let Some(f) = f {
                has_name |= f == Field::Name;
                if !fields.contains(&f) {
                    fields.push(f);
                }
            }
        }
        // The row naming the most fields wins; a title row names none (or, at most, the
        // venue in a "会场：…" line, which is no name column).
        if has_name {
            let score = fields.len();
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
    }
    let letters_only = !rules.is_empty()
        && rules
            .iter()
            .all(|r| matches!(r.column, ColumnRef::Letter(_)))
        && rules.iter().any(|r| r.field == Field::Name);
    let header = match best {
        Some((i, _)) => Some(i),
        None if letters_only => None,
        None => return Err(HeaderError::NoNameColumn { searched: limit }),
    };
    let width = table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut columns = vec![None; width];
    let mut unknown = Vec::new();
    if let Some(h) = header {
        for (col, text) in table.rows[h].filled() {
            let f = rule_for(rules, col, text).or_else(|| from_header(text));
            columns[col] = f;
            if f.is_none() {
                unknown.push(text.to_string());
            }
        }
        for r in rules {
            if let ColumnRef::Header(name) = &r.column
                && !table.rows[h].filled().any(|(_, t)| header_eq(t, name))
            {
                return Err(HeaderError::MapColumnMissing(name.clone()));
            }
        }
    }
    for r in rules {
        if let ColumnRef::Letter(col) = r.column {
            let header_text = header.map(|h| table.rows[h].cell(col).trim().to_string());
            // `--map ID=id` where a header reads `ID` was handled by header text.
            let named_by_header = header.is_some_and(|h| {
                table.rows[h]
                    .filled()
                    .any(|(_, t)| header_eq(t, &column_letter(col)))
            });
            if named_by_header {
                continue;
            }
            if col >= columns.len() {
                columns.resize(col + 1, None);
            }
            columns[col] = Some(r.field);
            if let Some(t) = header_text {
                unknown.retain(|u| *u != t);
            }
        }
    }
    // One column per field (Ignore and Serial may repeat harmlessly).
    let header_name = |col: usize| match header {
        Some(h) if !table.rows[h].cell(col).trim().is_empty() => {
            table.rows[h].cell(col).trim().to_string()
        }
        _ => column_letter(col),
    };
    for f in Field::ALL {
        if matches!(f, Field::Ignore | Field::Serial) {
            continue;
        }
        let cols: Vec<usize> = (0..columns.len())
            .filter(|&c| columns[c] == Some(f))
            .collect();
        if cols.len() > 1 {
            return Err(HeaderError::Twice {
                field: f,
                first: header_name(cols[0]),
                second: header_name(cols[1]),
            });
        }
    }
    if !columns.contains(&Some(Field::Name)) {
        return Err(HeaderError::NoNameColumn { searched: limit });
    }
    Ok(Mapping {
        header,
        columns,
        unknown,
    })
}

fn header_eq(a: &str, b: &str) -> bool {
    normalize::name_key(a) == normalize::name_key(b)
}

/// The field a `--map` rule gives this header cell.
/// A rule naming a header by its text wins over one naming a column by letter; letters
/// that are also a header's text (`ID=id` where a header reads `ID`) count as that header.
fn rule_for(rules: &[MapRule], col: usize, text: &str) -> Option<Field> {
    rule_by_text(rules, text).or_else(|| {
        rules.iter().find_map(|r| match r.column {
            ColumnRef::Letter(c) if c == col => Some(r.field),
            _ => None,
        })
    })
}

fn rule_by_text(rules: &[MapRule], text: &str) -> Option<Field> {
    rules.iter().find_map(|r| match &r.column {
        ColumnRef::Header(h) if header_eq(h, text) => Some(r.field),
        ColumnRef::Letter(c) if header_eq(&column_letter(*c), text) => Some(r.field),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::parse_delimited;

    #[test]
    fn chinese_and_english_headers() {
        for (h, f) in [
            ("姓名", Field::Name),
            ("Name", Field::Name),
            ("Full Name", Field::Name),
            ("单位", Field::Unit),
            ("工作单位", Field::Unit),
            ("单位名称", Field::Unit),
            ("Organization", Field::Unit),
            ("unit", Field::Unit),
            ("职务", Field::Title),
            ("职称", Field::Title),
            ("职务/职称", Field::Title),
            ("Title", Field::Title),
            ("类别", Field::Category),
            ("参会人员类别", Field::Category),
            ("分会场", Field::Venue),
            ("会场", Field::Venue),
            ("所在会场", Field::Venue),
            ("Venue", Field::Venue),
            ("手机", Field::Phone),
            ("电话", Field::Phone),
            ("联系电话", Field::Phone),
            ("手机号码", Field::Phone),
            ("Phone", Field::Phone),
            ("序号", Field::Serial),
            ("No.", Field::Serial),
            ("编号", Field::Id),
            ("ID", Field::Id),
            ("角色", Field::Role),
            ("Role", Field::Role),
            ("*姓名（必填）", Field::Name),
            ("姓　名", Field::Name),
            ("Ｎａｍｅ", Field::Name),
        ] {
            assert_eq!(from_header(h), Some(f), "{h}");
        }
        for h in ["签到时间", "备注", "签名", "会议名称", ""] {
            assert_eq!(from_header(h), None, "{h}");
        }
    }

    const SHEET: &str = "铜川市教育扶贫工作视频电话会议签到表,,,,\n\
会场：耀州区分会场    日期：2017年5月4日,,,,\n\
序号,姓名,单位,职务,签名\n\
1,王晓红,市教育局,局长,\n";

    #[test]
    fn header_below_title_rows() {
        let t = parse_delimited(SHEET, None);
        let m = find(&t, &[]).unwrap();
        assert_eq!(m.header, Some(2));
        assert_eq!(m.header_row_number(&t), Some(3));
        assert_eq!(
            m.columns,
            vec![
                Some(Field::Serial),
                Some(Field::Name),
                Some(Field::Unit),
                Some(Field::Title),
                None
            ]
        );
        assert_eq!(m.unknown, vec!["签名".to_string()]);
    }

    #[test]
    fn map_overrides_headers() {
        let t = parse_delimited("人名,机构,备注\n王晓红,市教育局,x\n", None);
        assert_eq!(
            find(&t, &[]),
            Err(HeaderError::NoNameColumn { searched: 2 })
        );
        let rules = parse_map("人名=name，机构=unit,备注=-", Lang::En).unwrap();
        let m = find(&t, &rules).unwrap();
        assert_eq!(
            m.columns,
            vec![Some(Field::Name), Some(Field::Unit), Some(Field::Ignore)]
        );
        assert!(m.unknown.is_empty());
        // By letter, when no row reads as a header, the file is taken to have none.
        let rules = parse_map("a=name,B=unit", Lang::En).unwrap();
        let m = find(&t, &rules).unwrap();
        assert_eq!(m.header, None);
        assert_eq!(m.columns[..2], [Some(Field::Name), Some(Field::Unit)]);
        // By letter next to a header that is found: the letter wins for its column.
        let t = parse_delimited(
            "序号,姓名,机构
1,王晓红,市教育局
",
            None,
        );
        let m = find(&t, &parse_map("C=unit", Lang::En).unwrap()).unwrap();
        assert_eq!(m.header, Some(0));
        assert_eq!(
            m.columns,
            vec![Some(Field::Serial), Some(Field::Name), Some(Field::Unit)]
        );
    }

    #[test]
    fn headerless_file_with_letters() {
        let t = parse_delimited("王晓红,市教育局\n李建国,市教育局\n", None);
        let rules = parse_map("A=name,B=unit", Lang::En).unwrap();
        let m = find(&t, &rules).unwrap();
        assert_eq!(m.header, None);
        assert_eq!(m.columns, vec![Some(Field::Name), Some(Field::Unit)]);
    }

    #[test]
    fn map_errors_are_clear() {
        assert!(
            parse_map("姓名", Lang::En)
                .unwrap_err()
                .contains("COLUMN=FIELD")
        );
        assert!(
            parse_map("姓名=nose", Lang::En)
                .unwrap_err()
                .contains("nose")
        );
        let t = parse_delimited("姓名,单位\n", None);
        let rules = parse_map("部门=unit", Lang::En).unwrap();
        assert_eq!(
            find(&t, &rules),
            Err(HeaderError::MapColumnMissing("部门".into()))
        );
    }

    #[test]
    fn a_field_twice_is_refused() {
        let t = parse_delimited("姓名,单位,工作单位\n", None);
        let e = find(&t, &[]).unwrap_err();
        assert_eq!(
            e,
            HeaderError::Twice {
                field: Field::Unit,
                first: "单位".into(),
                second: "工作单位".into()
            }
        );
        let rules = parse_map("工作单位=-", Lang::En).unwrap();
        assert!(find(&t, &rules).is_ok());
    }
}
