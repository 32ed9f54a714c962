-- Tokens get an id that is not the secret (to list and revoke them), an expiry and a
-- revocation time. Tokens issued before this migration keep `expires_at` NULL, which means no
-- expiry: giving them one here could expire them on upgrade (and lock the operator out of
-- the admin token); they are listed, so an admin sees them and can revoke them.
-- Times are text in the same format as `created_at`, so they compare as strings.
ALTER TABLE api_tokens ADD COLUMN token_id text;
ALTER TABLE api_tokens ADD COLUMN expires_at text;
ALTER TABLE api_tokens ADD COLUMN revoked_at text;

UPDATE api_tokens SET token_id = 'tok_' || lower(hex(randomblob(8))) WHERE token_id IS NULL;

CREATE UNIQUE INDEX api_tokens_token_id ON api_tokens (token_id);
CREATE INDEX api_tokens_subject ON api_tokens (subject);
