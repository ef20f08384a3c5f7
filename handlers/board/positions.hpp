#pragma once
// Dense 0-based positions inside an ordered list (a board's columns, a column's tickets).
// Callers hold the list's lock (board/locks.hpp) for the whole transaction, so the size
// and positions they read stay true until they commit.
#include <optional>

#include "db/connection.hpp"

namespace t2o::board {

// One kind of list. Only the table and parent key differ, so each kind is a set of fixed
// statements rather than SQL assembled at run time.
struct OrderedList {
  const char* size;         // $1 parent -> count(*)
  const char* open_gap;     // $1 parent, $2 position: items at or after it move one down
  const char* close_gap;    // $1 parent, $2 position: items after it move one up
  const char* move_within;  // $1 parent, $2 item id, $3 from, $4 to: the item and those between
};

extern const OrderedList kBoardColumns;
extern const OrderedList kColumnTickets;

// Where an inserted item lands: absent or beyond the end appends.
int insertion_point(std::optional<long long> requested, long long size);
// Where an item moved inside its list lands: absent stays put, beyond the end is last.
int move_target(std::optional<long long> requested, long long size, int current);

long long list_size(db::Transaction& tx, const OrderedList& list, long long parent);
// Makes room at `at` for an item about to be inserted there.
void open_gap(db::Transaction& tx, const OrderedList& list, long long parent, int at);
// Closes the hole an item removed from `at` left behind.
void close_gap(db::Transaction& tx, const OrderedList& list, long long parent, int at);
// Moves `item` from `from` to `to`, shifting the items in between by one.
void move_within(db::Transaction& tx, const OrderedList& list, long long parent, long long item, int from, int to);

}  // namespace t2o::board
