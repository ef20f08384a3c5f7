-- Core schema: users, RBAC, sessions, one-time tokens, mail outbox, request log.

CREATE TABLE users (
    id                   bigserial PRIMARY KEY,
    first_name           varchar(60)  NOT NULL,
    last_name            varchar(60)  NOT NULL,
    username             varchar(80)  NOT NULL,
    email                varchar(120) NOT NULL,
    password_hash        text,                      -- NULL: cannot log in yet
    verified             boolean      NOT NULL DEFAULT false,
    twofa_enabled        boolean      NOT NULL DEFAULT false,
    twofa_secret         text,
    twofa_pending_secret text,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now()
);
-- Usernames and emails are unique case-insensitively; login looks them up this way.
CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_lower_key    ON users (lower(email));

CREATE TABLE roles (
    id   serial PRIMARY KEY,
    name varchar(80) NOT NULL UNIQUE
);

CREATE TABLE permissions (
    id   serial PRIMARY KEY,
    name varchar(80) NOT NULL UNIQUE
);

CREATE TABLE role_permissions (
    role_id       integer NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    permission_id integer NOT NULL REFERENCES permissions(id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, permission_id)
);
CREATE INDEX role_permissions_permission_idx ON role_permissions (permission_id);

CREATE TABLE user_roles (
    user_id bigint  NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id integer NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
);
CREATE INDEX user_roles_role_idx ON user_roles (role_id);

-- Only the SHA-256 of the cookie token is stored.
CREATE TABLE sessions (
    id           bigserial PRIMARY KEY,
    token_hash   bytea       NOT NULL UNIQUE,
    user_id      bigint      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ip           text,
    user_agent   text
);
CREATE INDEX sessions_user_idx    ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Email verification, password reset and emailed login codes; hashed, single use.
CREATE TABLE one_time_tokens (
    id         bigserial PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    text        NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'login_code')),
    token_hash bytea       NOT NULL,
    email      varchar(120) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE UNIQUE INDEX one_time_tokens_hash_key ON one_time_tokens (purpose, token_hash);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);

-- Transactional outbox: written in the same transaction as the change that causes the
-- mail; the mailer process sends it.
CREATE TABLE mail_outbox (
    id              bigserial PRIMARY KEY,
    recipient       varchar(320) NOT NULL,
    subject         text        NOT NULL,
    body_text       text        NOT NULL,
    body_html       text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    sent_at         timestamptz
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending';

-- One row per request handled (unless LOG_ROUTE_ACCESS=false) and per unhandled error.
CREATE TABLE request_log (
    id          bigserial PRIMARY KEY,
    logged_at   timestamptz NOT NULL DEFAULT now(),
    log_level   varchar(10) NOT NULL,
    message     text        NOT NULL,
    request_id  varchar(40),
    handler_group varchar(20),
    method      varchar(10),
    path        text,
    status      smallint,
    duration_ms real,
    client_ip   text,
    user_agent  text,
    user_id     bigint,
    user_email  varchar(120)
);
CREATE INDEX request_log_user_email_idx ON request_log (user_email, id);
CREATE INDEX request_log_level_idx      ON request_log (log_level, id);
