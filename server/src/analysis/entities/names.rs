//! Name candidates: capitalised-sequence chunking with connectors, cue
//! evidence for the kind, and acronym definitions (Schwartz–Hearst).

use super::lexicon::*;
use super::tokens::{Kind, Shape, Tok};
use super::types::EntityKind;
use super::{AcronymDef, Candidate, Cues, Strength};

struct Cx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    used: &'a [bool],
}

impl<'a> Cx<'a> {
    fn t(&self, k: usize) -> &'a str {
        self.toks[k].text(self.text)
    }
    fn word(&self, k: usize) -> Option<&'a str> {
        self.toks
            .get(k)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text(self.text))
    }
    fn lower_word(&self, k: usize) -> Option<&'a str> {
        self.toks
            .get(k)
            .filter(|t| t.kind == Kind::Word && t.shape == Shape::Lower)
            .map(|t| t.text(self.text))
    }
    fn is_punct(&self, k: usize, c: char) -> bool {
        self.toks.get(k).is_some_and(|t| t.is_punct(self.text, c))
    }
    fn name_tok(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .is_some_and(|t| t.is_cap() && !self.used[k])
    }
    fn next_name(&self, k: usize) -> bool {
        self.name_tok(k) && self.toks[k].space_before
    }
}

const PARTICLES: [&str; 16] = [
    "de", "van", "von", "der", "den", "du", "da", "di", "del", "della", "le", "la", "bin", "al",
    "ter", "ten",
];

/// Finds name candidates and acronym definitions in one region.
pub(super) fn scan(
    text: &str,
    toks: &[Tok],
    used: &[bool],
    out: &mut Vec<Candidate>,
    acronyms: &mut Vec<AcronymDef>,
) {
    let cx = Cx { text, toks, used };
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if !cx.name_tok(i) {
            i += 1;
            continue;
        }
        let last = extend(&cx, i);
        finish(&cx, i, last, Cues::default(), out);
        i = last + 1;
    }
    definitions(&cx, acronyms);
}

/// Extends a chunk starting at `i`; returns its last token index.
fn extend(cx: &Cx, i: usize) -> usize {
    let n = cx.toks.len();
    let mut last = i;
    let mut j = i + 1;
    let mut joined_of = false;
    loop {
        if j >= n {
            break;
        }
        if cx.toks[last].genitive {
            // "St Anne's Street", "St Columba's Hospice".
            let saint = matches!(cx.t(i), "St" | "Saint") && last == i + 1;
            if !(saint && cx.next_name(j)) {
                break;
            }
        }
        if cx.next_name(j) {
            last = j;
            j += 1;
            continue;
        }
        let t = cx.toks[j];
        if cx.used[j] || !t.space_before && t.kind != Kind::Punct {
            break;
        }
        // Middle initial: "John F. Kennedy", "John F Kennedy".
        if t.kind == Kind::Word && t.shape == Shape::Initial && cx.toks[last].shape == Shape::Title
        {
            let k = if cx.is_punct(j + 1, '.') {
                j + 2
            } else {
                j + 1
            };
            if cx.next_name(k) && cx.toks[k].shape == Shape::Title {
                last = k;
                j = k + 1;
                continue;
            }
            break;
        }
        if t.is_punct(cx.text, '&') && t.space_before && cx.next_name(j + 1) {
            last = j + 1;
            j += 2;
            continue;
        }
        if t.kind == Kind::Word && t.shape == Shape::Lower {
            match lower_join(cx, i, last, j, &mut joined_of) {
                Join::To(k) => {
                    last = k;
                    j = k + 1;
                    continue;
                }
                Join::End(k) => last = k,
                Join::Stop => {}
            }
            break;
        }
        // A model number after a name: "Orbis 9", "Vision 3".
        if t.kind == Kind::Num && t.num_end == t.end {
            let digits = &cx.text[t.start..t.end];
            let prev = cx.toks[last];
            if digits.len() <= 3
                && !digits.contains(',')
                && matches!(prev.shape, Shape::Title | Shape::Mixed)
                && !prev.initial
                && !is_english_word(prev.text(cx.text))
            {
                last = j;
            }
        }
        break;
    }
    last
}

/// What a lowercase word does to a name being extended.
enum Join {
    /// The name goes on to this token.
    To(usize),
    /// The name ends with this token.
    End(usize),
    /// The name ends before the word.
    Stop,
}

