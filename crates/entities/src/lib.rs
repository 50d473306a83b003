//! vietdex entities
