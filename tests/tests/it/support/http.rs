//! Small HTTP helpers shared by the end-to-end tests (`api_*.rs`): a compact request form,
//! registering a participant and getting their token, checking a raw answer is a given
//! problem, reading a journey's event types.
//!
//! A request is built on the [`TestApp`] with [`TestApp::get`], [`TestApp::post`] or
//! [`TestApp::req`] (path, bearer token, JSON body) and sent by awaiting one finishing call
//! on the [`Call`], which says what the answer must be:
//!
//! ```ignore
//! let body = app.post("/api/v1/mentors", staff, mentor).created().await;
//! app.get(&mentorship, ana).forbidden().await;
//! app.post(&accept, lucia, None).rule("mentor_at_capacity").await;
//! ```

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use serde_json::{json, Value};

use crate::support::{event_count, registration_json, TestApp};

/// One request to the app under test, built by [`TestApp::get`], [`TestApp::post`] or
/// [`TestApp::req`]. Nothing is sent until one of its finishing calls is awaited: [`send`]
/// (no check), [`expect`] / [`ok`] / [`created`] / [`succeeds`] (the status), or [`refused`]
/// / [`forbidden`] / [`not_found`] / [`invalid`] / [`rule`] (a refusal that appends nothing).
/// Every checking call returns the JSON answer.
///
/// [`send`]: Call::send
/// [`expect`]: Call::expect
/// [`ok`]: Call::ok
/// [`created`]: Call::created
/// [`succeeds`]: Call::succeeds
/// [`refused`]: Call::refused
/// [`forbidden`]: Call::forbidden
/// [`not_found`]: Call::not_found
/// [`invalid`]: Call::invalid
/// [`rule`]: Call::rule
#[must_use = "a request is sent only when a finishing call is awaited"]
pub(crate) struct Call<'a> {
    app: &'a TestApp,
    method: Method,
    path: String,
    token: Option<&'a str>,
    body: Option<Value>,
}

impl TestApp {
    /// `GET path` with the bearer `token` (`None`: anonymous).
    pub(crate) fn get<'a>(&'a self, path: impl AsRef<str>, token: Option<&'a str>) -> Call<'a> {
        self.req(Method::GET, path, token, None)
    }

    /// `POST path` with the bearer `token` (`None`: anonymous) and `body` as JSON (a
    /// [`Value`], or `None`: no body).
    pub(crate) fn post<'a>(
        &'a self,
        path: impl AsRef<str>,
        token: Option<&'a str>,
        body: impl Into<Option<Value>>,
    ) -> Call<'a> {
        self.req(Method::POST, path, token, body)
    }

    /// A request with any `method`; otherwise as [`TestApp::post`].
    pub(crate) fn req<'a>(
        &'a self,
        method: Method,
        path: impl AsRef<str>,
        token: Option<&'a str>,
        body: impl Into<Option<Value>>,
    ) -> Call<'a> {
        Call {
            app: self,
            method,
            path: path.as_ref().to_owned(),
            token,
            body: body.into(),
        }
    }
}