/// What the lowercase word at `j` does to the name from `i` to `last`:
/// "of" and "for" after a head that takes them, "plc", "and", particles
/// ("van", "de") inside a person's name.
fn lower_join(cx: &Cx, i: usize, last: usize, j: usize, joined_of: &mut bool) -> Join {
    let w = cx.toks[j].text(cx.text);
    let head = cx.t(last);
    let joins_of = w == "of" && is_of_head(head);
    // "NHS Networks for Health": a name opened by an organisation
    // prefix goes on across "for".
    let joins_for =
        w == "for" && (is_for_head(head) || head.ends_with("ing") || is_org_prefix(cx.t(i)));
    if joins_of || joins_for {
        if cx.next_name(j + 1) && !title_function_word(cx, j + 1) {
            *joined_of = true;
            return Join::To(j + 1);
        }
        if cx.word(j + 1) == Some("the") && cx.next_name(j + 2) {
            *joined_of = true;
            return Join::To(j + 2);
        }
        return Join::Stop;
    }
    if matches!(w, "plc" | "ltd" | "inc" | "llc" | "llp") {
        return Join::End(j);
    }
    if w == "and" {
        if cx.word(j + 1) == Some("The") && cx.next_name(j + 2) {
            return Join::To(j + 2);
        }
        if *joined_of && cx.next_name(j + 1) && !title_function_word(cx, j + 1) {
            return Join::To(j + 1);
        }
        return Join::Stop;
    }
    if PARTICLES.contains(&w) && last == i && cx.toks[i].shape == Shape::Title {
        let mut k = j + 1;
        if cx.lower_word(k).is_some_and(|p| PARTICLES.contains(&p)) {
            k += 1;
        }
        if cx.next_name(k) && cx.toks[k].shape == Shape::Title {
            return Join::To(k);
        }
    }
    Join::Stop
}

/// "The", "It" (but not "IT"): a capitalised function word.
fn title_function_word(cx: &Cx, k: usize) -> bool {
    cx.toks[k].shape == Shape::Title && is_function_word(cx.t(k))
}

fn is_cue_word(w: &str) -> bool {
    is_org_cue(w) || is_publication_cue(w) || is_place_cue(w)
}

fn has_cue(cx: &Cx, a: usize, b: usize) -> bool {
    (a..=b).any(|k| cx.toks[k].is_cap() && is_cue_word(cx.t(k)))
        || (a..=b).any(|k| cx.toks[k].acronym)
        || is_org_prefix(cx.t(a)) && b > a
}

/// Turns the raw chunk `a..=b` into zero or more candidates.
fn finish(cx: &Cx, mut a: usize, b: usize, mut cues: Cues, out: &mut Vec<Candidate>) {
    // Leading function words, honorifics, role titles and sentence-initial
    // common words.
    let mut initial = cx.toks[a].initial;
    loop {
        if a > b {
            return;
        }
        let t = cx.toks[a];
        if t.kind != Kind::Word || !t.is_cap() {
            // A connector or number left at the front.
            a += 1;
            continue;
        }
        let w = cx.t(a);
        if t.shape == Shape::Title && (is_function_word(w) || is_contraction(w)) {
            a += 1;
            initial = false;
            continue;
        }
        if t.shape == Shape::Title && is_honorific(w) && a < b {
            cues.set(Cues::HONORIFIC);
            a += 1;
            initial = false;
            continue;
        }
        if t.shape == Shape::Title && is_role_word(w) && a < b && !has_cue(cx, a + 1, b) {
            cues.set(Cues::ROLE);
            a += 1;
            initial = false;
            continue;
        }
        if initial
            && t.shape == Shape::Title
            && a < b
            && is_english_word(w)
            && !is_first_name(w)
            && !is_place(w)
            && !has_cue(cx, a + 1, b)
            && (a + 1..=b).any(|k| {
                cx.toks[k].is_cap() && (!is_english_word(cx.t(k)) || is_first_name(cx.t(k)))
            })
        {
            a += 1;
            continue;
        }
        break;
    }
    // Skip connectors now at the front.
    while a <= b && !cx.toks[a].is_cap() {
        a += 1;
    }
    if a > b {
        return;
    }
    // A role title inside: "Health Secretary Alan Johnson", "Veridia Chief
    // Executive Oliver Strand": the person follows the title.
    if let Some(r) = (a..b)
        .rev()
        .find(|&k| cx.toks[k].shape == Shape::Title && is_role_word(cx.t(k)))
    {
        let suffix_ok = (r + 1..=b)
            .all(|k| cx.toks[k].shape == Shape::Title || !cx.toks[k].is_cap())
            && !has_cue(cx, r + 1, b)
            && cx.toks[r + 1].is_cap();
        if suffix_ok && !has_cue(cx, a, r) {
            let mut p = r;
            while p > a && cx.toks[p - 1].shape == Shape::Title && is_role_word(cx.t(p - 1)) {
                p -= 1;
            }
            if p > a {
                finish(cx, a, p - 1, Cues::default(), out);
            }
            let mut c = Cues::default();
            c.set(Cues::ROLE);
            finish(cx, r + 1, b, c, out);
            return;
        }
    }
    // A bare title: "Chief Medical Officer", "Prime Minister".
    if cx.toks[b].shape == Shape::Title && is_role_word(cx.t(b)) && !has_cue(cx, a, b) {
        return;
    }
    classify(cx, a, b, cues, initial, out);
}

