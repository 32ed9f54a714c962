//! AdviceGroup: a B2B group on one topic where members ask and experts answer.
//!
//! Questions and their answers stay in the group, so a participant who joins later reads
//! everything asked before.

use crate::event_types;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

use crate::advice::expert::{answering_expert, ExpertStanding};
use crate::error::Decision;
use crate::values::required_text;
use crate::values::AreaOfSupport;
use crate::{Actor, Aggregate, DomainError, DomainEvent, Role};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAdviceGroup {
    /// What the group is about, e.g. "Invoicing across the Spain–Portugal border".
    pub topic: String,
    pub area: AreaOfSupport,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AdviceGroupCommand {
    Create(CreateAdviceGroup),
    /// `participant_registered` is looked up by the command layer.
    Join {
        participant_id: String,
        participant_registered: bool,
    },
    /// A member asks; staff may ask on behalf of a member by naming them. A participant
    /// without `participant_id` asks for themselves.
    Ask {
        question_id: String,
        participant_id: Option<String>,
        text: String,
    },
    /// `expert` is the answering caller's standing, looked up by the command layer.
    Answer {
        question_id: String,
        text: String,
        expert: Option<ExpertStanding>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum AdviceGroupEvent {
    AdviceGroupCreated {
        topic: String,
        area: AreaOfSupport,
        title: String,
    },
    AdviceGroupJoined {
        participant_id: String,
        area: AreaOfSupport,
    },
    AdviceGroupQuestionAsked {
        question_id: String,
        participant_id: String,
        area: AreaOfSupport,
        text: String,
    },
    /// `participant_id` is the asker's.
    AdviceGroupQuestionAnswered {
        question_id: String,
        participant_id: String,
        expert_id: String,
        area: AreaOfSupport,
        text: String,
    },
}

impl DomainEvent for AdviceGroupEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::AdviceGroupCreated { .. } => event_types::ADVICE_GROUP_CREATED,
            Self::AdviceGroupJoined { .. } => event_types::ADVICE_GROUP_JOINED,
            Self::AdviceGroupQuestionAsked { .. } => event_types::ADVICE_GROUP_QUESTION_ASKED,
            Self::AdviceGroupQuestionAnswered { .. } => event_types::ADVICE_GROUP_QUESTION_ANSWERED,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupAnswer {
    pub expert_id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupQuestion {
    pub question_id: String,
    pub participant_id: String,
    pub text: String,
    pub answers: Vec<GroupAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupInfo {
    pub topic: String,
    pub area: AreaOfSupport,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AdviceGroup {
    pub info: Option<GroupInfo>,
    pub members: BTreeSet<String>,
    pub questions: Vec<GroupQuestion>,
}

impl AdviceGroup {
    /// Members read the group's questions and answers; so do experts and staff.
    pub fn readable_by(&self, actor: &Actor) -> bool {
        actor.is_staff()
            || actor.role == Role::Expert
            || (actor.role == Role::Participant && self.members.contains(&actor.id))
    }

    fn existing(&self) -> Result<&GroupInfo, DomainError> {
        self.info.as_ref().ok_or(DomainError::NotFound {
            what: "advice group",
        })
    }

    fn question(&self, question_id: &str) -> Option<&GroupQuestion> {
        self.questions.iter().find(|q| q.question_id == question_id)
    }

    fn ask(
        &self,
        question_id: &str,
        participant_id: Option<String>,
        text: &str,
        actor: &Actor,
    ) -> Decision<AdviceGroupEvent> {
        let info = self.existing()?;
        let asker = match participant_id {
            Some(id) => id,
            None if actor.role == Role::Participant => actor.id.clone(),
            None => {
                return Err(DomainError::invalid(
                    "participant_id",
                    "name the member the question is asked for",
                ))
            }
        };
        if !actor.acts_for(&asker) {
            return Err(DomainError::forbidden(
                "only members ask, for themselves (staff may ask for a member)",
            ));
        }
        if !self.members.contains(&asker) {
            return Err(DomainError::rule(
                "not_a_member",
                "only members of the group ask in it; join first",
            ));
        }
        let question_id = required_text("question_id", question_id, 100)?;
        if self.question(&question_id).is_some() {
            return Err(DomainError::rule(
                "question_already_asked",
                "a question with this id was already asked",
            ));
        }
        Ok(vec![AdviceGroupEvent::AdviceGroupQuestionAsked {
            question_id,
            participant_id: asker,
            area: info.area,
            text: required_text("text", text, 5_000)?,
        }])
    }

    fn answer(
        &self,
        question_id: &str,
        text: &str,
        expert: Option<&ExpertStanding>,
        actor: &Actor,
    ) -> Decision<AdviceGroupEvent> {
        let info = self.existing()?;
        answering_expert(actor, expert)?;
        let question = self.question(question_id).ok_or_else(|| {
            DomainError::rule("unknown_question", "no question with this id in the group")
        })?;
        Ok(vec![AdviceGroupEvent::AdviceGroupQuestionAnswered {
            question_id: question.question_id.clone(),
            participant_id: question.participant_id.clone(),
            expert_id: actor.id.clone(),
            area: info.area,
            text: required_text("text", text, 10_000)?,
        }])
    }
}

impl Aggregate for AdviceGroup {
    const TYPE: &'static str = "AdviceGroup";
    type Command = AdviceGroupCommand;
    type Event = AdviceGroupEvent;

    fn decide(&self, command: AdviceGroupCommand, actor: &Actor) -> Decision<AdviceGroupEvent> {
        match command {
            AdviceGroupCommand::Create(cmd) => {
                if self.info.is_some() {
                    return Err(DomainError::rule(
                        "advice_group_already_exists",
                        "an advice group with this id already exists",
                    ));
                }
                Ok(vec![AdviceGroupEvent::AdviceGroupCreated {
                    topic: required_text("topic", &cmd.topic, 500)?,
                    area: cmd.area,
                    title: required_text("title", &cmd.title, 200)?,
                }])
            }
            AdviceGroupCommand::Join {
                participant_id,
                participant_registered,
            } => {
                let info = self.existing()?;
                if !actor.acts_for(&participant_id) {
                    return Err(DomainError::forbidden("participants join for themselves"));
                }
                if !participant_registered {
                    return Err(DomainError::NotFound {
                        what: "participant",
                    });
                }
                if self.members.contains(&participant_id) {
                    return Err(DomainError::rule(
                        "already_a_member",
                        "the participant is already a member of this group",
                    ));
                }
                Ok(vec![AdviceGroupEvent::AdviceGroupJoined {
                    participant_id,
                    area: info.area,
                }])
            }
            AdviceGroupCommand::Ask {
                question_id,
                participant_id,
                text,
            } => self.ask(&question_id, participant_id, &text, actor),
            AdviceGroupCommand::Answer {
                question_id,
                text,
                expert,
            } => self.answer(&question_id, &text, expert.as_ref(), actor),
        }
    }

    fn apply(&mut self, event: &AdviceGroupEvent) {
        match event.clone() {
            AdviceGroupEvent::AdviceGroupCreated { topic, area, title } => {
                self.info = Some(GroupInfo { topic, area, title });
            }
            AdviceGroupEvent::AdviceGroupJoined { participant_id, .. } => {
                self.members.insert(participant_id);
            }
            AdviceGroupEvent::AdviceGroupQuestionAsked {
                question_id,
                participant_id,
                text,
                ..
            } => self.questions.push(GroupQuestion {
                question_id,
                participant_id,
                text,
                answers: Vec::new(),
            }),
            AdviceGroupEvent::AdviceGroupQuestionAnswered {
                question_id,
                expert_id,
                text,
                ..
            } => {
                if let Some(q) = self
                    .questions
                    .iter_mut()
                    .find(|q| q.question_id == question_id)
                {
                    q.answers.push(GroupAnswer { expert_id, text });
                }
            }
        }
    }

    fn subjects(&self, _aggregate_id: &str, event: &AdviceGroupEvent) -> Vec<String> {
        match event {
            AdviceGroupEvent::AdviceGroupCreated { .. } => Vec::new(),
            AdviceGroupEvent::AdviceGroupJoined { participant_id, .. }
            | AdviceGroupEvent::AdviceGroupQuestionAsked { participant_id, .. }
            | AdviceGroupEvent::AdviceGroupQuestionAnswered { participant_id, .. } => {
                vec![participant_id.clone()]
            }
        }
    }
}

#[cfg(test)]
mod tests;
