//! Businesses founded in the programme (jobs, B2B relationships) and their job postings.

pub mod business;
pub mod job_posting;
