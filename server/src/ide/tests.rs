//! Features on in-memory corpora. A fixture is a set of files, each after a
//! `//- /path` line; `$0` marks the cursor (or two of them a range). The
//! corpus root is `/news`. Expectations are snapshots: `UPDATE_EXPECT=1
//! cargo test` rewrites them, and the diff is the review.

use super::*;
use crate::analysis::annotations::AnnFile;
use crate::corpus::Corpus;
use expect_test::{Expect, expect};

const ROOT: &str = "/news";
const CURSOR: &str = "$0";

struct Fixture {
    workspace: Workspace,
    /// The file holding the cursor, and the span between the markers.
    cursor: Option<(PathBuf, Span)>,
}

fn fixture(text: &str) -> Fixture {
    let mut corpus = Corpus::new(PathBuf::from(ROOT));
    let mut cursor = None;
    let mut config = None;
    let mut anns = Vec::new();
    for file in text.split("//- ").filter(|f| !f.trim().is_empty()) {
        let (name, body) = file.split_once('\n').expect("a path line");
        let path = PathBuf::from(ROOT).join(name.trim().trim_start_matches('/'));
        let mut body = body.to_string();
        if let Some(start) = body.find(CURSOR) {
            body.replace_range(start..start + CURSOR.len(), "");
            let end = match body.find(CURSOR) {
                Some(end) => {
                    body.replace_range(end..end + CURSOR.len(), "");
                    end
                }
                None => start,
            };
            cursor = Some((path.clone(), start..end));
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => config = Some(body),
            Some("ann") => anns.push((path, body)),
            _ => {
                corpus.upsert(path, body.into());
            }
        }
    }
    if let Some(config) = config {
        corpus.set_config_text(config);
    }
    for (ann, body) in anns {
        let article = corpus
            .article_of_ann(&ann)
            .expect("an article beside the .ann");
        corpus.set_ann(&article, Some(Ok(AnnFile::parse(&body))));
    }
    let mut workspace = Workspace::default();
    workspace.replace(corpus);
    Fixture { workspace, cursor }
}

impl Fixture {
    fn snapshot(&self) -> Snapshot<'_> {
        Snapshot::new(&self.workspace)
    }

    fn entry(&self) -> (Arc<ArticleEntry>, Span) {
        let (path, span) = self.cursor.clone().expect("a cursor in the fixture");
        let corpus = self.workspace.corpus_for(&path).unwrap();
        (Arc::clone(corpus.article(&path).unwrap()), span)
    }

    /// Runs `f` on the document holding the cursor.
    fn at<T>(&self, f: impl FnOnce(&Snapshot<'_>, &Document<'_>, Span) -> T) -> T {
        let snap = self.snapshot();
        let (entry, span) = self.entry();
        let doc = snap.document(&entry);
        f(&snap, &doc, span)
    }

    /// `path:line: text` of a span, for readable expectations.
    fn show(&self, target: &FileSpan) -> String {
        let text = self.snapshot().file_text(&target.path).unwrap();
        let line = text[..target.span.start].matches('\n').count() + 1;
        let name = target.path.strip_prefix(ROOT).unwrap().display();
        format!("{name}:{line}: {}", &text[target.span.clone()])
    }
}

/// Three outlets tell one supplier's story under its different names.
const HARBOUR: &str = r#"
//- /trade/harbour-live.txt
Harbour Systems goes live at Westfield
  • 12 October 2009

Harbour Systems Ltd said on Monday that its patient-records system went live at Westfield General Hospital on 3 October 2009.

The £412m contract was awarded by the Westmoor Health Board in March 2004.
//- /wire/harbour-delay.txt
Records system switched on after delay
  • 14 October 2009

The patient-records system went live on 2 October 2009 at Westfield General Hospital, Harbour Systems said. Anna Kowalczyk, chief executive of the Westmoor Health Board, welcomed the news.
//- /local/board-meeting.txt
Board hears of IT spending
  • 2 November 2009

