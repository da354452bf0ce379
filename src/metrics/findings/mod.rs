//! Findings: what a review should tell its reader, as data. Each finding
//! comes from one documented rule (docs/metrics.md), carries the figures
//! the rule fired on, its severity and the section that shows it; render
//! words it (render/findings.rs). Ranked by severity.
//!
//! A rule fires when its figure passes a threshold; its severity is log2
//! of how many times worse the figure is than the rule's reference (the
//! SLA, a target, the previous period, the cheaper channel), capped at
//! [`MAX_SIZE`], so every rule ranks on the same scale.
//!
//! One file per rule family, each rule's tests beside it.

mod balance;
mod cro;
mod follow_up;
mod funnel;
mod spend;
mod targets;
mod team;
#[cfg(test)]
mod test_review;

use super::{Figure, Review, Verdict};
use crate::config::Settings;
use serde::{Serialize, Serializer, ser::SerializeStruct};

/// The largest size a finding can have (a figure 8× off its reference, or
/// a reference of zero).
pub const MAX_SIZE: f64 = 3.0;
/// Dropped share of ready leads that makes a finding.
pub const DROPPED_SHARE: f64 = 0.10;
/// Weeks of lead inventory below which the pipeline runs dry.
pub const DRY_WEEKS: f64 = 1.5;
/// How many times costlier one channel must be for a finding.
pub const CHANNEL_GAP: f64 = 1.5;
/// How many times the overall disqualified share one source must reach.
pub const DISQUALIFIED_GAP: f64 = 1.5;
/// Share of ready leads worked by two or more reps that makes a finding.
pub const MULTI_REP_SHARE: f64 = 0.05;
/// Share of new leads that duplicate an earlier one that makes a finding.
pub const DUPLICATE_SHARE: f64 = 0.02;
/// Source mix shift that makes a finding.
pub const MIX_SHIFT: f64 = 0.15;
/// Fall in MQL-to-SQL conversion (now / before) that makes a finding.
pub const CONVERSION_FALL: f64 = 0.8;
/// Fewest leads a band or a source needs before a rule compares it.
pub const MIN_LEADS: u64 = 10;

/// The rule that made a finding; metrics.json writes its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Tilt,
    Dropped,
    Speed,
    SpeedImproved,
    SpeedConversion,
    Conversion,
    Target,
    Coverage,
    Inventory,
    ChannelCost,
    Hours,
    Disqualified,
    MultiRep,
    Duplicates,
    MixShift,
    Sla,
    Cac,
    Roas,
    SmallBudget,
}

impl Rule {
    /// The name metrics.json and docs/metrics.md use; findings of the same
    /// severity rank by it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Tilt => "tilt",
            Rule::Dropped => "dropped",
            Rule::Speed => "speed",
            Rule::SpeedImproved => "speed_improved",
            Rule::SpeedConversion => "speed_conversion",
            Rule::Conversion => "conversion",
            Rule::Target => "target",
            Rule::Coverage => "coverage",
            Rule::Inventory => "inventory",
            Rule::ChannelCost => "channel_cost",
            Rule::Hours => "hours",
            Rule::Disqualified => "disqualified",
            Rule::MultiRep => "multi_rep",
            Rule::Duplicates => "duplicates",
            Rule::MixShift => "mix_shift",
            Rule::Sla => "sla",
            Rule::Cac => "cac",
            Rule::Roas => "roas",
            Rule::SmallBudget => "small_budget",
        }
    }
}

/// The review section a finding points to; metrics.json writes its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Balance,
    Funnel,
    FollowUp,
    Team,
    Spend,
    Hours,
    Pipeline,
    Plan,
}

impl Section {
    /// The section's id on the review page: `follow-up`.
    pub fn anchor(self) -> &'static str {
        match self {
            Section::Balance => "balance",
            Section::Funnel => "funnel",
            Section::FollowUp => "follow-up",
            Section::Team => "team",
            Section::Spend => "spend",
            Section::Hours => "hours",
            Section::Pipeline => "pipeline",
            Section::Plan => "plan",
        }
    }
}

/// What a channel's cost is counted per, from the most telling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostUnit {
    Sql,
    Mql,
    Lead,
}

