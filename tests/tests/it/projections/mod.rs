//! Projectors, catalogues and search engines.

mod api_projections;
pub(crate) mod api_search;
mod api_search_rebuild;
mod catalogue;
mod catalogue_projector;
mod catalogue_retry;
mod projector;
mod projector_flush_poison;
pub(crate) mod search_contract;
mod search_engine_trouble;
