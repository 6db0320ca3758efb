//! `cargo xtask gen-corpus --articles N --out DIR [--ann] [--seed S] [--hot K]`
//!
//! Writes a generated corpus (see the library, `corpus_gen`): articles in
//! `DIR/<outlet>/<thousand>/<n>.txt`, a `corpus.toml`, and with `--ann` a
//! brat `.ann` beside each article. `--hot K` makes K articles tell one
//! and the same event.

use corpus_gen::{Config, Generator};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: cargo xtask gen-corpus --articles N --out DIR [--ann] [--seed S] [--hot K]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen-corpus") => match gen_corpus(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("gen-corpus: {err}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn gen_corpus(args: &[String]) -> Result<(), String> {
    let mut config = Config {
        articles: 1000,
        seed: 1,
        ann: false,
        hot: 0,
    };
    let mut out: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        let number = |v: &String| {
            v.replace('_', "")
                .parse::<usize>()
                .map_err(|e| format!("{arg}: {e}"))
        };
        match arg.as_str() {
            "--articles" => config.articles = number(value()?)?,
            "--seed" => config.seed = number(value()?)? as u64,
            "--hot" => config.hot = number(value()?)?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--ann" => config.ann = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.ok_or("--out is required")?;
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let toml = if config.ann {
        "# A generated corpus (cargo xtask gen-corpus).\n\n[annotations]\nformat = \"brat\"\n"
    } else {
        "# A generated corpus (cargo xtask gen-corpus).\n"
    };
    std::fs::write(out.join("corpus.toml"), toml).map_err(|e| e.to_string())?;

    let started = std::time::Instant::now();
    let generator = Generator::new(config.clone());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let bytes: Result<Vec<usize>, String> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (generator, out, articles) = (&generator, &out, config.articles);
                s.spawn(move || -> Result<usize, String> {
                    let mut bytes = 0;
                    for n in (t..articles).step_by(threads) {
                        let article = generator.article(n);
                        let path = out.join(&article.path);
                        if let Some(dir) = path.parent() {
                            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
                        }
                        std::fs::write(&path, &article.text)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                        if let Some(ann) = &article.ann {
                            std::fs::write(path.with_extension("ann"), ann)
                                .map_err(|e| e.to_string())?;
                        }
                        bytes += article.text.len();
                    }
                    Ok(bytes)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or(Err("a worker panicked".into())))
            .collect()
    });
    let bytes: usize = bytes?.iter().sum();
    eprintln!(
        "{} articles, {:.1} MB, in {} ({:.1} s)",
        config.articles,
        bytes as f64 / 1e6,
        out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