/// The figures a rule fired on, one variant per rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Facts {
    /// Supply against capacity outside the balanced band.
    Tilt {
        verdict: Verdict,
        tilt: f64,
        supply: f64,
        capacity: f64,
        /// Ready leads left past the drop window (marketing-heavy only).
        dropped: u64,
        /// Capacity is a lower bound (the reps were never fully loaded):
        /// sales could handle at least `capacity`.
        bound: bool,
        /// Reps that would close a marketing-heavy gap, at the
        /// demonstrated throughput `per_rep_week`.
        more_reps: Option<(u64, f64)>,
    },
    /// Ready leads left untouched past the drop window.
    Dropped {
        dropped: u64,
        leads: u64,
        share: f64,
        /// The median lead is touched within the SLA: leads fall through.
        typical_is_fast: bool,
    },
    /// The median wait beyond the SLA.
    Speed {
        median_hours: f64,
        sla_hours: f64,
        within_sla: Option<f64>,
    },
    /// The median wait halved or better on the previous period.
    SpeedImproved { now: f64, before: f64 },
    /// SQL rates of leads touched within a day and after seven days.
    SpeedConversion { fast_rate: f64, slow_rate: f64 },
    /// MQL-to-SQL conversion fell on the previous period.
    Conversion {
        now: f64,
        before: f64,
        cohort: u64,
        young: bool,
    },
    /// A `[targets]` figure missed its target.
    Target {
        figure: Figure,
        value: f64,
        target: f64,
    },
    /// Open pipeline due next period below the coverage wanted.
    Coverage {
        coverage: f64,
        wanted: f64,
        /// Coverage the win rate requires, with that win rate.
        required: Option<(f64, f64)>,
        target: f64,
    },
    /// Weeks of leads in hand below [`DRY_WEEKS`].
    Inventory { weeks: f64, in_hand: u64 },
    /// One paid channel far costlier per unit than the cheapest.
    ChannelCost {
        unit: CostUnit,
        /// Channel keys (`google_ads`) with their cost per unit.
        dear: (&'static str, f64),
        cheap: (&'static str, f64),
    },
    /// The long side of the scale logs more hours than the short side.
    Hours {
        verdict: Verdict,
        long_share: f64,
        short_share: f64,
        total_hours: f64,
        /// The people in the time logs (often the founders, not the reps).
        people: u64,
    },
    /// One source disqualified far more often than all.
    Disqualified {
        source: String,
        share: f64,
        overall: f64,
    },
    /// Leads worked by two or more reps in their first days.
    MultiRep { leads: u64, share: f64 },
    /// New lead records repeating an earlier lead's email.
    Duplicates { leads: u64, share: f64 },
    /// The source mix moved; the two largest moves in points.
    MixShift {
        shift: f64,
        moves: Vec<(String, f64)>,
    },
    /// The share of leads touched within the SLA below `[sla]
    /// within_share` (`target`).
    Sla { within: f64, target: f64 },
    /// CAC above the average won deal.
    Cac { cac: f64, deal: f64 },
    /// Return on ad spend below 1, with the paid won revenue and the ad
    /// spend it is the ratio of.
    Roas {
        roas: f64,
        paid_won: f64,
        ad_spend: f64,
    },
    /// A small budget line (a function key) returning `times` its share
    /// of spend in won revenue.
    SmallBudget {
        function: &'static str,
        spend_share: f64,
        won_share: f64,
        times: f64,
    },
}

impl Facts {
    /// The rule these figures come from.
    pub fn rule(&self) -> Rule {
        match self {
            Facts::Tilt { .. } => Rule::Tilt,
            Facts::Dropped { .. } => Rule::Dropped,
            Facts::Speed { .. } => Rule::Speed,
            Facts::SpeedImproved { .. } => Rule::SpeedImproved,
            Facts::SpeedConversion { .. } => Rule::SpeedConversion,
            Facts::Conversion { .. } => Rule::Conversion,
            Facts::Target { .. } => Rule::Target,
            Facts::Coverage { .. } => Rule::Coverage,
            Facts::Inventory { .. } => Rule::Inventory,
            Facts::ChannelCost { .. } => Rule::ChannelCost,
            Facts::Hours { .. } => Rule::Hours,
            Facts::Disqualified { .. } => Rule::Disqualified,
            Facts::MultiRep { .. } => Rule::MultiRep,
            Facts::Duplicates { .. } => Rule::Duplicates,
            Facts::MixShift { .. } => Rule::MixShift,
            Facts::Sla { .. } => Rule::Sla,
            Facts::Cac { .. } => Rule::Cac,
            Facts::Roas { .. } => Rule::Roas,
            Facts::SmallBudget { .. } => Rule::SmallBudget,
        }
    }
}

/// A finding's words, written by render (see `render::findings`).
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    pub sentence: String,
    /// `None` also where a higher-ranked finding gives the same advice.
    pub recommendation: Option<String>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The figures the rule fired on; [`Facts::rule`] names the rule.
    pub facts: Facts,
    /// The section that shows the figures.
    pub section: Section,
    /// The size of the effect the findings are ranked by.
    pub severity: f64,
    /// Filled in by render before anything is written; metrics.json
    /// carries them as `sentence` and `recommendation`.
    pub words: Option<Words>,
}

