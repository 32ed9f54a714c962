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

/// How many typos a query word may hold, on both engines: none below `one_typo_from`
/// characters (short words have too many false friends), one from there, two from
/// `two_typos_from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypoRule {
    pub one_typo_from: u8,
    pub two_typos_from: u8,
}

impl TypoRule {
    /// Edits allowed for a word of `chars` characters.
    pub fn edits_for(self, chars: usize) -> u8 {
        if chars >= usize::from(self.two_typos_from) {
            2
        } else if chars >= usize::from(self.one_typo_from) {
            1
        } else {
            0
        }
    }
}

/// The README's rule: one typo from 4 characters, two from 8.
pub const TYPO_RULE: TypoRule = TypoRule {
    one_typo_from: 4,
    two_typos_from: 8,
};

/// Picks the engine from config: Meili when `meili_url` is Some, else tantivy in `index_dir`.
///
/// # Errors
/// The engine's own: a Meilisearch client that cannot be made, an index folder that cannot
/// be created.
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
