//! The steps of a financing application after it was opened, and their strict order.

use serde::{Deserialize, Serialize};

use super::{FinancingApplication, FinancingCommand, FinancingEvent};
use crate::error::Decision;
use crate::values::{required_text, Eur};
use crate::DomainError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FinancingChannel {
    Crowdfunding,
    Bank,
}

/// Where an application stands: the last step recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FinancingStage {
    #[default]
    NotOpened,
    Opened,
    NeedsAssessed,
    ChannelRecommended,
    ProjectCertified,
    RequestSubmitted,
    Approved,
    Rejected,
    FundsReceived,
}

impl FinancingStage {
    /// What may be recorded next, for error messages.
    fn next(self) -> &'static str {
        match self {
            Self::NotOpened => "opening the application",
            Self::Opened => "a needs assessment",
            Self::NeedsAssessed => "a recommended channel (crowdfunding or bank)",
            Self::ChannelRecommended => "certification of the project by a partner organisation",
            Self::ProjectCertified => "submission of the request",
            Self::RequestSubmitted => "approval or rejection",
            Self::Approved => "funds received",
            Self::Rejected => "a follow-up",
            Self::FundsReceived => "more funds received or a follow-up",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssessFinancingNeeds {
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecommendFinancingChannel {
    pub channel: FinancingChannel,
    /// The platform or bank, e.g. "Goteo" or "Caixa Geral de Depósitos".
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CertifyFinancingProject {
    /// e.g. "Mita", "UATAE".
    pub partner_organisation: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SubmitFinancingRequest {
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveFinancing {
    pub amount: Eur,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectFinancing {
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordFundsReceived {
    pub amount: Eur,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordFinancingFollowUp {
    pub note: String,
}

/// A positive amount, stored with exactly two decimals so events read `"12500.00"`.
pub(super) fn cents(field: &'static str, amount: Eur) -> Result<Eur, DomainError> {
    let mut amount = Eur::positive(field, amount)?.0;
    amount.rescale(2);
    Ok(Eur(amount))
}

const TEXT: usize = 2_000;

impl FinancingApplication {
    /// Refuses `step` unless the application stands at one of `after`.
    fn expect(&self, step: &str, after: &[FinancingStage]) -> Result<(), DomainError> {
        if after.contains(&self.stage) {
            return Ok(());
        }
        Err(DomainError::rule(
            "financing_step_out_of_order",
            format!(
                "{step} cannot be recorded now; the next step expected is {}",
                self.stage.next()
            ),
        ))
    }

    fn channel_or_default(&self) -> FinancingChannel {
        self.channel.unwrap_or(FinancingChannel::Bank)
    }

    pub(super) fn step(&self, command: FinancingCommand) -> Decision<FinancingEvent> {
        use FinancingStage as S;
        let participant_id = self.participant_id.clone();
        let channel = self.channel_or_default();
        let event = match command {
            // Opening is decided before the steps; an open application cannot open again.
            FinancingCommand::Open { .. } => {
                return Err(DomainError::rule(
                    "financing_application_already_exists",
                    "a financing application with this id already exists",
                ))
            }
            FinancingCommand::AssessNeeds(cmd) => {
                self.expect("a needs assessment", &[S::Opened])?;
                FinancingEvent::FinancingNeedsAssessed {
                    participant_id,
                    summary: required_text("summary", &cmd.summary, TEXT)?,
                }
            }
            FinancingCommand::RecommendChannel(cmd) => {
                self.expect("a channel recommendation", &[S::NeedsAssessed])?;
                FinancingEvent::FinancingChannelRecommended {
                    participant_id,
                    channel: cmd.channel,
                    name: required_text("name", &cmd.name, 200)?,
                }
            }
            FinancingCommand::CertifyProject(cmd) => {
                self.expect("certification", &[S::ChannelRecommended])?;
                FinancingEvent::FinancingProjectCertified {
                    participant_id,
                    partner_organisation: required_text(
                        "partner_organisation",
                        &cmd.partner_organisation,
                        200,
                    )?,
                }
            }
            FinancingCommand::SubmitRequest(cmd) => {
                self.expect("submission", &[S::ProjectCertified])?;
                FinancingEvent::FinancingRequestSubmitted {
                    participant_id,
                    channel,
                    to: required_text("to", &cmd.to, 200)?,
                }
            }
            FinancingCommand::Approve(cmd) => {
                self.expect("approval", &[S::RequestSubmitted])?;
                let amount = cents("amount", cmd.amount)?;
                let sought = self.amount_sought.unwrap_or(amount);
                if amount > sought {
                    return Err(DomainError::rule(
                        "approved_exceeds_amount_sought",
                        format!(
                            "approved {} EUR but only {} EUR were sought",
                            amount.0, sought.0
                        ),
                    ));
                }
                FinancingEvent::FinancingApproved {
                    participant_id,
                    channel,
                    amount,
                    amount_sought: sought,
                }
            }
            FinancingCommand::Reject(cmd) => {
                self.expect("rejection", &[S::RequestSubmitted])?;
                FinancingEvent::FinancingRejected {
                    participant_id,
                    channel,
                    reason: required_text("reason", &cmd.reason, TEXT)?,
                }
            }
            FinancingCommand::RecordFundsReceived(cmd) => {
                self.expect("funds received", &[S::Approved, S::FundsReceived])?;
                let amount = cents("amount", cmd.amount)?;
                let approved = self.amount_approved.map_or(amount.0, |a| a.0);
                let before = self
                    .amount_received
                    .map_or(rust_decimal::Decimal::ZERO, |a| a.0);
                let total = before + amount.0;
                if total > approved {
                    return Err(DomainError::rule(
                        "funds_exceed_approved_amount",
                        format!("{total} EUR in total would exceed the {approved} EUR approved"),
                    ));
                }
                FinancingEvent::FinancingFundsReceived {
                    participant_id,
                    business_id: self.business_id.clone(),
                    channel,
                    amount,
                    total_received: Eur(total),
                }
            }
            FinancingCommand::RecordFollowUp(cmd) => {
                self.expect("a follow-up", &[S::FundsReceived, S::Rejected])?;
                FinancingEvent::FinancingFollowUpRecorded {
                    participant_id,
                    note: required_text("note", &cmd.note, TEXT)?,
                }
            }
        };
        Ok(vec![event])
    }

    pub(super) fn apply_step(&mut self, event: &FinancingEvent) {
        use FinancingStage as S;
        match event.clone() {
            FinancingEvent::FinancingApplicationOpened {
                participant_id,
                business_id,
                purpose,
                amount_sought,
            } => {
                *self = FinancingApplication {
                    stage: S::Opened,
                    participant_id,
                    business_id,
                    purpose,
                    amount_sought: Some(amount_sought),
                    ..FinancingApplication::default()
                };
            }
            FinancingEvent::FinancingNeedsAssessed { summary, .. } => {
                self.stage = S::NeedsAssessed;
                self.needs_summary = Some(summary);
            }
            FinancingEvent::FinancingChannelRecommended { channel, name, .. } => {
                self.stage = S::ChannelRecommended;
                self.channel = Some(channel);
                self.channel_name = Some(name);
            }
            FinancingEvent::FinancingProjectCertified {
                partner_organisation,
                ..
            } => {
                self.stage = S::ProjectCertified;
                self.partner_organisation = Some(partner_organisation);
            }
            FinancingEvent::FinancingRequestSubmitted { to, .. } => {
                self.stage = S::RequestSubmitted;
                self.submitted_to = Some(to);
            }
            FinancingEvent::FinancingApproved { amount, .. } => {
                self.stage = S::Approved;
                self.amount_approved = Some(amount);
            }
            FinancingEvent::FinancingRejected { reason, .. } => {
                self.stage = S::Rejected;
                self.rejection_reason = Some(reason);
            }
            FinancingEvent::FinancingFundsReceived { total_received, .. } => {
                self.stage = S::FundsReceived;
                self.amount_received = Some(total_received);
            }
            FinancingEvent::FinancingFollowUpRecorded { note, .. } => self.follow_ups.push(note),
        }
    }
}
