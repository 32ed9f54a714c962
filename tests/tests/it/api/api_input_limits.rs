//! Hostile input through the real router, the batch endpoint and the import: NUL, ids
//! outside the grammar, control characters, implausible dates, undecodable URIs. Each is a
//! 4xx problem document (or a rejected item) and appends nothing.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::businesses::api_businesses::{business_json, create_business};
use crate::mentoring::api_mentoring::mentor_json;
use crate::on_both_backends;
use crate::support::http::{assert_problem, register_participant};
use crate::support::{event_count, registration_json, spawn_app, TestDb};

const HOSTILE_IDS: &[&str] = &[
    "'; DROP TABLE events;--",
    "../../etc/passwd",
    "Ñandú💥",
    "a\u{0}b",
    "",
    ".hidden",
];

/// Percent-encodes every byte that is not unreserved, so the server sees the id as sent.
fn encoded(id: &str) -> String {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn it_refuses_nul_anywhere(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    // Reads, also anonymous ones: nothing has such an id (it used to be a 500 on PostgreSQL).
    for path in [
        "/api/v1/courses/a%00b",
        "/api/v1/certificates/a%00b",
        "/api/v1/listings/a%00b",
        "/api/v1/programme-events/a%00b",
        "/api/v1/participants/a%00b/journey",
    ] {
        app.get(path, None).not_found().await;
        app.get(path, staff).not_found().await;
    }
    // An anonymous order and a registration carrying NUL in their JSON strings.
    let order = json!({"listing_id": "a\u{0}b", "quantity": 1,
        "buyer": {"type": "anonymous", "name": "Ana", "email": "ana@example.es"}});
    app.post("/api/v1/orders", None, order)
        .invalid("listing_id")
        .await;
    let ana = registration_json("Ana\u{0}Pérez");
    app.post("/api/v1/participants", staff, ana)
        .invalid("name")
        .await;
    // In the query string too.
    app.get("/api/v1/search/courses?q=a%00b", None)
        .refused(StatusCode::UNPROCESSABLE_ENTITY, "validation")
        .await;
    assert_eq!(
        event_count(&app.db).await,
        0,
        "nothing stored on any backend"
    );
}

on_both_backends!(it_refuses_nul_anywhere);

async fn it_refuses_ids_outside_the_grammar(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    for id in HOSTILE_IDS {
        let answer = app
            .post("/api/v1/mentors", staff, mentor_json(id, 2))
            .refused(StatusCode::UNPROCESSABLE_ENTITY, "validation")
            .await;
        assert_eq!(answer["field"], "mentor_id", "{id:?}: {answer}");
        if !id.is_empty() {
            let path = format!("/api/v1/participants/{}", encoded(id));
            app.get(&path, staff).not_found().await;
            let path = format!("/api/v1/courses/{}/publish", encoded(id));
            app.post(&path, staff, None).not_found().await;
        }
    }
    // Body ids that name other aggregates, inside lists too.
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let before = event_count(&app.db).await;
    let business = business_json(&[&ana, "../../etc/passwd"], "ES");
    let (status, _, answer) = app
        .post("/api/v1/businesses", Some(&ana_token), business)
        .send()
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["field"], "founder_ids[1]", "{answer}");
    assert_eq!(event_count(&app.db).await, before);

    // A batch: each hostile id is refused on its own line, the good item is applied.
    let mut command = registration_json("Bea Costa");
    command["type"] = json!("RegisterParticipant");
    let mut items: Vec<Value> = HOSTILE_IDS
        .iter()
        .map(|id| json!({"aggregate_id": id, "command": command}))
        .collect();
    items.push(json!({"aggregate_id": "batch-p1", "command": command}));
    let batch = json!({ "commands": items });
    let answer = app.post("/api/v1/commands:batch", staff, batch).ok().await;
    let results = answer["results"].as_array().expect("results");
    for result in &results[..HOSTILE_IDS.len()] {
        assert_eq!(result["status"], "rejected", "{answer}");
        assert!(
            result["reason"]
                .as_str()
                .is_some_and(|r| r.contains("aggregate_id")),
            "{result}"
        );
    }
    assert_eq!(results[HOSTILE_IDS.len()]["status"], "applied", "{answer}");
    assert_eq!(event_count(&app.db).await, before + 1);

    // The import file goes through the same command layer.
    let executor = ruta_commands::Executor::new(app.db.clone());
    for id in HOSTILE_IDS {
        let line = json!({"command_id": format!("imp-{}", id.len()), "aggregate_id": id,
            "actor": "staff-1", "role": "staff", "occurred_at": "2014-01-02T09:00:00Z",
            "command": command});
        match ruta_commands::import::apply_text(&executor, &line.to_string()).await {
            ruta_commands::import::LineResult::Rejected(error) => {
                let reason = ruta_commands::import::describe(&error);
                assert!(reason.contains("aggregate_id"), "{id:?}: {reason}");
            }
            other => panic!("{id:?} was not rejected: {other:?}"),
        }
    }
    assert_eq!(event_count(&app.db).await, before + 1);
}

