-- /logs' unfiltered pages: how many rows each block of 1,024 ids holds, kept by the
-- table's own triggers in the same transaction as the rows (so a page's query sees counts
-- and rows from one snapshot). Page P starts in the block where the running count from
-- the newest block passes (P - 1) * per_page; only that block's ids are skipped one by
-- one. A deep page then costs a sum over the blocks (about a thousand per million rows)
-- and under 1,024 index entries, instead of an index walk over every row before it.
-- No row may arrive between the first count and the triggers (another host's log writer).
LOCK TABLE request_log IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE request_log_blocks (
    block bigint PRIMARY KEY,  -- id >> 10
    rows  bigint NOT NULL
);

INSERT INTO request_log_blocks (block, rows)
SELECT id >> 10, count(*) FROM request_log GROUP BY id >> 10;

CREATE FUNCTION request_log_blocks_add() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- In block order, so two writers' batches never wait on each other in a cycle.
    INSERT INTO request_log_blocks AS b (block, rows)
    SELECT id >> 10, count(*) FROM added GROUP BY id >> 10 ORDER BY 1
    ON CONFLICT (block) DO UPDATE SET rows = b.rows + EXCLUDED.rows;
    RETURN NULL;
END
$$;

CREATE FUNCTION request_log_blocks_remove() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- Locked in block order first, as the insert trigger takes them: no deadlock cycle.
    PERFORM 1 FROM request_log_blocks WHERE block IN (SELECT DISTINCT id >> 10 FROM removed) ORDER BY block FOR UPDATE;
    UPDATE request_log_blocks AS b SET rows = b.rows - gone.rows
    FROM (SELECT id >> 10 AS block, count(*) AS rows FROM removed GROUP BY id >> 10) gone
    WHERE b.block = gone.block;
    DELETE FROM request_log_blocks WHERE rows <= 0;
    RETURN NULL;
END
$$;

CREATE FUNCTION request_log_blocks_clear() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM request_log_blocks;
    RETURN NULL;
END
$$;

CREATE TRIGGER request_log_blocks_add AFTER INSERT ON request_log
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION request_log_blocks_add();
CREATE TRIGGER request_log_blocks_remove AFTER DELETE ON request_log
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION request_log_blocks_remove();
CREATE TRIGGER request_log_blocks_clear AFTER TRUNCATE ON request_log
    FOR EACH STATEMENT EXECUTE FUNCTION request_log_blocks_clear();
