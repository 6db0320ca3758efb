//! The rules of entity identity, on names alone: which spellings, shorter
//! forms and initials can denote one entity. Pure string work; the corpus
//! decides which rule applies by looking the keys up (see
//! `corpus::identity`).
//!
//! Every rule produces *keys*: a name and its candidate partner meet when
//! they share a key. Keys are lowercase and spelling-normalised, so case,
//! hyphens, `&`/`and`, a leading "the" and British/US spellings never keep
//! two forms of one name apart.

use super::lexicon::{is_english_word, is_first_name, is_function_word, is_place};
use super::misspell::{max_edits, osa};
use super::types::EntityKind;

/// Words that say what sort of public body a name is, not which one:
/// dropping them (or [`COMPANY`] words) leaves a shorter form of the same
/// name ("Westfield General Hospital NHS Trust" → "Westfield General").
const INSTITUTION: &[&str] = &["nhs", "trust", "foundation", "hospital", "hospitals"];

/// Generic words that only say "a company": a single distinctive word may
/// stand for the name without them ("Fujitsu" for "Fujitsu Services"),
/// but not without "Hospital" ("Kingston" is a town before it is a
/// hospital).
const COMPANY: &[&str] = &[
    "ltd",
    "limited",
    "plc",
    "inc",
    "corp",
    "corporation",
    "uk",
    "services",
    "group",
    "holdings",
    "llp",
    "llc",
    "co",
    "company",
];

/// British spellings and their US forms, both read as one.
const SPELLINGS: &[(&str, &str)] = &[
    ("programme", "program"),
    ("programmes", "programs"),
    ("organisation", "organization"),
    ("organisations", "organizations"),
    ("centre", "center"),
    ("centres", "centers"),
    ("defence", "defense"),
    ("labour", "labor"),
    ("licence", "license"),
    ("theatre", "theater"),
    ("modernisation", "modernization"),
];

fn is_generic(word: &str) -> bool {
    COMPANY.contains(&word) || INSTITUTION.contains(&word)
}

/// The words of a name as identity compares them: lowercase, hyphens and
/// slashes as spaces, `&` as "and", dots, commas and apostrophes dropped,
/// US spellings, no leading "the".
pub fn key_words(name: &str) -> Vec<String> {
    key_words_and_caps(name)
        .into_iter()
        .map(|(w, _)| w)
        .collect()
}

/// [`key_words`], each with whether it was written in capitals (so that
/// "IT" is not taken for "it").
fn key_words_and_caps(name: &str) -> Vec<(String, bool)> {
    let mut words: Vec<(String, bool)> = Vec::new();
    for raw in name.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '/')) {
        let word: String = raw
            .chars()
            .filter(|c| !matches!(c, '.' | ',' | '\'' | '’' | '"' | '(' | ')'))
            .flat_map(char::to_lowercase)
            .collect();
        if word.is_empty() {
            continue;
        }
        let word = if word == "&" { "and".to_string() } else { word };
        let word = SPELLINGS
            .iter()
            .find(|(uk, _)| *uk == word)
            .map_or(word, |(_, us)| us.to_string());
        let caps = raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && raw.chars().all(|c| !c.is_lowercase());
        words.push((word, caps));
    }
    if words.len() > 1 && words[0].0 == "the" {
        words.remove(0);
    }
    words
}

/// The key under which two forms of one name meet: "TELORA" and "Telora",
/// "Marsh-Lane Systems" and "Marsh Lane Systems", "CfH" and "CFH".
pub fn name_key(name: &str) -> String {
    key_words(name).join(" ")
}

