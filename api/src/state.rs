use ruta_commands::Executor;
use ruta_projections::catalogues::CatalogueSearch;
use ruta_projections::runtime::SqlProjector;
use ruta_store::Database;
use std::sync::Arc;

use crate::search_watch::EngineHealth;

/// Shared by every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Database,
    pub executor: Executor,
    pub catalogues: CatalogueSearch,
    /// What the search engine looks like, kept by [`crate::search_watch`].
    pub engine_health: EngineHealth,
}

impl AppState {
    pub fn new(db: Database, catalogues: CatalogueSearch) -> Self {
        Self {
            executor: Executor::new(db.clone()),
            db,
            catalogues,
            engine_health: EngineHealth::default(),
        }
    }

    /// Every read model the projector runtime keeps: SQL ones and the search catalogues.
    pub fn projectors(&self) -> Vec<Arc<dyn SqlProjector>> {
        let mut all = ruta_projections::read_models::all();
        all.extend(self.catalogues.projectors());
        all
    }
}
