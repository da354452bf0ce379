//! Order statistics and ratios, by one documented method.

use crate::model::Money;

/// The `q`-quantile (0..=1) of `values` by linear interpolation between
/// closest ranks (the method of Excel's PERCENTILE.INC and NumPy's default):
/// position `q * (n - 1)` in the sorted values. `None` for no values.
/// The two ranks are selected, not sorted for: linear in the values (a
/// million lead lags took 70 ms to sort). Leaves `values` reordered.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    select_quantile(values, q, f64::total_cmp, |v| v)
}

/// [`quantile`] of values held as integers and read through `value`, which
/// must be strictly increasing: the ranks are selected among the integers
/// and only the two chosen are read, so the result is the same as
/// [`quantile`] of the read values, from smaller lists.
pub fn quantile_of<T: Ord + Copy>(
    items: &mut [T],
    q: f64,
    value: impl Fn(T) -> f64,
) -> Option<f64> {
    select_quantile(items, q, T::cmp, value)
}

/// Both quantiles: the two ranks around position `q * (n - 1)`, selected
/// in `order`, read through `value` and interpolated.
fn select_quantile<T: Copy>(
    items: &mut [T],
    q: f64,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
    value: impl Fn(T) -> f64,
) -> Option<f64> {
    if items.is_empty() {
        return None;
    }
    let position = q.clamp(0.0, 1.0) * (items.len() - 1) as f64;
    let lower = position.floor() as usize;
    let upper = position.ceil() as usize;
    let weight = position - lower as f64;
    let (_, low, above) = items.select_nth_unstable_by(lower, &order);
    let low = value(*low);
    let high = if upper == lower {
        low
    } else {
        value(*above.iter().min_by(|a, b| order(a, b))?)
    };
    Some(low + (high - low) * weight)
}

/// The median: [`quantile`] at 0.5 (the mean of the two middle values for
/// an even count).
pub fn median(values: &mut [f64]) -> Option<f64> {
    quantile(values, 0.5)
}

/// `numerator / denominator`, or `None` when the denominator is zero (or
/// the result is not finite).
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0)
        .then(|| numerator / denominator)
        .filter(|r| r.is_finite())
}

/// `count / total` as a share, `None` for an empty total.
pub fn share(count: u64, total: u64) -> Option<f64> {
    ratio(count as f64, total as f64)
}

/// Money per unit (cost per lead, average deal), rounded to the cent: the
/// precision metrics.json promises for money. `None` for zero units.
pub fn per_unit(amount: Money, units: u64) -> Option<f64> {
    ratio(amount.as_f64(), units as f64).map(round_cents)
}

/// Rounds an amount of currency to the cent.
pub fn round_cents(value: f64) -> f64 {
    Money::from_cents((value * 100.0).round() as i64).as_f64()
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
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
    }

    proptest::proptest! {
        /// Selecting the ranks gives what sorting all values gives.
        #[test]
        fn quantile_agrees_with_sorting(
            values in proptest::collection::vec(-1e6f64..1e6, 1..200),
            q in 0.0f64..=1.0,
        ) {
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let position = q * (sorted.len() - 1) as f64;
            let (lower, upper) = (position.floor() as usize, position.ceil() as usize);
            let weight = position - lower as f64;
            let expected = sorted[lower] + (sorted[upper] - sorted[lower]) * weight;
            proptest::prop_assert_eq!(quantile(&mut values.clone(), q), Some(expected));
        }
    }

    proptest::proptest! {
        /// Ranks selected among whole seconds read as days give what the
        /// days themselves give.
        #[test]
        fn quantile_of_seconds_agrees_with_days(
            seconds in proptest::collection::vec(0u32..u32::MAX, 1..200),
            q in 0.0f64..=1.0,
        ) {
            let mut days: Vec<f64> = seconds.iter().map(|s| f64::from(*s) / 86_400.0).collect();
            let expected = quantile(&mut days, q);
            let got = quantile_of(&mut seconds.clone(), q, |s| f64::from(s) / 86_400.0);
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn ratios_never_divide_by_zero() {
        assert_eq!(ratio(1.0, 0.0), None);
        assert_eq!(share(0, 0), None);
        assert_eq!(share(1, 4), Some(0.25));
        assert_eq!(per_unit(Money(47575), 6), Some(79.29));
        assert_eq!(per_unit(Money(100), 0), None);
    }
}
