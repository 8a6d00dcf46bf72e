//! The documented JSON outputs checked against their JSON Schemas (draft 2020-12), kept in
//! `docs/schema/`: `huiwu status --json`, the JSON export and `huiwu action list --json`.
//! The schemas are closed (no field they do not name), so a renamed, removed or
//! undocumented field fails the test that produced the output.

use std::path::Path;
use std::sync::OnceLock;

use jsonschema::Validator;
use serde_json::Value;

/// One of the documented JSON outputs.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    Status,
    Export,
    ActionList,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::Status, Shape::Export, Shape::ActionList];

    /// The schema's file under `docs/schema/`.
    pub fn file(self) -> &'static str {
        match self {
            Shape::Status => "status.schema.json",
            Shape::Export => "export.schema.json",
            Shape::ActionList => "action-list.schema.json",
        }
    }

    /// The schema as JSON.
    pub fn schema(self) -> Value {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/schema")
            .join(self.file());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn validator(self) -> &'static Validator {
        static STATUS: OnceLock<Validator> = OnceLock::new();
        static EXPORT: OnceLock<Validator> = OnceLock::new();
        static ACTIONS: OnceLock<Validator> = OnceLock::new();
        let cell = match self {
            Shape::Status => &STATUS,
            Shape::Export => &EXPORT,
            Shape::ActionList => &ACTIONS,
        };
        cell.get_or_init(|| {
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&self.schema())
                .unwrap_or_else(|e| panic!("docs/schema/{}: {e}", self.file()))
        })
    }

    /// Every way `v` breaks the schema, one line each (empty when it holds).
    pub fn errors(self, v: &Value) -> Vec<String> {
        self.validator()
            .iter_errors(v)
            .map(|e| format!("at `{}`: {e}", e.instance_path()))
            .collect()
    }

    /// Panic, naming every violation, unless `v` has the documented shape.
    pub fn check(self, v: &Value) {
        let errors = self.errors(v);
        assert!(
            errors.is_empty(),
            "the output does not have the shape of docs/schema/{}:\n{}\n\nthe output:\n{}",
            self.file(),
            errors.join("\n"),
            serde_json::to_string_pretty(v).unwrap_or_default()
        );
    }

    /// [`Shape::check`] for output bytes; returns the parsed value.
    pub fn parse(self, bytes: &[u8]) -> Value {
        let v: Value = serde_json::from_slice(bytes).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}):\n{}",
                String::from_utf8_lossy(bytes)
                    .chars()
                    .take(2000)
                    .collect::<String>()
            )
        });
        self.check(&v);
        v
    }
}

impl Shape {
    /// [`Shape::parse`] for output that carries more after its JSON (stderr's notes
    /// joined to stdout): the first JSON value is checked and returned.
    pub fn parse_first(self, text: &str) -> Value {
        let v = serde_json::Deserializer::from_str(text)
            .into_iter::<Value>()
            .next()
            .unwrap_or_else(|| panic!("no JSON in:\n{text}"))
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"));
        self.check(&v);
        v
    }
}

/// Every property name the schema defines anywhere (its `properties` keys).
pub fn property_names(schema: &Value) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    fn walk(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(props)) = m.get("properties") {
                    out.extend(props.keys().cloned());
                }
                m.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(schema, &mut out);
    out
}
