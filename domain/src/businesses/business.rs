//! Business: an SME (or a self-employed activity) created by one or more participants.
//!
//! A business records the jobs it creates, forms B2B relationships, may be restructured (it
//! continues as a new version) and may close; nothing happens to it after closure.

use crate::event_types;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::Decision;
use crate::values::{CountryCode, ProgrammeCountry};
use crate::{Actor, Aggregate, DomainError, DomainEvent, Role};

mod b2b;
mod rules;
pub use b2b::{B2BKind, B2BRelationship, Counterpart, FormB2BRelationship, PlatformCounterpart};

/// More founders than this is a data error (and bounds the command layer's look-ups).
pub const MAX_FOUNDERS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LegalForm {
    SelfEmployed,
    SoleTrader,
    /// Sociedad Limitada (ES) or Sociedade por Quotas, Lda (PT).
    LimitedCompany,
    Cooperative,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateBusiness {
    /// Participant ids, at least one; each must be registered.
    pub founder_ids: Vec<String>,
    pub name: String,
    pub sector: String,
    pub legal_form: LegalForm,
    pub country: ProgrammeCountry,
    pub municipality: String,
    #[serde(deserialize_with = "crate::dates::strict")]
    pub founded_on: NaiveDate,
    pub ecommerce: bool,
}

/// Jobs created since the last record: they add up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordJobs {
    pub direct: u32,
    pub indirect: u32,
    #[serde(deserialize_with = "crate::dates::strict")]
    pub on: NaiveDate,
}