impl Finding {
    fn new(section: Section, severity: f64, facts: Facts) -> Self {
        Finding {
            facts,
            section,
            severity,
            words: None,
        }
    }

    /// The rule that made it.
    pub fn rule(&self) -> Rule {
        self.facts.rule()
    }
}

/// metrics.json's finding: `rule`, `anchor`, `size`, then the words.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Finding", 5)?;
        out.serialize_field("rule", &self.rule())?;
        out.serialize_field("anchor", &self.section)?;
        out.serialize_field("size", &self.severity)?;
        if let Some(words) = &self.words {
            out.serialize_field("sentence", &words.sentence)?;
            out.serialize_field("recommendation", &words.recommendation)?;
        }
        out.end()
    }
}

/// What every rule reads.
struct Ctx<'a> {
    r: &'a Review,
    settings: &'a Settings,
}

/// A rule: the review in, its findings out.
type RuleFn = fn(&Ctx) -> Vec<Finding>;

/// Every rule, by family.
const RULES: [RuleFn; 19] = [
    balance::tilt,
    follow_up::dropped,
    cro::sla,
    follow_up::speed,
    follow_up::speed_improved,
    follow_up::speed_conversion,
    funnel::conversion,
    targets::target,
    targets::coverage,
    balance::inventory,
    spend::channel_cost,
    balance::hours,
    team::disqualified,
    team::multi_rep,
    team::duplicates,
    funnel::mix_shift,
    cro::cac,
    cro::roas,
    cro::small_budget,
];

/// Every finding of a review, largest effect first (ties by rule name),
/// not yet worded.
pub fn findings(review: &Review, settings: &Settings) -> Vec<Finding> {
    let ctx = Ctx {
        r: review,
        settings,
    };
    let mut all: Vec<Finding> = RULES.iter().flat_map(|rule| rule(&ctx)).collect();
    all.sort_by(|a, b| {
        b.severity
            .total_cmp(&a.severity)
            .then(a.rule().name().cmp(b.rule().name()))
    });
    all
}

/// log2(worse / reference), capped; `MAX_SIZE` when the reference is zero.
fn size(worse: f64, reference: f64) -> f64 {
    if reference <= 0.0 {
        return MAX_SIZE;
    }
    (worse / reference).log2().clamp(0.0, MAX_SIZE)
}

/// One finding, as the rules return them.
fn one(section: Section, severity: f64, facts: Facts) -> Vec<Finding> {
    vec![Finding::new(section, severity, facts)]
}

/// The tilt when it is outside the balanced band, with its verdict.
fn unbalanced(r: &Review) -> Option<(f64, Verdict)> {
    let (tilt, verdict) = (r.balance.tilt?, r.balance.verdict?);
    (verdict != Verdict::Balanced).then_some((tilt, verdict))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_capped_log2_ratios() {
        assert_eq!(size(4.0, 1.0), 2.0);
        assert_eq!(size(100.0, 1.0), MAX_SIZE);
        assert_eq!(size(1.0, 0.0), MAX_SIZE);
        assert_eq!(size(0.5, 1.0), 0.0);
    }

    #[test]
    fn every_rule_name_is_its_serialised_name() {
        let rules = [
            Rule::Tilt,
            Rule::SpeedImproved,
            Rule::ChannelCost,
            Rule::MixShift,
        ];
        for rule in rules {
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.name()));
        }
        assert_eq!(
            serde_json::to_string(&Section::FollowUp).unwrap(),
            "\"follow-up\""
        );
    }
}
