//! vietdex index
