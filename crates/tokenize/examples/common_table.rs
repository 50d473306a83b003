//! Writes the bundled set of common syllables, `data/common.txt`, from the
//! treebank and the tables it is learned from:
//!
//! ```sh
//! cargo run -p vietdex-tokenize --example common_table > crates/tokenize/data/common.txt
//! ```
//!
//! The pairs of them the index keeps, `data/pairs.txt`, are learned with
//! the place names of the entities crate: its `pairs_table` example writes
//! them.

fn main() {
    for syllable in vietdex_tokenize::learned_common_syllables() {
        println!("{syllable}");
    }
}
