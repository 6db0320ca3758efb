//! The SVG drawing: a month or year axis, lanes packed into rows, marks.

use super::page::{
    AXIS_TOP, LANE_PAD, LEFT, PLOT, RIGHT, ROW, escape, link_attrs, mark_tooltip, plural, truncate,
};
use super::{Conflict, Lane, MAX_ROWS, Mark, Timeline, Undated};
use jiff::civil::Date;
use std::fmt::Write as _;

fn days(d: Date) -> i64 {
    d.duration_since(Date::constant(1970, 1, 1)).as_secs() / 86_400
}

fn month_index(d: Date) -> i32 {
    i32::from(d.year()) * 12 + i32::from(d.month()) - 1
}

fn month_start(index: i32) -> Date {
    let year = index.div_euclid(12);
    let month = index.rem_euclid(12) + 1;
    Date::new(year.clamp(-9999, 9999) as i16, month as i8, 1).unwrap_or(Date::constant(1970, 1, 1))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The axis: its first and last day, and ticks of a round number of months
/// or years, no more than a dozen.
struct Axis {
    start: i64,
    end: i64,
    ticks: Vec<(Date, String)>,
    left: f64,
    width: f64,
}

impl Axis {
    fn new(first: Date, last: Date, left: f64, width: f64) -> Axis {
        let (m0, m1) = (month_index(first), month_index(last) + 1);
        let span = (m1 - m0).max(1);
        let step = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200]
            .into_iter()
            .find(|s| (span + s - 1) / s <= 12)
            .unwrap_or(2400);
        let lo = m0.div_euclid(step) * step;
        let hi = (m1 + step - 1).div_euclid(step) * step;
        let ticks = (lo..=hi)
            .step_by(step as usize)
            .map(|m| {
                let d = month_start(m);
                let label = if step >= 12 {
                    d.year().to_string()
                } else {
                    format!("{} {}", MONTHS[(d.month() - 1) as usize], d.year())
                };
                (d, label)
            })
            .collect();
        Axis {
            start: days(month_start(lo)),
            end: days(month_start(hi)).max(days(month_start(lo)) + 1),
            ticks,
            left,
            width,
        }
    }

    fn x(&self, d: Date) -> f64 {
        let t = (days(d) - self.start) as f64 / (self.end - self.start) as f64;
        self.left + t.clamp(0.0, 1.0) * self.width
    }
}

/// Rows for intervals in pixels, so that close ones do not overlap: each
/// goes in the first row free at its start (the last row when none is).
fn pack(intervals: &[(f64, f64)], gap: f64, max_rows: usize) -> (Vec<usize>, usize) {
    let mut ends: Vec<f64> = Vec::new();
    let mut rows = Vec::with_capacity(intervals.len());
    for &(a, b) in intervals {
        let row = match ends.iter().position(|&e| a >= e + gap) {
            Some(r) => r,
            None if ends.len() < max_rows => {
                ends.push(f64::NEG_INFINITY);
                ends.len() - 1
            }
            None => max_rows - 1,
        };
        ends[row] = ends[row].max(b);
        rows.push(row);
    }
    let n = ends.len().max(1);
    (rows, n)
}
/// A lane's background, drawn under the grid.
fn lane_back(backs: &mut String, y: f64, height: f64) {
    let _ = writeln!(
        backs,
        "<rect class=\"lane-bg\" x=\"0\" y=\"{y:.1}\" width=\"{:.1}\" \
         height=\"{height:.1}\" rx=\"3\"/>",
        LEFT + PLOT + RIGHT - 4.0
    );
}

pub(super) fn render_svg(html: &mut String, t: &Timeline, lo: Date, hi: Date) {
    let axis = Axis::new(lo, hi, LEFT, PLOT);
    // Lane backgrounds under the grid, marks over it.
    let mut backs = String::new();
    let mut body = String::new();
    let mut y = AXIS_TOP + 8.0;
    for lane in &t.lanes {
        let height = lane_group(&mut body, &axis, lane, &t.conflicts, y);
        lane_back(&mut backs, y, height);
        y += height + 4.0;
    }
    if !t.undated.is_empty() {
        let height = undated_group(&mut body, &axis, &t.undated, y);
        lane_back(&mut backs, y, height);
        y += height + 4.0;
    }
    let total_h = y + 4.0;
    let total_w = LEFT + PLOT + RIGHT;
    let _ = writeln!(
        html,
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{total_w:.0}\" \
         height=\"{total_h:.0}\" viewBox=\"0 0 {total_w:.0} {total_h:.0}\" role=\"img\" \
         aria-label=\"timeline\">\n<g class=\"lanes-bg\">\n{backs}</g>\n<g class=\"axis\">"
    );
    for (d, label) in &axis.ticks {
        let x = axis.x(*d);
        let _ = writeln!(
            html,
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/>\
             <text class=\"tick-label\" x=\"{x:.1}\" y=\"{:.1}\">{}</text>",
            AXIS_TOP,
            total_h,
            AXIS_TOP - 8.0,
            escape(label)
        );
    }
    html.push_str("</g>\n");
    html.push_str(&body);
    html.push_str("</svg>\n");
}

