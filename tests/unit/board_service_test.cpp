// The board group's services against the real test database: dense positions through
// inserts, moves and deletes (also under concurrent writers), ids that belong elsewhere,
// field rules, and the whole-board read.
#include "board/board_service.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "board/board_view.hpp"
#include "board/column_service.hpp"
#include "board/json_text.hpp"
#include "board/ticket_service.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "board/board_routes.hpp"
#include "service_calls.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o::board {
namespace {

using t2o::testing::count_rows;
using Ids = std::vector<long long>;

// Runs `action`, expects an HttpError with `status`, returns its message.
template <typename Action>
std::string http_error_message(int status, Action action) {
  try {
    action();
  } catch (const HttpError& error) {
    EXPECT_EQ(error.status(), status) << error.what();
    return error.what();
  }
  ADD_FAILURE() << "expected HttpError " << status;
  return "";
}

class BoardServiceTest : public t2o::testing::DatabaseTest {
 protected:
  // GET /boards/<id> through its route, which writes the JSON from board_view().
  std::string board_view_json(db::Connection&, long long board_id) {
    Services services{config, *db, *sessions, nullptr, "board"};
    Context context{services, std::nullopt};
    Request request = t2o::testing::make_request(Method::Get, "/boards/" + std::to_string(board_id));
    request.path_params["board_id"] = std::to_string(board_id);
    return get_board(context, request).body;
  }

  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    db->run("DELETE FROM boards");  // columns and tickets cascade
  }

  long long new_column(long long board, const std::string& name, std::optional<long long> position = std::nullopt) {
    return create_column(*db, board, name, position);
  }
  long long new_ticket(long long column, const std::string& title, std::optional<long long> position = std::nullopt) {
    return create_ticket(*db, column, NewTicket{.title = title, .description = "", .position = position});
  }
  // A board with one column holding tickets t0..t(n-1) in that order.
  Ids column_with_tickets(long long column, int n) {
    Ids ids;
    for (int i = 0; i < n; ++i) ids.push_back(new_ticket(column, "t" + std::to_string(i)));
    return ids;
  }
  void move(long long column, long long ticket, std::optional<long long> position,
            std::optional<long long> target = std::nullopt) {
    update_ticket(*db, column, ticket, TicketChange{.position = position, .column_id = target});
  }

  // Ticket ids of a column in position order, after checking positions are exactly 0..n-1.
  Ids tickets_of(long long column) { return ordered(*db, "tickets", "column_id", column); }
  Ids columns_of(long long board) { return ordered(*db, "board_columns", "board_id", board); }

  static Ids ordered(db::Connection& connection, const std::string& table, const std::string& parent, long long id) {
    // Fixed statements per table: the test keeps to bound values too.
    const char* sql = table == "tickets"
                          ? "SELECT id, position FROM tickets WHERE column_id = $1 ORDER BY position, id"
                          : "SELECT id, position FROM board_columns WHERE board_id = $1 ORDER BY position, id";
    Ids ids;
    int expected = 0;
    for (auto row : connection.exec(sql, {id})) {
      EXPECT_EQ(row.integer(1), expected)
          << table << " of " << parent << " " << id << " are not dense at id " << row.integer(0);
      ++expected;
      ids.push_back(row.integer(0));
    }
    return ids;
  }
};

// --- boards -----------------------------------------------------------------------------

TEST_F(BoardServiceTest, BoardsAreCreatedTrimmedListedRenamedAndDeleted) {
  const long long first = create_board(*db, "  Roadmap  ");
  const long long second = create_board(*db, "Bugs");
  const std::vector<BoardSummary> boards = list_boards(*db);
  ASSERT_EQ(boards.size(), 2u);
  EXPECT_EQ(boards[0].id, first);
  EXPECT_EQ(boards[0].name, "Roadmap");
  EXPECT_EQ(boards[1].name, "Bugs");

  const BoardSummary renamed = rename_board(*db, second, " Defects ");
  EXPECT_EQ(renamed.id, second);
  EXPECT_EQ(renamed.name, "Defects");

  delete_board(*db, first);
  EXPECT_EQ(list_boards(*db).size(), 1u);
  EXPECT_EQ(http_error_message(404, [&] { delete_board(*db, first); }), "Board not found");
  EXPECT_EQ(http_error_message(404, [&] { rename_board(*db, first, "x"); }), "Board not found");
  EXPECT_EQ(http_error_message(404, [&] { board_view_json(*db, first); }), "Board not found");
}

