//! The projector runtime keeps `certificate_register` equal to a rebuild from zero, whatever
//! fails, crashes or writes concurrently.

use ruta_commands::Executor;
use ruta_domain::learning::enrolment::enrolment_id;
use ruta_projections::read_models::CertificatesProjector;
use ruta_projections::runtime::{ProjectorExit, Shutdown};
use ruta_store::log::Checkpoint;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use crate::on_both_backends;
use crate::support::projector_fixtures::{
    catch_up_certificates, certificate_events, certify, hangs_at, rebuild, register_rows, restart,
    runner, status, PanicsOnce, RefusesCertificates,
};
use crate::support::{published_course, read_all, TestDb};

async fn it_catches_up_and_checkpoints_the_last_event(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-1").await;
    certify(&executor, "c-1", "p", 5).await;
    let log = read_all(&t.db).await;

    catch_up_certificates(&t.db).await;
    let rows = register_rows(&t.db).await;
    assert_eq!(rows.len(), 5);
    let mut codes: Vec<String> = certificate_events(&log)
        .iter()
        .map(|e| {
            e.payload["verification_code"]
                .as_str()
                .expect("code")
                .to_owned()
        })
        .collect();
    codes.sort();
    assert_eq!(rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(), codes);
    assert!(rows.iter().all(|r| r.2 == "c-1" && r.4 == 80));
    assert_eq!(rows[0].3, enrolment_id(&rows[0].1, "c-1"));
    let s = status(&t.db, "certificates").await;
    assert_eq!(s.checkpoint, log.last().expect("events").checkpoint);
    assert_eq!((s.lag_events, s.lag_seconds), (0, 0));
    assert_eq!((s.last_error, s.poisoned), (None, false));
}
on_both_backends!(it_catches_up_and_checkpoints_the_last_event);

async fn it_recovers_from_a_crash_mid_batch_without_loss_or_double_count(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-1").await;
    certify(&executor, "c-1", "p", 8).await;
    let log = read_all(&t.db).await;

    // A panic inside a batch: rolled back, retried, and the retry completes.
    let panics = PanicsOnce::at(3);
    let exits = runner(&t.db, vec![panics.clone()]).catch_up().await;
    assert_eq!(
        exits,
        [ProjectorExit::CaughtUp {
            name: "certificates"
        }]
    );
    assert!(
        panics.fault.fired.load(Ordering::SeqCst),
        "the crash happened"
    );
    let after_panic = register_rows(&t.db).await;
    assert_eq!(after_panic.len(), 8);
    assert_eq!(after_panic, rebuild(&t.db).await);

    // The process dies with a batch half applied: kill the runner while it hangs in apply.
    ruta_store::with_write_pool!(&t.db, pool => {
        sqlx::query("DELETE FROM certificate_register").execute(pool).await.expect("drop");
        sqlx::query("DELETE FROM projector_checkpoints").execute(pool).await.expect("drop");
    });
    let hangs = hangs_at(6);
    let shutdown = Shutdown::new();
    let killed = {
        let runner = runner(&t.db, vec![hangs.clone()]);
        let signal = shutdown.signal();
        tokio::spawn(async move { runner.run(signal).await })
    };
    hangs.fault.reached.notified().await;
    let before_kill = status(&t.db, "certificates").await;
    assert!(
        before_kill.checkpoint > Checkpoint::START,
        "earlier batches were committed before the crash"
    );
    killed.abort();
    assert!(killed.await.is_err_and(|e| e.is_cancelled()));

    // Restart: only committed batches count; the rest is applied once.
    let exits = restart(&t.db, vec![Arc::new(CertificatesProjector)]).await;
    assert_eq!(
        exits,
        [ProjectorExit::CaughtUp {
            name: "certificates"
        }]
    );
    let restarted = register_rows(&t.db).await;
    assert_eq!(restarted.len(), certificate_events(&log).len());
    let s = status(&t.db, "certificates").await;
    assert_eq!(s.checkpoint, log.last().expect("events").checkpoint);
    assert_eq!(restarted, rebuild(&t.db).await);
}
on_both_backends!(it_recovers_from_a_crash_mid_batch_without_loss_or_double_count);

