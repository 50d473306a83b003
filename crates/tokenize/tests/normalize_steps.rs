//! The steps of normalization one by one, and the pipeline they make.
//!
//! Each step of [`vietdex_tokenize::steps`] has its contract here, checked
//! on random input; the pipeline contract checks that the fused functions
//! the tokenizers use ([`normalize_token_into`], [`fold_token_into`],
//! [`token_forms_into`]) give exactly what the steps give, one after the
//! other, on Vietnamese-like strings and on any string.

use proptest::prelude::*;
use unicode_normalization::{UnicodeNormalization, is_nfc};
use vietdex_tokenize::chars::{self, Vowel};
use vietdex_tokenize::steps::{
    compose, drop_ignorables, exact, fold, folded, lowercase, place_tones, placed,
};
use vietdex_tokenize::{fold_token_into, normalize_token_into, token_forms_into};

/// The precomposed Vietnamese vowels, every tone, lowercase.
fn vowels() -> Vec<char> {
    "aăâeêioôơuưy"
        .chars()
        .flat_map(|c| ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}', ' '].map(|m| (c, m)))
        .map(|(c, m)| match m {
            ' ' => c,
            m => [c, m].into_iter().nfc().next().expect("a vowel"),
        })
        .collect()
}

/// One character or short piece of a token: Vietnamese letters of both
/// cases, combining marks (the Vietnamese ones, others of U+0300–U+036F,
/// marks of other scripts), invisible characters, letters whose case
/// mapping is special, Greek, Hangul jamo, and anything at all.
fn piece() -> impl Strategy<Value = String> {
    let vietnamese = prop::sample::select(vowels()).prop_map(String::from);
    let consonants = prop::sample::select(
        [
            "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
        ]
        .into_iter()
        .chain([
            "nh", "p", "ph", "q", "qu", "r", "s", "t", "th", "tr", "v", "x",
        ])
        .collect::<Vec<_>>(),
    )
    .prop_map(String::from);
    let marks = (0x300u32..0x370).prop_map(|c| char::from_u32(c).expect("a mark").to_string());
    let other = prop::sample::select(vec![
        "Đ", "Ð", "ð", "\u{00AD}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "İ", "ß", "ﬁ",
        "ǅ", "Ǆ", "\u{0591}", "\u{093F}", "\u{1DC4}", "\u{20D0}", "\u{0F73}", "Ω", "Å", "K", "Ϊ",
        "Ϋ", "Ρ", "ᾼ", "Σ", "ς", "ᄀ", "ᅡ", "ᆨ", "中", "𝔄", "æ", "ø", "й", "1", "-", "\u{02BC}",
    ])
    .prop_map(String::from);
    let any = any::<char>().prop_map(String::from);
    prop_oneof![
        5 => vietnamese,
        4 => consonants,
        3 => marks,
        2 => other,
        1 => any,
    ]
}

/// Vietnamese-like tokens: pieces as they come, upper case, NFD or NFKD.
fn token() -> impl Strategy<Value = String> {
    (prop::collection::vec(piece(), 0..10), 0u8..4).prop_map(|(v, form)| {
        let s = v.concat();
        match form {
            0 => s,
            1 => s.to_uppercase(),
            2 => s.nfd().collect(),
            _ => s.nfkd().collect(),
        }
    })
}

/// A Vietnamese-shaped syllable as onset, vowels and coda, with a tone.
fn syllable() -> impl Strategy<Value = (String, Vec<char>, String, u8)> {
    let onsets = ["", "b", "h", "kh", "ng", "qu", "gi", "th", "tr", "đ", "nh"];
    let nuclei = [
        "a", "ă", "ê", "o", "ơ", "u", "ư", "y", "oa", "oe", "uy", "ua", "ia", "ưa", "uô", "iê",
        "ươ", "ai", "ao", "au", "ây", "eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "oai", "uây",
        "uyê", "ươi", "iêu", "uôi", "ươu", "oă", "uơ", "yê",
    ];
    let codas = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
    (
        prop::sample::select(onsets.to_vec()),
        prop::sample::select(nuclei.to_vec()),
        prop::sample::select(codas.to_vec()),
        1u8..6,
    )
        .prop_map(|(o, n, c, tone)| (o.to_string(), n.chars().collect(), c.to_string(), tone))
}

