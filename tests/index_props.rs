//! The index kept up to date one change at a time equals a fresh load of
//! the final files. Random sequences of writes, edits, deletes, `.ann` and
//! `corpus.toml` changes go both to a folder on disk and, the way the
//! server applies them, to a live `Corpus`; at the end the live index and
//! `Corpus::load` of the folder must say the same about every article:
//! findings, mentions, event claims, entities and annotation findings.
//!
//! `PROPTEST_CASES` raises the number of sequences (CI runs a few dozen).

use corpus_lsp::corpus::Corpus;
use corpus_lsp::corpus::annotations::read_ann;
use corpus_lsp::corpus::digest::digest;
use proptest::prelude::*;
use proptest::sample::Index;
use std::fs;
use std::path::{Path, PathBuf};

/// Articles that share names, acronyms, surnames and dated events, so
/// that one article's change moves others' mentions and conflicts.
const TEXTS: &[&str] = &[
    "Kelderwick Health Trust signs records deal\n  • 4 March 2010\n\nThe Kelderwick Health Trust (KHT) signed a £24m contract with Orvane Systems on 2 March 2010. KHT chief executive Maria Tolland said the system would go live in June.\n",
    "Orvane system goes live\n  • 14 June 2010\n\nOrvane Systems said its records system went live at Kelderwick General Hospital on 7 June 2010. Tolland welcomed the news on Monday.\n",
    "Records system switched on\n  • 15 June 2010\n\nThe records system went live on 9 June 2010 at Kelderwick General Hospital, Orvane said. The KHT board met on Tuesday 15 June 2010.\n",
    "Council cuts library hours\n\nBrindle County Council said on Wednesday 3 March 2010 that the Ashgate library would close early. Councillor Tom Fairleigh opposed the plan.\n",
    "Orvane wins second contract\n  • 1 September 2010\n\nOrvane Sytems won a £9.6m contract from the Brindle County Council (BCC) in August. BCC said the deal was signed on 20 August 2010.\n",
    "Trust delays go-live\n  • 20 May 2010\n\nThe Kelderwick Health Trust postponed the go-live of the Orvane system until 7 June 2010. Maria Tolland resigned in April.\n",
];

const CONFIGS: &[&str] = &[
    "",
    "[[entity]]\nname = \"Orvane Systems\"\ntype = \"organization\"\naliases = [\"Orvane\"]\n",
    "[ignore]\nwords = [\"Ashgate\"]\n\n[[entity]]\nname = \"Maria Tolland\"\ntype = \"person\"\ndistinct = [\"Tolland\"]\n",
    "[annotations]\nformat = \"brat\"\n",
    "[annotations]\nformat = \"brat\"\n\n[checks]\nweekday-mismatch = \"off\"\n",
    "[corpus\nbroken = ",
    // The Orvane entry moves to second place, and an article gets a date.
    "[[entity]]\nname = \"Maria Tolland\"\ntype = \"person\"\n\n[[entity]]\nname = \"Orvane Systems\"\ntype = \"organization\"\naliases = [\"Orvane\", \"KHT\"]\n\n[article.\"a3.txt\"]\ndateline = \"5 March 2010\"\n",
];

const ANNS: &[&str] = &[
    "T1\tOrganization 0 10\tKelderwick\n",
    "T1\tPerson 4 12\tTolland\n#1\tAnnotatorNotes T1\ta note\n",
    "T1\tOrganization 0 6\tOrvane\nT2\tPlace 20 30\twrong text\n",
    "this line is not brat\n",
];

const FILES: usize = 4;

#[derive(Debug, Clone)]
enum Op {
    /// Writes one of the texts to a file, cut short as an edit might.
    Write {
        file: usize,
        text: usize,
        cut: Option<(Index, Index)>,
    },
    Delete {
        file: usize,
    },
    Config {
        text: usize,
    },
    Ann {
        file: usize,
        text: usize,
    },
    DeleteAnn {
        file: usize,
    },
    /// A `corpus.toml` text applied as the server does with typing: planned,
    /// `meanwhile` applied, analysed, then applied.
    PlannedConfig {
        text: usize,
        meanwhile: Vec<Op>,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => plain_op(),
        1 => (0..CONFIGS.len(), proptest::collection::vec(plain_op(), 0..4))
            .prop_map(|(text, meanwhile)| Op::PlannedConfig { text, meanwhile }),
    ]
}

