//! Outreach and community commands: outreach campaigns and their reach, newsletters, news
//! posts and cooperation networks. All staff; none concerns a participant.

use ruta_domain::outreach::campaign::{OutreachCampaign, OutreachCommand};
use ruta_domain::outreach::cooperation_network::{
    CooperationNetwork, CooperationNetworkCommand, Organisation,
};
use ruta_domain::outreach::news_post::{NewsPost, NewsPostCommand, PostNews};
use ruta_domain::outreach::newsletter::{Newsletter, NewsletterCommand, SendNewsletter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{require, STAFF};
use crate::{CommandContext, CommandError, CommandOutcome, Executor};

/// # Errors
/// See [`Executor::execute`].
pub(crate) async fn campaign(
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
pub(crate) async fn send_newsletter(
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
pub(crate) async fn post_news(
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
pub(crate) async fn network(
    x: &Executor,
    id: &str,
    command: CooperationNetworkCommand,
    ctx: &CommandContext,
) -> Result<CommandOutcome, CommandError> {
    require(ctx, STAFF)?;
    x.execute::<CooperationNetwork>(id, command, ctx).await
}

/// An organisation joining a cooperation network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Joining {
    pub organisation: Organisation,
}
