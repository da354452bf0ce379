//! Deal stage labels and statuses to outcomes, by their words, in the
//! interface languages Equinox reads (English, Dutch, German, French,
//! Spanish, Italian, Portuguese): `Closed: won`, `Closed: abandoned`,
//! `Dead Deals`, `Gewonnen`, `Ganho`. `[stages]` in equinox.toml comes
//! first (see [`super::Settings::stage_placement`]).

use crate::model::{Outcome, StageWeight, WeightBasis};

/// How a stage label was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// By `[stages]` in equinox.toml or the default `Closed Won` and
    /// `Closed Lost`.
    Named(Outcome),
    /// By a word of the label (`won`, `lost`, `abandoned`, `gewonnen`, ...).
    Words(Outcome),
    /// The label says closed but neither won nor lost: Equinox cannot
    /// place it (a problem in `check`); such deals count as open.
    Unplaced,
    /// No word of an outcome: an open stage.
    Open,
}

impl Placement {
    /// The placement in words, for `check`: `won (by its words)`.
    pub fn describe(self) -> String {
        let name = |o: Outcome| match o {
            Outcome::Won => "won",
            Outcome::Lost => "lost",
            Outcome::Open => "open",
        };
        match self {
            Placement::Named(o) => format!("{} (by name or [stages])", name(o)),
            Placement::Words(o) => format!("{} (by its words)", name(o)),
            Placement::Unplaced => "closed, neither won nor lost: counted as open".into(),
            Placement::Open => "open".into(),
        }
    }

    /// The outcome the placement gives, `None` where it gives none.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            Placement::Named(o) | Placement::Words(o) => Some(o),
            Placement::Unplaced | Placement::Open => None,
        }
    }
}

/// Words of a won stage or status.
const WON: &[&str] = &[
    "won", "win", "gewonnen", "gagné", "gagnée", "gagne", "ganado", "ganada", "ganho", "ganha",
    "vinto", "vinta", "vinti",
];
/// Words of a lost stage or status: lost in every language, and the
/// closed-without-a-sale words portals use.
const LOST: &[&str] = &[
    "lost",
    "verloren",
    "perdu",
    "perdue",
    "perdido",
    "perdida",
    "perso",
    "persa",
    "abandoned",
    "dead",
    "disqualified",
    "churned",
    "cancelled",
    "canceled",
    "rejected",
    "unqualified",
];
/// Words of a closed stage whose outcome the label does not say.
const CLOSED: &[&str] = &[
    "closed",
    "gesloten",
    "geschlossen",
    "abgeschlossen",
    "fermé",
    "fermée",
    "cerrado",
    "cerrada",
    "fechado",
    "fechada",
    "chiuso",
    "chiusa",
];
/// Words of an open status (Pipedrive `Status`).
const OPEN: &[&str] = &[
    "open", "aberto", "aberta", "offen", "ouvert", "abierto", "aperto",
];

/// The placement the words of `label` give.
pub fn by_words(label: &str) -> Placement {
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    match (has(WON), has(LOST)) {
        (true, false) => Placement::Words(Outcome::Won),
        (false, true) => Placement::Words(Outcome::Lost),
        (true, true) => Placement::Unplaced,
        (false, false) if has(CLOSED) => Placement::Unplaced,
        (false, false) => Placement::Open,
    }
}

/// A status cell (Pipedrive `Status` in any interface language): won,
/// lost or open; `None` for anything else.
pub fn status(cell: &str) -> Option<Outcome> {
    match by_words(cell) {
        Placement::Words(outcome) => Some(outcome),
        _ => {
            let lower = cell.trim().to_lowercase();
            OPEN.contains(&lower.as_str()).then_some(Outcome::Open)
        }
    }
}

/// HubSpot's default sales pipeline: each open stage's probability, by
/// label and internal id (normalised by [`super::stage_key`], hyphens
/// dropped).
const HUBSPOT_DEFAULT_STAGES: [(&str, f64); 5] = [
    ("appointmentscheduled", 0.2),
    ("qualifiedtobuy", 0.4),
    ("presentationscheduled", 0.6),
    ("decisionmakerboughtin", 0.8),
    ("contractsent", 0.9),
];

/// An open deal's win weight from what its row says: its probability
/// column first, else `[plan] stage_weights` for its stage label (the
/// user's word beats a default), else HubSpot's default pipeline
/// probability for the stage; `None` where none says.
pub fn stage_weight(
    settings: &super::Settings,
    stage: Option<&str>,
    probability: Option<f64>,
) -> Option<StageWeight> {
    if let Some(p) = probability {
        return Some(StageWeight::new(WeightBasis::Probability, p));
    }
    let key = super::stage_key(stage?);
    if let Some(w) = settings.stage_weights.get(&key) {
        return Some(StageWeight::new(WeightBasis::Setting, *w));
    }
    let plain: String = key.chars().filter(|c| *c != '-').collect();
    HUBSPOT_DEFAULT_STAGES
        .iter()
        .find(|(s, _)| *s == plain)
        .map(|(_, p)| StageWeight::new(WeightBasis::DefaultStage, *p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_labels_by_their_words() {
        let won = Placement::Words(Outcome::Won);
        let lost = Placement::Words(Outcome::Lost);
        assert_eq!(by_words("Closed: won"), won);
        assert_eq!(by_words("Closed: lost"), lost);
        assert_eq!(by_words("Closed: abandoned"), lost);
        assert_eq!(by_words("Dead Deals"), lost);
        assert_eq!(by_words("Gesloten gewonnen"), won);
        assert_eq!(by_words("Fermé perdu"), lost);
        assert_eq!(by_words("Closed"), Placement::Unplaced);
        assert_eq!(by_words("Won / Lost"), Placement::Unplaced);
        assert_eq!(by_words("Demo"), Placement::Open);
        assert_eq!(by_words("Winter campaign"), Placement::Open);
    }

    #[test]
    fn statuses_in_every_interface_language() {
        for (cell, outcome) in [
            ("Won", Outcome::Won),
            ("Ganho", Outcome::Won),
            ("Gewonnen", Outcome::Won),
            ("Gagné", Outcome::Won),
            ("Ganado", Outcome::Won),
            ("Vinto", Outcome::Won),
            ("Perdido", Outcome::Lost),
            ("Verloren", Outcome::Lost),
            ("Perdu", Outcome::Lost),
            ("Perso", Outcome::Lost),
            ("Aberto", Outcome::Open),
            ("Offen", Outcome::Open),
            ("Ouvert", Outcome::Open),
            ("Abierto", Outcome::Open),
            ("Aperto", Outcome::Open),
            ("open", Outcome::Open),
        ] {
            assert_eq!(status(cell), Some(outcome), "{cell}");
        }
        assert_eq!(status("Deleted"), None);
    }
}
