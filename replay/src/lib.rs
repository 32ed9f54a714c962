//! Replay engine, indicators and the final monitoring report.
//!
//! Reserved by the architecture for issue 5; it holds no code yet. Everything it will need
//! from the log — the gap-safe global order and each event's envelope — is in
//! `ruta-projections` ([`ruta_projections::GlobalLog`]).
