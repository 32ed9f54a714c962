//! Fixed, platform-independent rendering of indicator values.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// A JSON number: an integer when the value is whole, else the decimal's own digits.
pub(crate) fn json_number(value: Decimal) -> serde_json::Value {
    let value = value.normalize();
    if value.scale() == 0 {
        if let Some(int) = value.to_i64() {
            return serde_json::Value::from(int);
        }
    }
    // Parsing the decimal's text gives the same f64 everywhere, so the same JSON.
    value
        .to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// `part ÷ whole`, rounded half-up to `places`; `None` when `whole` is zero.
pub(crate) fn ratio(part: Decimal, whole: Decimal, places: u32) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_div(whole).map(|r| {
        r.round_dp_with_strategy(places, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_writes_whole_numbers_as_integers() {
        assert_eq!(json_number(Decimal::new(3000, 1)).to_string(), "300");
        assert_eq!(json_number(Decimal::new(750, 1)).to_string(), "75");
        assert_eq!(json_number(Decimal::new(933, 3)).to_string(), "0.933");
        assert_eq!(
            ratio(Decimal::from(2), Decimal::from(3), 4),
            Some(Decimal::new(6667, 4))
        );
        assert_eq!(ratio(Decimal::ONE, Decimal::ZERO, 4), None);
    }
}
