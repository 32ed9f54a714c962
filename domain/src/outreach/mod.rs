//! Reaching people: outreach campaigns, newsletters, news posts and cooperation networks.

pub mod campaign;
pub mod cooperation_network;
pub mod news_post;
pub mod newsletter;
