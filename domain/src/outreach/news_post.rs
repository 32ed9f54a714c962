//! News post: an item on the platform's news wall, posted once.

use crate::event_types;
use serde::{Deserialize, Serialize};

use crate::error::Decision;
use crate::values::{required_text, Language};
use crate::{Actor, Aggregate, DomainError, DomainEvent};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostNews {
    pub title: String,
    pub body: String,
    pub language: Language,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NewsPostCommand {
    Post(PostNews),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum NewsPostEvent {
    NewsPosted {
        title: String,
        body: String,
        language: Language,
    },
}

impl DomainEvent for NewsPostEvent {
    fn event_type(&self) -> &'static str {
        match self {
            Self::NewsPosted { .. } => event_types::NEWS_POSTED,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewsPost {
    /// `None` until posted.
    pub post: Option<PostNews>,
}

impl Aggregate for NewsPost {
    const TYPE: &'static str = "NewsPost";
    type Command = NewsPostCommand;
    type Event = NewsPostEvent;

    fn decide(&self, command: NewsPostCommand, _actor: &Actor) -> Decision<NewsPostEvent> {
        let NewsPostCommand::Post(cmd) = command;
        if self.post.is_some() {
            return Err(DomainError::rule(
                "news_already_posted",
                "a news post with this id already exists",
            ));
        }
        Ok(vec![NewsPostEvent::NewsPosted {
            title: required_text("title", &cmd.title, 200)?,
            body: required_text("body", &cmd.body, 20_000)?,
            language: cmd.language,
        }])
    }

    fn apply(&mut self, event: &NewsPostEvent) {
        let NewsPostEvent::NewsPosted {
            title,
            body,
            language,
        } = event.clone();
        self.post = Some(PostNews {
            title,
            body,
            language,
        });
    }

    fn subjects(&self, _aggregate_id: &str, _event: &NewsPostEvent) -> Vec<String> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests;
