//! Products and services offered by participants and businesses, and their orders.

pub mod listing;
pub mod order;
