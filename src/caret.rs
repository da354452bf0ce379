//! The one caret renderer: a source line under its line number and a row
//! of carets under the part in question, the way compilers point at code.
//! `equinox check` points at a rejected cell of an export; a settings
//! error at a value in equinox.toml.
//!
//! ```text
//! 7 | "106","31/02/2026 09:15","x"
//!   |        ^^^^^^^^^^^^^^^^
//! ```

/// `line` after its number, then carets under `width` characters from the
/// 0-based character `column` (at least one caret).
pub fn point(line_number: u64, line: &str, column: usize, width: usize) -> String {
    let gutter = " ".repeat(line_number.to_string().len());
    format!(
        "{line_number} | {line}\n{gutter} | {}{}\n",
        " ".repeat(column),
        "^".repeat(width.max(1))
    )
}

/// The blank gutter line a caret block may start with, as wide as the
/// line number's.
pub fn gutter(line_number: u64) -> String {
    format!("{} |\n", " ".repeat(line_number.to_string().len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_sit_under_the_column_past_the_gutter() {
        assert_eq!(point(7, "abcdef", 2, 3), "7 | abcdef\n  |   ^^^\n");
        assert_eq!(point(12, "x", 0, 0), "12 | x\n   | ^\n");
        assert_eq!(gutter(12), "   |\n");
    }
}
