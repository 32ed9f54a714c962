//! Mentoring commands: mentors, and mentorships from request to closure.
//!
//! Accepting and closing change two aggregates. The mentor's stream holds the capacity, so
//! accepting first takes a slot there (command id `{command_id}#capacity`), then accepts the
//! mentorship; closing closes the mentorship, then releases the slot the same way. A retried
//! command replays both steps; a step that already happened is a no-op.

use ruta_domain::mentoring::mentor::{Mentor, MentorCommand, MentorProfile, UpdateMentor};
use ruta_domain::mentoring::mentorship::{
    CloseMentorship, Mentorship, MentorshipCommand, MentorshipStatus,
};
use ruta_domain::{Actor, Aggregate, DomainError, Role};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{facts, is_registered, load_since, not_before, participant_or_self};
use super::{require, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor, Loaded};

/// Staff register a mentor under the id of the mentor's token.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn register_mentor(
    x: &Executor,
    mentor_id: &str,
    profile: MentorProfile,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    let command = MentorCommand::Register {
        mentor_id: mentor_id.to_owned(),
        profile,
    };
    x.execute::<Mentor>(mentor_id, command, ctx).await
}

/// Staff or the mentor themselves edit the profile.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn update_mentor(
    x: &Executor,
    mentor_id: &str,
    update: UpdateMentor,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, &[Role::Staff, Role::Admin, Role::Mentor])?;
    x.execute::<Mentor>(mentor_id, MentorCommand::Update(update), ctx)
        .await
}

/// Staff retire a mentor; their open mentorships go on until closed.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn retire_mentor(
    x: &Executor,
    mentor_id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<Mentor>(mentor_id, MentorCommand::Retire, ctx)
        .await
}

/// The participant (or staff for them) asks `mentor_id` for mentoring with stated needs.
///
/// # Errors
/// See [`Executor::execute`]; unknown participant or mentor give `DomainError::NotFound`.
pub(crate) async fn request(
    x: &Executor,
    mentorship_id: &str,
    request: MentorshipRequest,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let participant_id = participant_or_self(ctx, request.participant_id)?;
    super::require_self_or_staff(ctx, &participant_id)?;
    let mentor_id = request.mentor_id;
    let mentor = load_since::<Mentor>(x, ctx, &mentor_id, facts::MENTOR_REGISTERED).await?;
    let command = MentorshipCommand::Request {
        participant_registered: is_registered(x, ctx, &participant_id).await?,
        participant_id,
        mentor_id,
        needs: request.needs,
        mentor: mentor.and_then(|m| m.status()),
    };
    x.execute::<Mentorship>(mentorship_id, command, ctx).await
}

fn derived(ctx: &CommandContext, step: &str) -> CommandContext {
    let mut sub = ctx.clone();
    sub.command_id = format!("{}#{step}", ctx.command_id);
    sub.causation_id = Some(ctx.command_id.clone());
    sub
}

/// Only the requested mentor accepts, and only with a free slot (rule `mentor_at_capacity`).
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn accept(
    x: &Executor,
    id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let loaded = x
        .load_timed::<Mentorship>(id)
        .await?
        .ok_or(DomainError::NotFound { what: "mentorship" })?;
    if loaded
        .state
        .decide(MentorshipCommand::Accept, &ctx.actor())
        .is_err()
    {
        // Not acceptable now: a retry of an acceptance that went through replays its outcome
        // (a requested mentorship never becomes requested again), anything else is refused
        // with the mentorship's own reason. No slot is taken either way.
        return x
            .execute::<Mentorship>(id, MentorshipCommand::Accept, ctx)
            .await;
    }
    requested_since(&loaded, ctx)?;
    let mentorship = loaded.state;
    let take = MentorCommand::TakeMentee {
        mentorship_id: id.to_owned(),
    };
    x.execute::<Mentor>(&mentorship.mentor_id, take, &derived(ctx, "capacity"))
        .await?;
    let accepted = x
        .execute::<Mentorship>(id, MentorshipCommand::Accept, ctx)
        .await;
    if accepted.is_err() {
        // Declined or accepted by a racing request meanwhile: give the slot back unless this
        // mentorship does hold it now.
        let now = x.load::<Mentorship>(id).await?.map(|m| m.status);
        if now == Some(MentorshipStatus::Declined) {
            release(x, &mentorship.mentor_id, id, &derived(ctx, "release")).await?;
        }
    }
    accepted
}

