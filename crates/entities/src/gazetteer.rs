//! The administrative-unit gazetteer: provinces, districts and communes of
//! the 2024 hierarchy (two snapshots, merged), the 2025 units, and the
//! old→new commune mapping of the 2025 reform.
//!
//! Names are looked up by their normalized syllables (see
//! `vietdex_tokenize::normalize`), so case, tone placement (`Hoà`/`Hòa`)
//! and NFD do not matter.

use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};
use vietdex_tokenize::normalize;

const UNITS_2024: &str = include_str!("../data/gazetteer/units-2024.tsv");
const UNITS_2024_12: &str = include_str!("../data/gazetteer/units-2024-12.tsv");
const UNITS_2025: &str = include_str!("../data/gazetteer/units-2025.tsv");
const OLD_TO_NEW: &str = include_str!("../data/gazetteer/old-to-new.tsv");

/// Level of an administrative unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Tỉnh / thành phố trực thuộc trung ương.
    Province,
    /// Huyện / quận / thị xã / thành phố thuộc tỉnh.
    District,
    /// Xã / phường / thị trấn.
    Commune,
}

impl Level {
    /// `province`, `district` or `commune`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Level {
    type Err = String;

    /// `province`, `district` or `commune`.
    fn from_str(s: &str) -> Result<Level, String> {
        match s {
            "province" => Ok(Level::Province),
            "district" => Ok(Level::District),
            "commune" => Ok(Level::Commune),
            _ => Err(format!("unknown level `{s}` (province, district, commune)")),
        }
    }
}

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

/// The gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    units: Vec<Unit>,
    by_name: HashMap<String, Vec<usize>>,
    /// Folded name key (no tone or vowel marks) → units, in unit order.
    by_folded: HashMap<String, Vec<usize>>,
    /// Initials of province names of three or more syllables (`hcm` →
    /// Thành phố Hồ Chí Minh), as the press abbreviates them.
    by_initials: HashMap<String, Vec<usize>>,
    /// Every unit, ordered by (level, code, unit order).
    by_code: Vec<usize>,
    /// Longest name in syllables.
    max_syllables: usize,
    successors: HashMap<String, Vec<Successor>>,
    units_2025: Vec<Unit2025>,
    /// 2025 commune code → pre-2025 commune codes.
    predecessors: HashMap<String, Vec<String>>,
    /// Rows of the tables that could not be read.
    problems: Vec<String>,
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
    vietdex_tokenize::analyze(name)
        .into_iter()
        .map(|t| t.exact)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Gazetteer {
    /// The gazetteer shipped with vietdex. Build it once and pass it on:
    /// it indexes every unit by name.
    pub fn bundled() -> Gazetteer {
        Gazetteer::from_tsv(&[UNITS_2024, UNITS_2024_12], UNITS_2025, OLD_TO_NEW)
    }

    /// Builds a gazetteer from pre-2025 snapshots (merged: a unit with the
    /// same level, code and name in several snapshots is one unit), the 2025
    /// units, and the old→new table.
    pub fn from_tsv(snapshots: &[&str], units_2025: &str, old_to_new: &str) -> Gazetteer {
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
        Gazetteer {
            units,
            by_name,
            by_folded,
            by_initials,
            by_code,
            max_syllables,
            successors,
            units_2025,
            predecessors,
            problems,
        }
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

    /// Units whose name has these normalized syllables (see [`name_key`]).
    pub fn lookup(&self, key: &str) -> &[usize] {
        self.by_name.get(key).map_or(&[], Vec::as_slice)
    }

    /// Provinces whose name has these initials (`hcm`), folded.
    pub fn lookup_initials(&self, initials: &str) -> &[usize] {
        self.by_initials.get(initials).map_or(&[], Vec::as_slice)
    }

    /// Units whose name, folded (no tone or vowel marks, `đ` → `d`), has
    /// these syllables: `dai tu`.
    pub fn lookup_folded(&self, folded_key: &str) -> &[usize] {
        self.by_folded.get(folded_key).map_or(&[], Vec::as_slice)
    }

    /// Every folded name key with its units.
    pub fn folded_names(&self) -> impl Iterator<Item = (&str, &[usize])> + '_ {
        self.by_folded
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
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
        self.predecessors.get(code).map_or(&[], Vec::as_slice)
    }

    /// The 2025 units a commune became, the default one first.
    pub fn successors(&self, idx: usize) -> &[Successor] {
        let u = &self.units[idx];
        self.successors
            .get(&format!("{}:{}", u.level.as_str(), u.code))
            .map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