TEST_F(BoardServiceTest, DeletingABoardRemovesItsColumnsAndTickets) {
  const long long board = create_board(*db, "Doomed");
  const long long kept = create_board(*db, "Kept");
  const long long column = new_column(board, "Todo");
  const long long kept_column = new_column(kept, "Todo");
  column_with_tickets(column, 3);
  column_with_tickets(kept_column, 2);
  delete_board(*db, board);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM board_columns WHERE board_id = $1", {board}), 0);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM tickets WHERE column_id = $1", {column}), 0);
  EXPECT_EQ(tickets_of(kept_column).size(), 2u);
}

// --- field rules --------------------------------------------------------------------------

TEST_F(BoardServiceTest, NamesAreTrimmedRequiredAndLengthLimited) {
  EXPECT_EQ(http_error_message(400, [&] { create_board(*db, "   \t"); }), "name is required");
  EXPECT_EQ(http_error_message(400, [&] { create_board(*db, std::string(201, 'x')); }),
            "name must be at most 200 characters");
  // 200 characters of two bytes each: the limit counts characters.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "é";
  const long long board = create_board(*db, accents);
  EXPECT_EQ(list_boards(*db)[0].name, accents);
  EXPECT_EQ(http_error_message(400, [&] { rename_board(*db, board, ""); }), "name is required");

  EXPECT_EQ(http_error_message(400, [&] { new_column(board, " "); }), "name is required");
  EXPECT_EQ(http_error_message(400, [&] { new_column(board, std::string(201, 'c')); }),
            "name must be at most 200 characters");
  const long long column = new_column(board, " Todo ");
  EXPECT_EQ(list_columns(*db, board)[0].name, "Todo");
  EXPECT_EQ(http_error_message(400, [&] { update_column(*db, board, column, ColumnChange{.name = "  "}); }),
            "name is required");

  EXPECT_EQ(http_error_message(400, [&] { new_ticket(column, ""); }), "title is required");
  EXPECT_EQ(http_error_message(400, [&] { new_ticket(column, std::string(201, 't')); }),
            "title must be at most 200 characters");
  EXPECT_EQ(
      http_error_message(
          400, [&] { create_ticket(*db, column, NewTicket{.title = "t", .description = std::string(10001, 'd')}); }),
      "description must be at most 10000 characters");
  // Descriptions are stored exactly as given, markup included: the page escapes them.
  const std::string raw = "  <b>bold</b> & \"quotes\"\n";
  const long long ticket =
      create_ticket(*db, column, NewTicket{.title = "  Fix it ", .description = raw, .position = std::nullopt});
  const std::vector<Ticket> tickets = list_tickets(*db, column);
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].title, "Fix it");
  EXPECT_EQ(tickets[0].description, raw);
  EXPECT_EQ(http_error_message(400, [&] { update_ticket(*db, column, ticket, TicketChange{.title = " "}); }),
            "title is required");
  EXPECT_EQ(http_error_message(
                400, [&] { update_ticket(*db, column, ticket, TicketChange{.description = std::string(10001, 'd')}); }),
            "description must be at most 10000 characters");
}

TEST_F(BoardServiceTest, NegativePositionsAreRefused) {
  const long long board = create_board(*db, "B");
  const long long column = new_column(board, "C");
  const long long ticket = new_ticket(column, "T");
  EXPECT_EQ(http_error_message(400, [&] { new_column(board, "D", -1); }), "position must be zero or greater");
  EXPECT_EQ(http_error_message(400, [&] { new_ticket(column, "U", -1); }), "position must be zero or greater");
  EXPECT_EQ(http_error_message(400, [&] { move(column, ticket, -3); }), "position must be zero or greater");
  EXPECT_EQ(http_error_message(400, [&] { update_column(*db, board, column, ColumnChange{.position = -1}); }),
            "position must be zero or greater");
}