/// One entity's lane at `y`, its marks packed into rows; its height.
fn lane_group(body: &mut String, axis: &Axis, lane: &Lane, conflicts: &[Conflict], y: f64) -> f64 {
    let spans: Vec<(f64, f64)> = lane
        .marks
        .iter()
        .map(|m| {
            let (a, b) = mark_x(axis, m);
            (a - 5.0, b + 5.0)
        })
        .collect();
    let (rows, n) = pack(&spans, 1.0, MAX_ROWS);
    let height = n as f64 * ROW + 2.0 * LANE_PAD;
    let _ = writeln!(
        body,
        "<g class=\"lane\" data-entity=\"{}\">\n<text class=\"lane-label\" x=\"8\" \
         y=\"{:.1}\">{}<title>{}</title></text>",
        escape(&lane.entity),
        y + height / 2.0,
        escape(&truncate(&lane.entity, 30)),
        escape(&format!(
            "{} ({})",
            lane.entity,
            plural(lane.marks.len(), "claim", "claims")
        ))
    );
    for (m, row) in lane.marks.iter().zip(rows) {
        let cy = y + LANE_PAD + row as f64 * ROW + ROW / 2.0;
        let _ = writeln!(body, "{}", mark_link(axis, m, cy, conflicts));
    }
    body.push_str("</g>\n");
    height
}

/// A claim's mark, a dot for a day and a bar for a longer period, linked to
/// where it is told.
fn mark_link(axis: &Axis, m: &Mark, cy: f64, conflicts: &[Conflict]) -> String {
    let mut class = String::from("claim");
    if !m.conflicts.is_empty() {
        class.push_str(" conflict");
    }
    if m.plan {
        class.push_str(" plan");
    }
    let tip = escape(&mark_tooltip(m, conflicts));
    let (a, b) = mark_x(axis, m);
    let shape = if m.first == m.last {
        format!("<circle class=\"{class}\" cx=\"{a:.1}\" cy=\"{cy:.1}\" r=\"5\">")
    } else {
        format!(
            "<rect class=\"{class} period\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
             height=\"10\" rx=\"5\">",
            a - 5.0,
            cy - 5.0,
            (b - a) + 10.0
        )
    };
    let end = if m.first == m.last {
        "</circle>"
    } else {
        "</rect>"
    };
    format!(
        "<a class=\"claim-link\" {}>{shape}<title>{tip}</title>{end}</a>",
        link_attrs(&m.path, m.line)
    )
}

/// The undated articles' lane at `y`, each a bar over its interval; its
/// height.
fn undated_group(body: &mut String, axis: &Axis, undated: &[Undated], y: f64) -> f64 {
    let spans: Vec<(f64, f64)> = undated
        .iter()
        .map(|u| {
            let a = u.earliest.map_or(axis.left, |d| axis.x(d));
            let b = u
                .latest
                .and_then(|d| d.tomorrow().ok())
                .map_or(axis.left + axis.width, |d| axis.x(d));
            (a, b.max(a + 4.0))
        })
        .collect();
    let (rows, n) = pack(&spans, 2.0, 40);
    let row_h = 10.0;
    let height = n as f64 * row_h + 2.0 * LANE_PAD;
    let _ = writeln!(
        body,
        "<g class=\"lane undated-lane\">\n<text class=\"lane-label\" x=\"8\" \
         y=\"{:.1}\">Undated articles<title>Undated articles, at the interval their \
         publication is inferred to lie in</title></text>",
        y + height / 2.0
    );
    for ((u, (a, b)), row) in undated.iter().zip(&spans).zip(rows) {
        let ry = y + LANE_PAD + row as f64 * row_h + 1.0;
        let open = u.earliest.is_none() || u.latest.is_none();
        let iso = |d: Option<Date>| d.map_or_else(|| "?".to_string(), |d| d.to_string());
        let mut tip = format!(
            "{} — published {}..{}",
            u.shown,
            iso(u.earliest),
            iso(u.latest)
        );
        if let Some(h) = &u.headline {
            let _ = write!(tip, "\n{h}");
        }
        if let Some(e) = &u.evidence {
            let _ = write!(tip, "\n{e}");
        }
        let _ = writeln!(
            body,
            "<a class=\"undated-link\" {}><rect class=\"undated{}\" x=\"{a:.1}\" y=\"{ry:.1}\" \
             width=\"{:.1}\" height=\"{:.1}\" rx=\"2\"><title>{}</title></rect></a>",
            link_attrs(&u.path, 1),
            if open { " open" } else { "" },
            b - a,
            row_h - 2.0,
            escape(&tip)
        );
    }
    body.push_str("</g>\n");
    height
}

fn mark_x(axis: &Axis, m: &Mark) -> (f64, f64) {
    let a = axis.x(m.first);
    let b = if m.first == m.last {
        a
    } else {
        m.last.tomorrow().map_or(a, |d| axis.x(d)) - 1.0
    };
    (a, b.max(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_few() {
        let axis = Axis::new(
            Date::constant(2005, 3, 14),
            Date::constant(2006, 2, 1),
            0.0,
            100.0,
        );
        let labels: Vec<&str> = axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Mar 2005", "Apr 2005", "May 2005", "Jun 2005", "Jul 2005", "Aug 2005", "Sep 2005",
                "Oct 2005", "Nov 2005", "Dec 2005", "Jan 2006", "Feb 2006", "Mar 2006"
            ]
        );
        let axis = Axis::new(
            Date::constant(1998, 6, 1),
            Date::constant(2011, 2, 1),
            0.0,
            100.0,
        );
        let labels: Vec<&str> = axis.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "1998", "2000", "2002", "2004", "2006", "2008", "2010", "2012"
            ]
        );
    }
}
