//! The administrative-unit gazetteer: provinces, districts and communes of
//! the 2024 hierarchy (two snapshots, merged), the 2025 units, and the
//! old→new commune mapping of the 2025 reform.
//!
//! Names are looked up by their normalized syllables (see
//! `vietdex_tokenize::normalize`), so case, tone placement (`Hoà`/`Hòa`)
//! and NFD do not matter.
//!
//! Building the gazetteer from its tables reads four TSV files and
//! analyses every name, tens of milliseconds. The bundled gazetteer is
//! built ahead of time into a compact binary form, `data/gazetteer.bin`
//! (written by `examples/gazetteer_table.rs`; a test checks that it is what
//! the tables give): its name indexes are frozen maps read where they lie,
//! and the rest is copied out without parsing text.

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};
use vietdex_tokenize::{FrozenMap, PhraseBuilder, PhraseDict, PhraseEntry, normalize};

const UNITS_2024: &str = include_str!("../data/gazetteer/units-2024.tsv");
const UNITS_2024_12: &str = include_str!("../data/gazetteer/units-2024-12.tsv");
const UNITS_2025: &str = include_str!("../data/gazetteer/units-2025.tsv");
const OLD_TO_NEW: &str = include_str!("../data/gazetteer/old-to-new.tsv");
/// Other names the press gives units (`Sài Gòn`), by level and code.
const ALIASES: &str = include_str!("../data/gazetteer/aliases.tsv");
/// What [`Gazetteer::from_bundled_tables`] builds, as written by
/// [`Gazetteer::encode`].
const PRECOMPILED: &[u8] = include_bytes!("../data/gazetteer.bin");

/// Level of an administrative unit (listed with the type words that
/// announce it, [`vietdex_tokenize::type_words`]).
pub use vietdex_tokenize::type_words::Level;

/// A 2025 unit that a pre-2025 unit became (wholly or in part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Successor {
    /// 2025 code.
    pub code: String,
    /// 2025 full name (`Xã Đại Từ`).
    pub name: String,
    /// 2025 province.
    pub province: String,
}

/// One pre-2025 administrative unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// GSO code.
    pub code: String,
    /// Level.
    pub level: Level,
    /// Type word as written (`Huyện`, `Thị trấn` …).
    pub kind: String,
    /// Name without the type (`Đại Từ`).
    pub name: String,
    /// Type and name (`Huyện Đại Từ`).
    pub full_name: String,
    /// Parent unit (index into [`Gazetteer::units`]).
    pub parent: Option<usize>,
}

/// A unit of the 2025 hierarchy (provinces and communes; no districts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit2025 {
    /// 2025 code.
    pub code: String,
    /// Level (`province` or `commune`).
    pub level: String,
    /// Name without the type.
    pub name: String,
    /// Type and name.
    pub full_name: String,
    /// Province (full name; itself for a province).
    pub province: String,
}

/// Keys, each with a list of items: a phrase dictionary from the key to
/// the number of its list, and the lists end to end.
#[derive(Debug)]
struct Lists<T> {
    keys: PhraseDict,
    /// List `i` is `items[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Lists<T> {
    /// Lists numbered in key order. With `prefixes`, every proper prefix
    /// of a key (of whole syllables) is marked, for longest matches.
    fn build(map: HashMap<String, Vec<T>>, prefixes: bool) -> Lists<T> {
        let mut lists: Vec<(String, Vec<T>)> = map.into_iter().collect();
        lists.sort_by(|a, b| a.0.cmp(&b.0));
        let mut keys = PhraseBuilder::new();
        for (i, (k, _)) in lists.iter().enumerate() {
            if prefixes {
                keys.insert(k, i as u32);
            } else {
                let id = Some(i as u32);
                keys.set(k, PhraseEntry { id, prefix: false });
            }
        }
        let mut starts = vec![0];
        let mut items = Vec::new();
        for (_, list) in lists {
            items.extend(list);
            starts.push(items.len() as u32);
        }
        Lists {
            keys: keys.build(),
            starts,
            items,
        }
    }

    fn list(&self, i: u32) -> &[T] {
        let i = i as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    fn get(&self, key: &str) -> &[T] {
        self.keys.get(key).map_or(&[], |i| self.list(i))
    }

    fn iter(&self) -> impl Iterator<Item = (&str, &[T])> + '_ {
        self.keys.phrases().map(|(k, i)| (k, self.list(i)))
    }
}

