//! Participant commands.

use ruta_domain::participant::{
    ConsentPurpose, Participant, ParticipantCommand, RegisterParticipant, UpdateProfile,
};
use serde::Deserialize;
use serde_json::Value;

use super::{parse, require, require_self_or_staff, required_id, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

pub const COMMANDS: &[&str] = &[
    "RegisterParticipant",
    "UpdateProfile",
    "GiveConsent",
    "WithdrawConsent",
    "DeclareSelfEmployment",
];

/// Staff register participants (at the desk, at internet access points, by import).
///
/// # Errors
/// See [`Executor::execute`].
pub async fn register(
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
pub async fn act(
    x: &Executor,
    id: &str,
    command: ParticipantCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require_self_or_staff(ctx, id)?;
    x.execute::<Participant>(id, command, ctx).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Purpose {
    purpose: ConsentPurpose,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Activity {
    activity: String,
}

pub(super) async fn dispatch(
    x: &Executor,
    kind: &str,
    id: Option<&str>,
    payload: Value,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    let id = required_id(id)?;
    let command = match kind {
        "RegisterParticipant" => return register(x, id, parse(payload)?, ctx).await,
        "UpdateProfile" => ParticipantCommand::UpdateProfile(parse::<UpdateProfile>(payload)?),
        "GiveConsent" => ParticipantCommand::GiveConsent(parse::<Purpose>(payload)?.purpose),
        "WithdrawConsent" => {
            ParticipantCommand::WithdrawConsent(parse::<Purpose>(payload)?.purpose)
        }
        _ => ParticipantCommand::DeclareSelfEmployment {
            activity: parse::<Activity>(payload)?.activity,
        },
    };
    act(x, id, command, ctx).await
}
