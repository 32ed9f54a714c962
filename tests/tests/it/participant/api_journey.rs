//! The README's quick start, through the real router: registration to verified certificate.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::on_both_backends;
use crate::support::{course_json, event_count, registration_json, spawn_app, TestDb};

async fn it_walks_a_participant_to_a_verified_certificate(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());

    let (status, headers, body) = app
        .send(
            Method::POST,
            "/api/v1/participants",
            staff,
            Some(registration_json("Ana Pérez")),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let participant = body["aggregate_id"].as_str().expect("id").to_owned();
    assert_eq!(
        headers["location"],
        format!("/api/v1/participants/{participant}").as_str()
    );
    assert!(body["position"].as_i64().is_some_and(|p| p > 0));

    let (status, _, body) = app
        .send(Method::POST, "/api/v1/courses", staff, Some(course_json()))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let course = body["aggregate_id"].as_str().expect("id").to_owned();
    let (status, _, _) = app
        .send(
            Method::POST,
            &format!("/api/v1/courses/{course}/publish"),
            staff,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, _, listed) = app.send(Method::GET, "/api/v1/courses", None, None).await;
    assert_eq!(listed[0]["id"], course.as_str());

    let (status, _, body) = app
        .send(
            Method::POST,
            "/api/v1/tokens",
            staff,
            Some(json!({"role": "participant", "subject": participant})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let me = body["token"].as_str().expect("token").to_owned();
    let me = Some(me.as_str());

    let (status, _, body) = app
        .send(
            Method::POST,
            "/api/v1/enrolments",
            me,
            Some(json!({"course_id": course})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let enrolment = body["aggregate_id"].as_str().expect("id").to_owned();
    let (status, _, _) = app
        .send(
            Method::POST,
            &format!("/api/v1/enrolments/{enrolment}/progress"),
            me,
            Some(json!({"percent": 100})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let exam = format!("/api/v1/enrolments/{enrolment}/exam-attempts");
    let (status, _, body) = app
        .send(Method::POST, &exam, staff, Some(json!({"score": 35})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        body["events"].as_array().map(Vec::len),
        Some(1),
        "a failed attempt, no certificate"
    );
    let (status, _, body) = app
        .send(Method::POST, &exam, staff, Some(json!({"score": 82})))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["events"][1]["event_type"], "CertificateIssued");
    let (status, _, body) = app
        .send(Method::POST, &exam, staff, Some(json!({"score": 99})))
        .await;
    assert_eq!(
        (status, body["rule"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("exam_already_passed")
        )
    );

    let (_, _, view) = app
        .send(
            Method::GET,
            &format!("/api/v1/enrolments/{enrolment}"),
            me,
            None,
        )
        .await;
    assert_eq!(view["status"], "passed");
    let code = view["certificate_code"].as_str().expect("code").to_owned();
    let (status, _, certificate) = app
        .send(
            Method::GET,
            &format!("/api/v1/certificates/{}", code.to_lowercase()),
            None,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{certificate}");
    assert_eq!(certificate["valid"], true);
    assert_eq!(certificate["holder_name"], "Ana Pérez");
    assert_eq!(certificate["course_titles"]["pt"], "Contabilidade básica");
    assert_eq!(certificate["score"], 82);

    let (status, _, journey) = app
        .send(
            Method::GET,
            &format!("/api/v1/participants/{participant}/journey"),
            me,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{journey}");
    let events = journey["events"].as_array().expect("events");
    let types: Vec<&str> = events
        .iter()
        .filter_map(|e| e["event_type"].as_str())
        .collect();
    assert_eq!(
        types,
        [
            "ParticipantRegistered",
            "EnrolledInCourse",
            "ProgressRecorded",
            "ExamAttempted",
            "ExamAttempted",
            "CertificateIssued"
        ]
    );
    let actors: Vec<(&str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap_or(""),
                e["actor_role"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(actors[0], ("staff-maria", "staff"));
    assert_eq!(
        actors[1],
        (participant.as_str(), "participant"),
        "the actor comes from the token"
    );
    assert!(events
        .iter()
        .all(|e| e["occurred_at"].is_string() && e["recorded_at"].is_string()));
    let positions: Vec<i64> = events
        .iter()
        .filter_map(|e| e["position"].as_i64())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "journey is in log order"
    );

    let (status, _, page) = app
        .send(
            Method::GET,
            &format!("/api/v1/participants/{participant}/journey?limit=4"),
            staff,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let next = page["next"].as_str().expect("a next page").to_owned();
    let (_, _, rest) = app
        .send(
            Method::GET,
            &format!("/api/v1/participants/{participant}/journey?after={next}"),
            staff,
            None,
        )
        .await;
    assert_eq!(rest["events"].as_array().map(Vec::len), Some(2));
    assert!(rest["next"].is_null());
}
on_both_backends!(it_walks_a_participant_to_a_verified_certificate);

async fn it_applies_a_repeated_idempotency_key_once(t: &TestDb) {
    let app = spawn_app(t).await;
    let send = || {
        app.http
            .post(app.url("/api/v1/participants"))
            .bearer_auth(&app.staff_token)
            .header("idempotency-key", "desk-7-form-42")
            .json(&registration_json("Ana Pérez"))
            .send()
    };
    let first = send().await.expect("first");
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: serde_json::Value = first.json().await.expect("json");
    let before = event_count(&app.db).await;
    let again = send().await.expect("again");
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: serde_json::Value = again.json().await.expect("json");
    assert_eq!(again["aggregate_id"], first["aggregate_id"]);
    assert_eq!(again["events"], first["events"]);
    assert_eq!(again["replayed"], true);
    assert_eq!(event_count(&app.db).await, before, "nothing appended");
}
on_both_backends!(it_applies_a_repeated_idempotency_key_once);

async fn it_checks_who_may_do_what(t: &TestDb) {
    let app = spawn_app(t).await;
    let staff = Some(app.staff_token.as_str());
    let (_, _, a) = app
        .send(
            Method::POST,
            "/api/v1/participants",
            staff,
            Some(registration_json("A")),
        )
        .await;
    let (_, _, b) = app
        .send(
            Method::POST,
            "/api/v1/participants",
            staff,
            Some(registration_json("B")),
        )
        .await;
    let (a, b) = (
        a["aggregate_id"].as_str().expect("a"),
        b["aggregate_id"].as_str().expect("b"),
    );
    let (_, _, token) = app
        .send(
            Method::POST,
            "/api/v1/tokens",
            staff,
            Some(json!({"role": "participant", "subject": a})),
        )
        .await;
    let a_token = token["token"].as_str().expect("token");
    let evaluator =
        ruta_api::auth::create_token(&app.db, ruta_commands::Role::Evaluator, None, None)
            .await
            .expect("token");

    let cases = [
        (
            Method::GET,
            format!("/api/v1/participants/{a}/journey"),
            None,
            StatusCode::UNAUTHORIZED,
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{a}/journey"),
            Some("ruta_bogus"),
            StatusCode::UNAUTHORIZED,
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{b}/journey"),
            Some(a_token),
            StatusCode::FORBIDDEN,
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{a}/journey"),
            Some(a_token),
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{b}/journey"),
            staff,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/api/v1/participants/{b}"),
            Some(evaluator.as_str()),
            StatusCode::FORBIDDEN,
        ),
        (
            Method::GET,
            "/api/v1/courses?status=all".to_owned(),
            Some(a_token),
            StatusCode::FORBIDDEN,
        ),
    ];
    for (method, path, token, expected) in cases {
        let (status, headers, body) = app.send(method.clone(), &path, token, None).await;
        assert_eq!(status, expected, "{method} {path}: {body}");
        if !status.is_success() {
            assert_eq!(headers["content-type"], "application/problem+json");
        }
    }
    let writes = [
        ("/api/v1/courses", course_json(), Some(a_token)),
        (
            "/api/v1/participants",
            registration_json("C"),
            Some(evaluator.as_str()),
        ),
        ("/api/v1/tokens", json!({"role": "admin"}), staff),
        (
            "/api/v1/enrolments",
            json!({"participant_id": b, "course_id": "x"}),
            Some(a_token),
        ),
    ];
    for (path, body, token) in writes {
        let (status, _, answer) = app.send(Method::POST, path, token, Some(body)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "POST {path}: {answer}");
    }
}
on_both_backends!(it_checks_who_may_do_what);
