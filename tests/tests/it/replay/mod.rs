//! Replay, the report and the demo.

mod demo;
pub(crate) mod demo_figures;
pub(crate) mod demo_report;
mod export;
mod replay_definitions;
mod replay_report;
mod report_escaping;
pub(crate) mod report_http;
