//! Texts many records repeat, held once.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use super::{Channel, Function};

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

/// Texts held once however many records repeat them: a lead's id on each
/// of its touches, a rep's name, a source. Export readers ask the pool
/// for a cell's text instead of copying it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextPool {
    held: rustc_hash::FxHashSet<Text>,
    /// The texts asked for last, one ring per [`PooledAs`]: rows repeat a
    /// few reps or sources (an activity export sorted by date takes turns
    /// among a team's reps), and comparing with them is cheaper than
    /// hashing. A contact asks for its source, owner and status: in one
    /// ring, a few of each would push each other out.
    recent: [Recent; PooledAs::KINDS],
}

/// What a pooled text is, which picks its ring of recent texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PooledAs {
    Source,
    Owner,
    Status,
    Other,
}

impl PooledAs {
    const KINDS: usize = 4;
}

/// The last texts of one kind asked for.
#[derive(Debug, Clone, Default, PartialEq)]
struct Recent {
    texts: Vec<Text>,
    /// Where the next text goes once `texts` is full.
    next: usize,
}

/// How many texts a [`Recent`] ring keeps: a team of reps.
const RECENT_TEXTS: usize = 8;

impl TextPool {
    /// The shared copy of `text`, made on first sight.
    pub fn text(&mut self, text: &str) -> Text {
        self.text_as(PooledAs::Other, text)
    }

    /// [`TextPool::text`] for a text of the kind `kind`, compared first
    /// with the last ones of that kind.
    pub fn text_as(&mut self, kind: PooledAs, text: &str) -> Text {
        let recent = &mut self.recent[kind as usize];
        if let Some(known) = recent.texts.iter().find(|known| ***known == *text) {
            return known.clone();
        }
        let held = match self.held.get(text) {
            Some(held) => held.clone(),
            None => {
                let held: Text = text.into();
                self.held.insert(held.clone());
                held
            }
        };
        if recent.texts.len() < RECENT_TEXTS {
            recent.texts.push(held.clone());
        } else {
            recent.texts[recent.next] = held.clone();
            recent.next = (recent.next + 1) % RECENT_TEXTS;
        }
        held
    }
}

/// What the last few distinct sources (with their drill-down) of one
/// file were mapped to ([`crate::config::SourceMap`]): a file repeats a
/// handful on every row, and comparing a few texts costs less than
/// lower-casing and hashing each row's. A cache: two are equal whatever
/// they hold.
#[derive(Debug, Clone, Default)]
pub struct MappedSources {
    known: Vec<MappedSource>,
}

#[derive(Debug, Clone)]
struct MappedSource {
    source: Box<str>,
    detail: Option<Box<str>>,
    mapped: (Function, Option<Channel>),
}

/// How many sources [`MappedSources`] keeps; past them, each row's source
/// is mapped anew.
const MAPPED_SOURCES: usize = 16;

impl MappedSources {
    /// What `source` and `detail` map to: as `map` said the first time.
    pub fn get_or(
        &mut self,
        source: &str,
        detail: Option<&str>,
        map: impl FnOnce() -> (Function, Option<Channel>),
    ) -> (Function, Option<Channel>) {
        let known = self
            .known
            .iter()
            .find(|known| *known.source == *source && known.detail.as_deref() == detail);
        if let Some(known) = known {
            return known.mapped;
        }
        let mapped = map();
        if self.known.len() < MAPPED_SOURCES {
            self.known.push(MappedSource {
                source: source.into(),
                detail: detail.map(Into::into),
                mapped,
            });
        }
        mapped
    }
}

impl PartialEq for MappedSources {
    fn eq(&self, _: &MappedSources) -> bool {
        true
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

    /// A text asked for as any kind is the one held copy.
    #[test]
    fn the_pool_holds_one_copy_whatever_the_kind() {
        let mut pool = TextPool::default();
        let source = pool.text_as(PooledAs::Source, "Referral");
        let reps: Vec<Text> = (0..20)
            .map(|i| pool.text_as(PooledAs::Owner, &format!("Rep {}", i % 10)))
            .collect();
        assert!(Text::ptr_eq(&reps[3], &reps[13]), "from the ring");
        assert!(Text::ptr_eq(&reps[0], &pool.text("Rep 0")), "from the set");
        let again = pool.text_as(PooledAs::Status, "Referral");
        assert!(Text::ptr_eq(&source, &again));
        assert_eq!(pool.held.len(), 11);
    }

    /// Each source and drill-down pair is mapped once, then remembered.
    #[test]
    fn sources_are_mapped_once() {
        let mut memo = MappedSources::default();
        let mut calls = 0;
        let mut map = |source: &str, detail: Option<&str>, to: Function| {
            memo.get_or(source, detail, || {
                calls += 1;
                (to, None)
            })
        };
        assert_eq!(
            map("Referral", None, Function::Partner).0,
            Function::Partner
        );
        assert_eq!(map("Referral", None, Function::Sales).0, Function::Partner);
        assert_eq!(
            map("Referral", Some("x"), Function::Sales).0,
            Function::Sales
        );
        assert_eq!(
            map("Referral", Some("x"), Function::Unknown).0,
            Function::Sales
        );
        assert_eq!(calls, 2);
    }
}
