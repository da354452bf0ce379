//! The `equinox` binary: parse the command line, call the library, print the
//! outcome or the error chain once, exit with the documented code.
//!
//! Exit codes: 0 ok, 1 build failed, 2 usage or settings error, 3 rows
//! rejected under `--strict` (or any problem found by `check`).

mod cli;
mod terminal;

use clap::{CommandFactory, Parser};
use cli::{Cli, Command};
use equinox::{BuildOptions, Error, demo};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
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
        } => build(
            BuildOptions {
                input,
                output,
                strict,
                accept_restated,
            },
            open,
            quiet,
            verbose,
        ),
        Command::Check { input } => check(&input),
        Command::Publish { period, input, at } => publish(equinox::PublishOptions {
            input,
            period,
            at: at.unwrap_or_else(now_utc),
        }),
        Command::Serve {
            input,
            output,
            port,
        } => serve(input, output, port),
        Command::Init { dir, today } => init(&dir, today),
        Command::Completions { shell } => Ok(completions(shell)),
        Command::Man => man(),
        Command::Demo {
            leads,
            seed,
            activity_order,
            out,
            replace,
            scenario,
        } => write_demo(
            &demo::DemoOptions {
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

/// An error, with what the command printed before it failed.
struct Failure {
    output: String,
    error: Error,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            output: String::new(),
            error,
        }
    }
}

type Outcome = Result<String, Failure>;

/// Writes to stdout; a reader that went away (`| head`) is not an error.
fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn build(options: BuildOptions, open: bool, quiet: bool, verbose: bool) -> Outcome {
    let bar = terminal::Bar::new(quiet);
    let summary = equinox::build_with(&options, &bar);
    equinox::progress::Progress::finished(&bar);
    let summary = summary?;
    let t = summary.totals;
    let mut text = String::new();
    if let Some((folder, names)) = &summary.templates {
        let replaced = match names.len() {
            0 => "none of the built-in templates".to_string(),
            _ => names.join(", "),
        };
        let _ = writeln!(
            text,
            "Templates from {} (the `templates` setting) replace: {replaced}",
            folder.display()
        );
    }
    let _ = writeln!(
        text,
        "Wrote {} review(s) ({}) to {}",
        summary.reviews.len(),
        summary.reviews.join(", "),
        summary.output.join("index.html").display()
    );
    let unread = match summary.unread_files {
        0 => String::new(),
        n => format!(", {n} file(s) not recognised"),
    };
    let _ = writeln!(
        text,
        "{} files read, {} rows used, {} rows rejected, {} lines skipped{unread}",
        t.files, t.rows_used, t.rows_rejected, t.lines_skipped
    );
    for (path, problem) in &summary.unread {
        let _ = writeln!(text, "  not read: {path}: {problem}");
    }
    if t.rows_rejected > 0 || summary.unread_files > 0 {
        text.push_str("See the Data section of each review for every rejected row and file.\n");
    }
    for label in &summary.restated {
        let _ = writeln!(
            text,
            "{label} was restated: its figures changed since publication (see the top of its review)."
        );
    }
    for label in &summary.unbuilt_publications {
        let _ = writeln!(
            text,
            "{label} was published but this build has no review for it (were its exports removed?)."
        );
    }
    if open {
        open_newest(&summary, &mut text);
    }
    if verbose {
        for stage in summary.timings.stages() {
            let peak = stage
                .peak_bytes
                .map(|b| format!("  peak {:>5} MB", b / (1024 * 1024)))
                .unwrap_or_default();
            let ms = stage.took.as_secs_f64() * 1000.0;
            let _ = if stage.step {
                writeln!(text, "    · {:<17} {:>8.1} ms{peak}", stage.name, ms)
            } else {
                writeln!(text, "  {:<9} {:>20.1} ms{peak}", stage.name, ms)
            };
        }
    }
    Ok(text)
}

fn serve(input: std::path::PathBuf, output: std::path::PathBuf, port: u16) -> Outcome {
    let options = BuildOptions {
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
    equinox::serve::serve(options, port, ready, report)
        .map_err(|e| Failure::from(Error::Serve(e)))?;
    Ok(String::new())
}

/// Opens the newest review in the default browser.
fn open_newest(summary: &equinox::BuildSummary, text: &mut String) {
    let page = summary.output.join("latest").join("index.html");
    if let Err(error) = opener::open(&page) {
        let _ = writeln!(
            text,
            "Could not open a browser ({error}); open {} yourself.",
            page.display()
        );
    }
}

fn check(input: &Path) -> Outcome {
    let report = equinox::check(input)?;
    if report.problems > 0 {
        let error = Error::Problems {
            problems: report.problems,
        };
        return Err(Failure {
            output: report.text,
            error,
        });
    }
    Ok(report.text)
}

fn publish(options: equinox::PublishOptions) -> Outcome {
    let summary = equinox::publish(&options)?;
    let record = &summary.record;
    Ok(format!(
        "Published {} on {}: {} headline figures and the digests of {} input files recorded in {}.\nKeep it with the exports; later builds show any change to these figures as a restatement.\n",
        record.period,
        record.published_at.format("%-d %b %Y"),
        record.headlines.len(),
        record.inputs.len(),
        summary.path.display()
    ))
}

/// Now, from the system clock: only `publish` asks, to record when.
fn now_utc() -> chrono::DateTime<chrono::Utc> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(seconds as i64, 0).unwrap_or_default()
}

fn init(dir: &Path, today: Option<chrono::NaiveDate>) -> Outcome {
    let files = equinox::init::init(dir, today.unwrap_or_else(today_utc))?;
    let mut text = format!("Created {}:\n", dir.display());
    for file in files {
        let _ = writeln!(text, "  {}", file.display());
    }
    let _ = writeln!(
        text,
        "\nNext: edit equinox.toml, drop your exports into {}, then run `equinox build --input {}`.\n",
        dir.join("exports").display(),
        dir.display()
    );
    text.push_str(equinox::init::EXPORT_GUIDE);
    Ok(text)
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

fn write_demo(
    options: &demo::DemoOptions,
    scenario: demo::Scenario,
    out: &Path,
    replace: bool,
) -> Outcome {
    if !replace {
        demo::check_empty(out)?;
    }
    let summary = demo::write_scenario(options, scenario, out).map_err(|source| Error::Write {
        path: out.to_path_buf(),
        source,
    })?;
    Ok(format!(
        "Wrote {} demo files to {} ({} leads, {} deals, {} activities, {} ad spend rows, {} budget lines, {} time entries)\n",
        summary.files.len(),
        out.display(),
        summary.leads,
        summary.deals,
        summary.activities,
        summary.spend_rows,
        summary.budget_lines,
        summary.time_entries
    ))
}

/// Prints the error and every cause once: `error: a: b: c`, the label in
/// bold red on a terminal (anstream drops colour anywhere else).
fn print_error(error: &Error) {
    let red = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    let mut message = format!("{red}error:{red:#} {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(message, ": {cause}");
        source = cause.source();
    }
    let _ = writeln!(anstream::stderr(), "{message}");
}