// --- positions -----------------------------------------------------------------------------

TEST_F(BoardServiceTest, InsertingAtAPositionShiftsTheOthers) {
  const long long board = create_board(*db, "B");
  const long long column = new_column(board, "C");
  const Ids t = column_with_tickets(column, 3);  // t0 t1 t2
  const long long middle = new_ticket(column, "middle", 1);
  const long long first = new_ticket(column, "first", 0);
  const long long beyond = new_ticket(column, "beyond", 99);
  const long long at_end = new_ticket(column, "at end", 6);
  EXPECT_EQ(tickets_of(column), (Ids{first, t[0], middle, t[1], t[2], beyond, at_end}));

  const long long c0 = new_column(board, "C0", 0);
  const long long c_last = new_column(board, "Last", 1000000000000LL);
  const long long c1 = new_column(board, "C1", 1);
  EXPECT_EQ(columns_of(board), (Ids{c0, c1, column, c_last}));
}

TEST_F(BoardServiceTest, MovingWithinAColumnRenumbersTheTicketsBetween) {
  const long long board = create_board(*db, "B");
  const long long column = new_column(board, "C");
  const Ids t = column_with_tickets(column, 5);

  move(column, t[1], 3);  // down
  EXPECT_EQ(tickets_of(column), (Ids{t[0], t[2], t[3], t[1], t[4]}));
  move(column, t[4], 0);  // up to the top
  EXPECT_EQ(tickets_of(column), (Ids{t[4], t[0], t[2], t[3], t[1]}));
  move(column, t[4], 50);  // beyond the end: last
  EXPECT_EQ(tickets_of(column), (Ids{t[0], t[2], t[3], t[1], t[4]}));
  move(column, t[2], 1);  // where it already is
  EXPECT_EQ(tickets_of(column), (Ids{t[0], t[2], t[3], t[1], t[4]}));
  move(column, t[3], std::nullopt);  // no position: stays
  EXPECT_EQ(tickets_of(column), (Ids{t[0], t[2], t[3], t[1], t[4]}));

  const TicketState moved = update_ticket(*db, column, t[0], TicketChange{.title = "renamed", .position = 2});
  EXPECT_EQ(moved.ticket.id, t[0]);
  EXPECT_EQ(moved.ticket.title, "renamed");
  EXPECT_EQ(moved.ticket.description, "");
  EXPECT_EQ(moved.ticket.position, 2);
  EXPECT_EQ(moved.column_id, column);
  EXPECT_GT(moved.created_at.micros, 0);
  EXPECT_GE(moved.updated_at.micros, moved.created_at.micros);
  EXPECT_EQ(tickets_of(column), (Ids{t[2], t[3], t[0], t[1], t[4]}));
}

TEST_F(BoardServiceTest, MovingAcrossColumnsRenumbersBoth) {
  const long long board = create_board(*db, "B");
  const long long todo = new_column(board, "Todo");
  const long long done = new_column(board, "Done");
  const Ids a = column_with_tickets(todo, 4);
  const Ids b = column_with_tickets(done, 3);

  move(todo, a[1], 1, done);
  EXPECT_EQ(tickets_of(todo), (Ids{a[0], a[2], a[3]}));
  EXPECT_EQ(tickets_of(done), (Ids{b[0], a[1], b[1], b[2]}));

  move(todo, a[0], std::nullopt, done);  // no position: appended
  EXPECT_EQ(tickets_of(todo), (Ids{a[2], a[3]}));
  EXPECT_EQ(tickets_of(done), (Ids{b[0], a[1], b[1], b[2], a[0]}));

  move(done, b[0], 0, todo);
  EXPECT_EQ(tickets_of(todo), (Ids{b[0], a[2], a[3]}));
  EXPECT_EQ(tickets_of(done), (Ids{a[1], b[1], b[2], a[0]}));

  // The answer names the new column; the ticket is gone from the old path.
  const TicketState moved = update_ticket(*db, todo, a[3], TicketChange{.position = 99, .column_id = done});
  EXPECT_EQ(moved.column_id, done);
  EXPECT_EQ(moved.ticket.position, 4);
  EXPECT_EQ(http_error_message(404, [&] { move(todo, a[3], 0); }), "Ticket not found");
}

