//! Errors that stop a run. Rejected rows are not errors: they go to the
//! ledger and the run goes on (unless `--strict`).

use std::path::PathBuf;

/// A fatal problem, with the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the input folder {path} does not exist; create it with your exports or pass --input")]
    InputMissing { path: PathBuf },
    #[error("{path} already exists; init makes a new input folder and never overwrites one")]
    AlreadyInitialised { path: PathBuf },
    #[error(
        "{path} exists and is not an empty folder; demo writes into a new or empty folder (add --replace to overwrite its equinox.toml and exports)"
    )]
    NotEmpty { path: PathBuf },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid settings")]
    Config(#[from] crate::config::ConfigError),
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    InputFile(#[from] crate::input_file::InputFileError),
    #[error(
        "no usable data in {input}: no file held leads, deals, ad spend or hours; `equinox check --input {input}` lists every file and why it was not used"
    )]
    NoData { input: PathBuf },
    #[error("strict mode: {rejected} row(s) rejected and {unread_files} file(s) not read")]
    Strict { rejected: u64, unread_files: u64 },
    #[error(
        "strict mode: {} changed since publication (figures restated, or no review built any more); read the restatement at the top of the review, then `equinox publish PERIOD` to record the new figures or pass --accept-restated PERIOD", periods.join(", ")
    )]
    Restated { periods: Vec<String> },
    #[error(transparent)]
    Publish(#[from] crate::publish::PublishError),
    #[error("{problems} problem(s) in the input; each is listed above")]
    Problems { problems: u64 },
    #[error("the site would contain the email address of a lead, in {}; nothing was written (a template or note may print personal data)", files.join(", "))]
    PrivacyLeak { files: Vec<String> },
    #[error(transparent)]
    Serve(#[from] crate::cmd::serve::ServeError),
    #[error("cannot render the site")]
    Template(#[from] crate::render::TemplateError),
    #[error("cannot write the site")]
    Site(#[from] crate::site::SiteError),
}

/// An error and every cause behind it on one line, `a: b: c`: the one
/// way the program prints an error (the terminal, the preview's banner,
/// a template's message).
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

impl Error {
    /// The documented exit code: 2 for usage and settings errors, 3 for
    /// strict-mode rejections, 1 for any other failed build.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Config(_)
            | Error::InputFile(_)
            | Error::NotEmpty { .. }
            | Error::InputMissing { .. }
            | Error::AlreadyInitialised { .. } => 2,
            Error::Strict { .. } | Error::Problems { .. } | Error::Restated { .. } => 3,
            Error::Publish(e) => e.exit_code(),
            _ => 1,
        }
    }
}
