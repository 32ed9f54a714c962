//! Programme events.

pub(crate) mod api_events;
mod api_events_rules;
