//! JSON values that refuse an object with the same key twice, where serde_json would
//! silently keep the last: for the diagnostic pass's tree and for the agenda's `extra`
//! maps (typed objects refuse a repeated field by themselves), so that the fast path and
//! the diagnostic pass accept the same files.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::core::agenda::Extra;

/// Marks the custom error of a duplicate key; serde_json adds its position.
pub(super) const DUPLICATE_KEY: &str = "\u{1}duplicate key: ";

/// `#[serde(deserialize_with)]` for an `extra` map: any object, every key once, at any
/// depth.
pub fn extra<'de, D: de::Deserializer<'de>>(d: D) -> Result<Extra, D::Error> {
    struct ExtraVisitor;
    impl<'de> Visitor<'de> for ExtraVisitor {
        type Value = Extra;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Extra, A::Error> {
            object(map)
        }
    }
    d.deserialize_map(ExtraVisitor)
}

/// Builds a [`Value`] like serde_json does, but refuses an object with the same key twice.
pub(super) struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        ValueSeed.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element_seed(ValueSeed)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        object(map).map(Value::Object)
    }
}

fn object<'de, A: MapAccess<'de>>(mut map: A) -> Result<Map<String, Value>, A::Error> {
    let mut out = Map::new();
    while let Some(key) = map.next_key::<String>()? {
        if out.contains_key(&key) {
            return Err(de::Error::custom(format!("{DUPLICATE_KEY}{key}")));
        }
        let v = map.next_value_seed(ValueSeed)?;
        out.insert(key, v);
    }
    Ok(out)
}
