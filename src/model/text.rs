//! Texts many records repeat, held once.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Shared text: a value many records repeat (a rep's name, a source, a
/// status), stored once. Eight bytes, a thin pointer (`Arc<str>` takes
/// sixteen), since a lead carries three; reading one takes a second hop,
/// which only per-source tallies do. Compares, orders and hashes as its
/// text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text(Arc<Box<str>>);

impl Text {
    /// Whether `a` and `b` are the same held copy (not merely equal).
    pub fn ptr_eq(a: &Text, b: &Text) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(Arc::new(text.into()))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Arc::new(text.into_boxed_str()))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thin_and_equal_by_content() {
        assert_eq!(std::mem::size_of::<Option<Text>>(), 8);
        let (a, b) = (Text::from("Rep One"), Text::from("Rep One".to_string()));
        assert_eq!(a, b);
        assert!(!Text::ptr_eq(&a, &b));
        assert!(Text::ptr_eq(&a, &a.clone()));
        let set: std::collections::HashSet<Text> = [a].into();
        assert!(set.contains("Rep One"));
    }
}
