//! Outreach and community commands: outreach campaigns and their reach, newsletters, news
//! posts and cooperation networks. All staff; none concerns a participant.

use ruta_domain::outreach::campaign::{
    CreateOutreachCampaign, OutreachCampaign, OutreachCommand, RecordOutreachReach,
};
use ruta_domain::outreach::cooperation_network::{
    CooperationNetwork, CooperationNetworkCommand, EstablishCooperationNetwork, Organisation,
};
use ruta_domain::outreach::news_post::{NewsPost, NewsPostCommand, PostNews};
use ruta_domain::outreach::newsletter::{Newsletter, NewsletterCommand, SendNewsletter};
use serde::Deserialize;
use serde_json::Value;

use super::{parse, require, required_id, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

pub const COMMANDS: &[&str] = &[
    "CreateOutreachCampaign",
    "RecordOutreachReach",
    "SendNewsletter",
    "PostNews",
    "EstablishCooperationNetwork",
    "JoinCooperationNetwork",
];

/// # Errors
/// See [`Executor::execute`].
pub async fn campaign(
    x: &Executor,
    id: &str,
    command: OutreachCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<OutreachCampaign>(id, command, ctx).await
}

/// Sends newsletter issue `id` (once).
///
/// # Errors
/// See [`Executor::execute`].
pub async fn send_newsletter(
    x: &Executor,
    id: &str,
    cmd: SendNewsletter,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<Newsletter>(id, NewsletterCommand::Send(cmd), ctx)
        .await
}

/// # Errors
/// See [`Executor::execute`].
pub async fn post_news(
    x: &Executor,
    id: &str,
    cmd: PostNews,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<NewsPost>(id, NewsPostCommand::Post(cmd), ctx)
        .await
}

/// # Errors
/// See [`Executor::execute`].
pub async fn network(
    x: &Executor,
    id: &str,
    command: CooperationNetworkCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<CooperationNetwork>(id, command, ctx).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Joining {
    organisation: Organisation,
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
        "CreateOutreachCampaign" => {
            let cmd = parse::<CreateOutreachCampaign>(payload)?;
            campaign(x, id, OutreachCommand::Create(cmd), ctx).await
        }
        "RecordOutreachReach" => {
            let cmd = parse::<RecordOutreachReach>(payload)?;
            campaign(x, id, OutreachCommand::RecordReach(cmd), ctx).await
        }
        "SendNewsletter" => send_newsletter(x, id, parse(payload)?, ctx).await,
        "PostNews" => post_news(x, id, parse(payload)?, ctx).await,
        "EstablishCooperationNetwork" => {
            let cmd = parse::<EstablishCooperationNetwork>(payload)?;
            network(x, id, CooperationNetworkCommand::Establish(cmd), ctx).await
        }
        _ => {
            let organisation = parse::<Joining>(payload)?.organisation;
            network(x, id, CooperationNetworkCommand::Join(organisation), ctx).await
        }
    }
}
