//! The program table (`data/programs.tsv` or another) compiled into what
//! [`crate::Programs`] reads: the programs, and phrase dictionaries of
//! their aliases (exact, and folded with the ids). The build script
//! compiles the bundled table with this same file, so a command reads it
//! ready-made.

use vietdex_tokenize::PhraseBuilder;

/// A compiled program table.
pub struct Compiled {
    /// Id and display name of each program.
    pub programs: Vec<(String, String)>,
    /// Alias (normalized syllables) → program; a later alias wins.
    pub aliases: PhraseBuilder,
    /// Folded alias or lower-case id → program, for names typed without
    /// diacritics; an id wins over an alias, else the first.
    pub folded: PhraseBuilder,
}

/// Compiles `id TAB name TAB alias|alias…` rows (`#` comments, read by
/// [`vietdex_tokenize::tsv`]); a row without its three columns is an
/// error naming its line.
pub fn compile(data: &str) -> Result<Compiled, String> {
    const EXPECTED: &str = "expected ID<TAB>NAME<TAB>ALIAS|ALIAS…";
    let rows = vietdex_tokenize::tsv::all_rows::<(String, String, String)>("programs", data)
        .map_err(|bad| format!("line {}: {} ({EXPECTED})", bad.line, bad.reason))?;
    let mut c = Compiled {
        programs: Vec::new(),
        aliases: PhraseBuilder::new(),
        folded: PhraseBuilder::new(),
    };
    for (line, (id, name, aliases)) in rows {
        if [&id, &name, &aliases]
            .iter()
            .any(|col| col.trim().is_empty())
        {
            return Err(format!("line {line}: an empty column ({EXPECTED})"));
        }
        let idx = c.programs.len() as u32;
        c.folded.replace(&id.to_lowercase(), idx);
        c.programs.push((id, name));
        for alias in aliases.split('|') {
            let key = vietdex_tokenize::Analyzer::new()
                .skipping_foldless()
                .analyze(alias)
                .iter()
                .map(|t| t.exact.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if key.is_empty() {
                continue;
            }
            c.aliases.replace(&key, idx);
            c.folded.insert(&vietdex_tokenize::fold(&key), idx);
        }
    }
    Ok(c)
}
