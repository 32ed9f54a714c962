//! Financing application: a participant's request for funds, walked step by step with the
//! programme's partner organisations.
//!
//! The steps come in a fixed order — opened → needs assessed → channel (crowdfunding or bank)
//! recommended → project certified by a partner organisation → request submitted → approved
//! or rejected → funds received → follow-ups — and none may come before its predecessor
//! (`financing_step_out_of_order`, whose message names the step expected next). Decisions:
//! - the approved amount may be less than the amount sought, never more
//!   (`approved_exceeds_amount_sought`);
//! - funds may arrive in several tranches, but never more in total than was approved
//!   (`funds_exceed_approved_amount`);
//! - follow-ups are recorded once the outcome is known: after funds were received or after a
//!   rejection (they do not move the application on).

use crate::event_types;
use serde::{Deserialize, Serialize};

use crate::businesses::business::BusinessFacts;
use crate::error::Decision;
use crate::values::Eur;
use crate::{Actor, Aggregate, DomainError, DomainEvent};

mod steps;
pub use steps::{
    ApproveFinancing, AssessFinancingNeeds, CertifyFinancingProject, FinancingChannel,
    FinancingStage, RecommendFinancingChannel, RecordFinancingFollowUp, RecordFundsReceived,
    RejectFinancing, SubmitFinancingRequest,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OpenFinancingApplication {
    pub participant_id: String,
    /// The participant's business the funds are for, if it exists already.
    #[serde(default)]
    pub business_id: Option<String>,
    pub purpose: String,
    pub amount_sought: Eur,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FinancingCommand {
    /// Facts looked up by the command layer: whether the participant is registered and, when
    /// `business_id` is given, that business (`None` if it does not exist).
    Open {
        application: OpenFinancingApplication,
        participant_registered: bool,
        business: Option<BusinessFacts>,
    },
    AssessNeeds(AssessFinancingNeeds),
    RecommendChannel(RecommendFinancingChannel),
    CertifyProject(CertifyFinancingProject),
    SubmitRequest(SubmitFinancingRequest),
    Approve(ApproveFinancing),
    Reject(RejectFinancing),
    RecordFundsReceived(RecordFundsReceived),
    RecordFollowUp(RecordFinancingFollowUp),
}

/// Every event names the applicant, so each can be counted on its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum FinancingEvent {
    FinancingApplicationOpened {
        participant_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        business_id: Option<String>,
        purpose: String,
        amount_sought: Eur,
    },
    FinancingNeedsAssessed {
        participant_id: String,
        summary: String,
    },
    FinancingChannelRecommended {
        participant_id: String,
        channel: FinancingChannel,
        name: String,
    },
    FinancingProjectCertified {
        participant_id: String,
        partner_organisation: String,
    },
    FinancingRequestSubmitted {
        participant_id: String,
        channel: FinancingChannel,
        to: String,
    },
    FinancingApproved {
        participant_id: String,
        channel: FinancingChannel,
        amount: Eur,
        amount_sought: Eur,
    },
    FinancingRejected {
        participant_id: String,
        channel: FinancingChannel,
        reason: String,
    },
    /// One tranche; `total_received` includes it.
    FinancingFundsReceived {
        participant_id: String,
        /// The business financed, if the application named one (so financing received per
        /// SME needs no join).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        business_id: Option<String>,
        channel: FinancingChannel,
        amount: Eur,
        total_received: Eur,
    },
    FinancingFollowUpRecorded {
        participant_id: String,
        note: String,
    },
}

impl DomainEvent for FinancingEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::FinancingApplicationOpened { .. } => event_types::FINANCING_APPLICATION_OPENED,
            Self::FinancingNeedsAssessed { .. } => event_types::FINANCING_NEEDS_ASSESSED,
            Self::FinancingChannelRecommended { .. } => event_types::FINANCING_CHANNEL_RECOMMENDED,
            Self::FinancingProjectCertified { .. } => event_types::FINANCING_PROJECT_CERTIFIED,
            Self::FinancingRequestSubmitted { .. } => event_types::FINANCING_REQUEST_SUBMITTED,
            Self::FinancingApproved { .. } => event_types::FINANCING_APPROVED,
            Self::FinancingRejected { .. } => event_types::FINANCING_REJECTED,
            Self::FinancingFundsReceived { .. } => event_types::FINANCING_FUNDS_RECEIVED,
            Self::FinancingFollowUpRecorded { .. } => event_types::FINANCING_FOLLOW_UP_RECORDED,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FinancingApplication {
    pub stage: FinancingStage,
    pub participant_id: String,
    pub business_id: Option<String>,
    pub purpose: String,
    pub amount_sought: Option<Eur>,
    pub needs_summary: Option<String>,
    pub channel: Option<FinancingChannel>,
    pub channel_name: Option<String>,
    pub partner_organisation: Option<String>,
    pub submitted_to: Option<String>,
    pub amount_approved: Option<Eur>,
    pub rejection_reason: Option<String>,
    pub amount_received: Option<Eur>,
    pub follow_ups: Vec<String>,
}

impl FinancingApplication {
    fn open(
        &self,
        cmd: OpenFinancingApplication,
        registered: bool,
        business: Option<BusinessFacts>,
        actor: &Actor,
    ) -> Decision<FinancingEvent> {
        if self.stage != FinancingStage::NotOpened {
            return Err(DomainError::rule(
                "financing_application_already_exists",
                "a financing application with this id already exists",
            ));
        }
        if !actor.acts_for(&cmd.participant_id) {
            return Err(DomainError::forbidden(
                "participants may only apply for financing themselves",
            ));
        }
        if !registered {
            return Err(DomainError::NotFound {
                what: "participant",
            });
        }
        if cmd.business_id.is_some() {
            let business = business.ok_or(DomainError::NotFound { what: "business" })?;
            if !business.founder_ids.contains(&cmd.participant_id) {
                return Err(DomainError::rule(
                    "participant_not_a_founder",
                    "the participant is not a founder of that business",
                ));
            }
            if business.closed {
                return Err(DomainError::rule(
                    "business_closed",
                    "the business is closed",
                ));
            }
        }
        Ok(vec![FinancingEvent::FinancingApplicationOpened {
            participant_id: cmd.participant_id,
            business_id: cmd.business_id,
            purpose: crate::values::required_text("purpose", &cmd.purpose, 2_000)?,
            amount_sought: steps::cents("amount_sought", cmd.amount_sought)?,
        }])
    }
}

impl Aggregate for FinancingApplication {
    const TYPE: &'static str = "FinancingApplication";
    type Command = FinancingCommand;
    type Event = FinancingEvent;

    fn decide(&self, command: FinancingCommand, actor: &Actor) -> Decision<FinancingEvent> {
        if let FinancingCommand::Open {
            application,
            participant_registered,
            business,
        } = command
        {
            return self.open(application, participant_registered, business, actor);
        }
        if self.stage == FinancingStage::NotOpened {
            return Err(DomainError::NotFound {
                what: "financing application",
            });
        }
        // Partner organisations walk the entrepreneur through the steps; staff record them.
        if !actor.is_staff() {
            return Err(DomainError::forbidden(
                "only staff record the steps of a financing application",
            ));
        }
        self.step(command)
    }

    fn apply(&mut self, event: &FinancingEvent) {
        self.apply_step(event);
    }

    fn subjects(&self, _aggregate_id: &str, _event: &FinancingEvent) -> Vec<String> {
        vec![self.participant_id.clone()]
    }
}

#[cfg(test)]
mod tests;
