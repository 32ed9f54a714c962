//! Participant commands.

use ruta_domain::participant::{
    ConsentPurpose, Participant, ParticipantCommand, RegisterParticipant,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{require, require_self_or_staff, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// Staff register participants (at the desk, at internet access points, by import).
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn register(
    x: &Executor,
    id: &str,
    cmd: RegisterParticipant,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<Participant>(id, ParticipantCommand::Register(cmd), ctx)
        .await
}

/// The participant or staff change a participant.
///
/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn act(
    x: &Executor,
    id: &str,
    command: ParticipantCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require_self_or_staff(ctx, id)?;
    x.execute::<Participant>(id, command, ctx).await
}

/// The purpose a consent is given for or withdrawn from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub purpose: ConsentPurpose,
}

/// The activity a participant is now self-employed in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfEmployment {
    pub activity: String,
}
