//! Courses: staff create and publish them; anyone reads the published ones.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use ruta_domain::learning::course::{Course, CourseStatus, CreateCourse, UpdateCourseContent};
use ruta_domain::values::{LocalizedText, Topic};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{list_views, read_view, require, STAFF};
use crate::extract::{MaybeCaller, QueryParams};
use crate::openapi::responses::{Invalid, NotFound, OptionalCredential, Restricted};
use crate::problem::{ApiError, ApiResult};
use crate::state::AppState;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/courses", post(create).get(list))
        .route("/courses/{id}", get(read).patch(update))
        .route("/courses/{id}/publish", post(publish))
        .route("/courses/{id}/retire", post(retire))
}

#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CourseView {
    pub id: String,
    pub status: CourseStatus,
    pub titles: LocalizedText,
    pub descriptions: LocalizedText,
    pub topic: Topic,
    pub hours: u16,
    pub pass_mark: u8,
    pub max_exam_attempts: u8,
}

fn view(id: String, course: Course) -> Option<CourseView> {
    let c = course.content?;
    Some(CourseView {
        id,
        status: course.status,
        titles: c.titles,
        descriptions: c.descriptions,
        topic: c.topic,
        hours: c.hours,
        pass_mark: c.pass_mark,
        max_exam_attempts: c.max_exam_attempts,
    })
}

command_route! {
    /// Create a course (draft).
    create "/api/v1/courses", tag "courses",
    fn create(CreateCourse) => CreateCourse
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// `published` (default, public), or for staff `draft`, `retired`, `all`.
    #[param(pattern = "^(published|draft|retired|all)$")]
    pub status: Option<String>,
}

/// List courses. Search with filters and facets comes with the catalogue projection.
#[utoipa::path(get, path = "/api/v1/courses", tag = "courses",
    params(ListQuery),
    security((), ("bearer" = [])),
    responses((status = 200, body = [CourseView]), Restricted, Invalid))]
pub(crate) async fn list(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    QueryParams(query): QueryParams<ListQuery>,
) -> ApiResult<Json<Vec<CourseView>>> {
    let wanted = match query.status.as_deref().unwrap_or("published") {
        "published" => Some(CourseStatus::Published),
        "draft" => Some(CourseStatus::Draft),
        "retired" => Some(CourseStatus::Retired),
        "all" => None,
        _ => {
            return Err(ApiError::validation(
                "status",
                "status: one of published, draft, retired, all",
            ))
        }
    };
    if wanted != Some(CourseStatus::Published) {
        let caller = caller
            .ok_or_else(|| ApiError::unauthorized("only staff may list unpublished courses"))?;
        require(&caller, STAFF)?;
    }
    let views = list_views(&state, |id, course: Course| {
        if wanted.is_none_or(|s| s == course.status) {
            view(id, course)
        } else {
            None
        }
    });
    Ok(Json(views.await?))
}

/// Read a course. Drafts and retired courses are visible to staff only.
#[utoipa::path(get, path = "/api/v1/courses/{id}", tag = "courses",
    params(("id" = String, Path, description = "The course's id")),
    security((), ("bearer" = [])),
    responses((status = 200, body = CourseView), OptionalCredential, NotFound))]
pub(crate) async fn read(
    State(state): State<AppState>,
    MaybeCaller(caller): MaybeCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<CourseView>> {
    let is_staff = caller.is_some_and(|c| c.is(STAFF));
    read_view(&state, id, "course", |id, course: Course| {
        if course.status == CourseStatus::Published || is_staff {
            view(id, course)
        } else {
            None
        }
    })
    .await
}

command_route! {
    /// Update a course's content; unchanged content appends nothing.
    patch "/api/v1/courses/{id}", tag "courses", id "The course's id",
    fn update(UpdateCourseContent) => UpdateCourseContent
}

command_route! {
    /// Publish a draft course.
    post "/api/v1/courses/{id}/publish", tag "courses", id "The course's id",
    fn publish => PublishCourse
}

command_route! {
    /// Retire a course: no new enrolments; existing ones keep their exam rules.
    post "/api/v1/courses/{id}/retire", tag "courses", id "The course's id",
    fn retire => RetireCourse
}
