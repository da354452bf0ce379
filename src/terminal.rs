//! What the binary shows on a terminal: a progress bar on stderr while a
//! long run reads its files, and nothing at all when stderr is not a
//! terminal (CI logs, pipes).

use equinox::progress::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar of bytes read, with the stage and current file; notes
/// go to stderr unless the user asked for quiet.
pub struct Bar(ProgressBar, bool);

impl Bar {
    /// A bar on stderr when it is a terminal and the user did not ask for quiet.
    pub fn new(quiet: bool) -> Bar {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        let style = ProgressStyle::with_template(
            "{prefix:>10} [{bar:30}] {bytes}/{total_bytes} {wide_msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        Bar(bar, quiet)
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str) {
        self.0.set_prefix(name.to_string());
    }

    fn files(&self, count: usize, bytes: u64) {
        self.0.set_length(bytes);
        self.0.set_message(format!("{count} files"));
    }

    fn file_read(&self, path: &str, bytes: u64) {
        self.0.inc(bytes);
        self.0.set_message(path.to_string());
    }

    fn note(&self, text: &str) {
        if !self.1 {
            self.0.suspend(|| eprintln!("{text}"));
        }
    }

    fn finished(&self) {
        self.0.finish_and_clear();
    }
}
