use ruta_commands::Executor;
use ruta_projections::catalogues::CatalogueSearch;
use ruta_projections::runtime::SqlProjector;
use ruta_store::Database;
use std::sync::Arc;

use crate::auth_throttle::FailureThrottle;
use crate::search_watch::EngineHealth;
use crate::settings::TokenSettings;
use crate::token_lifetime::TokenLifetime;

/// Shared by every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Database,
    pub executor: Executor,
    pub catalogues: CatalogueSearch,
    /// What the search engine looks like, kept by [`crate::search_watch`].
    pub engine_health: EngineHealth,
    /// Failed bearer attempts per client (in memory, per process).
    pub auth_failures: Arc<FailureThrottle>,
    /// What a token issued without `expires_in` gets.
    pub token_ttl: TokenLifetime,
}

impl AppState {
    pub fn new(db: Database, catalogues: CatalogueSearch) -> Self {
        Self::with_tokens(db, catalogues, &TokenSettings::default())
    }

    pub fn with_tokens(db: Database, catalogues: CatalogueSearch, tokens: &TokenSettings) -> Self {
        Self {
            executor: Executor::new(db.clone()),
            db,
            catalogues,
            engine_health: EngineHealth::default(),
            auth_failures: Arc::new(FailureThrottle::new(tokens.auth_failures_per_minute)),
            token_ttl: tokens.token_ttl,
        }
    }

    /// Every read model the projector runtime keeps: SQL ones and the search catalogues.
    pub fn projectors(&self) -> Vec<Arc<dyn SqlProjector>> {
        let mut all = ruta_projections::read_models::all();
        all.extend(self.catalogues.projectors());
        all
    }
}
