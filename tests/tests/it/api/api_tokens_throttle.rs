//! Failed bearer attempts from one client: 401 up to the limit, then 429 with `Retry-After`,
//! while a valid token from that same client is still served.

use reqwest::{Method, StatusCode};
use ruta_api::settings::TokenSettings;
use ruta_commands::Role;

use crate::api::api_tokens::PROBE;
use crate::on_both_backends;
use crate::support::http::{assert_problem, token_for};
use crate::support::TestDb;

async fn it_throttles_bad_tokens_but_serves_the_valid_holder(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let limit = TokenSettings::default().auth_failures_per_minute;
    let admin = token_for(&app, Role::Admin, "admin-ines").await;
    let revoked = ruta_api::auth::issue_token(
        &app.db,
        Role::Staff,
        Some("staff-old"),
        None,
        ruta_api::token_lifetime::TokenLifetime::DEFAULT,
    )
    .await
    .expect("issued");
    ruta_api::token_admin::revoke_token(&app.db, &revoked.token_id)
        .await
        .expect("revoked");

    // Requests without credentials are not bearer attempts: they never count.
    for _ in 0..=limit {
        let answer = app.send(Method::GET, PROBE, None, None).await;
        assert_problem(&answer, StatusCode::UNAUTHORIZED, "unauthorized", None);
    }
    for n in 0..limit {
        let bad = format!("ruta_guess{n}");
        let answer = app.send(Method::GET, PROBE, Some(&bad), None).await;
        assert_problem(&answer, StatusCode::UNAUTHORIZED, "unauthorized", None);
        assert!(answer.1.get("retry-after").is_none());
    }
    for bad in ["ruta_one-too-many", revoked.token.as_str()] {
        let answer = app.send(Method::GET, PROBE, Some(bad), None).await;
        assert_problem(
            &answer,
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-requests",
            None,
        );
        let retry_after: u64 = answer.1["retry-after"]
            .to_str()
            .expect("ascii")
            .parse()
            .expect("seconds");
        assert!((1..=60).contains(&retry_after), "{retry_after}");
    }
    // The holder of a valid token, on the same client, is not locked out.
    for token in [app.staff_token.as_str(), admin.as_str()] {
        let (status, _, body) = app.send(Method::GET, PROBE, Some(token), None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, _, body) = app
        .send(Method::GET, "/api/v1/tokens", Some(&admin), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // POST bodies too: the bearer check comes before anything is read or appended.
    let before = crate::support::event_count(&app.db).await;
    let answer = app
        .send(
            Method::POST,
            "/api/v1/participants",
            Some("ruta_guess-again"),
            Some(crate::support::registration_json("Eve")),
        )
        .await;
    assert_problem(
        &answer,
        StatusCode::TOO_MANY_REQUESTS,
        "too-many-requests",
        None,
    );
    assert_eq!(crate::support::event_count(&app.db).await, before);
}
on_both_backends!(it_throttles_bad_tokens_but_serves_the_valid_holder);
