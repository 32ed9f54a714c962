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
}
