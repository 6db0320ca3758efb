//! Moving one annotation fragment through one text edit.
//!
//! An edit replaces the `removed` code points starting at `start` with
//! `inserted` new ones (an insertion has `removed == 0`, a deletion
//! `inserted == 0`). A fragment `s..e` (code points, `s < e`) moves like this:
//!
//! * edit wholly before it (ends at or before `s`, including an insertion
//!   exactly at `s`): the fragment moves by `inserted - removed`;
//! * edit wholly after it (starts at or after `e`, including an insertion
//!   exactly at `e`): the fragment stays;
//! * edit inside it (an insertion strictly inside, or a removed range within
//!   `s..e`, touching its edges or not): the fragment keeps its start and
//!   grows or shrinks by the difference, so the inserted text becomes part
//!   of it — typing inside a name, or retyping the whole name, keeps it
//!   annotated;
//! * edit overlapping one edge (starting before `s` or ending after `e`):
//!   the fragment keeps only its own surviving characters; the inserted
//!   text is not part of it;
//! * nothing of the fragment survives (the removed range covers it and
//!   extends past it, or deletes exactly it): the fragment is **wiped** and
//!   collapses to the empty range at `start`. A wiped annotation is kept,
//!   not deleted (so an undo does not lose it): its stored text no longer
//!   matches, so it shows up as stale, with quick fixes to re-anchor it to
//!   the nearest occurrence or delete it. (`AnnFile::apply_edit` restores a
//!   wiped annotation whose text is inserted back where it collapsed: an
//!   undo.)
//!
//! An empty fragment moves as a point (an insertion at it pushes it
//! forward); an inverted one (`s > e`, which only a malformed file has) has
//! both ends moved as points, independently.

use std::ops::Range;

/// Where a fragment ended up after an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shifted {
    /// The fragment's new range (possibly unchanged).
    Span(Range<usize>),
    /// Nothing of the fragment survived; it collapsed at this offset.
    Wiped(usize),
}

/// Moves the code point range `range` through an edit that replaced
/// `removed` code points at `start` with `inserted` ones. Never panics,
/// whatever the numbers (arithmetic saturates).
pub fn shift_range(range: Range<usize>, start: usize, removed: usize, inserted: usize) -> Shifted {
    // Exact arithmetic in u128; results past `usize::MAX` saturate.
    let (s, e) = (range.start as u128, range.end as u128);
    let p = start as u128;
    let (r, i) = (removed as u128, inserted as u128);
    let q = p + r;
    let back = |x: u128| usize::try_from(x).unwrap_or(usize::MAX);
    // Start offsets stick to the text after them, end offsets to the text
    // before them.
    let map_start = |x: u128| {
        if x < p {
            x
        } else if x >= q {
            x - r + i
        } else {
            p + i
        }
    };
    let map_end = |x: u128| {
        if x <= p {
            x
        } else if x > q {
            x - r + i
        } else {
            p
        }
    };
    if s >= e {
        let (a, b) = if s == e {
            let x = map_start(s);
            (x, x)
        } else {
            (map_start(s), map_start(e))
        };
        return Shifted::Span(back(a)..back(b));
    }
    let inside = if r == 0 {
        s < p && p < e
    } else {
        s <= p && q <= e
    };
    let (s2, e2) = if inside {
        (s, e - r + i)
    } else {
        (map_start(s), map_end(e))
    };
    if s2 < e2 {
        Shifted::Span(back(s2)..back(e2))
    } else {
        Shifted::Wiped(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(r: Range<usize>) -> Shifted {
        Shifted::Span(r)
    }

    #[test]
    fn insertions() {
        // Fragment 10..20.
        assert_eq!(shift_range(10..20, 3, 0, 4), span(14..24)); // before
        assert_eq!(shift_range(10..20, 10, 0, 4), span(14..24)); // at start
        assert_eq!(shift_range(10..20, 15, 0, 4), span(10..24)); // inside
        assert_eq!(shift_range(10..20, 20, 0, 4), span(10..20)); // at end
        assert_eq!(shift_range(10..20, 25, 0, 4), span(10..20)); // after
        assert_eq!(shift_range(10..20, 15, 0, 0), span(10..20)); // no-op
    }

    #[test]
    fn deletions() {
        assert_eq!(shift_range(10..20, 2, 5, 0), span(5..15)); // before
        assert_eq!(shift_range(10..20, 5, 5, 0), span(5..15)); // ends at start
        assert_eq!(shift_range(10..20, 12, 3, 0), span(10..17)); // inside
        assert_eq!(shift_range(10..20, 10, 3, 0), span(10..17)); // head
        assert_eq!(shift_range(10..20, 17, 3, 0), span(10..17)); // tail
        assert_eq!(shift_range(10..20, 20, 3, 0), span(10..20)); // after
        assert_eq!(shift_range(10..20, 5, 10, 0), span(5..10)); // overlaps start
        assert_eq!(shift_range(10..20, 15, 10, 0), span(10..15)); // overlaps end
        assert_eq!(shift_range(10..20, 10, 10, 0), Shifted::Wiped(10)); // exactly
        assert_eq!(shift_range(10..20, 5, 20, 0), Shifted::Wiped(5)); // covers
        assert_eq!(shift_range(10..20, 10, 15, 0), Shifted::Wiped(10));
        assert_eq!(shift_range(10..20, 5, 15, 0), Shifted::Wiped(5));
    }

    #[test]
    fn replacements() {
        assert_eq!(shift_range(10..20, 2, 5, 1), span(6..16)); // before
        assert_eq!(shift_range(10..20, 12, 3, 1), span(10..18)); // inside
        assert_eq!(shift_range(10..20, 10, 10, 4), span(10..14)); // retyped
        assert_eq!(shift_range(10..20, 5, 10, 2), span(7..12)); // overlaps start
        assert_eq!(shift_range(10..20, 15, 10, 2), span(10..15)); // overlaps end
        assert_eq!(shift_range(10..20, 5, 20, 30), Shifted::Wiped(5)); // covers
        assert_eq!(shift_range(10..20, 20, 5, 1), span(10..20)); // after
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // inverted ranges on purpose
    fn degenerate_ranges_and_huge_numbers() {
        assert_eq!(shift_range(5..5, 5, 0, 2), span(7..7));
        assert_eq!(shift_range(5..5, 3, 4, 0), span(3..3));
        assert_eq!(shift_range(5..5, 6, 4, 0), span(5..5));
        assert_eq!(shift_range(9..3, 0, 1, 0), span(8..2));
        assert_eq!(shift_range(9..3, 5, 0, 2), span(11..3));
        // Extreme numbers: no panic, and an ordered range stays ordered.
        let values = [0, 1, 5, 10, usize::MAX - 1, usize::MAX];
        for s in values {
            for e in values {
                for p in values {
                    for r in values {
                        for i in values {
                            if let Shifted::Span(out) = shift_range(s..e, p, r, i) {
                                assert!(s > e || out.start <= out.end, "{s}..{e} {p} {r} {i}");
                            }
                        }
                    }
                }
            }
        }
    }
}
