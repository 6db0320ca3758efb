//! An edit republishes the open documents whose diagnostics it can change,
//! and no others: after any edit, what was published for each open
//! document equals what a fresh computation gives.

use super::documents::OpenDocument;
use super::publish::{Outbox, Touched};
use super::state::State;
use crate::corpus::Corpus;
use proptest::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

/// A server state over a corpus in a temporary folder, with what a client
/// was last sent for each file.
struct World {
    _dir: tempfile::TempDir,
    root: PathBuf,
    state: State,
    outbox: Outbox,
    shown: HashMap<Uri, Vec<Diagnostic>>,
}

impl World {
    fn new(files: &[(&str, &str)]) -> World {
        let dir = tempfile::Builder::new()
            .prefix("corpus-lsp-reach-")
            .tempdir()
            .unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::write(root.join("corpus.toml"), "").unwrap();
        for (name, text) in files {
            fs::write(root.join(name), text).unwrap();
        }
        let mut state = State::new();
        state.install(Corpus::load(root.clone(), &|_, _| {}));
        World {
            _dir: dir,
            root,
            state,
            outbox: Outbox::default(),
            shown: HashMap::new(),
        }
    }

    fn uri(&self, name: &str) -> Uri {
        Uri::from_file_path(self.root.join(name)).unwrap()
    }

    /// Publishes what `touched` calls for; returns the documents whose
    /// diagnostics were computed.
    fn publish(&mut self, touched: &Touched) -> Vec<Uri> {
        let publications = self.state.publications(touched);
        let computed = publications.iter().map(|p| p.uri.clone()).collect();
        for p in self.outbox.due(publications, &touched.all_ann) {
            self.shown.insert(p.uri, p.diagnostics);
        }
        computed
    }

    fn open(&mut self, name: &str) {
        let uri = self.uri(name);
        if self.state.open.contains_key(&uri) {
            return;
        }
        let text = fs::read_to_string(self.root.join(name)).unwrap_or_default();
        let (touched, _) = self.state.open_document(&uri, text, 1);
        self.publish(&touched);
    }

    fn close(&mut self, name: &str) {
        let uri = self.uri(name);
        if self.state.open.contains_key(&uri) {
            let touched = self.state.close_document(&uri, &self.root.join(name));
            self.publish(&touched);
        }
    }

    /// Replaces an open document's text, as `didChange` does.
    fn edit(&mut self, name: &str, text: &str) -> Vec<Uri> {
        let uri = self.uri(name);
        let path = self.root.join(name);
        let before = self.state.facts(Some(&path));
        let Some(open) = self.state.open.get_mut(&uri) else {
            return Vec::new();
        };
        open.document = OpenDocument::new(text.to_string(), open.document.version + 1);
        self.state.reanalyse(&uri);
        let after = self.state.facts(Some(&path));
        let touched = self.state.touched_by(&uri, Some(path), &before, &after);
        self.publish(&touched)
    }

    /// The open documents whose shown diagnostics differ from a fresh
    /// computation's.
    fn stale(&self) -> Vec<String> {
        let fresh = self.state.publications(&Touched::everything_open());
        fresh
            .into_iter()
            .filter(|p| self.shown.get(&p.uri).map_or(&[][..], |d| d) != p.diagnostics)
            .map(|p| p.uri.as_str().rsplit('/').next().unwrap_or("").to_string())
            .collect()
    }

    fn messages(&self, name: &str) -> Vec<String> {
        let shown = self.shown.get(&self.uri(name));
        shown
            .into_iter()
            .flatten()
            .map(|d| d.message.clone())
            .collect()
    }
}

const GO_LIVE: &str = "Linford goes live with Medora\n  • 14 June 2006\n\nLinford Royal Infirmary went live with the Medora patient administration system on 12 June.\n";
const GO_LIVE_AGAIN: &str = "Medora arrives at Linford\n  • 16 June 2006\n\nMedora went live at Linford Royal Infirmary on Monday 12 June, the supplier, Pellworth Software, said.\n";
const GO_LIVE_LATER: &str = "Medora arrives at Linford\n  • 16 June 2006\n\nMedora went live at Linford Royal Infirmary on Monday 19 June, the supplier, Pellworth Software, said.\n";
const UNRELATED: &str = "Kestrel opens depot\n  • 4 April 2010\n\nKestrel Logistics signed a £3m lease with Darlton Council on 1 April 2010, the company said.\n";