TEST_F(BoardServiceTest, MovingColumnsRenumbersTheBoard) {
  const long long board = create_board(*db, "B");
  const Ids c = {new_column(board, "a"), new_column(board, "b"), new_column(board, "c"), new_column(board, "d")};
  const Column moved = update_column(*db, board, c[0], ColumnChange{.position = 2});
  EXPECT_EQ(moved.position, 2);
  EXPECT_EQ(moved.name, "a");
  EXPECT_EQ(columns_of(board), (Ids{c[1], c[2], c[0], c[3]}));
  update_column(*db, board, c[3], ColumnChange{.name = "D", .position = 0});
  EXPECT_EQ(columns_of(board), (Ids{c[3], c[1], c[2], c[0]}));
  const std::vector<Column> listed = list_columns(*db, board);
  ASSERT_EQ(listed.size(), 4u);
  EXPECT_EQ(listed[0].name, "D");
  EXPECT_EQ(listed[0].position, 0);
}

TEST_F(BoardServiceTest, DeletingClosesTheGap) {
  const long long board = create_board(*db, "B");
  const long long column = new_column(board, "C");
  const long long other = new_column(board, "Other");
  const long long last = new_column(board, "Last");
  const Ids t = column_with_tickets(column, 4);
  delete_ticket(*db, column, t[1]);
  EXPECT_EQ(tickets_of(column), (Ids{t[0], t[2], t[3]}));
  delete_ticket(*db, column, t[0]);
  EXPECT_EQ(tickets_of(column), (Ids{t[2], t[3]}));
  EXPECT_EQ(http_error_message(404, [&] { delete_ticket(*db, column, t[0]); }), "Ticket not found");

  delete_column(*db, board, column);
  EXPECT_EQ(columns_of(board), (Ids{other, last}));
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM tickets WHERE column_id = $1", {column}), 0);
}

// --- ids that belong elsewhere ---------------------------------------------------------------

TEST_F(BoardServiceTest, IdsOfAnotherBoardOrColumnAreNotFound) {
  const long long mine = create_board(*db, "Mine");
  const long long theirs = create_board(*db, "Theirs");
  const long long my_column = new_column(mine, "Todo");
  const long long my_other_column = new_column(mine, "Done");
  const long long their_column = new_column(theirs, "Todo");
  const long long my_ticket = new_ticket(my_column, "mine");
  const long long their_ticket = new_ticket(their_column, "theirs");
  const long long unknown = 999999999;

  EXPECT_EQ(http_error_message(404, [&] { list_columns(*db, unknown); }), "Board not found");
  EXPECT_EQ(http_error_message(404, [&] { new_column(unknown, "x"); }), "Board not found");
  EXPECT_EQ(http_error_message(404, [&] { update_column(*db, mine, their_column, ColumnChange{.name = "x"}); }),
            "Column not found");
  EXPECT_EQ(http_error_message(404, [&] { delete_column(*db, mine, their_column); }), "Column not found");
  EXPECT_EQ(http_error_message(404, [&] { update_column(*db, unknown, my_column, ColumnChange{}); }),
            "Board not found");

  EXPECT_EQ(http_error_message(404, [&] { list_tickets(*db, unknown); }), "Column not found");
  EXPECT_EQ(http_error_message(404, [&] { new_ticket(unknown, "x"); }), "Column not found");
  EXPECT_EQ(http_error_message(404, [&] { move(my_column, their_ticket, 0); }), "Ticket not found");
  EXPECT_EQ(http_error_message(404, [&] { move(my_other_column, my_ticket, 0); }), "Ticket not found");
  EXPECT_EQ(http_error_message(404, [&] { delete_ticket(*db, my_column, their_ticket); }), "Ticket not found");
  EXPECT_EQ(http_error_message(404, [&] { move(my_column, my_ticket, 0, their_column); }), "Column not found");
  EXPECT_EQ(http_error_message(404, [&] { move(my_column, my_ticket, 0, unknown); }), "Column not found");

  // Nothing moved or changed name.
  EXPECT_EQ(tickets_of(my_column), (Ids{my_ticket}));
  EXPECT_EQ(tickets_of(their_column), (Ids{their_ticket}));
  EXPECT_EQ(list_columns(*db, theirs)[0].name, "Todo");
}

