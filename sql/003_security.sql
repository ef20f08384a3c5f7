-- Two-factor auth state, recovery codes and account lockout.

ALTER TABLE users
    ADD COLUMN twofa_last_step      bigint,       -- last accepted TOTP time step (replay refusal)
    ADD COLUMN login_code_sent_at   timestamptz,  -- throttles emailed login codes
    ADD COLUMN failed_logins        integer NOT NULL DEFAULT 0,
    ADD COLUMN failed_window_start  timestamptz,
    ADD COLUMN locked_until         timestamptz;

CREATE TABLE recovery_codes (
    id        bigserial PRIMARY KEY,
    user_id   bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash bytea  NOT NULL,
    used_at   timestamptz,
    UNIQUE (user_id, code_hash)
);

-- Every forgot-password and resend-verification request, whether or not an account uses
-- the email: both paths commit one write, so their timing does not tell (no enumeration).
-- The email is kept only as a SHA-256, for spotting abuse.
CREATE TABLE account_email_requests (
    id           bigserial PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('reset_password', 'verify_email')),
    email_hash   bytea       NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_email_requests_time_idx ON account_email_requests (requested_at);