/// Whether a name is written as initials: one word of 2–7 letters with at
/// least two capitals ("DH", "WGH", "CfH", "NPfIT").
pub fn is_initialism(name: &str) -> bool {
    let n = name.chars().count();
    (2..=7).contains(&n)
        && name.chars().all(char::is_alphabetic)
        && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// The shorter forms of a multi-word name: every way of dropping generic
/// words ("NHS", "Trust", "Hospital", "Ltd", "UK", …) that leaves at least
/// one distinctive word and does not start or end on a function word.
/// A single word is left only when company words alone were dropped and
/// it is neither a common English word nor a place: "Fujitsu" for
/// "Fujitsu Services", never "Kingston" for "Kingston Hospital".
pub fn shorter_forms(name: &str) -> Vec<String> {
    shorter_forms_of(&key_words_and_caps(name))
}

/// A name's key, its [`shorter_forms`] and its key words, from one pass
/// over the name.
pub fn key_and_shorter_forms(name: &str) -> (String, Vec<String>, Vec<String>) {
    let with_caps = key_words_and_caps(name);
    let shorter = shorter_forms_of(&with_caps);
    let words: Vec<String> = with_caps.into_iter().map(|(w, _)| w).collect();
    (words.join(" "), shorter, words)
}

fn shorter_forms_of(with_caps: &[(String, bool)]) -> Vec<String> {
    let function = |i: usize| !with_caps[i].1 && is_function_word(&with_caps[i].0);
    let words: Vec<String> = with_caps.iter().map(|(w, _)| w.clone()).collect();
    let mut generic: Vec<usize> = (0..words.len())
        .filter(|&i| is_generic(&words[i]))
        .collect();
    // "House of Commons Public Accounts Committee" is the committee.
    if words.len() > 3
        && words[0] == "house"
        && words[1] == "of"
        && matches!(words[2].as_str(), "commons" | "lords")
    {
        generic.extend(0..3);
        generic.sort_unstable();
    }
    // Names with many generic words are rare; bound the subsets.
    if generic.is_empty() || generic.len() > 6 || words.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for mask in 1u32..(1 << generic.len()) {
        let dropped: Vec<usize> = (0..generic.len())
            .filter(|b| mask & (1 << b) != 0)
            .map(|b| generic[b])
            .collect();
        let kept_at: Vec<usize> = (0..words.len()).filter(|i| !dropped.contains(i)).collect();
        let kept: Vec<&str> = kept_at.iter().map(|&i| words[i].as_str()).collect();
        let (Some(&first), Some(&last)) = (kept_at.first(), kept_at.last()) else {
            continue;
        };
        if function(first)
            || function(last)
            || kept_at
                .iter()
                .all(|&i| is_generic(&words[i]) || function(i))
        {
            continue;
        }
        let only_company_words = dropped
            .iter()
            .all(|&i| COMPANY.contains(&words[i].as_str()));
        if kept.len() == 1
            && (!only_company_words
                || kept[0].chars().count() < 3
                || is_english_word(kept[0])
                || is_place(kept[0]))
        {
            continue;
        }
        out.push(kept.join(" "));
    }
    out.sort();
    out.dedup();
    out
}

/// The initials a multi-word name can be written as, lowercase: with and
/// without its function words, its all-caps words whole or by their first
/// letter ("National Programme for IT" → `npit`, `npfit`, `npfi`, …), for
/// the name and each of its shorter forms ("WGH" for "Westfield General
/// Hospital NHS Trust").
pub fn initials(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut push_for = |original: &[&str]| {
        if original.len() < 2 {
            return;
        }
        for keep_function in [false, true] {
            for whole_caps in [false, true] {
                let mut s = String::new();
                let mut contributing = 0;
                for w in original {
                    let caps = w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
                    // "IT" in capitals is a word of the name, not "it".
                    if is_function_word(w) && !caps {
                        if keep_function && *w != "the" {
                            s.extend(w.chars().next().and_then(|c| c.to_lowercase().next()));
                        }
                        continue;
                    }
                    contributing += 1;
                    if caps && whole_caps {
                        s.push_str(&w.to_lowercase());
                    } else if let Some(c) = w.chars().next() {
                        if w.starts_with('&') {
                            continue;
                        }
                        s.extend(c.to_lowercase());
                    }
                }
                // Initials need two words: "NHS" does not stand for "NHS IT".
                if contributing >= 2
                    && s.chars().count() >= 2
                    && s.chars().all(char::is_alphabetic)
                    && !original.iter().any(|w| w.to_lowercase() == s)
                {
                    out.push(s);
                }
            }
        }
    };
    let original: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    push_for(&original);
    // The same for each shorter form, in the original's case (so that
    // all-caps words stay recognisable).
    let lower: Vec<String> = original.iter().map(|w| w.to_lowercase()).collect();
    for form in shorter_forms(name) {
        let kept: Vec<&str> = form.split(' ').collect();
        // Map the kept lowercase words back onto the original words, in order.
        let mut j = 0;
        let mut sub = Vec::with_capacity(kept.len());
        for (i, w) in lower.iter().enumerate() {
            if j < kept.len() && name_key(w) == kept[j] {
                sub.push(original[i]);
                j += 1;
            }
        }
        if j == kept.len() {
            push_for(&sub);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A person's name split for identity: first word, surname (last word),
/// and whether there are words between (middle names or initials).
pub fn first_and_surname(name: &str) -> Option<(String, String, bool)> {
    let words = key_words(name);
    if words.len() < 2 {
        return None;
    }
    let first = words[0].clone();
    let last = words[words.len() - 1].clone();
    Some((first, last, words.len() > 2))
}

/// Whether `variant` looks like a misspelling of `target`, two words of
/// names that are otherwise written alike: a near miss that is not an
/// inflection, an English word or a place; a known first name only by a
/// doubled letter ("Mathew"/"Matthew", not "Mark"/"Mary").
pub fn misspelt_word(variant: &str, target: &str) -> bool {
    let v: Vec<char> = variant.chars().flat_map(char::to_lowercase).collect();
    let t: Vec<char> = target.chars().flat_map(char::to_lowercase).collect();
    if v == t || v.len() < 4 || t.len() < 4 || !v.iter().all(|c| c.is_alphabetic()) {
        return false;
    }
    let inflection = |a: &[char], b: &[char]| {
        a.len() == b.len() + 1 && a.starts_with(b)
            || a.len() == b.len() + 2 && a.starts_with(b) && a.ends_with(&['e', 's'])
    };
    if inflection(&v, &t) || inflection(&t, &v) {
        return false;
    }
    if is_english_word(variant) || is_place(variant) {
        return false;
    }
    if is_first_name(variant) || is_first_name(target) {
        return doubled_letter(&v, &t) || doubled_letter(&t, &v);
    }
    let max = max_edits(v.len().max(t.len()));
    osa(&String::from_iter(&v), &String::from_iter(&t), max).is_some()
}

/// Whether `long` is `short` with one letter doubled.
fn doubled_letter(short: &[char], long: &[char]) -> bool {
    if long.len() != short.len() + 1 {
        return false;
    }
    (1..long.len())
        .any(|i| long[i] == long[i - 1] && long[..i] == short[..i] && long[i + 1..] == short[i..])
}

/// Whether names of these kinds may be one entity. A spelling variant may
/// cross organisation and product (recognition is not always sure which a
/// coined name is); every other rule needs the same kind.
pub fn kinds_agree(a: EntityKind, b: EntityKind, same_spelling: bool) -> bool {
    use EntityKind::*;
    a == b || same_spelling && matches!((a, b), (Organization, Product) | (Product, Organization))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_ignore_case_punctuation_and_spelling() {
        let same = [
            ("Telora", "TELORA"),
            ("Marsh-Lane Systems", "Marsh Lane Systems"),
            ("CfH", "CFH"),
            ("Marsh & Pike", "Marsh and Pike"),
            ("the National Programme for IT", "National Program for IT"),
            ("Joanna K. Pell", "Joanna K Pell"),
            ("Centre for Care", "Center for Care"),
        ];
        for (a, b) in same {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
        let apart = [
            ("Kingston Hospital", "Kingston University"),
            ("The Times", "Times Group"),
        ];
        for (a, b) in apart {
            assert_ne!(name_key(a), name_key(b), "{a} / {b}");
        }
        assert_eq!(name_key("The"), "the", "a lone 'The' is kept");
    }

    #[test]
    fn shorter_forms_drop_generic_words_only() {
        let keys = |name: &str| -> Vec<String> { shorter_forms(name) };
        let has = [
            ("Westfield General Hospital NHS Trust", "westfield general"),
            (
                "Westfield General Hospital NHS Trust",
                "westfield general hospital",
            ),
            ("NHS Connecting for Health", "connecting for health"),
            ("NHS National Programme for IT", "national program for it"),
            ("Harbour Systems Ltd", "harbour systems"),
            ("Harbour Systems UK", "harbour systems"),
            ("Fujitsu Services", "fujitsu"),
            (
                "House of Commons Public Accounts Committee",
                "public accounts committee",
            ),
            (
                "House of Commons Public Accounts Committee",
                "commons public accounts committee",
            ),
        ];
        for (name, key) in has {
            assert!(
                keys(name).contains(&key.to_string()),
                "{name} → {key}: {:?}",
                keys(name)
            );
        }
        let never = [
            ("Kingston Hospital", "kingston"),
            ("Westfield NHS Trust", "westfield"),
            ("General Hospital", "general"),
            ("NHS Trust", "trust"),
            ("NHS London", "london"),
            ("Department of Health", "health"),
            ("Trust for Wales", "for wales"),
            (
                "House of Commons Public Accounts Committee",
                "of commons public accounts committee",
            ),
            ("House of Commons", "commons"),
        ];
        for (name, key) in never {
            assert!(
                !keys(name).contains(&key.to_string()),
                "{name} ↛ {key}: {:?}",
                keys(name)
            );
        }
        assert!(keys("Kingston University").is_empty());
    }

    #[test]
    fn initials_cover_function_words_acronym_words_and_shorter_forms() {
        let cases = [
            ("Department of Health", "dh"),
            ("Department for Education", "dfe"),
            ("British Telecom", "bt"),
            ("Westfield General Hospital NHS Trust", "wgh"),
            ("National Programme for IT", "npfit"),
            ("NHS Connecting for Health", "cfh"),
            ("Marsh & Pike", "mp"),
        ];
        for (name, short) in cases {
            assert!(
                initials(name).contains(&short.to_string()),
                "{name}: {:?}",
                initials(name)
            );
        }
        assert!(!initials("Kingston University").contains(&"kh".to_string()));
        assert!(initials("Telora").is_empty());
        assert!(
            !initials("NHS IT").contains(&"nhs".to_string()),
            "one word is no initials"
        );
    }

    #[test]
    fn initialisms_are_short_capitalised_words() {
        for yes in ["DH", "WGH", "CfH", "NPfIT", "BT"] {
            assert!(is_initialism(yes), "{yes}");
        }
        for no in ["Telora", "D", "Dh", "A-B", "TOOLONGNAME", "dH"] {
            assert!(!is_initialism(no), "{no}");
        }
    }

    #[test]
    fn misspelt_words_are_near_misses_that_are_no_words_or_names_themselves() {
        let yes = [
            ("Fujitu", "Fujitsu"),
            ("Elmfeld", "Elmfield"),
            ("Mathew", "Matthew"),
            ("Phillip", "Philip"),
        ];
        for (v, t) in yes {
            assert!(misspelt_word(v, t), "{v} → {t}");
        }
        let no = [
            ("Mark", "Mary"),
            ("Systems", "System"),
            ("Partnerships", "Partnership"),
            ("Bristol", "Bristow"),
            ("Alliance", "Allianz"),
            ("Kent", "Kant"),
            ("Harbour", "Harbour"),
        ];
        for (v, t) in no {
            assert!(!misspelt_word(v, t), "{v} ↛ {t}");
        }
    }

    #[test]
    fn people_split_into_first_name_and_surname() {
        assert_eq!(
            first_and_surname("Joanna K. Pell"),
            Some(("joanna".into(), "pell".into(), true))
        );
        assert_eq!(
            first_and_surname("Joanna Pell"),
            Some(("joanna".into(), "pell".into(), false))
        );
        assert_eq!(first_and_surname("Pell"), None);
    }
}
