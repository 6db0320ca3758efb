//! The HTML page: header, conflict list, style and script around the SVG.

use super::svg::render_svg;
use super::{Conflict, MAX_UNDATED, Mark, Source, Timeline};
use jiff::civil::Date;
use std::fmt::Write as _;
use std::path::Path;

/// Text or an attribute value, escaped for HTML (and SVG).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline have no place in markup.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A `file://` URL for an article's line.
pub fn file_url(path: &Path, line: u32) -> String {
    let path = path.to_string_lossy().replace('\\', "/");
    let rooted = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    format!("file://{}#L{line}", crate::ide::url_path(&rooted))
}

/// The attributes of a link to an article's line: the URL, and the path and
/// line the editor opens when the page runs in one.
pub(super) fn link_attrs(path: &Path, line: u32) -> String {
    format!(
        r#"href="{}" data-path="{}" data-line="{line}""#,
        escape(&file_url(path, line)),
        escape(&path.to_string_lossy())
    )
}
const STYLE: &str = "
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff;
  --lane: #f6f8fa; --grid: #d1d9e0; --mark: #0969da; --conflict: #cf222e; --undated: #8250df; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --lane: #151b23; --grid: #3d444d;
    --mark: #4493f8; --conflict: #f85149; --undated: #ab7df8; } }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--fg);
  background: var(--bg); margin: 16px 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
p.note { color: var(--muted); margin: 2px 0; }
svg.timeline { display: block; margin: 12px 0; font-size: 12px; }
svg .lane-bg { fill: var(--lane); }
svg .lane-label { fill: var(--fg); dominant-baseline: middle; }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .tick-label { fill: var(--muted); text-anchor: middle; }
svg .claim { fill: var(--mark); stroke: var(--bg); stroke-width: 1; cursor: pointer; }
svg .claim.plan { fill: var(--bg); stroke: var(--mark); stroke-width: 2; }
svg .claim.conflict { fill: var(--conflict); }
svg .claim.conflict.plan { fill: var(--bg); stroke: var(--conflict); }
svg .undated { fill: var(--undated); fill-opacity: 0.35; stroke: var(--undated); cursor: pointer; }
svg .undated.open { stroke-dasharray: 4 3; }
svg a:hover .claim, svg a:focus .claim, svg a:hover .undated { stroke: var(--fg); stroke-width: 2; }
.legend span { margin-right: 16px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 4px; vertical-align: baseline; }
.swatch.claim { background: var(--mark); }
.swatch.conflict { background: var(--conflict); }
.swatch.plan { border: 2px solid var(--mark); width: 6px; height: 6px; }
.swatch.undated { background: var(--undated); opacity: 0.6; border-radius: 2px; width: 18px; }
ul.conflicts { padding-left: 20px; }
ul.conflicts li { margin: 4px 0; }
a { color: var(--mark); }
.conflicts .versus { color: var(--conflict); font-weight: 600; margin: 0 6px; }
";

/// Clicks on a link to an article go to the editor when the page is shown in
/// one (a VS Code webview); elsewhere the `file://` link is followed.
const SCRIPT: &str = "
(function () {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  if (!api) { return; }
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-path]') : null;
    if (!target) { return; }
    // The editor opens it: not the webview's own handling of links as well.
    event.preventDefault();
    event.stopPropagation();
    api.postMessage({ command: 'open', path: target.getAttribute('data-path'),
      line: Number(target.getAttribute('data-line')) || 1 });
  });
})();
";

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn conflict_line(c: &Conflict) -> String {
    format!(
        "{}:{} ‘{}’ ({}) against {}:{} ‘{}’ ({})",
        c.a.shown, c.a.line, c.a.date, c.a.value, c.b.shown, c.b.line, c.b.date, c.b.value
    )
}

pub(super) fn mark_tooltip(m: &Mark, conflicts: &[Conflict]) -> String {
    let mut t = format!("{} ({}) · {}", m.date, m.value, m.event);
    if !m.who.is_empty() {
        let _ = write!(t, " · {}", m.who);
    }
    if m.plan {
        t.push_str(" · planned");
    }
    let _ = write!(t, "\n“{}”\n{}:{}", m.sentence, m.shown, m.line);
    if let Some(h) = &m.headline {
        let _ = write!(t, " — {h}");
    }
    for &i in &m.conflicts {
        if let Some(c) = conflicts.get(i) {
            let _ = write!(t, "\nconflict: {}", conflict_line(c));
        }
    }
    t
}

pub(super) const LEFT: f64 = 230.0;
pub(super) const PLOT: f64 = 960.0;
pub(super) const RIGHT: f64 = 40.0;
pub(super) const ROW: f64 = 16.0;
pub(super) const LANE_PAD: f64 = 6.0;
pub(super) const AXIS_TOP: f64 = 24.0;

