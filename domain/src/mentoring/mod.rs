//! Mentors and their mentorships with participants.

pub mod mentor;
pub mod mentorship;
