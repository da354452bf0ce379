//! Charts stage (data structs in, SVG string out, no file I/O): the lead
//! funnel – one bar per stage, widest at the top, each with its count and
//! its conversion (from the stage above, or of a cohort's first stage),
//! all in the marketing colour as the funnel follows the leads marketing
//! brought.

use super::layout;
use super::rows::{self, Row};
use super::style::{self, CHART_WIDTH, MARKETING};
use super::svg::{self, Area, DrawResult, Meta};

/// One funnel stage and how many leads reached it.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelStage {
    /// Stage name, e.g. "New leads", "MQLs", "SQLs", "Opportunities", "Won".
    pub label: String,
    /// Leads (or deals) that reached the stage in the period.
    pub count: u64,
}

/// Input of [`funnel`].
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelChart {
    /// Chart title.
    pub title: String,
    /// Stages from the top of the funnel down, drawn in this order.
    pub stages: Vec<FunnelStage>,
    /// Whether every stage's conversion is a share of the first stage (a
    /// cohort followed down the funnel, "↓ 7% of MQLs") rather than of the
    /// stage above.
    pub shares_of_first: bool,
}

/// Renders the funnel as horizontal bars with counts and stage-to-stage
/// conversions as an SVG document.
pub fn funnel(chart: &FunnelChart) -> String {
    let meta = Meta {
        id: "funnel",
        title: &chart.title,
        desc: describe(chart),
        size: (CHART_WIDTH, rows::chart_height(chart.stages.len())),
    };
    let has_data = chart.stages.iter().any(|stage| stage.count > 0);
    let draw = has_data.then_some(|root: &Area| draw(root, chart));
    svg::document(&meta, draw)
}

/// Share of the stage above that reached `stage`: "63%", or "n/a" when no
/// lead reached the stage above.
fn conversion(above: &FunnelStage, stage: &FunnelStage) -> String {
    style::format_share(stage.count as f64, above.count as f64)
}

/// Every stage with the stage above it (none for the first).
fn with_above(
    stages: &[FunnelStage],
) -> impl Iterator<Item = (Option<&FunnelStage>, &FunnelStage)> {
    std::iter::once(None)
        .chain(stages.iter().map(Some))
        .zip(stages)
}

/// Every stage with the stage its conversion is counted from: the one
/// above, or the first for a cohort (none for the first stage itself).
fn with_base(chart: &FunnelChart) -> Vec<(Option<&FunnelStage>, &FunnelStage)> {
    let first = chart.stages.first();
    with_above(&chart.stages)
        .map(|(above, stage)| match above {
            Some(_) if chart.shares_of_first => (first, stage),
            _ => (above, stage),
        })
        .collect()
}

/// Note written after a stage's name: its conversion from `base` (the
/// stage above, or a cohort's first stage).
fn note(base: Option<&FunnelStage>, stage: &FunnelStage) -> String {
    base.map_or_else(String::new, |base| {
        format!("↓ {} of {}", conversion(base, stage), base.label)
    })
}

fn draw(root: &Area, chart: &FunnelChart) -> DrawResult {
    let area = layout::header(root, &chart.title, &[])?;
    let bars: Vec<Row> = with_base(chart)
        .into_iter()
        .map(|(above, stage)| Row {
            label: stage.label.clone(),
            note: note(above, stage),
            value: stage.count as f64,
            text: style::format_count(stage.count),
            color: MARKETING,
        })
        .collect();
    rows::draw(&area, &bars)?;
    Ok(())
}

fn describe(chart: &FunnelChart) -> String {
    let stages = &chart.stages;
    let (Some(first), Some(last)) = (stages.first(), stages.last()) else {
        return format!("{}.", svg::NO_DATA);
    };
    let each: Vec<String> = with_base(chart)
        .into_iter()
        .map(|(above, stage)| {
            let count = style::format_count(stage.count);
            match above {
                Some(above) => format!("{} {count} ({})", stage.label, conversion(above, stage)),
                None => format!("{} {count}", stage.label),
            }
        })
        .collect();
    let base = if chart.shares_of_first {
        format!("as a share of the {}", first.label)
    } else {
        "from the stage above".into()
    };
    let mut text = format!(
        "Funnel, each stage with its conversion {base}: {}.",
        each.join("; ")
    );
    if stages.len() > 1 && !chart.shares_of_first {
        let overall = conversion(first, last);
        text.push_str(&format!(
            " Overall {overall} of {} reached {}.",
            first.label, last.label
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stages(counts: &[u64]) -> Vec<FunnelStage> {
        counts
            .iter()
            .enumerate()
            .map(|(index, count)| FunnelStage {
                label: format!("S{index}"),
                count: *count,
            })
            .collect()
    }

    fn notes(counts: &[u64]) -> Vec<String> {
        let funnel = stages(counts);
        with_above(&funnel)
            .map(|(above, stage)| note(above, stage))
            .collect()
    }

    #[test]
    fn conversions_between_stages() {
        assert_eq!(
            notes(&[1136, 710, 91, 65, 29]),
            [
                "",
                "↓ 63% of S0",
                "↓ 13% of S1",
                "↓ 71% of S2",
                "↓ 45% of S3"
            ]
        );
    }

    #[test]
    fn a_cohort_funnel_counts_every_stage_from_the_first() {
        let chart = FunnelChart {
            title: "Cohort".into(),
            stages: stages(&[710, 53, 39, 11]),
            shares_of_first: true,
        };
        let notes: Vec<String> = with_base(&chart)
            .into_iter()
            .map(|(base, stage)| note(base, stage))
            .collect();
        assert_eq!(notes, ["", "↓ 7% of S0", "↓ 5% of S0", "↓ 2% of S0"]);
        assert!(
            describe(&chart).contains("as a share of the S0: S0 710; S1 53 (7%); S2 39 (5%)"),
            "{}",
            describe(&chart)
        );
    }

    #[test]
    fn empty_stage_above_is_no_division_by_zero() {
        assert_eq!(
            notes(&[0, 5, 0, 0]),
            ["", "↓ n/a of S0", "↓ 0% of S1", "↓ n/a of S2"]
        );
        assert!(notes(&[]).is_empty());
    }
}
