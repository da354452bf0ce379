//! Charts stage: the canvas every drawing step works on and the result it
//! returns, shared by the document writer (svg.rs) and the header drawn
//! on every chart (layout.rs), so neither imports the other's internals.

use std::error::Error;

use plotters::coord::Shift;
use plotters::prelude::*;

/// Result of a drawing step; any plotters error ends in the fallback frame.
pub(super) type DrawResult<T = ()> = Result<T, Box<dyn Error>>;

/// The whole canvas of one chart.
pub(super) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
