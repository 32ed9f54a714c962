//! How long a bearer token lives: `expires_in` over HTTP, `--expires-in` and `RUTA_TOKEN_TTL`
//! on the command line. A number of seconds, or a number with a unit: `30d`, `12h`, `45m`,
//! `90s`. At least one second, at most [`TokenLifetime::MAX`] (365 days).

use serde::{Deserialize, Deserializer};
use std::fmt;
use std::str::FromStr;

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

/// A token's lifetime in whole seconds, within bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TokenLifetime(u64);

impl TokenLifetime {
    /// A stolen token stays usable at most this long.
    pub const MAX: Self = Self(365 * DAY);
    /// What a token gets when nobody asks for another lifetime (`RUTA_TOKEN_TTL`).
    pub const DEFAULT: Self = Self(90 * DAY);

    /// Checks the bounds.
    ///
    /// # Errors
    /// A message fit for a 422 when `seconds` is zero or above [`Self::MAX`].
    pub fn from_secs(seconds: u64) -> Result<Self, String> {
        if seconds == 0 {
            return Err("must be positive".to_owned());
        }
        if seconds > Self::MAX.0 {
            return Err("at most 365d".to_owned());
        }
        Ok(Self(seconds))
    }

    pub fn as_secs(self) -> u64 {
        self.0
    }
}

impl Default for TokenLifetime {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl FromStr for TokenLifetime {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (digits, unit) = match text.char_indices().last() {
            Some((i, c)) if c.is_ascii_alphabetic() => (&text[..i], Some(c)),
            _ => (text, None),
        };
        let unit = match unit {
            None | Some('s') => 1,
            Some('m') => MINUTE,
            Some('h') => HOUR,
            Some('d') => DAY,
            Some(_) => return Err(usage()),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(usage());
        }
        let count: u64 = digits.parse().map_err(|_| "at most 365d".to_owned())?;
        let seconds = count
            .checked_mul(unit)
            .ok_or_else(|| "at most 365d".to_owned())?;
        Self::from_secs(seconds)
    }
}

fn usage() -> String {
    "seconds, or a number with a unit: 30d, 12h, 45m, 90s".to_owned()
}

impl fmt::Display for TokenLifetime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        match s {
            _ if s.is_multiple_of(DAY) => write!(f, "{}d", s / DAY),
            _ if s.is_multiple_of(HOUR) => write!(f, "{}h", s / HOUR),
            _ if s.is_multiple_of(MINUTE) => write!(f, "{}m", s / MINUTE),
            _ => write!(f, "{s}s"),
        }
    }
}

/// JSON takes a number of seconds or the same strings as the command line.
impl<'de> Deserialize<'de> for TokenLifetime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Given {
            Seconds(i64),
            Text(String),
        }
        let lifetime = match Given::deserialize(deserializer)
            .map_err(|_| serde::de::Error::custom(usage()))?
        {
            Given::Seconds(n) if n <= 0 => Err("must be positive".to_owned()),
            Given::Seconds(n) => Self::from_secs(n.unsigned_abs()),
            Given::Text(text) => text.parse(),
        };
        lifetime.map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_reads_seconds_and_units() {
        let parse = |s: &str| s.parse::<TokenLifetime>().map(TokenLifetime::as_secs);
        assert_eq!(parse("90"), Ok(90));
        assert_eq!(parse("90s"), Ok(90));
        assert_eq!(parse("45m"), Ok(45 * MINUTE));
        assert_eq!(parse("12h"), Ok(12 * HOUR));
        assert_eq!(parse("30d"), Ok(30 * DAY));
        assert_eq!(parse("365d"), Ok(TokenLifetime::MAX.as_secs()));
    }

    #[test]
    fn it_refuses_what_is_out_of_bounds_or_unreadable() {
        for bad in [
            "",
            "0",
            "0d",
            "366d",
            "-5",
            "5w",
            "d",
            "1.5h",
            "1 d",
            "99999999999999999999d",
        ] {
            assert!(bad.parse::<TokenLifetime>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn it_takes_json_numbers_and_strings() {
        let parse = |v: serde_json::Value| serde_json::from_value::<TokenLifetime>(v);
        assert_eq!(
            parse(serde_json::json!(3600)).ok(),
            Some(TokenLifetime(3600))
        );
        assert_eq!(
            parse(serde_json::json!("2h")).ok(),
            Some(TokenLifetime(2 * HOUR))
        );
        for bad in [
            serde_json::json!(0),
            serde_json::json!(-1),
            serde_json::json!(1.5),
            serde_json::json!("400d"),
            serde_json::json!(null),
            serde_json::json!([]),
        ] {
            assert!(parse(bad.clone()).is_err(), "{bad}");
        }
    }

    #[test]
    fn it_prints_what_it_reads() {
        for text in ["90d", "12h", "45m", "61s"] {
            let lifetime: TokenLifetime = text.parse().expect(text);
            assert_eq!(lifetime.to_string(), text);
        }
    }
}
