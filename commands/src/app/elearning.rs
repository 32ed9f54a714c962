//! E-learning commands. Enrolling needs facts from two other aggregates: the command layer
//! looks up the participant and the course and places them in the enrolment's command.

use rand::Rng;
use ruta_domain::learning::course::Course;
use ruta_domain::learning::enrolment::{enrolment_id, Enrolment, EnrolmentCommand};
use ruta_domain::{Actor, DomainError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{facts, is_registered, load_since, not_before, participant_or_self};
use super::{require, require_self_or_staff, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Enrols `participant_id` in `course_id` (at most once): the participant or staff.
///
/// # Errors
/// See [`Executor::execute`]; unknown participant or course give `DomainError::NotFound`.
pub(crate) async fn enrol(
    executor: &Executor,
    participant_id: &str,
    course_id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require_self_or_staff(ctx, participant_id)?;
    let course = load_since::<Course>(executor, ctx, course_id, facts::COURSE_PUBLISHED).await?;
    let command = EnrolmentCommand::Enrol {
        participant_id: participant_id.to_owned(),
        course_id: course_id.to_owned(),
        participant_registered: is_registered(executor, ctx, participant_id).await?,
        course: course.and_then(|c| c.terms()),
    };
    executor
        .execute::<Enrolment>(&enrolment_id(participant_id, course_id), command, ctx)
        .await
}

/// The enrolment, if the caller is its participant or staff.
///
/// # Errors
/// `NotFound` for an unknown enrolment, `Forbidden` for someone else's.
pub async fn visible_enrolment(
    executor: &Executor,
    id: &str,
    actor: &Actor,
) -> Result<Enrolment, CommandError> {
    let enrolment = executor
        .load::<Enrolment>(id)
        .await?
        .ok_or(DomainError::NotFound { what: "enrolment" })?;
    visible_to(&enrolment, actor)?;
    Ok(enrolment)
}

fn visible_to(enrolment: &Enrolment, actor: &Actor) -> Result<(), CommandError> {
    if actor.acts_for(&enrolment.participant_id) {
        Ok(())
    } else {
        Err(DomainError::forbidden("participants may only act on their own records").into())
    }
}

/// Enrolment `id` for a command by its participant or staff, refused when dated before the
/// enrolment was made. Someone else's enrolment is refused first, without telling when.
///
/// # Errors
/// `NotFound`, `Forbidden`, or rule `occurred_before_prerequisite`.
async fn enrolled_since(
    executor: &Executor,
    id: &str,
    ctx: &CommandContext,
) -> Result<(), CommandError> {
    let loaded = executor
        .load_timed::<Enrolment>(id)
        .await?
        .ok_or(DomainError::NotFound { what: "enrolment" })?;
    visible_to(&loaded.state, &ctx.actor())?;
    let enrolled = facts::ENROLLED;
    not_before(ctx, enrolled.what, loaded.first_occurred(enrolled.events))
}

/// Progress and withdrawal: the enrolment's participant or staff.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn act(
    executor: &Executor,
    id: &str,
    command: EnrolmentCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    enrolled_since(executor, id, ctx).await?;
    executor.execute::<Enrolment>(id, command, ctx).await
}

/// Records an exam attempt; a pass issues the certificate with a fresh verification code.
/// Scores come from the grader, so this is a staff command.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn sit_exam(
    executor: &Executor,
    enrolment: &str,
    score: u8,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    enrolled_since(executor, enrolment, ctx).await?;
    let command = EnrolmentCommand::SitExam {
        score,
        certificate_code: new_certificate_code(),
    };
    executor.execute::<Enrolment>(enrolment, command, ctx).await
}

/// Enrols a participant: staff name them; a participant may leave `participant_id` out (it is
/// then themselves).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Enrol {
    /// Staff name the participant; a participant may omit it (it is then themselves).
    #[serde(default)]
    pub participant_id: Option<String>,
    pub course_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// 0–100; progress never goes back.
    pub percent: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExamAttempt {
    /// 0–100, compared with the pass mark the participant enrolled under.
    pub score: u8,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    #[serde(default)]
    pub reason: Option<String>,
}

/// Enrols the participant `enrol` names (or the calling participant) in its course. The
/// enrolment's id is derived from both; a `target` other than that id is refused.
///
/// # Errors
/// `BadPayload` for a wrong target or a missing participant; otherwise as [`enrol`].
pub(crate) async fn enrol_in_course(
    x: &Executor,
    target: Option<&str>,
    enrol: Enrol,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let participant_id = participant_or_self(ctx, enrol.participant_id)?;
    let derived = enrolment_id(&participant_id, &enrol.course_id);
    if target.is_some_and(|id| id != derived) {
        return Err(CommandError::BadPayload {
            field: "aggregate_id".to_owned(),
            message: format!("an enrolment's id is derived: {derived}"),
        });
    }
    self::enrol(x, &participant_id, &enrol.course_id, ctx).await
}

/// A verification code such as `K7QM-2XHD-9RTA`: 60 random bits in Crockford's base 32,
/// which leaves out I, L, O and U so that codes read aloud or typed survive.
pub(crate) fn new_certificate_code() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..12)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    #[test]
    fn it_draws_readable_distinct_codes() {
        let a = super::new_certificate_code();
        let b = super::new_certificate_code();
        assert_eq!(a.len(), 14);
        assert_ne!(a, b);
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_alphanumeric()));
        assert!(!a.contains(['I', 'L', 'O', 'U']));
    }
}
