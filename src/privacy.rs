//! The privacy guard: before the site is written, every email-like token in
//! every output file is hashed and compared with the hashed emails of the
//! input's leads. A match fails the build. Raw addresses are never kept, so
//! the guard itself holds no personal data. Percent-encoded and
//! HTML-escaped forms (`mailto:ann%40example.com`, `ann&#64;example.com`)
//! are decoded before the check.
//!
//! Text copied from input files into the site (rejected cells, report
//! lines) goes through [`mask_contacts`], so an address or phone number in
//! any cell of any file, a lead's or not, is never published.

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
            let text = String::from_utf8_lossy(bytes);
            let decoded = decode_escapes(&text);
            let has_lead_email =
                |text: &str| email_tokens(text).any(|t| lead_emails.contains(&email_hash(t)));
            has_lead_email(&text) || decoded.as_deref().is_some_and(has_lead_email)
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// The text with `%XX` and `&#NN;`, `&#xNN;`, `&commat;` decoded; `None`
/// when it holds none of them.
fn decode_escapes(text: &str) -> Option<String> {
    if !text.contains('%') && !text.contains('&') {
        return None;
    }
    let text = text
        .replace("&commat;", "@")
        .replace("&#64;", "@")
        .replace("&#x40;", "@")
        .replace("&#X40;", "@");
    Some(
        percent_encoding::percent_decode_str(&text)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// Shown instead of an email address copied from an input file.
pub const EMAIL_MASK: &str = "[email address]";
/// Shown instead of a phone number copied from an input file.
pub const PHONE_MASK: &str = "[phone number]";

/// Input text made safe to publish: what looks like an email address
/// (also percent-encoded) or a phone number is replaced by a mask. Dates
/// and times are kept, so a rejected date still shows what it held.
pub fn mask_contacts(text: &str) -> String {
    let decoded = decode_escapes(text);
    let text = match &decoded {
        Some(decoded) if decoded.contains('@') => decoded.as_str(),
        _ => text,
    };
    let mut masked = String::with_capacity(text.len());
    let mut rest = 0;
    for (start, end) in email_spans(text) {
        masked.push_str(&text[rest..start]);
        masked.push_str(EMAIL_MASK);
        rest = end;
    }
    masked.push_str(&text[rest..]);
    mask_phones(&masked)
}

/// Where each `local@domain` token of a text starts and ends.
fn email_spans(text: &str) -> Vec<(usize, usize)> {
    let base = text.as_ptr() as usize;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for token in email_tokens(text) {
        let start = token.as_ptr() as usize - base;
        if spans.last().is_none_or(|&(_, end)| start >= end) {
            spans.push((start, start + token.len()));
        }
    }
    spans
}

/// Most and fewest digits of a phone number (E.164 allows 15).
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 7..=15;

/// Replaces runs of digits and phone punctuation that hold 7 to 15 digits
/// and are not a date.
fn mask_phones(text: &str) -> String {
    let is_part = |c: char| c.is_ascii_digit() || " +-.()/".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !(c.is_ascii_digit() || c == '+' || c == '(') {
            out.push(c);
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek().filter(|(_, n)| is_part(*n)) {
            end = at + next.len_utf8();
            chars.next();
        }
        let run = &text[start..end];
        let trimmed = run.trim_end_matches(|c: char| !c.is_ascii_digit());
        if looks_like_phone(trimmed) {
            out.push_str(PHONE_MASK);
            out.push_str(&run[trimmed.len()..]);
        } else {
            out.push_str(run);
        }
    }
    out
}

fn looks_like_phone(run: &str) -> bool {
    let digits = run.chars().filter(char::is_ascii_digit).count();
    PHONE_DIGITS.contains(&digits) && !starts_with_date(run)
}

/// `2026-07-14`, `14.07.2026`, `7/14/2026` (with anything after): three
/// groups of digits with the same date separator, one of them the year.
fn starts_with_date(run: &str) -> bool {
    let Some(separator) = run.chars().find(|c| !c.is_ascii_digit()) else {
        return false;
    };
    if !"-./".contains(separator) {
        return false;
    }
    let groups: Vec<usize> = run
        .split(separator)
        .take(3)
        .map(|g| g.chars().take_while(char::is_ascii_digit).count())
        .collect();
    match groups[..] {
        [4, m, d] => (1..=2).contains(&m) && (1..=2).contains(&d),
        [a, b, 4] | [a, b, 2] => (1..=2).contains(&a) && (1..=2).contains(&b),
        _ => false,
    }
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

    /// Case 7 of issue 14: a lead's address percent-encoded in a link.
    #[test]
    fn case_07_a_percent_encoded_lead_email_is_caught() {
        let leads: LeadEmails = [email_hash("ann.lee@alpha.example")].into_iter().collect();
        let mut files = SiteFiles::new();
        for (name, page) in [
            (
                "a.html",
                "<a href=\"mailto:ann.lee%40alpha.example\">write</a>",
            ),
            ("b.html", "ann.lee&#64;alpha.example"),
            ("c.html", "ann.lee&#x40;alpha.example"),
            ("d.html", "mailto:someone%40else.example 100%"),
        ] {
            files.insert(name.into(), page.as_bytes().to_vec());
        }
        assert_eq!(
            files_with_lead_emails(&files, &leads),
            ["a.html", "b.html", "c.html"]
        );
    }

    /// Case 6 of issue 14: contact details in rejected cells are masked.
    #[test]
    fn case_06_emails_and_phone_numbers_in_input_text_are_masked() {
        let cases = [
            ("ann.lee@alpha.example", "[email address]"),
            (
                "write to ann%40alpha.example now",
                "write to [email address] now",
            ),
            ("+1 (555) 123-4567", "[phone number]"),
            (
                "call 555.123.4567, ask for Ann",
                "call [phone number], ask for Ann",
            ),
            ("020 7946 0958", "[phone number]"),
            ("2026-07-14 10:00:00", "2026-07-14 10:00:00"),
            ("14.07.2026", "14.07.2026"),
            ("7/14/2026 3:54 PM", "7/14/2026 3:54 PM"),
            ("$1,234.50", "$1,234.50"),
            ("Q3 (not set) 42%", "Q3 (not set) 42%"),
        ];
        for (input, expected) in cases {
            assert_eq!(mask_contacts(input), expected, "{input}");
        }
    }

    #[test]
    fn tokens() {
        let found: Vec<&str> = email_tokens("mail a.b@c.example, or (x@y.org).").collect();
        assert_eq!(found, ["a.b@c.example", "x@y.org"]);
    }
}
