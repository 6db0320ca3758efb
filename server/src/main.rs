//! The `corpus-lsp` command: a language server on stdio, and a linter.

use clap::{Parser, Subcommand};
use corpus_lsp::analysis::entities::EntityKind;
use corpus_lsp::check::{self, CheckFormat, FailOn, OutputFormat};
use corpus_lsp::corpus::cache;
use corpus_lsp::export::{self, ExportFormat, ImportFormat};
use corpus_lsp::timeline;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Analysis allocates many small strings on every core; mimalloc's
// thread-local heaps make that markedly cheaper than the system allocator.
#[cfg(not(feature = "system-allocator"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Has mimalloc give freed pages back at once rather than 10 ms later
/// (`MIMALLOC_PURGE_DELAY=0`, unless the environment says otherwise): a
/// load frees its working data in bursts between phases, and with the delay
/// the next phase grows into new pages instead, raising peak RSS by a
/// tenth for no measurable time.
fn purge_freed_memory_at_once() {
    #[cfg(not(feature = "system-allocator"))]
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // `mi_option_purge_delay` in the mimalloc that `libmimalloc-sys` 0.1.49 builds.
        const PURGE_DELAY: std::ffi::c_int = 15;
        unsafe extern "C" {
            fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
        }
        // SAFETY: options may be set at any time; this one is read at each purge.
        unsafe { mi_option_set(PURGE_DELAY, 0) };
    }
}

