//! The hash chain and the seal: an untouched log verifies; one byte changed, an event
//! deleted, two events swapped are each found at their position.

use ruta_commands::{with_pool, Executor};
use ruta_domain::participant::{Participant, ParticipantCommand, UpdateProfile};
use ruta_store::verify::{verify, FindingKind, Verification};
use ruta_store::{seal, Database};

use crate::on_both_backends;
use crate::support::{event_count, register, staff, TestDb};

/// Three participants, the first with two profile updates: streams of one and three events
/// interleaved in the log. Sealed, and verified clean.
async fn sealed_log(t: &TestDb) -> Verification {
    let executor = Executor::new(t.db.clone());
    for (id, name) in [("p1", "Ana Lima"), ("p2", "Bruno Sá"), ("p3", "Carla Dias")] {
        register(&executor, id, name).await;
        if id == "p1" {
            update(&executor, "Tavira").await;
        }
    }
    update(&executor, "Loulé").await;
    let head = seal::seal_pending(&t.db).await.expect("seals");
    let clean = verify(&t.db).await.expect("verifies");
    assert_eq!(clean.finding, None, "an untouched log verifies");
    assert_eq!(
        i64::try_from(clean.events).ok(),
        Some(event_count(&t.db).await)
    );
    assert_eq!((clean.events, clean.streams, clean.sealed), (5, 3, 5));
    assert_eq!(clean.seal, head.seal, "verify recomputes the sealer's head");
    clean
}

async fn update(executor: &Executor, municipality: &str) {
    let update = UpdateProfile {
        municipality: Some(municipality.to_owned()),
        ..UpdateProfile::default()
    };
    executor
        .execute::<Participant>("p1", ParticipantCommand::UpdateProfile(update), &staff())
        .await
        .expect("updates");
}

async fn position_of(db: &Database, id: &str, sequence: i64) -> i64 {
    const SQL: &str =
        "SELECT global_position FROM events WHERE aggregate_id = $1 AND sequence = $2";
    with_pool!(db, pool => sqlx::query_scalar(SQL).bind(id).bind(sequence)
        .fetch_one(pool).await.expect("position"))
}

async fn execute(db: &Database, sql: &str) {
    ruta_store::with_write_pool!(db, pool => {
        sqlx::query(sql).execute(pool).await.expect(sql);
    });
}

async fn it_verifies_an_untouched_log_and_keeps_sealing_what_follows(t: &TestDb) {
    let first = sealed_log(t).await;
    let executor = Executor::new(t.db.clone());
    register(&executor, "p4", "Dora Reis").await;
    let unsealed = verify(&t.db).await.expect("verifies");
    assert_eq!((unsealed.events, unsealed.sealed), (6, 5));
    assert_eq!(unsealed.finding, None);
    let head = seal::seal_pending(&t.db).await.expect("seals");
    assert_eq!(head.sealed, 6);
    assert_eq!(seal::seal_pending(&t.db).await.expect("again"), head);
    let again = verify(&t.db).await.expect("verifies");
    assert_eq!((again.sealed, again.finding), (6, None));
    assert_ne!(again.seal, first.seal);
}
on_both_backends!(it_verifies_an_untouched_log_and_keeps_sealing_what_follows);

async fn it_finds_one_byte_changed_in_a_payload(t: &TestDb) {
    sealed_log(t).await;
    let position = position_of(&t.db, "p2", 1).await;
    let cast = match t.db {
        Database::Postgres(..) => "::text",
        Database::Sqlite(..) => "",
    };
    let jsonb = if cast.is_empty() { "" } else { "::jsonb" };
    execute(
        &t.db,
        &format!(
            "UPDATE events SET payload = replace(payload{cast}, 'Bruno', 'Bruna'){jsonb} \
             WHERE global_position = {position}"
        ),
    )
    .await;
    let found = verify(&t.db)
        .await
        .expect("verifies")
        .finding
        .expect("found");
    assert_eq!(
        (found.position, found.kind),
        (position, FindingKind::Altered)
    );
    assert!(
        found.detail.contains("Participant p2 sequence 1"),
        "{found}"
    );
}
on_both_backends!(it_finds_one_byte_changed_in_a_payload);

async fn it_finds_an_event_deleted_from_the_middle(t: &TestDb) {
    sealed_log(t).await;
    deleted_is_found(&t.db, position_of(&t.db, "p1", 2).await).await;
}
on_both_backends!(it_finds_an_event_deleted_from_the_middle);

