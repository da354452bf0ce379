//! Which function (marketing, sales, partner) and which ad channel each source
//! value stands for, with defaults for every supported tool's vocabulary.

use crate::model::{Channel, Function};
use rustc_hash::FxHashMap;

/// Source value (compared case-insensitively, trimmed) to function and channel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceMap {
    /// By key (trimmed, lower case): one hash lookup per lead finds both.
    mapped: FxHashMap<String, Mapped>,
    /// Which source column a CRM export's leads are attributed by.
    pub attribution: Attribution,
    /// Whether any mapped value is a `source / drill-down` pair.
    has_pairs: bool,
}

/// Which of a CRM's source columns names a lead's source, where it has
/// both (HubSpot `Original Traffic Source` and `Latest Traffic Source`):
/// `[sources] attribution` in equinox.toml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// The source that first brought the contact (the default): the
    /// question is who created the demand.
    #[default]
    Original,
    /// The source of the contact's latest visit; the original where the
    /// latest is empty.
    Latest,
}

/// What one source value is mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Mapped {
    function: Option<Function>,
    channel: Option<Channel>,
}

/// HubSpot `Original Source` labels and internal values, Salesforce and
/// Pipedrive default lead sources.
const DEFAULT_FUNCTIONS: &[(&str, Function)] = &[
    ("paid search", Function::Marketing),
    ("paid social", Function::Marketing),
    ("organic search", Function::Marketing),
    ("social media", Function::Marketing),
    ("email marketing", Function::Marketing),
    ("direct traffic", Function::Marketing),
    ("other campaigns", Function::Marketing),
    ("web", Function::Marketing),
    ("paid_search", Function::Marketing),
    ("paid_social", Function::Marketing),
    ("organic_search", Function::Marketing),
    ("social_media", Function::Marketing),
    ("email_marketing", Function::Marketing),
    ("direct_traffic", Function::Marketing),
    ("other_campaigns", Function::Marketing),
    ("offline sources", Function::Sales),
    ("offline", Function::Sales),
    ("phone inquiry", Function::Sales),
    ("purchased list", Function::Sales),
    ("referrals", Function::Partner),
    ("referral", Function::Partner),
    ("partner referral", Function::Partner),
    ("partner", Function::Partner),
    // Salesforce Lead Source picklist values of classic orgs, beyond the
    // defaults above (Web, Phone Inquiry, Partner Referral, Purchased List).
    ("advertisement", Function::Marketing),
    ("trade show", Function::Marketing),
    ("word of mouth", Function::Marketing),
    ("public relations", Function::Marketing),
    ("seminar - internal", Function::Marketing),
    ("seminar - partner", Function::Partner),
    ("external referral", Function::Partner),
    ("employee referral", Function::Sales),
    ("other", Function::Unknown),
    // Pipedrive lead sources (`Deal - Source origin` and lead source values).
    ("web forms", Function::Marketing),
    ("live chat", Function::Marketing),
    ("leadbooster", Function::Marketing),
    ("website visitors", Function::Marketing),
    ("prospector", Function::Sales),
    ("lead suggestions", Function::Sales),
];

const DEFAULT_CHANNELS: &[(&str, Channel)] = &[
    ("paid search", Channel::GoogleAds),
    ("paid_search", Channel::GoogleAds),
    ("paid social", Channel::MetaAds),
    ("paid_social", Channel::MetaAds),
];

fn key(source: &str) -> String {
    source.trim().to_lowercase()
}

/// Longest source value looked up without allocating.
const SHORT_KEY: usize = 64;

/// Calls `look_up` with the source's key (trimmed, lower case). Every row
/// of a large export looks its source up, so short ASCII values are
/// lower-cased on the stack.
fn with_key<R>(source: &str, look_up: impl FnOnce(&str) -> R) -> R {
    let trimmed = source.trim();
    if trimmed.len() > SHORT_KEY || !trimmed.is_ascii() {
        return look_up(&key(source));
    }
    let mut buffer = [0u8; SHORT_KEY];
    let lowered = &mut buffer[..trimmed.len()];
    lowered.copy_from_slice(trimmed.as_bytes());
    lowered.make_ascii_lowercase();
    look_up(std::str::from_utf8(lowered).unwrap_or(trimmed))
}

impl SourceMap {
    /// The built-in vocabulary.
    pub fn with_defaults() -> SourceMap {
        let mut map = SourceMap::default();
        for (source, function) in DEFAULT_FUNCTIONS {
            map.set_function(source, *function);
        }
        for (source, channel) in DEFAULT_CHANNELS {
            map.set_channel(source, *channel);
        }
        map
    }

    /// Maps a source value to a function, replacing any default.
    pub fn set_function(&mut self, source: &str, function: Function) {
        self.has_pairs |= source.contains(" / ");
        self.mapped.entry(key(source)).or_default().function = Some(function);
    }

    /// Maps a paid source value to an ad channel, replacing any default.
    pub fn set_channel(&mut self, source: &str, channel: Channel) {
        self.has_pairs |= source.contains(" / ");
        self.mapped.entry(key(source)).or_default().channel = Some(channel);
    }

    /// The function of a source; `Unknown` for values nobody mapped.
    pub fn function_of(&self, source: &str) -> Function {
        self.function_and_channel(source).0
    }

    /// The ad channel of a paid source.
    pub fn channel_of(&self, source: &str) -> Option<Channel> {
        self.function_and_channel(source).1
    }

    /// The function and channel of a source with its drill-down (HubSpot
    /// `Original Traffic Source Drill-Down 1`: `IMPORT`, `CRM_UI`,
    /// `EXTENSION`): `"Offline Sources / IMPORT"` when `[sources]` maps
    /// that pair, else the source alone.
    pub fn function_and_channel_detailed(
        &self,
        source: &str,
        detail: Option<&str>,
    ) -> (Function, Option<Channel>) {
        // Only settings that map a pair make the per-row lookup of one.
        if let Some(detail) = detail.filter(|_| self.has_pairs) {
            let pair = format!("{} / {}", source.trim(), detail.trim());
            if let Some(mapped) = self.mapped.get(&key(&pair)) {
                return (mapped.function.unwrap_or(Function::Unknown), mapped.channel);
            }
        }
        self.function_and_channel(source)
    }

    /// [`SourceMap::function_of`] and [`SourceMap::channel_of`] together,
    /// the source looked up once: every lead asks for both.
    pub fn function_and_channel(&self, source: &str) -> (Function, Option<Channel>) {
        let mapped = with_key(source, |k| self.mapped.get(k).copied()).unwrap_or_default();
        (mapped.function.unwrap_or(Function::Unknown), mapped.channel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_and_channels_are_looked_up_together() {
        let mut map = SourceMap::with_defaults();
        map.set_channel("Webinar", Channel::LinkedinAds);
        map.set_function(" PAID SEARCH ", Function::Sales);
        assert_eq!(
            map.function_and_channel("paid search"),
            (Function::Sales, Some(Channel::GoogleAds))
        );
        assert_eq!(
            map.function_and_channel("webinar "),
            (Function::Unknown, Some(Channel::LinkedinAds))
        );
        assert_eq!(map.function_of("Referrals"), Function::Partner);
        assert_eq!(map.channel_of("Referrals"), None);
        assert_eq!(map.function_and_channel("Ärger"), (Function::Unknown, None));
    }
}
