//! Mentorship: one participant accompanied by one mentor, from request to closure.
//!
//! Capacity is the mentor's invariant, not this aggregate's: the command layer takes a slot on
//! the [`Mentor`](crate::mentoring::mentor::Mentor) stream before accepting here, and releases it after
//! closing.

use serde::{Deserialize, Serialize};

use crate::error::Decision;
use crate::mentoring::mentor::MentorStatus;
use crate::values::required_text;
use crate::{Actor, Aggregate, DomainError, Role};

mod types;
pub use types::{
    CloseMentorship, MentoringGoal, MentoringSession, MentorshipCommand, MentorshipEvent,
    MentorshipOutcome, MentorshipStatus,
};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Mentorship {
    pub status: MentorshipStatus,
    pub participant_id: String,
    pub mentor_id: String,
    pub needs: String,
    pub decline_reason: Option<String>,
    pub sessions: Vec<MentoringSession>,
    pub goals: Vec<MentoringGoal>,
    pub outcome: Option<MentorshipOutcome>,
    pub notes: Option<String>,
}

fn optional_text(
    field: &'static str,
    value: Option<String>,
) -> Result<Option<String>, DomainError> {
    value.map(|v| required_text(field, &v, 2_000)).transpose()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Mentorship {
    /// That mentor, and nobody else (not even staff).
    pub fn is_mentor(&self, actor: &Actor) -> bool {
        actor.role == Role::Mentor && actor.id == self.mentor_id
    }

    /// The mentor, the mentee, or staff.
    pub fn is_party(&self, actor: &Actor) -> bool {
        self.is_mentor(actor) || actor.acts_for(&self.participant_id)
    }

    fn existing(&self) -> Result<(), DomainError> {
        if self.status == MentorshipStatus::NotRequested {
            return Err(DomainError::NotFound { what: "mentorship" });
        }
        Ok(())
    }

    fn pending_for_mentor(&self, actor: &Actor) -> Result<(), DomainError> {
        self.existing()?;
        if !self.is_mentor(actor) {
            return Err(DomainError::forbidden(
                "only the requested mentor accepts or declines",
            ));
        }
        if self.status != MentorshipStatus::Requested {
            return Err(DomainError::rule(
                "mentorship_not_pending",
                "the request was already answered",
            ));
        }
        Ok(())
    }

    /// Sessions, goals and closure need an accepted mentorship and one of its parties.
    fn active_for(&self, allowed: bool) -> Result<(), DomainError> {
        self.existing()?;
        if !allowed {
            return Err(DomainError::forbidden(
                "only the mentorship's mentor, mentee or staff may do this",
            ));
        }
        if self.status != MentorshipStatus::Accepted {
            return Err(DomainError::rule(
                "mentorship_not_active",
                "only an accepted, open mentorship takes sessions, goals or closure",
            ));
        }
        Ok(())
    }

    fn request(
        &self,
        participant_id: String,
        mentor_id: String,
        needs: &str,
        participant_registered: bool,
        mentor: Option<MentorStatus>,
        actor: &Actor,
    ) -> Decision<MentorshipEvent> {
        // Who may ask comes before whether the id is taken: a stranger learns nothing of it.
        if !actor.acts_for(&participant_id) {
            return Err(DomainError::forbidden(
                "participants request mentors for themselves",
            ));
        }
        if self.status != MentorshipStatus::NotRequested {
            return Err(DomainError::rule(
                "mentorship_already_exists",
                "a mentorship with this id already exists",
            ));
        }
        if !participant_registered {
            return Err(DomainError::NotFound {
                what: "participant",
            });
        }
        match mentor {
            None => return Err(DomainError::NotFound { what: "mentor" }),
            Some(MentorStatus::Retired) => {
                return Err(DomainError::rule(
                    "mentor_retired",
                    "the mentor has retired",
                ))
            }
            Some(MentorStatus::Active) => {}
        }
        Ok(vec![MentorshipEvent::MentorshipRequested {
            participant_id,
            mentor_id,
            needs: required_text("needs", needs, 2_000)?,
        }])
    }

    fn log_session(&self, s: MentoringSession, actor: &Actor) -> Decision<MentorshipEvent> {
        self.active_for(self.is_mentor(actor) || actor.is_staff())?;
        if !(1..=600).contains(&s.minutes) {
            return Err(DomainError::invalid("minutes", "must be between 1 and 600"));
        }
        if s.topics.is_empty() || s.topics.len() > 20 {
            return Err(DomainError::invalid("topics", "name 1 to 20 topics"));
        }
        let topics = s
            .topics
            .iter()
            .map(|t| required_text("topics", t, 100))
            .collect::<Result<_, _>>()?;
        Ok(vec![MentorshipEvent::MentoringSessionLogged {
            participant_id: self.participant_id.clone(),
            mentor_id: self.mentor_id.clone(),
            date: s.date,
            minutes: s.minutes,
            topics,
        }])
    }

    fn goal(&self, goal_id: &str) -> Option<&MentoringGoal> {
        self.goals.iter().find(|g| g.goal_id == goal_id)
    }

    fn set_goal(
        &self,
        goal_id: &str,
        description: &str,
        actor: &Actor,
    ) -> Decision<MentorshipEvent> {
        self.active_for(self.is_party(actor))?;
        let goal_id = required_text("goal_id", goal_id, 100)?;
        if self.goal(&goal_id).is_some() {
            return Err(DomainError::rule(
                "goal_already_set",
                "a goal with this id is already set",
            ));
        }
        Ok(vec![MentorshipEvent::MentoringGoalSet {
            participant_id: self.participant_id.clone(),
            goal_id,
            description: required_text("description", description, 1_000)?,
        }])
    }

    fn achieve_goal(&self, goal_id: String, actor: &Actor) -> Decision<MentorshipEvent> {
        self.active_for(self.is_party(actor))?;
        match self.goal(&goal_id) {
            None => Err(DomainError::rule(
                "unknown_goal",
                "no goal with this id was set in this mentorship",
            )),
            Some(g) if g.achieved => Err(DomainError::rule(
                "goal_already_achieved",
                "this goal was already achieved",
            )),
            Some(_) => Ok(vec![MentorshipEvent::MentoringGoalAchieved {
                participant_id: self.participant_id.clone(),
                goal_id,
            }]),
        }
    }

    fn close(&self, cmd: CloseMentorship, actor: &Actor) -> Decision<MentorshipEvent> {
        self.active_for(self.is_party(actor))?;
        Ok(vec![MentorshipEvent::MentorshipClosed {
            participant_id: self.participant_id.clone(),
            mentor_id: self.mentor_id.clone(),
            outcome: cmd.outcome,
            notes: optional_text("notes", cmd.notes)?,
            sessions: count(self.sessions.len()),
            total_minutes: self.sessions.iter().map(|s| u32::from(s.minutes)).sum(),
            goals_set: count(self.goals.len()),
            goals_achieved: count(self.goals.iter().filter(|g| g.achieved).count()),
        }])
    }
}

impl Aggregate for Mentorship {
    const TYPE: &'static str = "Mentorship";
    type Command = MentorshipCommand;
    type Event = MentorshipEvent;

    fn dates_of_facts(command: &MentorshipCommand) -> Vec<(&'static str, chrono::NaiveDate)> {
        match command {
            MentorshipCommand::LogSession(session) => vec![("date", session.date)],
            _ => Vec::new(),
        }
    }

    fn decide(&self, command: MentorshipCommand, actor: &Actor) -> Decision<MentorshipEvent> {
        match command {
            MentorshipCommand::Request {
                participant_id,
                mentor_id,
                needs,
                participant_registered,
                mentor,
            } => self.request(
                participant_id,
                mentor_id,
                &needs,
                participant_registered,
                mentor,
                actor,
            ),
            MentorshipCommand::Accept => {
                self.pending_for_mentor(actor)?;
                Ok(vec![MentorshipEvent::MentorshipAccepted {
                    participant_id: self.participant_id.clone(),
                    mentor_id: self.mentor_id.clone(),
                }])
            }
            MentorshipCommand::Decline { reason } => {
                self.pending_for_mentor(actor)?;
                Ok(vec![MentorshipEvent::MentorshipDeclined {
                    participant_id: self.participant_id.clone(),
                    mentor_id: self.mentor_id.clone(),
                    reason: optional_text("reason", reason)?,
                }])
            }
            MentorshipCommand::LogSession(session) => self.log_session(session, actor),
            MentorshipCommand::SetGoal {
                goal_id,
                description,
            } => self.set_goal(&goal_id, &description, actor),
            MentorshipCommand::AchieveGoal { goal_id } => self.achieve_goal(goal_id, actor),
            MentorshipCommand::Close(cmd) => self.close(cmd, actor),
        }
    }

    fn apply(&mut self, event: &MentorshipEvent) {
        match event.clone() {
            MentorshipEvent::MentorshipRequested {
                participant_id,
                mentor_id,
                needs,
            } => {
                self.status = MentorshipStatus::Requested;
                self.participant_id = participant_id;
                self.mentor_id = mentor_id;
                self.needs = needs;
            }
            MentorshipEvent::MentorshipAccepted { .. } => self.status = MentorshipStatus::Accepted,
            MentorshipEvent::MentorshipDeclined { reason, .. } => {
                self.status = MentorshipStatus::Declined;
                self.decline_reason = reason;
            }
            MentorshipEvent::MentoringSessionLogged {
                date,
                minutes,
                topics,
                ..
            } => self.sessions.push(MentoringSession {
                date,
                minutes,
                topics,
            }),
            MentorshipEvent::MentoringGoalSet {
                goal_id,
                description,
                ..
            } => self.goals.push(MentoringGoal {
                goal_id,
                description,
                achieved: false,
            }),
            MentorshipEvent::MentoringGoalAchieved { goal_id, .. } => {
                if let Some(goal) = self.goals.iter_mut().find(|g| g.goal_id == goal_id) {
                    goal.achieved = true;
                }
            }
            MentorshipEvent::MentorshipClosed { outcome, notes, .. } => {
                self.status = MentorshipStatus::Closed;
                self.outcome = Some(outcome);
                self.notes = notes;
            }
        }
    }

    fn subjects(&self, _aggregate_id: &str, _event: &MentorshipEvent) -> Vec<String> {
        vec![self.participant_id.clone()]
    }
}

#[cfg(test)]
mod tests;