/// The gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    units: Vec<Unit>,
    by_name: Lists<usize>,
    /// Folded name key (no tone or vowel marks) → units, in unit order.
    by_folded: Lists<usize>,
    /// Initials of province names of three or more syllables (`hcm` →
    /// Thành phố Hồ Chí Minh), as the press abbreviates them.
    by_initials: Lists<usize>,
    /// Every unit, ordered by (level, code, unit order).
    by_code: Vec<usize>,
    /// Longest name in syllables.
    max_syllables: usize,
    /// Per unit, its successors: a range of `successor_list` (units of the
    /// same level and code share theirs).
    successors: Vec<Range<u32>>,
    successor_list: Vec<Successor>,
    units_2025: Vec<Unit2025>,
    /// 2025 commune code → pre-2025 commune codes.
    predecessors: Lists<String>,
    /// Rows of the tables that could not be read.
    problems: Vec<String>,
    /// [`pair_key`]s of the first two syllables of every name of two or
    /// more, made at the first [`Gazetteer::opens_name`].
    openings: std::sync::OnceLock<Openings>,
    /// A bitmap of the top bits of the first syllable's
    /// [`vietdex_tokenize::token::word_hash`] of every name, made at the
    /// first [`Gazetteer::may_open_with`].
    firsts: std::sync::OnceLock<Vec<u64>>,
}

/// The [`pair_key`]s names open with, and a bitmap of their top bits that
/// rules out most other pairs with one load from a table small enough to
/// stay in the core's cache.
#[derive(Debug)]
struct Openings {
    bits: Vec<u64>,
    keys: rustc_hash::FxHashSet<u64>,
}

/// Bits of a [`pair_key`] that index [`Openings::bits`].
const OPENING_BITS: u32 = 17;

/// Bits of the bitmap of [`Gazetteer::may_open_with`] (8 KB).
const FIRST_BITS: u32 = 16;

impl Openings {
    fn new(keys: rustc_hash::FxHashSet<u64>) -> Openings {
        let mut bits = vec![0u64; 1 << (OPENING_BITS - 6)];
        for &k in &keys {
            let at = (k >> (64 - OPENING_BITS)) as usize;
            bits[at >> 6] |= 1 << (at & 63);
        }
        Openings { bits, keys }
    }

    fn contains(&self, k: u64) -> bool {
        let at = (k >> (64 - OPENING_BITS)) as usize;
        self.bits[at >> 6] & (1 << (at & 63)) != 0 && self.keys.contains(&k)
    }
}

/// One key for two syllables' [`vietdex_tokenize::token::word_hash`]es.
fn pair_key(a: u64, b: u64) -> u64 {
    a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A row of a units table (`units-2024.tsv`, `units-2025.tsv`).
#[derive(Deserialize)]
struct UnitRow<'a> {
    code: &'a str,
    level: Level,
    #[serde(rename = "type")]
    kind: &'a str,
    name: &'a str,
    full_name: &'a str,
    parent_code: &'a str,
}

/// A row of the table of other names (`aliases.tsv`).
#[derive(Deserialize)]
struct AliasRow<'a> {
    alias: &'a str,
    level: Level,
    code: &'a str,
}

/// A row of the old→new table (`old-to-new.tsv`).
#[derive(Deserialize)]
struct OldToNewRow<'a> {
    old_code: &'a str,
    old_level: Level,
    new_code: &'a str,
    new_full_name: &'a str,
    new_province_code: &'a str,
    relation: &'a str,
}

/// Reads a tab-separated table with a header line, handing each row and
/// the header to `f`, which deserializes the row; a row it cannot read is
/// recorded in `problems` (table, line, reason) and skipped.
fn read_table(
    name: &str,
    tsv: &str,
    problems: &mut Vec<String>,
    mut f: impl FnMut(&csv::StringRecord, &csv::StringRecord) -> Result<(), csv::Error>,
) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_reader(tsv.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return problems.push(format!("{name}: header: {e}")),
    };
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line());
        // Rows borrow from the reused record; `f` copies what it keeps.
        if let Err(e) = f(&record, &headers) {
            problems.push(format!("{name} line {line}: {e}"));
        }
    }
}

