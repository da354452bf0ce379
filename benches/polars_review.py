#!/usr/bin/env python3
"""The core of Equinox's quarterly review as a Polars script: the baseline
issue 13 compares Equinox against ("at most 0.5x the Polars script").

It reads the same files `equinox demo` writes (HubSpot contacts, deals and
activities, Google Ads and Meta spend, Toggl hours) and computes, per
quarter, the figures that cost the most in Equinox: leads, MQLs, SQLs and
the MQL cohort's SQL share, each ready lead's first sales touch after it
became ready (the activities join: the expensive part), the wait to it
(median, p90, share within the SLA), untouched leads, first touches per
rep-week, won deals and amount, spend by channel and hours by function.
It is a fair baseline, not a second implementation: it does not reject
rows, spread multi-day spend or write a site, all of which Equinox does.

Usage: python3 benches/polars_review.py INPUT_DIR  (prints JSON; timing by
the caller, e.g. /usr/bin/time -f "%e %M"). Needs `pip install polars`.
"""

import json
import sys
from pathlib import Path

import polars as pl

STAMP = "%Y-%m-%d %H:%M"
SLA_HOURS = 24


def one(folder: Path, pattern: str) -> Path:
    return next(folder.glob(pattern))


def stamp(column: str) -> pl.Expr:
    return pl.col(column).str.strptime(pl.Datetime, STAMP, strict=False)


def contacts(folder: Path) -> pl.LazyFrame:
    return pl.scan_csv(
        one(folder, "hubspot/*contacts*.csv"), infer_schema=False
    ).select(
        pl.col("Record ID").cast(pl.Int64, strict=False).alias("lead"),
        pl.col("Contact owner").alias("owner"),
        stamp("Create Date").alias("created"),
        stamp("Became a Marketing Qualified Lead Date").alias("mql"),
        stamp("Became a Sales Qualified Lead Date").alias("sql"),
        pl.col("Original Source").alias("source"),
    )


def activities(folder: Path) -> pl.LazyFrame:
    return (
        pl.scan_csv(
            one(folder, "hubspot/*calls-emails-meetings*.csv"), infer_schema=False
        )
        .select(
            stamp("Activity date").alias("at"),
            pl.col("Activity assigned to").alias("rep"),
            pl.col("Associated Contact IDs").str.split(";").alias("lead"),
        )
        .explode("lead")
        .with_columns(pl.col("lead").cast(pl.Int64, strict=False))
    )


def first_touches(leads: pl.LazyFrame, acts: pl.LazyFrame) -> pl.LazyFrame:
    """Each ready lead's first activity at or after it became an MQL."""
    ready = leads.filter(pl.col("mql").is_not_null()).select("lead", "mql")
    return (
        acts.join(ready, on="lead", how="inner")
        .filter(pl.col("at") >= pl.col("mql"))
        .group_by("lead")
        .agg(pl.col("at").min().alias("touched"), pl.col("rep").first())
    )


def lead_figures(leads: pl.LazyFrame, touches: pl.LazyFrame) -> pl.LazyFrame:
    ready = (
        leads.filter(pl.col("mql").is_not_null())
        .join(touches, on="lead", how="left")
        .with_columns(
            pl.col("mql").dt.quarter().alias("quarter"),
            ((pl.col("touched") - pl.col("mql")).dt.total_minutes() / 60.0).alias(
                "wait_h"
            ),
        )
    )
    return ready.group_by("quarter").agg(
        pl.len().alias("mqls"),
        pl.col("sql").is_not_null().sum().alias("mqls_to_sql"),
        pl.col("wait_h").median().alias("median_wait_h"),
        pl.col("wait_h").quantile(0.9).alias("p90_wait_h"),
        (pl.col("wait_h") <= SLA_HOURS).mean().alias("within_sla"),
        pl.col("touched").is_null().sum().alias("untouched"),
    )


