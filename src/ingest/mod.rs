//! Ingest stage: walk the input folder, open each file (gzip, encodings),
//! recognise it by its header, and turn its rows into records. Every row is
//! used or rejected in the ledger.
//!
//! Hands on [`Records`] and the [`Ledger`] to the metrics stage.

mod activity;
pub mod cells;
mod decode;
mod discover;
mod formats;
mod header;
mod lines;
mod merge;
mod notes;
mod profiles;
mod read;
mod repeats;
mod rows;
mod sniff;
mod source_lines;
mod spread;

use merge::merge_duplicates;
use read::read_file_as;
pub use read::{FileState, read_file};
pub use source_lines::source_lines;

use crate::config::Settings;
use crate::ledger::{FileLedger, Ledger, display_path};
use crate::model::LeadIndex;
use crate::model::Records;
use crate::model::lead_index::{DealLeads, IdSlots, LeadSlots};
use crate::progress::Progress;
use crate::timings::Timings;
use rayon::prelude::*;
use std::path::Path;

pub use discover::{export_files, link_note};

/// Reads every export under `input` into records. The ledger lists files
/// in path order; records are merged oldest export first, so that where two
/// overlapping exports hold the same id, the newer export's record wins.
pub fn read_inputs(input: &Path, settings: &Settings) -> (Records, Ledger) {
    read_inputs_with(
        input,
        settings,
        &crate::progress::Silent,
        &mut crate::timings::Timings::default(),
    )
}

/// [`read_inputs`], telling `progress` about every file and timing its
/// three phases in `steps`.
pub fn read_inputs_with(
    input: &Path,
    settings: &Settings,
    progress: &dyn Progress,
    steps: &mut Timings,
) -> (Records, Ledger) {
    let (files, walk_problems) = export_files(input);
    progress.files(files.len(), files.iter().map(|f| file_size(f)).sum());
    let mut ledger = Ledger::default();
    for problem in walk_problems {
        let mut file = FileLedger::new(display_path(input, &problem.path));
        file.problem = Some(problem.message);
        ledger.files.push(file);
    }
    // Files are read in parallel and collected in path order, so the
    // result does not depend on which file finishes first. Activity
    // exports wait for the leads and deals of every other file.
    let read: Vec<Option<(Records, FileLedger)>> = steps.time("leads, deals, ads", || {
        files
            .par_iter()
            .map(|path| {
                let result = read_file_as(input, path, settings, Touches::Defer)?;
                progress.file_read(&result.1.path, file_size(path));
                Some(result)
            })
            .collect()
    });
    let mut batches = Vec::with_capacity(read.len());
    let mut deferred = Vec::new();
    for (path, file) in files.iter().zip(read) {
        let Some((file_records, file_ledger)) = file else {
            deferred.push((ledger.files.len(), path));
            ledger
                .files
                .push(FileLedger::new(display_path(input, path)));
            continue;
        };
        let newest_day = file_ledger.dates.map(|(_, last)| last);
        batches.push((newest_day, batches.len(), file_records));
        ledger.files.push(file_ledger);
    }
    batches.sort_by_key(|(newest_day, index, _)| (*newest_day, *index));
    let (mut records, lead_slots) = steps.time("merge", || {
        let mut records = Records::default();
        for (_, _, batch) in batches {
            append(&mut records, batch);
        }
        let (merged, lead_slots) = merge_duplicates(&mut records);
        let repeats: u64 = ledger.files.iter().map(|f| f.repeats_merged).sum();
        ledger.duplicates_merged = merged + repeats;
        // Before the activity fold: it counts touches from readiness on.
        records.ready_basis = crate::model::ReadyBasis::of(&records.leads);
        records.ready_basis.apply(&mut records.leads);
        let lead_slots = link_deals(&mut records, lead_slots);
        (records, Some(lead_slots))
    });
    let activity = steps.time("activities", || {
        let targets = activity::Targets::new(&records, settings.as_of, lead_slots);
        let read = ActivityRead {
            input,
            settings,
            targets: &targets,
            progress,
        };
        read.fold_files(&deferred, &mut ledger)
    });
    records.activity = activity;
    records.lead_aliases.clear();
    (records, ledger)
}

