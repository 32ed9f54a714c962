//! The final monitoring report, regenerated from the log on every request.

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::{DateTime, NaiveDate, Utc};
use ruta_replay::report::{self, Format, Lang, ReportOptions};
use ruta_replay::{builtin, Period, ReplayError};
use serde::Deserialize;
use utoipa::IntoParams;

use super::require;
use crate::auth::Caller;
use crate::extract::QueryParams;
use crate::openapi::responses::{Invalid, Restricted};
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

use ruta_commands::policy::REPORT_READERS;

pub(crate) fn router() -> Router<AppState> {
    Router::new().route("/reports/final", get(final_report))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct FinalReportQuery {
    /// Business-time cut-off, `YYYY-MM-DD`: events that occurred on or before that day (UTC).
    #[param(format = Date)]
    pub as_of: Option<String>,
    /// Recorded-time cut-off, RFC 3339: the log as it was known at that instant.
    #[param(format = DateTime)]
    pub known_at: Option<String>,
    /// `json` (default), `md`, `csv` or `html`.
    #[param(pattern = "^(json|md|markdown|csv|html)$")]
    pub format: Option<String>,
    /// `es`, `pt` or `en` (default).
    #[param(pattern = "^(es|pt|en)$")]
    pub lang: Option<String>,
    /// Period breakdown: `year` (default), `quarter` or `none`.
    #[param(pattern = "^(year|quarter|none|whole)$")]
    pub period: Option<String>,
}

fn parsed<T: std::str::FromStr>(field: &str, value: Option<&str>, default: T) -> ApiResult<T>
where
    T::Err: std::fmt::Display,
{
    match value {
        None => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|e| ApiError::validation(field, format!("{field}: {e}"))),
    }
}

fn options(query: &FinalReportQuery) -> ApiResult<(ReportOptions, Format)> {
    let as_of = query
        .as_of
        .as_deref()
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| ApiError::validation("as_of", "as_of: expected a date YYYY-MM-DD"))
        })
        .transpose()?;
    let known_at = query
        .known_at
        .as_deref()
        .map(|t| {
            t.parse::<DateTime<Utc>>().map_err(|_| {
                ApiError::validation("known_at", "known_at: expected an RFC 3339 date and time")
            })
        })
        .transpose()?;
    let format = parsed("format", query.format.as_deref(), Format::Json)?;
    let lang = parsed("lang", query.lang.as_deref(), Lang::En)?;
    let period = parsed("period", query.period.as_deref(), Period::Year)?;
    let targets = report::parse_targets(report::SAMPLE_TARGETS, &builtin::codes())
        .map_err(ApiError::internal)?;
    let options = ReportOptions {
        as_of,
        known_at,
        lang,
        period,
        targets,
        progress: false,
    };
    Ok((options, format))
}

/// The final monitoring report, replayed from the log: every built-in indicator with baseline,
/// target (the programme's sample targets), achieved value, effectiveness and breakdowns, and
/// the fingerprint of the events it counted. Same log and parameters, same bytes.
#[utoipa::path(get, path = "/api/v1/reports/final", tag = "reports",
    params(FinalReportQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "the report in the requested format"), Restricted, Invalid))]
pub(crate) async fn final_report(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(query): QueryParams<FinalReportQuery>,
) -> ApiResult<Response> {
    require(&caller, REPORT_READERS)?;
    let (options, format) = options(&query)?;
    let report = report::final_report(&state.db, &options)
        .await
        .map_err(replay_error)?;
    let body = report::render(&report, format).map_err(replay_error)?;
    let mut response = ([(CONTENT_TYPE, format.content_type())], body).into_response();
    if format == Format::Html {
        // Inline styles and the inline SVG charts render; nothing is fetched, run or framed.
        response.headers_mut().insert(
            axum::http::header::CONTENT_SECURITY_POLICY,
            axum::http::HeaderValue::from_static(HTML_REPORT_CSP),
        );
    }
    Ok(response)
}

/// The HTML report's policy: its own inline styles and inline SVG, nothing else.
pub(crate) const HTML_REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; \
     img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn replay_error(error: ReplayError) -> ApiError {
    ApiError::internal(error)
}