async fn it_keeps_up_with_concurrent_writers(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-1").await;
    let shutdown = Shutdown::new();
    let running = {
        let runner = runner(&t.db, vec![Arc::new(CertificatesProjector)]);
        let signal = shutdown.signal();
        tokio::spawn(async move { runner.run(signal).await })
    };
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let executor = executor.clone();
            tokio::spawn(async move { certify(&executor, "c-1", &format!("w{w}"), 5).await })
        })
        .collect();
    for writer in writers {
        writer.await.expect("writer");
    }

    let last = read_all(&t.db).await.last().expect("events").checkpoint;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let s = status(&t.db, "certificates").await;
        if s.checkpoint == last {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the runner did not reach {last} in 60 s: {s:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    shutdown.trigger();
    let exits = running.await.expect("runner");
    assert_eq!(
        exits,
        [ProjectorExit::Stopped {
            name: "certificates"
        }]
    );

    let live = register_rows(&t.db).await;
    assert_eq!(live.len(), 20);
    assert_eq!(live, rebuild(&t.db).await);
}
on_both_backends!(it_keeps_up_with_concurrent_writers);

async fn it_stops_only_the_projector_with_a_poison_event(t: &TestDb) {
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-1").await;
    certify(&executor, "c-1", "p", 3).await;
    let log = read_all(&t.db).await;
    let poison = certificate_events(&log)[0].checkpoint;

    let exits = runner(
        &t.db,
        vec![
            Arc::new(RefusesCertificates),
            Arc::new(CertificatesProjector),
        ],
    )
    .catch_up()
    .await;

    let ProjectorExit::Poisoned { name, at, error } = &exits[0] else {
        panic!("expected the first projector to be poisoned: {exits:?}");
    };
    assert_eq!((*name, *at), ("refuses-certificates", poison));
    assert!(error.contains("cannot file this certificate"), "{error}");
    assert_eq!(
        exits[1],
        ProjectorExit::CaughtUp {
            name: "certificates"
        }
    );

    let stopped = status(&t.db, "refuses-certificates").await;
    assert!(stopped.poisoned);
    assert_eq!(stopped.error_position, Some(poison.position));
    assert_eq!(stopped.failed_attempts, 3);
    assert!(stopped
        .last_error
        .is_some_and(|e| e.contains("cannot file this certificate")));
    assert!(
        stopped.checkpoint < poison,
        "the poison event was not skipped"
    );
    assert!(stopped.lag_events > 0);

    let healthy = status(&t.db, "certificates").await;
    assert_eq!(healthy.checkpoint, log.last().expect("events").checkpoint);
    assert_eq!(healthy.last_error, None);
    assert_eq!(register_rows(&t.db).await.len(), 3);
}
on_both_backends!(it_stops_only_the_projector_with_a_poison_event);

/// Two processes, one projector: the second finds the advisory lock taken and stays out.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn it_runs_each_projector_in_one_process_only_on_postgres() {
    let Some(t) = TestDb::postgres().await else {
        return;
    };
    let executor = Executor::new(t.db.clone());
    published_course(&executor, "c-1").await;
    certify(&executor, "c-1", "p", 2).await;
    let hangs = hangs_at(1);
    let shutdown = Shutdown::new();
    let first = {
        let runner = runner(&t.db, vec![hangs.clone()]);
        let signal = shutdown.signal();
        tokio::spawn(async move { runner.run(signal).await })
    };
    hangs.fault.reached.notified().await;

    let second = runner(&t.db, vec![Arc::new(CertificatesProjector)])
        .catch_up()
        .await;
    assert_eq!(
        second,
        [ProjectorExit::LockedElsewhere {
            name: "certificates"
        }]
    );

    // The first process dies: its lock goes with its connection, and the second takes over.
    first.abort();
    assert!(first.await.is_err_and(|e| e.is_cancelled()));
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let exits = runner(&t.db, vec![Arc::new(CertificatesProjector)])
            .catch_up()
            .await;
        // "Caught up" can come before the rows: on PostgreSQL the log shows nothing newer than
        // the oldest transaction running anywhere in the cluster (other tests' included).
        let caught_up = exits
            == [ProjectorExit::CaughtUp {
                name: "certificates",
            }];
        if caught_up && register_rows(&t.db).await.len() == 2 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "lock never released");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(register_rows(&t.db).await.len(), 2);
}
