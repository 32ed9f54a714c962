//! Fixtures of the catalogue tests: listings made through the command layer, a tantivy engine
//! in a fresh folder, and catalogue projectors that hang or crash at chosen points.

use async_trait::async_trait;
use ruta_commands::app::marketplace::Price;
use ruta_commands::app::{execute, AppCommand};
use ruta_commands::Executor;
use ruta_domain::marketplace::listing::CreateListing;
use ruta_projections::catalogues::{decode_document_id, visible_ids, CatalogueProjector, Listings};
use ruta_projections::runtime::live_generation;
use ruta_projections::search::{SearchEngine, TantivyEngine};
use ruta_projections::LogError;
use ruta_store::log::RecordedEvent;
use ruta_store::Database;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tempfile::TempDir;

use crate::support::faulty_projector::{Fault, Faulty, HangsAt};
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
pub(crate) fn faulty_listings(
    engine: &Arc<dyn SearchEngine>,
    hang_at: usize,
) -> Arc<Faulty<CatalogueProjector<Listings>, HangsThenFailsAfterPush>> {
    let fault = HangsThenFailsAfterPush {
        hang: HangsAt::new(hang_at, |event| event.aggregate_type == "Listing"),
        failed_after_push: AtomicBool::new(false),
    };
    Faulty::new(listings(engine), fault)
}

#[derive(Debug)]
pub(crate) struct HangsThenFailsAfterPush {
    pub hang: HangsAt,
    pub failed_after_push: AtomicBool,
}

#[async_trait]
impl Fault for HangsThenFailsAfterPush {
    async fn after_apply(&self, projector: &str, event: &RecordedEvent) -> Result<(), LogError> {
        self.hang.after_apply(projector, event).await
    }
    async fn after_flush(&self, projector: &str) -> Result<(), LogError> {
        if !self.failed_after_push.swap(true, Ordering::SeqCst) {
            return Err(LogError::Projector {
                projector: projector.to_owned(),
                reason: "crash after the engine accepted the batch".to_owned(),
            });
        }
        Ok(())
    }
}
