//! Programme event commands. Staff schedule, hold and cancel; a participant registers
//! themselves (or staff register them). Registration and attendance name participants, so the
//! command layer looks each one up and places the facts in the command.

use ruta_domain::events::programme_event::{
    HoldProgrammeEvent, ProgrammeEvent, ProgrammeEventCommand, ScheduleProgrammeEvent,
};
use serde::Deserialize;
use serde_json::Value;

use super::{facts, is_registered, load_since};
use super::{parse, require, require_self_or_staff, required_id, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

pub const COMMANDS: &[&str] = &[
    "ScheduleProgrammeEvent",
    "RegisterForProgrammeEvent",
    "HoldProgrammeEvent",
    "CancelProgrammeEvent",
];

/// # Errors
/// See [`Executor::execute`].
pub async fn schedule(
    x: &Executor,
    id: &str,
    cmd: ScheduleProgrammeEvent,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<ProgrammeEvent>(id, ProgrammeEventCommand::Schedule(cmd), ctx)
        .await
}

/// Registers `participant_id` for event `id` (once): the participant or staff.
///
/// # Errors
/// See [`Executor::execute`]; an unknown participant or event gives `DomainError::NotFound`.
pub async fn register(
    x: &Executor,
    id: &str,
    participant_id: &str,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require_self_or_staff(ctx, participant_id)?;
    scheduled_since(x, id, ctx).await?;
    let command = ProgrammeEventCommand::Register {
        participant_id: participant_id.to_owned(),
        participant_registered: is_registered(x, ctx, participant_id).await?,
    };
    x.execute::<ProgrammeEvent>(id, command, ctx).await
}

/// Marks event `id` held and records its attendance, in one step: staff.
///
/// # Errors
/// See [`Executor::execute`].
pub async fn hold(
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
pub async fn cancel(
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Registration {
    participant_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cancellation {
    reason: String,
}

pub(super) async fn dispatch(
    x: &Executor,
    kind: &str,
    id: Option<&str>,
    payload: Value,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let id = required_id(id)?;
    match kind {
        "ScheduleProgrammeEvent" => schedule(x, id, parse(payload)?, ctx).await,
        "RegisterForProgrammeEvent" => {
            let participant_id = parse::<Registration>(payload)?.participant_id;
            register(x, id, &participant_id, ctx).await
        }
        "HoldProgrammeEvent" => hold(x, id, parse(payload)?, ctx).await,
        _ => cancel(x, id, parse::<Cancellation>(payload)?.reason, ctx).await,
    }
}
