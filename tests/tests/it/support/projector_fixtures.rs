//! Fixtures of the projector tests: a fast runner, certificates issued through the command
//! layer, the read model and its rebuild, and projectors that crash, hang or refuse.

use async_trait::async_trait;
use ruta_commands::app::elearning::{Enrol, ExamAttempt};
use ruta_commands::app::{execute, AppCommand};
use ruta_commands::{with_pool, Executor};
use ruta_domain::learning::enrolment::enrolment_id;
use ruta_projections::read_models::CertificatesProjector;
use ruta_projections::runtime::{
    projector_status, ProjectorExit, ProjectorRunner, ProjectorStatus, ProjectorTx, RunnerConfig,
    SqlProjector,
};
use ruta_projections::LogError;
use ruta_store::log::RecordedEvent;
use ruta_store::Database;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::support::faulty_projector::{Fault, Faulty, HangsAt, Nth};
use crate::support::{register, staff};

/// Small batches (several per run) and quick retries.
pub(crate) fn fast() -> RunnerConfig {
    RunnerConfig {
        batch_size: 4,
        idle: Duration::from_millis(10),
        max_attempts: 3,
        backoff_start: Duration::from_millis(1),
        backoff_max: Duration::from_millis(5),
        lock_retry: Duration::from_millis(10),
    }
}

pub(crate) fn runner(db: &Database, projectors: Vec<Arc<dyn SqlProjector>>) -> ProjectorRunner {
    ProjectorRunner::new(db.clone(), projectors).with_config(fast())
}

/// Registers `n` participants `{prefix}-{i}`, enrols them in `course` and passes their exam.
pub(crate) async fn certify(executor: &Executor, course: &str, prefix: &str, n: usize) {
    for i in 0..n {
        let participant = format!("{prefix}-{i}");
        register(executor, &participant, "Certified").await;
        let enrolment = enrolment_id(&participant, course);
        let enrol = AppCommand::EnrolInCourse(Enrol {
            participant_id: Some(participant),
            course_id: course.to_owned(),
        });
        execute(executor, None, enrol, &staff())
            .await
            .expect("enrols");
        let exam = AppCommand::SitExam(ExamAttempt { score: 80 });
        execute(executor, Some(&enrolment), exam, &staff())
            .await
            .expect("passes");
    }
}

pub(crate) type Row = (String, String, String, String, i64, i64);

pub(crate) async fn register_rows(db: &Database) -> Vec<Row> {
    // Only the live generation: a rebuild writes the next one beside it.
    const SQL: &str = "SELECT code, participant_id, course_id, enrolment_id, score, position \
                       FROM certificate_register WHERE generation = COALESCE((SELECT generation \
                       FROM projector_checkpoints WHERE name = 'certificates'), 1) ORDER BY code";
    with_pool!(db, pool => sqlx::query_as::<_, Row>(SQL).fetch_all(pool).await.expect("rows"))
}

/// The read model rebuilt from zero: rows and checkpoint dropped, the whole log replayed.
pub(crate) async fn rebuild(db: &Database) -> Vec<Row> {
    ruta_store::with_write_pool!(db, pool => {
        sqlx::query("DELETE FROM certificate_register").execute(pool).await.expect("drop rows");
        sqlx::query("DELETE FROM projector_checkpoints WHERE name = 'certificates'")
            .execute(pool).await.expect("drop checkpoint");
    });
    catch_up_certificates(db).await;
    register_rows(db).await
}

/// Runs `certificates` over the whole log, asserting it caught up.
pub(crate) async fn catch_up_certificates(db: &Database) {
    let exits = runner(db, vec![Arc::new(CertificatesProjector)])
        .catch_up()
        .await;
    assert_eq!(
        exits,
        [ProjectorExit::CaughtUp {
            name: "certificates"
        }]
    );
}

pub(crate) async fn status(db: &Database, name: &str) -> ProjectorStatus {
    let mut all = projector_status(db, &[name]).await.expect("status");
    all.remove(0)
}

pub(crate) fn certificate_events(log: &[RecordedEvent]) -> Vec<&RecordedEvent> {
    log.iter()
        .filter(|e| e.event_type == "CertificateIssued")
        .collect()
}

fn is_certificate(event: &RecordedEvent) -> bool {
    event.event_type == "CertificateIssued"
}

/// Behaves as `certificates`, but the `fail_at`-th certificate it applies panics, once.
#[derive(Debug)]
pub(crate) struct PanicsOnce {
    nth: Nth,
    pub fired: AtomicBool,
}

impl PanicsOnce {
    pub(crate) fn at(fail_at: usize) -> Arc<Faulty<CertificatesProjector, Self>> {
        let fault = Self {
            nth: Nth::new(fail_at),
            fired: AtomicBool::new(false),
        };
        Faulty::new(CertificatesProjector, fault)
    }
}

#[async_trait]
impl Fault for PanicsOnce {
    async fn after_apply(&self, _: &str, event: &RecordedEvent) -> Result<(), LogError> {
        if is_certificate(event)
            && self.nth.is_reached()
            && !self.fired.swap(true, Ordering::SeqCst)
        {
            panic!("crash in the middle of a batch");
        }
        Ok(())
    }
}

/// Behaves as `certificates` until its `block_at`-th certificate, where it hangs.
pub(crate) fn hangs_at(block_at: usize) -> Arc<Faulty<CertificatesProjector, HangsAt>> {
    Faulty::new(
        CertificatesProjector,
        HangsAt::new(block_at, is_certificate),
    )
}

/// Refuses every certificate: a projector with a bug that no retry fixes.
#[derive(Debug)]
pub(crate) struct RefusesCertificates;

#[async_trait]
impl SqlProjector for RefusesCertificates {
    fn name(&self) -> &'static str {
        "refuses-certificates"
    }
    fn version(&self) -> u32 {
        1
    }
    async fn apply(
        &self,
        _: &mut ProjectorTx<'_>,
        _: i64,
        event: &RecordedEvent,
    ) -> Result<(), LogError> {
        if event.event_type == "CertificateIssued" {
            return Err(LogError::Projector {
                projector: self.name().to_owned(),
                reason: "cannot file this certificate".to_owned(),
            });
        }
        Ok(())
    }
    async fn drop_generation(&self, _: &Database, _: i64) -> Result<(), LogError> {
        Ok(())
    }
}

/// Catches up after a killed runner: the server frees a killed session's advisory lock once it
/// sees its connection close, which may take a moment on PostgreSQL.
pub(crate) async fn restart(
    db: &Database,
    projectors: Vec<Arc<dyn SqlProjector>>,
) -> Vec<ProjectorExit> {
    for _ in 0..100 {
        let exits = runner(db, projectors.clone()).catch_up().await;
        if !exits
            .iter()
            .any(|e| matches!(e, ProjectorExit::LockedElsewhere { .. }))
        {
            return exits;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the killed runner's lock was never released");
}
