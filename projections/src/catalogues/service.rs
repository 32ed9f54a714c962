//! Searching the catalogues: finds the live generation's index and asks the engine.

use ruta_store::Database;
use std::sync::Arc;

use super::projector::index_name;
use super::{Catalogue, CatalogueProjector, Courses, Listings, Mentors};
use crate::runtime::{live_generation, SqlProjector};
use crate::search::{CollectionSpec, SearchEngine, SearchError, SearchRequest, SearchResults};
use crate::LogError;

/// The catalogues, by name.
pub const CATALOGUES: [&str; 3] = [Courses::NAME, Listings::NAME, Mentors::NAME];

/// The search side of the catalogues, shared by the HTTP handlers.
#[derive(Debug, Clone)]
pub struct CatalogueSearch {
    db: Database,
    engine: Arc<dyn SearchEngine>,
    prefix: String,
}

impl CatalogueSearch {
    pub fn new(db: Database, engine: Arc<dyn SearchEngine>, prefix: &str) -> Self {
        Self {
            db,
            engine,
            prefix: prefix.to_owned(),
        }
    }

    pub fn engine(&self) -> &Arc<dyn SearchEngine> {
        &self.engine
    }

    /// The projectors that keep the catalogues, writing to this engine.
    pub fn projectors(&self) -> Vec<Arc<dyn SqlProjector>> {
        vec![
            Arc::new(CatalogueProjector::<Courses>::new(
                self.engine.clone(),
                &self.prefix,
            )),
            Arc::new(CatalogueProjector::<Listings>::new(
                self.engine.clone(),
                &self.prefix,
            )),
            Arc::new(CatalogueProjector::<Mentors>::new(
                self.engine.clone(),
                &self.prefix,
            )),
        ]
    }

    /// The fields of `catalogue`, or `None` for an unknown name.
    pub fn spec(catalogue: &str) -> Option<CollectionSpec> {
        match catalogue {
            Courses::NAME => Some(Courses::spec()),
            Listings::NAME => Some(Listings::spec()),
            Mentors::NAME => Some(Mentors::spec()),
            _ => None,
        }
    }

    /// The engine index `catalogue` is read from now.
    ///
    /// # Errors
    /// [`LogError::Sql`].
    pub async fn live_index(&self, catalogue: &str) -> Result<String, LogError> {
        let generation = live_generation(&self.db, catalogue).await?;
        Ok(index_name(&self.prefix, catalogue, generation))
    }

    /// Creates the live indexes and applies their settings (at start-up), so searches work
    /// before the first document arrives.
    ///
    /// # Errors
    /// The engine's or the database's error.
    pub async fn prepare(&self) -> Result<(), LogError> {
        for catalogue in CATALOGUES {
            let spec = Self::spec(catalogue).unwrap_or_else(|| unreachable!("listed above"));
            let index = self.live_index(catalogue).await?;
            self.engine.prepare(&index, &spec).await?;
        }
        Ok(())
    }

    /// Searches the live generation of `catalogue`.
    ///
    /// # Errors
    /// [`LogError::Search`] with [`SearchError::Invalid`] for a request the catalogue cannot
    /// answer, or the engine's failure.
    pub async fn search(
        &self,
        catalogue: &str,
        request: &SearchRequest,
    ) -> Result<SearchResults, LogError> {
        let spec = Self::spec(catalogue).ok_or_else(|| SearchError::Invalid {
            field: "catalogue".to_owned(),
            message: format!("no catalogue named {catalogue:?}"),
        })?;
        // A rebuild may have just made the next generation live: ask again once.
        for attempt in 0..2 {
            let index = self.live_index(catalogue).await?;
            match self.engine.search(&index, &spec, request).await {
                Err(SearchError::NoSuchIndex(_)) if attempt == 0 => continue,
                Err(SearchError::NoSuchIndex(_)) => return Ok(empty()),
                other => {
                    let mut results = other?;
                    for hit in &mut results.hits {
                        if let Some(id) = super::document_id::decode(&hit.id) {
                            hit.id = id;
                        }
                    }
                    return Ok(results);
                }
            }
        }
        Ok(empty())
    }
}

fn empty() -> SearchResults {
    SearchResults {
        total: 0,
        hits: Vec::new(),
        facets: Default::default(),
    }
}
