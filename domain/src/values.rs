//! Value types shared by the aggregates. Each validates itself on construction or in `decide`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::DomainError;

/// The programme's three languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Es,
    Pt,
    En,
}

/// Countries the programme operates in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ProgrammeCountry {
    #[serde(rename = "ES")]
    Es,
    #[serde(rename = "PT")]
    Pt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MigrantStatus {
    Migrant,
    NonMigrant,
    Undisclosed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    NonBinary,
    Undisclosed,
}

/// How a participant came to the programme (an evaluation breakdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AcquisitionChannel {
    Web,
    Android,
    Ios,
    InternetAccessPoint,
    Event,
    Partner,
}

/// Course topics offered by the e-learning platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Tourism,
    CaringAssistance,
    Environment,
    Financing,
    Informatics,
    Management,
    Marketing,
    Negotiations,
    HumanResources,
    Languages,
    ECommerce,
    Legal,
    Culture,
}

/// The areas of support mentors, experts and advice requests name: one list, so a mentor
/// may work on tax and an expert on tourism. Course topics stay their own list ([`Topic`]);
/// each topic is an area of support too, under the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AreaOfSupport {
    Tourism,
    CaringAssistance,
    Environment,
    Financing,
    Informatics,
    Management,
    Marketing,
    Negotiations,
    HumanResources,
    Languages,
    ECommerce,
    Legal,
    Culture,
    Tax,
    Internet,
    #[serde(rename = "web_2_0")]
    Web20,
    SocialNetworking,
    CrossBorder,
}

/// ISO 3166-1 alpha-2 country code, upper case (for example `CO`, `MA`, `RO`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct CountryCode(String);

impl CountryCode {
    /// # Errors
    /// [`DomainError::Invalid`] naming `field` unless `code` is two ASCII letters.
    pub fn parse(field: &'static str, code: &str) -> Result<Self, DomainError> {
        let code = code.trim();
        if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Self(code.to_ascii_uppercase()))
        } else {
            Err(DomainError::invalid(
                field,
                "expected an ISO 3166-1 alpha-2 code such as \"CO\"",
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Text in one or more of the programme's languages.
pub type LocalizedText = BTreeMap<Language, String>;

/// Checks a required free-text field: trimmed, not empty, at most `max` characters.
///
/// # Errors
/// [`DomainError::Invalid`] naming `field`.
pub fn required_text(field: &'static str, value: &str, max: usize) -> Result<String, DomainError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::invalid(field, "must not be empty"));
    }
    if value.chars().count() > max {
        return Err(DomainError::invalid(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(value.to_owned())
}

/// Checks localized text: every entry trimmed and non-empty, and at least one language when
/// `required`.
///
/// # Errors
/// [`DomainError::Invalid`] naming `field`.
pub fn localized_text(
    field: &'static str,
    text: &LocalizedText,
    required: bool,
    max: usize,
) -> Result<LocalizedText, DomainError> {
    if required && text.is_empty() {
        return Err(DomainError::invalid(
            field,
            "needs at least one of es, pt or en",
        ));
    }
    text.iter()
        .map(|(language, value)| Ok((*language, required_text(field, value, max)?)))
        .collect()
}

/// A plausible e-mail address: one `@`, something before it, a dot in the domain part.
///
/// # Errors
/// [`DomainError::Invalid`] naming `email`.
pub fn email(value: &str) -> Result<String, DomainError> {
    let value = required_text("email", value, 254)?;
    let valid = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(value)
    } else {
        Err(DomainError::invalid("email", "is not an e-mail address"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_accepts_plain_addresses_and_rejects_the_rest() {
        assert!(email("ana@example.es").is_ok());
        for bad in ["", "ana", "ana@", "@x.es", "ana@es", "a b@x.es", "a@b@x.es"] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn it_normalises_country_codes() {
        assert_eq!(
            CountryCode::parse("c", " co ").map(|c| c.0),
            Ok("CO".into())
        );
        assert!(CountryCode::parse("c", "COL").is_err());
    }

    #[test]
    fn it_requires_one_language_when_asked() {
        assert!(localized_text("title", &LocalizedText::new(), true, 10).is_err());
        let mut text = LocalizedText::new();
        text.insert(Language::Pt, "  ".into());
        assert!(localized_text("title", &text, false, 10).is_err());
    }
}

/// An amount of euros. Decimal, never a float: in JSON it is a string such as `"12.50"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "12.50"))]
#[serde(transparent)]
pub struct Eur(#[serde(with = "rust_decimal::serde::str")] pub rust_decimal::Decimal);

impl Eur {
    /// A positive amount with at most two decimals (cents).
    ///
    /// # Errors
    /// [`DomainError::Invalid`] naming `field`.
    pub fn positive(field: &'static str, amount: Eur) -> Result<Eur, DomainError> {
        if amount.0 <= rust_decimal::Decimal::ZERO {
            return Err(DomainError::invalid(field, "must be greater than zero"));
        }
        if amount.0.normalize().scale() > 2 {
            return Err(DomainError::invalid(field, "at most two decimals (cents)"));
        }
        if amount.0 > rust_decimal::Decimal::from(100_000_000) {
            return Err(DomainError::invalid(field, "is implausibly large"));
        }
        Ok(Eur(amount.0.normalize()))
    }
}

#[cfg(test)]
mod money_tests {
    use super::*;
    use std::str::FromStr;

    fn eur(s: &str) -> Eur {
        Eur(rust_decimal::Decimal::from_str(s).expect("decimal"))
    }

    #[test]
    fn it_keeps_cents_exact_and_refuses_floats() {
        assert_eq!(
            serde_json::to_string(&eur("12.50")).ok(),
            Some("\"12.50\"".into())
        );
        assert_eq!(
            serde_json::from_str::<Eur>("\"0.10\"").ok(),
            Some(eur("0.10"))
        );
        assert!(
            serde_json::from_str::<Eur>("0.1").is_err(),
            "floats are refused"
        );
        assert!(Eur::positive("price", eur("0.001")).is_err());
        assert!(Eur::positive("price", eur("0")).is_err());
        assert_eq!(Eur::positive("price", eur("3.10")).ok(), Some(eur("3.1")));
    }
}

#[cfg(test)]
mod area_tests {
    use super::*;

    /// Mentors registered before the lists were one named course topics: each still reads.
    #[test]
    fn every_course_topic_is_an_area_of_support_of_the_same_name() {
        for topic in [
            Topic::Tourism,
            Topic::CaringAssistance,
            Topic::Environment,
            Topic::Financing,
            Topic::Informatics,
            Topic::Management,
            Topic::Marketing,
            Topic::Negotiations,
            Topic::HumanResources,
            Topic::Languages,
            Topic::ECommerce,
            Topic::Legal,
            Topic::Culture,
        ] {
            let name = serde_json::to_value(topic).unwrap_or_default();
            let area = serde_json::from_value::<AreaOfSupport>(name.clone());
            assert_eq!(
                area.ok().and_then(|a| serde_json::to_value(a).ok()),
                Some(name)
            );
        }
    }
}
