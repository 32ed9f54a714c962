//! Experts, B2B advice groups and participants' advice requests.

pub mod advice_group;
pub mod advice_request;
pub mod expert;
