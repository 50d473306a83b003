//! Writes the bundled segmenter's table, `data/segmenter.tsv`, from the
//! word list and the treebank:
//!
//! ```sh
//! cargo run -p vietdex-tokenize --example segmenter_table > crates/tokenize/data/segmenter.tsv
//! ```

use vietdex_tokenize::Segmenter;

fn main() {
    print!("{}", Segmenter::learned().table());
}
