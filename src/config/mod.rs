//! Review settings: equinox.toml parsed, then validated into [`Settings`].
//!
//! Parsing is strict (`deny_unknown_fields` on every table) so a typo fails
//! with the line, the column and the valid keys instead of being ignored.

mod hours;
mod locate;
mod raw;
mod sources;
pub mod stages;

pub use hours::HoursMap;
pub use sources::{Attribution, SourceMap};

use crate::model::{Function, Outcome, PeriodKind};

/// A stage name as compared: lower case, without spaces.
pub fn stage_key(stage: &str) -> String {
    stage.to_lowercase().split_whitespace().collect()
}
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Validated review settings, every default filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub company: String,
    /// ISO code of the base currency every amount is converted to.
    pub currency: String,
    /// Fixed exchange rates: one unit of the key currency in base currency.
    pub fx: BTreeMap<String, f64>,
    /// First month of the fiscal year, 1..=12.
    pub fiscal_year_start: u32,
    pub period: PeriodKind,
    /// Data cut-off; `None` means the newest timestamp in the data.
    pub as_of: Option<NaiveDateTime>,
    pub sla: Sla,
    pub targets: Targets,
    /// Fixed per-rep weekly throughput, overriding the measured one.
    pub leads_per_rep_week: Option<f64>,
    /// Age in days up to which an untouched lead is workable (`[capacity]
    /// workable_days`, default 30): the queue's workable part, the weeks
    /// of leads in hand and the capacity evidence count only these.
    pub workable_days: i64,
    pub sources: SourceMap,
    pub privacy: OwnerDisplay,
    /// Deal stage names (normalised: lower case, no spaces) to outcomes,
    /// from `[stages]`; the default closed stage names are added by
    /// [`Settings::stage_outcome`].
    pub stages: BTreeMap<String, Outcome>,
    /// Open deal stages (normalised as `stages`) to the share of their
    /// amount the plan expects to be won (`[plan] stage_weights`, each
    /// 0 to 1); used where a deal has no probability of its own and its
    /// stage is not one of HubSpot's default pipeline.
    pub stage_weights: BTreeMap<String, f64>,
    /// Most bytes a compressed export may expand to (`[limits]
    /// max_expanded_mb`, default 4096): a guard against gzip bombs.
    pub max_expanded_bytes: u64,
    /// Time-log projects and tags to functions (`[hours]`).
    pub hours: HoursMap,
    /// Column overrides by file path (relative to the input folder, `/`
    /// separators) or by export name ("HubSpot contacts").
    pub columns: BTreeMap<String, ColumnOverrides>,
    /// A folder (relative to the input folder) whose templates replace the
    /// built-in ones of the same name (`templates`); none by default.
    pub templates: Option<PathBuf>,
    /// The file these settings were parsed from, kept so a setting found
    /// invalid later (against the data or the profiles) is located in the
    /// text that was parsed, not in a second reading of the file.
    pub source: SettingsSource,
}

/// equinox.toml as it was parsed, its path and its text; none for the
/// defaults. Not a setting: settings equal in every value are equal
/// whatever file they came from.
#[derive(Debug, Clone, Default)]
pub struct SettingsSource(Option<std::sync::Arc<Parsed>>);

/// One parsed equinox.toml: where it is, its text and where the parser
/// found each value.
#[derive(Debug)]
struct Parsed {
    path: PathBuf,
    text: String,
    spans: locate::Spans,
}

impl PartialEq for SettingsSource {
    fn eq(&self, _: &SettingsSource) -> bool {
        true
    }
}

/// How slash dates in a column put day and month (`date_order =
/// "month-first"` or `"day-first"` in `[columns]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `7/14/2026` (US).
    MonthFirst,
    /// `14/7/2026` (most of the world).
    DayFirst,
}

/// Overrides for one file or one export: renamed columns and date order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnOverrides {
    pub date_order: Option<DateOrder>,
    /// Equinox's column name (as in docs/inputs.md, lower case) to the
    /// header this file uses instead.
    pub names: BTreeMap<String, String>,
}

/// Follow-up service levels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sla {
    /// A lead should be touched within this many hours (default 24).
    pub first_touch_hours: f64,
    /// Untouched this many days counts as dropped (default 7).
    pub drop_after_days: i64,
    /// Target share of leads touched within `first_touch_hours` (default
    /// 0.9): the headline follow-up figure's target.
    pub within_share: f64,
}

/// Targets the headline figures are judged against; every one optional.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Targets {
    pub marketing_share: Option<f64>,
    pub mql_to_sql: Option<f64>,
    pub win_rate: Option<f64>,
    pub pipeline_coverage: Option<f64>,
    pub revenue_per_period: Option<f64>,
}

/// How sales reps' names appear on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnerDisplay {
    #[default]
    Names,
    Initials,
    Hidden,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_raw(raw::RawSettings::default()).expect("defaults are valid")
    }
}

