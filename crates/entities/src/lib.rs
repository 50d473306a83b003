//! Entity extraction for vietdex: administrative units linked to the
//! gazetteer, programs, organizations, people with roles, dates and
//! quantities.
//!
//! Not implemented yet: this crate is the place in the workspace where
//! extraction will live, between `tokenize` (which it will share the
//! normalizer with) and `index` (which will store what it finds).
