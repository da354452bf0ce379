//! Which function (marketing, sales, partner) a logged hour worked for,
//! from the time entry's project or tags: the `[hours]` table of
//! equinox.toml.

use crate::model::Function;
use std::collections::BTreeMap;

/// Project and tag names (compared case-insensitively, trimmed) to functions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HoursMap {
    projects: BTreeMap<String, Function>,
    tags: BTreeMap<String, Function>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl HoursMap {
    /// Maps a project name to a function.
    pub fn set_project(&mut self, project: &str, function: Function) {
        self.projects.insert(key(project), function);
    }

    /// Maps a tag to a function.
    pub fn set_tag(&mut self, tag: &str, function: Function) {
        self.tags.insert(key(tag), function);
    }

    /// The function of a time entry: its first mapped tag (a tag marks the
    /// entry itself), else its project, else `Unknown`.
    pub fn function_of<'a>(
        &self,
        project: Option<&str>,
        tags: impl IntoIterator<Item = &'a str>,
    ) -> Function {
        tags.into_iter()
            .find_map(|tag| self.tags.get(&key(tag)))
            .or_else(|| project.and_then(|p| self.projects.get(&key(p))))
            .copied()
            .unwrap_or(Function::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_win_over_projects_and_unmapped_is_unknown() {
        let mut map = HoursMap::default();
        map.set_project("Website", Function::Marketing);
        map.set_tag("Sales", Function::Sales);
        assert_eq!(map.function_of(Some(" website "), []), Function::Marketing);
        assert_eq!(
            map.function_of(Some("Website"), ["billing", "sales"]),
            Function::Sales
        );
        assert_eq!(
            map.function_of(Some("Admin"), ["billing"]),
            Function::Unknown
        );
        assert_eq!(map.function_of(None, []), Function::Unknown);
    }

    #[test]
    fn the_hours_table_of_equinox_toml() {
        let path = std::path::Path::new("equinox.toml");
        let text =
            "[hours.projects]\n\"Website\" = \"marketing\"\n[hours.tags]\nsales = \"sales\"\n";
        let settings = crate::config::Settings::parse(text, path).expect("valid");
        assert_eq!(
            settings.hours.function_of(Some("website"), ["Sales"]),
            Function::Sales
        );
        let wrong = crate::config::Settings::parse("[hours.tags]\nsales = \"revenue\"\n", path)
            .expect_err("not a function");
        assert!(wrong.to_string().contains("hours.tags.sales"), "{wrong}");
        let typo = crate::config::Settings::parse("[hours.project]\n", path).expect_err("typo");
        assert!(typo.to_string().contains("unknown field"), "{typo}");
    }
}
