//! The privacy guard: before the site is written, every email-like token in
//! every output file is hashed and compared with the hashed emails of the
//! input's leads. A match fails the build. Raw addresses are never kept, so
//! the guard itself holds no personal data.

use crate::model::email_hash;
use crate::render::SiteFiles;

/// The hashed emails of every lead. FxHash: the values are hashes already,
/// and a million of them went into the set in 80 ms with SipHash.
pub type LeadEmails = rustc_hash::FxHashSet<std::num::NonZeroU64>;

/// The output files that contain an email address of a lead.
pub fn files_with_lead_emails(files: &SiteFiles, lead_emails: &LeadEmails) -> Vec<String> {
    files
        .iter()
        .filter(|(_, bytes)| {
            email_tokens(&String::from_utf8_lossy(bytes))
                .any(|t| lead_emails.contains(&email_hash(t)))
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// Every `local@domain` token of a text.
fn email_tokens(text: &str) -> impl Iterator<Item = &str> {
    let is_email_char = |c: char| c.is_alphanumeric() || "._%+-'".contains(c);
    text.match_indices('@').filter_map(move |(at, _)| {
        let start = text[..at]
            .rfind(|c: char| !is_email_char(c))
            .map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
        let end = text[at + 1..]
            .find(|c: char| !is_email_char(c))
            .map_or(text.len(), |i| at + 1 + i);
        let token = text[start..end].trim_end_matches('.');
        (start < at && end > at + 1 && token.contains('.')).then_some(token)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lead_emails_in_any_file() {
        let leads: LeadEmails = [email_hash("Ann.Lee@Alpha.example")].into_iter().collect();
        let mut files = SiteFiles::new();
        files.insert(
            "a.html".into(),
            b"<td>contact: ann.lee@alpha.example</td>".to_vec(),
        );
        files.insert(
            "b.csv".into(),
            b"x,someone@else.example,\"ann@alpha\"".to_vec(),
        );
        assert_eq!(files_with_lead_emails(&files, &leads), ["a.html"]);
    }

    #[test]
    fn tokens() {
        let found: Vec<&str> = email_tokens("mail a.b@c.example, or (x@y.org).").collect();
        assert_eq!(found, ["a.b@c.example", "x@y.org"]);
    }
}