on_both_backends!(it_refuses_ids_outside_the_grammar);

async fn it_refuses_control_characters_in_texts(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let red = registration_json("A\u{1b}[31mred\u{7}");
    app.post("/api/v1/participants", staff, red)
        .invalid("name")
        .await;
    // A short text takes no line break; a long free text takes newline and tab only.
    let mut course = crate::support::course_json();
    course["titles"]["es"] = json!("Contabilidad\nbásica");
    let courses = "/api/v1/courses";
    app.post(courses, staff, course.clone())
        .invalid("titles.es")
        .await;
    course["titles"]["es"] = json!("Contabilidad básica");
    course["descriptions"]["es"] = json!("Las cuentas\r\nde tu negocio");
    app.post(courses, staff, course.clone())
        .invalid("descriptions.es")
        .await;
    course["descriptions"]["es"] = json!("Las cuentas\nde tu negocio:\tingresos y gastos");
    app.post(courses, staff, course).created().await;
}

on_both_backends!(it_refuses_control_characters_in_texts);

async fn it_refuses_implausible_dates(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = app.staff_token.clone();
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let in_a_week = (chrono::Utc::now() + chrono::Duration::days(7))
        .date_naive()
        .to_string();
    let before = event_count(&app.db).await;
    for founded_on in [
        "+10000-01-01",
        "0000-01-01",
        "1899-12-31",
        "15-01-01",
        "2101-01-01",
        in_a_week.as_str(),
    ] {
        let mut body = business_json(&[&ana], "ES");
        body["founded_on"] = json!(founded_on);
        let answer = app
            .post("/api/v1/businesses", Some(&ana_token), body)
            .refused(StatusCode::UNPROCESSABLE_ENTITY, "validation")
            .await;
        assert_eq!(answer["field"], "founded_on", "{founded_on}: {answer}");
    }
    assert_eq!(event_count(&app.db).await, before);
    let business = create_business(&app, &ana_token, business_json(&[&ana], "ES")).await;
    let jobs = format!("/api/v1/businesses/{business}/jobs");
    for on in ["9999-12-31", in_a_week.as_str()] {
        let body = json!({"direct": 3, "indirect": 0, "on": on});
        let answer = app
            .post(&jobs, Some(&ana_token), body)
            .refused(StatusCode::UNPROCESSABLE_ENTITY, "validation")
            .await;
        assert_eq!(answer["field"], "on", "{on}: {answer}");
    }
    // A scheduled date may lie ahead, within the plausible years.
    let mut event = crate::events::api_events::event_json();
    event["date"] = json!(in_a_week);
    let events = "/api/v1/programme-events";
    app.post(events, Some(&staff), event.clone())
        .created()
        .await;
    event["date"] = json!("2101-01-01");
    app.post(events, Some(&staff), event).invalid("date").await;
    // A business time far ahead of its recording, in a batch item.
    let mut command = registration_json("Bea Costa");
    command["type"] = json!("RegisterParticipant");
    let before = event_count(&app.db).await;
    let batch = json!({"commands": [
        {"aggregate_id": "future-p1", "command": command, "occurred_at": "2999-01-01T00:00:00Z"},
        {"aggregate_id": "past-p1", "command": command, "occurred_at": "1850-01-01T00:00:00Z"},
    ]});
    let answer = app
        .post("/api/v1/commands:batch", Some(&staff), batch)
        .ok()
        .await;
    for result in answer["results"].as_array().expect("results") {
        assert_eq!(result["status"], "rejected", "{answer}");
        assert!(result["reason"]
            .as_str()
            .is_some_and(|r| r.contains("occurred_at")));
    }
    assert_eq!(event_count(&app.db).await, before);
}

