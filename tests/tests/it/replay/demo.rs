//! `ruta demo`: the generated programme replays to exactly the seed's figures, on every
//! backend; running it again appends nothing; another seed gives another programme with the
//! same figures.

use ruta_commands::Executor;
use ruta_demo::{self as demo, DemoConfig};
use ruta_store::log::RecordedEvent;
use std::collections::BTreeSet;

use crate::on_both_backends;
use crate::replay::demo_figures::{count, read_log, seed_figures};
use crate::replay::demo_report::check_report_of_the_demo;
use crate::support::{event_count, register, TestDb};

/// Who registered, and when: differs from one seed's programme to another's.
fn registrations(events: &[RecordedEvent]) -> BTreeSet<(String, String)> {
    events
        .iter()
        .filter(|e| e.event_type == "ParticipantRegistered")
        .map(|e| {
            (
                e.payload["name"].to_string(),
                e.metadata.occurred_at.clone(),
            )
        })
        .collect()
}

async fn the_demo_reproduces_the_seed_figures_once(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    let first = demo::generate(&executor, DemoConfig::new(1, 2013))
        .await
        .expect("every planned command is accepted");
    assert_eq!((first.applied, first.duplicates), (first.commands, 0));
    assert!(first.events_appended > 20_000, "{first:?}");
    assert_eq!(first.aggregates["Participant"], 1_200);
    let seeded = read_log(&t.db, "d2013-").await;
    assert_eq!(
        u64::try_from(seeded.len()).ok(),
        Some(first.events_appended)
    );
    let figures = count(&seeded);
    assert_eq!(figures, seed_figures());
    assert_eq!(
        figures["EVT_MIGR_LATAM"] * 1000 / figures["EVT_MIGR"],
        750,
        "75.0 %"
    );
    check_report_of_the_demo(&t.db).await;

    let again = demo::generate(&executor, DemoConfig::new(1, 2013))
        .await
        .expect("a re-run is accepted");
    assert_eq!((again.applied, again.duplicates), (0, first.commands));
    assert_eq!(again.events_appended, 0);

    let other = demo::generate(&executor, DemoConfig::new(1, 7))
        .await
        .expect("another seed is accepted");
    assert_eq!(other.applied, other.commands);
    let other_events = read_log(&t.db, "d7-").await;
    assert_eq!(count(&other_events), seed_figures());
    let (a, b) = (registrations(&seeded), registrations(&other_events));
    assert!(
        a.intersection(&b).count() < 12,
        "another seed, other people"
    );
}

on_both_backends!(the_demo_reproduces_the_seed_figures_once);

async fn serve_demo_leaves_a_log_with_events_alone(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    register(&executor, "p-1", "Ana Pérez").await;
    let loaded = ruta_api::demo_cli::load_if_empty(&t.db)
        .await
        .expect("checks the log");
    assert!(loaded.is_none());
    assert_eq!(event_count(&t.db).await, 1);
}

on_both_backends!(serve_demo_leaves_a_log_with_events_alone);
