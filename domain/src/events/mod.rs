//! The programme's events: scheduled, attended, held.

pub mod programme_event;
