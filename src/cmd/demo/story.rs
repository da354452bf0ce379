//! The plan of the fictional company, Northwind Analytics, for 2026: who sells,
//! how many leads arrive from where, how fast the team can follow up, how leads
//! convert, and what paid media costs. Every number the story turns on is here.

use super::calendar::DAY;

/// Company name used in file names and settings.
pub const COMPANY: &str = "Northwind Analytics";
/// Lead volume the weekly shape below is tuned for.
pub const REFERENCE_LEADS: f64 = 3_000.0;
/// Day the fifth rep starts and the Q4 rebalancing begins (2026-10-01).
pub const REBALANCE_DAY: u32 = 273;

/// A sales rep and the story day they start taking leads.
pub struct Rep {
    /// Display name, as HubSpot writes `Contact owner` and `Deal owner`.
    pub name: &'static str,
    /// First story day in the round-robin.
    pub starts: u32,
}

/// The sales team: four reps all year, a fifth from October.
pub const REPS: [Rep; 5] = [
    Rep {
        name: "Dana Whitfield",
        starts: 0,
    },
    Rep {
        name: "Marcus Oyelaran",
        starts: 0,
    },
    Rep {
        name: "Priya Raman",
        starts: 0,
    },
    Rep {
        name: "Tom Becker",
        starts: 0,
    },
    Rep {
        name: "Lena Vogel",
        starts: REBALANCE_DAY,
    },
];

/// Inbound first touches one rep makes per week at reference volume: 40 for
/// the team of four, more from October thanks to a daily follow-up block.
pub fn touches_per_week(day: u32) -> f64 {
    if day >= REBALANCE_DAY { 11.5 } else { 10.0 }
}

/// New leads per week by quarter at reference shape (Q1..Q4).
pub const WEEKLY_LEADS: [f64; 4] = [30.0, 48.0, 80.0, 58.0];
/// Relative lead volume Monday..Sunday.
pub const WEEKDAY_WEIGHT: [f64; 7] = [1.15, 1.2, 1.15, 1.1, 0.9, 0.25, 0.25];

/// HubSpot `Original Source` values of Northwind's leads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Source {
    PaidSearch,
    PaidSocial,
    OrganicSearch,
    EmailMarketing,
    DirectTraffic,
    Referrals,
    OfflineSources,
}

impl Source {
    /// In the order of the columns of [`SOURCE_MIX`].
    pub const ALL: [Source; 7] = [
        Source::PaidSearch,
        Source::PaidSocial,
        Source::OrganicSearch,
        Source::EmailMarketing,
        Source::DirectTraffic,
        Source::Referrals,
        Source::OfflineSources,
    ];

    /// HubSpot's label.
    pub fn label(self) -> &'static str {
        match self {
            Source::PaidSearch => "Paid Search",
            Source::PaidSocial => "Paid Social",
            Source::OrganicSearch => "Organic Search",
            Source::EmailMarketing => "Email Marketing",
            Source::DirectTraffic => "Direct Traffic",
            Source::Referrals => "Referrals",
            Source::OfflineSources => "Offline Sources",
        }
    }

    /// Marketing-sourced leads go through MQL; partner and sales leads do not.
    pub fn is_marketing(self) -> bool {
        !matches!(self, Source::Referrals | Source::OfflineSources)
    }

    /// `Original Source Drill-Down 1` values, picked from by a hash.
    pub fn drill_downs(self) -> &'static [&'static str] {
        match self {
            Source::PaidSearch => &["google"],
            Source::PaidSocial => &["facebook", "facebook", "facebook", "instagram"],
            Source::OrganicSearch => &["google", "google", "google", "google", "bing"],
            Source::EmailMarketing => {
                &["Monthly Newsletter", "Webinar Invitation", "Product Update"]
            }
            Source::DirectTraffic => &[
                "www.northwind-analytics.example/pricing",
                "www.northwind-analytics.example/demo",
                "",
            ],
            Source::Referrals => &[
                "brightlane-partners.example",
                "meridian-consulting.example",
                "oakridge-advisory.example",
            ],
            Source::OfflineSources => &["CRM_UI", "CRM_UI", "IMPORT", "IMPORT", "INTEGRATION"],
        }
    }
}