// --- the whole board ---------------------------------------------------------------------------

TEST_F(BoardServiceTest, BoardViewNestsOrderedColumnsAndTickets) {
  const long long board = create_board(*db, "Sprint");
  const long long done = new_column(board, "Done");
  const long long todo = new_column(board, "Todo", 0);
  const long long empty = new_column(board, "Empty");
  const long long second = new_ticket(todo, "second");
  const long long first = new_ticket(todo, "first", 0);
  const long long shipped = new_ticket(done, "shipped");

  const Json::Value view = json::parse(board_view_json(*db, board));
  EXPECT_EQ(view["success"], Json::Value(true));
  EXPECT_EQ(view["id"].asInt64(), board);
  EXPECT_EQ(view["name"].asString(), "Sprint");
  const Json::Value& columns = view["columns"];
  ASSERT_EQ(columns.size(), 3u);
  EXPECT_EQ(columns[0]["id"].asInt64(), todo);
  EXPECT_EQ(columns[1]["id"].asInt64(), done);
  EXPECT_EQ(columns[2]["id"].asInt64(), empty);
  for (Json::ArrayIndex i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(columns[i]["position"].asInt(), static_cast<int>(i));
    EXPECT_TRUE(columns[i]["tickets"].isArray());
  }
  ASSERT_EQ(columns[0]["tickets"].size(), 2u);
  EXPECT_EQ(columns[0]["tickets"][0]["id"].asInt64(), first);
  EXPECT_EQ(columns[0]["tickets"][1]["id"].asInt64(), second);
  EXPECT_EQ(columns[0]["tickets"][1]["position"].asInt(), 1);
  ASSERT_EQ(columns[1]["tickets"].size(), 1u);
  const Json::Value& ticket = columns[1]["tickets"][0];
  EXPECT_EQ(ticket["id"].asInt64(), shipped);
  EXPECT_EQ(ticket["title"].asString(), "shipped");
  EXPECT_EQ(ticket["description"].asString(), "");
  EXPECT_TRUE(ticket["created_at"].isString());
  EXPECT_TRUE(ticket["updated_at"].isString());
  EXPECT_EQ(columns[2]["tickets"].size(), 0u);

  const Json::Value bare = json::parse(board_view_json(*db, create_board(*db, "Bare")));
  EXPECT_TRUE(bare["columns"].isArray());
  EXPECT_EQ(bare["columns"].size(), 0u);
}

TEST_F(BoardServiceTest, BoardViewTextSurvivesAnyCharacters) {
  const std::string awkward =
      "quote \" backslash \\ slash / tab \t newline \n cr \r bell \a nul-free \x01\x1f "
      "<script>alert(1)</script> & ünïcødé ✓ 😀";
  const long long board = create_board(*db, "Board \"quoted\" \\ ✓");
  const long long column = new_column(board, "Col \t tab");
  create_ticket(*db, column, NewTicket{.title = "Title \u00e9 \\", .description = awkward});
  const Json::Value view = json::parse(board_view_json(*db, board));
  EXPECT_EQ(view["name"].asString(), "Board \"quoted\" \\ ✓");
  EXPECT_EQ(view["columns"][0]["name"].asString(), "Col \t tab");
  EXPECT_EQ(view["columns"][0]["tickets"][0]["title"].asString(), "Title \u00e9 \\");
  EXPECT_EQ(view["columns"][0]["tickets"][0]["description"].asString(), awkward);
  // The escaper alone round-trips through the strict parser too.
  std::string written;
  append_json_string(written, awkward);
  EXPECT_EQ(json::parse("[" + written + "]")[0].asString(), awkward);
}