/// The normalized lookup key of a name: syllables joined by one space.
pub fn name_key(name: &str) -> String {
    vietdex_tokenize::Analyzer::new()
        .skipping_foldless()
        .analyze(name)
        .iter()
        .map(|t| t.exact.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Gazetteer {
    /// The gazetteer shipped with vietdex, from its precompiled form. Load
    /// it once and pass it on. Should that form be unreadable, the
    /// gazetteer is built from the tables and [`Gazetteer::problems`] says
    /// why.
    pub fn bundled() -> Gazetteer {
        match Gazetteer::decode(Cow::Borrowed(PRECOMPILED)) {
            Ok(g) => g,
            Err(e) => {
                let mut g = Gazetteer::from_bundled_tables();
                g.problems.push(format!(
                    "crates/entities/data/gazetteer.bin: {e}; built from the tables instead (run `cargo run -p vietdex-entities --example gazetteer_table`)"
                ));
                g
            }
        }
    }

    /// The bundled gazetteer built from its tables (`data/gazetteer/*.tsv`),
    /// as [`Gazetteer::bundled`] loads it precompiled.
    pub fn from_bundled_tables() -> Gazetteer {
        Gazetteer::from_tables(
            &[UNITS_2024, UNITS_2024_12],
            UNITS_2025,
            OLD_TO_NEW,
            ALIASES,
        )
    }

    /// Builds a gazetteer from pre-2025 snapshots (merged: a unit with the
    /// same level, code and name in several snapshots is one unit), the 2025
    /// units, and the old→new table.
    pub fn from_tsv(snapshots: &[&str], units_2025: &str, old_to_new: &str) -> Gazetteer {
        Gazetteer::from_tables(snapshots, units_2025, old_to_new, "alias\tlevel\tcode\n")
    }

    /// [`Gazetteer::from_tsv`], with a table of other names of units
    /// (`alias  level  code`): each is looked up as the unit's own name is.
    pub fn from_tables(
        snapshots: &[&str],
        units_2025: &str,
        old_to_new: &str,
        aliases: &str,
    ) -> Gazetteer {
        let mut problems = Vec::new();
        let mut units: Vec<Unit> = Vec::new();
        let mut ids: HashMap<(Level, String, String), usize> = HashMap::default();
        for (n, snap) in snapshots.iter().enumerate() {
            // parent links within this snapshot: (level, code) → unit
            let mut local: HashMap<(Level, String), usize> = HashMap::default();
            let mut pending: Vec<(usize, Level, String)> = Vec::new();
            let table = format!("units snapshot {}", n + 1);
            read_table(&table, snap, &mut problems, |rec, h| {
                let r: UnitRow<'_> = rec.deserialize(Some(h))?;
                let key = (r.level, r.code.to_string(), normalize(r.name).into_owned());
                let idx = *ids.entry(key).or_insert_with(|| {
                    units.push(Unit {
                        code: r.code.to_string(),
                        level: r.level,
                        kind: r.kind.to_string(),
                        name: r.name.to_string(),
                        full_name: r.full_name.to_string(),
                        parent: None,
                    });
                    units.len() - 1
                });
                local.insert((r.level, r.code.to_string()), idx);
                if !r.parent_code.is_empty() {
                    let parent_level = match r.level {
                        Level::Commune => Level::District,
                        _ => Level::Province,
                    };
                    pending.push((idx, parent_level, r.parent_code.to_string()));
                }
                Ok(())
            });
            for (idx, plevel, pcode) in pending {
                if units[idx].parent.is_none() {
                    units[idx].parent = local.get(&(plevel, pcode)).copied();
                }
            }
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_folded: HashMap<String, Vec<usize>> = HashMap::default();
        // Names repeat (thousands of communes share a few hundred names):
        // each distinct name is analysed once.
        let mut keys: HashMap<&str, (String, String)> = HashMap::default();
        let mut max_syllables = 1;
        for (i, u) in units.iter().enumerate() {
            let (key, folded) = keys.entry(u.name.as_str()).or_insert_with(|| {
                let key = name_key(&u.name);
                let folded = vietdex_tokenize::fold(&key).into_owned();
                (key, folded)
            });
            max_syllables = max_syllables.max(key.split(' ').count());
            match by_folded.get_mut(folded.as_str()) {
                Some(list) => list.push(i),
                None => {
                    by_folded.insert(folded.clone(), vec![i]);
                }
            }
            match by_name.get_mut(key.as_str()) {
                Some(list) => list.push(i),
                None => {
                    by_name.insert(key.clone(), vec![i]);
                }
            }
        }
        let mut unknown = Vec::new();
        read_table("aliases", aliases, &mut problems, |rec, h| {
            let r: AliasRow<'_> = rec.deserialize(Some(h))?;
            match units
                .iter()
                .position(|u| u.level == r.level && u.code == r.code)
            {
                Some(i) => {
                    let key = name_key(r.alias);
                    let folded = vietdex_tokenize::fold(&key).into_owned();
                    max_syllables = max_syllables.max(key.split(' ').count());
                    by_folded.entry(folded).or_default().push(i);
                    by_name.entry(key).or_default().push(i);
                }
                None => unknown.push(format!(
                    "aliases: `{}`: no {} with code {}",
                    r.alias,
                    r.level.as_str(),
                    r.code
                )),
            }
            Ok(())
        });
        problems.extend(unknown);
        let mut by_code: Vec<usize> = (0..units.len()).collect();
        by_code.sort_by(|&a, &b| {
            (units[a].level, &units[a].code, a).cmp(&(units[b].level, &units[b].code, b))
        });
        let mut rows_2025: Vec<(Unit2025, String)> = Vec::new();
        read_table("units-2025", units_2025, &mut problems, |rec, h| {
            let r: UnitRow<'_> = rec.deserialize(Some(h))?;
            let unit = Unit2025 {
                code: r.code.to_string(),
                level: r.level.as_str().to_string(),
                name: r.name.to_string(),
                full_name: r.full_name.to_string(),
                province: String::new(),
            };
            rows_2025.push((unit, r.parent_code.to_string()));
            Ok(())
        });
        let provinces_2025: HashMap<String, String> = rows_2025
            .iter()
            .filter(|(u, _)| u.level == "province")
            .map(|(u, _)| (u.code.clone(), u.full_name.clone()))
            .collect();
        let units_2025: Vec<Unit2025> = rows_2025
            .into_iter()
            .map(|(mut u, parent)| {
                u.province = if u.level == "province" {
                    u.full_name.clone()
                } else {
                    provinces_2025.get(&parent).cloned().unwrap_or_default()
                };
                u
            })
            .collect();
        let mut predecessors: HashMap<String, Vec<String>> = HashMap::default();
        let mut successors: HashMap<String, Vec<Successor>> = HashMap::default();
        read_table("old-to-new", old_to_new, &mut problems, |rec, h| {
            let r: OldToNewRow<'_> = rec.deserialize(Some(h))?;
            if r.old_level == Level::Commune {
                predecessors
                    .entry(r.new_code.to_string())
                    .or_default()
                    .push(r.old_code.to_string());
            }
            let s = Successor {
                code: r.new_code.to_string(),
                name: r.new_full_name.to_string(),
                province: provinces_2025
                    .get(r.new_province_code)
                    .cloned()
                    .unwrap_or_default(),
            };
            let list = successors
                .entry(format!("{}:{}", r.old_level.as_str(), r.old_code))
                .or_default();
            if r.relation == "split-default" {
                list.insert(0, s);
            } else {
                list.push(s);
            }
            Ok(())
        });
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, u) in units.iter().enumerate() {
            let folded = vietdex_tokenize::fold(&name_key(&u.name)).into_owned();
            if u.level == Level::Province && folded.split(' ').count() >= 3 {
                let initials: String = folded.split(' ').filter_map(|w| w.chars().next()).collect();
                by_initials.entry(initials).or_default().push(i);
            }
        }
        // Each unit's successors, by level and code: one range per code.
        let mut ranges: HashMap<String, Range<u32>> = HashMap::default();
        let mut successor_list = Vec::new();
        let successors_of_units = units
            .iter()
            .map(|u| {
                let key = format!("{}:{}", u.level.as_str(), u.code);
                ranges
                    .entry(key)
                    .or_insert_with_key(|key| {
                        let start = successor_list.len() as u32;
                        successor_list.extend(successors.get(key).into_iter().flatten().cloned());
                        start..successor_list.len() as u32
                    })
                    .clone()
            })
            .collect();
        Gazetteer {
            units,
            by_name: Lists::build(by_name, true),
            by_folded: Lists::build(by_folded, false),
            by_initials: Lists::build(by_initials, false),
            by_code,
            max_syllables,
            successors: successors_of_units,
            successor_list,
            units_2025,
            predecessors: Lists::build(predecessors, false),
            problems,
            openings: std::sync::OnceLock::new(),
            firsts: std::sync::OnceLock::new(),
        }
    }

    /// The gazetteer in its precompiled form, which [`Gazetteer::decode`]
    /// reads back (the rows that could not be read are not part of it).
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::default();
        for u in &self.units {
            for s in [&u.code, &u.kind, &u.name, &u.full_name] {
                w.intern(s);
            }
        }
        for s in &self.successor_list {
            for s in [&s.code, &s.name, &s.province] {
                w.intern(s);
            }
        }
        for u in &self.units_2025 {
            for s in [&u.code, &u.level, &u.name, &u.full_name, &u.province] {
                w.intern(s);
            }
        }
        for s in &self.predecessors.items {
            w.intern(s);
        }
        let mut out = MAGIC.to_vec();
        w.strings(&mut out);
        put(&mut out, self.units.len());
        for u in &self.units {
            out.push(u.level as u8);
            for s in [&u.code, &u.kind, &u.name, &u.full_name] {
                put(&mut out, w.id(s));
            }
            put(&mut out, u.parent.map_or(0, |p| p + 1));
        }
        for lists in [&self.by_name, &self.by_folded, &self.by_initials] {
            put_lists(&mut out, lists, |out, &u| put(out, u));
        }
        put(&mut out, self.by_code.len());
        for &u in &self.by_code {
            put(&mut out, u);
        }
        put(&mut out, self.max_syllables);
        put(&mut out, self.successors.len());
        for r in &self.successors {
            put(&mut out, r.start as usize);
            put(&mut out, r.end as usize);
        }
        put(&mut out, self.successor_list.len());
        for s in &self.successor_list {
            for s in [&s.code, &s.name, &s.province] {
                put(&mut out, w.id(s));
            }
        }
        put(&mut out, self.units_2025.len());
        for u in &self.units_2025 {
            for s in [&u.code, &u.level, &u.name, &u.full_name, &u.province] {
                put(&mut out, w.id(s));
            }
        }
        put_lists(&mut out, &self.predecessors, |out, s| put(out, w.id(s)));
        out
    }

    /// Reads a gazetteer written by [`Gazetteer::encode`]: the name indexes
    /// are used where they lie (borrowed from static bytes), the units and
    /// the 2025 tables are copied out. Damage (a wrong magic, a size or
    /// index out of range, text that is not UTF-8) is an error saying
    /// where.
    pub fn decode(bytes: Cow<'static, [u8]>) -> Result<Gazetteer, String> {
        let mut r = Reader {
            bytes: &bytes,
            borrowed: match &bytes {
                Cow::Borrowed(b) => Some(b),
                Cow::Owned(_) => None,
            },
            at: 0,
        };
        if r.take(MAGIC.len())? != MAGIC {
            return Err("not a precompiled gazetteer (bad magic)".into());
        }
        let strings = r.strings()?;
        let n = r.len()?;
        let mut units = Vec::with_capacity(n);
        for _ in 0..n {
            let level = match r.take(1)? {
                [0] => Level::Province,
                [1] => Level::District,
                [2] => Level::Commune,
                other => return Err(format!("unit {}: bad level {other:?}", units.len())),
            };
            let code = strings.get(r.u32()?)?;
            let kind = strings.get(r.u32()?)?;
            let name = strings.get(r.u32()?)?;
            let full_name = strings.get(r.u32()?)?;
            let parent = match r.u32()? {
                0 => None,
                p if (p as usize) <= n => Some(p as usize - 1),
                p => return Err(format!("unit {}: parent {p} of {n}", units.len())),
            };
            units.push(Unit {
                code,
                level,
                kind,
                name,
                full_name,
                parent,
            });
        }
        let unit = |u: u32| -> Result<usize, String> {
            if (u as usize) < n {
                Ok(u as usize)
            } else {
                Err(format!("unit {u} of {n}"))
            }
        };
        let by_name = r.lists(unit)?;
        let by_folded = r.lists(unit)?;
        let by_initials = r.lists(unit)?;
        let by_code = (0..r.len()?)
            .map(|_| unit(r.u32()?))
            .collect::<Result<Vec<usize>, String>>()?;
        let max_syllables = r.u32()? as usize;
        let ranges = r.len()?;
        let mut successors = Vec::with_capacity(ranges);
        for _ in 0..ranges {
            successors.push(r.u32()?..r.u32()?);
        }
        let n_successors = r.len()?;
        if let Some(bad) = successors
            .iter()
            .find(|s| s.start > s.end || s.end as usize > n_successors)
        {
            return Err(format!("successors {bad:?} of {n_successors}"));
        }
        let mut successor_list = Vec::with_capacity(n_successors);
        for _ in 0..n_successors {
            successor_list.push(Successor {
                code: strings.get(r.u32()?)?,
                name: strings.get(r.u32()?)?,
                province: strings.get(r.u32()?)?,
            });
        }
        let n_2025 = r.len()?;
        let mut units_2025 = Vec::with_capacity(n_2025);
        for _ in 0..n_2025 {
            units_2025.push(Unit2025 {
                code: strings.get(r.u32()?)?,
                level: strings.get(r.u32()?)?,
                name: strings.get(r.u32()?)?,
                full_name: strings.get(r.u32()?)?,
                province: strings.get(r.u32()?)?,
            });
        }
        let predecessors = r.lists(|s| strings.get(s))?;
        if r.at != bytes.len() {
            return Err(format!("{} bytes left over", bytes.len() - r.at));
        }
        Ok(Gazetteer {
            units,
            by_name,
            by_folded,
            by_initials,
            by_code,
            max_syllables,
            successors,
            successor_list,
            units_2025,
            predecessors,
            problems: Vec::new(),
            openings: std::sync::OnceLock::new(),
            firsts: std::sync::OnceLock::new(),
        })
    }

    /// Rows of the tables that could not be read (table, line, reason);
    /// they were skipped. Empty for the bundled gazetteer.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Every unit.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// The unit at `idx`.
    pub fn unit(&self, idx: usize) -> &Unit {
        &self.units[idx]
    }

    /// Whether some name of two syllables or more opens with the two
    /// normalized syllables whose [`vietdex_tokenize::token::word_hash`]es
    /// are `a` and `b`: one hash lookup, where [`Gazetteer::lookup`] needs
    /// the name's key built first. Rules that try every pair of tokens
    /// ask this first.
    pub fn opens_name(&self, a: u64, b: u64) -> bool {
        self.openings
            .get_or_init(|| {
                let hash = vietdex_tokenize::token::word_hash;
                Openings::new(
                    self.by_name
                        .iter()
                        .filter_map(|(key, _)| {
                            let mut syl = key.split(' ');
                            Some(pair_key(hash(syl.next()?), hash(syl.next()?)))
                        })
                        .collect(),
                )
            })
            .contains(pair_key(a, b))
    }

    /// Whether some name may open with the normalized syllable whose
    /// [`vietdex_tokenize::token::word_hash`] is `h`: false only where
    /// none does, so that a walk over the names ([`Gazetteer::names_at`])
    /// at such a syllable can be skipped. One load from a bitmap small
    /// enough to stay in the core's cache, where the walk's first lookup
    /// goes to the table of names.
    pub fn may_open_with(&self, h: u64) -> bool {
        let bits = self.firsts.get_or_init(|| {
            let mut bits = vec![0u64; 1 << (FIRST_BITS - 6)];
            for (key, _) in self.by_name.iter() {
                let first = key.split(' ').next().unwrap_or(key);
                let at = (vietdex_tokenize::token::word_hash(first) >> (64 - FIRST_BITS)) as usize;
                bits[at >> 6] |= 1 << (at & 63);
            }
            bits
        });
        let at = (h >> (64 - FIRST_BITS)) as usize;
        bits[at >> 6] & (1 << (at & 63)) != 0
    }

    /// Units whose name has these normalized syllables (see [`name_key`]).
    pub fn lookup(&self, key: &str) -> &[usize] {
        self.by_name.get(key)
    }

    /// The names that start at a position, shortest first, with their
    /// units: `syllable(k)` gives the normalized syllable `k` tokens on
    /// (`None` where no name may go on), at most `max` are read (see
    /// [`PhraseDict::walk`]). `key` is a buffer.
    #[inline]
    pub fn names_at<'s>(
        &self,
        max: usize,
        key: &mut String,
        syllable: impl FnMut(usize) -> Option<&'s str>,
        mut found: impl FnMut(usize, &[usize]),
    ) {
        self.by_name.keys.walk(max, key, syllable, |len, list| {
            found(len, self.by_name.list(list))
        });
    }

    /// Provinces whose name has these initials (`hcm`), folded.
    pub fn lookup_initials(&self, initials: &str) -> &[usize] {
        self.by_initials.get(initials)
    }

    /// Units whose name, folded (no tone or vowel marks, `đ` → `d`), has
    /// these syllables: `dai tu`.
    pub fn lookup_folded(&self, folded_key: &str) -> &[usize] {
        self.by_folded.get(folded_key)
    }

    /// Every folded name key with its units.
    pub fn folded_names(&self) -> impl Iterator<Item = (&str, &[usize])> + '_ {
        self.by_folded.iter()
    }

    /// The units of a level with this code (the same unit may appear once
    /// per snapshot that names it differently).
    pub fn by_code(&self, level: Level, code: &str) -> &[usize] {
        let key = |&u: &usize| (self.units[u].level, self.units[u].code.as_str());
        let from = self.by_code.partition_point(|u| key(u) < (level, code));
        let to = self.by_code.partition_point(|u| key(u) <= (level, code));
        &self.by_code[from..to]
    }

    /// Longest unit name, in syllables.
    pub fn max_syllables(&self) -> usize {
        self.max_syllables
    }

    /// The ancestors of a unit, nearest first.
    pub fn ancestors(&self, idx: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.units[idx].parent, |&p| self.units[p].parent)
    }

    /// The province a unit belongs to (itself for a province).
    pub fn province_of(&self, idx: usize) -> usize {
        self.ancestors(idx).last().unwrap_or(idx)
    }

    /// The district of a commune.
    pub fn district_of(&self, idx: usize) -> Option<usize> {
        match self.units[idx].level {
            Level::Commune => self.units[idx].parent,
            _ => None,
        }
    }

    /// Whether `ancestor` is `idx` or one of its ancestors.
    pub fn is_within(&self, idx: usize, ancestor: usize) -> bool {
        idx == ancestor || self.ancestors(idx).any(|a| a == ancestor)
    }

    /// The units of the 2025 hierarchy.
    pub fn units_2025(&self) -> &[Unit2025] {
        &self.units_2025
    }

    /// Codes of the pre-2025 communes that became (wholly or in part) the
    /// 2025 commune `code`.
    pub fn predecessors(&self, code: &str) -> &[String] {
        self.predecessors.get(code)
    }

    /// The 2025 units a commune became, the default one first.
    pub fn successors(&self, idx: usize) -> &[Successor] {
        self.successors
            .get(idx)
            .and_then(|r| self.successor_list.get(r.start as usize..r.end as usize))
            .unwrap_or(&[])
    }
}

