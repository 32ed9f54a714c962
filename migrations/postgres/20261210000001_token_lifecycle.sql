-- Tokens get an id that is not the secret (to list and revoke them), an expiry and a
-- revocation time. Tokens issued before this migration keep `expires_at` NULL, which means no
-- expiry: giving them one here could expire them on upgrade (and lock the operator out of
-- the admin token); they are listed, so an admin sees them and can revoke them.
ALTER TABLE api_tokens
    ADD COLUMN token_id   text,
    ADD COLUMN expires_at timestamptz,
    ADD COLUMN revoked_at timestamptz;

UPDATE api_tokens SET token_id = 'tok_' || substr(md5(random()::text || token_hash), 1, 16);

ALTER TABLE api_tokens ALTER COLUMN token_id SET NOT NULL;
CREATE UNIQUE INDEX api_tokens_token_id ON api_tokens (token_id);
CREATE INDEX api_tokens_subject ON api_tokens (subject);
