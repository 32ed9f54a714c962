//! The mentorship's commands, events and values; its behaviour is in `mentorship.rs`.

use crate::event_types;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::mentoring::mentor::MentorStatus;
use crate::DomainEvent;

/// A mentoring session, logged by the mentor or staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MentoringSession {
    #[serde(deserialize_with = "crate::dates::strict")]
    pub date: NaiveDate,
    /// 1–600.
    pub minutes: u16,
    /// 1–20 topics, each at most 100 characters.
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MentoringGoal {
    pub goal_id: String,
    pub description: String,
    pub achieved: bool,
}

/// How a mentorship ended (an evaluation breakdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MentorshipOutcome {
    GoalsAchieved,
    PartiallyAchieved,
    NotAchieved,
    Discontinued,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CloseMentorship {
    pub outcome: MentorshipOutcome,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MentorshipCommand {
    /// Facts about the participant and the mentor are looked up by the command layer.
    Request {
        participant_id: String,
        mentor_id: String,
        needs: String,
        participant_registered: bool,
        mentor: Option<MentorStatus>,
    },
    Accept,
    Decline {
        reason: Option<String>,
    },
    LogSession(MentoringSession),
    SetGoal {
        goal_id: String,
        description: String,
    },
    AchieveGoal {
        goal_id: String,
    },
    Close(CloseMentorship),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum MentorshipEvent {
    MentorshipRequested {
        participant_id: String,
        mentor_id: String,
        needs: String,
    },
    MentorshipAccepted {
        participant_id: String,
        mentor_id: String,
    },
    MentorshipDeclined {
        participant_id: String,
        mentor_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    MentoringSessionLogged {
        participant_id: String,
        mentor_id: String,
        date: NaiveDate,
        minutes: u16,
        topics: Vec<String>,
    },
    MentoringGoalSet {
        participant_id: String,
        goal_id: String,
        description: String,
    },
    MentoringGoalAchieved {
        participant_id: String,
        goal_id: String,
    },
    /// Carries the mentorship's totals so it can be counted on its own.
    MentorshipClosed {
        participant_id: String,
        mentor_id: String,
        outcome: MentorshipOutcome,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        notes: Option<String>,
        sessions: u32,
        total_minutes: u32,
        goals_set: u32,
        goals_achieved: u32,
    },
}

impl DomainEvent for MentorshipEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::MentorshipRequested { .. } => event_types::MENTORSHIP_REQUESTED,
            Self::MentorshipAccepted { .. } => event_types::MENTORSHIP_ACCEPTED,
            Self::MentorshipDeclined { .. } => event_types::MENTORSHIP_DECLINED,
            Self::MentoringSessionLogged { .. } => event_types::MENTORING_SESSION_LOGGED,
            Self::MentoringGoalSet { .. } => event_types::MENTORING_GOAL_SET,
            Self::MentoringGoalAchieved { .. } => event_types::MENTORING_GOAL_ACHIEVED,
            Self::MentorshipClosed { .. } => event_types::MENTORSHIP_CLOSED,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MentorshipStatus {
    #[default]
    NotRequested,
    Requested,
    Accepted,
    Declined,
    Closed,
}
