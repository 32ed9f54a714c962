//! Token lifecycle through the router: issued with an expiry, listed by admins (never the
//! secret nor its hash), revoked over HTTP and by the CLI's function, expired in the store;
//! a revoked or expired token is a 401 with its own problem type.

use reqwest::{Method, StatusCode};
use ruta_api::token_admin::{as_table, list_tokens, revoke_token, TokenFilter};
use ruta_commands::Role;
use ruta_store::Database;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::http::{assert_problem, register_participant, token_for};
use crate::support::{TestApp, TestDb};

pub(crate) async fn token_rows(db: &Database) -> i64 {
    ruta_commands::with_pool!(db, pool => sqlx::query_scalar("SELECT count(*) FROM api_tokens")
        .fetch_one(pool).await.expect("count"))
}

/// Moves a token's expiry one second into the past, as if its time had come.
pub(crate) async fn expire_in_store(db: &Database, token_id: &str) {
    let sql = match db.backend() {
        ruta_store::Backend::Sqlite => {
            "UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 seconds') \
             WHERE token_id = $1"
        }
        ruta_store::Backend::Postgres => {
            "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE token_id = $1"
        }
    };
    let changed = ruta_store::with_write_pool!(db, pool => sqlx::query(sql)
        .bind(token_id).execute(pool).await.expect("update").rows_affected());
    assert_eq!(changed, 1, "{token_id} exists");
}

/// A read any valid token may make.
pub(crate) const PROBE: &str = "/api/v1/experts";

async fn issue(app: &TestApp, as_token: &str, body: Value) -> Value {
    app.post("/api/v1/tokens", Some(as_token), body)
        .created()
        .await
}

async fn listed(app: &TestApp, admin: &str, query: &str) -> Value {
    let path = format!("/api/v1/tokens{query}");
    app.get(&path, Some(admin)).ok().await
}