fn classify(cx: &Cx, a: usize, b: usize, mut cues: Cues, initial: bool, out: &mut Vec<Candidate>) {
    let toks = cx.toks;
    let text = cx.text;
    let first = cx.t(a);
    let name_words = (a..=b).filter(|&k| toks[k].is_cap()).count();
    let single = a == b;
    let span = toks[a].start..toks[b].end;

    // The key: the surface with normalised spaces and apostrophes; a plural
    // acronym loses its "s".
    let mut key = normalise(&text[span.clone()]);
    let acronym = single && toks[a].acronym && !toks[a].has_digit;
    if acronym && key.ends_with('s') && key.len() > 2 {
        key.pop();
    }

    if single && toks[a].shape == Shape::Upper && is_common_acronym(&key) {
        return;
    }
    if single && is_demonym(first) {
        return;
    }

    name_cues(cx, a, b, &key, &mut cues);
    cues_before(cx, a, &mut cues);
    cues_after(cx, b, &mut cues);
    let (product_noun_after, dictionary) = shape_cues(cx, a, b, acronym, &mut cues);
    let (kind, strength) = kind_of(cx, a, b, cues, product_noun_after, dictionary, acronym);
    out.push(Candidate {
        span,
        key,
        kind,
        strength,
        cues,
        words: name_words.min(255) as u8,
        acronym,
        initial,
        curated: None,
    });
}

/// Evidence in the name itself: a known place, a place or organisation
/// word, a legal suffix, a first name.
fn name_cues(cx: &Cx, a: usize, b: usize, key: &str, cues: &mut Cues) {
    let toks = cx.toks;
    let text = cx.text;
    let first = cx.t(a);
    let last = cx.t(b);
    let name_words = (a..=b).filter(|&k| toks[k].is_cap()).count();
    // Place evidence.
    if is_place(key) {
        cues.set(Cues::PLACE_LIST);
    } else if name_words >= 2 && is_direction(first) {
        let rest = &text[toks[a + 1].start..toks[b].end];
        if is_place(&normalise(rest)) {
            cues.set(Cues::PLACE_LIST);
        }
    }
    if name_words >= 2
        && (is_place_cue(last)
            || (is_place_prefix(first)
                && !is_direction(first)
                && !matches!(first, "New" | "Greater" | "Central")))
    {
        cues.set(Cues::PLACE_CUE);
    }
    // Organisation evidence.
    if name_words >= 2 {
        if (a + 1..=b).any(|k| toks[k].is_cap() && is_org_cue(cx.t(k))) || is_org_prefix(first) {
            cues.set(Cues::ORG);
        }
        if is_legal_suffix(last) {
            cues.set(Cues::LEGAL);
        }
        if is_publication_cue(last) {
            cues.set(Cues::PUBLICATION);
        }
        if is_first_name(first)
            && name_words <= 4
            && (a..=b).all(|k| !toks[k].is_cap() || toks[k].shape == Shape::Title)
        {
            cues.set(Cues::FIRST_NAME);
        }
    } else if is_first_name(first) {
        cues.set(Cues::GIVEN_NAME);
    }
}

