//! Recognition evaluation: runs the real pipeline (parse → extract →
//! NameTable over the whole set → resolve) on `tests/eval/*.txt` and
//! scores mentions against the brat gold (`*.ann`) with exact spans.
//!
//! Files starting with `h` are the held-out set (written after tuning).
//! Both sets count towards the thresholds; scores are printed for each.
//!
//! `cargo test --release --test recognition_eval -- --nocapture` also
//! prints throughput.

use corpus_lsp::analysis::annotations::AnnotationLabel;
use corpus_lsp::analysis::article::Article;
use corpus_lsp::analysis::entities::{
    Curated, EntityKind, Gazetteer, NameTable, extract, misspellings, resolve,
};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

struct Doc {
    name: String,
    text: String,
    /// (type, byte span)
    gold: Vec<(EntityKind, std::ops::Range<usize>)>,
}

fn eval_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/eval")
}

/// Byte offset of each code point index (plus the end).
fn cp_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

fn load() -> Vec<Doc> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(eval_dir())
        .expect("tests/eval exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let ann = std::fs::read_to_string(p.with_extension("ann")).unwrap_or_default();
        let map = cp_to_byte(&text);
        let mut gold = Vec::new();
        for line in ann.lines().filter(|l| l.starts_with('T')) {
            let mut parts = line.split('\t');
            let _id = parts.next();
            let mut meta = parts.next().unwrap().split(' ');
            let surface = parts.next().unwrap_or("");
            let ty = meta.next().unwrap();
            let s: usize = meta.next().unwrap().parse().unwrap();
            let e: usize = meta.next().unwrap().parse().unwrap();
            let kind = EntityKind::parse(ty).unwrap_or_else(|| panic!("type {ty}"));
            let span = map[s]..map[e];
            assert_eq!(&text[span.clone()], surface, "{} {line}", p.display());
            gold.push((kind, span));
        }
        docs.push(Doc {
            name: p.file_stem().unwrap().to_string_lossy().into_owned(),
            text,
            gold,
        });
    }
    docs
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn p(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn r(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

type Scores = BTreeMap<EntityKind, Counts>;

fn print_table(title: &str, scores: &Scores) {
    println!("\n{title}");
    println!(
        "{:<14} {:>5} {:>5} {:>5} {:>7} {:>7} {:>7}",
        "type", "tp", "fp", "fn", "P", "R", "F1"
    );
    let mut all = Counts::default();
    for kind in EntityKind::ALL {
        let c = scores.get(&kind).copied().unwrap_or_default();
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
        println!(
            "{:<14} {:>5} {:>5} {:>5} {:>7.3} {:>7.3} {:>7.3}",
            kind.as_str(),
            c.tp,
            c.fp,
            c.fn_,
            c.p(),
            c.r(),
            c.f1()
        );
    }
    println!(
        "{:<14} {:>5} {:>5} {:>5} {:>7.3} {:>7.3} {:>7.3}",
        "all",
        all.tp,
        all.fp,
        all.fn_,
        all.p(),
        all.r(),
        all.f1()
    );
}

#[test]
fn recognition_quality() {
    let docs = load();
    assert!(
        docs.len() >= 12,
        "expected at least 12 eval articles, got {}",
        docs.len()
    );
    let gaz = Gazetteer::new(&Curated::default());
    let parsed: Vec<(Article, _)> = docs
        .iter()
        .map(|d| {
            let a = Article::parse(&d.text);
            let names = extract(&d.text, &a, &gaz);
            (a, names)
        })
        .collect();
    let mut table = NameTable::new();
    for (i, (_, names)) in parsed.iter().enumerate() {
        table.add_article(i as u32, names);
    }
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    // EVAL_DUMP=path writes our predictions (code point offsets) for
    // tests/eval/compare_spacy.py.
    let mut dump = String::new();
    let mut tuned = Scores::new();
    let mut held = Scores::new();
    let mut total = Scores::new();
    for (doc, (_, names)) in docs.iter().zip(&parsed) {
        let mentions = resolve(&doc.text, names, &table, &gaz);
        let predicted: HashSet<(EntityKind, usize, usize)> = mentions
            .iter()
            .map(|m| (m.kind, m.span.start, m.span.end))
            .collect();
        let gold: HashSet<(EntityKind, usize, usize)> =
            doc.gold.iter().map(|(k, s)| (*k, s.start, s.end)).collect();
        let cps = cp_to_byte(&doc.text);
        for m in &mentions {
            let cp = |b: usize| cps.partition_point(|&x| x < b);
            dump.push_str(&format!(
                "{{\"doc\": \"{}\", \"type\": \"{}\", \"start\": {}, \"end\": {}}}\n",
                doc.name,
                AnnotationLabel::Known(m.kind).brat_type().into_owned(),
                cp(m.span.start),
                cp(m.span.end)
            ));
        }
        let held_out = doc.name.starts_with('h');
        for scores in [&mut total, if held_out { &mut held } else { &mut tuned }] {
            for g in &gold {
                let c = scores.entry(g.0).or_default();
                if predicted.contains(g) {
                    c.tp += 1
                } else {
                    c.fn_ += 1
                }
            }
            for p in &predicted {
                if !gold.contains(p) {
                    scores.entry(p.0).or_default().fp += 1;
                }
            }
        }
        if verbose {
            for g in &gold {
                if !predicted.contains(g) {
                    println!("{}: FN {:?} {:?}", doc.name, g.0, &doc.text[g.1..g.2]);
                }
            }
            for p in &predicted {
                if !gold.contains(p) {
                    println!("{}: FP {:?} {:?}", doc.name, p.0, &doc.text[p.1..p.2]);
                }
            }
            for m in misspellings(&doc.text, names, &table) {
                println!(
                    "{}: misspelling {:?} -> {:?}",
                    doc.name, m.word, m.suggestion
                );
            }
        }
    }
    if let Some(path) = std::env::var_os("EVAL_DUMP") {
        std::fs::write(path, &dump).unwrap();
    }
    print_table("tuned set", &tuned);
    print_table("held-out set", &held);
    print_table("all", &total);
    let bar = [
        (EntityKind::Organization, 0.85),
        (EntityKind::Person, 0.90),
        (EntityKind::Money, 0.95),
        (EntityKind::Percentage, 0.95),
    ];
    let mut failures = Vec::new();
    for (kind, min) in bar {
        let f1 = total.get(&kind).copied().unwrap_or_default().f1();
        if f1 < min {
            failures.push(format!("{} F1 {f1:.3} < {min}", kind.as_str()));
        }
    }
    assert!(failures.is_empty(), "below the bar: {failures:?}");
}

/// CPU time of this thread (Linux `/proc`, 10 ms ticks), so that other
/// processes on a busy machine do not distort the rate; wall time elsewhere.
fn cpu_seconds(wall: std::time::Instant) -> f64 {
    let ticks = std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|s| {
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split(' ').collect();
            Some(f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?)
        });
    match ticks {
        Some(t) => t / 100.0,
        None => wall.elapsed().as_secs_f64(),
    }
}

#[test]
fn throughput() {
    let docs = load();
    let gaz = Gazetteer::new(&Curated::default());
    // Warm up the lazily built lexicons.
    let _ = extract(&docs[0].text, &Article::parse(&docs[0].text), &gaz);
    let rounds: usize = std::env::var("THROUGHPUT_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let texts: Vec<&str> = (0..rounds)
        .flat_map(|_| docs.iter().map(|d| d.text.as_str()))
        .collect();
    let mb = texts.iter().map(|t| t.len()).sum::<usize>() as f64 / 1e6;
    let origin = std::time::Instant::now();
    let t0 = cpu_seconds(origin);
    let articles: Vec<Article> = texts.iter().map(|t| Article::parse(t)).collect();
    let t1 = cpu_seconds(origin);
    let names: Vec<_> = texts
        .iter()
        .zip(&articles)
        .map(|(t, a)| extract(t, a, &gaz))
        .collect();
    let t2 = cpu_seconds(origin);
    let mut table = NameTable::new();
    for (i, n) in names.iter().enumerate() {
        table.add_article(i as u32, n);
    }
    let t3 = cpu_seconds(origin);
    let mut n = 0;
    for (t, names) in texts.iter().zip(&names) {
        n += resolve(t, names, &table, &gaz).len();
    }
    let t4 = cpu_seconds(origin);
    let rate = |a: f64, b: f64| mb / (b - a).max(1e-9);
    println!(
        "\nthroughput over {mb:.2} MB, {} articles, one thread, CPU time: Article::parse {:.1} MB/s, \
         extract {:.1} MB/s, NameTable::add_article {:.1} MB/s, resolve {:.1} MB/s; \
         entity stages together {:.1} MB/s; all with parse {:.1} MB/s ({n} mentions)",
        texts.len(),
        rate(t0, t1),
        rate(t1, t2),
        rate(t2, t3),
        rate(t3, t4),
        rate(t1, t4),
        rate(t0, t4),
    );
}
