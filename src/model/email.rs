//! Email addresses as records keep them: a hash, never the address.

use std::hash::{Hash, Hasher};
use std::num::NonZeroU64;

/// Longest address lower-cased without allocating.
const SHORT_EMAIL: usize = 128;

/// Hashes a normalised email (trimmed, lower case) so duplicates can be
/// found, and leaks caught, without keeping the address. Not a security
/// measure: neither the address nor the hash is ever written out.
///
/// Never zero, so that a lead's optional hash takes eight bytes. FxHash:
/// a million addresses are hashed per build (every contact row and every
/// address-like word of the site), and SipHash's resistance to chosen
/// inputs buys nothing here. An ASCII address already in lower case (as
/// most exports write them) is hashed as it is, a short ASCII one
/// lower-cased on the stack; others go through `str::to_lowercase`.
pub fn email_hash(email: &str) -> NonZeroU64 {
    let trimmed = email.trim();
    let (wide, upper) = scan(trimmed.as_bytes());
    if wide || trimmed.len() > SHORT_EMAIL {
        return hash_text(&trimmed.to_lowercase());
    }
    if !upper {
        return hash_text(trimmed);
    }
    let mut buffer = [0u8; SHORT_EMAIL];
    let lowered = &mut buffer[..trimmed.len()];
    lowered.copy_from_slice(trimmed.as_bytes());
    lowered.make_ascii_lowercase();
    // ASCII stays valid UTF-8 when lower-cased.
    hash_text(std::str::from_utf8(lowered).unwrap_or(trimmed))
}

/// Whether `bytes` hold a byte outside ASCII, and an ASCII capital: one
/// pass without a branch per byte, where two passes that stop early cost
/// more on the usual short address.
fn scan(bytes: &[u8]) -> (bool, bool) {
    let flags = bytes.iter().fold(0u8, |flags, &b| {
        flags | (b & 0x80) | u8::from(b.wrapping_sub(b'A') < 26)
    });
    (flags & 0x80 != 0, flags & 1 != 0)
}

fn hash_text(text: &str) -> NonZeroU64 {
    let mut hasher = rustc_hash::FxHasher::default();
    text.hash(&mut hasher);
    NonZeroU64::new(hasher.finish()).unwrap_or(NonZeroU64::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition the shortcuts must keep: trimmed, lower-cased, hashed.
    fn reference(email: &str) -> NonZeroU64 {
        hash_text(&email.trim().to_lowercase())
    }

    proptest! {
        #[test]
        fn shortcuts_agree_with_the_definition(
            email in "[ \t]{0,2}[A-Za-z0-9._%+@-]{0,40}[ \t]{0,2}|\\PC{0,20}|[a-zA-Z]{120,140}|[ÄÉa-z@.]{0,20}",
        ) {
            prop_assert_eq!(email_hash(&email), reference(&email));
        }
    }

    #[test]
    fn trimmed_and_case_blind() {
        let hash = email_hash("ann.lee@alpha.example");
        assert_eq!(email_hash(" Ann.Lee@Alpha.example\t"), hash);
        assert_eq!(email_hash("ÅSA@X.EXAMPLE"), email_hash("åsa@x.example"));
        assert_ne!(
            email_hash("ann.lee@alpha.example"),
            email_hash("ann.lea@alpha.example")
        );
    }
}
