//! Typed settings, from flags or `RUTA_…` environment variables (see `ruta serve --help`).

use clap::Args;

use crate::token_lifetime::TokenLifetime;

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// Event store: postgres://… or sqlite://… (the SQLite file is created on first start).
    #[arg(long, env = "RUTA_DATABASE_URL", default_value = ruta_store::DEFAULT_DATABASE_URL,
          hide_env_values = true)]
    pub database_url: String,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "RUTA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Largest accepted request body, in bytes.
    #[arg(long, env = "RUTA_BODY_LIMIT_BYTES", default_value_t = 64 * 1024)]
    pub body_limit_bytes: usize,
    #[command(flatten)]
    pub search: SearchSettings,
    #[command(flatten)]
    pub tokens: TokenSettings,
}

/// Token lifetimes and the throttle on failed bearer attempts.
#[derive(Debug, Clone, Args)]
pub struct TokenSettings {
    /// Lifetime of a token issued without `expires_in`: seconds or 30d, 12h, 45m (at most
    /// 365d).
    #[arg(long, env = "RUTA_TOKEN_TTL", default_value_t = TokenLifetime::DEFAULT)]
    pub token_ttl: TokenLifetime,
    /// Failed bearer attempts a client address may make per minute; the next ones get 429.
    #[arg(long, env = "RUTA_AUTH_FAILURES_PER_MINUTE", default_value_t = 20)]
    pub auth_failures_per_minute: u32,
}

impl Default for TokenSettings {
    fn default() -> Self {
        Self {
            token_ttl: TokenLifetime::DEFAULT,
            auth_failures_per_minute: 20,
        }
    }
}

/// Which search engine keeps the catalogues.
#[derive(Debug, Clone, Args)]
pub struct SearchSettings {
    /// Meilisearch URL (http://host:7700); without it the embedded tantivy engine is used.
    #[arg(long, env = "RUTA_MEILI_URL")]
    pub meili_url: Option<String>,
    /// Meilisearch API key.
    #[arg(long, env = "RUTA_MEILI_KEY", hide_env_values = true)]
    pub meili_key: Option<String>,
    /// Folder of the embedded tantivy indexes.
    #[arg(long, env = "RUTA_INDEX_DIR", default_value = "./ruta-data/index")]
    pub index_dir: std::path::PathBuf,
    /// First part of every index name (`<prefix>_<catalogue>_<generation>`), so several
    /// deployments can share one Meilisearch.
    #[arg(long, env = "RUTA_INDEX_PREFIX", default_value = "ruta")]
    pub index_prefix: String,
}

impl SearchSettings {
    /// Opens the configured engine.
    ///
    /// # Errors
    /// When the tantivy folder cannot be created or the Meilisearch URL is not usable.
    pub fn engine(
        &self,
    ) -> Result<
        std::sync::Arc<dyn ruta_projections::search::SearchEngine>,
        ruta_projections::search::SearchError,
    > {
        ruta_projections::search::engine_from_config(
            self.meili_url.as_deref(),
            self.meili_key.as_deref(),
            &self.index_dir,
        )
    }
}