/// Context before: honorific with a full stop, role nouns, "said X",
/// "founded by X", "in X".
fn cues_before(cx: &Cx, a: usize, cues: &mut Cues) {
    let toks = cx.toks;
    if a > 0 {
        let mut p = a - 1;
        if cx.is_punct(p, '.') && p > 0 && cx.word(p - 1).is_some_and(is_honorific) {
            cues.set(Cues::HONORIFIC);
        }
        if cx.is_punct(p, ',') && p > 0 {
            p -= 1;
        }
        if let Some(w) = cx.word(p) {
            let lower_shape = toks[p].shape == Shape::Lower;
            if lower_shape && is_role_word(w)
                || toks[p].shape == Shape::Title && is_role_word(w) && p + 1 == a - 1
            {
                cues.set(Cues::ROLE);
            }
            if lower_shape && is_speech_verb(w) && p + 1 == a {
                cues.set(Cues::SPEECH);
            }
            if w == "by" && p > 0 && cx.word(p - 1).is_some_and(is_by_person_verb) {
                cues.set(Cues::ROLE);
            }
            if lower_shape && p + 1 == a && is_place_preposition(w) {
                cues.set(Cues::PLACE_CONTEXT);
            }
            if lower_shape && p + 1 == a && is_org_noun(w) {
                cues.set(Cues::ORG_CONTEXT);
            }
        }
    }
}

/// Context after: "X said", "X, managing director of", "X, 61,",
/// "X-based", "the X region".
fn cues_after(cx: &Cx, b: usize, cues: &mut Cues) {
    let toks = cx.toks;
    let q = b + 1;
    if let Some(w) = cx.lower_word(q)
        && is_speech_verb(w)
    {
        cues.set(Cues::SPEECH);
    }
    if cx.is_punct(q, ',') {
        if cx.lower_word(q + 1).is_some_and(is_speech_verb) {
            cues.set(Cues::SPEECH);
        }
        if toks.get(q + 1).is_some_and(|t| t.kind == Kind::Num) && cx.is_punct(q + 2, ',') {
            cues.set(Cues::ROLE);
        }
        for k in q + 1..q + 4 {
            let Some(w) = cx.word(k) else { break };
            if w == "who" || w == "aged" {
                cues.set(Cues::ROLE);
                break;
            }
            if is_function_word(w) {
                break;
            }
            if is_role_word(w) {
                cues.set(Cues::ROLE);
                break;
            }
        }
    }
    if cx.is_punct(q, '-')
        && !toks[q].space_before
        && cx
            .lower_word(q + 1)
            .is_some_and(|w| matches!(w, "based" | "born" | "headquartered" | "bred"))
    {
        cues.set(Cues::PLACE_CUE);
    }
    if cx.lower_word(q).is_some_and(is_geo_noun) {
        cues.set(Cues::PLACE_CONTEXT);
    }
}

/// Product evidence ("X software", a number in the name), acronyms, and a
/// single dictionary word; whether a product noun follows, and whether the
/// name is a dictionary word.
fn shape_cues(cx: &Cx, a: usize, b: usize, acronym: bool, cues: &mut Cues) -> (bool, bool) {
    let toks = cx.toks;
    let first = cx.t(a);
    let last_tok = toks[b];
    let last = cx.t(b);
    let name_words = (a..=b).filter(|&k| toks[k].is_cap()).count();
    let single = a == b;
    let q = b + 1;
    let product_noun_after = cx.lower_word(q).is_some_and(is_product_noun)
        || (cx.lower_word(q).is_some_and(|w| !is_function_word(w))
            && cx
                .lower_word(q + 1)
                .is_some_and(|w| is_product_noun(w) && w != "operating"));
    if product_noun_after
        || last_tok.kind == Kind::Num
        || (last_tok.has_digit && last_tok.kind == Kind::Word)
        || (name_words >= 2 && last_tok.shape == Shape::Title && number_word(last).is_some())
    {
        cues.set(Cues::PRODUCT);
    }
    if acronym {
        cues.set(Cues::ACRONYM);
    }
    let dictionary =
        single && toks[a].shape == Shape::Title && is_english_word(first) && !is_first_name(first);
    if dictionary {
        cues.set(Cues::DICTIONARY);
    }

    (product_noun_after, dictionary)
}