#[test]
fn an_edit_creating_a_conflict_republishes_the_article_it_conflicts_with_only() {
    let mut world = World::new(&[
        ("a.txt", GO_LIVE),
        ("b.txt", GO_LIVE_AGAIN),
        ("u.txt", UNRELATED),
    ]);
    for name in ["a.txt", "b.txt", "u.txt"] {
        world.open(name);
    }
    assert!(
        world.messages("a.txt").is_empty(),
        "{:?}",
        world.messages("a.txt")
    );
    let computed = world.edit("b.txt", GO_LIVE_LATER);
    assert!(
        world
            .messages("a.txt")
            .iter()
            .any(|m| m.contains("19 June")),
        "{:?}",
        world.messages("a.txt")
    );
    assert_eq!(world.stale(), Vec::<String>::new());
    assert!(computed.contains(&world.uri("a.txt")));
    assert!(!computed.contains(&world.uri("u.txt")), "{computed:?}");
    // And back: the conflict goes.
    world.edit("b.txt", GO_LIVE_AGAIN);
    assert!(
        world.messages("a.txt").is_empty(),
        "{:?}",
        world.messages("a.txt")
    );
    assert_eq!(world.stale(), Vec::<String>::new());
}

// Two reports give £14.2m, one naming the trust and the supplier, one the
// hospital alone; a third gives £19.2m naming all three. The first two
// share no party: the second backs the first only through the third.
const FIGURE_TRUST: &str = "Wenlow trust signs pathology deal\n  • 3 June 2014\n\nWenlow Hospitals NHS Trust has signed a £14.2m contract with Corrin Diagnostics for a new laboratory information system.\n";
const FIGURE_HOSPITAL: &str = "New lab system for Ashby Royal Infirmary\n  • 5 June 2014\n\nAshby Royal Infirmary is to get a new laboratory system under a £14.2m contract, the hospital said.\n";
const FIGURE_HOSPITAL_OTHER: &str = "New lab system for Ashby Royal Infirmary\n  • 5 June 2014\n\nAshby Royal Infirmary is to get a new laboratory system under a £11.7m contract, the hospital said.\n";
const FIGURE_ALL: &str = "Corrin lands Ashby contract\n  • 9 June 2014\n\nCorrin Diagnostics has won a £19.2m contract from Wenlow Hospitals NHS Trust to replace the laboratory system at Ashby Royal Infirmary.\n";

#[test]
fn an_edit_of_a_report_backing_a_figure_through_another_republishes_it() {
    let mut world = World::new(&[
        ("a.txt", FIGURE_TRUST),
        ("b.txt", FIGURE_HOSPITAL),
        ("c.txt", FIGURE_ALL),
        ("u.txt", UNRELATED),
    ]);
    for name in ["a.txt", "b.txt", "u.txt"] {
        world.open(name);
    }
    let warned = |world: &World| world.messages("a.txt").iter().any(|m| m.contains("£14.2m"));
    assert!(!warned(&world), "{:?}", world.messages("a.txt"));
    let computed = world.edit("b.txt", FIGURE_HOSPITAL_OTHER);
    assert!(warned(&world), "{:?}", world.messages("a.txt"));
    assert_eq!(world.stale(), Vec::<String>::new());
    assert!(!computed.contains(&world.uri("u.txt")), "{computed:?}");
}

const STORY_JUNE: &str = "Ashcombe signs scanning deal\n  • 12 June 2011\n\nAshcombe Community Trust has signed a scanning contract with Pellworth Imaging, chief executive Rhona Tull said.\n";
const STORY_JUNE_LATER: &str = "Ashcombe signs scanning deal\n  • 12 June 2013\n\nAshcombe Community Trust has signed a scanning contract with Pellworth Imaging, chief executive Rhona Tull said.\n";
const STORY_JULY: &str = "Scanning starts at Ashcombe\n  • 20 July 2011\n\nPellworth Imaging began scanning paper records for Ashcombe Community Trust this week.\n";
const STORY_UNDATED: &str = "Ashcombe scanning halfway\n\nPellworth Imaging has scanned half of Ashcombe Community Trust's paper records since the work began in June, and expects to finish by October.\n";

#[test]
fn an_edit_of_a_date_republishes_the_undated_articles_dated_from_it() {
    let mut world = World::new(&[
        ("a.txt", STORY_JUNE),
        ("b.txt", STORY_JULY),
        ("c.txt", STORY_UNDATED),
        ("u.txt", UNRELATED),
    ]);
    for name in ["a.txt", "c.txt", "u.txt"] {
        world.open(name);
    }
    let before = world.messages("c.txt");
    let computed = world.edit("a.txt", STORY_JUNE_LATER);
    assert_ne!(world.messages("c.txt"), before);
    assert_eq!(world.stale(), Vec::<String>::new());
    assert!(!computed.contains(&world.uri("u.txt")), "{computed:?}");
}

