#include "board/positions.hpp"

#include <algorithm>

namespace t2o::board {

const OrderedList kBoardColumns{
    .size = "SELECT count(*) AS size FROM board_columns WHERE board_id = $1",
    .open_gap = "UPDATE board_columns SET position = position + 1 WHERE board_id = $1 AND position >= $2",
    .close_gap = "UPDATE board_columns SET position = position - 1 WHERE board_id = $1 AND position > $2",
    .move_within =
        "UPDATE board_columns SET position = CASE WHEN id = $2 THEN $4::integer "
        "  WHEN $3::integer > $4::integer THEN position + 1 ELSE position - 1 END "
        "WHERE board_id = $1 "
        "  AND position BETWEEN least($3::integer, $4::integer) AND greatest($3::integer, $4::integer)",
};

const OrderedList kColumnTickets{
    .size = "SELECT count(*) AS size FROM tickets WHERE column_id = $1",
    .open_gap = "UPDATE tickets SET position = position + 1 WHERE column_id = $1 AND position >= $2",
    .close_gap = "UPDATE tickets SET position = position - 1 WHERE column_id = $1 AND position > $2",
    .move_within =
        "UPDATE tickets SET position = CASE WHEN id = $2 THEN $4::integer "
        "  WHEN $3::integer > $4::integer THEN position + 1 ELSE position - 1 END "
        "WHERE column_id = $1 "
        "  AND position BETWEEN least($3::integer, $4::integer) AND greatest($3::integer, $4::integer)",
};

int insertion_point(std::optional<long long> requested, long long size) {
  return static_cast<int>(std::min(requested.value_or(size), size));
}

int move_target(std::optional<long long> requested, long long size, int current) {
  if (!requested) return current;
  return static_cast<int>(std::min(*requested, std::max(size - 1, 0LL)));
}

long long list_size(db::Transaction& tx, const OrderedList& list, long long parent) {
  return tx.exec(list.size, {parent}).one_row().integer("size");
}

void open_gap(db::Transaction& tx, const OrderedList& list, long long parent, int at) {
  tx.exec(list.open_gap, {parent, at});
}

void close_gap(db::Transaction& tx, const OrderedList& list, long long parent, int at) {
  tx.exec(list.close_gap, {parent, at});
}

void move_within(db::Transaction& tx, const OrderedList& list, long long parent, long long item, int from, int to) {
  if (from == to) return;
  tx.exec(list.move_within, {parent, item, from, to});
}

}  // namespace t2o::board
