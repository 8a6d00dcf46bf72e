//! The documented JSON shapes are pinned: the schemas in `docs/schema/` are valid draft
//! 2020-12, a rich real output of each holds, renaming or removing any one of its fields
//! breaks it, and the docs (`docs/status-json.md`, `docs/export-json.md`,
//! `docs/actions.md`) name the schema and list the same fields. Every other test that
//! reads one of these outputs validates it too (`common::schema`).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use huiwu::core::actions::{ActionFilter, StatusFilter, list};
use huiwu::core::meeting::Meeting;
use huiwu::core::query::status_report_in;
use huiwu::export::Format;
use huiwu::i18n::Lang;
use serde_json::Value;

use crate::common::schema::{Shape, property_names};
use crate::export::{agenda, at, meeting, opts, text};

fn doc(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The export fixture's meeting, status at two moments (an item running, and the end),
/// its action list and its JSON export: between them every object the shapes have.
fn samples() -> Vec<(Shape, Value)> {
    let (m, ev) = meeting();
    let mut out = vec![(
        Shape::Export,
        serde_json::from_str(&text(Format::Json, &m, &ev, &opts(Lang::Zh))).unwrap(),
    )];
    let mut o = opts(Lang::En);
    o.include_contacts = true;
    out.push((
        Shape::Export,
        serde_json::from_str(&text(Format::Json, &m, &ev, &o)).unwrap(),
    ));
    // Halfway through the record an item runs (`current_item` is an object).
    let half = Meeting::replay(Arc::new(agenda()), &ev[..ev.len() / 2]);
    for (m, now) in [(&half, at(15, 0, 0)), (&m, at(16, 10, 0))] {
        let report = status_report_in(m, now, Lang::En);
        out.push((Shape::Status, serde_json::to_value(report).unwrap()));
    }
    let all = ActionFilter {
        owner: None,
        status: StatusFilter::All,
        overdue_only: false,
    };
    let rows = list(
        &m,
        &all,
        chrono::NaiveDate::from_ymd_opt(2017, 7, 5).unwrap(),
    );
    out.push((Shape::ActionList, serde_json::to_value(rows).unwrap()));
    out
}

#[test]
fn the_schemas_are_valid_draft_2020_12() {
    for shape in Shape::ALL {
        let schema = shape.schema();
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema",
            "{}",
            shape.file()
        );
        assert!(
            jsonschema::draft202012::meta::is_valid(&schema),
            "{} is not a valid draft 2020-12 schema",
            shape.file()
        );
    }
}

