//! All corpora an editor session works on, each under its own root.

use super::{Corpus, config, discover};
use std::path::{Path, PathBuf};

/// The corpus roots of a workspace folder: the nearest folder at or above it
/// with a `corpus.toml`; else every folder below it with one; else the
/// folder itself.
pub fn corpus_roots(folder: &Path) -> Vec<PathBuf> {
    if let Some(root) = discover::find_root(folder) {
        return vec![root];
    }
    let mut roots: Vec<PathBuf> = ignore::WalkBuilder::new(folder)
        .require_git(false)
        .build()
        .filter_map(Result::ok)
        .filter(|entry| {
            entry.file_name() == config::FILE_NAME && entry.file_type().is_some_and(|t| t.is_file())
        })
        .filter_map(|entry| entry.path().parent().map(Path::to_path_buf))
        .collect();
    if roots.is_empty() {
        roots.push(folder.to_path_buf());
    }
    roots.sort();
    roots
}

#[derive(Debug, Default)]
pub struct Workspace {
    corpora: Vec<Corpus>,
}

impl Workspace {
    /// The corpus whose root is the deepest ancestor of `path`.
    pub fn corpus_for(&self, path: &Path) -> Option<&Corpus> {
        self.position_for(path).map(|i| &self.corpora[i])
    }

    /// Like [`Workspace::corpus_for`], creating an empty corpus for a file
    /// outside every known root (a loose file opened in the editor).
    pub fn corpus_for_mut(&mut self, path: &Path) -> &mut Corpus {
        let index = match self.position_for(path) {
            Some(index) => index,
            None => {
                let root = discover::find_root(path)
                    .or_else(|| path.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                self.corpora.push(Corpus::new(root));
                self.corpora.len() - 1
            }
        };
        &mut self.corpora[index]
    }

    /// Installs a (freshly loaded) corpus, replacing any with the same root.
    pub fn replace(&mut self, corpus: Corpus) -> &mut Corpus {
        let index = match self.corpora.iter().position(|c| c.root == corpus.root) {
            Some(index) => {
                self.corpora[index] = corpus;
                index
            }
            None => {
                self.corpora.push(corpus);
                self.corpora.len() - 1
            }
        };
        &mut self.corpora[index]
    }

    pub fn corpora(&self) -> &[Corpus] {
        &self.corpora
    }

    fn position_for(&self, path: &Path) -> Option<usize> {
        self.corpora
            .iter()
            .enumerate()
            .filter(|(_, corpus)| path.starts_with(&corpus.root))
            .max_by_key(|(_, corpus)| corpus.root.components().count())
            .map(|(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_prefer_corpus_toml_below_the_folder() {
        let tmp = tempfile::Builder::new()
            .prefix("corpus-lsp-roots-")
            .tempdir()
            .unwrap();
        let dir = tmp.path().to_path_buf();
        std::fs::create_dir_all(dir.join("a/inner")).unwrap();
        std::fs::create_dir_all(dir.join("b")).unwrap();
        assert_eq!(corpus_roots(&dir), std::slice::from_ref(&dir));
        std::fs::write(dir.join("a/corpus.toml"), "").unwrap();
        std::fs::write(dir.join("b/corpus.toml"), "").unwrap();
        assert_eq!(corpus_roots(&dir), [dir.join("a"), dir.join("b")]);
        assert_eq!(corpus_roots(&dir.join("a/inner")), [dir.join("a")]);

        let mut workspace = Workspace::default();
        workspace.replace(Corpus::new(dir.join("a")));
        workspace.replace(Corpus::new(dir.clone()));
        assert_eq!(
            workspace.corpus_for(&dir.join("a/x.txt")).unwrap().root,
            dir.join("a")
        );
        assert_eq!(workspace.corpus_for(&dir.join("c.txt")).unwrap().root, dir);
    }
}
