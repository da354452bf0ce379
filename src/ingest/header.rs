//! Header rows: normalised names and lookup by alias.

/// A header row, its names normalised for matching and kept as written for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    written: Vec<String>,
    normalised: Vec<String>,
}

/// Trims ASCII and non-breaking spaces, lower-cases and folds the en dash,
/// so `"Contract Request Date "` and `Deal – Title` match their aliases.
pub fn normalise(name: &str) -> String {
    name.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}')
        .replace(['\u{2013}', '\u{2014}'], "-")
        .to_lowercase()
}

impl Header {
    /// Builds a header from its cells.
    pub fn new<'a>(cells: impl IntoIterator<Item = &'a str>) -> Header {
        let written: Vec<String> = cells.into_iter().map(str::to_string).collect();
        let normalised = written.iter().map(|c| normalise(c)).collect();
        Header {
            written,
            normalised,
        }
    }

    /// Number of columns.
    pub fn len(&self) -> usize {
        self.written.len()
    }

    /// The column's name as the file writes it.
    pub fn name(&self, index: usize) -> &str {
        self.written.get(index).map(String::as_str).unwrap_or("")
    }

    /// The first column matching any alias, trying aliases in order. An alias
    /// ending in `(*)` matches a name with any parenthesised suffix, for
    /// headers that carry the currency: `amount spent (*)` finds
    /// `Amount spent (USD)`; `*words*` matches a name containing the words.
    pub fn find(&self, aliases: &[&str]) -> Option<usize> {
        aliases.iter().find_map(|alias| self.find_one(alias))
    }

    fn find_one(&self, alias: &str) -> Option<usize> {
        // `*words*`: any name containing the words, for translated headers
        // whose exact wording varies (LinkedIn's spend column).
        if let Some(words) = alias.strip_prefix('*').and_then(|a| a.strip_suffix('*')) {
            return self.normalised.iter().position(|n| n.contains(words));
        }
        match alias.strip_suffix("(*)") {
            Some(prefix) => self.normalised.iter().position(|n| {
                n.starts_with(prefix) && n.ends_with(')') && n[prefix.len()..].starts_with('(')
            }),
            None => self.normalised.iter().position(|n| n == alias),
        }
    }

    /// Every column's normalised name with its index, for families of
    /// columns no fixed alias can name (HubSpot's per-stage
    /// `Date entered "<stage> (<pipeline>)"`).
    pub fn normalised_names(&self) -> impl Iterator<Item = (usize, &str)> {
        self.normalised.iter().map(String::as_str).enumerate()
    }

    /// The text inside the trailing parentheses of a column name:
    /// `Amount spent (USD)` gives `USD`.
    pub fn suffix_in_parens(&self, index: usize) -> Option<&str> {
        let name = self.name(index).trim();
        let open = name.rfind('(')?;
        name[open + 1..].strip_suffix(')')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_alias_with_messy_names() {
        let h = Header::new([
            "Record ID",
            "Deal \u{2013} Title\u{a0}",
            "Amount spent (USD)",
        ]);
        assert_eq!(h.find(&["contact id", "record id"]), Some(0));
        assert_eq!(h.find(&["deal - title"]), Some(1));
        assert_eq!(h.find(&["amount spent (*)"]), Some(2));
        assert_eq!(h.suffix_in_parens(2), Some("USD"));
        assert_eq!(h.find(&["cost"]), None);
        assert_eq!(h.find(&["*spent*"]), Some(2));
        assert_eq!(h.find(&["*title*", "record id"]), Some(1));
    }
}
