//! Charts stage (data structs in, SVG string out, no file I/O): which side
//! of the business a figure belongs to, and the colour that side is drawn in.

use plotters::style::RGBColor;

use super::style::{MARKETING, NEUTRAL, PARTNER, SALES};

/// Which side of the business a figure belongs to; picks the colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Marketing: creates and qualifies demand (blue).
    Marketing,
    /// Sales: turns demand into revenue (amber).
    Sales,
    /// Partners and channels opened by business development (teal).
    Partner,
    /// Not attributed to a side (grey).
    Unknown,
}

impl Side {
    /// Colour of this side's bars.
    pub(super) fn color(self) -> RGBColor {
        match self {
            Self::Marketing => MARKETING,
            Self::Sales => SALES,
            Self::Partner => PARTNER,
            Self::Unknown => NEUTRAL,
        }
    }
}