/// Share of new leads by source (columns as [`Source::ALL`]) for Q1..Q4: paid
/// grows with spend in Q2 and Q3 and is trimmed (social most) in Q4.
pub const SOURCE_MIX: [[f64; 7]; 4] = [
    [0.14, 0.08, 0.22, 0.12, 0.10, 0.12, 0.22],
    [0.20, 0.15, 0.18, 0.10, 0.08, 0.10, 0.19],
    [0.26, 0.26, 0.16, 0.10, 0.06, 0.07, 0.09],
    [0.22, 0.12, 0.18, 0.11, 0.08, 0.10, 0.19],
];

/// Share of marketing leads that become MQLs.
pub const MQL_RATE: f64 = 0.75;
/// Untouched this long after MQL (or creation), a lead is likely dropped.
pub const DROP_AFTER: u32 = 10 * DAY;
/// Chance that a lead past [`DROP_AFTER`] is dropped rather than kept.
pub const DROP_CHANCE: f64 = 0.7;

/// Chance a touched lead becomes an SQL, by minutes waited for the touch.
pub fn sql_rate(waited: u32) -> f64 {
    match waited {
        w if w <= DAY => 0.38,
        w if w <= 7 * DAY => 0.22,
        _ => 0.09,
    }
}

/// Share of SQLs that become opportunities with a deal.
pub const OPPORTUNITY_RATE: f64 = 0.6;
/// Median deal amount in USD.
pub const DEAL_MEDIAN: f64 = 14_000.0;

/// Chance a deal from this source is won.
pub fn win_rate(source: Source) -> f64 {
    if source == Source::Referrals {
        0.38
    } else {
        0.28
    }
}

/// A paid campaign: daily budget by quarter and its unit economics.
pub struct Campaign {
    /// Name as the ad platform shows it.
    pub name: &'static str,
    /// Mean daily spend in USD, Q1..Q4.
    pub budget: [f64; 4],
    /// Google: mean cost per click. Meta: mean cost per 1,000 impressions.
    pub unit_cost: f64,
    /// Google: clicks per impression. Meta: link clicks per impression.
    pub click_rate: f64,
    /// Conversions (leads) per click.
    pub conversion_rate: f64,
    /// Meta `Result indicator` (empty for Google).
    pub indicator: &'static str,
}

/// Google Ads search campaigns (about $300/day in Q1 up to $700/day in Q3).
pub const GOOGLE_CAMPAIGNS: [Campaign; 3] = [
    Campaign {
        name: "Brand - Search",
        budget: [70.0, 90.0, 110.0, 110.0],
        unit_cost: 3.1,
        click_rate: 0.085,
        conversion_rate: 0.065,
        indicator: "",
    },
    Campaign {
        name: "Generic - Analytics Software",
        budget: [160.0, 250.0, 390.0, 340.0],
        unit_cost: 5.4,
        click_rate: 0.034,
        conversion_rate: 0.028,
        indicator: "",
    },
    Campaign {
        name: "Competitor - Search",
        budget: [70.0, 110.0, 200.0, 130.0],
        unit_cost: 5.9,
        click_rate: 0.022,
        conversion_rate: 0.022,
        indicator: "",
    },
];

/// Meta campaigns (about $150/day in Q1, $550/day in Q3, trimmed to $220 in Q4).
pub const META_CAMPAIGNS: [Campaign; 2] = [
    Campaign {
        name: "Prospecting - Lookalike",
        budget: [105.0, 215.0, 420.0, 140.0],
        unit_cost: 14.5,
        click_rate: 0.009,
        conversion_rate: 0.07,
        indicator: "actions:onsite_conversion.lead_grouped",
    },
    Campaign {
        name: "Retargeting - Site Visitors",
        budget: [45.0, 85.0, 130.0, 80.0],
        unit_cost: 18.5,
        click_rate: 0.013,
        conversion_rate: 0.05,
        indicator: "actions:offsite_conversion.fb_pixel_lead",
    },
];

/// Spend multiplier by weekday (platforms pace a little lower at weekends).
pub fn spend_pacing(weekday: usize) -> f64 {
    if weekday >= 5 { 0.8 } else { 1.05 }
}

/// Relative chance of 1..=6 follow-up activities after the first touch, by
/// the furthest stage the lead reached: touched only, SQL, opportunity.
pub const FOLLOW_UPS: [[f64; 6]; 3] = [
    [1.0, 1.0, 1.0, 2.0, 3.0, 4.0],
    [0.0, 1.0, 1.0, 2.0, 3.0, 4.0],
    [0.0, 0.0, 1.0, 1.0, 3.0, 6.0],
];
/// Days after the first touch over which the follow-ups of a lead without a
/// deal spread (inclusive range): touched only, SQL.
pub const FOLLOW_UP_DAYS: [(u32, u32); 2] = [(7, 28), (14, 42)];
/// Chance that a second rep also works a touched lead (duplicated effort),
/// by quarter of the first touch: more in Q3, when queues overflowed and
/// reps reached into each other's backlog.
pub const SECOND_REP_RATE: [f64; 4] = [0.06, 0.07, 0.13, 0.07];

