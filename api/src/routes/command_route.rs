//! `command_route!`: declares a route handler that only extracts a command and sends it, with
//! its `utoipa::path` annotation. Most command routes are exactly that, and written out each was
//! fourteen lines of the same shape; what differs between them (method, path, tag, payload,
//! command, answer) is what an invocation says. Routes that do more (an id in the body, a
//! generated sub-resource id, an anonymous caller) stay written out.
//!
//! ```text
//! command_route! {
//!     /// Create a course (draft).
//!     create "/api/v1/courses", tag "courses", fn create(CreateCourse) => CreateCourse
//! }
//! command_route! {
//!     /// Publish a draft course.
//!     post "/api/v1/courses/{id}/publish", tag "courses", id "The course's id",
//!     fn publish => PublishCourse
//! }
//! ```
//!
//! - `create PATH`: a POST to a collection; the command's target is a fresh id; 201 with
//!   `Location: PATH/{id}`. A trailing `, NotFound` declares the 404 of a command that looks
//!   up another resource.
//! - `METHOD PATH … id "…"`: a command on the resource `{id}` of the path; 200, or 201 (without
//!   `Location`) with a trailing `, 201` for a command that adds to the resource.
//! - `fn name(Payload)`: the request body is the command's payload; `fn name` takes none.

macro_rules! command_route {
    ($(#[$doc:meta])* create $path:tt, tag $tag:tt,
     fn $name:ident($body:ident) => $variant:ident $(, $not_found:ident)?) => {
        $(#[$doc])*
        #[utoipa::path(post, path = $path, tag = $tag,
            params($crate::openapi::CommandHeaders),
            request_body = $body, security(("bearer" = [])),
            responses((status = 201, body = $crate::routes::CommandResponse),
                $crate::openapi::responses::CommandErrors,
                $crate::openapi::responses::JsonBodyErrors $(, $not_found)?))]
        pub(crate) async fn $name(
            axum::extract::State(state): axum::extract::State<$crate::state::AppState>,
            meta: $crate::extract::CommandMeta,
            $crate::extract::JsonBody(body): $crate::extract::JsonBody<$body>,
        ) -> $crate::problem::ApiResult<axum::response::Response> {
            let id = uuid::Uuid::new_v4().to_string();
            let command = ruta_commands::app::AppCommand::$variant(body);
            let outcome = $crate::routes::send(&state, &meta, &id, command).await?;
            Ok($crate::routes::CommandResponse::created(outcome, $path))
        }
    };
    ($(#[$doc:meta])* $method:ident $path:tt, tag $tag:tt, id $id:tt,
     fn $name:ident => $variant:ident) => {
        $(#[$doc])*
        #[utoipa::path($method, path = $path, tag = $tag,
            params(("id" = String, Path, description = $id), $crate::openapi::CommandHeaders),
            security(("bearer" = [])),
            responses((status = 200, body = $crate::routes::CommandResponse),
                $crate::openapi::responses::CommandErrors,
                $crate::openapi::responses::NotFound))]
        pub(crate) async fn $name(
            axum::extract::State(state): axum::extract::State<$crate::state::AppState>,
            meta: $crate::extract::CommandMeta,
            axum::extract::Path(id): axum::extract::Path<String>,
        ) -> $crate::problem::ApiResult<axum::response::Response> {
            let command = ruta_commands::app::AppCommand::$variant;
            let outcome = $crate::routes::send(&state, &meta, &id, command).await?;
            Ok($crate::routes::CommandResponse::ok(outcome))
        }
    };
    ($(#[$doc:meta])* $method:ident $path:tt, tag $tag:tt, id $id:tt,
     fn $name:ident($body:ident) => $variant:ident, 201) => {
        command_route!(@with_body [$(#[$doc])*] $method $path, $tag, $id, $name, $body,
            $variant, 201, CREATED);
    };
    ($(#[$doc:meta])* $method:ident $path:tt, tag $tag:tt, id $id:tt,
     fn $name:ident($body:ident) => $variant:ident) => {
        command_route!(@with_body [$(#[$doc])*] $method $path, $tag, $id, $name, $body,
            $variant, 200, OK);
    };
    (@with_body [$(#[$doc:meta])*] $method:ident $path:tt, $tag:tt, $id:tt, $name:ident,
     $body:ident, $variant:ident, $code:tt, $status:ident) => {
        $(#[$doc])*
        #[utoipa::path($method, path = $path, tag = $tag,
            params(("id" = String, Path, description = $id), $crate::openapi::CommandHeaders),
            request_body = $body, security(("bearer" = [])),
            responses((status = $code, body = $crate::routes::CommandResponse),
                $crate::openapi::responses::CommandErrors,
                $crate::openapi::responses::JsonBodyErrors,
                $crate::openapi::responses::NotFound))]
        pub(crate) async fn $name(
            axum::extract::State(state): axum::extract::State<$crate::state::AppState>,
            meta: $crate::extract::CommandMeta,
            axum::extract::Path(id): axum::extract::Path<String>,
            $crate::extract::JsonBody(body): $crate::extract::JsonBody<$body>,
        ) -> $crate::problem::ApiResult<axum::response::Response> {
            let command = ruta_commands::app::AppCommand::$variant(body);
            let outcome = $crate::routes::send(&state, &meta, &id, command).await?;
            let status = axum::http::StatusCode::$status;
            Ok($crate::routes::CommandResponse::respond(outcome, status, None))
        }
    };
}
