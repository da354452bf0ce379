//! The commands of the `equinox` binary, apart from the stages they call.
//! Each is a thin sequence of library calls (see the crate root for the
//! stages) plus what it reports; the binary only parses the command line,
//! calls one of these and prints the outcome or the error chain.

pub mod build;
pub mod check;
pub mod demo;
pub mod init;
pub mod publish;
pub mod serve;

pub use build::{BuildOptions, BuildSummary, build, build_with};
pub use check::check;
pub use publish::{PublishOptions, PublishSummary, publish};

use crate::Error;

/// A command that failed: the error, and what it printed before it failed
/// (`check` lists every problem, then fails).
#[derive(Debug)]
pub struct Failure {
    pub output: String,
    pub error: Error,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            output: String::new(),
            error,
        }
    }
}

/// What a command prints on success, or its failure.
pub type Outcome = Result<String, Failure>;