def rep_weeks(touches: pl.LazyFrame) -> pl.LazyFrame:
    weekly = touches.group_by(
        "rep", pl.col("touched").dt.truncate("1w").alias("week")
    ).agg(pl.len().alias("first_touches"))
    return weekly.group_by(pl.col("week").dt.quarter().alias("quarter")).agg(
        pl.col("first_touches").quantile(0.9).alias("p90_rep_week"),
        pl.col("rep").n_unique().alias("reps"),
    )


def deal_figures(folder: Path) -> pl.LazyFrame:
    deals = pl.scan_csv(one(folder, "hubspot/*deals*.csv"), infer_schema=False)
    return (
        deals.select(
            stamp("Close Date").alias("closed"),
            pl.col("Amount").cast(pl.Float64, strict=False).alias("amount"),
            (pl.col("Is Closed Won") == "true").alias("won"),
            (pl.col("Is closed lost") == "true").alias("lost"),
            pl.col("Original Source").alias("source"),
        )
        .filter(pl.col("won") | pl.col("lost"))
        .group_by(pl.col("closed").dt.quarter().alias("quarter"))
        .agg(
            pl.col("won").sum().alias("won_deals"),
            pl.col("amount").filter(pl.col("won")).sum().alias("won_amount"),
            pl.col("won").mean().alias("win_rate"),
        )
    )


def spend(folder: Path) -> pl.DataFrame:
    """Daily rows only: Google's total rows and Meta's whole-range row are
    left out (Equinox spreads multi-day rows instead)."""
    google = pl.read_csv(
        one(folder, "ads/Campaign report*.csv"), skip_rows=2, infer_schema=False
    )
    meta = pl.read_csv(one(folder, "ads/*Campaigns*.csv"), infer_schema=False).filter(
        pl.col("Reporting starts") == pl.col("Reporting ends")
    )

    def rows(frame: pl.DataFrame, day: str, cost: str, channel: str) -> pl.DataFrame:
        return frame.select(
            pl.col(day).str.to_date(strict=False).dt.quarter().alias("quarter"),
            pl.col(cost).str.replace_all(",", "").cast(pl.Float64, strict=False).alias("cost"),
            pl.lit(channel).alias("channel"),
        ).drop_nulls()

    return (
        pl.concat(
            [
                rows(google, "Day", "Cost", "google"),
                rows(meta, "Reporting starts", "Amount spent (USD)", "meta"),
            ]
        )
        .group_by("quarter", "channel")
        .agg(pl.col("cost").sum())
    )


def hours(folder: Path) -> pl.DataFrame:
    entries = pl.read_csv(one(folder, "time/*.csv"), infer_schema=False)
    seconds = (
        pl.col("Duration")
        .str.split(":")
        .list.eval(pl.element().cast(pl.Int64))
        .list.eval(pl.element() * pl.Series([3600, 60, 1]))
        .list.sum()
    )
    return entries.group_by(
        pl.col("Start date").str.to_date().dt.quarter().alias("quarter"), "Project"
    ).agg((seconds.sum() / 3600).alias("hours"))


def main() -> None:
    folder = Path(sys.argv[1])
    leads = contacts(folder)
    touches = first_touches(leads, activities(folder))
    per_quarter_leads = leads.group_by(
        pl.col("created").dt.quarter().alias("quarter")
    ).agg(pl.len().alias("leads"), pl.col("sql").is_not_null().sum().alias("sqls"))
    frames = pl.collect_all(
        [
            per_quarter_leads,
            lead_figures(leads, touches),
            rep_weeks(touches),
            deal_figures(folder),
        ]
    )
    out = {
        name: frame.sort(frame.columns[0]).to_dicts()
        for name, frame in zip(["leads", "follow_up", "capacity", "deals"], frames)
    }
    out["spend"] = spend(folder).sort("quarter", "channel").to_dicts()
    out["hours"] = hours(folder).sort("quarter", "Project").to_dicts()
    json.dump(out, sys.stdout, default=str, indent=1)


if __name__ == "__main__":
    main()
