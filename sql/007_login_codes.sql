-- Emailed login codes have six digits, so two users' codes collide often, and with every
-- code kept forever the old (purpose, token_hash) key made the ~1,000th code fail. Link
-- tokens (256 random bits) stay unique across everyone; a login code only has to differ
-- from the user's own live code, and each store purges the user's dead tokens.
DELETE FROM one_time_tokens WHERE used_at IS NOT NULL OR expires_at <= now();
DROP INDEX one_time_tokens_hash_key;
CREATE UNIQUE INDEX one_time_tokens_link_key ON one_time_tokens (purpose, token_hash)
    WHERE purpose <> 'login_code';
CREATE UNIQUE INDEX one_time_tokens_live_code_key ON one_time_tokens (user_id, token_hash)
    WHERE purpose = 'login_code' AND used_at IS NULL;