/// The first bytes of a precompiled gazetteer (format version 2: name
/// keys in phrase dictionaries, prefixes of names marked).
const MAGIC: &[u8; 8] = b"VDXGAZ02";

/// Appends a number (u32, little-endian).
fn put(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

/// Appends lists: the frozen map's length and bytes, the list starts, the
/// items (each written by `item`).
fn put_lists<T>(out: &mut Vec<u8>, lists: &Lists<T>, item: impl Fn(&mut Vec<u8>, &T)) {
    let keys = FrozenMap::encode(lists.keys.iter().map(|(k, e)| (k, e.value())));
    put(out, keys.len());
    out.extend_from_slice(&keys);
    put(out, lists.starts.len());
    for &s in &lists.starts {
        put(out, s as usize);
    }
    put(out, lists.items.len());
    for i in &lists.items {
        item(out, i);
    }
}

/// The strings of a precompiled gazetteer, each written once.
#[derive(Default)]
struct Writer {
    ids: HashMap<String, usize>,
    order: Vec<String>,
}

impl Writer {
    fn intern(&mut self, s: &str) {
        if !self.ids.contains_key(s) {
            self.ids.insert(s.to_string(), self.order.len());
            self.order.push(s.to_string());
        }
    }

    fn id(&self, s: &str) -> usize {
        self.ids.get(s).copied().unwrap_or(0)
    }

    /// The string table: count, end offsets, then the text.
    fn strings(&self, out: &mut Vec<u8>) {
        put(out, self.order.len());
        let mut end = 0;
        for s in &self.order {
            end += s.len();
            put(out, end);
        }
        for s in &self.order {
            out.extend_from_slice(s.as_bytes());
        }
    }
}

/// The string table of a precompiled gazetteer being read.
struct Strings<'a> {
    text: &'a str,
    ends: Vec<u32>,
}

