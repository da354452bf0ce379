//! Why a figure could not be computed, as data: each [`Reason`] carries
//! the figures its words need, and render words it (render/reasons.rs)
//! before metrics.json and the pages read it. A reason without words is a
//! compile error there (the match is exhaustive), never a silent "no data".

/// New stage entries a period may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entries {
    Leads,
    Mqls,
    Sqls,
    Opportunities,
}

/// Why a figure is `null` in metrics.json.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// No review between `last` and `label`.
    GapBefore {
        last: String,
        label: String,
    },
    /// The data starts in `label`; `earlier` has no review.
    NothingBefore {
        label: String,
        earlier: String,
    },
    /// The period a year before (`earlier`) holds no data.
    YearAgoEmpty {
        earlier: String,
    },
    /// The data starts less than a year before `label`.
    YearAgoBeforeData {
        label: String,
        earlier: String,
    },
    /// No new stage entries of this kind in the period.
    NoNew(Entries),
    NoDealsClosed,
    NoDealsWon,
    /// Some deals were lost, none won.
    WinRateZero,
    NoReadyLeads,
    NoLeadTouched,
    NoSlaWindowClosed,
    /// No activity export, so who touched a lead in its first `days` days
    /// is unknown.
    NoActivityExportReps {
        days: i64,
    },
    NoActivityExportTouches,
    NoEmailColumn,
    WonDealsUnlinked,
    VelocityInputs,
    NoRevenueTarget,
    NoMarketingWinTrailing,
    NoMatureMqlWon,
    NoCapacityMeasured,
    /// Open deals without a weight and no closed deal to give a win rate.
    OpenDealsUnweighed,
    /// No recent period's MQLs were seen for the lag horizon.
    NoPeriodObservedForHorizon {
        horizon_days: u32,
    },
    NoAdSpend,
    NoAdImpressions,
    NoBudgetForCac,
    NoSalesBudget,
    NoSalesTouches,
    NoBudgetLines,
    NoSpend,
    NoTimeLogs,
    NoMarketingHours,
    NoSalesHours,
    /// Sales hours were logged, but by no one who owns a deal won in the
    /// period: their hours are not set against the reps' revenue.
    NoWonDealsOfTimeLoggers,
    NoLoadedRepWeek,
    NoRepFirstTouch,
    NoMqlFirstTouched,
    NeedsSupplyAndCapacity,
    BoundSettlesNoVerdict,
}
