//! The command line: clap definitions; the doc comments are the --help text.

use clap::{Parser, Subcommand};
use equinox::cmd::demo::ActivityOrder;
use std::path::PathBuf;

/// Equinox: quarterly sales and marketing balance reviews from your CRM and
/// ad-platform exports.
#[derive(Debug, Parser)]
#[command(name = "equinox", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print how long each stage took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the review site from the exports in the input folder.
    Build {
        /// Folder with equinox.toml, notes/ and the exports.
        #[arg(long, default_value = "input")]
        input: PathBuf,
        /// Where to write the site (replaced by each build).
        #[arg(long, default_value = "site")]
        output: PathBuf,
        /// Fail (exit code 3) when any row is rejected, any file is not
        /// read, or a published review's figures changed.
        #[arg(long)]
        strict: bool,
        /// Let --strict pass although this published period was restated
        /// (repeat for several: --accept-restated 2026-Q3).
        #[arg(long, value_name = "PERIOD")]
        accept_restated: Vec<String>,
        /// Open the newest review in the default browser afterwards.
        #[arg(long)]
        open: bool,
    },
    /// Record a review's figures as published, in published/PERIOD.json of
    /// the input folder (keep it with the exports): later builds compare
    /// their figures with it and show any restatement.
    Publish {
        /// The period to publish, e.g. 2026-Q3.
        period: String,
        /// Folder with equinox.toml, notes/ and the exports.
        #[arg(long, default_value = "input")]
        input: PathBuf,
        /// The moment to record instead of now, e.g. 2026-10-05T09:00:00Z (tests).
        #[arg(long, hide = true)]
        at: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Build, serve the site on 127.0.0.1 and rebuild when the input folder
    /// or the templates change; open pages reload by themselves.
    Serve {
        /// Folder with equinox.toml, notes/ and the exports.
        #[arg(long, default_value = "input")]
        input: PathBuf,
        /// Where to write the site.
        #[arg(long, default_value = "site")]
        output: PathBuf,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Read and validate every export without writing a site; exit code 3
    /// when any row is rejected or any file not read.
    Check {
        /// Folder with equinox.toml, notes/ and the exports.
        #[arg(long, default_value = "input")]
        input: PathBuf,
    },
    /// Make a new input folder: a commented equinox.toml, a commentary
    /// template for this quarter and an exports/ folder; prints where to
    /// download each export.
    Init {
        /// The folder to create.
        #[arg(default_value = "input")]
        dir: PathBuf,
        /// The day that picks the quarter of the commentary template (tests).
        #[arg(long, hide = true)]
        today: Option<chrono::NaiveDate>,
    },
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `equinox man > equinox.1`.
    Man,
    /// Write a fictional company's exports, for trying Equinox out.
    Demo {
        /// Leads over the demo year.
        #[arg(long, default_value_t = 3000)]
        leads: usize,
        /// Seed of the generator: same seed, same files.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Order of the activity export's rows: by date as HubSpot and
        /// Salesforce export them, contact by contact, or shuffled.
        #[arg(long, value_enum, default_value_t = ActivityOrder::Date)]
        activity_order: ActivityOrder,
        /// Folder to write into: a new or empty one (a mistyped path must
        /// not overwrite someone's exports).
        #[arg(long)]
        out: PathBuf,
        /// Write into a folder that is not empty, overwriting the
        /// equinox.toml and export files the demo writes.
        #[arg(long)]
        replace: bool,
        /// Which company: `northwind` (MQL stage dates, an activity
        /// export) or `skips-mql` (a portal without MQL and SQL stages or
        /// activities, where every fallback of the review is used).
        #[arg(long, value_enum, default_value_t = equinox::cmd::demo::Scenario::Northwind)]
        scenario: equinox::cmd::demo::Scenario,
    },
}
