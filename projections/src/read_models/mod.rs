//! SQL read models kept by the projector runtime.

mod certificates;

pub use certificates::CertificatesProjector;

use std::sync::Arc;

use crate::runtime::SqlProjector;

/// Every read model `ruta serve` keeps up to date.
pub fn all() -> Vec<Arc<dyn SqlProjector>> {
    vec![Arc::new(CertificatesProjector)]
}