fn ids(page: &Value) -> Vec<String> {
    page["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .map(|t| t["token_id"].as_str().expect("id").to_owned())
        .collect()
}

fn parse_time(value: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(value.as_str().expect("a time")).expect("RFC 3339")
}

async fn it_lists_and_revokes_tokens_for_admins_only(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let admin = token_for(&app, Role::Admin, "admin-ines").await;
    let (ana, ana_token) = register_participant(&app, "Ana").await;
    let staff = app.staff_token.clone();
    let issued = issue(
        &app,
        &admin,
        json!({"role": "expert", "subject": "expert-rui", "label": "laptop", "expires_in": "30d"}),
    )
    .await;
    let (secret, token_id) = (
        issued["token"].as_str().expect("token").to_owned(),
        issued["token_id"].as_str().expect("id").to_owned(),
    );
    assert!(token_id.starts_with("tok_"), "{issued}");
    let courses = PROBE;
    app.get(courses, Some(&secret)).ok().await;

    // Listing: admins only, filtered by subject and role, without the secret or its hash.
    let page = listed(&app, &admin, "?subject=expert-rui").await;
    assert_eq!(ids(&page), vec![token_id.clone()]);
    let shown = &page["tokens"][0];
    assert_eq!(
        (&shown["role"], &shown["label"], &shown["status"]),
        (&json!("expert"), &json!("laptop"), &json!("active"))
    );
    assert_eq!(shown["expires_at"], issued["expires_at"]);
    let text = page.to_string();
    assert!(!text.contains(&secret), "{text}");
    let mut fields: Vec<&str> = shown
        .as_object()
        .expect("a token")
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    let expected = [
        "created_at",
        "expires_at",
        "label",
        "revoked_at",
        "role",
        "status",
        "subject",
        "token_id",
    ];
    assert_eq!(fields, expected, "only these, never the secret or its hash");
    let participants = listed(&app, &admin, &format!("?role=participant&subject={ana}")).await;
    assert_eq!(ids(&participants).len(), 1, "{participants}");
    for (who, status, slug) in [
        (Some(staff.as_str()), StatusCode::FORBIDDEN, "forbidden"),
        (Some(ana_token.as_str()), StatusCode::FORBIDDEN, "forbidden"),
        (Some(secret.as_str()), StatusCode::FORBIDDEN, "forbidden"),
        (None, StatusCode::UNAUTHORIZED, "unauthorized"),
    ] {
        let answer = app.send(Method::GET, "/api/v1/tokens", who, None).await;
        assert_problem(&answer, status, slug, None);
        let revoke = format!("/api/v1/tokens/{token_id}");
        let answer = app.send(Method::DELETE, &revoke, who, None).await;
        assert_problem(&answer, status, slug, None);
    }
    for bad in [
        "?role=wizard",
        "?limit=0",
        "?limit=1001",
        "?limit=x",
        "?colour=red",
    ] {
        let path = format!("/api/v1/tokens{bad}");
        let answer = app.send(Method::GET, &path, Some(&admin), None).await;
        assert_problem(
            &answer,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            None,
        );
    }

    // Pages: newest first, `next` leads to the rest, every token once.
    let all = ids(&listed(&app, &admin, "").await);
    assert_eq!(
        all.len(),
        usize::try_from(token_rows(&app.db).await).expect("count")
    );
    let mut paged = Vec::new();
    let mut query = "?limit=1".to_owned();
    loop {
        let page = listed(&app, &admin, &query).await;
        paged.extend(ids(&page));
        match page["next"].as_str() {
            Some(next) => query = format!("?limit=1&before={next}"),
            None => break,
        }
    }
    paged.dedup();
    assert_eq!(paged, all);

    // Revocation bites on the next request; revoking again keeps the first time.
    let revoke = format!("/api/v1/tokens/{token_id}");
    let (status, _, _) = app.send(Method::DELETE, &revoke, Some(&admin), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let answer = app.send(Method::GET, courses, Some(&secret), None).await;
    assert_problem(&answer, StatusCode::UNAUTHORIZED, "token-revoked", None);
    let first = listed(&app, &admin, "?subject=expert-rui").await["tokens"][0].clone();
    assert_eq!(first["status"], "revoked");
    let (status, _, _) = app.send(Method::DELETE, &revoke, Some(&admin), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let again = listed(&app, &admin, "?subject=expert-rui").await["tokens"][0].clone();
    assert_eq!(again["revoked_at"], first["revoked_at"]);
    assert!(parse_time(&first["revoked_at"]) >= parse_time(&first["created_at"]));
    let unknown = app
        .send(
            Method::DELETE,
            "/api/v1/tokens/tok_nope",
            Some(&admin),
            None,
        )
        .await;
    assert_problem(&unknown, StatusCode::NOT_FOUND, "not-found", None);
    // Others' tokens are untouched.
    let answer = app.send(Method::GET, courses, Some(&staff), None).await;
    assert_eq!(answer.0, StatusCode::OK);
}
on_both_backends!(it_lists_and_revokes_tokens_for_admins_only);

async fn it_expires_tokens_and_bounds_their_lifetime(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let admin = token_for(&app, Role::Admin, "admin-ines").await;
    let (ana, _) = register_participant(&app, "Ana").await;
    let staff = app.staff_token.clone();
    let hour = 3_600;
    let issued = issue(
        &app,
        &staff,
        json!({"role": "participant", "subject": ana, "expires_in": hour}),
    )
    .await;
    let token_id = issued["token_id"].as_str().expect("id").to_owned();
    let shown = listed(&app, &admin, &format!("?subject={ana}")).await["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .find(|t| t["token_id"] == token_id.as_str())
        .cloned()
        .expect("listed");
    let lifetime = parse_time(&shown["expires_at"]) - parse_time(&shown["created_at"]);
    assert_eq!(lifetime.num_seconds(), hour, "{shown}");

    // Without expires_in, the default lifetime.
    let default = issue(&app, &staff, json!({"role": "participant", "subject": ana})).await;
    let default_id = default["token_id"].as_str().expect("id");
    let page = listed(&app, &admin, &format!("?subject={ana}")).await;
    let row = page["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .find(|t| t["token_id"] == default_id)
        .cloned()
        .expect("listed");
    let lifetime = parse_time(&row["expires_at"]) - parse_time(&row["created_at"]);
    let expected = ruta_api::token_lifetime::TokenLifetime::DEFAULT.as_secs();
    assert_eq!(u64::try_from(lifetime.num_seconds()).ok(), Some(expected));

    // Once its time has come, the token is refused with its own problem type.
    let secret = issued["token"].as_str().expect("token");
    let path = format!("/api/v1/participants/{ana}/journey");
    app.get(&path, Some(secret)).ok().await;
    crate::api::api_tokens::expire_in_store(&app.db, &token_id).await;
    let answer = app.send(Method::GET, &path, Some(secret), None).await;
    assert_problem(&answer, StatusCode::UNAUTHORIZED, "token-expired", None);
    let detail = answer.2["detail"].as_str().unwrap_or_default().to_owned();
    assert!(
        !detail.contains(&ana) && !detail.contains(&token_id),
        "{detail}"
    );
    let page = listed(&app, &admin, &format!("?subject={ana}")).await;
    let statuses: Vec<&Value> = page["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .filter(|t| t["token_id"] == token_id.as_str())
        .map(|t| &t["status"])
        .collect();
    assert_eq!(statuses, vec![&json!("expired")]);

    // Lifetimes out of bounds or unreadable: 422 naming expires_in, nothing stored.
    let before = token_rows(&app.db).await;
    let max = ruta_api::token_lifetime::TokenLifetime::MAX.as_secs();
    for bad in [
        json!(0),
        json!(-1),
        json!(max + 1),
        json!("366d"),
        json!("0d"),
        json!("soon"),
        json!("5w"),
        json!(1.5),
        json!([]),
    ] {
        let body = json!({"role": "participant", "subject": ana, "expires_in": bad});
        let answer = app
            .post("/api/v1/tokens", Some(&staff), body)
            .refused(StatusCode::UNPROCESSABLE_ENTITY, "validation")
            .await;
        assert_eq!(answer["field"], "expires_in", "{bad}: {answer}");
    }
    assert_eq!(token_rows(&app.db).await, before);
    // The longest allowed lifetime is accepted.
    issue(
        &app,
        &staff,
        json!({"role": "participant", "subject": ana, "expires_in": "365d"}),
    )
    .await;
}
on_both_backends!(it_expires_tokens_and_bounds_their_lifetime);

/// What `ruta token list` and `ruta token revoke` run.
async fn it_revokes_and_lists_through_the_cli_functions(t: &TestDb) {
    let app = crate::support::spawn_app(t).await;
    let issued = ruta_api::auth::issue_token(
        &app.db,
        Role::Analyst,
        Some("analyst-1"),
        Some("quarterly\treport"),
        "1d".parse().expect("lifetime"),
    )
    .await
    .expect("issued");
    let reports = PROBE;
    let ok = app
        .send(Method::GET, reports, Some(&issued.token), None)
        .await;
    assert_eq!(ok.0, StatusCode::OK, "{}", ok.2);

    let filter = TokenFilter {
        role: Some(Role::Analyst),
        limit: 10,
        ..TokenFilter::default()
    };
    let tokens = list_tokens(&app.db, &filter).await.expect("lists");
    assert_eq!(tokens.len(), 1);
    let table = as_table(&tokens);
    let line = table.lines().nth(1).expect("a line");
    let cells: Vec<&str> = line.split('\t').collect();
    assert_eq!(
        cells.len(),
        table.lines().next().expect("header").split('\t').count()
    );
    assert_eq!(
        (cells[0], cells[1], cells[2], cells[3], cells[5]),
        (
            issued.token_id.as_str(),
            "analyst",
            "analyst-1",
            "active",
            issued.expires_at.as_str()
        )
    );
    assert!(!table.contains(&issued.token), "{table}");

    assert!(revoke_token(&app.db, &issued.token_id)
        .await
        .expect("revokes"));
    let answer = app
        .send(Method::GET, reports, Some(&issued.token), None)
        .await;
    assert_problem(&answer, StatusCode::UNAUTHORIZED, "token-revoked", None);
    assert!(revoke_token(&app.db, &issued.token_id)
        .await
        .expect("again"));
    assert!(!revoke_token(&app.db, "tok_unknown").await.expect("unknown"));
    let tokens = list_tokens(&app.db, &filter).await.expect("lists");
    assert!(as_table(&tokens).contains("\trevoked\t"));
}
on_both_backends!(it_revokes_and_lists_through_the_cli_functions);
