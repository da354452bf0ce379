//! Amounts in other currencies, converted to the review's base currency
//! with the fixed rates of `[fx]` in equinox.toml.

use crate::config::Settings;
use crate::model::{FineMoney, Money};

/// An amount in a currency `[fx]` gives no rate for: the row is rejected
/// with this as what was expected, at the amount's or currency's column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("an amount in {base}; add `{code} = <rate>` under [fx] in equinox.toml to convert {code}")]
pub struct NoRate {
    /// The review's base currency.
    pub base: String,
    /// The currency of the amount, upper case.
    pub code: String,
}

impl From<NoRate> for String {
    fn from(error: NoRate) -> String {
        error.to_string()
    }
}

/// [`to_base`] for ad spend: the converted amount keeps its fractions of
/// a cent (see [`FineMoney`]).
pub fn to_base_fine(
    amount: Money,
    currency: Option<&str>,
    settings: &Settings,
) -> Result<FineMoney, NoRate> {
    let code = currency.map(|c| c.trim().to_ascii_uppercase());
    match code.as_deref().and_then(|c| settings.fx.get(c)) {
        Some(rate)
            if amount != Money::ZERO && code.as_deref() != Some(settings.currency.as_str()) =>
        {
            Ok(FineMoney::scaled(amount, *rate))
        }
        _ => to_base(amount, currency, settings).map(FineMoney::from_money),
    }
}

/// Converts an amount in `currency` to the base currency with the fixed
/// rates from equinox.toml.
pub fn to_base(
    amount: Money,
    currency: Option<&str>,
    settings: &Settings,
) -> Result<Money, NoRate> {
    let Some(code) = currency.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(amount);
    };
    // An empty amount beside its currency code (Salesforce writes `EUR`
    // on every row) needs no rate.
    if amount == Money::ZERO {
        return Ok(amount);
    }
    let code = code.to_ascii_uppercase();
    if code == settings.currency {
        return Ok(amount);
    }
    settings
        .fx
        .get(&code)
        .map(|rate| amount.scale(*rate))
        .ok_or_else(|| NoRate {
            base: settings.currency.clone(),
            code,
        })
}
