//! equinox.toml as written: serde structs, strict about unknown keys.

use super::{
    ColumnOverrides, DateOrder, HoursMap, OwnerDisplay, Settings, Sla, SourceMap, Targets,
};
use crate::model::{Channel, Function, Outcome, PeriodKind};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(super) struct RawSettings {
    company: String,
    currency: String,
    fx: BTreeMap<String, f64>,
    fiscal_year_start: u32,
    period: PeriodKind,
    as_of: Option<String>,
    sla: RawSla,
    targets: RawTargets,
    capacity: RawCapacity,
    sources: RawSources,
    privacy: RawPrivacy,
    stages: BTreeMap<String, String>,
    limits: RawLimits,
    hours: RawHours,
    columns: BTreeMap<String, RawColumns>,
}

/// `[columns."<file or export>"]`: `date_order` plus column renames.
#[derive(Debug, Default, Deserialize)]
struct RawColumns {
    date_order: Option<DateOrder>,
    #[serde(flatten)]
    names: BTreeMap<String, String>,
}

impl Default for RawSettings {
    fn default() -> Self {
        RawSettings {
            company: "Our company".to_string(),
            currency: "USD".to_string(),
            fx: BTreeMap::new(),
            fiscal_year_start: 1,
            period: PeriodKind::Quarter,
            as_of: None,
            sla: RawSla::default(),
            targets: RawTargets::default(),
            capacity: RawCapacity::default(),
            sources: RawSources::default(),
            privacy: RawPrivacy::default(),
            stages: BTreeMap::new(),
            limits: RawLimits::default(),
            hours: RawHours::default(),
            columns: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawSla {
    first_touch_hours: f64,
    drop_after_days: i64,
}

impl Default for RawSla {
    fn default() -> Self {
        RawSla {
            first_touch_hours: 24.0,
            drop_after_days: 7,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawTargets {
    marketing_share: Option<f64>,
    mql_to_sql: Option<f64>,
    win_rate: Option<f64>,
    pipeline_coverage: Option<f64>,
    revenue_per_period: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawCapacity {
    leads_per_rep_week: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawLimits {
    max_expanded_mb: u64,
}

impl Default for RawLimits {
    fn default() -> Self {
        RawLimits {
            max_expanded_mb: 4096,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawSources {
    functions: BTreeMap<String, String>,
    channels: BTreeMap<String, String>,
    attribution: super::sources::Attribution,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawPrivacy {
    owners: OwnerDisplay,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawHours {
    projects: BTreeMap<String, String>,
    tags: BTreeMap<String, String>,
}

type Invalid = (String, String);

fn invalid(key: &str, message: impl Into<String>) -> Invalid {
    (key.to_string(), message.into())
}

impl RawSettings {
    pub(super) fn validate(self) -> Result<Settings, Invalid> {
        if !(1..=12).contains(&self.fiscal_year_start) {
            return Err(invalid(
                "fiscal_year_start",
                format!(
                    "found {}, expected a month number from 1 to 12",
                    self.fiscal_year_start
                ),
            ));
        }
        let currency = validate_currency("currency", &self.currency)?;
        let fx = validate_fx(self.fx)?;
        let as_of = self.as_of.as_deref().map(parse_as_of).transpose()?;
        Ok(Settings {
            company: self.company,
            currency,
            fx,
            fiscal_year_start: self.fiscal_year_start,
            period: self.period,
            as_of,
            sla: self.sla.validate()?,
            targets: self.targets.validate()?,
            leads_per_rep_week: positive(
                "capacity.leads_per_rep_week",
                self.capacity.leads_per_rep_week,
            )?,
            sources: self.sources.validate()?,
            privacy: self.privacy.owners,
            stages: validate_stages(self.stages)?,
            max_expanded_bytes: validate_limit(self.limits.max_expanded_mb)?,
            hours: self.hours.validate()?,
            columns: self
                .columns
                .into_iter()
                .map(|(key, raw)| {
                    let names = raw
                        .names
                        .into_iter()
                        .map(|(k, v)| (k.trim().to_lowercase(), v))
                        .collect();
                    (
                        key,
                        ColumnOverrides {
                            date_order: raw.date_order,
                            names,
                        },
                    )
                })
                .collect(),
        })
    }
}

fn validate_limit(megabytes: u64) -> Result<u64, Invalid> {
    if megabytes == 0 {
        return Err(invalid(
            "limits.max_expanded_mb",
            "found 0, expected a size in megabytes above 0",
        ));
    }
    Ok(megabytes.saturating_mul(1024 * 1024))
}

fn validate_stages(stages: BTreeMap<String, String>) -> Result<BTreeMap<String, Outcome>, Invalid> {
    stages
        .into_iter()
        .map(|(stage, outcome)| {
            let parsed = match outcome.trim().to_lowercase().as_str() {
                "won" => Outcome::Won,
                "lost" => Outcome::Lost,
                "open" => Outcome::Open,
                _ => {
                    return Err(invalid(
                        &format!("stages.{stage}"),
                        format!("found {outcome:?}, expected one of won, lost, open"),
                    ));
                }
            };
            Ok((super::stage_key(&stage), parsed))
        })
        .collect()
}

fn validate_currency(key: &str, code: &str) -> Result<String, Invalid> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(invalid(
            key,
            format!("found {code:?}, expected a three-letter ISO code such as \"USD\""),
        ))
    }
}

fn validate_fx(fx: BTreeMap<String, f64>) -> Result<BTreeMap<String, f64>, Invalid> {
    fx.into_iter()
        .map(|(code, rate)| {
            let key = format!("fx.{code}");
            let code = validate_currency(&key, &code)?;
            let rate = positive(&key, Some(rate))?.unwrap_or(rate);
            Ok((code, rate))
        })
        .collect()
}

fn parse_as_of(text: &str) -> Result<NaiveDateTime, Invalid> {
    let text = text.trim();
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .or_else(|_| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(|d| d.and_hms_opt(23, 59, 59).expect("valid time"))
        })
        .map_err(|_| {
            invalid(
                "as_of",
                format!(
                    "found {text:?}, expected a date like \"2026-09-30\" or \"2026-09-30T18:00:00\""
                ),
            )
        })
}

fn positive(key: &str, value: Option<f64>) -> Result<Option<f64>, Invalid> {
    match value {
        Some(v) if !(v.is_finite() && v > 0.0) => Err(invalid(
            key,
            format!("found {v}, expected a number above 0"),
        )),
        other => Ok(other),
    }
}

fn share(key: &str, value: Option<f64>) -> Result<Option<f64>, Invalid> {
    match value {
        Some(v) if !(0.0..=1.0).contains(&v) => Err(invalid(
            key,
            format!("found {v}, expected a fraction from 0 to 1 (0.3 for 30%)"),
        )),
        other => Ok(other),
    }
}

impl RawSla {
    fn validate(self) -> Result<Sla, Invalid> {
        positive("sla.first_touch_hours", Some(self.first_touch_hours))?;
        if self.drop_after_days < 1 {
            return Err(invalid(
                "sla.drop_after_days",
                format!(
                    "found {}, expected a whole number of days, at least 1",
                    self.drop_after_days
                ),
            ));
        }
        Ok(Sla {
            first_touch_hours: self.first_touch_hours,
            drop_after_days: self.drop_after_days,
        })
    }
}

impl RawTargets {
    fn validate(self) -> Result<Targets, Invalid> {
        Ok(Targets {
            marketing_share: share("targets.marketing_share", self.marketing_share)?,
            mql_to_sql: share("targets.mql_to_sql", self.mql_to_sql)?,
            win_rate: share("targets.win_rate", self.win_rate)?,
            pipeline_coverage: positive("targets.pipeline_coverage", self.pipeline_coverage)?,
            revenue_per_period: positive("targets.revenue_per_period", self.revenue_per_period)?,
        })
    }
}

impl RawSources {
    fn validate(self) -> Result<SourceMap, Invalid> {
        let mut map = SourceMap::with_defaults();
        map.attribution = self.attribution;
        for (source, name) in self.functions {
            let function = Function::parse(&name).ok_or_else(|| {
                invalid(
                    &format!("sources.functions.{source}"),
                    format!("found {name:?}, expected one of marketing, sales, partner, unknown"),
                )
            })?;
            map.set_function(&source, function);
        }
        for (source, key) in self.channels {
            let channel = Channel::parse(&key).ok_or_else(|| {
                invalid(
                    &format!("sources.channels.{source}"),
                    format!("found {key:?}, expected one of google_ads, meta_ads, linkedin_ads, microsoft_ads"),
                )
            })?;
            map.set_channel(&source, channel);
        }
        Ok(map)
    }
}

impl RawHours {
    fn validate(self) -> Result<HoursMap, Invalid> {
        let mut map = HoursMap::default();
        for (project, name) in self.projects {
            map.set_project(&project, hours_function("projects", &project, &name)?);
        }
        for (tag, name) in self.tags {
            map.set_tag(&tag, hours_function("tags", &tag, &name)?);
        }
        Ok(map)
    }
}

fn hours_function(table: &str, name: &str, function: &str) -> Result<Function, Invalid> {
    Function::parse(function.trim()).ok_or_else(|| {
        invalid(
            &format!("hours.{table}.{name}"),
            format!("found {function:?}, expected one of marketing, sales, partner, unknown"),
        )
    })
}