impl Strings<'_> {
    fn get(&self, id: u32) -> Result<String, String> {
        let i = id as usize;
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1).ok_or_else(|| format!("string {id}"))? as usize,
        };
        let end = *self.ends.get(i).ok_or_else(|| format!("string {id}"))? as usize;
        self.text
            .get(start..end)
            .map(str::to_string)
            .ok_or_else(|| format!("string {id}: bad range {start}..{end}"))
    }
}

/// Reads a precompiled gazetteer front to back.
struct Reader<'a> {
    bytes: &'a [u8],
    /// The same bytes when they are static, to borrow from.
    borrowed: Option<&'static [u8]>,
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(format!("truncated at byte {}", self.at));
        };
        let b = &self.bytes[self.at..end];
        self.at = end;
        Ok(b)
    }

    fn u32(&mut self) -> Result<u32, String> {
        match self.take(4)? {
            &[a, b, c, d] => Ok(u32::from_le_bytes([a, b, c, d])),
            _ => Err(format!("truncated at byte {}", self.at)),
        }
    }

    /// A count of things that follow, each at least one byte long.
    fn len(&mut self) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() - self.at {
            return Err(format!("count {n} at byte {} is past the end", self.at - 4));
        }
        Ok(n)
    }

    fn strings(&mut self) -> Result<Strings<'a>, String> {
        let n = self.len()?;
        let ends = (0..n)
            .map(|_| self.u32())
            .collect::<Result<Vec<u32>, String>>()?;
        let len = ends.last().map_or(0, |&e| e as usize);
        let text =
            std::str::from_utf8(self.take(len)?).map_err(|e| format!("string table: {e}"))?;
        Ok(Strings { text, ends })
    }

    /// Lists written by [`put_lists`]; their frozen map borrows static
    /// bytes, and copies others.
    fn lists<T>(&mut self, item: impl Fn(u32) -> Result<T, String>) -> Result<Lists<T>, String> {
        let n = self.len()?;
        let range = self.at..self.at + n;
        let bytes = self.take(n)?;
        let keys = match self.borrowed.and_then(|b| b.get(range)) {
            Some(b) => Cow::Borrowed(b),
            None => Cow::Owned(bytes.to_vec()),
        };
        let keys = PhraseDict::new(keys)?;
        let starts = (0..self.len()?)
            .map(|_| self.u32())
            .collect::<Result<Vec<u32>, String>>()?;
        let items = (0..self.len()?)
            .map(|_| item(self.u32()?))
            .collect::<Result<Vec<T>, String>>()?;
        if starts.windows(2).any(|w| w[0] > w[1])
            || starts.last().is_some_and(|&e| e as usize > items.len())
            || starts.is_empty()
        {
            return Err(format!("lists before byte {}: bad starts", self.at));
        }
        Ok(Lists {
            keys,
            starts,
            items,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk over the names is skipped only at a syllable no name opens
    /// with: every name's first syllable passes the bitmap.
    #[test]
    fn every_name_opens_with_a_syllable_of_the_bitmap() {
        let g = crate::bundled::gazetteer();
        let hash = vietdex_tokenize::token::word_hash;
        for (key, _) in g.by_name.iter() {
            let first = key.split(' ').next().unwrap_or(key);
            assert!(g.may_open_with(hash(first)), "{key}");
        }
        assert!(g.may_open_with(hash("đại")));
        // Few of the other syllables pass: the bitmap rules most out.
        let others = ["nói", "rằng", "những", "được", "người", "cho", "với", "này"];
        assert!(others.iter().filter(|w| g.may_open_with(hash(w))).count() <= 2);
    }

    #[test]
    fn loads_and_links_parents() {
        let g = crate::bundled::gazetteer();
        let dai_tu = g.lookup("đại từ");
        let d = dai_tu
            .iter()
            .copied()
            .find(|&i| g.unit(i).level == Level::District)
            .expect("district");
        assert_eq!(g.unit(d).full_name, "Huyện Đại Từ");
        assert_eq!(g.unit(g.province_of(d)).full_name, "Tỉnh Thái Nguyên");
        let van_tho: Vec<usize> = g.lookup("vạn thọ").to_vec();
        assert!(van_tho.iter().any(|&i| g.is_within(i, d)));
        // Tone placement does not matter.
        assert_eq!(
            g.lookup(&name_key("Hoà Bình")),
            g.lookup(&name_key("Hòa Bình"))
        );
        assert!(g.lookup("ngọc sơn").len() >= 10);
        assert!(g.max_syllables() >= 4);
    }

    #[test]
    fn the_precompiled_gazetteer_is_what_the_tables_give() {
        let built = Gazetteer::from_bundled_tables();
        assert_eq!(built.problems(), [] as [String; 0]);
        assert!(
            built.encode() == PRECOMPILED,
            "data/gazetteer.bin is out of date: run `cargo run -p vietdex-entities --example gazetteer_table`"
        );
        let loaded = crate::bundled::gazetteer();
        assert_eq!(loaded.units(), built.units());
        assert!(loaded.encode() == PRECOMPILED);
        // Owned bytes read the same as static ones.
        let owned = Gazetteer::decode(Cow::Owned(PRECOMPILED.to_vec())).expect("decode");
        assert!(owned.encode() == PRECOMPILED);
    }

    #[test]
    fn a_damaged_precompiled_gazetteer_is_an_error() {
        for cut in [0, 7, 100, PRECOMPILED.len() / 2, PRECOMPILED.len() - 1] {
            let e = Gazetteer::decode(Cow::Owned(PRECOMPILED[..cut].to_vec()));
            assert!(e.is_err(), "cut at {cut}");
        }
        let mut longer = PRECOMPILED.to_vec();
        longer.push(0);
        assert!(Gazetteer::decode(Cow::Owned(longer)).is_err());
        // A unit whose level byte is wrong (the first unit follows the
        // string table).
        let g = Gazetteer::from_tsv(
            &["code\tlevel\ttype\tname\tfull_name\tparent_code\n01\tprovince\tTỉnh\tA\tTỉnh A\t\n"],
            "code\tlevel\ttype\tname\tfull_name\tparent_code\n",
            "old_code\told_level\n",
        );
        let mut bytes = g.encode();
        let table = 8 + 4 + 4 * 4 + "01TỉnhATỉnh A".len();
        assert_eq!(bytes[table + 4], Level::Province as u8);
        bytes[table + 4] = 9;
        let e = Gazetteer::decode(Cow::Owned(bytes)).expect_err("bad level");
        assert!(e.contains("bad level"), "{e}");
    }

    #[test]
    fn bundled_tables_read_whole_and_bad_rows_are_reported() {
        assert_eq!(crate::bundled::gazetteer().problems(), [] as [String; 0]);
        let header = "code\tlevel\ttype\tname\tfull_name\tparent_code\n";
        let units = format!(
            "{header}01\tprovince\tTỉnh\tA\tTỉnh A\t\n02\thamlet\tXóm\tB\tXóm B\t\n03\tprovince\n"
        );
        let g = Gazetteer::from_tsv(&[&units], header, "old_code\told_level\n");
        assert_eq!(g.units().len(), 1);
        assert_eq!(g.problems().len(), 2, "{:?}", g.problems());
        assert!(g.problems()[0].contains("line 3"), "{:?}", g.problems());
    }

    #[test]
    fn successors_from_the_2025_reform() {
        let g = crate::bundled::gazetteer();
        let tan_thai = g
            .lookup("tân thái")
            .iter()
            .copied()
            .find(|&i| g.unit(g.province_of(i)).name == "Thái Nguyên")
            .expect("Tân Thái of Thái Nguyên");
        let s = g.successors(tan_thai);
        assert!(!s.is_empty());
        assert!(s[0].province.contains("Thái Nguyên"), "{s:?}");
    }
}
