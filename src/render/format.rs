//! Number formatting for pages: the same wording the findings use.

pub use crate::metrics::words::*;
