//! The server's state after any sequence of opens, edits, closes, file
//! events and `corpus.toml` changes indexes what a fresh load of the final
//! files (the editor's buffers over the disk) would.

use super::documents::OpenDocument;
use super::state::State;
use crate::corpus::Corpus;
use crate::corpus::digest::digest;
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use tower_lsp_server::ls_types::Uri;

const TEXTS: &[&str] = &[
    "Fenwright Trust signs deal\n  • 2 March 2011\n\nThe Fenwright Health Trust (FHT) signed a £12m contract with Lowmoor Data on 28 February 2011. FHT said the system would go live in May.\n",
    "System live at Fenwright\n  • 9 May 2011\n\nLowmoor Data said its system went live at Fenwright General Hospital on 3 May 2011. Chief executive Ruth Abberley welcomed it.\n",
    "Records go live\n\nThe records system went live on 5 May 2011 at Fenwright General Hospital, Lowmoor said. Abberley thanked staff on Monday.\n",
    "Lowmoor wins second deal\n  • 1 June 2011\n\nLowmoor Dta won a £3.4m deal from the Fenwright Health Trust in May.\n",
];

const CONFIGS: &[&str] = &[
    "",
    "[[entity]]\nname = \"Lowmoor Data\"\ntype = \"organization\"\naliases = [\"Lowmoor\"]\n",
    "[annotations]\nformat = \"brat\"\n",
    "[ignore]\nwords = [\"Abberley\"]\n",
    "[corpus\nbroken",
];

const FILES: usize = 3;

#[derive(Debug, Clone)]
enum Op {
    Open { file: usize, text: usize },
    Edit { file: usize, text: usize },
    Close { file: usize },
    Disk { file: usize, text: usize },
    DiskDelete { file: usize },
    Config { text: usize },
    OpenConfig { text: usize },
    CloseConfig,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..FILES, 0..TEXTS.len()).prop_map(|(file, text)| Op::Open { file, text }),
        2 => (0..FILES, 0..TEXTS.len()).prop_map(|(file, text)| Op::Edit { file, text }),
        2 => (0..FILES).prop_map(|file| Op::Close { file }),
        2 => (0..FILES, 0..TEXTS.len()).prop_map(|(file, text)| Op::Disk { file, text }),
        1 => (0..FILES).prop_map(|file| Op::DiskDelete { file }),
        1 => (0..CONFIGS.len()).prop_map(|text| Op::Config { text }),
        1 => (0..CONFIGS.len()).prop_map(|text| Op::OpenConfig { text }),
        1 => Just(Op::CloseConfig),
    ]
}

struct World {
    _dir: tempfile::TempDir,
    root: PathBuf,
    state: State,
}

impl World {
    fn new() -> World {
        let dir = tempfile::Builder::new()
            .prefix("corpus-lsp-state-props-")
            .tempdir()
            .unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::write(root.join("corpus.toml"), "").unwrap();
        let mut state = State::new();
        state.install(Corpus::load(root.clone(), &|_, _| {}));
        World {
            _dir: dir,
            root,
            state,
        }
    }

    fn path(&self, file: usize) -> PathBuf {
        self.root.join(format!("a{file}.txt"))
    }

    fn uri(path: &Path) -> Uri {
        Uri::from_file_path(path).unwrap()
    }

    fn is_open(&self, path: &Path) -> bool {
        self.state.open.contains_key(&Self::uri(path))
    }

    fn open(&mut self, path: &Path, text: &str) {
        if !self.is_open(path) {
            self.state
                .open_document(&Self::uri(path), text.to_string(), 1);
        }
    }

    fn edit(&mut self, path: &Path, text: &str) {
        let uri = Self::uri(path);
        if let Some(open) = self.state.open.get_mut(&uri) {
            open.document = OpenDocument::new(text.to_string(), open.document.version + 1);
            self.state.reanalyse(&uri);
        }
    }

    fn close(&mut self, path: &Path) {
        if self.is_open(path) {
            self.state.close_document(&Self::uri(path), path);
        }
    }

    fn disk(&mut self, path: &Path, text: Option<&str>) {
        match text {
            Some(text) => fs::write(path, text).unwrap(),
            None => {
                let _ = fs::remove_file(path);
            }
        }
        if !self.is_open(path) {
            self.state.changed_on_disk(path);
        }
    }

    fn apply(&mut self, op: &Op) {
        let config = self.root.join("corpus.toml");
        match *op {
            Op::Open { file, text } => self.open(&self.path(file), TEXTS[text]),
            Op::Edit { file, text } => self.edit(&self.path(file), TEXTS[text]),
            Op::Close { file } => self.close(&self.path(file)),
            Op::Disk { file, text } => self.disk(&self.path(file), Some(TEXTS[text])),
            Op::DiskDelete { file } => self.disk(&self.path(file), None),
            Op::Config { text } => self.disk(&config, Some(CONFIGS[text])),
            Op::OpenConfig { text } => {
                if self.is_open(&config) {
                    self.edit(&config, CONFIGS[text]);
                } else {
                    self.open(&config, CONFIGS[text]);
                }
            }
            Op::CloseConfig => self.close(&config),
        }
    }

    /// The live index against a fresh load of the editor's buffers laid
    /// over the disk. A broken `corpus.toml` leaves the last good one in
    /// force, so the fresh load is of that one.
    fn compare(&self, good_config: &str) -> (String, String) {
        for (uri, open) in &self.state.open {
            let path = uri.to_file_path().unwrap();
            fs::write(&path, &*open.document.text).unwrap();
        }
        let corpus = self.state.workspace.corpus_for(&self.root).unwrap();
        let broken = !corpus.config_findings().is_empty();
        if broken {
            fs::write(self.root.join("corpus.toml"), good_config).unwrap();
        }
        let mut live = digest(corpus);
        if broken {
            live = live
                .lines()
                .filter(|l| !l.starts_with("config "))
                .map(|l| format!("{l}\n"))
                .collect();
        }
        let fresh = digest(&Corpus::load(self.root.clone(), &|_, _| {}));
        (live, fresh)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: super::proptest_cases(16), ..ProptestConfig::default() })]

    #[test]
    fn the_state_indexes_what_a_fresh_load_of_the_final_files_would(
        ops in proptest::collection::vec(op(), 1..16)
    ) {
        let mut world = World::new();
        // The configuration in force: the editor's buffer over the disk's,
        // or the last good one while that is broken.
        let (mut disk_config, mut open_config): (&str, Option<&str>) = ("", None);
        let mut good_config = "";
        for op in &ops {
            world.apply(op);
            match *op {
                Op::Config { text } => disk_config = CONFIGS[text],
                Op::OpenConfig { text } => open_config = Some(CONFIGS[text]),
                Op::CloseConfig => open_config = None,
                _ => {}
            }
            let current = open_config.unwrap_or(disk_config);
            if crate::corpus::config::Config::parse(current).is_ok() {
                good_config = current;
            }
        }
        let (live, fresh) = world.compare(good_config);
        prop_assert!(live == fresh, "after {:?}:\nlive:\n{}\nfresh:\n{}", ops, live, fresh);
    }
}
