//! What reading a file decided that its reader should know, moved from
//! the file's records into its ledger for `check` and the Data section:
//! how deal stage labels were placed, spend rows spread over several days,
//! lead sources that map to no function.

use crate::ledger::FileLedger;
use crate::model::{Function, Records};

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
            "{} spend row(s) covered several days (up to {} days) and were spread evenly over their days, the cost split exactly, so a range crossing a period is split between the periods by days",
            seen.rows, seen.longest
        ));
    }
}

/// Warns when no lead of a file names a source (every one then counts
/// as unknown, which nothing else would point out), and notes the source
/// values no function is mapped to.
pub fn note_sources(records: &Records, ledger: &mut FileLedger) {
    if records.leads.is_empty() {
        return;
    }
    if records.leads.iter().all(|l| l.source.trim().is_empty()) {
        ledger.warnings.push(
            "no lead names a source, so every lead counts as unknown: export the source column (HubSpot Original Traffic Source, Salesforce Lead Source, Pipedrive Source origin) or name it under [columns] in equinox.toml".to_string(),
        );
        return;
    }
    let mut unmapped: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for lead in &records.leads {
        let source = lead.source.trim();
        if lead.function == Function::Unknown && !source.is_empty() {
            *unmapped.entry(source).or_default() += 1;
        }
    }
    if !unmapped.is_empty() {
        let listed: Vec<String> = unmapped
            .iter()
            .map(|(source, n)| format!("\"{source}\" ({n})"))
            .collect();
        ledger.notes.push(format!(
            "source values mapped to no function, counted as unknown (map them under [sources.functions]): {}",
            listed.join(", ")
        ));
    }
}