const MISSPELT: &str = "Fujitu wins deal\n  • 1 June 2011\n\nFujitu won a deal from the Fenwright Health Trust in May.\n";
const SUPPLIER: &str = "Fujitsu hires\n  • 2 June 2011\n\nFujitsu is hiring twenty engineers. Fujitsu staff welcomed it.\n";
const SUPPLIER_MORE: &str = "Fujitsu hires\n  • 2 June 2011\n\nFujitsu is hiring twenty engineers. Fujitsu staff welcomed it, and Fujitsu shares rose.\n";

#[test]
fn an_edit_changing_names_republishes_every_open_article() {
    let mut world = World::new(&[
        ("a.txt", MISSPELT),
        ("b.txt", SUPPLIER),
        ("c.txt", SUPPLIER),
    ]);
    for name in ["a.txt", "b.txt"] {
        world.open(name);
    }
    let before = world.messages("a.txt");
    assert!(
        before.iter().any(|m| m.contains("6 mentions")),
        "{before:?}"
    );
    world.edit("b.txt", SUPPLIER_MORE);
    assert_ne!(world.messages("a.txt"), before);
    assert_eq!(world.stale(), Vec::<String>::new());
}

#[test]
fn a_ann_change_that_leaves_the_corpus_copy_republishes_only_the_file_and_its_article() {
    let ann = "T1\tPerson 10 18\tAna Ruiz\n";
    let mut world = World::new(&[
        ("corpus.toml", "[annotations]\nformat = \"brat\"\n"),
        ("a.txt", "Headline\n\nAna Ruiz met Bo Li.\n"),
        ("a.ann", ann),
        ("u.txt", UNRELATED),
    ]);
    for name in ["a.txt", "a.ann", "u.txt"] {
        world.open(name);
    }
    let mut computed = world.edit("a.ann", ann);
    computed.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    assert_eq!(computed, [world.uri("a.ann"), world.uri("a.txt")]);
    // A hand edit changes what every article may read.
    let computed = world.edit("a.ann", "T1\tOrganization 10 18\tAna Ruiz\n");
    assert!(computed.contains(&world.uri("u.txt")), "{computed:?}");
    assert_eq!(world.stale(), Vec::<String>::new());
}

/// Every text above, for random edits.
const TEXTS: &[&str] = &[
    GO_LIVE,
    GO_LIVE_AGAIN,
    GO_LIVE_LATER,
    UNRELATED,
    FIGURE_TRUST,
    FIGURE_HOSPITAL,
    FIGURE_HOSPITAL_OTHER,
    FIGURE_ALL,
    STORY_JUNE,
    STORY_JUNE_LATER,
    STORY_JULY,
    STORY_UNDATED,
    MISSPELT,
    SUPPLIER,
    SUPPLIER_MORE,
];

const FILES: usize = 6;

#[derive(Debug, Clone)]
enum Op {
    Open(usize),
    Close(usize),
    Edit(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..FILES).prop_map(Op::Open),
        1 => (0..FILES).prop_map(Op::Close),
        4 => (0..FILES, 0..TEXTS.len()).prop_map(|(f, t)| Op::Edit(f, t)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: super::proptest_cases(32), ..ProptestConfig::default() })]

    #[test]
    fn after_any_edit_open_documents_show_what_a_fresh_computation_gives(
        start in proptest::collection::vec(0..TEXTS.len(), FILES),
        ops in proptest::collection::vec(op(), 1..24),
    ) {
        let files: Vec<(String, &str)> = start
            .iter()
            .enumerate()
            .map(|(i, &t)| (format!("f{i}.txt"), TEXTS[t]))
            .collect();
        let named: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let mut world = World::new(&named);
        for (name, _) in &named {
            world.open(name);
        }
        for op in &ops {
            match *op {
                Op::Open(f) => world.open(&files[f].0),
                Op::Close(f) => world.close(&files[f].0),
                Op::Edit(f, t) => {
                    world.edit(&files[f].0, TEXTS[t]);
                }
            }
            let stale = world.stale();
            prop_assert!(stale.is_empty(), "after {:?}: {:?} stale", op, stale);
        }
    }
}
