//! Bearer tokens with roles. Only a SHA-256 of each token is stored.
//!
//! Tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force.

use rand::RngCore;
use ruta_commands::{with_pool, Actor, Role};
use ruta_store::Database;
use sha2::{Digest, Sha256};

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

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token and returns it in clear; this is the only time it is visible.
///
/// # Errors
/// [`TokenError`] when the database fails.
pub async fn create_token(
    db: &Database,
    role: Role,
    subject: Option<&str>,
    label: Option<&str>,
) -> Result<String, TokenError> {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    let token = format!("ruta_{}", hex::encode(secret));
    const SQL: &str =
        "INSERT INTO api_tokens (token_hash, role, subject, label) VALUES ($1, $2, $3, $4)";
    ruta_store::with_write_pool!(db, pool => sqlx::query(SQL)
        .bind(hash(&token))
        .bind(role.as_str())
        .bind(subject)
        .bind(label)
        .execute(pool)
        .await
        .map(|_| ())?);
    Ok(token)
}

/// The caller a token belongs to, or `None` for an unknown token.
///
/// # Errors
/// [`TokenError`] when the database fails.
pub async fn authenticate(db: &Database, token: &str) -> Result<Option<Caller>, TokenError> {
    const SQL: &str = "SELECT role, subject FROM api_tokens WHERE token_hash = $1";
    let digest = hash(token);
    let row: Option<(String, Option<String>)> =
        with_pool!(db, pool => sqlx::query_as(SQL).bind(&digest).fetch_optional(pool).await?);
    Ok(row.and_then(|(role, subject)| {
        let role = role.parse::<Role>().ok()?;
        // Without a subject, the actor is the token itself (a short, non-secret prefix of
        // its hash), so every event still says which credential wrote it.
        let actor = subject
            .clone()
            .unwrap_or_else(|| format!("{role}:{}", &digest[..12]));
        Some(Caller {
            role,
            subject,
            actor,
        })
    }))
}
