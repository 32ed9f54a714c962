//! Mentoring: mentors and mentorships.

pub(crate) mod api_mentoring;
mod api_mentoring_commands;