/// The syllable with its tone on the vowel at `at` of its nucleus.
fn with_tone(onset: &str, nucleus: &[char], coda: &str, tone: u8, at: usize) -> String {
    let mut s = onset.to_string();
    for (i, &c) in nucleus.iter().enumerate() {
        let v = chars::vowel(c).expect("a vowel");
        let t = if i == at { tone } else { 0 };
        s.push(
            Vowel {
                base: v.base,
                tone: t,
            }
            .to_char(),
        );
    }
    s + coda
}

/// Which vowel of a nucleus takes the tone, as the 2025 gazetteer writes
/// it: the (last) one with a quality mark; otherwise the middle one of
/// three, the first of two in an open syllable, the second of two before a
/// final consonant.
fn canonical_vowel(nucleus: &[char], closed: bool) -> usize {
    let marked = |c: char| "ăâêôơư".contains(c);
    match (nucleus.iter().rposition(|&c| marked(c)), nucleus.len()) {
        (Some(i), _) => i,
        (None, 3) => 1,
        (None, 2) if closed => 1,
        _ => 0,
    }
}

/// The letters without their tones (quality marks kept).
fn untoned(s: &str) -> String {
    s.chars()
        .map(|c| chars::vowel(c).map_or(c, |v| v.untoned()))
        .collect()
}

/// How many toned vowels each run of letters has.
fn tones_per_run(s: &str) -> Vec<usize> {
    let mut runs = Vec::new();
    let mut in_run = false;
    for c in s.chars() {
        if chars::is_letter(c) {
            if !in_run {
                runs.push(0);
                in_run = true;
            }
            let toned = chars::vowel(c).is_some_and(|v| v.tone != 0);
            *runs.last_mut().expect("a run") += usize::from(toned);
        } else {
            in_run = false;
        }
    }
    runs
}

fn is_greek(c: char) -> bool {
    ('\u{370}'..='\u{3FF}').contains(&c) || ('\u{1F00}'..='\u{1FFF}').contains(&c)
}

