//! Course: an online course of the e-learning platform, with an exam at the end.

use crate::event_types;
use serde::{Deserialize, Serialize};

use crate::error::Decision;
use crate::values::{localized_text, LocalizedText, Topic};
use crate::{Actor, Aggregate, DomainError, DomainEvent};

const MAX_TITLE: usize = 200;
const MAX_DESCRIPTION: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCourse {
    /// At least one of es, pt, en.
    pub titles: LocalizedText,
    #[serde(default)]
    pub descriptions: LocalizedText,
    pub topic: Topic,
    /// Expected hours of study (1–1000).
    pub hours: u16,
    /// Minimum exam score to pass, out of 100 (1–100).
    pub pass_mark: u8,
    /// Exam attempts allowed per enrolment (1–10).
    pub max_exam_attempts: u8,
}

/// Content changes; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateCourseContent {
    pub titles: Option<LocalizedText>,
    pub descriptions: Option<LocalizedText>,
    pub topic: Option<Topic>,
    pub hours: Option<u16>,
    pub pass_mark: Option<u8>,
    pub max_exam_attempts: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CourseCommand {
    Create(CreateCourse),
    UpdateContent(UpdateCourseContent),
    Publish,
    Retire,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum CourseEvent {
    CourseCreated {
        titles: LocalizedText,
        descriptions: LocalizedText,
        topic: Topic,
        hours: u16,
        pass_mark: u8,
        max_exam_attempts: u8,
    },
    CourseContentUpdated {
        titles: LocalizedText,
        descriptions: LocalizedText,
        topic: Topic,
        hours: u16,
        pass_mark: u8,
        max_exam_attempts: u8,
    },
    CoursePublished,
    CourseRetired,
}

impl DomainEvent for CourseEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::CourseCreated { .. } => event_types::COURSE_CREATED,
            Self::CourseContentUpdated { .. } => event_types::COURSE_CONTENT_UPDATED,
            Self::CoursePublished => event_types::COURSE_PUBLISHED,
            Self::CourseRetired => event_types::COURSE_RETIRED,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CourseStatus {
    #[default]
    Draft,
    Published,
    Retired,
}

/// What an enrolment needs to know about its course, captured when the participant enrols:
/// the exam rules a participant enrolled under do not change under their feet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseTerms {
    pub status: CourseStatus,
    pub topic: Topic,
    pub pass_mark: u8,
    pub max_exam_attempts: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseContent {
    pub titles: LocalizedText,
    pub descriptions: LocalizedText,
    pub topic: Topic,
    pub hours: u16,
    pub pass_mark: u8,
    pub max_exam_attempts: u8,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Course {
    pub status: CourseStatus,
    pub content: Option<CourseContent>,
}

impl Course {
    pub fn terms(&self) -> Option<CourseTerms> {
        self.content.as_ref().map(|c| CourseTerms {
            status: self.status,
            topic: c.topic,
            pass_mark: c.pass_mark,
            max_exam_attempts: c.max_exam_attempts,
        })
    }

    fn existing(&self) -> Result<&CourseContent, DomainError> {
        self.content
            .as_ref()
            .ok_or(DomainError::NotFound { what: "course" })
    }
}

fn validated(content: CourseContent) -> Result<CourseContent, DomainError> {
    let titles = localized_text("titles", &content.titles, true, MAX_TITLE)?;
    let descriptions = localized_text(
        "descriptions",
        &content.descriptions,
        false,
        MAX_DESCRIPTION,
    )?;
    if descriptions
        .keys()
        .any(|language| !titles.contains_key(language))
    {
        return Err(DomainError::invalid(
            "descriptions",
            "every description needs a title in the same language",
        ));
    }
    if !(1..=1000).contains(&content.hours) {
        return Err(DomainError::invalid("hours", "must be between 1 and 1000"));
    }
    if !(1..=100).contains(&content.pass_mark) {
        return Err(DomainError::invalid(
            "pass_mark",
            "must be between 1 and 100",
        ));
    }
    if !(1..=10).contains(&content.max_exam_attempts) {
        return Err(DomainError::invalid(
            "max_exam_attempts",
            "must be between 1 and 10",
        ));
    }
    Ok(CourseContent {
        titles,
        descriptions,
        ..content
    })
}

impl Aggregate for Course {
    const TYPE: &'static str = "Course";
    type Command = CourseCommand;
    type Event = CourseEvent;

    fn decide(&self, command: CourseCommand, _actor: &Actor) -> Decision<CourseEvent> {
        match command {
            CourseCommand::Create(cmd) => {
                if self.content.is_some() {
                    return Err(DomainError::rule(
                        "course_already_exists",
                        "a course with this id already exists",
                    ));
                }
                let c = validated(CourseContent {
                    titles: cmd.titles,
                    descriptions: cmd.descriptions,
                    topic: cmd.topic,
                    hours: cmd.hours,
                    pass_mark: cmd.pass_mark,
                    max_exam_attempts: cmd.max_exam_attempts,
                })?;
                Ok(vec![CourseEvent::CourseCreated {
                    titles: c.titles,
                    descriptions: c.descriptions,
                    topic: c.topic,
                    hours: c.hours,
                    pass_mark: c.pass_mark,
                    max_exam_attempts: c.max_exam_attempts,
                }])
            }
            CourseCommand::UpdateContent(cmd) => {
                let current = self.existing()?;
                if self.status == CourseStatus::Retired {
                    return Err(DomainError::rule("course_retired", "the course is retired"));
                }
                let c = validated(CourseContent {
                    titles: cmd.titles.unwrap_or_else(|| current.titles.clone()),
                    descriptions: cmd
                        .descriptions
                        .unwrap_or_else(|| current.descriptions.clone()),
                    topic: cmd.topic.unwrap_or(current.topic),
                    hours: cmd.hours.unwrap_or(current.hours),
                    pass_mark: cmd.pass_mark.unwrap_or(current.pass_mark),
                    max_exam_attempts: cmd.max_exam_attempts.unwrap_or(current.max_exam_attempts),
                })?;
                if &c == current {
                    return Ok(vec![]);
                }
                Ok(vec![CourseEvent::CourseContentUpdated {
                    titles: c.titles,
                    descriptions: c.descriptions,
                    topic: c.topic,
                    hours: c.hours,
                    pass_mark: c.pass_mark,
                    max_exam_attempts: c.max_exam_attempts,
                }])
            }
            CourseCommand::Publish => {
                self.existing()?;
                match self.status {
                    CourseStatus::Draft => Ok(vec![CourseEvent::CoursePublished]),
                    CourseStatus::Published => Err(DomainError::rule(
                        "course_already_published",
                        "the course is already published",
                    )),
                    CourseStatus::Retired => {
                        Err(DomainError::rule("course_retired", "the course is retired"))
                    }
                }
            }
            CourseCommand::Retire => {
                self.existing()?;
                if self.status == CourseStatus::Retired {
                    return Err(DomainError::rule(
                        "course_already_retired",
                        "the course is already retired",
                    ));
                }
                Ok(vec![CourseEvent::CourseRetired])
            }
        }
    }

    fn apply(&mut self, event: &CourseEvent) {
        match event.clone() {
            CourseEvent::CourseCreated {
                titles,
                descriptions,
                topic,
                hours,
                pass_mark,
                max_exam_attempts,
            }
            | CourseEvent::CourseContentUpdated {
                titles,
                descriptions,
                topic,
                hours,
                pass_mark,
                max_exam_attempts,
            } => {
                self.content = Some(CourseContent {
                    titles,
                    descriptions,
                    topic,
                    hours,
                    pass_mark,
                    max_exam_attempts,
                });
            }
            CourseEvent::CoursePublished => self.status = CourseStatus::Published,
            CourseEvent::CourseRetired => self.status = CourseStatus::Retired,
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &CourseEvent) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
