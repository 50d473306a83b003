//! End-to-end tests: the real `vietdex` binary on the real `corpus/`.

mod analysis;
mod entities;
mod export;
mod golden;
mod hostile;
mod index;
mod ingest;
mod query;
mod search;
mod serve;
mod util;