/// The business continues under a new version; absent fields stay as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RestructureBusiness {
    pub name: Option<String>,
    pub legal_form: Option<LegalForm>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CloseBusiness {
    #[serde(deserialize_with = "crate::dates::strict")]
    pub on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BusinessCommand {
    /// `unregistered_founders` is looked up by the command layer.
    Create {
        business: CreateBusiness,
        unregistered_founders: Vec<String>,
    },
    RecordJobs(RecordJobs),
    /// `platform` holds the looked-up counterpart when it is a business on the platform
    /// (`None` when that business does not exist or the counterpart is outside).
    FormB2BRelationship {
        relationship: FormB2BRelationship,
        platform: Option<PlatformCounterpart>,
    },
    Restructure(RestructureBusiness),
    Close(CloseBusiness),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum BusinessEvent {
    BusinessCreated {
        founder_ids: Vec<String>,
        name: String,
        sector: String,
        legal_form: LegalForm,
        country: ProgrammeCountry,
        municipality: String,
        founded_on: NaiveDate,
        ecommerce: bool,
    },
    /// `direct`/`indirect` were created on `on`; the totals include them.
    BusinessJobsRecorded {
        direct: u32,
        indirect: u32,
        on: NaiveDate,
        direct_total: u32,
        indirect_total: u32,
        country: ProgrammeCountry,
    },
    BusinessB2BRelationshipFormed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        counterpart_business_id: Option<String>,
        counterpart_name: String,
        counterpart_country: CountryCode,
        kind: B2BKind,
        cross_border: bool,
    },
    BusinessRestructured {
        version: u32,
        name: String,
        legal_form: LegalForm,
        note: String,
    },
    BusinessClosed {
        on: NaiveDate,
        reason: String,
    },
}

impl DomainEvent for BusinessEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::BusinessCreated { .. } => event_types::BUSINESS_CREATED,
            Self::BusinessJobsRecorded { .. } => event_types::BUSINESS_JOBS_RECORDED,
            Self::BusinessB2BRelationshipFormed { .. } => {
                event_types::BUSINESS_B2B_RELATIONSHIP_FORMED
            }
            Self::BusinessRestructured { .. } => event_types::BUSINESS_RESTRUCTURED,
            Self::BusinessClosed { .. } => event_types::BUSINESS_CLOSED,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BusinessStatus {
    #[default]
    NotCreated,
    Active,
    Closed,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Business {
    pub status: BusinessStatus,
    pub founder_ids: Vec<String>,
    pub name: String,
    pub sector: String,
    pub legal_form: Option<LegalForm>,
    pub country: Option<ProgrammeCountry>,
    pub municipality: String,
    pub founded_on: Option<NaiveDate>,
    pub ecommerce: bool,
    /// 1 when created; each restructuring adds one.
    pub version: u32,
    pub direct_jobs: u32,
    pub indirect_jobs: u32,
    pub relationships: Vec<B2BRelationship>,
    pub closed_on: Option<NaiveDate>,
}

/// What other aggregates need to know about a business (job postings, financing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessFacts {
    pub founder_ids: Vec<String>,
    pub closed: bool,
}

impl BusinessFacts {
    /// Refuses unless `participant_id` founded this business and it is still open: what a
    /// listing, an order or a financing application "for a business" requires.
    ///
    /// # Errors
    /// Rules `business_closed` and `participant_not_a_founder`.
    pub fn require_founder(&self, participant_id: &str) -> Result<(), DomainError> {
        if self.closed {
            return Err(DomainError::rule(
                "business_closed",
                "the business is closed",
            ));
        }
        if !self.founder_ids.iter().any(|f| f == participant_id) {
            return Err(DomainError::rule(
                "participant_not_a_founder",
                "only a founder may act for this business",
            ));
        }
        Ok(())
    }
}

impl Business {
    pub fn exists(&self) -> bool {
        self.status != BusinessStatus::NotCreated
    }

    pub fn facts(&self) -> Option<BusinessFacts> {
        self.exists().then(|| BusinessFacts {
            founder_ids: self.founder_ids.clone(),
            closed: self.status == BusinessStatus::Closed,
        })
    }

    /// Staff, or a participant who founded this business.
    pub fn is_run_by(&self, actor: &Actor) -> bool {
        actor.is_staff()
            || (actor.role == Role::Participant && self.founder_ids.contains(&actor.id))
    }
}

impl Aggregate for Business {
    const TYPE: &'static str = "Business";
    type Command = BusinessCommand;
    type Event = BusinessEvent;

    fn dates_of_facts(command: &BusinessCommand) -> Vec<(&'static str, NaiveDate)> {
        match command {
            BusinessCommand::Create { business, .. } => vec![("founded_on", business.founded_on)],
            BusinessCommand::RecordJobs(cmd) => vec![("on", cmd.on)],
            BusinessCommand::Close(cmd) => vec![("on", cmd.on)],
            BusinessCommand::FormB2BRelationship { .. } | BusinessCommand::Restructure(_) => {
                Vec::new()
            }
        }
    }

    fn decide(&self, command: BusinessCommand, actor: &Actor) -> Decision<BusinessEvent> {
        match command {
            BusinessCommand::Create {
                business,
                unregistered_founders,
            } => self.create(business, unregistered_founders, actor),
            BusinessCommand::RecordJobs(cmd) => self.record_jobs(cmd, actor),
            BusinessCommand::FormB2BRelationship {
                relationship,
                platform,
            } => {
                self.require_open_for(actor)?;
                self.form_b2b(relationship, platform)
            }
            BusinessCommand::Restructure(cmd) => self.restructure(cmd, actor),
            BusinessCommand::Close(cmd) => self.close(cmd, actor),
        }
    }

    fn apply(&mut self, event: &BusinessEvent) {
        match event.clone() {
            BusinessEvent::BusinessCreated {
                founder_ids,
                name,
                sector,
                legal_form,
                country,
                municipality,
                founded_on,
                ecommerce,
            } => {
                *self = Business {
                    status: BusinessStatus::Active,
                    founder_ids,
                    name,
                    sector,
                    legal_form: Some(legal_form),
                    country: Some(country),
                    municipality,
                    founded_on: Some(founded_on),
                    ecommerce,
                    version: 1,
                    ..Business::default()
                };
            }
            BusinessEvent::BusinessJobsRecorded {
                direct_total,
                indirect_total,
                ..
            } => {
                self.direct_jobs = direct_total;
                self.indirect_jobs = indirect_total;
            }
            BusinessEvent::BusinessB2BRelationshipFormed {
                counterpart_business_id,
                counterpart_name,
                counterpart_country,
                kind,
                cross_border,
            } => self.relationships.push(B2BRelationship {
                counterpart_business_id,
                counterpart_name,
                counterpart_country,
                kind,
                cross_border,
            }),
            BusinessEvent::BusinessRestructured {
                version,
                name,
                legal_form,
                ..
            } => {
                self.version = version;
                self.name = name;
                self.legal_form = Some(legal_form);
            }
            BusinessEvent::BusinessClosed { on, .. } => {
                self.status = BusinessStatus::Closed;
                self.closed_on = Some(on);
            }
        }
    }

    /// Every event of a business concerns all its founders.
    fn subjects(&self, _aggregate_id: &str, _event: &BusinessEvent) -> Vec<String> {
        self.founder_ids.clone()
    }
}

#[cfg(test)]
mod tests;