/// A configuration problem, with the place it was found.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    File(#[from] crate::input_file::InputFileError),
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("{path}: {key}: {message}{at}")]
    Invalid {
        path: PathBuf,
        key: String,
        message: String,
        /// Where in the file: line, column, the line and a caret.
        at: String,
    },
}

impl ConfigError {
    /// A value that parsed but is not valid, located by the parser's
    /// `spans` of `text`.
    fn invalid(
        path: &Path,
        text: &str,
        spans: &locate::Spans,
        key: String,
        message: String,
    ) -> ConfigError {
        let at = locate::excerpt(text, spans, &key);
        ConfigError::Invalid {
            path: path.to_path_buf(),
            key,
            message,
            at,
        }
    }
}

impl Settings {
    /// Reads `equinox.toml` from the input folder (a regular file inside
    /// it, see [`crate::input_file`]); a missing file means defaults.
    pub fn load(input: &Path) -> Result<Settings, ConfigError> {
        let path = input.join("equinox.toml");
        match crate::input_file::read_text(input, &path)? {
            Some(text) => Settings::parse(&text, &path),
            None => Ok(Settings::default()),
        }
    }

    /// Parses and validates settings text; `path` only names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Settings, ConfigError> {
        let parse_error = |e: toml::de::Error| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        let table = toml::de::DeTable::parse(text).map_err(parse_error)?;
        let spans = locate::Spans::of(table.get_ref());
        let raw = raw::RawSettings::deserialize(toml::de::Deserializer::from(table)).map_err(
            |mut e| {
                // The parsed table no longer holds the text the message
                // quotes the line from.
                e.set_input(Some(text));
                parse_error(e)
            },
        )?;
        let mut settings = Settings::from_raw(raw)
            .map_err(|(key, message)| ConfigError::invalid(path, text, &spans, key, message))?;
        settings.source = SettingsSource(Some(std::sync::Arc::new(Parsed {
            path: path.to_path_buf(),
            text: text.to_string(),
            spans,
        })));
        Ok(settings)
    }

    /// A setting that parsed but is found invalid later, located in the
    /// text it was parsed from (`input` names the file when the settings
    /// are the defaults, with no file behind them).
    pub fn invalid(&self, input: &Path, key: String, message: String) -> ConfigError {
        match &self.source.0 {
            Some(p) => ConfigError::invalid(&p.path, &p.text, &p.spans, key, message),
            None => ConfigError::invalid(
                &input.join("equinox.toml"),
                "",
                &locate::Spans::default(),
                key,
                message,
            ),
        }
    }

    fn from_raw(raw: raw::RawSettings) -> Result<Settings, (String, String)> {
        raw.validate()
    }

    /// The overrides that apply to a file recognised as `profile`: the
    /// file's own entry wins over the export's.
    pub fn overrides_for(&self, path: &str, profile: &str) -> Option<&ColumnOverrides> {
        self.columns.get(path).or_else(|| self.columns.get(profile))
    }

    /// How a deal stage label is placed: `[stages]` in equinox.toml
    /// first, then the default closed stages `Closed Won` and `Closed
    /// Lost` (any case and spacing, as HubSpot, Salesforce and Pipedrive
    /// write them), then the label's words ([`stages::by_words`]).
    pub fn stage_placement(&self, stage: &str) -> stages::Placement {
        let key = stage_key(stage);
        let named = self.stages.get(&key).copied().or(match key.as_str() {
            "closedwon" => Some(Outcome::Won),
            "closedlost" => Some(Outcome::Lost),
            _ => None,
        });
        match named {
            Some(outcome) => stages::Placement::Named(outcome),
            None => stages::by_words(stage),
        }
    }

    /// The outcome a deal stage label means, if it says one (see
    /// [`Settings::stage_placement`]).
    pub fn stage_outcome(&self, stage: &str) -> Option<Outcome> {
        self.stage_placement(stage).outcome()
    }

    /// Checks `as_of` against the days the data spans: not before its
    /// first day, and at most two periods after its last (room for the
    /// review of a quarter that has only begun), so a mistyped
    /// year cannot ask for thousands of empty reviews (or for none).
    /// Returns the setting's key and the message when it is outside.
    pub fn check_as_of(&self, first: NaiveDate, last: NaiveDate) -> Result<(), (String, String)> {
        let Some(as_of) = self.as_of.map(|a| a.date()) else {
            return Ok(());
        };
        let slack = match self.period {
            PeriodKind::Month => 62,
            PeriodKind::Quarter => 184,
            PeriodKind::Half => 366,
        };
        let latest = last + chrono::Days::new(slack);
        if (first..=latest).contains(&as_of) {
            return Ok(());
        }
        let side = if as_of < first {
            format!("before the oldest date in the data ({first})")
        } else {
            format!("more than two periods after the newest date in the data ({last})")
        };
        Err((
            "as_of".to_string(),
            format!("found {as_of}, which is {side}; expected a date from {first} to {latest}"),
        ))
    }

    /// The function a lead or deal source maps to.
    pub fn function_of(&self, source: &str) -> Function {
        self.sources.function_of(source)
    }
}