pub(super) fn truncate(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// The page.
pub fn render(t: &Timeline, nonce: &str) -> String {
    let nonce = escape(nonce);
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"corpus-lsp timeline\">\n\
         <title>{}</title>\n<style nonce=\"{nonce}\">{STYLE}</style>\n</head>\n<body>\n\
         <h1>{}</h1>\n",
        escape(&t.title),
        escape(&t.title)
    );
    notes(&mut html, t);
    html.push_str(
        "<p class=\"legend note\"><span><i class=\"swatch claim\"></i>claim</span>\
         <span><i class=\"swatch conflict\"></i>conflicting date</span>\
         <span><i class=\"swatch plan\"></i>planned</span>\
         <span><i class=\"swatch undated\"></i>undated article: inferred publication interval</span></p>\n",
    );

    if let Some((lo, hi)) = date_range(t) {
        render_svg(&mut html, t, lo, hi);
    } else {
        html.push_str("<p class=\"empty\">No dated event claims to show.</p>\n");
    }

    conflict_list(&mut html, &t.conflicts);
    let _ = write!(
        html,
        "<script nonce=\"{nonce}\">{SCRIPT}</script>\n</body>\n</html>\n"
    );
    html
}

/// What is shown, and what is left out.
fn notes(html: &mut String, t: &Timeline) {
    let conflicting = t
        .lanes
        .iter()
        .flat_map(|l| &l.marks)
        .filter(|m| !m.conflicts.is_empty())
        .count();
    let _ = writeln!(
        html,
        "<p class=\"note summary\">{} in {}, {} conflicting; {} placed by inferred publication.</p>",
        plural(t.claims, "dated event claim", "dated event claims"),
        plural(t.lanes.len(), "lane", "lanes"),
        conflicting,
        plural(t.undated.len(), "undated article", "undated articles"),
    );
    if t.entities > t.lanes.len() {
        let _ = writeln!(
            html,
            "<p class=\"note bounded\">Showing the {} busiest of {} entities; {} of the others \
             are not shown. <code>corpus-lsp timeline --entity NAME</code> shows one entity's events.</p>",
            t.lanes.len(),
            t.entities,
            plural(t.hidden_claims, "claim", "claims"),
        );
    }
    if let Some(e) = &t.entity {
        let _ = writeln!(
            html,
            "<p class=\"note\">Only the events {} takes part in, under any of its names, \
             one lane per actor.</p>",
            escape(e)
        );
    }
    if t.vague_claims > 0 {
        let _ = writeln!(
            html,
            "<p class=\"note\">{} with no day, month or year to place {} not drawn.</p>",
            plural(t.vague_claims, "claim", "claims"),
            if t.vague_claims == 1 {
                "it is"
            } else {
                "them are"
            }
        );
    }
    if t.hidden_undated > 0 || t.unplaced_undated > 0 {
        let mut parts = Vec::new();
        if t.hidden_undated > 0 {
            parts.push(format!(
                "{} beyond the first {MAX_UNDATED}",
                t.hidden_undated
            ));
        }
        if t.unplaced_undated > 0 {
            parts.push(format!(
                "{} with nothing to infer a date from",
                t.unplaced_undated
            ));
        }
        let _ = writeln!(
            html,
            "<p class=\"note\">Undated articles not drawn: {}.</p>",
            parts.join(", ")
        );
    }
}

/// The time span of everything drawn.
fn date_range(t: &Timeline) -> Option<(Date, Date)> {
    let dates = t
        .lanes
        .iter()
        .flat_map(|l| &l.marks)
        .flat_map(|m| [m.first, m.last])
        .chain(
            t.undated
                .iter()
                .flat_map(|u| u.earliest.into_iter().chain(u.latest)),
        );
    let (mut lo, mut hi) = (None::<Date>, None::<Date>);
    for d in dates {
        lo = Some(lo.map_or(d, |l| l.min(d)));
        hi = Some(hi.map_or(d, |h| h.max(d)));
    }
    Some((lo?, hi?))
}

/// The list of conflicts under the drawing.
fn conflict_list(html: &mut String, conflicts: &[Conflict]) {
    if !conflicts.is_empty() {
        let _ = writeln!(html, "<h2>Conflicting dates</h2>\n<ul class=\"conflicts\">");
        for c in conflicts {
            let side = |s: &Source| {
                format!(
                    "<a class=\"source\" {}>{}:{}</a> ‘{}’ ({})",
                    link_attrs(&s.path, s.line),
                    escape(&s.shown),
                    s.line,
                    escape(&s.date),
                    escape(&s.value)
                )
            };
            let _ = writeln!(
                html,
                "<li class=\"conflict\">{} · {}: {}<span class=\"versus\">≠</span>{}</li>",
                escape(&c.event),
                escape(&c.who),
                side(&c.a),
                side(&c.b)
            );
        }
        html.push_str("</ul>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn file_urls_encode_the_path() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/\"x\".txt"), 3),
            "file:///tmp/a%20b/%22x%22.txt#L3"
        );
    }
}
