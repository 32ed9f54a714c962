//! B2B relationships of a business: with another business on the platform or with an outside
//! organisation.

use serde::{Deserialize, Serialize};

use super::{Business, BusinessEvent};
use crate::error::Decision;
use crate::values::{required_text, CountryCode, ProgrammeCountry};
use crate::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum B2BKind {
    Customer,
    Supplier,
    Partner,
}

/// Who the relationship is with: `{"type": "platform_business", "business_id": "…"}` or
/// `{"type": "outside_organisation", "name": "…", "country": "MA"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Counterpart {
    PlatformBusiness {
        business_id: String,
    },
    OutsideOrganisation {
        name: String,
        /// ISO 3166-1 alpha-2.
        country: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FormB2BRelationship {
    pub counterpart: Counterpart,
    pub kind: B2BKind,
    /// Must agree with the two countries (a check against typing mistakes).
    pub cross_border: bool,
}

/// A counterpart business on the platform, as the command layer found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformCounterpart {
    pub business_id: String,
    /// The counterpart is the business forming the relationship.
    pub is_this_business: bool,
    pub name: String,
    pub country: ProgrammeCountry,
    pub closed: bool,
    /// Kinds of relationship the counterpart already recorded with this business.
    pub recorded_by_counterpart: Vec<B2BKind>,
}

impl B2BKind {
    /// The same relationship seen from the other side.
    pub fn seen_from_the_other_side(self) -> B2BKind {
        match self {
            B2BKind::Customer => B2BKind::Supplier,
            B2BKind::Supplier => B2BKind::Customer,
            B2BKind::Partner => B2BKind::Partner,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct B2BRelationship {
    pub counterpart_business_id: Option<String>,
    pub counterpart_name: String,
    pub counterpart_country: CountryCode,
    pub kind: B2BKind,
    pub cross_border: bool,
}

pub(super) fn country_code(country: ProgrammeCountry) -> CountryCode {
    let code = match country {
        ProgrammeCountry::Es => "ES",
        ProgrammeCountry::Pt => "PT",
    };
    CountryCode::parse("country", code).unwrap_or_else(|_| unreachable!("ES and PT are valid"))
}

impl Business {
    pub(super) fn form_b2b(
        &self,
        cmd: FormB2BRelationship,
        platform: Option<PlatformCounterpart>,
    ) -> Decision<BusinessEvent> {
        let (business_id, name, country) = match cmd.counterpart {
            Counterpart::PlatformBusiness { business_id } => {
                let found = platform.filter(|p| p.business_id == business_id).ok_or(
                    DomainError::NotFound {
                        what: "counterpart business",
                    },
                )?;
                if found.is_this_business {
                    return Err(DomainError::rule(
                        "b2b_with_itself",
                        "a business cannot form a relationship with itself",
                    ));
                }
                if found.closed {
                    return Err(DomainError::rule(
                        "counterpart_business_closed",
                        "the counterpart business is closed",
                    ));
                }
                // One relationship between two platform businesses is one B2B link, whichever
                // of them records it: recording it from both sides would count it twice.
                let mirrored = cmd.kind.seen_from_the_other_side();
                if found.recorded_by_counterpart.contains(&mirrored) {
                    return Err(DomainError::rule(
                        "b2b_relationship_exists",
                        "the other business already recorded this relationship",
                    ));
                }
                (Some(business_id), found.name, country_code(found.country))
            }
            Counterpart::OutsideOrganisation { name, country } => (
                None,
                required_text("counterpart.name", &name, 200)?,
                CountryCode::parse("counterpart.country", &country)?,
            ),
        };
        let own = self.country.map(country_code);
        let crosses = own.as_ref() != Some(&country);
        if crosses != cmd.cross_border {
            return Err(DomainError::rule(
                "cross_border_mismatch",
                format!(
                    "cross_border is {} but the business is in {} and the counterpart in {}",
                    cmd.cross_border,
                    own.as_ref().map_or("?", CountryCode::as_str),
                    country.as_str()
                ),
            ));
        }
        let same = |r: &super::B2BRelationship| {
            r.kind == cmd.kind
                && match &business_id {
                    Some(id) => r.counterpart_business_id.as_ref() == Some(id),
                    None => {
                        r.counterpart_business_id.is_none()
                            && r.counterpart_name.to_lowercase() == name.to_lowercase()
                            && r.counterpart_country == country
                    }
                }
        };
        if self.relationships.iter().any(same) {
            return Err(DomainError::rule(
                "b2b_relationship_exists",
                "this relationship was already formed",
            ));
        }
        Ok(vec![BusinessEvent::BusinessB2BRelationshipFormed {
            counterpart_business_id: business_id,
            counterpart_name: name,
            counterpart_country: country,
            kind: cmd.kind,
            cross_border: crosses,
        }])
    }
}
