//! The searchable catalogues — courses, products and services, mentors — as projectors.
//!
//! A catalogue folds its aggregate's events into a document state kept in `search_documents`
//! (events such as a price change carry only what changed), in the projector's transaction.
//! Before the checkpoint commits, the documents the batch touched are pushed to the search
//! engine — visible ones upserted by id, the others deleted — and the engine must confirm
//! them. A crash between the push and the commit re-sends the same documents: idempotent.

mod courses;
mod document_id;
mod documents;
mod engines;
mod listings;
mod mentors;
mod projector;
mod service;

pub use courses::Courses;
pub use document_id::{decode as decode_document_id, encode as encode_document_id};
pub use documents::visible_ids;
pub use engines::built_into;
pub use listings::Listings;
pub use mentors::Mentors;
pub use projector::CatalogueProjector;
pub use service::{CatalogueSearch, Stale, CATALOGUES};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::search::CollectionSpec;
use ruta_store::log::RecordedEvent;

/// One catalogue: which events it reads, how they change a document, and what is searchable.
pub trait Catalogue: Send + Sync + std::fmt::Debug + 'static {
    /// The projector's name and the collection's (`courses`, `listings`, `mentors`).
    const NAME: &'static str;
    /// Raise it when `fold` or `document` change: the catalogue is rebuilt beside the live one.
    const VERSION: u32;
    /// Everything known about one document, searchable or not.
    type State: Serialize + DeserializeOwned + Default + Send + std::fmt::Debug;

    fn spec() -> CollectionSpec;

    /// Whether `event` concerns this catalogue; its document id is the event's aggregate id.
    fn reads(event: &RecordedEvent) -> bool;

    /// Applies `event` to `state`.
    ///
    /// # Errors
    /// A payload this catalogue cannot read: the reason, reported as a projector error.
    fn fold(state: &mut Self::State, event: &RecordedEvent) -> Result<(), String>;

    /// The fields to index, or `None` when the document must not be found (a draft, a closed
    /// listing, a retired course or mentor).
    fn document(state: &Self::State) -> Option<Map<String, Value>>;
}
