//! The keys under which a document's entities are indexed, for filters and
//! aggregations.

use crate::Entity;

/// The keys under which a document's entities are indexed: `KIND:VALUE` for
/// each entity (a linked place also under `code:LEVEL:CODE`, and under its
/// district and province by name and by code), `program:ID:DETAIL` for a
/// program's level or stars. Dates and quantities are not keys. Sorted,
/// without repeats.
pub fn entity_keys(entities: &[Entity]) -> Vec<String> {
    let mut keys = Vec::new();
    for e in entities {
        match e.kind.as_str() {
            "date" | "quantity" => {}
            "province" | "district" | "commune" => {
                keys.push(format!("{}:{}", e.kind, e.value));
                if let Some(code) = &e.code {
                    keys.push(format!("code:{}:{code}", e.kind));
                }
                if let Some(p) = &e.province {
                    keys.push(format!("province:{p}"));
                }
                if let Some(d) = &e.district {
                    keys.push(format!("district:{d}"));
                }
                if let Some(c) = &e.province_code {
                    keys.push(format!("code:province:{c}"));
                }
                if let Some(c) = &e.district_code {
                    keys.push(format!("code:district:{c}"));
                }
            }
            "place" => keys.push(format!("place:{}", vietdex_tokenize::normalize(&e.value))),
            "program" => {
                keys.push(format!("program:{}", e.value));
                if let Some(d) = &e.detail {
                    keys.push(format!("program:{}:{d}", e.value));
                }
            }
            kind => keys.push(format!("{kind}:{}", e.value)),
        }
    }
    keys.sort();
    keys.dedup();
    keys
}
