//! Bearer tokens with roles, an expiry and a revocation. Only a SHA-256 of each token is
//! stored, beside an id that is not the secret (`tok_…`, to list and revoke it).
//!
//! Tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
//! Checking one is a single read by primary key, with no write: a revocation or an expiry
//! bites on the next request.

use rand::RngCore;
use ruta_commands::{with_pool, Actor, Role};
use ruta_store::{Backend, Database};
use sha2::{Digest, Sha256};

use crate::token_lifetime::TokenLifetime;

/// An authenticated caller: what the credential says, never what the body says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub role: Role,
    /// The participant (or staff member…) the token was issued to, if any.
    pub subject: Option<String>,
    /// Written into event metadata as `actor`.
    pub actor: String,
}

impl Caller {
    pub fn is(&self, roles: &[Role]) -> bool {
        roles.contains(&self.role)
    }

    /// The caller as the domain sees it.
    pub fn actor(&self) -> Actor {
        Actor::new(self.actor.clone(), self.role)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("token store failure: {0}")]
pub struct TokenError(#[from] sqlx::Error);

/// Times as the token table gives them: UTC, RFC 3339 with milliseconds, on both backends.
pub(crate) const PG_TIME: &str = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn random_hex(bytes: usize) -> String {
    let mut secret = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut secret);
    hex::encode(secret)
}

/// A token just issued: the secret (shown this once) and what identifies it afterwards.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    pub token: String,
    pub token_id: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// Creates a token valid for `lifetime` and returns it in clear.
///
/// # Errors
/// [`TokenError`] when the database fails.
pub async fn issue_token(
    db: &Database,
    role: Role,
    subject: Option<&str>,
    label: Option<&str>,
    lifetime: TokenLifetime,
) -> Result<IssuedToken, TokenError> {
    let token = format!("ruta_{}", random_hex(32));
    let token_id = format!("tok_{}", random_hex(8));
    let sql = match db.backend() {
        Backend::Sqlite => {
            "INSERT INTO api_tokens (token_hash, token_id, role, subject, label, expires_at) \
             VALUES ($1, $2, $3, $4, $5, \
                     strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+' || $6 || ' seconds')) \
             RETURNING expires_at"
                .to_owned()
        }
        Backend::Postgres => format!(
            "INSERT INTO api_tokens (token_hash, token_id, role, subject, label, expires_at) \
             VALUES ($1, $2, $3, $4, $5, now() + $6::bigint * interval '1 second') \
             RETURNING to_char(expires_at AT TIME ZONE 'UTC', {PG_TIME})"
        ),
    };
    let seconds = i64::try_from(lifetime.as_secs()).unwrap_or(i64::MAX);
    let expires_at: String = ruta_store::with_write_pool!(db, pool => sqlx::query_scalar(&sql)
        .bind(hash(&token))
        .bind(&token_id)
        .bind(role.as_str())
        .bind(subject)
        .bind(label)
        .bind(seconds)
        .fetch_one(pool)
        .await?);
    Ok(IssuedToken {
        token,
        token_id,
        expires_at,
    })
}

/// Creates a token with the default lifetime and returns it in clear.
///
/// # Errors
/// [`TokenError`] when the database fails.
pub async fn create_token(
    db: &Database,
    role: Role,
    subject: Option<&str>,
    label: Option<&str>,
) -> Result<String, TokenError> {
    issue_token(db, role, subject, label, TokenLifetime::DEFAULT)
        .await
        .map(|issued| issued.token)
}

/// What a presented token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authentication {
    Valid(Caller),
    Unknown,
    Expired,
    Revoked,
}

/// The caller a token belongs to, or why it does not authenticate anyone.
///
/// # Errors
/// [`TokenError`] when the database fails.
pub async fn authenticate(db: &Database, token: &str) -> Result<Authentication, TokenError> {
    const SQLITE: &str = "SELECT role, subject, revoked_at IS NOT NULL, \
        expires_at IS NOT NULL AND expires_at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now') \
        FROM api_tokens WHERE token_hash = $1";
    const POSTGRES: &str = "SELECT role, subject, revoked_at IS NOT NULL, \
        COALESCE(expires_at <= now(), false) FROM api_tokens WHERE token_hash = $1";
    let sql = match db.backend() {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    let digest = hash(token);
    let row: Option<(String, Option<String>, bool, bool)> =
        with_pool!(db, pool => sqlx::query_as(sql).bind(&digest).fetch_optional(pool).await?);
    let Some((role, subject, revoked, expired)) = row else {
        return Ok(Authentication::Unknown);
    };
    if revoked {
        return Ok(Authentication::Revoked);
    }
    if expired {
        return Ok(Authentication::Expired);
    }
    let Ok(role) = role.parse::<Role>() else {
        return Ok(Authentication::Unknown);
    };
    // Without a subject, the actor is the token itself (a short, non-secret prefix of
    // its hash), so every event still says which credential wrote it.
    let actor = subject
        .clone()
        .unwrap_or_else(|| format!("{role}:{}", &digest[..12]));
    Ok(Authentication::Valid(Caller {
        role,
        subject,
        actor,
    }))
}
