//! Indexing and per-edit analysis cost on a generated corpus.
//!
//! `cargo bench --bench index [-- ARTICLES]` (default 10,000 articles). The corpus is made
//! by recombining the seeds' paragraphs with varied names and figures, so sizes and
//! structure match real articles.

use corpus_lsp::analysis::ArticleAnalysis;
use corpus_lsp::corpus::Corpus;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// A deterministic pseudo-random article built from seed paragraphs.
fn article(n: usize, paragraphs: &[&str], headlines: &[&str]) -> String {
    let mut state = n as u64 * 0x9E37_79B9_7F4A_7C15 + 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state as usize
    };
    const NAMES: [&str; 6] = [
        "Northgate",
        "Harwell Systems",
        "Ashby Health",
        "Kestrel",
        "Meridian",
        "Orbis",
    ];
    // Invented names, many per corpus, so that identity has work to do:
    // a trust named in full, by a shorter form or by its initials, and
    // people by full name or surname.
    let syllables = [
        "Ash", "Bel", "Cor", "Dun", "Elm", "Fal", "Gar", "Hol", "Ket", "Lan",
    ];
    let place = |k: usize| {
        format!(
            "{}{}{}",
            syllables[k % 10],
            syllables[(k / 10) % 10].to_lowercase(),
            ["ford", "ton", "mere", "by"][(k / 100) % 4]
        )
    };
    let trust = place(next() % 2000);
    let initials: String = format!("{}GH", trust.chars().next().unwrap_or('X'));
    let trust_names = [
        format!("{trust} General Hospital NHS Trust"),
        format!("{trust} General Hospital"),
        format!("{trust} General"),
        initials,
    ];
    let person = format!(
        "{} {}",
        ["Alan", "Beth", "Carl", "Dina", "Ewan", "Fay"][next() % 6],
        place(next() % 2000 + 2000)
    );
    let mut text = String::with_capacity(4096);
    text.push_str(headlines[next() % headlines.len()]);
    text.push_str(&format!(
        "\n\n  • {} {} {}\n\n",
        next() % 28 + 1,
        corpus_lsp::analysis::dates::month_name((next() % 12 + 1) as i8).unwrap_or("May"),
        2000 + next() % 20
    ));
    for _ in 0..(6 + next() % 8) {
        let paragraph = paragraphs[next() % paragraphs.len()];
        let paragraph = paragraph
            .replace("Fujitsu", NAMES[next() % NAMES.len()])
            .replace("Cerner", &trust_names[next() % trust_names.len()])
            .replace("Gordon Hextall", &person);
        text.push_str(&paragraph);
        text.push_str("\n\n");
    }
    if next() % 2 == 0 {
        text.push_str("Subscribe to our newsletter\n\nRelated News\n\nSome other story\n\n");
    }
    text
}

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let seeds = seeds();
    let paragraphs: Vec<&str> = seeds
        .iter()
        .flat_map(|s| s.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.len() > 80)
        .collect();
    let headlines: Vec<&str> = seeds
        .iter()
        .filter_map(|s| s.lines().next())
        .filter(|l| l.len() < 80)
        .collect();

    let dir = std::env::temp_dir().join(format!("corpus-lsp-bench-{count}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut bytes = 0;
    for n in 0..count {
        let text = article(n, &paragraphs, &headlines);
        bytes += text.len();
        std::fs::write(dir.join(format!("{:06}.txt", n)), text).unwrap();
    }
    println!(
        "corpus: {count} articles, {:.1} MB, {} threads",
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );

    // Indexing: best of three, files warm in the page cache.
    let mut best = Duration::MAX;
    let mut articles = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let corpus = Corpus::load(dir.clone(), &|_, _| {});
        best = best.min(started.elapsed());
        articles = corpus.len();
    }
    assert_eq!(articles, count);
    println!(
        "index: {:.0} ms for {count} articles ({:.1} MB/s, {:.1} µs per article per thread)",
        best.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / best.as_secs_f64(),
        best.as_secs_f64() * 1e6 * rayon::current_num_threads() as f64 / count as f64
    );

    // A hover on the corpus's most mentioned entity, and on a rare one.
    let corpus = Corpus::load(dir.clone(), &|_, _| {});
    let mut entities: Vec<(&String, usize)> = corpus
        .entity_index()
        .entities()
        .map(|(name, postings)| (name, postings.len()))
        .collect();
    entities.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    for (label, (entity, articles)) in
        [("common", entities[0]), ("rare", *entities.last().unwrap())]
    {
        let names = [entity.as_str()];
        let (entry, spans) = corpus_lsp::corpus::xref::articles_mentioning(&corpus, entity)
            .into_iter()
            .next()
            .unwrap();
        let mention = corpus
            .mentions(&entry.path)
            .unwrap()
            .iter()
            .find(|m| m.span == spans[0])
            .unwrap()
            .clone();
        let rounds = 20;
        let started = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(corpus_lsp::ide::hover::entity_card(
                &corpus,
                &entry.path,
                &mention,
            ));
        }
        let per = started.elapsed() / rounds;
        let started = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(
                corpus_lsp::corpus::xref::article_ids_newest_first(&corpus, &names).count(),
            );
        }
        let sort = started.elapsed() / rounds;
        let started = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(corpus_lsp::corpus::xref::figures_near(&corpus, entity, 5));
        }
        let figures = started.elapsed() / rounds;
        eprintln!(
            "  (ordering articles {:.2} ms, figures {:.2} ms)",
            sort.as_secs_f64() * 1e3,
            figures.as_secs_f64() * 1e3
        );
        println!(
            "hover ({label} entity ‘{entity}’, in {articles} articles): {:.2} ms",
            per.as_secs_f64() * 1e3
        );
    }

    // Identity: one entity's names, and every entity of the corpus.
    let merged = corpus
        .entity_index()
        .names()
        .names()
        .filter(|n| n.ends_with("General Hospital NHS Trust"))
        .min()
        .map(str::to_string);
    if let Some(name) = merged {
        let rounds = 200;
        let started = Instant::now();
        let mut members = 0;
        for _ in 0..rounds {
            members = std::hint::black_box(corpus.cluster(&name)).map_or(0, |c| c.members.len());
        }
        let per = started.elapsed() / rounds;
        println!(
            "identity: {:.1} µs for the names of ‘{name}’ ({members} names)",
            per.as_secs_f64() * 1e6
        );
    }
    // `check`: every article's findings, the cross-article ones included.
    let started = Instant::now();
    let paths: Vec<_> = corpus.articles().iter().map(|e| e.path.clone()).collect();
    let (findings, conflicts) = paths
        .par_iter()
        .map(|p| {
            let f = corpus.findings(p);
            let c = f
                .iter()
                .filter(|f| f.code.starts_with("conflicting"))
                .count();
            (f.len(), c)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "findings: {:.0} ms for every article ({findings} findings, {conflicts} conflicts, {} event claims)",
        started.elapsed().as_secs_f64() * 1e3,
        paths
            .iter()
            .map(|p| corpus.event_claims(p).len())
            .sum::<usize>()
    );
    let started = Instant::now();
    let clusters = corpus.clusters();
    println!(
        "identity: {:.0} ms for all {} entities of {} names",
        started.elapsed().as_secs_f64() * 1e3,
        clusters.len(),
        corpus.entity_index().names().len()
    );

    // One edit: re-analysing a single article, as didChange does.
    let text = article(7, &paragraphs, &headlines);
    let rounds = 2000;
    let gazetteer = corpus_lsp::analysis::entities::Gazetteer::default();
    let started = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(ArticleAnalysis::new(
            std::hint::black_box(&text),
            &gazetteer,
        ));
    }
    let per_edit = started.elapsed() / rounds;
    let mut corpus = corpus;
    let path = dir.join("000007.txt");
    let started = Instant::now();
    let edits = 200;
    for i in 0..edits {
        let mut edited = text.clone();
        edited.push_str(&format!("\nMeridian Systems said {i} more.\n"));
        corpus.upsert(path.clone(), edited.into());
    }
    let per_upsert = started.elapsed() / edits;
    println!(
        "edit in the index: {:.1} µs per upsert of one article into {count}",
        per_upsert.as_secs_f64() * 1e6
    );
    // An edit that brings a new name and its initials, then takes them away:
    // identity's keys change, nothing else is recomputed.
    let started = Instant::now();
    for i in 0..edits {
        let mut edited = text.clone();
        edited.push_str(&format!(
            "\nQuillon Vale {i} Hospital NHS Trust and QV{i} said more.\n"
        ));
        corpus.upsert(path.clone(), edited.into());
        corpus.upsert(path.clone(), text.clone().into());
    }
    let per_new_name = started.elapsed() / (2 * edits);
    println!(
        "edit with a new name in the index: {:.1} µs per upsert",
        per_new_name.as_secs_f64() * 1e6
    );
    println!(
        "edit: {:.1} µs to re-analyse one {} byte article",
        per_edit.as_secs_f64() * 1e6,
        text.len()
    );

    // A curation change that reaches every article ("the" made an alias),
    // as typing in corpus.toml applies it: analysed with no lock held, then
    // applied under the lock (what an edit or a request may wait for).
    for (what, config) in [
        (
            "reaching every article",
            "[[entity]]\nname = \"Bench Entity\"\ntype = \"organization\"\naliases = [\"the\"]\n",
        ),
        (
            "an alias of a name a sixth of the articles use",
            "[[entity]]\nname = \"Meridian Systems\"\ntype = \"organization\"\naliases = [\"Meridian\"]\n",
        ),
        ("undone", ""),
    ] {
        let started = Instant::now();
        let mut plan = corpus.plan_config(config.to_string());
        plan.analyse();
        let off_lock = started.elapsed();
        let started = Instant::now();
        corpus.apply_config(plan);
        println!(
            "corpus.toml change {what}: {:.0} ms off the lock, {:.0} ms under it",
            off_lock.as_secs_f64() * 1e3,
            started.elapsed().as_secs_f64() * 1e3
        );
    }

    // The same corpus with every recognised mention written to a `.ann`
    // beside its article, and annotations switched on.
    for entry in corpus.articles() {
        let annotations = corpus_lsp::export::article_annotations(&corpus, entry);
        let ann = corpus_lsp::analysis::annotations::export_brat(&entry.text, &annotations);
        std::fs::write(entry.path.with_extension("ann"), ann).unwrap();
    }
    std::fs::write(
        dir.join("corpus.toml"),
        "[annotations]\nformat = \"brat\"\n",
    )
    .unwrap();
    let mut annotated_best = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        std::hint::black_box(Corpus::load(dir.clone(), &|_, _| {}));
        annotated_best = annotated_best.min(started.elapsed());
    }
    println!(
        "index with a .ann per article: {:.0} ms ({:.2}× the plain corpus)",
        annotated_best.as_secs_f64() * 1e3,
        annotated_best.as_secs_f64() / best.as_secs_f64()
    );
    // A keystroke in an annotated article: shift its `.ann`, then upsert.
    let mut corpus = Corpus::load(dir.clone(), &|_, _| {});
    let path = dir.join("000007.txt");
    let lines = corpus.ann_file(&path).map_or(0, |a| a.line_count());
    let mut text = corpus.file_text(&path).unwrap();
    let rounds = 200;
    let started = Instant::now();
    for _ in 0..rounds {
        let at = text.find("\n\n").unwrap_or(0);
        std::hint::black_box(corpus.shift_ann(&path, &text, &[(at..at, "x")]));
        text.insert(at, 'x');
        corpus.upsert(path.clone(), text.clone().into());
    }
    let per_key = started.elapsed() / rounds;
    println!(
        "keystroke in an annotated article ({lines} .ann lines): {:.1} µs (shift + upsert)",
        per_key.as_secs_f64() * 1e6
    );
    if std::env::var_os("KEEP_CORPUS").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
