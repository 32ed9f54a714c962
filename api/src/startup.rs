//! Building the router and the server; graceful shutdown.

use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use std::any::Any;
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;

use ruta_projections::catalogues::CatalogueSearch;
use ruta_projections::runtime::{ProjectorRunner, Shutdown};

use crate::guard;
use crate::openapi::ApiDoc;
use crate::problem::{ApiError, ProblemType};
use crate::routes::{api_router, health, scrape};
use crate::settings::Settings;
use crate::state::AppState;
use crate::telemetry_metrics;

/// The whole HTTP surface, without a socket (tests may drive it directly).
pub fn router(state: AppState, body_limit: usize) -> Router {
    // Before the first request, so nothing recorded through the facade is dropped.
    telemetry_metrics::install();
    Router::new()
        .nest("/api/v1", api_router())
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(scrape::metrics))
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .fallback(|| async { ApiError::new(ProblemType::NotFound, "no such route") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                ProblemType::MethodNotAllowed,
                "this route does not accept that method",
            )
        })
        .with_state(state)
        // Before routing: a path or query that names nothing never reaches a handler.
        .layer(axum::middleware::from_fn(guard::refuse_hostile_uris))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(CatchPanicLayer::custom(|_: Box<dyn Any + Send>| {
            ApiError::internal("handler panicked").into_response()
        }))
        // Outside the panic catcher, so a panic counts as the 500 the client gets.
        .layer(axum::middleware::from_fn(telemetry_metrics::record_http))
        // Spans carry the route template, never the URI: paths hold ids and codes.
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            let route = req
                .extensions()
                .get::<MatchedPath>()
                .map_or("unmatched", MatchedPath::as_str);
            tracing::info_span!("http", method = %req.method(), route)
        }))
        // Outermost, so every response — a panic's, a rejection's — is covered.
        .layer(axum::middleware::from_fn(
            guard::problem_errors_and_security_headers,
        ))
}

/// Connects to the event store at `url` and applies any pending migrations.
///
/// # Errors
/// When the store is unreachable or a migration fails.
pub async fn connect(url: &str) -> anyhow::Result<ruta_store::Database> {
    use anyhow::Context;
    let db = ruta_store::Database::connect(url)
        .await
        .with_context(|| format!("connecting to {}", ruta_store::redact(url)))?;
    db.migrate().await.context("applying migrations")?;
    Ok(db)
}

/// The store, migrated, and the catalogues on the configured search engine: what the server
/// and the projector commands start from. The engine is not asked anything yet (a server must
/// start while Meilisearch is down): [`crate::search_watch`] applies the index settings once it
/// answers, and projectors prepare an index before they write to it.
///
/// # Errors
/// When the store is unreachable, a migration fails or the engine cannot be opened (the
/// embedded engine's folder cannot be created).
pub async fn open_store(
    database_url: &str,
    search: &crate::settings::SearchSettings,
) -> anyhow::Result<(ruta_store::Database, CatalogueSearch)> {
    use anyhow::Context;
    let db = connect(database_url).await?;
    let engine = search.engine().context("opening the search engine")?;
    let catalogues = CatalogueSearch::new(db.clone(), engine, &search.index_prefix);
    Ok((db, catalogues))
}

/// A bound, migrated, ready-to-serve application.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    /// Whether the first look applied the index settings.
    prepared: bool,
}

impl Application {
    /// Connects to the store, applies migrations and binds (port 0 picks a free port).
    ///
    /// # Errors
    /// When the store is unreachable, a migration fails or the address cannot be bound.
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        use anyhow::Context;
        let (db, catalogues) = open_store(&settings.database_url, &settings.search).await?;
        let state = AppState::with_tokens(db, catalogues, &settings.tokens);
        let prepared =
            crate::search_watch::first_look(&state.db, &state.catalogues, &state.engine_health)
                .await;
        let listener = TcpListener::bind(&settings.bind)
            .await
            .with_context(|| format!("binding {}", settings.bind))?;
        Ok(Self {
            router: router(state.clone(), settings.body_limit_bytes),
            listener,
            state,
            prepared,
        })
    }

    /// The address the server is bound to (the port, when it was 0).
    ///
    /// # Errors
    /// The socket's, when the address cannot be read.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGINT or SIGTERM, then lets in-flight requests finish.
    ///
    /// # Errors
    /// When the server fails.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let db = self.state.db.clone();
        self.run_until(shutdown_signal()).await?;
        db.close().await;
        Ok(())
    }

    /// Serves until `stop` resolves (tests), keeping the read models up to date meanwhile.
    ///
    /// # Errors
    /// When the server fails.
    pub async fn run_until(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        // The projectors run beside the server and stop after it: each finishes its batch.
        let projectors = Shutdown::new();
        let runner = ProjectorRunner::new(self.state.db.clone(), self.state.projectors());
        let signal = projectors.signal();
        let running = tokio::spawn(async move { runner.run(signal).await });
        let sealing = tokio::spawn(crate::integrity_cli::seal_until(
            self.state.db.clone(),
            projectors.signal(),
        ));
        let state = &self.state;
        let watching = tokio::spawn(crate::search_watch::watch(
            state.db.clone(),
            state.catalogues.clone(),
            state.engine_health.clone(),
            self.prepared,
            projectors.signal(),
        ));
        // The peer address feeds the throttle on failed bearer attempts.
        let service = self
            .router
            .into_make_service_with_connect_info::<crate::hyper_errors::Peer>();
        let listener = crate::hyper_errors::ProblemListener::new(self.listener);
        let served = axum::serve(listener, service)
            .with_graceful_shutdown(stop)
            .await;
        projectors.trigger();
        // A rebuild it runs would hold the shutdown up: stop it; its rebuild row restarts
        // from the beginning next time.
        watching.abort();
        if let Err(error) = watching.await {
            if !error.is_cancelled() {
                tracing::error!(%error, "the search engine watcher died");
            }
        }
        if let Err(error) = sealing.await {
            tracing::error!(%error, "the sealer died");
        }
        match running.await {
            Ok(exits) => tracing::info!(?exits, "projectors stopped"),
            Err(error) => tracing::error!(%error, "the projector runner died"),
        }
        served?;
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down; finishing in-flight requests");
}
