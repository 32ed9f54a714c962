//! Participants: journeys across every part of the programme.

mod api_journey;
pub(crate) mod journey_filters;
mod programme_journey;