/// The kind the cues decide, and how strongly.
fn kind_of(
    cx: &Cx,
    a: usize,
    b: usize,
    cues: Cues,
    product_noun_after: bool,
    dictionary: bool,
    acronym: bool,
) -> (Option<EntityKind>, Strength) {
    let toks = cx.toks;
    let last = cx.t(b);
    let name_words = (a..=b).filter(|&k| toks[k].is_cap()).count();
    let single = a == b;
    let person_shape = (2..=4).contains(&name_words)
        && (a..=b).all(|k| {
            toks[k].shape == Shape::Title
                || toks[k].kind == Kind::Word
                    && toks[k].shape == Shape::Lower
                    && is_particle(cx.t(k))
        });
    use EntityKind::*;
    if cues.has(Cues::HONORIFIC) && !cues.has(Cues::ORG) {
        (Some(Person), Strength::Strong)
    } else if cues.has(Cues::PLACE_CUE) && is_place_cue(last) {
        (Some(Place), Strength::Strong)
    } else if cues.any(Cues::ORG | Cues::PUBLICATION | Cues::LEGAL) {
        (Some(Organization), Strength::Strong)
    } else if cues.any(Cues::PLACE_LIST | Cues::PLACE_CUE) {
        (Some(Place), Strength::Strong)
    } else if cues.has(Cues::FIRST_NAME) || cues.any(Cues::ROLE | Cues::SPEECH) && person_shape {
        (Some(Person), Strength::Strong)
    } else if cues.has(Cues::PRODUCT) && !dictionary && cues.has(Cues::ORG_CONTEXT) {
        (Some(Organization), Strength::Medium)
    } else if cues.has(Cues::PRODUCT) && !dictionary {
        let shape_evidence = !product_noun_after || !single;
        (
            Some(Product),
            if shape_evidence {
                Strength::Medium
            } else {
                Strength::Weak
            },
        )
    } else if acronym {
        (Some(Organization), Strength::Medium)
    } else if dictionary {
        (None, Strength::Dictionary)
    } else if cues.has(Cues::PLACE_CONTEXT) && single {
        (Some(Place), Strength::Weak)
    } else if cues.has(Cues::ORG_CONTEXT) {
        (Some(Organization), Strength::Medium)
    } else if cues.any(Cues::ROLE | Cues::SPEECH | Cues::GIVEN_NAME)
        && single
        && toks[a].shape == Shape::Title
    {
        (Some(Person), Strength::Weak)
    } else {
        (Some(Organization), Strength::Weak)
    }
}

// ---------------------------------------------------------- acronyms

fn valid_short(s: &str) -> bool {
    let n = s.chars().count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&n) && upper >= 2 && s.chars().next().is_some_and(char::is_alphanumeric)
}

/// Schwartz–Hearst: the shortest suffix of `long` whose characters cover
/// `short` in order, with the first character of `short` at a word start.
/// Returns the byte offset in `long` where the long form starts.
pub(super) fn best_long_form(short: &str, long: &str) -> Option<usize> {
    let s: Vec<char> = short.chars().flat_map(char::to_lowercase).collect();
    let l: Vec<(usize, char)> = long
        .char_indices()
        .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c)))
        .collect();
    let mut si = s.len() as isize - 1;
    let mut li = l.len() as isize - 1;
    while si >= 0 {
        let c = s[si as usize];
        if !c.is_alphanumeric() {
            si -= 1;
            continue;
        }
        while li >= 0
            && (l[li as usize].1 != c
                || (si == 0 && li > 0 && l[li as usize - 1].1.is_alphanumeric()))
        {
            li -= 1;
        }
        if li < 0 {
            return None;
        }
        li -= 1;
        si -= 1;
    }
    // Back to the start of the word.
    let mut start = (li + 1).max(0) as usize;
    while start > 0 && !l[start - 1].1.is_whitespace() {
        start -= 1;
    }
    l.get(start).map(|&(i, _)| i)
}

fn is_name_like(cx: &Cx, from: usize, to: usize) -> bool {
    let mut content = 0;
    let mut capped = 0;
    for k in from..=to {
        let t = cx.toks[k];
        if t.kind != Kind::Word || is_function_word(t.text(cx.text)) && t.shape == Shape::Lower {
            continue;
        }
        content += 1;
        if t.is_cap() {
            capped += 1;
        }
    }
    content > 0 && capped * 2 > content
}