impl Call<'_> {
    /// Sends the request and checks nothing: status, headers and the JSON answer (a body that
    /// is not JSON comes as a string), as [`TestApp::send`].
    pub(crate) async fn send(self) -> (StatusCode, HeaderMap, Value) {
        let Call {
            app,
            method,
            path,
            token,
            body,
        } = self;
        app.send(method, &path, token, body).await
    }

    /// Asserts exactly `status`; a refusal (not 2xx) must also be `application/problem+json`.
    /// Returns the JSON answer.
    pub(crate) async fn expect(self, status: StatusCode) -> Value {
        let what = format!("{} {}", self.method, self.path);
        let (got, headers, answer) = self.send().await;
        assert_eq!(got, status, "{what}: {answer}");
        if !got.is_success() {
            assert_eq!(headers["content-type"], "application/problem+json");
        }
        answer
    }

    /// [`Call::expect`] `200 OK`.
    pub(crate) async fn ok(self) -> Value {
        self.expect(StatusCode::OK).await
    }

    /// [`Call::expect`] `201 Created`.
    pub(crate) async fn created(self) -> Value {
        self.expect(StatusCode::CREATED).await
    }

    /// Asserts any 2xx status; returns the JSON answer.
    pub(crate) async fn succeeds(self) -> Value {
        let path = self.path.clone();
        let (status, _, answer) = self.send().await;
        assert!(status.is_success(), "{path}: {status} {answer}");
        answer
    }

    /// Asserts a refusal: exactly `status`, an `application/problem+json` document of type
    /// `urn:ruta:problem:<slug>`, and nothing appended to the log. Returns the problem.
    pub(crate) async fn refused(self, status: StatusCode, slug: &str) -> Value {
        let (app, path) = (self.app, self.path.clone());
        let before = event_count(&app.db).await;
        let answer = self.expect(status).await;
        assert_eq!(answer["type"], format!("urn:ruta:problem:{slug}"), "{path}");
        assert_eq!(
            event_count(&app.db).await,
            before,
            "{path}: nothing appended"
        );
        answer
    }

    /// [`Call::refused`] with `403 Forbidden`, problem `forbidden`.
    pub(crate) async fn forbidden(self) -> Value {
        self.refused(StatusCode::FORBIDDEN, "forbidden").await
    }

    /// [`Call::refused`] with `404 Not Found`, problem `not-found`.
    pub(crate) async fn not_found(self) -> Value {
        self.refused(StatusCode::NOT_FOUND, "not-found").await
    }

    /// [`Call::refused`] with `422`, problem `validation` naming `field`.
    pub(crate) async fn invalid(self, field: &str) -> Value {
        self.unprocessable("validation", ("field", field)).await
    }

    /// [`Call::refused`] with `422`, problem `rule-broken` naming `rule`.
    pub(crate) async fn rule(self, rule: &str) -> Value {
        self.unprocessable("rule-broken", ("rule", rule)).await
    }

    /// [`Call::refused`] with `422` and problem `slug`, whose member `key` is `value`.
    async fn unprocessable(self, slug: &str, (key, value): (&str, &str)) -> Value {
        let path = self.path.clone();
        let answer = self.refused(StatusCode::UNPROCESSABLE_ENTITY, slug).await;
        assert_eq!(answer[key], value, "{path}: {answer}");
        answer
    }
}

/// Registers a participant through the API (as staff), then issues them a participant token
/// through `POST /tokens`; returns their id and the token.
pub(crate) async fn register_participant(app: &TestApp, name: &str) -> (String, String) {
    let staff = Some(app.staff_token.as_str());
    let registration = registration_json(name);
    let created = app
        .post("/api/v1/participants", staff, registration)
        .created()
        .await;
    let id = created["aggregate_id"].as_str().expect("id").to_owned();
    let grant = json!({"role": "participant", "subject": id});
    let token = app.post("/api/v1/tokens", staff, grant).created().await;
    (id, token["token"].as_str().expect("token").to_owned())
}

/// The id of the aggregate a command answer (`201 Created`) names.
pub(crate) fn created_id(answer: &Value) -> String {
    answer["aggregate_id"].as_str().expect("id").to_owned()
}

/// A bearer token for `subject` acting as `role`, created directly in the store.
pub(crate) async fn token_for(app: &TestApp, role: Role, subject: &str) -> String {
    ruta_api::auth::create_token(&app.db, role, Some(subject), None)
        .await
        .expect("token")
}

/// Asserts an answer from [`TestApp::send`] is a problem document: `status`, the `type` slug
/// and, if given, the `rule` or `field` it names (`("rule", "…")`).
#[track_caller]
pub(crate) fn assert_problem(
    answer: &(StatusCode, HeaderMap, Value),
    status: StatusCode,
    slug: &str,
    code: Option<(&str, &str)>,
) {
    let (got, headers, body) = answer;
    assert_eq!(*got, status, "{body}");
    assert_eq!(headers["content-type"], "application/problem+json");
    assert_eq!(body["type"], format!("urn:ruta:problem:{slug}"), "{body}");
    if let Some((key, value)) = code {
        assert_eq!(body[key], value, "{body}");
    }
}

/// The event types of a participant's journey in log order, read as staff.
pub(crate) async fn journey_event_types(app: &TestApp, participant: &str) -> Vec<String> {
    let path = format!("/api/v1/participants/{participant}/journey");
    let body = app.get(&path, Some(&app.staff_token)).ok().await;
    body["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["event_type"].as_str().map(str::to_owned))
        .collect()
}
