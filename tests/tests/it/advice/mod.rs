//! Expert advice: experts, advice groups and requests.

mod api_advice;
mod api_advice_import;