#[derive(Parser)]
#[command(
    name = "corpus-lsp",
    version,
    about = "A language server and linter for corpora of news articles",
    long_about = "A language server and linter for corpora of news articles.\n\n\
        With no command, or with `serve`, it speaks the Language Server Protocol on stdin/stdout \
        for an editor. `check` lints a corpus from the command line, for CI.\n\n\
        Logging goes to stderr and is controlled by RUST_LOG (e.g. RUST_LOG=corpus_lsp=debug)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Neither read nor write the analysis cache (also: CORPUS_LSP_NO_CACHE=1).
    #[arg(long, global = true)]
    no_cache: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server on stdin/stdout (the default).
    Serve,
    /// Check articles and print findings like a compiler.
    ///
    /// Each PATH (a file or a folder) is checked within its corpus: the nearest folder
    /// above it with a corpus.toml, else the folder itself. Exits 1 when a finding at or
    /// above --fail-on is reported, 2 on usage errors, 0 otherwise.
    Check {
        /// Files or folders to check.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// `text`: path:line:col: severity[code]: message. `json`: one object per line
        /// with path, line, column, end_line, end_column (1-based, in characters),
        /// severity, code, message and related [{path, line, column, message}].
        /// `sarif`: one SARIF 2.1.0 log (rules, results, related locations, fixes).
        /// `github`: GitHub Actions workflow commands, one annotation per finding.
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
        /// The lowest severity that makes the exit status 1.
        #[arg(long, value_enum, default_value = "warning")]
        fail_on: FailOn,
    },
    /// List the corpus's canonical entities: type, aliases seen, mentions and articles.
    Entities {
        /// A file or folder of the corpus.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// `text`: a table. `json`: one object per line with name, type, aliases,
        /// mentions and articles.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// List the corpus's articles with their publication dates, sorted by path.
    Articles {
        /// A file or folder of the corpus.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// `text`: a table. `json`: one object per line with path, headline, dateline and
        /// published {date, source ("dateline", "config" or "inferred"), earliest, latest,
        /// evidence}, dates in ISO form, null where unknown.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// List the dated event claims the corpus's articles make, in article and text order.
    Claims {
        /// A file or folder of the corpus (a file lists that article's claims only).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// `text`: one line per claim. `json`: one object per line with path, line, column,
        /// event (family), kind, actor, parties, date (as written), value (TIMEX3), tense,
        /// plan, figures, confidence and sentence.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Write the corpus's dated events on a time axis, as one self-contained HTML page.
    ///
    /// One lane per entity (a claim's actor, else its first party), the 30 busiest;
    /// each claim linked to its article and line; conflicting dates in red, listed with
    /// both sources; undated articles at their inferred publication interval. The page
    /// fetches nothing (inline SVG, CSS and script). Exits 2 on errors.
    Timeline {
        /// A file or folder of the corpus (a folder draws the articles under it).
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Only the events this entity takes part in, by any of its names.
        #[arg(long, value_name = "NAME")]
        entity: Option<String>,
        /// The page to write; `-` for stdout.
        #[arg(short, long = "output", value_name = "FILE")]
        output: PathBuf,
        /// The nonce the page's inline style and script carry in its Content Security
        /// Policy, for an editor that shows it (random by default).
        #[arg(long, hide = true)]
        nonce: Option<String>,
    },
    /// Write the corpus's mentions, automatic and annotated, for NLP tools.
    ///
    /// `brat`: a `.txt` and `.ann` per article under DIR, mirroring the corpus's
    /// paths, and an `annotation.conf`. `jsonl`: DIR/corpus.jsonl, one spaCy /
    /// Prodigy line per article (code point offsets). `conll`: DIR/corpus.conll,
    /// BIO tags, articles separated by `-DOCSTART-`. `facts`: one JSON-lines file per
    /// table (articles, mentions, entities, claims, figures) for SQL engines.
    ///
    /// Each file is written to a temporary file and renamed into place, so none is
    /// ever half-written. DIR gets a `.corpus-lsp-export` marker: a corpus around it
    /// does not read it as articles. Exits 2 on errors, naming the path.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// A file or folder of the corpus.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// The folder to write into.
        #[arg(short, long = "output", value_name = "DIR")]
        output: PathBuf,
    },
    /// Annotate every mention of an entity, under any of its names, in every
    /// article's brat `.ann` file (created as needed; mentions already annotated
    /// are skipped), or with `--remove` take those annotations away.
    ///
    /// Enables `[annotations] format = "brat"` in corpus.toml. Exits 2 on errors.
    Annotate {
        /// Every mention (the only mode so far).
        #[arg(long, required = true)]
        all: bool,
        /// The entity, by any of its names.
        name: String,
        /// The type to annotate as: organization, person, place or product.
        #[arg(long = "as", value_name = "TYPE", required_unless_present = "remove")]
        kind: Option<String>,
        /// Remove the annotations of the entity instead.
        #[arg(long)]
        remove: bool,
        /// A file or folder of the corpus.
        #[arg(long, default_value = ".")]
        path: PathBuf,
    },
    /// Show or empty the analysis cache, which spares a second start on a corpus
    /// analysing its unchanged articles again.
    ///
    /// One file per corpus under CORPUS_LSP_CACHE_DIR, else the platform's cache folder
    /// (e.g. ~/.cache/corpus-lsp); all together bounded by CORPUS_LSP_CACHE_MAX_MB
    /// (default 1024), least recently used corpora dropped first.
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
    /// Read brat `.ann` files into the corpus, beside their articles.
    ///
    /// SRC mirrors the corpus's paths: SRC/<path>.ann for the article <path>.
    /// Enables `[annotations] format = "brat"` in corpus.toml. Exits 1 when
    /// problems are reported, 2 on usage or I/O errors.
    Import {
        #[arg(long, value_enum)]
        format: ImportFormat,
        /// The folder of `.ann` files.
        src: PathBuf,
        /// A file or folder of the corpus.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Replace existing `.ann` files that differ.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Clone, Copy)]
enum CacheAction {
    /// Where the cache is, its size and bound, and its corpora.
    Info,
    /// Remove every cache file.
    Clear,
}

fn main() -> ExitCode {
    purge_freed_memory_at_once();
    init_logging();
    let cli = Cli::parse();
    let off = cli.no_cache
        || std::env::var_os("CORPUS_LSP_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0");
    if !off {
        cache::set_global(cache::Settings::from_env());
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Cache { action } => cache_command(action),
        Command::Serve => serve(),
        Command::Entities { path, format } => match check::entities(&path) {
            Ok(rows) => {
                let mut stdout = std::io::stdout().lock();
                match check::write_entities(&mut stdout, &rows, format) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                    Err(err) => {
                        eprintln!("corpus-lsp: {err}");
                        ExitCode::FAILURE
                    }
                }
            }
            Err(err) => fatal(&err),
        },
        Command::Claims { path, format } => {
            let mut stdout = std::io::stdout().lock();
            match check::claims(&mut stdout, &path, format) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => fatal(&err),
            }
        }
        Command::Articles { path, format } => match check::articles(&path) {
            Ok(rows) => {
                let mut stdout = std::io::stdout().lock();
                match check::write_articles(&mut stdout, &rows, format) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                    Err(err) => {
                        eprintln!("corpus-lsp: {err}");
                        ExitCode::FAILURE
                    }
                }
            }
            Err(err) => fatal(&err),
        },
        Command::Export {
            format,
            path,
            output,
        } => run_export(format, &path, &output),
        Command::Timeline {
            path,
            entity,
            output,
            nonce,
        } => run_timeline(&path, entity, nonce, &output),
        Command::Annotate {
            all: _,
            name,
            kind,
            remove,
            path,
        } => run_annotate(&path, &name, kind, remove),
        Command::Import {
            format,
            src,
            path,
            force,
        } => run_import(&src, &path, format, force),
        Command::Check {
            paths,
            format,
            fail_on,
        } => run_check(&paths, format, fail_on),
    }
}

/// The language server over stdio.
fn serve() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("corpus-lsp: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(corpus_lsp::lsp::serve_stdio());
    // Indexing may still run on the blocking pool: exit without it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    ExitCode::SUCCESS
}

