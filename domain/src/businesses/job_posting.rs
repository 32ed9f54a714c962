//! Job posting: a vacancy posted by a business on the platform, applied to by participants,
//! then filled or closed.
//!
//! Applications are accepted only while the posting is open, once per participant; a posting
//! is filled from among its applicants (or by someone from outside the platform, when no
//! participant is named). Filled and closed postings are final.

use crate::event_types;
use serde::{Deserialize, Serialize};

use crate::businesses::business::BusinessFacts;
use crate::error::Decision;
use crate::values::required_text;
use crate::{Actor, Aggregate, DomainError, DomainEvent, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Employment {
    FullTime,
    PartTime,
    Temporary,
    Internship,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostJob {
    pub business_id: String,
    pub title: String,
    pub description: String,
    pub employment: Employment,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplyToJob {
    pub participant_id: String,
}

/// `participant_id` names the applicant hired; absent when the post went to someone from
/// outside the platform.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FillJob {
    #[serde(default)]
    pub participant_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JobPostingCommand {
    /// `business` is looked up by the command layer (`None` when it does not exist).
    Post {
        posting: PostJob,
        business: Option<BusinessFacts>,
    },
    /// `participant_registered` is looked up by the command layer.
    /// `business_closed`: whether the posting's business has closed since (looked up).
    Apply {
        application: ApplyToJob,
        participant_registered: bool,
        business_closed: bool,
    },
    Fill(FillJob),
    Close,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum JobPostingEvent {
    JobPosted {
        business_id: String,
        founder_ids: Vec<String>,
        title: String,
        description: String,
        employment: Employment,
    },
    JobApplicationSubmitted {
        business_id: String,
        participant_id: String,
    },
    JobPostingFilled {
        business_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        participant_id: Option<String>,
        applicants: u32,
    },
    JobPostingClosed {
        business_id: String,
        applicants: u32,
    },
}

impl DomainEvent for JobPostingEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::JobPosted { .. } => event_types::JOB_POSTED,
            Self::JobApplicationSubmitted { .. } => event_types::JOB_APPLICATION_SUBMITTED,
            Self::JobPostingFilled { .. } => event_types::JOB_POSTING_FILLED,
            Self::JobPostingClosed { .. } => event_types::JOB_POSTING_CLOSED,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobPostingStatus {
    #[default]
    NotPosted,
    Open,
    Filled,
    Closed,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobPosting {
    pub status: JobPostingStatus,
    pub business_id: String,
    /// The business's founders when the job was posted: they manage the posting.
    pub founder_ids: Vec<String>,
    pub title: String,
    pub description: String,
    pub employment: Option<Employment>,
    pub applicant_ids: Vec<String>,
    pub hired_participant_id: Option<String>,
}

impl JobPosting {
    /// Staff, or a founder of the posting business.
    pub fn is_managed_by(&self, actor: &Actor) -> bool {
        actor.is_staff()
            || (actor.role == Role::Participant && self.founder_ids.contains(&actor.id))
    }

    fn applicants(&self) -> u32 {
        u32::try_from(self.applicant_ids.len()).unwrap_or(u32::MAX)
    }

    fn require_open(&self) -> Result<(), DomainError> {
        match self.status {
            JobPostingStatus::NotPosted => Err(DomainError::NotFound {
                what: "job posting",
            }),
            JobPostingStatus::Open => Ok(()),
            JobPostingStatus::Filled | JobPostingStatus::Closed => Err(DomainError::rule(
                "job_posting_not_open",
                "the job posting is already filled or closed",
            )),
        }
    }

    fn require_manager(&self, actor: &Actor) -> Result<(), DomainError> {
        if self.is_managed_by(actor) {
            Ok(())
        } else {
            Err(DomainError::forbidden(
                "only the business's founders or staff manage its job postings",
            ))
        }
    }

    fn post(
        &self,
        cmd: PostJob,
        business: Option<BusinessFacts>,
        actor: &Actor,
    ) -> Decision<JobPostingEvent> {
        if self.status != JobPostingStatus::NotPosted {
            return Err(DomainError::rule(
                "job_posting_already_exists",
                "a job posting with this id already exists",
            ));
        }
        let business = business.ok_or(DomainError::NotFound { what: "business" })?;
        let founders = JobPosting {
            founder_ids: business.founder_ids.clone(),
            ..JobPosting::default()
        };
        founders.require_manager(actor)?;
        if business.closed {
            return Err(DomainError::rule(
                "business_closed",
                "a closed business cannot post jobs",
            ));
        }
        Ok(vec![JobPostingEvent::JobPosted {
            business_id: cmd.business_id,
            founder_ids: business.founder_ids,
            title: required_text("title", &cmd.title, 200)?,
            description: required_text("description", &cmd.description, 5_000)?,
            employment: cmd.employment,
        }])
    }

    fn apply_to(
        &self,
        cmd: ApplyToJob,
        registered: bool,
        business_closed: bool,
        actor: &Actor,
    ) -> Decision<JobPostingEvent> {
        if !actor.acts_for(&cmd.participant_id) {
            return Err(DomainError::forbidden(
                "participants may only apply for themselves",
            ));
        }
        if business_closed {
            return Err(DomainError::rule(
                "business_closed",
                "the business behind this posting has closed",
            ));
        }
        self.require_open()?;
        if !registered {
            return Err(DomainError::NotFound {
                what: "participant",
            });
        }
        if self.applicant_ids.contains(&cmd.participant_id) {
            return Err(DomainError::rule(
                "already_applied",
                "the participant already applied to this job",
            ));
        }
        Ok(vec![JobPostingEvent::JobApplicationSubmitted {
            business_id: self.business_id.clone(),
            participant_id: cmd.participant_id,
        }])
    }

    // The caller's right is checked before anything about the posting's state is told.
    fn fill(&self, cmd: FillJob, actor: &Actor) -> Decision<JobPostingEvent> {
        self.require_manager(actor)?;
        self.require_open()?;
        if let Some(hired) = &cmd.participant_id {
            if !self.applicant_ids.contains(hired) {
                return Err(DomainError::rule(
                    "not_an_applicant",
                    "a job is filled from among its applicants",
                ));
            }
        }
        Ok(vec![JobPostingEvent::JobPostingFilled {
            business_id: self.business_id.clone(),
            participant_id: cmd.participant_id,
            applicants: self.applicants(),
        }])
    }
}

impl Aggregate for JobPosting {
    const TYPE: &'static str = "JobPosting";
    type Command = JobPostingCommand;
    type Event = JobPostingEvent;

    fn decide(&self, command: JobPostingCommand, actor: &Actor) -> Decision<JobPostingEvent> {
        match command {
            JobPostingCommand::Post { posting, business } => self.post(posting, business, actor),
            JobPostingCommand::Apply {
                application,
                participant_registered,
                business_closed,
            } => self.apply_to(application, participant_registered, business_closed, actor),
            JobPostingCommand::Fill(cmd) => self.fill(cmd, actor),
            JobPostingCommand::Close => {
                self.require_manager(actor)?;
                self.require_open()?;
                Ok(vec![JobPostingEvent::JobPostingClosed {
                    business_id: self.business_id.clone(),
                    applicants: self.applicants(),
                }])
            }
        }
    }

    fn apply(&mut self, event: &JobPostingEvent) {
        match event.clone() {
            JobPostingEvent::JobPosted {
                business_id,
                founder_ids,
                title,
                description,
                employment,
            } => {
                *self = JobPosting {
                    status: JobPostingStatus::Open,
                    business_id,
                    founder_ids,
                    title,
                    description,
                    employment: Some(employment),
                    ..JobPosting::default()
                };
            }
            JobPostingEvent::JobApplicationSubmitted { participant_id, .. } => {
                self.applicant_ids.push(participant_id);
            }
            JobPostingEvent::JobPostingFilled { participant_id, .. } => {
                self.status = JobPostingStatus::Filled;
                self.hired_participant_id = participant_id;
            }
            JobPostingEvent::JobPostingClosed { .. } => self.status = JobPostingStatus::Closed,
        }
    }

    /// Posting and closing concern the business's founders (their business's activity); an
    /// application concerns its applicant only; a filling concerns the hired participant and
    /// the founders.
    fn subjects(&self, _aggregate_id: &str, event: &JobPostingEvent) -> Vec<String> {
        match event {
            JobPostingEvent::JobPosted { .. } | JobPostingEvent::JobPostingClosed { .. } => {
                self.founder_ids.clone()
            }
            JobPostingEvent::JobApplicationSubmitted { participant_id, .. } => {
                vec![participant_id.clone()]
            }
            JobPostingEvent::JobPostingFilled { participant_id, .. } => participant_id
                .iter()
                .chain(
                    self.founder_ids
                        .iter()
                        .filter(|f| Some(*f) != participant_id.as_ref()),
                )
                .cloned()
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests;
