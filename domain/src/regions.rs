//! Regions of origin: the evaluation's grouping of a participant's `country_of_origin`.

use serde::{Deserialize, Serialize};

use crate::values::CountryCode;

/// A region of origin, as the programme's evaluation reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    LatinAmerica,
    Morocco,
    SubSaharanAfrica,
    EasternEurope,
    /// Member states of the European Union (Spanish and Portuguese natives included).
    Eu,
    Other,
}

impl Region {
    /// The stable snake_case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LatinAmerica => "latin_america",
            Self::Morocco => "morocco",
            Self::SubSaharanAfrica => "sub_saharan_africa",
            Self::EasternEurope => "eastern_europe",
            Self::Eu => "eu",
            Self::Other => "other",
        }
    }
}

const LATIN_AMERICA: &[&str] = &[
    "AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "GT", "HN", "MX", "NI", "PA", "PE", "PY",
    "SV", "UY", "VE",
];
/// Checked before the EU: Poland, Bulgaria and Romania are EU members but the evaluation
/// groups them with Eastern Europe.
const EASTERN_EUROPE: &[&str] = &["BG", "RO", "UA", "MD", "RU", "BY", "PL"];
const SUB_SAHARAN_AFRICA: &[&str] = &[
    "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "ER", "ET", "GA", "GH",
    "GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "MG", "ML", "MR", "MU", "MW", "MZ", "NA", "NE",
    "NG", "RW", "SC", "SL", "SN", "SO", "SS", "ST", "SZ", "TD", "TG", "TZ", "UG", "ZA", "ZM", "ZW",
];
const EU: &[&str] = &[
    "AT", "BE", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PT", "SE", "SI", "SK",
];

/// The region a country of origin belongs to; anything not listed is [`Region::Other`].
pub fn region_of(country: &CountryCode) -> Region {
    region_of_code(country.as_str())
}

/// [`region_of`] for a raw ISO alpha-2 code (any case), as stored in event payloads.
pub fn region_of_code(code: &str) -> Region {
    let code = code.trim().to_ascii_uppercase();
    let is_in = |list: &[&str]| list.contains(&code.as_str());
    if is_in(LATIN_AMERICA) {
        Region::LatinAmerica
    } else if code == "MA" {
        Region::Morocco
    } else if is_in(SUB_SAHARAN_AFRICA) {
        Region::SubSaharanAfrica
    } else if is_in(EASTERN_EUROPE) {
        Region::EasternEurope
    } else if is_in(EU) {
        Region::Eu
    } else {
        Region::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(code: &str) -> Region {
        region_of(&CountryCode::parse("c", code).expect("valid code"))
    }

    #[test]
    fn it_groups_the_agreed_origins() {
        assert_eq!(region("CO"), Region::LatinAmerica);
        assert_eq!(region("ve"), Region::LatinAmerica);
        assert_eq!(region("MA"), Region::Morocco);
        assert_eq!(region("SN"), Region::SubSaharanAfrica);
        assert_eq!(region("RO"), Region::EasternEurope);
        assert_eq!(region("PL"), Region::EasternEurope);
        assert_eq!(region("ES"), Region::Eu);
        assert_eq!(region("PT"), Region::Eu);
        assert_eq!(region("DE"), Region::Eu);
        assert_eq!(region("CN"), Region::Other);
        assert_eq!(Region::SubSaharanAfrica.as_str(), "sub_saharan_africa");
    }
}