#[test]
fn rich_outputs_have_the_documented_shapes() {
    let samples = samples();
    for (shape, v) in &samples {
        shape.check(v);
    }
    // The samples do reach the parts that are easy to leave out.
    let status_running = &samples[2].1;
    assert!(
        status_running["current_item"].is_object(),
        "{status_running}"
    );
    let export = &samples[0].1;
    assert!(
        export["state"]["venues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["roll_call"].is_object())
    );
    assert!(
        export["state"]["people"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["stand_in"].is_object())
    );
    assert!(samples[1].1.to_string().contains("\"phone\""));
}

/// Every object key of `v` outside the parts left open (the agenda and the journal
/// lines inside an export), with a path to it.
fn key_paths(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if path.is_empty() && (k == "agenda" || k == "events") {
                    out.push(vec![k.clone()]);
                    continue;
                }
                path.push(k.clone());
                out.push(path.clone());
                key_paths(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(i.to_string());
                key_paths(x, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn parent_mut<'a>(v: &'a mut Value, path: &[String]) -> &'a mut serde_json::Map<String, Value> {
    let mut cur = v;
    for p in &path[..path.len() - 1] {
        cur = match cur {
            Value::Object(m) => m.get_mut(p).unwrap(),
            Value::Array(a) => &mut a[p.parse::<usize>().unwrap()],
            _ => unreachable!(),
        };
    }
    cur.as_object_mut().unwrap()
}

#[test]
fn renaming_or_removing_any_field_breaks_the_shape() {
    let mut checked = 0;
    for (shape, v) in samples() {
        let mut paths = Vec::new();
        key_paths(&v, &mut Vec::new(), &mut paths);
        for path in paths {
            let key = path.last().unwrap().clone();
            let mut renamed = v.clone();
            let obj = parent_mut(&mut renamed, &path);
            let x = obj.remove(&key).unwrap();
            let removed = renamed.clone();
            parent_mut(&mut renamed, &path).insert(format!("{key}_renamed"), x);
            assert!(
                !shape.errors(&renamed).is_empty(),
                "{}: renaming {} went unnoticed",
                shape.file(),
                path.join("/")
            );
            // Fields the docs make optional may be left out: `phone` (only with
            // --include-contacts), an owner's `id` in the action list (free-text owners
            // have none), and the assigner's parts (as the agenda's person reference).
            let optional = key == "phone"
                || path.iter().any(|p| p == "assigned_by")
                || (matches!(shape, Shape::ActionList) && key == "id" && path.len() > 2);
            if !optional {
                assert!(
                    !shape.errors(&removed).is_empty(),
                    "{}: removing {} went unnoticed",
                    shape.file(),
                    path.join("/")
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} fields tried");
}

/// The first fenced block of `text` that follows a line starting with "```" + `lang`.
fn fenced(text: &str, lang: &str) -> String {
    let start = text
        .find(&format!("```{lang}\n"))
        .unwrap_or_else(|| panic!("no ```{lang} block"));
    let body = &text[start + 4 + lang.len()..];
    body[..body.find("\n```").unwrap()].to_string()
}

/// The backquoted words in the first cell of each row of the markdown table after the
/// line containing `heading`.
fn table_first_cells(text: &str, heading: &str) -> Vec<String> {
    let after = &text[text.find(heading).unwrap_or_else(|| panic!("no {heading}"))..];
    after
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.split('|').nth(1).unwrap_or("").to_string())
        .collect()
}

/// The values a schema's `enum` allows.
fn enum_values(schema: &Value) -> BTreeSet<String> {
    schema["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("no enum in {schema}"))
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn backquoted(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_status_doc_example_and_anomaly_table_follow_the_schema() {
    let text = doc("status-json.md");
    assert!(text.contains("schema/status.schema.json"));
    let example: Value = serde_json::from_str(&fenced(&text, "json")).unwrap();
    Shape::Status.check(&example);
    // The table of anomaly kinds: each row's fields are those of the schema's kind.
    let schema = Shape::Status.schema();
    let kinds = schema["$defs"]["anomaly"]["oneOf"].as_array().unwrap();
    let mut documented = BTreeSet::new();
    for row in table_first_cells(&text, "| `kind` | fields |") {
        let kind = backquoted(&row).remove(0);
        documented.insert(kind.clone());
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("| `{kind}` |")))
            .unwrap();
        let fields: BTreeSet<String> = line
            .split('|')
            .nth(2)
            .map(|cell| {
                // `sign_ins`: [{`seat`, `at`}] names the inner fields too; the top-level
                // ones are those before a colon or a comma at depth 0.
                let mut depth = 0;
                let mut top = String::new();
                for c in cell.chars() {
                    match c {
                        '[' | '{' | '(' => depth += 1,
                        ']' | '}' | ')' => depth -= 1,
                        _ if depth == 0 => top.push(c),
                        _ => {}
                    }
                }
                backquoted(&top).into_iter().collect()
            })
            .unwrap();
        let entry = kinds
            .iter()
            .find(|k| k["properties"]["kind"]["const"] == kind.as_str())
            .unwrap_or_else(|| panic!("`{kind}` is documented but not in the schema"));
        let in_schema: BTreeSet<String> = entry["properties"]
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| !["kind", "message", "advice"].contains(&k.as_str()))
            .cloned()
            .collect();
        assert_eq!(fields, in_schema, "the fields of `{kind}`");
    }
    let in_schema: BTreeSet<String> = kinds
        .iter()
        .map(|k| {
            k["properties"]["kind"]["const"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(documented, in_schema, "anomaly kinds");
}

#[test]
fn the_export_doc_names_every_field_of_the_schema_and_no_other() {
    let text = doc("export-json.md");
    assert!(text.contains("schema/export.schema.json"));
    let block = fenced(&text, "jsonc");
    let doc_keys: BTreeSet<String> = block
        .split('"')
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[1].trim_start().starts_with(':'))
        .map(|w| w[0].to_string())
        .filter(|k| k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    let schema = Shape::Export.schema();
    // The anomalies' own fields are documented in docs/status-json.md, which this page
    // points to.
    let mut own = schema.clone();
    own["$defs"]["anomaly"] = Value::Null;
    let all = property_names(&schema);
    let mut fields = property_names(&own);
    // The agenda and the journal lines keep their own documented shapes.
    let theirs = [
        "meeting",
        "venues",
        "participants",
        "items",
        "actions",
        "hlc",
        "participant",
        "late",
        "title",
    ];
    for k in &doc_keys {
        assert!(
            all.contains(k) || theirs.contains(&k.as_str()),
            "docs/export-json.md shows `{k}`, which the schema does not have"
        );
    }
    // Every field the schema has is shown or explained on the page.
    fields.retain(|f| !doc_keys.contains(f) && !text.contains(&format!("`{f}`")));
    assert!(fields.is_empty(), "not in docs/export-json.md: {fields:?}");
    // The people statuses of the table are the schema's.
    let statuses: BTreeSet<String> = table_first_cells(&text, "| status ")
        .iter()
        .flat_map(|c| backquoted(c))
        .collect();
    let people = &schema["properties"]["state"]["properties"]["people"]["items"];
    assert_eq!(statuses, enum_values(&people["properties"]["status"]));
}

#[test]
fn the_action_list_table_is_the_schema() {
    let text = doc("actions.md");
    assert!(text.contains("schema/action-list.schema.json"));
    let documented: BTreeSet<String> = table_first_cells(&text, "## `list --json`")
        .iter()
        .flat_map(|c| backquoted(c))
        .collect();
    let schema = Shape::ActionList.schema();
    let in_schema: BTreeSet<String> = schema["items"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(documented, in_schema);
    // The owner kinds the table names are the schema's.
    let row = text
        .lines()
        .find(|l| l.starts_with("| `owners` |"))
        .unwrap();
    let kinds: BTreeSet<String> = backquoted(row.split('|').nth(3).unwrap())
        .into_iter()
        .filter(|k| k != "kind" && k != "id")
        .collect();
    let owner = &schema["items"]["properties"]["owners"]["items"];
    assert_eq!(kinds, enum_values(&owner["properties"]["kind"]));
}
