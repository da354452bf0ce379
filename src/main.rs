//! The `equinox` binary: parse the command line, call the library, print the
//! outcome or the error chain once, exit with the documented code.

mod cli;

use clap::Parser;
use cli::{Cli, Command};
use equinox::{BuildOptions, Error, demo};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            input,
            output,
            strict,
        } => build(BuildOptions {
            input,
            output,
            strict,
        }),
        Command::Check { input } => check(&input),
        Command::Demo { leads, seed, out } => write_demo(leads, seed, &out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            print_error(&error);
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn build(options: BuildOptions) -> Result<(), Error> {
    let summary = equinox::build(&options)?;
    let t = summary.totals;
    println!(
        "Wrote {} review(s) ({}) to {}",
        summary.reviews.len(),
        summary.reviews.join(", "),
        summary.output.join("index.html").display()
    );
    println!(
        "{} files read, {} rows used, {} rows rejected, {} lines skipped{}",
        t.files,
        t.rows_used,
        t.rows_rejected,
        t.lines_skipped,
        if summary.unread_files > 0 {
            format!(", {} file(s) not recognised", summary.unread_files)
        } else {
            String::new()
        }
    );
    if t.rows_rejected > 0 || summary.unread_files > 0 {
        println!("See the Data section of each review for every rejected row and file.");
    }
    Ok(())
}

fn check(input: &std::path::Path) -> Result<(), Error> {
    let report = equinox::check(input)?;
    print!("{}", report.text);
    if report.problems > 0 {
        return Err(Error::Problems {
            problems: report.problems,
        });
    }
    Ok(())
}

fn write_demo(leads: usize, seed: u64, out: &std::path::Path) -> Result<(), Error> {
    let summary = demo::write_demo(&demo::DemoOptions { leads, seed }, out).map_err(|source| {
        Error::Read {
            path: out.to_path_buf(),
            source,
        }
    })?;
    println!(
        "Wrote {} demo files to {} ({} leads, {} deals, {} ad spend rows)",
        summary.files.len(),
        out.display(),
        summary.leads,
        summary.deals,
        summary.spend_rows
    );
    Ok(())
}

/// Prints the error and every cause once: `error: a: b: c`.
fn print_error(error: &Error) {
    let mut message = format!("error: {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    eprintln!("{message}");
}
