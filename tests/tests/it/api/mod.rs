//! The HTTP platform: errors, input limits, tokens, metrics, the OpenAPI document.

mod api_errors;
mod api_input_limits;
mod api_metrics;
mod api_openapi;
mod api_raw_http;
pub(crate) mod api_tokens;
mod api_tokens_experts;
mod api_tokens_legacy;
mod api_tokens_throttle;