fn run_export(format: ExportFormat, path: &Path, output: &Path) -> ExitCode {
    match export::export(path, format, output) {
        Ok(summary) => {
            let what = if format == ExportFormat::Facts {
                "row"
            } else {
                "annotation"
            };
            eprintln!(
                "exported {} {what}{} from {} article{} to {}",
                summary.annotations,
                if summary.annotations == 1 { "" } else { "s" },
                summary.articles,
                if summary.articles == 1 { "" } else { "s" },
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => fatal(&err),
    }
}

fn run_timeline(
    path: &Path,
    entity: Option<String>,
    nonce: Option<String>,
    output: &Path,
) -> ExitCode {
    let options = timeline::Options { entity, nonce };
    match timeline::timeline(path, &options, output) {
        Ok(summary) => {
            if output != std::path::Path::new("-") {
                eprintln!(
                    "wrote {}: {} lane(s), {} claim(s), {} conflict(s), {} undated article(s)",
                    output.display(),
                    summary.lanes,
                    summary.claims,
                    summary.conflicts,
                    summary.undated
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => fatal(&err),
    }
}

fn run_annotate(path: &Path, name: &str, kind: Option<String>, remove: bool) -> ExitCode {
    let kind = match kind.as_deref().map(EntityKind::parse) {
        Some(Some(kind)) if kind.is_name() => kind,
        Some(_) => {
            return fatal(&format!(
                "unknown type `{}`: use organization, person, place or product",
                kind.unwrap_or_default()
            ));
        }
        None => EntityKind::Organization,
    };
    match export::annotate_all(path, name, kind, remove) {
        Ok(summary) => {
            if summary.enabled {
                eprintln!("enabled brat annotations in corpus.toml");
            }
            match summary.title {
                Some(title) => eprintln!("{title}: wrote {} .ann file(s)", summary.files),
                None => eprintln!("nothing to change for ‘{name}’"),
            }
            ExitCode::SUCCESS
        }
        Err(err) => fatal(&err),
    }
}

fn run_import(src: &Path, path: &Path, format: ImportFormat, force: bool) -> ExitCode {
    match export::import(src, path, format, force) {
        Ok(summary) => {
            eprintln!(
                "imported {} .ann file{}{}, {} problem(s)",
                summary.files,
                if summary.files == 1 { "" } else { "s" },
                if summary.enabled {
                    "; enabled brat annotations in corpus.toml"
                } else {
                    ""
                },
                summary.problems
            );
            findings_exit(summary.problems > 0)
        }
        Err(err) => fatal(&err),
    }
}

fn run_check(paths: &[PathBuf], format: CheckFormat, fail_on: FailOn) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match check::run(paths, format, fail_on, &mut stdout) {
        Ok(summary) => {
            eprintln!(
                "checked {} article{}: {} error(s), {} warning(s), {} info, {} hint(s)",
                summary.articles,
                if summary.articles == 1 { "" } else { "s" },
                summary.errors,
                summary.warnings,
                summary.infos,
                summary.hints
            );
            findings_exit(summary.failed)
        }
        Err(err) => fatal(&err),
    }
}

/// `corpus-lsp cache info|clear`.
fn cache_command(action: CacheAction) -> ExitCode {
    let Some(settings) = cache::Settings::from_env() else {
        return fatal(&"no cache folder: set CORPUS_LSP_CACHE_DIR");
    };
    let mb = |bytes: u64| bytes as f64 / (1 << 20) as f64;
    match action {
        CacheAction::Clear => {
            let (files, bytes) = cache::clear(&settings.dir);
            eprintln!(
                "removed {files} cache file(s), {:.1} MB, from {}",
                mb(bytes),
                settings.dir.display()
            );
        }
        CacheAction::Info => {
            let mut files: Vec<_> = cache::list(&settings.dir)
                .into_iter()
                .map(cache::describe)
                .collect();
            files.sort_by_key(|f| std::cmp::Reverse(f.used));
            let total: u64 = files.iter().map(|f| f.size).sum();
            let entries: u64 = files.iter().filter_map(|f| f.entries).sum();
            println!("location: {}", settings.dir.display());
            println!(
                "size: {:.1} MB of {:.0} MB, {} corpus file(s), {entries} article entries",
                mb(total),
                mb(settings.max_bytes),
                files.len()
            );
            for f in &files {
                println!(
                    "{:>10.1} MB {:>8} entries  {}",
                    mb(f.size),
                    f.entries.map_or("?".to_string(), |n| n.to_string()),
                    f.root.as_deref().unwrap_or("(unreadable)")
                );
            }
        }
    }
    ExitCode::SUCCESS
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    // stdout is the protocol channel: logs must only ever go to stderr.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}

/// Exit status 1 when findings (or import problems) call for it, else 0.
fn findings_exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Exit status 2, after saying why: the command could not run.
fn fatal(err: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("corpus-lsp: {err}");
    ExitCode::from(2)
}
