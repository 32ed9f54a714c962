//! Marketplace: listings and orders.

pub(crate) mod api_marketplace;
mod api_marketplace_orders;
