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
    plan: RawPlan,
    limits: RawLimits,
    hours: RawHours,
    /// `[columns."<file or export>"]`: `date_order` plus column renames,
    /// kept as TOML values so a value of the wrong type is reported at its
    /// own line (serde's `flatten` loses the place).
    columns: BTreeMap<String, BTreeMap<String, toml::Value>>,
    templates: Option<String>,
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
            plan: RawPlan::default(),
            limits: RawLimits::default(),
            hours: RawHours::default(),
            columns: BTreeMap::new(),
            templates: None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawSla {
    first_touch_hours: f64,
    drop_after_days: i64,
    within_share: f64,
}

impl Default for RawSla {
    fn default() -> Self {
        RawSla {
            first_touch_hours: 24.0,
            drop_after_days: 7,
            // Nine leads in ten touched in time: the share a follow-up
            // desk that works its queue daily reaches; the rest are nights
            // and holidays.
            within_share: 0.9,
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
    workable_days: Option<i64>,
}

/// Age in days up to which an untouched lead counts as workable: a rep
/// still calls a lead of a few weeks; one of months is gone.
const WORKABLE_DAYS: i64 = 30;

/// `[plan]`: `stage_weights`, open stage label to the share of its
/// amount expected to be won.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawPlan {
    stage_weights: BTreeMap<String, f64>,
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
        let templates = self.templates.map(|t| validate_templates(&t)).transpose()?;
        Ok(Settings {
            company: self.company,
            currency,
            fx,
            fiscal_year_start: self.fiscal_year_start,
            period: self.period,
            as_of,
            sla: self.sla.validate()?,
            targets: self.targets.validate()?,
            leads_per_rep_week: within(
                "capacity.leads_per_rep_week",
                self.capacity.leads_per_rep_week,
                LEADS_PER_REP_WEEK,
            )?,
            workable_days: within(
                "capacity.workable_days",
                self.capacity.workable_days.map(|d| d as f64),
                DROP_AFTER_DAYS,
            )?
            .map_or(WORKABLE_DAYS, |d| d as i64),
            sources: self.sources.validate()?,
            privacy: self.privacy.owners,
            stages: validate_stages(self.stages)?,
            stage_weights: validate_stage_weights(self.plan.stage_weights)?,
            max_expanded_bytes: validate_limit(self.limits.max_expanded_mb)?,
            hours: self.hours.validate()?,
            columns: self
                .columns
                .into_iter()
                .map(|(key, raw)| Ok((key.clone(), validate_columns(&key, raw)?)))
                .collect::<Result<_, Invalid>>()?,
            templates,
            source: super::SettingsSource::default(),
        })
    }
}

/// A setting's allowed range, inclusive, and what its unit is called.
struct Range {
    min: f64,
    max: f64,
    what: &'static str,
}

/// Wide enough for any team, narrow enough that no figure overflows.
const LEADS_PER_REP_WEEK: Range = Range {
    min: 0.01,
    max: 10_000.0,
    what: "leads per rep per week",
};
const FIRST_TOUCH_HOURS: Range = Range {
    min: 0.01,
    max: 8_760.0,
    what: "hours (at most a year)",
};
const DROP_AFTER_DAYS: Range = Range {
    min: 1.0,
    max: 3_650.0,
    what: "whole days (at most ten years)",
};
const FX_RATE: Range = Range {
    min: 1e-6,
    max: 1e6,
    what: "units of the base currency",
};
const COVERAGE: Range = Range {
    min: 0.01,
    max: 1_000.0,
    what: "times the target",
};
const REVENUE: Range = Range {
    min: 0.01,
    max: 1e15,
    what: "in the base currency",
};
const STAGE_WEIGHT: Range = Range {
    min: 0.0,
    max: 1.0,
    what: "(the share of the deal's amount expected to be won)",
};
const EXPANDED_MB: Range = Range {
    min: 1.0,
    max: 1_048_576.0,
    what: "megabytes (at most a terabyte)",
};

/// `value` when it lies in `range`; otherwise the error naming the setting.
fn within(key: &str, value: Option<f64>, range: Range) -> Result<Option<f64>, Invalid> {
    match value {
        Some(v) if !(v.is_finite() && (range.min..=range.max).contains(&v)) => Err(invalid(
            key,
            format!(
                "found {v}, expected a number from {} to {} {}",
                range.min, range.max, range.what
            ),
        )),
        other => Ok(other),
    }
}

fn validate_limit(megabytes: u64) -> Result<u64, Invalid> {
    within(
        "limits.max_expanded_mb",
        Some(megabytes as f64),
        EXPANDED_MB,
    )?;
    Ok(megabytes * 1024 * 1024)
}

/// The templates folder: any path, relative to the input folder.
fn validate_templates(folder: &str) -> Result<std::path::PathBuf, Invalid> {
    if folder.trim().is_empty() {
        return Err(invalid(
            "templates",
            "found an empty path, expected a folder such as \"templates\"",
        ));
    }
    Ok(std::path::PathBuf::from(folder))
}

/// One `[columns]` table: every value must be text; `date_order` one of
/// its two words.
fn validate_columns(
    table: &str,
    raw: BTreeMap<String, toml::Value>,
) -> Result<ColumnOverrides, Invalid> {
    let mut overrides = ColumnOverrides::default();
    for (name, value) in raw {
        let key = format!("columns.\"{table}\".{name}");
        let toml::Value::String(text) = value else {
            return Err(invalid(
                &key,
                format!(
                    "found {} {value}, expected text in quotes (the column's header)",
                    value.type_str()
                ),
            ));
        };
        if name == "date_order" {
            overrides.date_order = Some(match text.as_str() {
                "month-first" => DateOrder::MonthFirst,
                "day-first" => DateOrder::DayFirst,
                _ => {
                    return Err(invalid(
                        &key,
                        format!("found {text:?}, expected one of month-first, day-first"),
                    ));
                }
            });
        } else {
            overrides.names.insert(name.trim().to_lowercase(), text);
        }
    }
    Ok(overrides)
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

fn validate_stage_weights(
    weights: BTreeMap<String, f64>,
) -> Result<BTreeMap<String, f64>, Invalid> {
    weights
        .into_iter()
        .map(|(stage, weight)| {
            let key = format!("plan.stage_weights.{stage}");
            within(&key, Some(weight), STAGE_WEIGHT)?;
            Ok((super::stage_key(&stage), weight))
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
            let rate = within(&key, Some(rate), FX_RATE)?.unwrap_or(rate);
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
        within(
            "sla.first_touch_hours",
            Some(self.first_touch_hours),
            FIRST_TOUCH_HOURS,
        )?;
        within(
            "sla.drop_after_days",
            Some(self.drop_after_days as f64),
            DROP_AFTER_DAYS,
        )?;
        Ok(Sla {
            first_touch_hours: self.first_touch_hours,
            drop_after_days: self.drop_after_days,
            within_share: share("sla.within_share", Some(self.within_share))?.unwrap_or(0.9),
        })
    }
}

impl RawTargets {
    fn validate(self) -> Result<Targets, Invalid> {
        Ok(Targets {
            marketing_share: share("targets.marketing_share", self.marketing_share)?,
            mql_to_sql: share("targets.mql_to_sql", self.mql_to_sql)?,
            win_rate: share("targets.win_rate", self.win_rate)?,
            pipeline_coverage: within(
                "targets.pipeline_coverage",
                self.pipeline_coverage,
                COVERAGE,
            )?,
            revenue_per_period: within(
                "targets.revenue_per_period",
                self.revenue_per_period,
                REVENUE,
            )?,
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
