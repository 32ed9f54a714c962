//! Searching the catalogues: finds the live generation's index and asks the engine.

use ruta_store::Database;
use std::sync::Arc;

use super::documents::{self, Key};
use super::engines;
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
    /// The engine's [`SearchEngine::identity`], compared with each live generation's.
    here: String,
    prefix: String,
}

/// Why a catalogue's live generation cannot be searched on this engine as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// Built into another engine (its identity).
    BuiltElsewhere(String),
    /// Built into this engine, which no longer holds the index (wiped, or a new folder).
    IndexMissing,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::BuiltElsewhere(holder) => write!(f, "built into {holder}"),
            Stale::IndexMissing => f.write_str("the engine no longer holds its index"),
        }
    }
}

impl CatalogueSearch {
    pub fn new(db: Database, engine: Arc<dyn SearchEngine>, prefix: &str) -> Self {
        Self {
            db,
            here: engine.identity(),
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
    /// [`SearchError::BuiltElsewhere`] when the live generation was built into another engine.
    pub async fn live_index(&self, catalogue: &str) -> Result<String, LogError> {
        let (generation, holder) = engines::live_and_holder(&self.db, catalogue).await?;
        engines::check(catalogue, generation, holder, &self.here)?;
        Ok(index_name(&self.prefix, catalogue, generation))
    }

    /// Creates the live indexes this engine holds and applies their settings (at start-up,
    /// and when an engine that was down answers again), so searches work before the first
    /// document arrives. Catalogues built into another engine are left to [`Self::stale`].
    ///
    /// # Errors
    /// The engine's or the database's error.
    pub async fn prepare(&self) -> Result<(), LogError> {
        for catalogue in CATALOGUES {
            let spec = Self::spec(catalogue).unwrap_or_else(|| unreachable!("listed above"));
            match self.live_index(catalogue).await {
                Ok(index) => self.engine.prepare(&index, &spec).await?,
                Err(LogError::Search(SearchError::BuiltElsewhere { .. })) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(())
    }

    /// The catalogues whose live generation must be rebuilt into this engine, and why.
    ///
    /// # Errors
    /// The engine's or the database's error.
    pub async fn stale(&self) -> Result<Vec<(&'static str, Stale)>, LogError> {
        let held = self.engine.index_names().await?;
        let mut stale = Vec::new();
        for catalogue in CATALOGUES {
            let generation = live_generation(&self.db, catalogue).await?;
            match engines::built_into(&self.db, catalogue, generation).await? {
                Some(holder) if holder != self.here => {
                    stale.push((catalogue, Stale::BuiltElsewhere(holder)));
                }
                Some(_) if !held.contains(&index_name(&self.prefix, catalogue, generation)) => {
                    stale.push((catalogue, Stale::IndexMissing));
                }
                Some(_) => {}
                // Built before engines were recorded: only the documents SQL knows of tell
                // whether this engine should hold an index (an empty catalogue may have none).
                None => {
                    let key = Key {
                        collection: catalogue,
                        generation,
                    };
                    if !held.contains(&index_name(&self.prefix, catalogue, generation))
                        && documents::any_visible(&self.db, key).await?
                    {
                        stale.push((catalogue, Stale::IndexMissing));
                    }
                }
            }
        }
        Ok(stale)
    }

    /// Deletes this engine's indexes of generations older than the one before the live one
    /// (those a rebuild replaced, wherever it ran), and of the one before the live one when
    /// this engine did not build it. The live one, the one readers may still hold, and a
    /// rebuild's next one stay. Returns the names deleted.
    ///
    /// # Errors
    /// The engine's or the database's error.
    pub async fn sweep(&self) -> Result<Vec<String>, LogError> {
        let held = self.engine.index_names().await?;
        let mut dropped = Vec::new();
        for catalogue in CATALOGUES {
            let live = live_generation(&self.db, catalogue).await?;
            let previous_here = engines::built_into(&self.db, catalogue, live - 1)
                .await?
                .is_some_and(|holder| holder == self.here);
            let own = format!("{}_{catalogue}_", self.prefix);
            for name in &held {
                let Some(generation) = name.strip_prefix(&own).and_then(|g| g.parse::<i64>().ok())
                else {
                    continue;
                };
                if generation < live - 1 || (generation == live - 1 && !previous_here) {
                    self.engine.drop_index(name).await?;
                    dropped.push(name.clone());
                }
            }
        }
        Ok(dropped)
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
                        aggregate_id_of(hit);
                    }
                    return Ok(results);
                }
            }
        }
        Ok(empty())
    }
}

/// Puts the aggregate id in the hit's id, from the engine id or, for a hashed one, from the
/// document (whose extra field is then removed).
fn aggregate_id_of(hit: &mut crate::search::SearchHit) {
    use super::document_id::{decode, AGGREGATE_ID};
    let stored = match &mut hit.document {
        serde_json::Value::Object(fields) => fields.remove(AGGREGATE_ID),
        _ => None,
    };
    if let Some(serde_json::Value::String(id)) = stored {
        hit.id = id;
    } else if let Some(id) = decode(&hit.id) {
        hit.id = id;
    }
}

fn empty() -> SearchResults {
    SearchResults {
        total: 0,
        hits: Vec::new(),
        facets: Default::default(),
    }
}
