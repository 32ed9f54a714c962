use ruta_commands::Executor;
use ruta_store::Database;

/// Shared by every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Database,
    pub executor: Executor,
}

impl AppState {
    pub fn new(db: Database) -> Self {
        Self {
            executor: Executor::new(db.clone()),
            db,
        }
    }
}
