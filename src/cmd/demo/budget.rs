//! The finance plan in Equinox's generic budget schema
//! (`period_start,function,category,amount,currency`): one line per quarter
//! per function and category. The sales team's salaries and seats follow the
//! reps on the team at the quarter's start (five from Q4) and scale with the
//! lead volume, like the team's follow-up capacity; the other lines are fixed.

use std::io;
use std::path::Path;

use super::calendar::{self, DAYS};
use super::format::money;
use super::story::{BUDGET, REFERENCE_LEADS, REP_SALARY, REP_TOOLS, REPS};

/// File name (inside `finance/`).
pub const FILE: &str = "budget-2026.csv";

/// Header of the generic budget schema.
pub const HEADER: [&str; 5] = ["period_start", "function", "category", "amount", "currency"];

/// Writes the budget; returns the number of lines.
pub fn write(path: &Path, leads: usize) -> io::Result<usize> {
    let mut out = csv::Writer::from_path(path)?;
    out.write_record(HEADER)?;
    let scale = leads as f64 / REFERENCE_LEADS;
    let mut lines = 0;
    for quarter in 0..4 {
        let start = quarter_start(quarter);
        let reps = REPS.iter().filter(|rep| rep.starts <= start).count() as u64;
        let team = [
            ("sales", "salaries", reps * REP_SALARY),
            ("sales", "tools", reps * REP_TOOLS),
        ];
        let scaled = team.map(|(function, category, amount)| {
            (function, category, dollars(amount as f64 * scale))
        });
        let fixed = BUDGET.iter().map(|line| {
            (
                line.function,
                line.category,
                dollars(line.amount[quarter] as f64),
            )
        });
        let date = calendar::iso_date(start);
        for (function, category, amount) in fixed.chain(scaled) {
            out.write_record([
                &date[..],
                function.as_bytes(),
                category.as_bytes(),
                amount.as_bytes(),
                b"USD",
            ])?;
            lines += 1;
        }
    }
    out.flush()?;
    Ok(lines)
}

/// The story day a quarter (0 = Q1) starts on.
fn quarter_start(quarter: usize) -> u32 {
    (0..DAYS)
        .find(|&day| calendar::quarter(day) == quarter)
        .unwrap_or(0)
}

/// Whole or fractional dollars as `90000.00`, rounded to the cent.
fn dollars(amount: f64) -> String {
    money((amount * 100.0).round() as u64)
}