fn plain_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..FILES, 0..TEXTS.len(), proptest::option::of((any::<Index>(), any::<Index>())))
            .prop_map(|(file, text, cut)| Op::Write { file, text, cut }),
        1 => (0..FILES).prop_map(|file| Op::Delete { file }),
        1 => (0..CONFIGS.len()).prop_map(|text| Op::Config { text }),
        1 => (0..FILES, 0..ANNS.len()).prop_map(|(file, text)| Op::Ann { file, text }),
        1 => (0..FILES).prop_map(|file| Op::DeleteAnn { file }),
    ]
}

fn article(root: &Path, file: usize) -> PathBuf {
    root.join(format!("a{file}.txt"))
}

/// Removes a char-aligned slice of `text`, as typing or deleting would.
fn cut(text: &str, cut: &Option<(Index, Index)>) -> String {
    let Some((a, b)) = cut else {
        return text.to_string();
    };
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let (mut from, mut to) = (a.get(&bounds), b.get(&bounds));
    if from > to {
        std::mem::swap(&mut from, &mut to);
    }
    format!("{}{}", &text[..*from], &text[*to..])
}

/// Applies `op` to the disk and to the live corpus, as the server does on
/// an edit or a watched-file event.
fn apply(root: &Path, corpus: &mut Corpus, op: &Op) {
    match op {
        Op::Write { file, text, cut: c } => {
            let path = article(root, *file);
            let text = cut(TEXTS[*text], c);
            fs::write(&path, &text).unwrap();
            corpus.upsert(path, text.into());
        }
        Op::Delete { file } => {
            let path = article(root, *file);
            let _ = fs::remove_file(&path);
            corpus.remove(&path);
        }
        Op::Config { text } => {
            fs::write(root.join("corpus.toml"), CONFIGS[*text]).unwrap();
            corpus.set_config_text(CONFIGS[*text].to_string());
        }
        Op::Ann { file, text } => {
            let path = article(root, *file);
            fs::write(path.with_extension("ann"), ANNS[*text]).unwrap();
            if corpus.annotations_enabled() && corpus.article(&path).is_some() {
                corpus.set_ann(&path, read_ann(&path));
            }
        }
        Op::DeleteAnn { file } => {
            let path = article(root, *file);
            let _ = fs::remove_file(path.with_extension("ann"));
            if corpus.annotations_enabled() && corpus.article(&path).is_some() {
                corpus.set_ann(&path, read_ann(&path));
            }
        }
        Op::PlannedConfig { text, meanwhile } => {
            let mut plan = corpus.plan_config(CONFIGS[*text].to_string());
            for op in meanwhile {
                apply(root, corpus, op);
            }
            plan.analyse();
            fs::write(root.join("corpus.toml"), CONFIGS[*text]).unwrap();
            corpus.apply_config(plan);
        }
    }
}

trait RetainLines {
    fn retain_lines(&mut self, keep: impl Fn(&str) -> bool);
}

impl RetainLines for String {
    fn retain_lines(&mut self, keep: impl Fn(&str) -> bool) {
        *self = self
            .lines()
            .filter(|l| keep(l))
            .map(|l| format!("{l}\n"))
            .collect();
    }
}

/// The lines only one side has, for a readable failure.
fn difference(live: &str, fresh: &str) -> String {
    let only = |a: &str, b: &str| -> Vec<String> {
        let b: Vec<&str> = b.lines().collect();
        a.lines()
            .filter(|l| !b.contains(l))
            .map(str::to_string)
            .collect()
    };
    format!(
        "only in the live index:\n{}\nonly in a fresh load:\n{}",
        only(live, fresh).join("\n"),
        only(fresh, live).join("\n")
    )
}

/// A fresh corpus folder, removed with the `TempDir`.
fn fresh_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("corpus-lsp-index-props-")
        .tempdir()
        .unwrap();
    let dir = tmp.path().to_path_buf();
    // A marker so the folder is its own corpus root.
    fs::write(dir.join("corpus.toml"), "").unwrap();
    (tmp, dir)
}

