//! Fingerprints for duplicate detection.
//!
//! - the content id: a hash of the body's normalized syllables, so copies
//!   that differ only in white space, punctuation, case or tone placement
//!   share it (exact duplicates);
//! - a 64-bit SimHash over three-syllable shingles of the folded text, so
//!   reposts with small edits land within a few bits of each other
//!   (near duplicates).

use vietdex_tokenize::{Form, Tokens};
use xxhash_rust::xxh3::xxh3_64;

/// Shorter bodies (in syllables) get no SimHash: too little text to judge.
pub const MIN_SIMHASH_TOKENS: usize = 30;

/// The fingerprints of one body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// Exact-duplicate key.
    pub content: u64,
    /// Near-duplicate SimHash, for bodies long enough.
    pub simhash: Option<u64>,
}

/// Computes the fingerprints of a title and body (the title counts only
/// when the body is empty).
pub fn fingerprint(title: &str, body: &str) -> Fingerprint {
    let text = if body.trim().is_empty() { title } else { body };
    let mut buf = Vec::new();
    let mut tokens = Tokens::new(text, Form::Folded, &mut buf);
    let mut term = String::new();
    // The folded terms, each followed by a space: the content id is their
    // hash, taken once at the end (the same value as fed piece by piece to
    // a streaming hash, without its per-call bookkeeping).
    let mut content = String::with_capacity(text.len());
    // Per bit, how many shingle hashes have it set; a bit of the SimHash is
    // set when more than half of the shingles set it.
    let mut ones = BitCounts::default();
    let mut window: [u64; 3] = [0; 3];
    let mut n = 0usize;
    while tokens.next_into(&mut term).is_some() {
        content.push_str(&term);
        content.push(' ');
        window = [window[1], window[2], xxh3_64(term.as_bytes())];
        n += 1;
        if n >= 3 {
            let h = window[0].rotate_left(42) ^ window[1].rotate_left(21) ^ window[2];
            ones.add(xxh3_64(&h.to_le_bytes()));
        }
    }
    let shingles = n.saturating_sub(2);
    let simhash = (n >= MIN_SIMHASH_TOKENS).then(|| {
        ones.totals()
            .iter()
            .enumerate()
            .fold(0u64, |acc, (bit, &c)| {
                if 2 * c as usize > shingles {
                    acc | 1 << bit
                } else {
                    acc
                }
            })
    });
    Fingerprint {
        content: xxh3_64(content.as_bytes()),
        simhash,
    }
}

/// `SPREAD[x]` holds bit `j` of `x` in its byte `j`: adding it to a word of
/// eight one-byte counters counts the eight bits of `x` at once.
const SPREAD: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut x = 0;
    while x < 256 {
        let mut j = 0;
        while j < 8 {
            t[x] |= ((x as u64 >> j) & 1) << (8 * j);
            j += 1;
        }
        x += 1;
    }
    t
};

/// How many of the hashes added have each of the 64 bits set. Bit `8k + j`
/// is counted in byte `j` of `lanes[k]`, one table lookup per byte of a
/// hash instead of one step per bit; the byte counters are moved to the
/// totals before they can overflow.
struct BitCounts {
    lanes: [u64; 8],
    /// Hashes in `lanes` since they were last moved to `ones`.
    pending: u32,
    ones: [u32; 64],
}

impl Default for BitCounts {
    fn default() -> Self {
        BitCounts {
            lanes: [0; 8],
            pending: 0,
            ones: [0; 64],
        }
    }
}

