//! The `equinox` binary: parse the command line, run one command of
//! `equinox::cmd`, print its outcome or the error chain once, exit with the
//! documented code.
//!
//! Exit codes: 0 ok, 1 build failed, 2 usage or settings error, 3 rows
//! rejected under `--strict` (or any problem found by `check`).

mod cli;
mod terminal;

use clap::{CommandFactory, Parser};
use cli::{Cli, Command};
use equinox::Error;
use equinox::cmd::{self, Failure, Outcome};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    equinox::memory::return_large_blocks_promptly();
    let Cli {
        command,
        quiet,
        verbose,
    } = Cli::parse();
    let result = match command {
        Command::Build {
            input,
            output,
            strict,
            accept_restated,
            open,
        } => {
            let options = cmd::BuildOptions {
                input,
                output,
                strict,
                accept_restated,
            };
            let bar = terminal::Bar::new(quiet);
            cmd::build::run(&options, open, verbose, &bar)
        }
        Command::Check { input } => cmd::check::run(&input),
        Command::Publish { period, input, at } => cmd::publish::run(&cmd::PublishOptions {
            input,
            period,
            at: at.unwrap_or_else(now_utc),
        }),
        Command::Serve {
            input,
            output,
            port,
        } => serve(input, output, port),
        Command::Init { dir, today } => cmd::init::run(&dir, today.unwrap_or_else(today_utc)),
        Command::Completions { shell } => Ok(completions(shell)),
        Command::Man => man(),
        Command::Demo {
            leads,
            seed,
            activity_order,
            out,
            replace,
            scenario,
        } => cmd::demo::run(
            &cmd::demo::DemoOptions {
                leads,
                seed,
                activity_order,
            },
            scenario,
            &out,
            replace,
        ),
    };
    match result {
        Ok(text) => {
            if !quiet {
                emit(&text);
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            emit(&failure.output);
            print_error(&failure.error);
            ExitCode::from(failure.error.exit_code() as u8)
        }
    }
}

/// Writes to stdout; a reader that went away (`| head`) is not an error.
fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// `equinox serve`: the preview server runs until stopped; it prints
/// where it listens and each rebuild's outcome as they happen.
fn serve(input: PathBuf, output: PathBuf, port: u16) -> Outcome {
    let options = cmd::BuildOptions {
        input: input.clone(),
        output,
        strict: false,
        accept_restated: Vec::new(),
    };
    let ready = |address| {
        emit(&format!(
            "Serving the reviews on http://{address}/ ; rebuilding when {} or its templates change. Ctrl-C stops.\n",
            input.display()
        ));
    };
    let report = |outcome: &str| {
        let _ = writeln!(anstream::stderr(), "{outcome}");
    };
    cmd::serve::serve(options, port, ready, report).map_err(|e| Failure::from(Error::Serve(e)))?;
    Ok(String::new())
}

/// Now, from the system clock: only `publish` asks, to record when.
fn now_utc() -> chrono::DateTime<chrono::Utc> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(seconds as i64, 0).unwrap_or_default()
}

/// Today's date from the system clock: only `init` asks, to name a note.
fn today_utc() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::default() + chrono::Days::new(days)
}

fn completions(shell: clap_complete::Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "equinox", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

fn man() -> Outcome {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|source| Error::Write {
            path: "the manual page".into(),
            source,
        })?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}

/// Prints the error and every cause once: `error: a: b: c`, the label in
/// bold red on a terminal (anstream drops colour anywhere else).
fn print_error(error: &Error) {
    let red = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let message = equinox::error_chain(error);
    let _ = writeln!(anstream::stderr(), "{red}error:{red:#} {message}");
}