fn definitions(cx: &Cx, out: &mut Vec<AcronymDef>) {
    let toks = cx.toks;
    let text = cx.text;
    for p in 0..toks.len() {
        let close = if cx.is_punct(p, '(') {
            ')'
        } else if cx.is_punct(p, '[') {
            ']'
        } else {
            continue;
        };
        // Long form (SHORT)
        if p > 0
            && cx.is_punct(p + 2, close)
            && toks[p + 1].kind == Kind::Word
            && valid_short(cx.t(p + 1))
        {
            let short_tok = toks[p + 1];
            let mut short = short_tok.text(text).to_string();
            if short.ends_with('s') && short.chars().filter(|c| c.is_uppercase()).count() >= 2 {
                short.pop();
            }
            let n_short = short.chars().count();
            let max_words = (n_short + 5).min(n_short * 2);
            let mut w0 = p;
            let mut words = 0;
            while w0 > 0 && words < max_words {
                let t = toks[w0 - 1];
                let ok = t.kind == Kind::Word
                    || t.is_punct(text, '&')
                    || t.is_punct(text, '-')
                    || t.kind == Kind::Num;
                if !ok {
                    break;
                }
                if t.kind == Kind::Word {
                    words += 1;
                }
                w0 -= 1;
            }
            if w0 == p {
                continue;
            }
            let long_all = &text[toks[w0].start..toks[p - 1].end];
            if let Some(off) = best_long_form(&short, long_all) {
                let start = toks[w0].start + off;
                let long_span = start..toks[p - 1].end;
                let long = &text[long_span.clone()];
                if long.chars().count() > n_short && !long.contains(short.as_str()) {
                    let from = (w0..p).find(|&k| toks[k].start >= start).unwrap_or(w0);
                    let long_is_name = is_name_like(cx, from, p - 1);
                    out.push(AcronymDef {
                        short,
                        long: normalise(long),
                        short_span: short_tok.start..short_tok.end,
                        long_span,
                        long_is_name,
                    });
                }
            }
            continue;
        }
        // SHORT (Long Form)
        if p > 0 && toks[p - 1].acronym && toks[p - 1].kind == Kind::Word {
            let Some(c) = (p + 1..toks.len().min(p + 14)).find(|&k| cx.is_punct(k, close)) else {
                continue;
            };
            if c < p + 3 {
                continue;
            }
            let short = cx.t(p - 1).to_string();
            let inner = &text[toks[p + 1].start..toks[c - 1].end];
            if let Some(off) = best_long_form(&short, inner) {
                let lead = &inner[..off];
                if lead.trim().is_empty() || lead.trim().eq_ignore_ascii_case("the") {
                    let long_span = toks[p + 1].start + off..toks[c - 1].end;
                    let long_is_name = is_name_like(cx, p + 1, c - 1);
                    out.push(AcronymDef {
                        long: normalise(&text[long_span.clone()]),
                        short,
                        short_span: toks[p - 1].start..toks[p - 1].end,
                        long_span,
                        long_is_name,
                    });
                }
            }
        }
    }
}

/// A contracted pronoun or verb ("They'll", "You've", "Don't", "It's"):
/// never a name, whatever its capital.
fn is_contraction(word: &str) -> bool {
    let Some((stem, suffix)) = word.rsplit_once(['\'', '’']) else {
        return false;
    };
    match suffix.to_ascii_lowercase().as_str() {
        "ll" | "ve" | "re" | "d" | "m" => true,
        "t" => stem.ends_with(['n', 'N']),
        "s" => {
            is_function_word(stem)
                || matches!(
                    stem.to_ascii_lowercase().as_str(),
                    "let" | "here" | "there" | "what" | "who" | "that"
                )
        }
        _ => false,
    }
}

/// Normalises a surface form into a key: single spaces, straight
/// apostrophes.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if ch == '’' { '\'' } else { ch });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_are_not_names() {
        for w in [
            "They'll", "You’ve", "We're", "Don't", "It's", "I'd", "Here's", "Let's",
        ] {
            assert!(is_contraction(w), "{w}");
        }
        for w in ["Fujitsu's", "O'Brien", "Westfield's", "D'Arcy"] {
            assert!(!is_contraction(w), "{w}");
        }
    }

    #[test]
    fn schwartz_hearst() {
        let long = "the NHS National Programme for IT";
        let off = best_long_form("NPfIT", long).unwrap();
        assert_eq!(&long[off..], "National Programme for IT");
        let long = "without a local service provider";
        assert_eq!(
            &long[best_long_form("LSP", long).unwrap()..],
            "local service provider"
        );
        assert_eq!(best_long_form("XYZ", "nothing matching here"), None);
        // Non-ASCII text does not break offsets.
        let long = "the Société Générale Bank";
        assert_eq!(
            &long[best_long_form("SGB", long).unwrap()..],
            "Société Générale Bank"
        );
    }
}
