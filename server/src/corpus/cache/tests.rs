use super::*;
use crate::corpus::Corpus;
use crate::corpus::digest::digest;
use std::fs;
use std::sync::Arc;

fn seeds() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

fn settings(dir: &Path) -> Settings {
    Settings {
        dir: dir.join("cache"),
        max_bytes: DEFAULT_MAX_BYTES,
    }
}

/// Analyses every seed through a session, saves, and says how many were
/// analysed afresh.
fn run(settings: &Settings, root: &Path, curated: &str) -> (usize, Vec<String>) {
    let session = Session::open(settings, root, curated);
    let gazetteer = Gazetteer::default();
    let mut fresh = 0;
    let mut shown = Vec::new();
    let mut keys = Vec::new();
    for (_, text) in seeds() {
        let (key, analysis, analysed) = session.analyse(&text, &gazetteer, None);
        fresh += usize::from(analysed);
        shown.push(format!("{analysis:?}"));
        let entry = crate::corpus::ArticleEntry {
            path: PathBuf::new(),
            text: text.into(),
            analysis,
        };
        keys.push((key, analysed.then(|| Fresh::Analysis(Arc::new(entry)))));
    }
    session.save(keys, Vec::new());
    (fresh, shown)
}

#[test]
fn every_seed_analysis_reads_back_the_same() {
    let gazetteer = Gazetteer::default();
    for (path, text) in seeds() {
        let analysis = ArticleAnalysis::new(&text, &gazetteer);
        let bytes = postcard::to_allocvec(&analysis).unwrap();
        let back: ArticleAnalysis = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(
            format!("{back:?}"),
            format!("{analysis:?}"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_second_session_reads_what_the_first_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let settings = settings(tmp.path());
    let (cold, cold_shown) = run(&settings, tmp.path(), "");
    assert_eq!(cold, seeds().len());
    let (warm, warm_shown) = run(&settings, tmp.path(), "");
    assert_eq!(warm, 0, "everything comes from the cache");
    assert_eq!(warm_shown, cold_shown);
    // Other curated names: nothing is reused.
    let (other, _) = run(&settings, tmp.path(), "other");
    assert_eq!(other, seeds().len());
}

/// Damages the one cache file in `settings.dir` and checks the next
/// session ignores it and analyses everything again.
fn damaged(change: impl Fn(&mut Vec<u8>)) {
    let tmp = tempfile::tempdir().unwrap();
    let settings = settings(tmp.path());
    let (_, cold_shown) = run(&settings, tmp.path(), "");
    let file = file_for(&settings.dir, tmp.path());
    let mut bytes = fs::read(&file).unwrap();
    change(&mut bytes);
    fs::write(&file, &bytes).unwrap();
    let (fresh, shown) = run(&settings, tmp.path(), "");
    assert_eq!(fresh, seeds().len());
    assert_eq!(shown, cold_shown);
}

#[test]
fn a_corrupt_file_is_ignored() {
    damaged(|b| {
        let at = b.len() / 2;
        b[at] ^= 0x55;
    });
}

#[test]
fn a_truncated_file_is_ignored() {
    damaged(|b| b.truncate(b.len() - 7));
    damaged(|b| b.truncate(5));
}

#[test]
fn a_file_of_another_version_is_ignored() {
    damaged(|b| b[8] = b[8].wrapping_add(1));
    // Another analyser version, with a checksum that holds.
    damaged(|b| {
        let (mut meta, rest) = postcard::take_from_bytes::<Meta>(&b[HEADER..]).unwrap();
        meta.analyser += 1;
        let mut body = postcard::to_allocvec(&meta).unwrap();
        body.extend_from_slice(rest);
        b.truncate(12);
        b.extend_from_slice(&xxh3_64(&body).to_le_bytes());
        b.extend_from_slice(&body);
    });
}

#[test]
fn parse_reports_why() {
    let meta = Meta {
        analyser: ANALYSER_VERSION,
        crate_version: "x".into(),
        build: 1,
        settings: 2,
        root: "/r".into(),
        entries: 0,
        claim_sets: 0,
    };
    assert!(
        parse(b"CLSP".to_vec(), &meta)
            .unwrap_err()
            .contains("truncated")
    );
    let mut file = MAGIC.to_vec();
    file.extend_from_slice(&FORMAT.to_le_bytes());
    let body = postcard::to_allocvec(&meta).unwrap();
    file.extend_from_slice(&xxh3_64(&body).to_le_bytes());
    file.extend_from_slice(&body);
    assert!(parse(file.clone(), &meta).is_ok());
    let other = Meta {
        settings: 3,
        ..meta.clone()
    };
    assert!(parse(file, &other).unwrap_err().contains("curated"));
}

#[test]
fn warm_loads_equal_cold_ones_across_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("corpus.toml"), "").unwrap();
    for (path, text) in seeds() {
        fs::write(root.join(path.file_name().unwrap()), text).unwrap();
    }
    let settings = settings(tmp.path());
    let load =
        |cache: Option<&Settings>| digest(&Corpus::load_with(root.clone(), &|_, _| {}, cache));
    let cold = load(None);
    assert_eq!(load(Some(&settings)), cold);
    assert!(file_for(&settings.dir, &root).exists());
    assert_eq!(load(Some(&settings)), cold);
    // Edit one article, remove another, add a copy: warm still equals cold.
    let names: Vec<_> = seeds()
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_owned())
        .collect();
    let first = root.join(&names[0]);
    let text = fs::read_to_string(&first).unwrap();
    fs::write(
        &first,
        text.replace(". ", ". Acme Holdings said on Monday. "),
    )
    .unwrap();
    fs::remove_file(root.join(&names[1])).unwrap();
    fs::copy(root.join(&names[2]), root.join("copy.txt")).unwrap();
    let cold = load(None);
    assert_eq!(load(Some(&settings)), cold);
    assert_eq!(load(Some(&settings)), cold);
}

