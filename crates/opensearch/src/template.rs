//! The composable index template: one JSON body for
//! `PUT _index_template/vietdex` that OpenSearch 2.x/3.x and Elasticsearch
//! 8.x/9.x accept unchanged. It uses only what every one of them has: a
//! `custom` analyzer on the built-in `whitespace` tokenizer, `text`,
//! `keyword`, `date`, `integer`, `double` and `nested` fields.

use serde_json::{Value, json};

/// The analyzer of every analysed text field: whitespace only, since
/// vietdex writes the tokens already normalized.
pub const ANALYZER: &str = "vietdex_whitespace";

/// Version of the document layout; recorded in the mapping's `_meta`.
pub const LAYOUT_VERSION: u32 = 1;

/// Keyword values longer than this (characters) are stored, not indexed.
pub const KEYWORD_MAX_CHARS: u32 = 4096;

/// The index template for indexes named by `patterns` (e.g. `vietdex*`).
pub fn index_template(patterns: &[String]) -> Value {
    let presence = json!({
        "type": "text", "analyzer": ANALYZER, "index_options": "docs", "norms": false
    });
    let positions = json!({
        "type": "text", "analyzer": ANALYZER, "index_options": "positions"
    });
    let stored_text = json!({"type": "text", "index": false});
    // A value longer than this is kept in the source but not indexed,
    // rather than failing the whole document.
    let keyword = json!({"type": "keyword", "ignore_above": KEYWORD_MAX_CHARS});
    json!({
        "index_patterns": patterns,
        "priority": 200,
        "version": LAYOUT_VERSION,
        "template": {
            "settings": {
                "analysis": {
                    "analyzer": {
                        ANALYZER: {"type": "custom", "tokenizer": "whitespace"}
                    }
                }
            },
            "mappings": {
                "_meta": {"vietdex_layout": LAYOUT_VERSION},
                "dynamic": false,
                "properties": {
                    "id": keyword,
                    "path": keyword,
                    "sources": keyword,
                    "url": keyword,
                    "outlet": keyword,
                    "author": keyword,
                    "cluster": keyword,
                    "cluster_size": {"type": "integer"},
                    "published": {"type": "date", "format": "strict_date_optional_time"},
                    "published_text": keyword,
                    "title": stored_text,
                    "body": stored_text,
                    "title_exact": presence,
                    "body_exact": presence,
                    "title_folded": positions,
                    "body_folded": positions,
                    "title_words": positions,
                    "body_words": positions,
                    "entity": keyword,
                    "organization": keyword,
                    "person": keyword,
                    "place": keyword,
                    "entities": {
                        "type": "nested",
                        "dynamic": false,
                        "properties": {
                            "kind": keyword,
                            "text": keyword,
                            "value": keyword,
                            "start": {"type": "integer"},
                            "end": {"type": "integer"},
                            "code": keyword,
                            "name": keyword,
                            "province": keyword,
                            "district": keyword,
                            "province_code": keyword,
                            "district_code": keyword,
                            "role": keyword,
                            "detail": keyword,
                            "unit": keyword,
                            "number": {"type": "double"},
                            "successors": {
                                "properties": {
                                    "code": keyword, "name": keyword, "province": keyword
                                }
                            }
                        }
                    }
                }
            }
        }
    })
}
