//! Courses and enrolments: the e-learning platform (content, exams, certificates).

pub mod course;
pub mod enrolment;