#[test]
fn eviction_keeps_the_newest_within_the_bound() {
    let tmp = tempfile::tempdir().unwrap();
    let mut settings = settings(tmp.path());
    run(&settings, &tmp.path().join("a"), "");
    let a = file_for(&settings.dir, &tmp.path().join("a"));
    let size = fs::metadata(&a).unwrap().len();
    let old = SystemTime::now() - std::time::Duration::from_secs(60);
    fs::File::options()
        .append(true)
        .open(&a)
        .unwrap()
        .set_modified(old)
        .unwrap();
    // Room for one file: writing b's evicts a's.
    settings.max_bytes = size + size / 2;
    run(&settings, &tmp.path().join("b"), "");
    assert!(!a.exists());
    assert!(file_for(&settings.dir, &tmp.path().join("b")).exists());
    assert_eq!(list(&settings.dir).len(), 1);
    assert_eq!(clear(&settings.dir).0, 1);
    assert!(list(&settings.dir).is_empty());
}

/// The event claims of the article `of` in the corpus at `root`, loaded
/// with the cache at `settings` (or none), printed.
fn claims_of(root: &Path, settings: Option<&Settings>, of: &str) -> Vec<String> {
    let corpus = Corpus::load_with(root.to_path_buf(), &|_, _| {}, settings);
    corpus
        .event_claims(&root.join(of))
        .iter()
        .map(|c| format!("{c:?}"))
        .collect()
}

#[test]
fn cached_claims_follow_names_that_another_article_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let settings = settings(tmp.path());
    let root = tmp.path().join("corpus");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("corpus.toml"), "").unwrap();
    // Unchanged itself, but who `Varden` is depends on the other article.
    fs::write(
        root.join("departure.txt"),
        "Harlow trust chief to go\n\n  • 5 March 2009\n\nVarden announced on 3 March 2009 \
         that he would step down after the records system went live at Harlow General Hospital.\n",
    )
    .unwrap();
    let other = root.join("other.txt");
    fs::write(
        &other,
        "Rain in Harlow\n\n  • 1 March 2009\n\nIt rained all week.\n",
    )
    .unwrap();
    let before = claims_of(&root, Some(&settings), "departure.txt");
    assert_eq!(claims_of(&root, None, "departure.txt"), before);
    fs::write(
        &other,
        "Board news\n\n  • 1 March 2009\n\nThe chief executive, Tomas Varden, chaired \
         the board on Monday. Mr Varden said little.\n",
    )
    .unwrap();
    let fresh = claims_of(&root, None, "departure.txt");
    assert_ne!(fresh, before, "the fixture must change the claim's actor");
    assert_eq!(claims_of(&root, Some(&settings), "departure.txt"), fresh);
    assert_eq!(claims_of(&root, Some(&settings), "departure.txt"), fresh);
    // And they are read from the cache, not again.
    let corpus = Corpus::load_with(root.clone(), &|_, _| {}, None);
    let path = root.join("departure.txt");
    let text = fs::read_to_string(&path).unwrap();
    let mentions = corpus.mentions(&path).unwrap();
    let session = Session::open(
        &settings,
        &root,
        &format!("{:?}", crate::corpus::curated(&corpus.config)),
    );
    let (cached, (_, fresh)) = session.claims(entry_key(&text, None), mentions, || {
        panic!("the claim set is in the cache")
    });
    assert!(!fresh);
    assert_eq!(
        format!("{:?}", cached.events),
        format!("{:?}", corpus.event_claims(&path))
    );
}

