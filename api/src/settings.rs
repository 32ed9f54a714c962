//! Typed settings, from flags or `RUTA_…` environment variables (see `ruta serve --help`).

use clap::Args;

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