/// A quarterly budget line of the finance plan (whole US dollars).
pub struct BudgetLine {
    /// `function` of the generic budget schema.
    pub function: &'static str,
    /// `category`: salaries, tools or programs.
    pub category: &'static str,
    /// Amount per quarter, Q1..Q4.
    pub amount: [u64; 4],
}

/// One rep's fully loaded salary per quarter.
pub const REP_SALARY: u64 = 30_000;
/// One rep's CRM seat and dialer per quarter.
pub const REP_TOOLS: u64 = 1_100;

/// Budget lines besides the sales team's own (salaries and seats follow
/// [`REPS`]): marketing's two people and their tools, marketing programs
/// (events, content, webinars) that grow with the paid push, and referral
/// partner fees.
pub const BUDGET: [BudgetLine; 4] = [
    BudgetLine {
        function: "marketing",
        category: "salaries",
        amount: [90_000; 4],
    },
    BudgetLine {
        function: "marketing",
        category: "tools",
        amount: [7_200; 4],
    },
    BudgetLine {
        function: "marketing",
        category: "programs",
        amount: [15_000, 21_000, 27_000, 18_000],
    },
    BudgetLine {
        function: "partner",
        category: "programs",
        amount: [6_000, 6_000, 5_000, 7_000],
    },
];

/// A Toggl Track project, with the function `[hours.projects]` maps it to.
pub struct Project {
    /// Project name as Toggl writes it.
    pub name: &'static str,
    /// What a few of its time entries say they were.
    pub descriptions: &'static [&'static str],
}

/// The projects the two leaders track time on; equinox.toml maps the first
/// two to marketing, the next three to sales and the last to partner.
pub const PROJECTS: [Project; 6] = [
    Project {
        name: "Website",
        descriptions: &[
            "Pricing page rewrite",
            "Blog post draft",
            "Case study edits",
        ],
    },
    Project {
        name: "Campaigns",
        descriptions: &["Campaign planning", "Ad copy review", "Webinar prep"],
    },
    Project {
        name: "Pipeline reviews",
        descriptions: &[
            "Weekly pipeline review",
            "Forecast call",
            "Deal review with reps",
        ],
    },
    Project {
        name: "Key accounts",
        descriptions: &[
            "Customer check-in",
            "Renewal prep",
            "Quarterly business review",
        ],
    },
    Project {
        name: "Lead follow-up",
        descriptions: &["Working the inbound queue", "Calling back new leads"],
    },
    Project {
        name: "Partners",
        descriptions: &["Partner sync", "Referral partner onboarding"],
    },
];

/// A team member who logs hours in Toggl Track (not a rep: no leads).
pub struct Tracker {
    /// `User`.
    pub name: &'static str,
    /// `Email` (never read by Equinox).
    pub email: &'static str,
    /// Hours logged on a typical working day.
    pub daily_hours: f64,
    /// Share of time by project (as [`PROJECTS`]), Q1..Q4.
    pub mix: [[f64; 6]; 4],
}

/// The founder, who splits time between the website, campaigns and key
/// accounts and jumps into lead follow-up in Q3, and the head of revenue.
pub const TRACKERS: [Tracker; 2] = [
    Tracker {
        name: "Martin Hale",
        email: "martin@northwind-analytics.example",
        daily_hours: 6.0,
        mix: [
            [0.30, 0.25, 0.10, 0.20, 0.00, 0.15],
            [0.28, 0.27, 0.10, 0.20, 0.00, 0.15],
            [0.10, 0.12, 0.15, 0.20, 0.33, 0.10],
            [0.22, 0.18, 0.15, 0.25, 0.05, 0.15],
        ],
    },
    Tracker {
        name: "Sofia Brandt",
        email: "sofia@northwind-analytics.example",
        daily_hours: 7.0,
        mix: [
            [0.05, 0.20, 0.30, 0.30, 0.00, 0.15],
            [0.05, 0.20, 0.30, 0.30, 0.00, 0.15],
            [0.02, 0.10, 0.25, 0.25, 0.30, 0.08],
            [0.05, 0.15, 0.30, 0.30, 0.08, 0.12],
        ],
    },
];