/// A reload keeps the analyses of articles that neither their text nor the
/// change of curation reaches (the same `Arc`s: no second copy), analyses
/// the rest again, equals a fresh load, and leaves the cache holding every
/// article, kept ones included.
#[test]
fn a_reload_keeps_the_analyses_no_change_reaches() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("corpus.toml"), "").unwrap();
    let mut paths = Vec::new();
    for (i, (path, text)) in seeds().into_iter().enumerate() {
        let path = root.join(path.file_name().unwrap());
        // One article names what curation will name.
        let text = match i {
            2 => format!("{text}\nBrelmont Quay reopened on Tuesday.\n"),
            _ => text,
        };
        fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let settings = settings(tmp.path());
    let progress = |_: usize, _: usize| {};
    let before = Corpus::load_with(root.clone(), &progress, Some(&settings));

    let edited = &paths[0];
    let text = fs::read_to_string(edited).unwrap();
    fs::write(edited, text.replace(". ", ". Acme Holdings said so. ")).unwrap();
    fs::write(
        root.join("corpus.toml"),
        "[[entity]]\nname = \"Brelmont Quay\"\ntype = \"place\"\n",
    )
    .unwrap();
    let reusable = before.reusable();
    let after = Corpus::load_keeping(root.clone(), &progress, Some(&settings), Some(&reusable));
    drop(reusable);

    assert_eq!(
        digest(&after),
        digest(&Corpus::load_with(root.clone(), &progress, None))
    );
    for (i, path) in paths.iter().enumerate() {
        let kept = Arc::ptr_eq(before.article(path).unwrap(), after.article(path).unwrap());
        assert_eq!(kept, i != 0 && i != 2, "{}", path.display());
    }
    let curated = format!("{:?}", crate::corpus::curated(&after.config));
    let session = Session::open(&settings, &root, &curated);
    assert_eq!(session.stored.map(|s| s.entries.len()), Some(paths.len()));
}

/// A cache that would exceed its bound keeps the analyses and drops the
/// claim sets, which are the cheaper to read again.
#[test]
fn over_the_bound_claim_sets_go_first() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("corpus.toml"), "").unwrap();
    for (path, text) in seeds() {
        fs::write(root.join(path.file_name().unwrap()), text).unwrap();
    }
    let meta_of = |settings: &Settings| {
        let bytes = fs::read(file_for(&settings.dir, &root)).unwrap();
        postcard::take_from_bytes::<Meta>(&bytes[HEADER..])
            .unwrap()
            .0
    };
    let roomy = settings(&tmp.path().join("roomy"));
    Corpus::load_with(root.clone(), &|_, _| {}, Some(&roomy));
    let whole = meta_of(&roomy);
    assert_eq!(whole.entries, seeds().len() as u64);
    assert_eq!(whole.claim_sets, seeds().len() as u64);
    let size = fs::metadata(file_for(&roomy.dir, &root)).unwrap().len();
    let tight = Settings {
        max_bytes: size - 1,
        ..settings(&tmp.path().join("tight"))
    };
    Corpus::load_with(root.clone(), &|_, _| {}, Some(&tight));
    let kept = meta_of(&tight);
    assert_eq!((kept.entries, kept.claim_sets), (whole.entries, 0));
}