on_both_backends!(it_refuses_implausible_dates);

async fn it_answers_every_error_as_a_problem_with_security_headers(t: &TestDb) {
    let app = spawn_app(t).await;
    let answer = app.get("/api/v1/participants/%ff%fe", None).send().await;
    assert_problem(&answer, StatusCode::BAD_REQUEST, "malformed-uri", None);
    let answer = app.get("/api/v1/participants/a%zz", None).send().await;
    assert_problem(&answer, StatusCode::BAD_REQUEST, "malformed-uri", None);
    let long = format!("/api/v1/participants/{}", "x".repeat(60 * 1024));
    let answer = app.get(&long, None).send().await;
    assert_problem(&answer, StatusCode::NOT_FOUND, "not-found", None);
    let answer = app.get("/api/v1/no-such-route", None).send().await;
    assert_problem(&answer, StatusCode::NOT_FOUND, "not-found", None);
    let answer = app
        .req(Method::DELETE, "/api/v1/courses", None, None)
        .send()
        .await;
    assert_problem(
        &answer,
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        None,
    );
    let answer = app.get("/api/v1/courses?status=a%00", None).send().await;
    assert_problem(
        &answer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation",
        None,
    );
    let answer = app.get("/api/v1/search/courses?page=-1", None).send().await;
    assert!(answer.0.is_client_error(), "{answer:?}");
    assert_eq!(answer.1["content-type"], "application/problem+json");
    for path in [
        "/healthz",
        "/api/v1/courses",
        "/api/v1/no-such-route",
        "/openapi.json",
    ] {
        let (_, headers, _) = app.get(path, None).send().await;
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        let csp = headers["content-security-policy"].to_str().expect("ascii");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("default-src 'none'"), "{path}: {csp}");
    }
    assert_eq!(event_count(&app.db).await, 0);
}

on_both_backends!(it_answers_every_error_as_a_problem_with_security_headers);

/// The caller's right comes before anything about the state: a stranger filling or closing a
/// closed posting is told 403, not that it is closed.
async fn it_checks_who_acts_before_telling_the_state(t: &TestDb) {
    let app = spawn_app(t).await;
    let (ana, ana_token) = register_participant(&app, "Ana Pérez").await;
    let (carl, carl_token) = register_participant(&app, "Carl Sousa").await;
    let business = create_business(&app, &ana_token, business_json(&[&ana], "ES")).await;
    let job = json!({"business_id": business, "title": "Cook",
        "description": "Tapas and petiscos", "employment": "part_time"});
    let (ana_t, carl_t) = (Some(ana_token.as_str()), Some(carl_token.as_str()));
    let body = app.post("/api/v1/job-postings", ana_t, job).created().await;
    let posting = body["aggregate_id"].as_str().expect("id").to_owned();
    let closure = format!("/api/v1/job-postings/{posting}/closure");
    app.post(&closure, ana_t, None).succeeds().await;
    let filling = format!("/api/v1/job-postings/{posting}/filling");
    let hire_carl = json!({ "participant_id": carl });
    app.post(&filling, carl_t, hire_carl).forbidden().await;
    app.post(&closure, carl_t, None).forbidden().await;
    // The founder is told the state.
    let nobody = json!({ "participant_id": null });
    app.post(&filling, ana_t, nobody)
        .rule("job_posting_not_open")
        .await;
}

on_both_backends!(it_checks_who_acts_before_telling_the_state);