/// The pipeline contract: the fused functions write what the steps give,
/// after whatever `out` held.
fn check_pipeline(s: &str) -> Result<(), TestCaseError> {
    let mut buf = Vec::new();
    let mut e = String::from("<");
    normalize_token_into(s, &mut e, &mut buf);
    let mut f = String::from("<");
    fold_token_into(s, &mut f, &mut buf);
    let (mut e2, mut f2) = (String::from("<<"), String::from(">"));
    token_forms_into(s, &mut e2, &mut f2, &mut buf);
    let (want_e, want_f) = (exact(s), folded(s));
    prop_assert_eq!(&e[1..], want_e.as_str(), "exact of {:?}", s);
    prop_assert_eq!(&f[1..], want_f.as_str(), "folded of {:?}", s);
    prop_assert_eq!(&e2[2..], want_e.as_str(), "both forms of {:?}", s);
    prop_assert_eq!(&f2[1..], want_f.as_str(), "both forms of {:?}", s);
    // The folded form is the fold of the exact one, but for Greek capitals
    // with marks only a lowercase letter has precomposed.
    if !want_e.chars().any(is_greek) {
        prop_assert_eq!(fold(&want_e), want_f.as_str(), "fold of exact of {:?}", s);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn the_fused_functions_give_what_the_steps_give(s in token()) {
        check_pipeline(&s)?;
    }

    #[test]
    fn the_fused_functions_give_what_the_steps_give_on_any_string(s in any::<String>()) {
        check_pipeline(&s)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn drop_ignorables_drops_them_and_only_them(s in token()) {
        let out = drop_ignorables(&s);
        prop_assert!(!out.chars().any(chars::is_ignorable));
        let kept: String = s.chars().filter(|&c| !chars::is_ignorable(c)).collect();
        prop_assert_eq!(out.as_ref(), kept.as_str());
        prop_assert_eq!(drop_ignorables(&out), out.as_ref());
    }

    #[test]
    fn compose_gives_nfc_canonically_equivalent_to_its_input(s in token()) {
        let out = compose(&s);
        prop_assert!(is_nfc(&out), "{:?}", out);
        prop_assert_eq!(compose(&out), out.as_ref());
        let (a, b): (String, String) = (out.nfd().collect(), s.nfd().collect());
        prop_assert_eq!(a, b);
        // In the pipeline: the input without its invisible characters.
        let visible = drop_ignorables(&s);
        let out = compose(&visible);
        let (a, b): (String, String) = (out.nfd().collect(), visible.nfd().collect());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn lowercase_leaves_no_upper_case_and_maps_d_to_d_with_stroke(s in token()) {
        let out = lowercase(&s);
        for c in out.chars() {
            prop_assert!(!matches!(c, 'Đ' | 'Ð' | 'ð'), "{:?}", out);
            // An upper-case letter left has no lowercase (𝔄).
            prop_assert!(!c.is_uppercase() || c.to_lowercase().eq([c]), "{:?} in {:?}", c, out);
        }
        prop_assert_eq!(lowercase(&out), out.as_ref());
        // Character by character: no context (Σ is σ, not final ς)...
        let each: String = s.chars().map(|c| lowercase(&c.to_string()).into_owned()).collect();
        prop_assert_eq!(out.as_ref(), each.as_str());
        // ...and only case changes: other characters stay.
        for c in s.chars().filter(|&c| !c.is_uppercase() && c != 'ð') {
            let one = c.to_string();
            prop_assert_eq!(lowercase(&one), one.as_str());
        }
    }

    #[test]
    fn place_tones_only_moves_tones_within_a_syllable(s in token()) {
        // The step's input: composed and lowercase.
        let s = lowercase(&compose(&drop_ignorables(&s))).into_owned();
        let out = place_tones(&s);
        prop_assert_eq!(place_tones(&out), out.as_ref());
        prop_assert_eq!(untoned(&out), untoned(&s));
        prop_assert_eq!(tones_per_run(&out), tones_per_run(&s));
    }

    #[test]
    fn place_tones_puts_one_tone_on_one_vowel_wherever_it_was(
        (onset, nucleus, coda, tone) in syllable(),
        at in 0usize..3,
    ) {
        let first = place_tones(&with_tone(&onset, &nucleus, &coda, tone, 0)).into_owned();
        let other = with_tone(&onset, &nucleus, &coda, tone, at % nucleus.len());
        prop_assert_eq!(place_tones(&other), first.as_str());
        prop_assert_eq!(tones_per_run(&first), [1]);
        let toned = first.chars().position(|c| chars::vowel(c).is_some_and(|v| v.tone != 0));
        // The `i` after `g` belongs to the consonant (`gi`, and `ngi`,
        // which Vietnamese spells `nghi`).
        let skip = usize::from(onset.ends_with('g') && nucleus[0] == 'i' && nucleus.len() > 1);
        let want = onset.chars().count() + skip + canonical_vowel(&nucleus[skip..], !coda.is_empty());
        prop_assert_eq!(toned, Some(want), "{:?}", first);
        prop_assert_eq!(untoned(&first), untoned(&other));
        // NFD input, the tone a mark after any vowel, gives the same once
        // composed; upper case too.
        let mark = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'][usize::from(tone) - 1];
        let plain = with_tone(&onset, &nucleus, &coda, 0, 0);
        let nfd: String = plain.nfd().collect();
        // After each vowel of the nucleus and its quality mark.
        let vowels: Vec<usize> = nfd
            .char_indices()
            .filter(|&(i, c)| i >= onset.len() && "aeiouy".contains(c))
            .map(|(i, _)| {
                let rest = &nfd[i + 1..];
                i + 1 + rest.find(|c| !chars::is_diacritic_mark(c)).unwrap_or(rest.len())
            })
            .collect();
        let after = vowels[at % vowels.len()];
        let nfd = format!("{}{mark}{}", &nfd[..after], &nfd[after..]);
        let nfd = nfd.nfd().collect::<String>();
        prop_assert_eq!(exact(&nfd), first.as_str(), "{:?}", nfd);
        prop_assert_eq!(exact(&nfd.to_uppercase()), first.as_str(), "{:?}", nfd);
    }

    #[test]
    fn fold_leaves_no_vietnamese_mark_and_ignores_tone_placement(s in token()) {
        let p = placed(&s);
        let out = fold(&p);
        for c in out.chars() {
            prop_assert!(!chars::is_diacritic_mark(c), "{:?}", out);
            prop_assert!(c != 'đ', "{:?}", out);
            // A vowel left is a plain ASCII one.
            prop_assert!(chars::vowel(c).is_none_or(|_| c.is_ascii()), "{:?} in {:?}", c, out);
        }
        prop_assert_eq!(fold(&out), out.as_ref());
        // Where the tones sit does not matter: the fast path folds without
        // placing them.
        let unplaced = lowercase(&compose(&drop_ignorables(&s))).into_owned();
        prop_assert_eq!(fold(&unplaced), out.as_ref());
        // A token folds as its normalized form does (but for Greek
        // capitals, as above). (A folded token need not fold to itself:
        // dropping a mark between conjoining jamo, `ᄀ` U+0300 `ᅡ`, lets
        // them compose.)
        let e = exact(&s);
        if !e.chars().any(is_greek) {
            prop_assert_eq!(folded(&e), out.as_ref());
        }
    }
}

#[test]
fn fold_keeps_marks_on_letters_of_other_scripts() {
    // `Ϊ` + U+0301 composes only once lowercase, after folding has dropped
    // the mark; `ΐ` typed precomposed keeps it. Today's folded forms, kept.
    let s = "\u{3AA}\u{301}";
    assert_eq!(exact(s), "\u{390}");
    assert_eq!(folded(s), "\u{3CA}");
    assert_eq!(folded("\u{390}"), "\u{390}");
    assert_eq!(fold(&exact(s)), "\u{390}");
    assert_eq!(fold(&placed(s)), folded(s));
}

#[test]
fn steps_borrow_what_they_leave_alone() {
    use std::borrow::Cow::Borrowed;
    for s in ["đại từ", "hòa", "abc", ""] {
        assert!(matches!(drop_ignorables(s), Borrowed(_)), "{s}");
        assert!(matches!(compose(s), Borrowed(_)), "{s}");
        assert!(matches!(lowercase(s), Borrowed(_)), "{s}");
        assert!(matches!(place_tones(s), Borrowed(_)), "{s}");
    }
    assert!(matches!(fold("dai tu"), Borrowed(_)));
}

#[test]
fn each_step_on_examples() {
    assert_eq!(drop_ignorables("Đ\u{00AD}ại\u{200B}"), "Đại\u{200B}");
    assert_eq!(compose("Đa\u{323}i"), "Đại");
    assert_eq!(lowercase("ĐẠI Ðại ðại İ"), "đại đại đại i\u{307}");
    assert_eq!(
        place_tones("hoà thuỷ vịêt hoàn qúa"),
        "hòa thủy việt hoàn quá"
    );
    assert_eq!(fold("hòa thủy việt người đại"), "hoa thuy viet nguoi dai");
    assert_eq!(exact("HOA\u{300}\u{00AD}"), "hòa");
    assert_eq!(folded("HOA\u{300}\u{00AD}"), "hoa");
}

/// Every character up to U+FFFF alone, after a syllable whose tone moves and
/// before a combining mark.
#[test]
fn the_pipeline_contract_holds_for_every_character() {
    for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
        for s in [c.to_string(), format!("Hoà{c}"), format!("{c}\u{301}")] {
            check_pipeline(&s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        }
    }
}
