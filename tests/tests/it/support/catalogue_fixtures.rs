//! Fixtures of the catalogue tests: listings made through the command layer, a tantivy engine
//! in a fresh folder, and catalogue projectors that hang or crash at chosen points.

use async_trait::async_trait;
use ruta_commands::app::marketplace::Price;
use ruta_commands::app::{execute, AppCommand};
use ruta_commands::Executor;
use ruta_domain::marketplace::listing::CreateListing;
use ruta_projections::catalogues::{decode_document_id, visible_ids, CatalogueProjector, Listings};
use ruta_projections::runtime::{live_generation, ProjectorTx, SqlProjector};
use ruta_projections::search::{SearchEngine, TantivyEngine};
use ruta_projections::LogError;
use ruta_store::log::RecordedEvent;
use ruta_store::Database;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use tempfile::TempDir;

use crate::support::{register, staff};

/// A tantivy engine in its own folder (kept alive by the returned guard).
pub(crate) fn tantivy() -> (Arc<dyn SearchEngine>, TempDir) {
    let dir = tempfile::tempdir().expect("index dir");
    let engine = TantivyEngine::open(dir.path().to_owned()).expect("tantivy opens");
    (Arc::new(engine), dir)
}

pub(crate) fn listings(engine: &Arc<dyn SearchEngine>) -> CatalogueProjector<Listings> {
    CatalogueProjector::new(engine.clone(), "ruta")
}

pub(crate) fn listing(seller: &str, title: &str, price: &str) -> CreateListing {
    serde_json::from_value(serde_json::json!({
        "seller_id": seller, "kind": "product", "title": title,
        "description": "Hecho en Huelva", "language": "es", "category": "food",
        "price": price, "municipality": "Lepe", "country": "ES"
    }))
    .expect("listing")
}

/// Seller `seller` creates and publishes listings `{seller}-0..n`; every third is closed
/// again and every fifth changes price, so the catalogue sees every kind of event.
pub(crate) async fn trade(executor: &Executor, seller: &str, n: usize) {
    register(executor, seller, "Vendedora").await;
    for i in 0..n {
        let id = format!("{seller}-{i}");
        // A context per command: one command id each.
        let ctx = staff;
        let title = format!("Mermelada de fresa {i}");
        let send = |command| {
            let (id, ctx) = (id.as_str(), ctx());
            async move { execute(executor, Some(id), command, &ctx).await }
        };
        let create = AppCommand::CreateListing(listing(seller, &title, "4.50"));
        send(create).await.expect("created");
        send(AppCommand::PublishListing).await.expect("published");
        if i % 5 == 0 {
            let price = serde_json::from_value(serde_json::json!("5.75")).expect("price");
            let change = AppCommand::ChangeListingPrice(Price { price });
            send(change).await.expect("price changed");
        }
        if i % 3 == 0 {
            send(AppCommand::CloseListing).await.expect("closed");
        }
    }
}

/// What the live listings index holds, and what it should hold according to the SQL state.
pub(crate) async fn live_listing_ids(
    db: &Database,
    engine: &Arc<dyn SearchEngine>,
) -> (Vec<String>, Vec<String>) {
    let generation = live_generation(db, "listings").await.expect("generation");
    let index = format!("ruta_listings_{generation}");
    let in_engine: Vec<String> = engine
        .all_ids(&index)
        .await
        .expect("engine ids")
        .iter()
        .map(|id| decode_document_id(id).expect("an id the catalogue wrote"))
        .collect();
    let expected = visible_ids(db, "listings", generation)
        .await
        .expect("sql ids");
    (in_engine, expected)
}

/// `listings`, but it hangs (holding its batch open) at its `hang_at`-th listing event, and
/// fails once right after its first successful push to the engine (before the commit).
#[derive(Debug)]
pub(crate) struct FaultyListings {
    pub inner: CatalogueProjector<Listings>,
    pub hang_at: usize,
    pub seen: AtomicUsize,
    pub reached: tokio::sync::Notify,
    pub failed_after_push: AtomicBool,
}

impl FaultyListings {
    pub(crate) fn new(engine: &Arc<dyn SearchEngine>, hang_at: usize) -> Self {
        Self {
            inner: listings(engine),
            hang_at,
            seen: AtomicUsize::new(0),
            reached: tokio::sync::Notify::new(),
            failed_after_push: AtomicBool::new(false),
        }
    }
}

#[async_trait]
impl SqlProjector for FaultyListings {
    fn name(&self) -> &'static str {
        self.inner.name()
    }
    fn version(&self) -> u32 {
        self.inner.version()
    }
    async fn apply(
        &self,
        tx: &mut ProjectorTx<'_>,
        generation: i64,
        event: &RecordedEvent,
    ) -> Result<(), LogError> {
        self.inner.apply(tx, generation, event).await?;
        if event.aggregate_type == "Listing"
            && self.seen.fetch_add(1, Ordering::SeqCst) + 1 == self.hang_at
        {
            self.reached.notify_one();
            std::future::pending::<()>().await;
        }
        Ok(())
    }
    async fn flush(&self, tx: &mut ProjectorTx<'_>, generation: i64) -> Result<(), LogError> {
        self.inner.flush(tx, generation).await?;
        if !self.failed_after_push.swap(true, Ordering::SeqCst) {
            return Err(LogError::Projector {
                projector: "listings".to_owned(),
                reason: "crash after the engine accepted the batch".to_owned(),
            });
        }
        Ok(())
    }
    async fn drop_generation(&self, db: &Database, generation: i64) -> Result<(), LogError> {
        self.inner.drop_generation(db, generation).await
    }
}