impl BitCounts {
    fn add(&mut self, h: u64) {
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            *lane += SPREAD[usize::from((h >> (8 * k)) as u8)];
        }
        self.pending += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            for j in 0..8 {
                self.ones[8 * k + j] += ((*lane >> (8 * j)) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// The count of each bit, bit 0 first.
    fn totals(&mut self) -> [u32; 64] {
        self.flush();
        self.ones
    }
}

/// SimHashes at most this many bits apart are near duplicates.
pub const NEAR_BITS: u32 = 3;

/// Bits that differ between two SimHashes.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Groups near duplicates: SimHashes at most [`NEAR_BITS`] apart fall in
/// one cluster, transitively. Returns, for each item, the index of the
/// first item of its cluster (itself when alone; items without a SimHash
/// are alone). Candidates are found by banding: two SimHashes that close
/// agree on one of four 16-bit bands; within a band value, each item is
/// compared with at most 256 followers, as very common band values say
/// little.
pub fn clusters(simhashes: &[Option<u64>]) -> Vec<usize> {
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut parent: Vec<usize> = (0..simhashes.len()).collect();
    for band in 0..4 {
        let mut buckets: std::collections::HashMap<u16, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, h) in simhashes.iter().enumerate() {
            if let Some(h) = h {
                buckets
                    .entry((h >> (band * 16)) as u16)
                    .or_default()
                    .push(i);
            }
        }
        for members in buckets.values() {
            for (k, &a) in members.iter().enumerate() {
                for &b in members.iter().skip(k + 1).take(256) {
                    if let (Some(ha), Some(hb)) = (simhashes[a], simhashes[b])
                        && distance(ha, hb) <= NEAR_BITS
                    {
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                        if ra != rb {
                            parent[ra.max(rb)] = ra.min(rb);
                        }
                    }
                }
            }
        }
    }
    (0..simhashes.len()).map(|i| find(&mut parent, i)).collect()
}

/// Near-duplicate clusters as documents record them: for each item (items
/// in document-id order), the index of the item naming its cluster (the
/// first of it, so a cluster is named by its smallest document id) and the
/// number of items in the cluster. `vietdex index` and the OpenSearch
/// export both assign clusters with this.
pub fn cluster_assignments(simhashes: &[Option<u64>]) -> Vec<(usize, u32)> {
    let roots = clusters(simhashes);
    let mut sizes = vec![0u32; roots.len()];
    for &r in &roots {
        sizes[r] += 1;
    }
    roots.iter().map(|&r| (r, sizes[r])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Năm 2024, tỉnh Thái Nguyên đặt ra mục tiêu có ít nhất 2 xã đạt chuẩn NTM, 12 xã đạt chuẩn NTM nâng cao; 2 xã đạt chuẩn NTM kiểu mẫu; 1 huyện được công nhận đạt chuẩn NTM; tiếp tục giữ vững và nâng cao chất lượng tiêu chí ở các địa phương đã đạt chuẩn.";

    #[test]
    fn bit_counts_count_each_bit_past_the_byte_counters_range() {
        let mut counts = BitCounts::default();
        let mut expected = [0u32; 64];
        let mut h = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..1000 {
            h = h.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            counts.add(h);
            for (bit, c) in expected.iter_mut().enumerate() {
                *c += (h >> bit & 1) as u32;
            }
        }
        counts.add(u64::MAX);
        expected.iter_mut().for_each(|c| *c += 1);
        assert_eq!(counts.totals(), expected);
    }

    #[test]
    fn clusters_join_close_simhashes_transitively() {
        let a = 0u64;
        let b = 0b111; // 3 bits from a
        let c = 0b111_111; // 3 bits from b, 6 from a
        let far = u64::MAX;
        assert_eq!(
            clusters(&[Some(c), Some(a), None, Some(far), Some(b)]),
            [0, 0, 2, 3, 0]
        );
        assert!(clusters(&[]).is_empty());
    }

    #[test]
    fn assignments_name_each_cluster_by_its_first_item_and_count_it() {
        let a = 0u64;
        let b = 0b111;
        let far = u64::MAX;
        assert_eq!(
            cluster_assignments(&[Some(b), None, Some(a), Some(far)]),
            [(0, 2), (1, 1), (0, 2), (3, 1)]
        );
        assert!(cluster_assignments(&[]).is_empty());
    }

    /// The fingerprints as first defined: every token folded by
    /// [`Tokens`], a streaming hash, one step per bit.
    fn reference(text: &str) -> Fingerprint {
        let mut content = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = Vec::new();
        let mut tokens = Tokens::new(text, Form::Folded, &mut buf);
        let mut term = String::new();
        let mut ones = [0u32; 64];
        let mut window = [0u64; 3];
        let mut n = 0usize;
        while tokens.next_into(&mut term).is_some() {
            content.update(term.as_bytes());
            content.update(b" ");
            window = [window[1], window[2], xxh3_64(term.as_bytes())];
            n += 1;
            if n >= 3 {
                let h = window[0].rotate_left(42) ^ window[1].rotate_left(21) ^ window[2];
                let h = xxh3_64(&h.to_le_bytes());
                for (bit, c) in ones.iter_mut().enumerate() {
                    *c += (h >> bit & 1) as u32;
                }
            }
        }
        let shingles = n.saturating_sub(2);
        let simhash = (n >= MIN_SIMHASH_TOKENS).then(|| {
            (0..64).fold(0u64, |acc, bit| {
                if 2 * ones[bit] as usize > shingles {
                    acc | 1 << bit
                } else {
                    acc
                }
            })
        });
        Fingerprint {
            content: content.digest(),
            simhash,
        }
    }

    #[test]
    fn fingerprints_are_those_first_defined() {
        // Document ids are content ids: an index built earlier must see
        // the same ids for the same texts.
        let marks = "Xã \u{301}\u{300} Tân Lập, xã TÂN LẬP, tân lập; hoà hòa HOÀ ".repeat(40);
        for text in [
            TEXT.to_string(),
            TEXT.repeat(30),
            seed("002_02a9a757edc48b48.txt"),
            seed("004_f16c7fcdc7d76b7f.txt"),
            marks,
            String::new(),
        ] {
            assert_eq!(fingerprint("", &text), reference(&text), "{text}");
        }
        assert_eq!(
            fingerprint("", "Đắk Lắk, xã Ea Tu").content,
            xxh3_64(b"dak lak xa ea tu ")
        );
    }

    proptest::proptest! {
        #[test]
        fn fingerprints_of_any_text_are_those_first_defined(
            words in proptest::collection::vec(
                "[a-zA-ZđĐăâêôơưáàảãạấầẩẫậéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ\u{300}\u{301}\u{303}\u{309}\u{323}0-9.,'’-]{0,6}",
                0..80,
            ),
            seps in proptest::collection::vec("[ \n,;.()]{1,2}", 80),
        ) {
            let text: String = words
                .iter()
                .zip(&seps)
                .flat_map(|(w, s)| [w.as_str(), s.as_str()])
                .collect();
            proptest::prop_assert_eq!(fingerprint("", &text), reference(&text));
        }
    }

    #[test]
    fn exact_copies_share_the_content_id() {
        let a = fingerprint("", TEXT);
        let b = fingerprint(
            "",
            &format!("  {}  ", TEXT.replace("Thái Nguyên", "THÁI  NGUYÊN")),
        );
        assert_eq!(a.content, b.content);
        assert_ne!(
            a.content,
            fingerprint("", &TEXT.replace("2024", "2025")).content
        );
    }

    fn seed(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus")
            .join(name);
        std::fs::read_to_string(path).expect("seed")
    }

    #[test]
    fn small_edits_stay_close_and_other_text_is_far() {
        let body = seed("002_02a9a757edc48b48.txt");
        let a = fingerprint("", &body).simhash.expect("long enough");
        let edited = body
            .replace("ít nhất 2 xã", "ít nhất 3 xã")
            .replace("Việt Hoan", "Theo Báo Xây dựng");
        let b = fingerprint("", &edited).simhash.expect("long enough");
        let c = fingerprint("", &seed("004_f16c7fcdc7d76b7f.txt"))
            .simhash
            .expect("long enough");
        assert!(
            distance(a, b) <= crate::fingerprint::NEAR_BITS,
            "{}",
            distance(a, b)
        );
        assert!(distance(a, c) > 16, "{}", distance(a, c));
        assert_eq!(fingerprint("", "ngắn quá").simhash, None);
    }
}
