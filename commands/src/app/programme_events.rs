//! Programme event commands. Staff schedule, hold and cancel; a participant registers
//! themselves (or staff register them). Registration and attendance name participants, so the
//! command layer looks each one up and places the facts in the command.

use ruta_domain::events::programme_event::{
    HoldProgrammeEvent, ProgrammeEvent, ProgrammeEventCommand, ScheduleProgrammeEvent,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{facts, is_registered, load_since, participant_or_self};
use super::{require, require_self_or_staff, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn schedule(
    x: &Executor,
    id: &str,
    cmd: ScheduleProgrammeEvent,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<ProgrammeEvent>(id, ProgrammeEventCommand::Schedule(cmd), ctx)
        .await
}

/// Registers the participant `registration` names (or the calling participant) for event
/// `id` (once): the participant or staff.
///
/// # Errors
/// See [`Executor::execute`]; an unknown participant or event gives `DomainError::NotFound`.
pub(crate) async fn register(
    x: &Executor,
    id: &str,
    registration: EventRegistration,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let participant_id = participant_or_self(ctx, registration.participant_id)?;
    require_self_or_staff(ctx, &participant_id)?;
    scheduled_since(x, id, ctx).await?;
    let command = ProgrammeEventCommand::Register {
        participant_registered: is_registered(x, ctx, &participant_id).await?,
        participant_id,
    };
    x.execute::<ProgrammeEvent>(id, command, ctx).await
}

/// Marks event `id` held and records its attendance, in one step: staff.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn hold(
    x: &Executor,
    id: &str,
    attendance: HoldProgrammeEvent,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    // Bounded and duplicate-free before one look-up per attendee.
    attendance.validated()?;
    scheduled_since(x, id, ctx).await?;
    let mut unregistered = Vec::new();
    for attendee in &attendance.attendee_ids {
        if !is_registered(x, ctx, attendee).await? {
            unregistered.push(attendee.clone());
        }
    }
    let command = ProgrammeEventCommand::Hold {
        attendance,
        unregistered,
    };
    x.execute::<ProgrammeEvent>(id, command, ctx).await
}

/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn cancel(
    x: &Executor,
    id: &str,
    reason: String,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    scheduled_since(x, id, ctx).await?;
    x.execute::<ProgrammeEvent>(id, ProgrammeEventCommand::Cancel { reason }, ctx)
        .await
}

/// Refuses a command on event `id` dated before the event was scheduled.
async fn scheduled_since(x: &Executor, id: &str, ctx: &CommandContext) -> Result<(), CommandError> {
    load_since::<ProgrammeEvent>(x, ctx, id, facts::PROGRAMME_EVENT_SCHEDULED).await?;
    Ok(())
}

/// Who registers for an event: staff name the participant; a participant may leave it out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventRegistration {
    /// Staff name the participant; a participant may omit it (it is then themselves).
    #[serde(default)]
    pub participant_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventCancellation {
    pub reason: String,
}
