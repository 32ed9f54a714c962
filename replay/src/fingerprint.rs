//! Which history a report was computed from.
//!
//! The hash is SHA-256 over, for each event counted and in log order, one line of canonical
//! JSON (keys sorted at every level, no spaces) holding the event's identity
//! (`aggregate_type`, `aggregate_id`, `sequence`), `event_type`, `event_version`, `payload`,
//! `occurred_at` and `recorded_at`, followed by `\n`. Global positions and transaction ids are
//! left out: they are where the store put the event, not what happened.
//!
//! The chain head is SHA-256 over the stored chain hashes (`ruta_store::chain`) of the same
//! events, in the same order, each as its 64 hex characters. Each chain hash covers its
//! event's stream history back to the stream's first event, so two reports with the same head
//! were computed from the same untouched histories — which `ruta verify` proves of the log.

use ruta_store::chain::write_canonical;
use ruta_store::log::RecordedEvent;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The fingerprint printed at the end of every report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fingerprint {
    /// Events within the cut-offs (those fed to the indicators and hashed).
    pub events_counted: u64,
    /// Global position of the last event counted (0 when none).
    pub last_position: i64,
    /// Lower-case hex SHA-256 (see the module documentation).
    pub hash: String,
    /// Lower-case hex SHA-256 of the counted events' chain hashes (see the module
    /// documentation).
    pub chain_head: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct FingerprintBuilder {
    hasher: Sha256,
    chain: Sha256,
    counted: u64,
    last_position: i64,
    line: Vec<u8>,
}

impl FingerprintBuilder {
    pub(crate) fn add(&mut self, event: &RecordedEvent) {
        self.counted += 1;
        self.last_position = event.checkpoint.position;
        let identity = serde_json::json!({
            "aggregate_id": event.aggregate_id,
            "aggregate_type": event.aggregate_type,
            "event_type": event.event_type,
            "event_version": event.event_version,
            "occurred_at": event.metadata.occurred_at,
            "payload": event.payload,
            "recorded_at": event.metadata.recorded_at,
            "sequence": event.sequence,
        });
        self.line.clear();
        write_canonical(&identity, &mut self.line);
        self.line.push(b'\n');
        self.hasher.update(&self.line);
        self.chain
            .update(event.chain_hash.as_deref().unwrap_or_default().as_bytes());
    }

    pub(crate) fn finish(self) -> Fingerprint {
        Fingerprint {
            events_counted: self.counted,
            last_position: self.last_position,
            hash: hex::encode(self.hasher.finalize()),
            chain_head: hex::encode(self.chain.finalize()),
        }
    }
}
