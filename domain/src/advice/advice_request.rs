//! AdviceRequest: a participant's individual question in one area, answered by an expert in
//! that area.

use crate::event_types;
use serde::{Deserialize, Serialize};

use crate::advice::expert::{answering_expert, ExpertStanding};
use crate::error::Decision;
use crate::values::required_text;
use crate::values::AreaOfSupport;
use crate::{Actor, Aggregate, DomainError, DomainEvent, Role};

#[derive(Debug, Clone, PartialEq)]
pub enum AdviceRequestCommand {
    /// `participant_registered` is looked up by the command layer.
    Request {
        participant_id: String,
        area: AreaOfSupport,
        question: String,
        participant_registered: bool,
    },
    /// `expert` is the answering caller's standing, looked up by the command layer.
    Answer {
        text: String,
        expert: Option<ExpertStanding>,
    },
    Close,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum AdviceRequestEvent {
    AdviceRequested {
        participant_id: String,
        area: AreaOfSupport,
        question: String,
    },
    AdviceRequestAnswered {
        participant_id: String,
        area: AreaOfSupport,
        expert_id: String,
        text: String,
    },
    AdviceRequestClosed {
        participant_id: String,
        area: AreaOfSupport,
        answered: bool,
    },
}

impl DomainEvent for AdviceRequestEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::AdviceRequested { .. } => event_types::ADVICE_REQUESTED,
            Self::AdviceRequestAnswered { .. } => event_types::ADVICE_REQUEST_ANSWERED,
            Self::AdviceRequestClosed { .. } => event_types::ADVICE_REQUEST_CLOSED,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdviceRequestStatus {
    #[default]
    NotRequested,
    Open,
    Answered,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdviceAnswer {
    pub expert_id: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdviceRequest {
    pub status: AdviceRequestStatus,
    pub participant_id: String,
    pub area: Option<AreaOfSupport>,
    pub question: String,
    pub answer: Option<AdviceAnswer>,
}

impl AdviceRequest {
    /// The requester, staff, and experts (who pick requests to answer).
    pub fn readable_by(&self, actor: &Actor) -> bool {
        actor.acts_for(&self.participant_id) || actor.role == Role::Expert
    }

    fn existing(&self) -> Result<AreaOfSupport, DomainError> {
        self.area.ok_or(DomainError::NotFound {
            what: "advice request",
        })
    }

    fn answer(
        &self,
        text: &str,
        expert: Option<&ExpertStanding>,
        actor: &Actor,
    ) -> Decision<AdviceRequestEvent> {
        let area = self.existing()?;
        let expert = answering_expert(actor, expert)?;
        match self.status {
            AdviceRequestStatus::Answered => {
                return Err(DomainError::rule(
                    "advice_already_answered",
                    "an expert already answered this request",
                ))
            }
            AdviceRequestStatus::Closed => {
                return Err(DomainError::rule(
                    "advice_request_closed",
                    "the request is closed",
                ))
            }
            AdviceRequestStatus::NotRequested | AdviceRequestStatus::Open => {}
        }
        if !expert.areas.contains(&area) {
            return Err(DomainError::rule(
                "expert_area_mismatch",
                "only an expert in the request's area answers it",
            ));
        }
        Ok(vec![AdviceRequestEvent::AdviceRequestAnswered {
            participant_id: self.participant_id.clone(),
            area,
            expert_id: actor.id.clone(),
            text: required_text("text", text, 10_000)?,
        }])
    }
}

impl Aggregate for AdviceRequest {
    const TYPE: &'static str = "AdviceRequest";
    type Command = AdviceRequestCommand;
    type Event = AdviceRequestEvent;

    fn decide(&self, command: AdviceRequestCommand, actor: &Actor) -> Decision<AdviceRequestEvent> {
        match command {
            AdviceRequestCommand::Request {
                participant_id,
                area,
                question,
                participant_registered,
            } => {
                // Who may ask comes before whether the id is taken.
                if !actor.acts_for(&participant_id) {
                    return Err(DomainError::forbidden(
                        "participants request advice for themselves",
                    ));
                }
                if self.status != AdviceRequestStatus::NotRequested {
                    return Err(DomainError::rule(
                        "advice_request_already_exists",
                        "an advice request with this id already exists",
                    ));
                }
                if !participant_registered {
                    return Err(DomainError::NotFound {
                        what: "participant",
                    });
                }
                Ok(vec![AdviceRequestEvent::AdviceRequested {
                    participant_id,
                    area,
                    question: required_text("question", &question, 5_000)?,
                }])
            }
            AdviceRequestCommand::Answer { text, expert } => {
                self.answer(&text, expert.as_ref(), actor)
            }
            AdviceRequestCommand::Close => {
                let area = self.existing()?;
                if !actor.acts_for(&self.participant_id) {
                    return Err(DomainError::forbidden(
                        "only the requester or staff close a request",
                    ));
                }
                if self.status == AdviceRequestStatus::Closed {
                    return Err(DomainError::rule(
                        "advice_request_closed",
                        "the request is already closed",
                    ));
                }
                Ok(vec![AdviceRequestEvent::AdviceRequestClosed {
                    participant_id: self.participant_id.clone(),
                    area,
                    answered: self.answer.is_some(),
                }])
            }
        }
    }

    fn apply(&mut self, event: &AdviceRequestEvent) {
        match event.clone() {
            AdviceRequestEvent::AdviceRequested {
                participant_id,
                area,
                question,
            } => {
                self.status = AdviceRequestStatus::Open;
                self.participant_id = participant_id;
                self.area = Some(area);
                self.question = question;
            }
            AdviceRequestEvent::AdviceRequestAnswered {
                expert_id, text, ..
            } => {
                self.status = AdviceRequestStatus::Answered;
                self.answer = Some(AdviceAnswer { expert_id, text });
            }
            AdviceRequestEvent::AdviceRequestClosed { .. } => {
                self.status = AdviceRequestStatus::Closed;
            }
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &AdviceRequestEvent) -> Vec<String> {
        vec![self.participant_id.clone()]
    }
}

#[cfg(test)]
mod tests;
