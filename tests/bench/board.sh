#!/usr/bin/env bash
# Makes a board of 10 columns x 100 tickets in the stack's database ($T2O_VAR_DIR) in one
# statement and prints its id, for tests/bench/run to measure GET /boards/<id> on.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
"$repo/deploy/ctl" psql -X -q -At -v ON_ERROR_STOP=1 <<'SQL'
WITH board AS (
  INSERT INTO boards (name) VALUES ('bench 10x100') RETURNING id
), columns AS (
  INSERT INTO board_columns (board_id, name, position)
  SELECT board.id, 'Column ' || n, n FROM board, generate_series(0, 9) AS n
  RETURNING id
), tickets AS (
  INSERT INTO tickets (column_id, title, description, position)
  SELECT columns.id, 'Ticket ' || n, 'What ticket ' || n || ' is about, in a sentence or two.', n
  FROM columns, generate_series(0, 99) AS n
)
SELECT id FROM board;
SQL
