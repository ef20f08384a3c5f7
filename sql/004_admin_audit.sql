-- Audit entries live in the request log (log_level 'AUDIT') so /logs shows them, with the
-- structured before/after beside the message; indexes for /logs' filters and paging;
-- throttling of error mails.

ALTER TABLE request_log
    ADD COLUMN audit_action varchar(60),
    ADD COLUMN audit_target text,
    ADD COLUMN audit_before jsonb,
    ADD COLUMN audit_after  jsonb;

-- /logs pages newest first, by id; these let each filter page through an index.
CREATE INDEX request_log_user_id_idx ON request_log (user_id, id);
DROP INDEX request_log_user_email_idx;
CREATE INDEX request_log_user_email_idx ON request_log (lower(user_email), id);

-- One mail per distinct unhandled error per 10 minutes (production, ADMIN_EMAILS).
CREATE TABLE error_notifications (
    fingerprint  text PRIMARY KEY,
    last_sent_at timestamptz NOT NULL
);
