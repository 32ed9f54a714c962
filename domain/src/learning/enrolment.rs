//! Enrolment: one participant in one course, from enrolment to certificate.
//!
//! Its id is derived from the participant and course ids ([`enrolment_id`]), so "enrol once"
//! is the aggregate's own invariant and two concurrent enrolments collide on the same stream.

use crate::event_types;
use serde::{Deserialize, Serialize};

use crate::error::Decision;
use crate::learning::course::{CourseStatus, CourseTerms};
use crate::values::{required_text, Topic};
use crate::{Actor, Aggregate, DomainError, DomainEvent};

/// The id of the enrolment of `participant_id` in `course_id`.
pub fn enrolment_id(participant_id: &str, course_id: &str) -> String {
    format!("{participant_id}.{course_id}")
}

#[derive(Debug, Clone, PartialEq)]
pub enum EnrolmentCommand {
    /// Facts about the participant and the course are looked up by the command layer.
    Enrol {
        participant_id: String,
        course_id: String,
        participant_registered: bool,
        course: Option<CourseTerms>,
    },
    RecordProgress {
        percent: u8,
    },
    /// `certificate_code` is drawn by the command layer and used only if the attempt passes.
    SitExam {
        score: u8,
        certificate_code: String,
    },
    Withdraw {
        reason: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum EnrolmentEvent {
    EnrolledInCourse {
        participant_id: String,
        course_id: String,
        topic: Topic,
        pass_mark: u8,
        max_exam_attempts: u8,
    },
    ProgressRecorded {
        percent: u8,
    },
    ExamAttempted {
        attempt: u8,
        score: u8,
        pass_mark: u8,
        passed: bool,
    },
    CertificateIssued {
        participant_id: String,
        course_id: String,
        verification_code: String,
        score: u8,
    },
    EnrolmentWithdrawn {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
}

impl DomainEvent for EnrolmentEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::EnrolledInCourse { .. } => event_types::ENROLLED_IN_COURSE,
            Self::ProgressRecorded { .. } => event_types::PROGRESS_RECORDED,
            Self::ExamAttempted { .. } => event_types::EXAM_ATTEMPTED,
            Self::CertificateIssued { .. } => event_types::CERTIFICATE_ISSUED,
            Self::EnrolmentWithdrawn { .. } => event_types::ENROLMENT_WITHDRAWN,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentStatus {
    #[default]
    NotEnrolled,
    Active,
    Passed,
    Withdrawn,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolment {
    pub status: EnrolmentStatus,
    pub participant_id: String,
    pub course_id: String,
    pub pass_mark: u8,
    pub max_exam_attempts: u8,
    pub attempts: u8,
    pub best_score: Option<u8>,
    pub progress_percent: u8,
    pub certificate_code: Option<String>,
}

impl Enrolment {
    fn enrol(
        &self,
        participant_id: String,
        course_id: String,
        participant_registered: bool,
        course: Option<CourseTerms>,
    ) -> Decision<EnrolmentEvent> {
        if self.status != EnrolmentStatus::NotEnrolled {
            return Err(DomainError::rule(
                "already_enrolled",
                "the participant is already enrolled in this course",
            ));
        }
        if !participant_registered {
            return Err(DomainError::NotFound {
                what: "participant",
            });
        }
        let course = course.ok_or(DomainError::NotFound { what: "course" })?;
        if course.status != CourseStatus::Published {
            return Err(DomainError::rule(
                "course_not_published",
                "only published courses accept enrolments",
            ));
        }
        Ok(vec![EnrolmentEvent::EnrolledInCourse {
            participant_id,
            course_id,
            topic: course.topic,
            pass_mark: course.pass_mark,
            max_exam_attempts: course.max_exam_attempts,
        }])
    }

    fn require_active(&self) -> Result<(), DomainError> {
        match self.status {
            EnrolmentStatus::NotEnrolled => Err(DomainError::NotFound { what: "enrolment" }),
            EnrolmentStatus::Withdrawn => Err(DomainError::rule(
                "enrolment_withdrawn",
                "the participant withdrew from this course",
            )),
            EnrolmentStatus::Active | EnrolmentStatus::Passed => Ok(()),
        }
    }

    fn sit_exam(&self, score: u8, certificate_code: String) -> Decision<EnrolmentEvent> {
        self.require_active()?;
        if score > 100 {
            return Err(DomainError::invalid("score", "must be between 0 and 100"));
        }
        if self.status == EnrolmentStatus::Passed {
            return Err(DomainError::rule(
                "exam_already_passed",
                "the exam was already passed; no further attempts",
            ));
        }
        if self.attempts >= self.max_exam_attempts {
            return Err(DomainError::rule(
                "no_exam_attempts_left",
                format!(
                    "all {} exam attempts have been used",
                    self.max_exam_attempts
                ),
            ));
        }
        let passed = score >= self.pass_mark;
        let mut events = vec![EnrolmentEvent::ExamAttempted {
            attempt: self.attempts + 1,
            score,
            pass_mark: self.pass_mark,
            passed,
        }];
        if passed {
            events.push(EnrolmentEvent::CertificateIssued {
                participant_id: self.participant_id.clone(),
                course_id: self.course_id.clone(),
                verification_code: required_text("certificate_code", &certificate_code, 64)?,
                score,
            });
        }
        Ok(events)
    }
}

impl Aggregate for Enrolment {
    const TYPE: &'static str = "Enrolment";
    type Command = EnrolmentCommand;
    type Event = EnrolmentEvent;

    fn decide(&self, command: EnrolmentCommand, _actor: &Actor) -> Decision<EnrolmentEvent> {
        match command {
            EnrolmentCommand::Enrol {
                participant_id,
                course_id,
                participant_registered,
                course,
            } => self.enrol(participant_id, course_id, participant_registered, course),
            EnrolmentCommand::RecordProgress { percent } => {
                self.require_active()?;
                if percent > 100 {
                    return Err(DomainError::invalid("percent", "must be between 0 and 100"));
                }
                if percent < self.progress_percent {
                    return Err(DomainError::rule(
                        "progress_cannot_decrease",
                        format!("progress is already {}%", self.progress_percent),
                    ));
                }
                Ok(if percent == self.progress_percent {
                    vec![]
                } else {
                    vec![EnrolmentEvent::ProgressRecorded { percent }]
                })
            }
            EnrolmentCommand::SitExam {
                score,
                certificate_code,
            } => self.sit_exam(score, certificate_code),
            EnrolmentCommand::Withdraw { reason } => {
                self.require_active()?;
                if self.status == EnrolmentStatus::Passed {
                    return Err(DomainError::rule(
                        "enrolment_completed",
                        "a certified enrolment cannot be withdrawn",
                    ));
                }
                let reason = reason
                    .map(|r| required_text("reason", &r, 500))
                    .transpose()?;
                Ok(vec![EnrolmentEvent::EnrolmentWithdrawn { reason }])
            }
        }
    }

    fn apply(&mut self, event: &EnrolmentEvent) {
        match event {
            EnrolmentEvent::EnrolledInCourse {
                participant_id,
                course_id,
                pass_mark,
                max_exam_attempts,
                ..
            } => {
                self.status = EnrolmentStatus::Active;
                self.participant_id.clone_from(participant_id);
                self.course_id.clone_from(course_id);
                self.pass_mark = *pass_mark;
                self.max_exam_attempts = *max_exam_attempts;
            }
            EnrolmentEvent::ProgressRecorded { percent } => self.progress_percent = *percent,
            EnrolmentEvent::ExamAttempted { attempt, score, .. } => {
                self.attempts = *attempt;
                self.best_score = Some(self.best_score.map_or(*score, |b| b.max(*score)));
            }
            EnrolmentEvent::CertificateIssued {
                verification_code, ..
            } => {
                self.status = EnrolmentStatus::Passed;
                self.certificate_code = Some(verification_code.clone());
            }
            EnrolmentEvent::EnrolmentWithdrawn { .. } => self.status = EnrolmentStatus::Withdrawn,
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &EnrolmentEvent) -> Vec<String> {
        vec![self.participant_id.clone()]
    }
}

#[cfg(test)]
mod tests;
