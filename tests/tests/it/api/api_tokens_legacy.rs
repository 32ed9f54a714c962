//! Tokens issued before tokens had ids and expiries keep working after the migration: they
//! get an id (to be listed and revoked) and no expiry.

use reqwest::{Method, StatusCode};
use ruta_commands::Role;
use ruta_store::{Backend, Database};
use serde_json::Value;

use crate::api::api_tokens::PROBE;
use crate::on_both_backends;
use crate::support::http::{assert_problem, token_for};
use crate::support::TestDb;

const MIGRATION: i64 = 20_261_210_000_001;

/// Puts the token table back as it was before the migration (its rows keep their hash,
/// role, subject, label and creation time) and forgets that the migration ran.
async fn back_to_before_the_migration(db: &Database) {
    let statements: &[&str] = match db.backend() {
        Backend::Sqlite => &[
            "DROP INDEX api_tokens_token_id",
            "DROP INDEX api_tokens_subject",
            "ALTER TABLE api_tokens DROP COLUMN token_id",
            "ALTER TABLE api_tokens DROP COLUMN expires_at",
            "ALTER TABLE api_tokens DROP COLUMN revoked_at",
        ],
        Backend::Postgres => &[
            "DROP INDEX api_tokens_subject",
            "ALTER TABLE api_tokens DROP COLUMN token_id, DROP COLUMN expires_at, \
             DROP COLUMN revoked_at",
        ],
    };
    for sql in statements {
        ruta_store::with_write_pool!(db, pool => sqlx::query(sql)
            .execute(pool).await.map(|_| ()).expect(sql));
    }
    let forgotten = ruta_store::with_write_pool!(db, pool =>
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = $1")
            .bind(MIGRATION).execute(pool).await.expect("forget").rows_affected());
    assert_eq!(forgotten, 1, "the migration had run");
}

async fn it_keeps_tokens_issued_before_expiries_working(t: &TestDb) {
    let lifetime = ruta_api::token_lifetime::TokenLifetime::DEFAULT;
    let mut legacy = Vec::new();
    for subject in ["staff-old", "staff-older"] {
        let issued = ruta_api::auth::issue_token(&t.db, Role::Staff, Some(subject), None, lifetime)
            .await
            .expect("issued");
        legacy.push(issued.token);
    }
    back_to_before_the_migration(&t.db).await;

    // The server applies the migration at start-up.
    let app = crate::support::spawn_app(t).await;
    for token in &legacy {
        app.get(PROBE, Some(token)).ok().await;
    }
    let admin = token_for(&app, Role::Admin, "admin-ines").await;
    let page = app
        .get("/api/v1/tokens?role=staff", Some(&admin))
        .ok()
        .await;
    let old: Vec<&Value> = page["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .filter(|t| {
            t["subject"]
                .as_str()
                .is_some_and(|s| s.starts_with("staff-old"))
        })
        .collect();
    assert_eq!(old.len(), legacy.len(), "{page}");
    for token in &old {
        assert_eq!(token["expires_at"], Value::Null, "{token}");
        assert_eq!(token["status"], "active");
        let id = token["token_id"].as_str().expect("id");
        assert!(
            id.len() == "tok_".len() + 16 && id.starts_with("tok_"),
            "{id}"
        );
    }
    assert_ne!(old[0]["token_id"], old[1]["token_id"]);
    // Listed, so an admin can revoke them.
    let older = old
        .iter()
        .find(|t| t["subject"] == "staff-older")
        .expect("listed");
    let path = format!("/api/v1/tokens/{}", older["token_id"].as_str().expect("id"));
    let (status, _, _) = app.send(Method::DELETE, &path, Some(&admin), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let answer = app.send(Method::GET, PROBE, Some(&legacy[1]), None).await;
    assert_problem(&answer, StatusCode::UNAUTHORIZED, "token-revoked", None);
    app.get(PROBE, Some(&legacy[0])).ok().await;
}
on_both_backends!(it_keeps_tokens_issued_before_expiries_working);
