-- Kanban boards (API.md "Board group"): boards hold ordered columns, columns hold ordered
-- tickets. Positions are 0-based and dense within their parent; the handlers keep them so
-- under row locks (handlers/board/positions.cpp).

CREATE TABLE boards (
    id         bigserial PRIMARY KEY,
    name       varchar(200) NOT NULL CHECK (btrim(name) <> ''),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE board_columns (
    id         bigserial PRIMARY KEY,
    board_id   bigint       NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    name       varchar(200) NOT NULL CHECK (btrim(name) <> ''),
    position   integer      NOT NULL CHECK (position >= 0),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    -- Checked at commit: renumbering passes through duplicates mid-transaction. Its index
    -- also serves "columns of a board in order".
    CONSTRAINT board_columns_board_position_key UNIQUE (board_id, position) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE tickets (
    id          bigserial PRIMARY KEY,
    column_id   bigint       NOT NULL REFERENCES board_columns(id) ON DELETE CASCADE,
    title       varchar(200) NOT NULL CHECK (btrim(title) <> ''),
    description text         NOT NULL DEFAULT '' CHECK (char_length(description) <= 10000),
    position    integer      NOT NULL CHECK (position >= 0),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now(),
    -- As above; the index serves "tickets of a column in order" and the whole-board read.
    CONSTRAINT tickets_column_position_key UNIQUE (column_id, position) DEFERRABLE INITIALLY DEFERRED
);
