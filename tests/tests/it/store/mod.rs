//! The log: store contract, global reader, business time, imports.

mod business_time;
mod custody;
mod global_log;
pub(crate) mod import;
mod import_batches;
mod integrity;
mod log_horizon;
mod store_contract;
mod vocabulary;
mod write_load;