/// Refuses an answer to a mentorship request dated before the request. Checked once the
/// mentorship's own rules allow the caller, so no one else learns when it was requested.
fn requested_since(loaded: &Loaded<Mentorship>, ctx: &CommandContext) -> Result<(), CommandError> {
    let requested = facts::MENTORSHIP_REQUESTED;
    not_before(ctx, requested.what, loaded.first_occurred(requested.events))
}

async fn release(
    x: &Executor,
    mentor_id: &str,
    mentorship_id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let release = MentorCommand::ReleaseMentee {
        mentorship_id: mentorship_id.to_owned(),
    };
    x.execute::<Mentor>(mentor_id, release, ctx).await
}

/// Closes the mentorship with an outcome (its mentor, mentee or staff) and frees the slot.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn close(
    x: &Executor,
    id: &str,
    cmd: CloseMentorship,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let closed = x
        .execute::<Mentorship>(id, MentorshipCommand::Close(cmd), ctx)
        .await?;
    if let Some(mentorship) = x.load::<Mentorship>(id).await? {
        release(x, &mentorship.mentor_id, id, &derived(ctx, "capacity")).await?;
    }
    Ok(closed)
}

/// Only the requested mentor declines a pending request. A slot left taken by an acceptance
/// that failed half-way is released.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn decline(
    x: &Executor,
    id: &str,
    reason: Option<String>,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let decline = MentorshipCommand::Decline { reason };
    if let Some(loaded) = x.load_timed::<Mentorship>(id).await? {
        if loaded.state.decide(decline.clone(), &ctx.actor()).is_ok() {
            requested_since(&loaded, ctx)?;
        }
    }
    let declined = x.execute::<Mentorship>(id, decline, ctx).await?;
    if let Some(mentorship) = x.load::<Mentorship>(id).await? {
        release(x, &mentorship.mentor_id, id, &derived(ctx, "capacity")).await?;
    }
    Ok(declined)
}

/// Sessions and goals: straight to the mentorship, which decides who may (see its rules).
///
/// # Errors
/// See [`Executor::execute`].
pub(super) async fn act(
    x: &Executor,
    id: &str,
    command: MentorshipCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    x.execute::<Mentorship>(id, command, ctx).await
}

/// Sets a goal on the mentorship; a goal without an id gets a fresh one.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn set_goal(
    x: &Executor,
    id: &str,
    goal: Goal,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let command = MentorshipCommand::SetGoal {
        goal_id: goal
            .goal_id
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string()),
        description: goal.description,
    };
    act(x, id, command, ctx).await
}

/// The mentorship, if the caller is its mentor, its mentee or staff.
///
/// # Errors
/// `NotFound` for an unknown mentorship, `Forbidden` for anyone else.
pub async fn visible_mentorship(
    x: &Executor,
    id: &str,
    actor: &Actor,
) -> Result<Mentorship, CommandError> {
    let mentorship = x
        .load::<Mentorship>(id)
        .await?
        .ok_or(DomainError::NotFound { what: "mentorship" })?;
    if !mentorship.is_party(actor) {
        return Err(DomainError::forbidden(
            "only the mentorship's mentor, mentee or staff read it",
        )
        .into());
    }
    Ok(mentorship)
}

/// A request for mentoring: staff name the participant; a participant may leave it out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MentorshipRequest {
    /// Staff name the participant; a participant may omit it (it is then themselves).
    #[serde(default)]
    pub participant_id: Option<String>,
    pub mentor_id: String,
    /// What the participant needs help with.
    pub needs: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Refusal {
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Optional; generated when absent. Returned in `Location`.
    #[serde(default)]
    pub goal_id: Option<String>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalRef {
    pub goal_id: String,
}
