//! What reading a file decided that its reader should know, moved from
//! the file's records into its ledger for `check` and the Data section:
//! how deal stage labels were placed, spend rows spread over several days.

use crate::ledger::FileLedger;
use crate::model::Records;

/// Moves the deal stage labels a file's outcomes came from into its
/// ledger: placed ones as notes, unplaceable ones as warnings.
pub fn note_stages(records: &mut Records, ledger: &mut FileLedger) {
    for (label, seen) in std::mem::take(&mut records.stages) {
        if seen.unplaced {
            ledger.warnings.push(format!(
                "deal stage \"{label}\" ({} deal(s)) says closed but not whether won or lost, so its deals count as open; add it under [stages] in equinox.toml as won, lost or open",
                seen.deals
            ));
        } else {
            ledger.notes.push(format!(
                "deal stage \"{label}\": {} ({} deal(s))",
                seen.placed, seen.deals
            ));
        }
    }
}

/// States in the file's ledger how many spend rows covered several days
/// and were spread over them.
pub fn note_spread(records: &Records, ledger: &mut FileLedger) {
    let seen = records.spread;
    if seen.rows > 0 {
        ledger.notes.push(format!(
            "{} spend row(s) covered several days (up to {} days) and were spread evenly over their days, cost to the cent, so a range crossing a period is split between the periods by days",
            seen.rows, seen.longest
        ));
    }
}