/// Finds each deal's leads once ([`Records::deal_leads`]) with the leads'
/// index, the merge's when it handed one on, and hands the index on to
/// the touch fold: the leads are indexed once in all.
fn link_deals(records: &mut Records, lead_slots: Option<LeadSlots>) -> LeadSlots {
    let index = lead_slots
        .and_then(|slots| LeadIndex::from_slots(&records.leads, slots))
        .unwrap_or_else(|| LeadIndex::new(&records.leads));
    records.deal_leads = Some(DealLeads::resolve(&records.deals, &index));
    index.into_slots()
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// What reading the activity exports needs: they come last, folded
/// against the leads and won deals of every other file.
struct ActivityRead<'a> {
    input: &'a Path,
    settings: &'a Settings,
    targets: &'a activity::Targets<'a>,
    progress: &'a dyn Progress,
}

impl ActivityRead<'_> {
    /// Reads `deferred` (each file with the place kept for its ledger) in
    /// parallel; the folds are merged, which does not depend on order.
    fn fold_files(
        &self,
        deferred: &[(usize, &std::path::PathBuf)],
        ledger: &mut Ledger,
    ) -> crate::model::Activity {
        let chunking = activity::chunks::Chunking::for_files(deferred.len());
        let folded: Vec<Option<(Records, FileLedger)>> = deferred
            .par_iter()
            .map(|(_, path)| {
                let fold = Touches::Fold(self.targets, chunking);
                let result = read_file_as(self.input, path, self.settings, fold)?;
                self.progress.file_read(&result.1.path, file_size(path));
                Some(result)
            })
            .collect();
        let mut activity = crate::model::Activity::default();
        for ((slot, _), file) in deferred.iter().zip(folded) {
            if let Some((file_records, file_ledger)) = file {
                activity.merge(file_records.activity);
                ledger.files[*slot] = file_ledger;
            }
        }
        activity
    }
}

/// What reading a file does with its touches.
#[derive(Clone, Copy)]
pub(super) enum Touches<'a> {
    /// Keeps them in [`Records::touches`].
    Keep,
    /// Does not read an activity export at all (`read_file_as` gives `None`).
    Defer,
    /// Folds them into [`Records::activity`] as they are read, a large
    /// export in parts side by side.
    Fold(&'a activity::Targets<'a>, activity::chunks::Chunking),
}

fn append(all: &mut Records, more: Records) {
    all.lead_ids = ids_after_join(&all.leads, &more.leads, all.lead_ids.take(), more.lead_ids);
    all.deal_ids = ids_after_join(&all.deals, &more.deals, all.deal_ids.take(), more.deal_ids);
    join_vec(&mut all.leads, more.leads);
    join_vec(&mut all.deals, more.deals);
    join_vec(&mut all.spend, more.spend);
    join_vec(&mut all.budget, more.budget);
    join_vec(&mut all.hours, more.hours);
    join_vec(&mut all.lead_aliases, more.lead_aliases);
    all.spread.rows += more.spread.rows;
    all.spread.longest = all.spread.longest.max(more.spread.longest);
}

/// The positions by id of `all` once [`join_vec`] has joined `more` to
/// it: `more`'s where it takes `all`'s place, `all`'s where `more` adds
/// nothing, else none (the positions of a single file's records stay
/// valid; those of two files must be found again).
fn ids_after_join<T>(
    all: &[T],
    more: &[T],
    all_ids: Option<IdSlots>,
    more_ids: Option<IdSlots>,
) -> Option<IdSlots> {
    if more.is_empty() {
        all_ids
    } else if all.is_empty() {
        more_ids
    } else {
        None
    }
}

/// Appends `more` to `all`; when `all` is still empty the vector is taken
/// over instead of copied, so one large export is never held twice.
fn join_vec<T>(all: &mut Vec<T>, mut more: Vec<T>) {
    if all.is_empty() {
        *all = more;
    } else {
        all.append(&mut more);
    }
}

/// Checks that every `[columns]` entry renames a column Equinox knows,
/// returning the offending key and the valid names.
pub fn check_column_overrides(settings: &Settings) -> Result<(), (String, String)> {
    for (key, overrides) in &settings.columns {
        let profile = profiles::is_profile_name(key).then_some(key.as_str());
        let valid = profiles::concepts(profile);
        if let Some(unknown) = overrides
            .names
            .keys()
            .find(|name| !valid.contains(&name.as_str()))
        {
            return Err((
                format!("columns.\"{key}\".{unknown}"),
                format!(
                    "found {unknown:?}, expected date_order or one of the column names: {}",
                    valid.join(", ")
                ),
            ));
        }
    }
    Ok(())
}