/// The last `corpus.toml` text that parses among those `op` applies.
fn last_good_config(op: &Op) -> Option<&'static str> {
    let good = |text: usize| {
        corpus_lsp::corpus::config::Config::parse(CONFIGS[text])
            .is_ok()
            .then_some(CONFIGS[text])
    };
    match op {
        Op::Config { text } => good(*text),
        Op::PlannedConfig { text, meanwhile } => {
            good(*text).or_else(|| meanwhile.iter().rev().find_map(last_good_config))
        }
        _ => None,
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn incremental_index_equals_a_fresh_load(ops in proptest::collection::vec(op(), 1..14)) {
        let (_tmp, root) = fresh_dir();
        let mut live = Corpus::load(root.clone(), &|_, _| {});
        let mut good_config = "";
        for op in &ops {
            apply(&root, &mut live, op);
            good_config = last_good_config(op).unwrap_or(good_config);
        }
        // A broken corpus.toml leaves the last good one in force (and says
        // so on the file): the fresh load is of that one.
        let broken = !live.config_findings().is_empty();
        if broken {
            fs::write(root.join("corpus.toml"), good_config).unwrap();
        }
        let fresh = Corpus::load(root.clone(), &|_, _| {});
        let (mut live, fresh) = (digest(&live), digest(&fresh));
        if broken {
            live.retain_lines(|l| !l.starts_with("config "));
        }
        prop_assert!(live == fresh, "after {:?}:\n{}", ops, difference(&live, &fresh));
    }
}

/// Past a share of the corpus, a curation change rebuilds the index,
/// analysing again only the articles it can reach: the result is a fresh
/// load's, both for the articles analysed again and for those kept.
#[test]
fn a_curation_change_reaching_most_articles_equals_a_fresh_load() {
    let (_tmp, root) = fresh_dir();
    fs::write(root.join("corpus.toml"), CONFIGS[1]).unwrap();
    for i in 0..90 {
        fs::write(root.join(format!("a{i}.txt")), TEXTS[i % TEXTS.len()]).unwrap();
    }
    let mut live = Corpus::load(root.clone(), &|_, _| {});
    for config in [CONFIGS[6], CONFIGS[2], CONFIGS[1]] {
        fs::write(root.join("corpus.toml"), config).unwrap();
        live.set_config_text(config.to_string());
        let fresh = Corpus::load(root.clone(), &|_, _| {});
        let (live, fresh) = (digest(&live), digest(&fresh));
        assert!(
            live == fresh,
            "after {config:?}:\n{}",
            difference(&live, &fresh)
        );
    }
}

/// A curation change analysed away from the index, with articles edited,
/// added and deleted meanwhile or not: applied, it gives a fresh load's
/// index, on the paths that rebuild (most articles reached: the index is
/// built with the analysis, or again under the lock after edits) and the
/// one that does not; with `.ann` files and without.
#[test]
fn a_curation_change_planned_before_edits_equals_a_fresh_load() {
    let annotated = |config: &str| format!("[annotations]\nformat = \"brat\"\n\n{config}");
    let cases = [
        (90, CONFIGS[1].to_string(), CONFIGS[6].to_string(), true),
        (90, CONFIGS[1].to_string(), CONFIGS[6].to_string(), false),
        (90, annotated(CONFIGS[1]), annotated(CONFIGS[6]), false),
        (6, CONFIGS[1].to_string(), CONFIGS[2].to_string(), true),
    ];
    for (articles, before, config, edits) in cases {
        let (_tmp, root) = fresh_dir();
        fs::write(root.join("corpus.toml"), &before).unwrap();
        for i in 0..articles {
            let path = root.join(format!("a{i}.txt"));
            fs::write(&path, TEXTS[i % TEXTS.len()]).unwrap();
            fs::write(path.with_extension("ann"), ANNS[i % ANNS.len()]).unwrap();
        }
        let mut live = Corpus::load(root.clone(), &|_, _| {});
        let mut plan = live.plan_config(config.clone());
        assert!(plan.needs_analysis());
        if edits {
            // An article that now names Tolland and Ashgate, a new one, a gone one.
            apply(
                &root,
                &mut live,
                &Op::Write {
                    file: 1,
                    text: 3,
                    cut: None,
                },
            );
            let added = root.join(format!("a{articles}.txt"));
            fs::write(&added, TEXTS[0]).unwrap();
            live.upsert(added, TEXTS[0].into());
            apply(&root, &mut live, &Op::Delete { file: 2 });
        }
        // Given up once (typing went on), then analysed after all.
        assert!(!plan.analyse_unless(&|| true));
        assert!(plan.analyse_unless(&|| false));
        fs::write(root.join("corpus.toml"), &config).unwrap();
        live.apply_config(plan);
        let fresh = Corpus::load(root.clone(), &|_, _| {});
        let (live, fresh) = (digest(&live), digest(&fresh));
        assert!(
            live == fresh,
            "{articles} articles, edits meanwhile: {edits}, {config:?}:\n{}",
            difference(&live, &fresh)
        );
    }
}
