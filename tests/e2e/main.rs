//! End-to-end tests: the real `vietdex` binary on the real `corpus/`.

mod analysis;
mod index;
mod search;
mod util;
