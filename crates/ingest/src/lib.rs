//! vietdex ingest
