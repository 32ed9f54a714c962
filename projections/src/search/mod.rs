//! Search behind one trait, two engines: embedded tantivy (the default, files under
//! `./ruta-data/index/`) and Meilisearch (when `RUTA_MEILI_URL` is set).
//!
//! Catalogues describe themselves with a [`CollectionSpec`]; projectors `upsert` and `delete`
//! documents by id, and the search routes call `search`. Index names carry a generation
//! (`ruta_listings_3`): a rebuild writes a new index and SQL records which one is live, so the
//! engines need no aliases.

mod engine;
mod meili;
mod tantivy;
mod types;
mod validate;

use std::path::Path;
use std::sync::Arc;

pub use engine::SearchEngine;
pub use meili::MeiliEngine;
pub use tantivy::TantivyEngine;
pub use types::{
    CollectionSpec, FieldKind, FieldSpec, Filter, SearchDocument, SearchError, SearchHit,
    SearchRequest, SearchResults, SortOrder, LANGUAGES,
};
pub use validate::MAX_PER_PAGE;

/// Picks the engine from config: Meili when `meili_url` is Some, else tantivy in `index_dir`.
pub fn engine_from_config(
    meili_url: Option<&str>,
    meili_key: Option<&str>,
    index_dir: &Path,
) -> Result<Arc<dyn SearchEngine>, SearchError> {
    match meili_url {
        Some(url) => Ok(Arc::new(MeiliEngine::new(url, meili_key)?)),
        None => Ok(Arc::new(TantivyEngine::open(index_dir.to_path_buf())?)),
    }
}