The Westmoor Health Board heard that Harbour Systems had been paid £38m so far. Anna Kowalczyk told members the trust would review the contract.
"#;

fn with_cursor(base: &str, file: &str, needle: &str) -> String {
    let start = base.find(file).expect("the file");
    let at = start + base[start..].find(needle).expect("the needle");
    format!("{}{CURSOR}{}", &base[..at], &base[at..])
}

fn check_hover(fixture: &str, expect: Expect) {
    let f = self::fixture(fixture);
    let card = f.at(|_, doc, span| hover::hover(doc, span.start));
    let actual = match card {
        Some(card) => {
            let (path, _) = f.cursor.clone().unwrap();
            format!(
                "{}\n---\n{}",
                f.show(&FileSpan {
                    path,
                    span: card.span
                }),
                card.markdown
            )
        }
        None => "no card".to_string(),
    };
    expect.assert_eq(&actual);
}

#[test]
fn hover_on_an_entity_lists_its_names_and_other_articles() {
    check_hover(
        &with_cursor(HARBOUR, "/local/board-meeting.txt", "Harbour Systems had"),
        expect![[r#"
            local/board-meeting.txt:4: Harbour Systems
            ---
            **Harbour Systems** · organization

            Aliases: Harbour Systems Ltd

            4 mentions in 3 of 3 articles

            **Other articles**

            - 2009-10-14 · [Records system switched on after delay](file:///news/wire/harbour-delay.txt#L4) — …cords system went live on 2 October 2009 at Westfield General Hospital, **Harbour Systems** said.
            - 2009-10-12 · [Harbour Systems goes live at Westfield](file:///news/trade/harbour-live.txt#L1) — **Harbour Systems** goes live at Westfield

            **Figures**

            - £38m (2009) — The Westmoor Health Board heard that Harbour Systems had been paid **£38m** so far., in ‘Board hears of IT spending’
        "#]],
    );
}

#[test]
fn hover_on_a_date_shows_the_event_and_its_other_tellings() {
    check_hover(
        &with_cursor(HARBOUR, "/trade/harbour-live.txt", "3 October 2009"),
        expect![[r#"
            trade/harbour-live.txt:4: 3 October 2009
            ---
            **2009-10-03 \(Saturday\)**

            ‘3 October 2009’\: 9 days before publication \(Saturday 3 October 2009\)

            ---

            **went live** · Harbour Systems, Westfield General Hospital · 3 October 2009 (2009-10-03)

            Also told in:
            - ⚠ conflicts: [Records system switched on after delay](file:///news/wire/harbour-delay.txt#L4) — ‘2 October 2009’ (2009-10-02)"#]],
    );
}

#[test]
fn hover_on_a_figure_and_on_the_headline() {
    check_hover(
        &with_cursor(HARBOUR, "/trade/harbour-live.txt", "£412m"),
        expect![[r#"
            trade/harbour-live.txt:6: £412m
            ---
            **£412m** · money

            = £412,000,000 \(GBP\)

            **Westmoor Health Board elsewhere**

            - £38m · 2009-11-02 in [Board hears of IT spending](file:///news/local/board-meeting.txt#L4)
        "#]],
    );
    check_hover(
        &with_cursor(
            HARBOUR,
            "/wire/harbour-delay.txt",
            "Records system switched",
        ),
        expect![[r#"
            wire/harbour-delay.txt:1: Records system switched on after delay
            ---
            **Records system switched on after delay**

            2009-10-14 · 28 words · 1 paragraph

            Top entities: Anna Kowalczyk (1), Harbour Systems (1), Westfield General Hospital (1), Westmoor Health Board (1)

            4 entities · 4 shared with other articles

            1 conflict
        "#]],
    );
}

#[test]
fn hover_escapes_markdown_written_in_the_article() {
    let fixture = r#"
//- /blog/post.txt
A [link](http://evil.example) and *stars*
  • 1 May 2010

Staff at the Northgate **Clinic** said the <b>Bramwell Trust</b> had moved.
"#;
    check_hover(
        &with_cursor(fixture, "/blog/post.txt", "A [link]"),
        expect![[r#"
            blog/post.txt:1: A [link](http://evil.example) and *stars*
            ---
            **A \[link\]\(http\://evil.example\) and \*stars\***

            2010-05-01 · 11 words · 1 paragraph

            Top entities: Bramwell Trust (1), Northgate (1)

            2 entities · 0 shared with other articles

            0 conflicts
        "#]],
    );
}

#[test]
fn definition_goes_to_the_curated_entry_else_the_first_mention() {
    let f = fixture(&with_cursor(
        HARBOUR,
        "/wire/harbour-delay.txt",
        "Harbour Systems said",
    ));
    let first = f.at(|_, doc, span| navigation::definition(doc, span.start));
    expect!["trade/harbour-live.txt:1: Harbour Systems"].assert_eq(&f.show(&first.unwrap()));

    let curated = format!(
        "{}//- /corpus.toml\n[[entity]]\nname = \"Harbour Systems\"\ntype = \"organization\"\n",
        with_cursor(HARBOUR, "/wire/harbour-delay.txt", "Harbour Systems said")
    );
    let f = fixture(&curated);
    let target = f.at(|_, doc, span| navigation::definition(doc, span.start));
    expect![[r#"corpus.toml:2: "Harbour Systems""#]].assert_eq(&f.show(&target.unwrap()));
}

#[test]
fn references_reach_every_article_under_every_name() {
    let f = fixture(&with_cursor(
        HARBOUR,
        "/trade/harbour-live.txt",
        "Harbour Systems Ltd",
    ));
    let found = f
        .at(|snap, doc, span| navigation::references(snap, doc, span.start))
        .unwrap()
        .unwrap();
    let mut lines: Vec<String> = found.iter().map(|r| f.show(r)).collect();
    lines.sort();
    expect![[r#"
        local/board-meeting.txt:4: Harbour Systems
        trade/harbour-live.txt:1: Harbour Systems
        trade/harbour-live.txt:4: Harbour Systems Ltd
        wire/harbour-delay.txt:4: Harbour Systems"#]]
    .assert_eq(&lines.join("\n"));
}

#[test]
fn a_newer_edit_cancels_a_long_request() {
    let f = fixture(&with_cursor(
        HARBOUR,
        "/trade/harbour-live.txt",
        "Harbour Systems Ltd",
    ));
    let revision = AtomicU64::new(7);
    let snap = f.snapshot().cancellable(&revision);
    assert_eq!(snap.check_cancelled(), Ok(()));
    assert!(navigation::workspace_symbols(&snap, "harb").is_ok());
    revision.fetch_add(1, Ordering::SeqCst);
    assert_eq!(navigation::workspace_symbols(&snap, "harb"), Err(Cancelled));
}

#[test]
fn diagnostics_of_one_file() {
    let fixture = r#"
//- /local/fair.txt
Hospital fair draws crowds
  • 10 June 2008

The fair on Wednesday 3 June 2008 raised £2,000. The new wing opened on 12 July 2008, a month after the fair.
"#;
    let f = self::fixture(fixture);
    let path = PathBuf::from(ROOT).join("local/fair.txt");
    let findings = file_findings(&f.snapshot(), &path);
    let shown: Vec<String> = findings
        .iter()
        .map(|finding| {
            let at = f.show(&FileSpan {
                path: path.clone(),
                span: finding.span.clone(),
            });
            format!("{} {at} — {}", finding.code, finding.message)
        })
        .collect();
    expect![[r#"
        weekday-mismatch local/fair.txt:4: Wednesday 3 June 2008 — ‘Wednesday 3 June 2008’: 3 June 2008 was a Tuesday, not a Wednesday
        date-after-publication local/fair.txt:4: 12 July 2008 — ‘12 July 2008’ (2008-07-12) is after this article’s publication date, 10 June 2008, but is told in the past tense (‘opened’)"#]].assert_eq(&shown.join("\n"));
}

fn show_actions(actions: &[actions::Action]) -> String {
    let mut out = String::new();
    for action in actions {
        out.push_str(&format!("{:?} {}\n", action.kind, action.title));
        for edit in &action.edits {
            let name = edit.path.strip_prefix(ROOT).unwrap().display();
            let mut text = edit.base.to_string();
            for (span, new) in edit.edits.iter().rev() {
                text.replace_range(span.clone(), new);
            }
            let created = if edit.create { ", created" } else { "" };
            out.push_str(&format!("  {name}{created}\n"));
            if action.title.starts_with("Add ")
                || action.title.starts_with("Annotate all")
                || action.kind == actions::ActionKind::QuickFix
            {
                for line in text.lines() {
                    out.push_str(&format!("    | {line}\n"));
                }
            }
        }
    }
    out
}

#[test]
fn actions_on_a_name_curate_it_in_corpus_toml() {
    let f = fixture(&with_cursor(
        HARBOUR,
        "/local/board-meeting.txt",
        "Anna Kowalczyk told",
    ));
    let found =
        f.at(|snap, doc, span| actions::code_actions(snap, doc, &span, actions::Costly::Now));
    expect![[r#"
        Refactor Add ‘Anna Kowalczyk’ to corpus entities as person
          corpus.toml, created
            | [[entity]]
            | name = "Anna Kowalczyk"
            | type = "person"
        Refactor Change type of ‘Anna Kowalczyk’ to organization
          corpus.toml, created
        Refactor Change type of ‘Anna Kowalczyk’ to place
          corpus.toml, created
        Refactor Change type of ‘Anna Kowalczyk’ to product
          corpus.toml, created
        Refactor Not an entity: ignore ‘Anna Kowalczyk’
          corpus.toml, created
    "#]]
    .assert_eq(&show_actions(&found));
}

#[test]
fn quick_fix_of_a_wrong_weekday() {
    let fixture = r#"
//- /local/fair.txt
Hospital fair draws crowds
  • 10 June 2008

The fair on $0Tuesday 4 June 2008 raised £2,000.
"#;
    let f = self::fixture(fixture);
    let found =
        f.at(|snap, doc, span| actions::code_actions(snap, doc, &span, actions::Costly::Now));
    let fixes: Vec<_> = found
        .into_iter()
        .filter(|a| a.kind == actions::ActionKind::QuickFix)
        .collect();
    expect![[r#"
        QuickFix Change the weekday to Wednesday
          local/fair.txt
            | Hospital fair draws crowds
            |   • 10 June 2008
            | 
            | The fair on Wednesday 4 June 2008 raised £2,000.
        QuickFix Change the date to Tuesday 3 June 2008
          local/fair.txt
            | Hospital fair draws crowds
            |   • 10 June 2008
            | 
            | The fair on Tuesday 3 June 2008 raised £2,000.
    "#]]
    .assert_eq(&show_actions(&fixes));
}

#[test]
fn outline_and_code_lens() {
    let f = fixture(&with_cursor(
        HARBOUR,
        "/trade/harbour-live.txt",
        "Harbour Systems goes",
    ));
    let (entry, _) = f.entry();
    let items = outline::outline(&entry.text, &entry.analysis.article);
    let mut shown = String::new();
    fn walk(items: &[outline::OutlineItem], depth: usize, out: &mut String) {
        for item in items {
            out.push_str(&format!(
                "{}{:?} {} — {}\n",
                "  ".repeat(depth),
                item.kind,
                item.name,
                item.detail
            ));
            walk(&item.children, depth + 1, out);
        }
    }
    walk(&items, 0, &mut shown);
    let lens = f.at(|_, doc, _| views::code_lens(doc)).unwrap().1;
    shown.push_str(&lens);
    expect![[r#"
        Headline Harbour Systems goes live at Westfield — headline
          Dateline 12 October 2009 — 2009-10-12 (Monday)
          Paragraph Harbour Systems Ltd said on Monday that its… — ¶1
          Paragraph The £412m contract was awarded by the Westmoor… — ¶2
        4 entities · 3 shared with other articles · 1 conflict"#]]
    .assert_eq(&shown);
}

#[test]
fn annotate_every_mention_of_an_entity_in_one_action_and_undo_it() {
    let fixture = format!(
        "{}//- /corpus.toml\n[annotations]\nformat = \"brat\"\n//- /wire/harbour-delay.ann\nT1\tOrganization 146 161\tHarbour Systems\n",
        with_cursor(HARBOUR, "/local/board-meeting.txt", "Harbour Systems had")
    );
    let f = self::fixture(&fixture);
    let found =
        f.at(|snap, doc, span| actions::code_actions(snap, doc, &span, actions::Costly::Now));
    let bulk: Vec<_> = found
        .into_iter()
        .filter(|a| a.title.contains(" in the corpus as ") || a.title.starts_with("Remove the"))
        .collect();
    expect![[r#"
        Refactor Annotate all 3 mentions of ‘Harbour Systems’ in the corpus as organization (2 files)
          local/board-meeting.ann, created
            | T1	Organization 85 100	Harbour Systems
          trade/harbour-live.ann, created
            | T1	Organization 0 15	Harbour Systems
            | T2	Organization 60 79	Harbour Systems Ltd
        Refactor Remove the 1 annotation of ‘Harbour Systems’ (1 file)
          wire/harbour-delay.ann
    "#]].assert_eq(&show_actions(&bulk));

    // Listed without edits until the editor asks for them.
    let deferred =
        f.at(|snap, doc, span| actions::code_actions(snap, doc, &span, actions::Costly::Later));
    let lazy = deferred
        .iter()
        .find(|a| a.title.starts_with("Annotate all"))
        .unwrap();
    assert!(lazy.deferred && lazy.edits.is_empty());
    let resolved = f
        .at(|snap, doc, span| actions::resolve(snap, doc, &span, &lazy.title))
        .unwrap();
    assert_eq!(resolved.edits, bulk[0].edits);
}

#[test]
fn a_workspace_report_lists_every_file_and_ids_follow_the_findings() {
    let text = format!(
        "{HARBOUR}//- /corpus.toml\n[annotations]\nformat = \"brat\"\n//- /wire/harbour-delay.ann\nT1\tOrganization 146 161\tHarbour Systems\n"
    );
    let f = fixture(&text);
    let snap = f.snapshot();
    let files = diagnostics::files(&snap).unwrap();
    let shown: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(ROOT).unwrap().display().to_string())
        .collect();
    // Every article, the one `.ann` the corpus reads, and corpus.toml; no
    // `.ann` for the articles without one.
    expect![[r#"
        corpus.toml
        local/board-meeting.txt
        trade/harbour-live.txt
        wire/harbour-delay.ann
        wire/harbour-delay.txt"#]]
    .assert_eq(&shown.join("\n"));

    let path = PathBuf::from(ROOT).join("trade/harbour-live.txt");
    let article = snap.corpus_for(&path).unwrap().article(&path).unwrap();
    let findings = file_findings(&snap, &path);
    assert!(!findings.is_empty());
    let id = diagnostics::result_id(&article.text, &findings);
    assert_eq!(id, diagnostics::result_id(&article.text, &findings));
    // One finding fewer, another message, or the same findings over
    // another text (positions move): another id.
    assert_ne!(id, diagnostics::result_id(&article.text, &findings[1..]));
    let mut reworded = findings.clone();
    reworded[0].message.push('!');
    assert_ne!(id, diagnostics::result_id(&article.text, &reworded));
    let longer = format!("{}\n", article.text);
    assert_ne!(id, diagnostics::result_id(&longer, &findings));

    // A request overtaken by an edit stops.
    let revision = AtomicU64::new(0);
    let snap = f.snapshot().cancellable(&revision);
    revision.fetch_add(1, Ordering::SeqCst);
    assert_eq!(diagnostics::files(&snap), Err(Cancelled));
}
