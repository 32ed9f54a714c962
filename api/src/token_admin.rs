//! Listing and revoking tokens (admins, and `ruta token list|revoke`). Neither the secret nor
//! its hash ever leaves the store: a token is named by its id.

use ruta_commands::{with_pool, Role};
use ruta_store::{Backend, Database};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{TokenError, PG_TIME};

/// Whether a token still authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenStatus {
    Active,
    Expired,
    Revoked,
}

/// A token as admins see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokenInfo {
    pub token_id: String,
    pub role: String,
    pub subject: Option<String>,
    pub label: Option<String>,
    pub status: TokenStatus,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// `null` only for tokens issued before expiries existed: those never expire.
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// Which tokens to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct TokenFilter {
    pub role: Option<Role>,
    pub subject: Option<String>,
    /// Only tokens listed after this one (the `next` of the previous page).
    pub before: Option<String>,
    pub limit: u32,
}

type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
);

fn list_sql(backend: Backend) -> String {
    match backend {
        Backend::Sqlite => "SELECT token_id, role, subject, label, created_at, expires_at, \
             revoked_at, CASE WHEN revoked_at IS NOT NULL THEN 'revoked' \
             WHEN expires_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now') THEN 'expired' \
             ELSE 'active' END \
             FROM api_tokens \
             WHERE ($1 IS NULL OR role = $1) AND ($2 IS NULL OR subject = $2) \
             AND ($3 IS NULL OR (created_at, token_id) < \
                  (SELECT created_at, token_id FROM api_tokens WHERE token_id = $3)) \
             ORDER BY created_at DESC, token_id DESC LIMIT $4"
            .to_owned(),
        Backend::Postgres => {
            let time = |column: &str| format!("to_char({column} AT TIME ZONE 'UTC', {PG_TIME})");
            format!(
                "SELECT token_id, role, subject, label, {}, {}, {}, \
                 CASE WHEN revoked_at IS NOT NULL THEN 'revoked' \
                 WHEN expires_at <= now() THEN 'expired' ELSE 'active' END \
                 FROM api_tokens \
                 WHERE ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR subject = $2) \
                 AND ($3::text IS NULL OR (created_at, token_id) < \
                      (SELECT created_at, token_id FROM api_tokens WHERE token_id = $3)) \
                 ORDER BY created_at DESC, token_id DESC LIMIT $4",
                time("created_at"),
                time("expires_at"),
                time("revoked_at"),
            )
        }
    }
}

/// Tokens matching `filter`, newest first, at most `filter.limit`.
///
/// # Errors
/// [`TokenError`] when the database fails.
pub async fn list_tokens(
    db: &Database,
    filter: &TokenFilter,
) -> Result<Vec<TokenInfo>, TokenError> {
    let sql = list_sql(db.backend());
    let rows: Vec<Row> = with_pool!(db, pool => sqlx::query_as(&sql)
        .bind(filter.role.map(Role::as_str))
        .bind(filter.subject.as_deref())
        .bind(filter.before.as_deref())
        .bind(i64::from(filter.limit))
        .fetch_all(pool)
        .await?);
    Ok(rows
        .into_iter()
        .map(
            |(token_id, role, subject, label, created_at, expires_at, revoked_at, status)| {
                TokenInfo {
                    token_id,
                    role,
                    subject,
                    label,
                    status: match status.as_str() {
                        "revoked" => TokenStatus::Revoked,
                        "expired" => TokenStatus::Expired,
                        _ => TokenStatus::Active,
                    },
                    created_at,
                    expires_at,
                    revoked_at,
                }
            },
        )
        .collect())
}

/// Revokes a token from now on; revoking it again keeps the first time. `false` when no
/// token has that id.
///
/// # Errors
/// [`TokenError`] when the database fails.
pub async fn revoke_token(db: &Database, token_id: &str) -> Result<bool, TokenError> {
    let sql = match db.backend() {
        Backend::Sqlite => {
            "UPDATE api_tokens \
             SET revoked_at = COALESCE(revoked_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) \
             WHERE token_id = $1"
        }
        Backend::Postgres => {
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE token_id = $1"
        }
    };
    let revoked = ruta_store::with_write_pool!(db, pool => sqlx::query(sql)
        .bind(token_id)
        .execute(pool)
        .await?
        .rows_affected());
    Ok(revoked > 0)
}

impl TokenStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }
}

/// Tab-separated, one token a line after a header, as `ruta token list` prints it.
pub fn as_table(tokens: &[TokenInfo]) -> String {
    let mut out = String::from("token_id\trole\tsubject\tstatus\tcreated_at\texpires_at\tlabel\n");
    for t in tokens {
        let cells = [
            t.token_id.as_str(),
            t.role.as_str(),
            t.subject.as_deref().unwrap_or("-"),
            t.status.as_str(),
            t.created_at.as_str(),
            t.expires_at.as_deref().unwrap_or("never"),
            t.label.as_deref().unwrap_or(""),
        ];
        // A tab or newline in a subject or label would shift the columns.
        let cells: Vec<String> = cells.iter().map(|c| c.replace(['\t', '\n'], " ")).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}
