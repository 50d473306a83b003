//! Writes the pair terms the index keeps, the tokenize crate's
//! `data/pairs.txt`, learned from the segmenter's words, the abbreviations
//! and the place names this crate holds (see
//! [`vietdex_entities::pairs_table`]):
//!
//! ```sh
//! cargo run -p vietdex-entities --example pairs_table > crates/tokenize/data/pairs.txt
//! ```

fn main() {
    print!("{}", vietdex_entities::pairs_table());
}