// --- concurrent writers --------------------------------------------------------------------------

// Where the ticket is now (0: deleted).
long long current_column(db::Connection& connection, long long ticket) {
  const auto row = connection.exec("SELECT column_id FROM tickets WHERE id = $1", {ticket}).optional_row();
  return row ? row->integer(0) : 0;
}

// Runs `threads` workers, each with its own connection (as separate handler processes
// have); returns what escaped them.
template <typename Work>
std::vector<std::string> run_workers(int threads, Work work) {
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  std::vector<std::thread> workers;
  for (int n = 0; n < threads; ++n) {
    workers.emplace_back([&, n] {
      try {
        db::Connection connection(t2o::testing::test_database_url());
        work(connection, n);
      } catch (const std::exception& error) {
        std::lock_guard lock(failures_mutex);
        failures.push_back(error.what());
      }
    });
  }
  for (auto& worker : workers) worker.join();
  return failures;
}

TEST_F(BoardServiceTest, RacingMovesInOneColumnLeaveExactlyZeroToNMinusOne) {
  const long long board = create_board(*db, "Race");
  const long long column = new_column(board, "Hot");
  const Ids t = column_with_tickets(column, 12);
  const auto failures = run_workers(8, [&](db::Connection& connection, int n) {
    std::mt19937 random(static_cast<unsigned>(n) * 7919u + 1);
    for (int i = 0; i < 40; ++i) {
      const long long ticket = t[random() % t.size()];
      const long long position = random() % (t.size() + 2);  // sometimes beyond the end
      update_ticket(connection, column, ticket, TicketChange{.position = position});
    }
  });
  EXPECT_TRUE(failures.empty()) << failures.front();
  const Ids after = tickets_of(column);  // checks 0..n-1
  EXPECT_EQ(std::set<long long>(after.begin(), after.end()), std::set<long long>(t.begin(), t.end()));
}

TEST_F(BoardServiceTest, RacingMovesAcrossColumnsInsertsDeletesAndColumnMovesStayDense) {
  const long long board = create_board(*db, "Race");
  const Ids columns = {new_column(board, "A"), new_column(board, "B"), new_column(board, "C")};
  Ids tickets;
  for (long long column : columns) {
    for (long long id : column_with_tickets(column, 6)) tickets.push_back(id);
  }
  std::atomic<int> created{0}, deleted{0};
  const auto failures = run_workers(8, [&](db::Connection& connection, int n) {
    std::mt19937 random(static_cast<unsigned>(n) * 104729u + 3);
    for (int i = 0; i < 40; ++i) {
      const long long ticket = tickets[random() % tickets.size()];
      const long long target = columns[random() % columns.size()];
      const long long position = random() % 8;
      try {
        switch (random() % 10) {
          case 0: {  // another writer reorders the columns of the same board
            update_column(connection, board, target,
                          ColumnChange{.position = position % static_cast<long long>(columns.size())});
            break;
          }
          case 1: {
            create_ticket(connection, target, NewTicket{.title = "new", .description = "", .position = position});
            ++created;
            break;
          }
          case 2: {
            const long long from = current_column(connection, ticket);
            delete_ticket(connection, from, ticket);
            ++deleted;
            break;
          }
          default: {
            // Read where it is now; another worker may move it first, which is a 404.
            const long long from = current_column(connection, ticket);
            update_ticket(connection, from, ticket, TicketChange{.position = position, .column_id = target});
          }
        }
      } catch (const NotFound&) {
        // Lost a race for that ticket (moved or deleted meanwhile): expected, not an error.
      }
    }
  });
  EXPECT_TRUE(failures.empty()) << failures.front();
  long long total = 0;
  for (long long column : columns) total += static_cast<long long>(tickets_of(column).size());
  EXPECT_EQ(total, static_cast<long long>(tickets.size()) + created.load() - deleted.load());
  columns_of(board);  // checks 0..n-1
}

}  // namespace
}  // namespace t2o::board
