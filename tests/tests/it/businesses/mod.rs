//! Businesses and job postings.

pub(crate) mod api_businesses;
mod api_job_postings;
