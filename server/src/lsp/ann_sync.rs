//! Keeps the editor's copy of each `.ann` file in step with the server's,
//! which moves offsets as the article is edited.
//!
//! The server's copy runs ahead: every keystroke in an article shifts it at
//! once. The editor's copy follows through `workspace/applyEdit`, one edit
//! in flight per file, each computed against the text the editor is known
//! to have: its open document when the editor syncs the `.ann`, else the
//! text the last applied edit left. Keystrokes made while an edit is in
//! flight are folded into the next one, so an edit never lands on a text it
//! was not computed for. A hand edit of the `.ann` wins over shifts not yet
//! sent (those annotations are then reported stale, never silently moved).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
struct State {
    /// For an editor that does not sync the file: its text as our last
    /// applied edit left it (at first, the server's text before shifting).
    base: Option<String>,
    /// The text the edit being applied produces.
    in_flight: Option<String>,
    /// Applied, and the editor's synced document does not show it yet.
    echo: Option<String>,
    /// The server's copy has moved since the last edit was computed.
    dirty: bool,
}

/// What became of an edit the editor answered.
#[derive(Debug, PartialEq, Eq)]
pub enum Answered {
    /// Applied; `more` if the server's copy moved on meanwhile.
    Applied { more: bool },
    /// Refused: the server's copy must go back to the editor's text.
    Refused { editor_text: Option<String> },
}

#[derive(Debug, Default)]
pub struct AnnSync {
    files: HashMap<PathBuf, State>,
}

impl AnnSync {
    /// The server shifted `ann`; `before` is its text before the shift.
    pub fn shifted(&mut self, ann: &Path, before: &str) {
        let state = self.files.entry(ann.to_path_buf()).or_default();
        if state.base.is_none() && state.in_flight.is_none() && state.echo.is_none() {
            state.base = Some(before.to_string());
        }
        state.dirty = true;
    }

    /// The text the next edit must be computed against, when one may be
    /// sent now (nothing in flight, something to say); `current` is the
    /// server's text, which the edit will produce. `open` is the editor's
    /// synced document, if any.
    pub fn next(&mut self, ann: &Path, open: Option<&str>, current: &str) -> Option<String> {
        let state = self.files.get_mut(ann)?;
        if state.in_flight.is_some() || state.echo.is_some() || !state.dirty {
            return None;
        }
        state.dirty = false;
        let base = open.map(str::to_string).or_else(|| state.base.clone())?;
        if base == current {
            return None;
        }
        state.in_flight = Some(current.to_string());
        Some(base)
    }

    /// The editor answered the edit in flight.
    pub fn answered(&mut self, ann: &Path, applied: bool, open: Option<&str>) -> Answered {
        let Some(state) = self.files.get_mut(ann) else {
            return Answered::Applied { more: false };
        };
        let target = state.in_flight.take();
        if !applied {
            let editor_text = open.map(str::to_string).or_else(|| state.base.clone());
            self.files.remove(ann);
            return Answered::Refused { editor_text };
        }
        match (open, target) {
            (Some(open), Some(target)) if open != target => state.echo = Some(target),
            (None, Some(target)) => state.base = Some(target),
            _ => {}
        }
        Answered::Applied {
            more: state.dirty && state.echo.is_none(),
        }
    }

    /// The editor's synced document changed (opened or edited). Whether the
    /// server's copy should take its text; `false` while our own edit is on
    /// its way, or when the text is just that edit arriving.
    pub fn editor_changed(&mut self, ann: &Path, text: &str) -> EditorChange {
        let Some(state) = self.files.get_mut(ann) else {
            return EditorChange::Take;
        };
        // From now on the editor's document is what it has: the base of an
        // editor that does not sync the file would go stale, and could match
        // a later text by chance.
        let base = state.base.take();
        if state.in_flight.is_some() {
            return EditorChange::Ignore; // Our edit is on its way.
        }
        // Our edit arriving comes first: it may bring the text back to
        // the base, and would then never be settled.
        if let Some(echo) = state.echo.take() {
            if echo == text {
                return EditorChange::Settled { more: state.dirty };
            }
        } else if base.as_deref() == Some(text) {
            // The editor opened what we know it has.
            return EditorChange::Ignore;
        }
        // A hand edit: it wins over shifts not yet sent.
        self.files.remove(ann);
        EditorChange::Take
    }

    /// Forgets a file (closed, or read again from disk).
    pub fn forget(&mut self, ann: &Path) {
        self.files.remove(ann);
    }

    /// Whether the editor's copy of `ann` is behind the server's.
    pub fn pending(&self, ann: &Path) -> bool {
        self.files
            .get(ann)
            .is_some_and(|s| s.dirty || s.in_flight.is_some() || s.echo.is_some())
    }
}

/// What [`AnnSync::editor_changed`] decided.
#[derive(Debug, PartialEq, Eq)]
pub enum EditorChange {
    /// The server's copy takes the editor's text.
    Take,
    /// Keep the server's copy (our edit is on its way).
    Ignore,
    /// Our edit arrived; `more` if the server's copy moved on meanwhile.
    Settled { more: bool },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ann() -> PathBuf {
        PathBuf::from("/c/a.ann")
    }

