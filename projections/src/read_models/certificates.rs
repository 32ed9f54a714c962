//! `certificate_register`: one row per issued certificate, from `CertificateIssued`.
//!
//! Verification does not use it (a code is valid exactly when the event exists, answered from
//! the log): this table is for lists and reports that would otherwise scan the log.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use ruta_domain::learning::enrolment::{Enrolment, EnrolmentEvent};

use ruta_store::Database;

use crate::runtime::{ProjectorTx, SqlProjector};

use crate::{with_tx, LogError};
use ruta_store::log::RecordedEvent;

// A plain INSERT, not an upsert: the runtime applies each event once, so a duplicate code
// would be a bug worth failing on rather than hiding.
const INSERT: &str = "INSERT INTO certificate_register
    (code, participant_id, course_id, enrolment_id, score, issued_at, position, generation)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const DROP_GENERATION: &str = "DELETE FROM certificate_register WHERE generation = $1";

#[derive(Debug, Clone, Copy, Default)]
pub struct CertificatesProjector;

#[async_trait]
impl SqlProjector for CertificatesProjector {
    fn name(&self) -> &'static str {
        "certificates"
    }

    fn version(&self) -> u32 {
        1
    }

    async fn apply(
        &self,
        tx: &mut ProjectorTx<'_>,
        generation: i64,
        event: &RecordedEvent,
    ) -> Result<(), LogError> {
        let position = event.checkpoint.position;
        let corrupt = |reason: String| LogError::Corrupt { position, reason };
        let Some(EnrolmentEvent::CertificateIssued {
            participant_id,
            course_id,
            verification_code,
            score,
        }) = event.decode::<Enrolment>()?
        else {
            return Ok(());
        };
        let issued_at: DateTime<Utc> = DateTime::parse_from_rfc3339(&event.metadata.occurred_at)
            .map_err(|e| corrupt(format!("occurred_at: {e}")))?
            .with_timezone(&Utc);
        with_tx!(tx, conn => {
            sqlx::query(INSERT)
                .bind(&verification_code)
                .bind(&participant_id)
                .bind(&course_id)
                .bind(&event.aggregate_id)
                .bind(i64::from(score))
                .bind(issued_at)
                .bind(position)
                .bind(generation)
                .execute(conn)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    async fn drop_generation(&self, db: &Database, generation: i64) -> Result<(), LogError> {
        ruta_store::with_write_pool!(db, pool => {
            sqlx::query(DROP_GENERATION).bind(generation).execute(pool).await.map(|_| ())
        })?;
        Ok(())
    }
}
