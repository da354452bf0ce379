//! Order statistics, by one documented method.

/// The `q`-quantile (0..=1) of `values` by linear interpolation between
/// closest ranks (the method of Excel's PERCENTILE.INC and NumPy's default):
/// position `q * (n - 1)` in the sorted values. `None` for no values.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let position = q.clamp(0.0, 1.0) * (values.len() - 1) as f64;
    let lower = position.floor() as usize;
    let upper = position.ceil() as usize;
    let weight = position - lower as f64;
    Some(values[lower] + (values[upper] - values[lower]) * weight)
}

/// `numerator / denominator`, or `None` when the denominator is zero.
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        // sorted 1 2 3 4: median at position 1.5 -> 2.5; p90 at 2.7 -> 3.7
        let mut v = vec![4.0, 1.0, 3.0, 2.0];
        assert_eq!(quantile(&mut v, 0.5), Some(2.5));
        assert!((quantile(&mut v, 0.9).unwrap() - 3.7).abs() < 1e-9);
        assert_eq!(quantile(&mut [7.0], 0.9), Some(7.0));
        assert_eq!(quantile(&mut [], 0.5), None);
        assert_eq!(ratio(1.0, 0.0), None);
    }
}