    #[test]
    fn an_editor_that_does_not_sync_gets_one_edit_at_a_time_from_what_it_has() {
        let mut sync = AnnSync::default();
        sync.shifted(&ann(), "v0");
        assert_eq!(sync.next(&ann(), None, "v1").as_deref(), Some("v0"));
        // Two keystrokes while the first edit is in flight.
        sync.shifted(&ann(), "v1");
        sync.shifted(&ann(), "v2");
        assert_eq!(sync.next(&ann(), None, "v3"), None, "one edit in flight");
        assert_eq!(
            sync.answered(&ann(), true, None),
            Answered::Applied { more: true }
        );
        // The next edit starts from what the first one left: v1, not v0.
        assert_eq!(sync.next(&ann(), None, "v3").as_deref(), Some("v1"));
        assert_eq!(
            sync.answered(&ann(), true, None),
            Answered::Applied { more: false }
        );
        assert!(!sync.pending(&ann()));
        assert_eq!(sync.next(&ann(), None, "v3"), None);
    }

    #[test]
    fn a_synced_editor_is_waited_for_until_its_document_shows_the_edit() {
        let mut sync = AnnSync::default();
        sync.shifted(&ann(), "v0");
        assert_eq!(sync.next(&ann(), Some("v0"), "v1").as_deref(), Some("v0"));
        // The editor opens the file it is about to edit: ignored.
        assert_eq!(sync.editor_changed(&ann(), "v0"), EditorChange::Ignore);
        sync.shifted(&ann(), "v1");
        // Answered before its didChange arrives (debounced).
        assert_eq!(
            sync.answered(&ann(), true, Some("v0")),
            Answered::Applied { more: false }
        );
        assert_eq!(sync.next(&ann(), Some("v0"), "v2"), None, "still echoing");
        assert_eq!(
            sync.editor_changed(&ann(), "v1"),
            EditorChange::Settled { more: true }
        );
        assert_eq!(sync.next(&ann(), Some("v1"), "v2").as_deref(), Some("v1"));
        // This time the didChange came before the answer.
        assert_eq!(sync.editor_changed(&ann(), "v2"), EditorChange::Ignore);
        assert_eq!(
            sync.answered(&ann(), true, Some("v2")),
            Answered::Applied { more: false }
        );
        assert!(!sync.pending(&ann()));
    }

    #[test]
    fn our_edit_back_to_the_first_text_is_settled_and_later_shifts_follow() {
        let mut sync = AnnSync::default();
        sync.shifted(&ann(), "v0");
        assert_eq!(sync.next(&ann(), Some("v0"), "v1").as_deref(), Some("v0"));
        // Answered before the editor's document shows the edit, each time.
        assert_eq!(
            sync.answered(&ann(), true, Some("v0")),
            Answered::Applied { more: false }
        );
        assert_eq!(
            sync.editor_changed(&ann(), "v1"),
            EditorChange::Settled { more: false }
        );
        // The article edit undone: the `.ann` is back at v0.
        sync.shifted(&ann(), "v1");
        assert_eq!(sync.next(&ann(), Some("v1"), "v0").as_deref(), Some("v1"));
        assert_eq!(
            sync.answered(&ann(), true, Some("v1")),
            Answered::Applied { more: false }
        );
        assert_eq!(
            sync.editor_changed(&ann(), "v0"),
            EditorChange::Settled { more: false }
        );
        assert!(!sync.pending(&ann()));
        sync.shifted(&ann(), "v0");
        assert_eq!(sync.next(&ann(), Some("v0"), "v2").as_deref(), Some("v0"));
    }

    #[test]
    fn an_editor_opening_what_our_edits_left_keeps_the_servers_copy() {
        let mut sync = AnnSync::default();
        sync.shifted(&ann(), "v0");
        assert_eq!(sync.next(&ann(), None, "v1").as_deref(), Some("v0"));
        assert_eq!(
            sync.answered(&ann(), true, None),
            Answered::Applied { more: false }
        );
        sync.shifted(&ann(), "v1");
        // Opened with the text our first edit left, the second not sent yet.
        assert_eq!(sync.editor_changed(&ann(), "v1"), EditorChange::Ignore);
        assert!(sync.pending(&ann()));
        assert_eq!(sync.next(&ann(), Some("v1"), "v2").as_deref(), Some("v1"));
    }

    #[test]
    fn hand_edits_win_and_refusals_fall_back_to_the_editor_text() {
        let mut sync = AnnSync::default();
        sync.shifted(&ann(), "v0");
        assert_eq!(sync.editor_changed(&ann(), "by hand"), EditorChange::Take);
        assert!(!sync.pending(&ann()));
        assert_eq!(sync.next(&ann(), Some("by hand"), "v1"), None);

        sync.shifted(&ann(), "v0");
        assert!(sync.next(&ann(), None, "v1").is_some());
        assert_eq!(
            sync.answered(&ann(), false, None),
            Answered::Refused {
                editor_text: Some("v0".into())
            }
        );
        assert!(!sync.pending(&ann()));
        // Unknown files: the editor's text is taken as is.
        assert_eq!(
            sync.editor_changed(Path::new("/c/b.ann"), "x"),
            EditorChange::Take
        );
    }
}
