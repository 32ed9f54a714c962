//! Outreach and community.

pub(crate) mod api_outreach;
mod api_outreach_rules;