async fn it_finds_the_last_event_deleted(t: &TestDb) {
    sealed_log(t).await;
    deleted_is_found(&t.db, position_of(&t.db, "p1", 3).await).await;
}
on_both_backends!(it_finds_the_last_event_deleted);

async fn deleted_is_found(db: &Database, position: i64) {
    execute(
        db,
        &format!("DELETE FROM events WHERE global_position = {position}"),
    )
    .await;
    let found = verify(db).await.expect("verifies").finding.expect("found");
    assert_eq!(
        (found.position, found.kind),
        (position, FindingKind::Removed)
    );
}

async fn it_finds_two_events_swapped(t: &TestDb) {
    sealed_log(t).await;
    let (a, b) = (
        position_of(&t.db, "p2", 1).await,
        position_of(&t.db, "p3", 1).await,
    );
    swap_contents(&t.db, a, b).await;
    let found = verify(&t.db)
        .await
        .expect("verifies")
        .finding
        .expect("found");
    assert_eq!((found.position, found.kind), (a, FindingKind::Reordered));
}
on_both_backends!(it_finds_two_events_swapped);

/// Exchanges everything two rows say (so each event stands at the other's place), the way
/// someone with write access would move events without touching positions.
async fn swap_contents(db: &Database, a: i64, b: i64) {
    let (json, text) = match db {
        Database::Postgres(..) => ("::jsonb", "::text"),
        Database::Sqlite(..) => ("", ""),
    };
    let columns = "aggregate_type, aggregate_id, sequence, event_type, event_version";
    let read = format!(
        "SELECT {columns}, payload{text}, metadata{text}, chain_hash FROM events \
         WHERE global_position = $1"
    );
    type Content = (
        String,
        String,
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
    );
    let row = |position: i64| {
        let read = read.clone();
        async move {
            let content: Content = with_pool!(db, pool => sqlx::query_as(&read)
                .bind(position).fetch_one(pool).await.expect("row"));
            content
        }
    };
    let (first, second) = (row(a).await, row(b).await);
    execute(
        db,
        &format!("UPDATE events SET aggregate_id = 'moving' WHERE global_position = {a}"),
    )
    .await;
    let write = format!(
        "UPDATE events SET aggregate_type = $1, aggregate_id = $2, sequence = $3, \
         event_type = $4, event_version = $5, payload = $6{json}, metadata = $7{json}, \
         chain_hash = $8 WHERE global_position = $9"
    );
    for (content, position) in [(first, b), (second, a)] {
        ruta_store::with_write_pool!(db, pool => { sqlx::query(&write)
            .bind(content.0).bind(content.1).bind(content.2).bind(content.3).bind(content.4)
            .bind(content.5).bind(content.6).bind(content.7).bind(position)
            .execute(pool).await.expect("swap"); });
    }
}

async fn it_hashes_a_log_written_before_the_chain_when_migrating(t: &TestDb) {
    let before = sealed_log(t).await;
    const HASHES: &str = "SELECT chain_hash FROM events ORDER BY global_position";
    let hashes = |db: &Database| {
        let db = db.clone();
        async move {
            let all: Vec<Option<String>> = with_pool!(&db, pool => sqlx::query_scalar(HASHES).fetch_all(pool).await.expect("hashes"));
            all
        }
    };
    let written = hashes(&t.db).await;
    execute(&t.db, "UPDATE events SET chain_hash = NULL").await;
    let unhashed = verify(&t.db)
        .await
        .expect("verifies")
        .finding
        .expect("found");
    assert_eq!(unhashed.kind, FindingKind::Altered);
    t.db.migrate().await.expect("migrates");
    let laundered = verify(&t.db).await.expect("verifies").finding;
    assert_eq!(
        laundered.map(|f| f.kind),
        Some(FindingKind::Altered),
        "a hash removed after the chain existed stays missing"
    );
    // A log from before the chain: the migration left its marker.
    execute(&t.db, "INSERT INTO chain_backfill (pending) VALUES (1)").await;
    t.db.migrate().await.expect("migrates");
    assert_eq!(
        hashes(&t.db).await,
        written,
        "the same computation as the writer's"
    );
    let after = verify(&t.db).await.expect("verifies");
    assert_eq!((after.finding, after.seal), (None, before.seal));
}
on_both_backends!(it_hashes_a_log_written_before_the_chain_when_migrating);
