// The board group through nginx (API.md "Board group"): every verb on /boards,
// /boards/<id>/columns and /columns/<id>/tickets, GET /boards/<id>; the session, CSRF and
// `edit` guards; 404 for ids elsewhere; 400 for bad input; dense positions after moves,
// also when 50 moves race at one column.
#include <gtest/gtest.h>

#include <initializer_list>
#include <latch>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "http_client.hpp"
#include "stack_sql.hpp"
#include "test_support.hpp"
#include "util/text.hpp"

namespace t2o::it {
namespace {

using Ids = std::vector<long long>;

constexpr const char* kUnauthorized = "Unauthorized access";
const std::set<std::string> kCreatedFields = {"success", "id"};
const std::set<std::string> kTicketFields = {"id", "title", "description", "position"};
const std::set<std::string> kUpdatedTicketFields = {"success",  "id",        "title",      "description",
                                                    "position", "column_id", "created_at", "updated_at"};

// A logged-in user and the header its writes carry.
struct Session {
  Client client;
  std::string csrf;
  Headers csrf_header() const { return {{"X-CSRFToken", csrf}}; }

  Response get(const std::string& path) { return client.get(path); }
  Response post(const std::string& path, const Json::Value& body) {
    return client.post_json(path, body, csrf_header());
  }
  Response put(const std::string& path, const Json::Value& body) {
    return client.put(path, json_text(body), "application/json", csrf_header());
  }
  Response del(const std::string& path, const Json::Value& body) {
    return client.del(path, json_text(body), "application/json", csrf_header());
  }
  // A raw body, for malformed JSON.
  Response send(const std::string& method, const std::string& path, const std::string& body) {
    return client.request(method, path, body, "application/json", csrf_header());
  }
};

Json::Value fields(std::initializer_list<std::pair<const char*, Json::Value>> members) {
  Json::Value object(Json::objectValue);
  for (const auto& [name, value] : members) object[name] = value;
  return object;
}
Json::Value id_body(long long id) { return fields({{"id", static_cast<Json::Int64>(id)}}); }

std::string columns_path(long long board) { return "/boards/" + std::to_string(board) + "/columns"; }
std::string tickets_path(long long column) { return "/columns/" + std::to_string(column) + "/tickets"; }

// The id of a 201 {"success":true,"id":N} answer, or -1 (with a failure recorded).
long long created_id(const Response& r) {
  if (!IsSuccess(r, 201)) {
    ADD_FAILURE() << "expected 201: " << r.describe();
    return -1;
  }
  EXPECT_EQ(member_names(*r.json), kCreatedFields) << r.describe();
  return (*r.json)["id"].isIntegral() ? (*r.json)["id"].asInt64() : -1;
}

// Ids of a GET list in order, after checking it is a bare array with positions 0..n-1.
Ids ordered_ids(const Response& r) {
  Ids ids;
  if (!HasStatus(r, 200) || !r.json || !r.json->isArray()) {
    ADD_FAILURE() << "expected a 200 JSON array: " << r.describe();
    return ids;
  }
  for (const auto& item : *r.json) {
    EXPECT_EQ(item["position"].asInt64(), static_cast<long long>(ids.size()))
        << "positions not dense: " << r.describe();
    ids.push_back(item["id"].asInt64());
  }
  return ids;
}

class BoardTest : public ::testing::Test {
 protected:
  // Created once: an editor (role User, which has `edit`) and a reader whose roles are
  // removed, so it has a session but no `edit`.
  static void SetUpTestSuite() {
    if (!env_problem().empty() || !sql_problem().empty()) return;
    editor_ = new Session;
    reader_ = new Session;
    log_in_new_user(*editor_, "bed");
    log_in_new_user(*reader_, "brd");
    try {
      stack_db().exec("DELETE FROM user_roles WHERE user_id = (SELECT id FROM users WHERE username = $1)",
                      {reader_username_});
    } catch (const std::exception& error) {
      setup_problem_ = std::string("removing the reader's roles failed: ") + error.what();
    }
  }
  static void TearDownTestSuite() {
    delete editor_;
    delete reader_;
    editor_ = reader_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(env_problem().empty()) << env_problem();
    ASSERT_TRUE(sql_problem().empty()) << sql_problem();
    ASSERT_TRUE(setup_problem_.empty()) << setup_problem_;
    ASSERT_TRUE(editor_ && !editor_->csrf.empty());
    ASSERT_TRUE(reader_ && !reader_->csrf.empty());
  }

  Session& editor() { return *editor_; }
  Session& reader() { return *reader_; }

  long long new_board(const std::string& name = "Board") {
    return created_id(editor().post("/boards", fields({{"name", name}})));
  }
  long long new_column(long long board, const std::string& name, std::optional<long long> position = std::nullopt) {
    Json::Value body = fields({{"name", name}});
    if (position) body["position"] = static_cast<Json::Int64>(*position);
    return created_id(editor().post(columns_path(board), body));
  }
  long long new_ticket(long long column, const std::string& title, std::optional<long long> position = std::nullopt) {
    Json::Value body = fields({{"title", title}, {"description", "about " + title}});
    if (position) body["position"] = static_cast<Json::Int64>(*position);
    return created_id(editor().post(tickets_path(column), body));
  }
  Ids tickets_of(long long column) { return ordered_ids(editor().get(tickets_path(column))); }
  Ids columns_of(long long board) { return ordered_ids(editor().get(columns_path(board))); }

  static Session* editor_;
  static Session* reader_;

 private:
  static void log_in_new_user(Session& session, const std::string& tag) {
    const Identity id = unique_identity(tag);
    if (const std::string problem = create_verified_user(session.client, id); !problem.empty()) {
      setup_problem_ = problem;
      return;
    }
    const Response login = login_json(session.client, id.username, id.password);
    if (login.status != 200 || !login.json || !(*login.json)["csrf_token"].isString()) {
      setup_problem_ = "login failed: " + login.describe();
      return;
    }
    session.csrf = (*login.json)["csrf_token"].asString();
    if (tag == "brd") reader_username_ = id.username;
  }

  static inline std::string setup_problem_;
  static inline std::string reader_username_;
};

Session* BoardTest::editor_ = nullptr;
Session* BoardTest::reader_ = nullptr;

// --- guards ------------------------------------------------------------------------------------

TEST_F(BoardTest, ReadingAndWritingNeedASession) {
  const long long board = new_board();
  ASSERT_GT(board, 0);
  const long long column = new_column(board, "Todo");
  ASSERT_GT(column, 0);
  Client anonymous;
  EXPECT_TRUE(IsError(anonymous.get("/boards/" + std::to_string(board)), 401, kLoginRequired));
  for (const std::string& path : {std::string("/boards"), columns_path(board), tickets_path(column)}) {
    EXPECT_TRUE(IsError(anonymous.get(path), 401, kLoginRequired)) << path;
    for (const char* method : {"POST", "PUT", "DELETE"}) {
      EXPECT_TRUE(IsError(anonymous.request(method, path, "{}", "application/json", {{"X-CSRFToken", "x"}}), 401,
                          kLoginRequired))
          << method << " " << path;
    }
  }
}

TEST_F(BoardTest, WritesNeedTheCsrfHeader) {
  const long long board = new_board("csrf");
  ASSERT_GT(board, 0);
  const long long column = new_column(board, "Todo");
  const long long ticket = new_ticket(column, "t");
  const std::vector<std::pair<std::string, Json::Value>> writes = {
      {"/boards", fields({{"name", "x"}, {"id", static_cast<Json::Int64>(board)}})},
      {columns_path(board), fields({{"name", "x"}, {"id", static_cast<Json::Int64>(column)}})},
      {tickets_path(column), fields({{"title", "x"}, {"id", static_cast<Json::Int64>(ticket)}})},
  };
  for (const auto& [path, body] : writes) {
    for (const char* method : {"POST", "PUT", "DELETE"}) {
      EXPECT_TRUE(
          IsError(editor().client.request(method, path, json_text(body), "application/json", {}), 403, kCsrfFailed))
          << method << " " << path;
      EXPECT_TRUE(IsError(
          editor().client.request(method, path, json_text(body), "application/json", {{"X-CSRFToken", "wrong"}}), 403,
          kCsrfFailed))
          << method << " " << path;
    }
  }
  // Nothing changed.
  EXPECT_EQ(columns_of(board), (Ids{column}));
  EXPECT_EQ(tickets_of(column), (Ids{ticket}));
}

TEST_F(BoardTest, WritesNeedTheEditPermissionReadsDoNot) {
  const long long board = new_board("perm");
  ASSERT_GT(board, 0);
  const long long column = new_column(board, "Todo");
  const long long ticket = new_ticket(column, "t");
  // Reads work with a bare session.
  EXPECT_TRUE(HasStatus(reader().get("/boards"), 200));
  EXPECT_TRUE(IsSuccess(reader().get("/boards/" + std::to_string(board)), 200));
  EXPECT_EQ(ordered_ids(reader().get(columns_path(board))), (Ids{column}));
  EXPECT_EQ(ordered_ids(reader().get(tickets_path(column))), (Ids{ticket}));
  // Every write is refused.
  EXPECT_TRUE(IsError(reader().post("/boards", fields({{"name", "nope"}})), 403, kUnauthorized));
  EXPECT_TRUE(IsError(reader().put("/boards", fields({{"id", static_cast<Json::Int64>(board)}, {"name", "nope"}})), 403,
                      kUnauthorized));
  EXPECT_TRUE(IsError(reader().del("/boards", id_body(board)), 403, kUnauthorized));
  EXPECT_TRUE(IsError(reader().post(columns_path(board), fields({{"name", "nope"}})), 403, kUnauthorized));
  EXPECT_TRUE(
      IsError(reader().put(columns_path(board), fields({{"id", static_cast<Json::Int64>(column)}, {"name", "nope"}})),
              403, kUnauthorized));
  EXPECT_TRUE(IsError(reader().del(columns_path(board), id_body(column)), 403, kUnauthorized));
  EXPECT_TRUE(IsError(reader().post(tickets_path(column), fields({{"title", "nope"}})), 403, kUnauthorized));
  EXPECT_TRUE(
      IsError(reader().put(tickets_path(column), fields({{"id", static_cast<Json::Int64>(ticket)}, {"position", 0}})),
              403, kUnauthorized));
  EXPECT_TRUE(IsError(reader().del(tickets_path(column), id_body(ticket)), 403, kUnauthorized));
  // Nothing changed.
  const Response view = editor().get("/boards/" + std::to_string(board));
  ASSERT_TRUE(IsSuccess(view, 200));
  EXPECT_EQ((*view.json)["name"].asString(), "perm");
  EXPECT_EQ(tickets_of(column), (Ids{ticket}));
  EXPECT_EQ(columns_of(board), (Ids{column}));
}

TEST_F(BoardTest, WrongMethodIs405WithAllow) {
  const Response r = editor().send("PATCH", "/boards", "{}");
  EXPECT_TRUE(IsError(r, 405)) << r.describe();
  const std::string allow = r.header("Allow");
  std::set<std::string> allowed;
  for (std::string_view method : text::split(allow, ',')) allowed.emplace(text::trim(method));
  for (const char* method : {"GET", "POST", "PUT", "DELETE"}) EXPECT_TRUE(allowed.count(method)) << allow;
  EXPECT_FALSE(allowed.count("PATCH")) << allow;
  // The whole-board path is read-only.
  const Response write = editor().send("PUT", "/boards/" + std::to_string(new_board("ro")), "{}");
  EXPECT_TRUE(IsError(write, 405)) << write.describe();
}

// --- /boards -----------------------------------------------------------------------------------

TEST_F(BoardTest, BoardsCreateListRenameDelete) {
  const long long board = new_board("  Roadmap  ");
  ASSERT_GT(board, 0);
  const Response list = editor().get("/boards");
  ASSERT_TRUE(HasStatus(list, 200));
  ASSERT_TRUE(list.json && list.json->isArray()) << list.describe();
  bool found = false;
  for (const auto& item : *list.json) {
    EXPECT_EQ(member_names(item), (std::set<std::string>{"id", "name"})) << json_text(item);
    if (item["id"].asInt64() == board) {
      found = true;
      EXPECT_EQ(item["name"].asString(), "Roadmap") << "names are trimmed";
    }
  }
  EXPECT_TRUE(found) << list.describe();

  const Response renamed =
      editor().put("/boards", fields({{"id", static_cast<Json::Int64>(board)}, {"name", " Plan "}}));
  ASSERT_TRUE(IsSuccess(renamed, 200));
  EXPECT_EQ(member_names(*renamed.json), (std::set<std::string>{"success", "id", "name"}));
  EXPECT_EQ((*renamed.json)["id"].asInt64(), board);
  EXPECT_EQ((*renamed.json)["name"].asString(), "Plan");

  const Response deleted = editor().del("/boards", id_body(board));
  EXPECT_TRUE(HasStatus(deleted, 204));
  EXPECT_EQ(deleted.body, "");
  EXPECT_TRUE(IsError(editor().del("/boards", id_body(board)), 404, "Board not found"));
  EXPECT_TRUE(IsError(editor().put("/boards", fields({{"id", static_cast<Json::Int64>(board)}, {"name", "x"}})), 404,
                      "Board not found"));
  EXPECT_TRUE(IsError(editor().get("/boards/" + std::to_string(board)), 404, "Board not found"));
}

TEST_F(BoardTest, DeletingABoardTakesItsColumnsAndTickets) {
  const long long board = new_board("doomed");
  ASSERT_GT(board, 0);
  const long long column = new_column(board, "Todo");
  new_ticket(column, "a");
  new_ticket(column, "b");
  EXPECT_TRUE(HasStatus(editor().del("/boards", id_body(board)), 204));
  EXPECT_TRUE(IsError(editor().get(columns_path(board)), 404, "Board not found"));
  EXPECT_TRUE(IsError(editor().get(tickets_path(column)), 404, "Column not found"));
}

// --- /boards/<id>/columns ------------------------------------------------------------------------

TEST_F(BoardTest, ColumnsInsertMoveRenameDeleteStayDense) {
  const long long board = new_board("columns");
  ASSERT_GT(board, 0);
  const long long b = new_column(board, "B");
  const long long d = new_column(board, "D");
  const long long a = new_column(board, "A", 0);
  const long long c = new_column(board, "C", 2);
  const long long e = new_column(board, "E", 99);
  EXPECT_EQ(columns_of(board), (Ids{a, b, c, d, e}));
  const Response list = editor().get(columns_path(board));
  ASSERT_TRUE(list.json && list.json->isArray() && list.json->size() == 5u) << list.describe();
  EXPECT_EQ(member_names((*list.json)[0]), (std::set<std::string>{"id", "name", "position"}));
  EXPECT_EQ((*list.json)[2]["name"].asString(), "C");

  const Response moved = editor().put(columns_path(board),
                                      fields({{"id", static_cast<Json::Int64>(a)}, {"position", 3}, {"name", " A2 "}}));
  ASSERT_TRUE(IsSuccess(moved, 200));
  EXPECT_EQ(member_names(*moved.json), (std::set<std::string>{"success", "id", "name", "position"}));
  EXPECT_EQ((*moved.json)["name"].asString(), "A2");
  EXPECT_EQ((*moved.json)["position"].asInt(), 3);
  EXPECT_EQ(columns_of(board), (Ids{b, c, d, a, e}));

  const Response renamed =
      editor().put(columns_path(board), fields({{"id", static_cast<Json::Int64>(e)}, {"name", "Z"}}));
  ASSERT_TRUE(IsSuccess(renamed, 200));
  EXPECT_EQ((*renamed.json)["position"].asInt(), 4);

  EXPECT_TRUE(HasStatus(editor().del(columns_path(board), id_body(c)), 204));
  EXPECT_EQ(columns_of(board), (Ids{b, d, a, e}));
  EXPECT_TRUE(IsError(editor().del(columns_path(board), id_body(c)), 404, "Column not found"));
}

// --- /columns/<id>/tickets -------------------------------------------------------------------------

TEST_F(BoardTest, TicketsInsertMoveAcrossColumnsEditDelete) {
  const long long board = new_board("tickets");
  ASSERT_GT(board, 0);
  const long long todo = new_column(board, "Todo");
  const long long done = new_column(board, "Done");
  const long long t0 = new_ticket(todo, "t0");
  const long long t2 = new_ticket(todo, "t2");
  const long long t1 = new_ticket(todo, "t1", 1);
  const long long d0 = new_ticket(done, "d0");
  EXPECT_EQ(tickets_of(todo), (Ids{t0, t1, t2}));

  const Response list = editor().get(tickets_path(todo));
  ASSERT_TRUE(list.json && list.json->isArray() && list.json->size() == 3u) << list.describe();
  EXPECT_EQ(member_names((*list.json)[0]), kTicketFields);
  EXPECT_EQ((*list.json)[1]["title"].asString(), "t1");
  EXPECT_EQ((*list.json)[1]["description"].asString(), "about t1");

  // Within the column.
  EXPECT_TRUE(IsSuccess(
      editor().put(tickets_path(todo), fields({{"id", static_cast<Json::Int64>(t0)}, {"position", 2}})), 200));
  EXPECT_EQ(tickets_of(todo), (Ids{t1, t2, t0}));

  // Across columns: both renumbered; the answer is the whole ticket.
  const Response moved = editor().put(tickets_path(todo), fields({{"id", static_cast<Json::Int64>(t2)},
                                                                  {"column_id", static_cast<Json::Int64>(done)},
                                                                  {"position", 0},
                                                                  {"title", " Shipped "},
                                                                  {"description", "<i>as given</i>"}}));
  ASSERT_TRUE(IsSuccess(moved, 200));
  EXPECT_EQ(member_names(*moved.json), kUpdatedTicketFields);
  EXPECT_EQ((*moved.json)["id"].asInt64(), t2);
  EXPECT_EQ((*moved.json)["column_id"].asInt64(), done);
  EXPECT_EQ((*moved.json)["position"].asInt(), 0);
  EXPECT_EQ((*moved.json)["title"].asString(), "Shipped");
  EXPECT_EQ((*moved.json)["description"].asString(), "<i>as given</i>");
  EXPECT_TRUE((*moved.json)["created_at"].isString());
  EXPECT_TRUE((*moved.json)["updated_at"].isString());
  EXPECT_EQ(tickets_of(todo), (Ids{t1, t0}));
  EXPECT_EQ(tickets_of(done), (Ids{t2, d0}));

  // Across without a position: appended.
  EXPECT_TRUE(IsSuccess(editor().put(tickets_path(todo), fields({{"id", static_cast<Json::Int64>(t1)},
                                                                 {"column_id", static_cast<Json::Int64>(done)}})),
                        200));
  EXPECT_EQ(tickets_of(todo), (Ids{t0}));
  EXPECT_EQ(tickets_of(done), (Ids{t2, d0, t1}));
  // The old path no longer has it.
  EXPECT_TRUE(IsError(editor().put(tickets_path(todo), fields({{"id", static_cast<Json::Int64>(t1)}, {"position", 0}})),
                      404, "Ticket not found"));

  EXPECT_TRUE(HasStatus(editor().del(tickets_path(done), id_body(d0)), 204));
  EXPECT_EQ(tickets_of(done), (Ids{t2, t1}));
  EXPECT_TRUE(IsError(editor().del(tickets_path(done), id_body(d0)), 404, "Ticket not found"));
}

// --- GET /boards/<id> --------------------------------------------------------------------------------

TEST_F(BoardTest, WholeBoardInOneResponse) {
  const long long board = new_board("Sprint 7");
  ASSERT_GT(board, 0);
  const long long done = new_column(board, "Done");
  const long long todo = new_column(board, "Todo", 0);
  const long long empty = new_column(board, "Empty");
  const long long second = new_ticket(todo, "second");
  const long long first = new_ticket(todo, "first", 0);
  const long long shipped = new_ticket(done, "shipped");

  const Response r = editor().get("/boards/" + std::to_string(board));
  ASSERT_TRUE(IsSuccess(r, 200));
  const Json::Value& view = *r.json;
  EXPECT_EQ(member_names(view), (std::set<std::string>{"success", "id", "name", "columns"}));
  EXPECT_EQ(view["id"].asInt64(), board);
  EXPECT_EQ(view["name"].asString(), "Sprint 7");
  const Json::Value& columns = view["columns"];
  ASSERT_TRUE(columns.isArray() && columns.size() == 3u) << r.describe();
  const Ids expected_columns = {todo, done, empty};
  for (Json::ArrayIndex i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(member_names(columns[i]), (std::set<std::string>{"id", "name", "position", "tickets"}));
    EXPECT_EQ(columns[i]["id"].asInt64(), expected_columns[i]);
    EXPECT_EQ(columns[i]["position"].asInt(), static_cast<int>(i));
    EXPECT_TRUE(columns[i]["tickets"].isArray());
  }
  ASSERT_EQ(columns[0]["tickets"].size(), 2u);
  EXPECT_EQ(columns[0]["tickets"][0]["id"].asInt64(), first);
  EXPECT_EQ(columns[0]["tickets"][1]["id"].asInt64(), second);
  const Json::Value& ticket = columns[1]["tickets"][0];
  EXPECT_EQ(member_names(ticket),
            (std::set<std::string>{"id", "title", "description", "position", "created_at", "updated_at"}));
  EXPECT_EQ(ticket["id"].asInt64(), shipped);
  EXPECT_EQ(ticket["position"].asInt(), 0);
  EXPECT_EQ(columns[2]["tickets"].size(), 0u);
}

// --- ids that are unknown or belong elsewhere -----------------------------------------------------------

TEST_F(BoardTest, UnknownIdsAndIdsElsewhereAre404) {
  const long long mine = new_board("mine");
  const long long theirs = new_board("theirs");
  ASSERT_GT(mine, 0);
  ASSERT_GT(theirs, 0);
  const long long my_column = new_column(mine, "Todo");
  const long long my_other = new_column(mine, "Done");
  const long long their_column = new_column(theirs, "Todo");
  const long long my_ticket = new_ticket(my_column, "mine");
  const long long their_ticket = new_ticket(their_column, "theirs");
  const long long unknown = 987654321987LL;
  auto id_and = [](long long id, const char* name, Json::Value value) {
    Json::Value body = id_body(id);
    body[name] = value;
    return body;
  };

  EXPECT_TRUE(IsError(editor().get("/boards/" + std::to_string(unknown)), 404, "Board not found"));
  EXPECT_TRUE(IsError(editor().get(columns_path(unknown)), 404, "Board not found"));
  EXPECT_TRUE(IsError(editor().post(columns_path(unknown), fields({{"name", "x"}})), 404, "Board not found"));
  EXPECT_TRUE(IsError(editor().put("/boards", id_and(unknown, "name", "x")), 404, "Board not found"));
  EXPECT_TRUE(IsError(editor().del("/boards", id_body(unknown)), 404, "Board not found"));
  // A column of another board.
  EXPECT_TRUE(IsError(editor().put(columns_path(mine), id_and(their_column, "name", "x")), 404, "Column not found"));
  EXPECT_TRUE(IsError(editor().del(columns_path(mine), id_body(their_column)), 404, "Column not found"));
  // Tickets under an unknown column, or of another column.
  EXPECT_TRUE(IsError(editor().get(tickets_path(unknown)), 404, "Column not found"));
  EXPECT_TRUE(IsError(editor().post(tickets_path(unknown), fields({{"title", "x"}})), 404, "Column not found"));
  EXPECT_TRUE(
      IsError(editor().put(tickets_path(my_column), id_and(their_ticket, "position", 0)), 404, "Ticket not found"));
  EXPECT_TRUE(IsError(editor().put(tickets_path(my_other), id_and(my_ticket, "title", "x")), 404, "Ticket not found"));
  EXPECT_TRUE(IsError(editor().del(tickets_path(my_column), id_body(their_ticket)), 404, "Ticket not found"));
  // A move to a column on another board, or to no column.
  EXPECT_TRUE(IsError(
      editor().put(tickets_path(my_column), id_and(my_ticket, "column_id", static_cast<Json::Int64>(their_column))),
      404, "Column not found"));
  EXPECT_TRUE(
      IsError(editor().put(tickets_path(my_column), id_and(my_ticket, "column_id", static_cast<Json::Int64>(unknown))),
              404, "Column not found"));
  // Paths whose ids are not numbers match no route.
  for (const char* path : {"/boards/abc", "/boards/1x/columns", "/columns/abc/tickets", "/boards/-1"}) {
    EXPECT_TRUE(IsError(editor().get(path), 404)) << path;
  }
  // Nothing moved.
  EXPECT_EQ(tickets_of(my_column), (Ids{my_ticket}));
  EXPECT_EQ(tickets_of(their_column), (Ids{their_ticket}));
}

// --- bad input -------------------------------------------------------------------------------------

TEST_F(BoardTest, BadInputIs400) {
  const long long board = new_board("input");
  ASSERT_GT(board, 0);
  const long long column = new_column(board, "Todo");
  const long long ticket = new_ticket(column, "t");
  const Json::Int64 column_id = column;
  const Json::Int64 ticket_id = ticket;

  // Names and titles: empty, blank, too long, wrong type, missing.
  EXPECT_TRUE(IsError(editor().post("/boards", fields({{"name", ""}})), 400, "name is required"));
  EXPECT_TRUE(IsError(editor().post("/boards", fields({{"name", " \t "}})), 400, "name is required"));
  EXPECT_TRUE(IsError(editor().post("/boards", Json::Value(Json::objectValue)), 400, "name is required"));
  EXPECT_TRUE(IsError(editor().post("/boards", fields({{"name", std::string(201, 'n')}})), 400,
                      "name must be at most 200 characters"));
  EXPECT_TRUE(IsError(editor().post("/boards", fields({{"name", 5}})), 400, "name must be a string"));
  EXPECT_TRUE(IsError(editor().put("/boards", fields({{"name", "x"}})), 400, "id is required"));
  EXPECT_TRUE(IsError(editor().put("/boards", fields({{"id", "abc"}, {"name", "x"}})), 400, "id must be an integer"));
  EXPECT_TRUE(IsError(editor().del("/boards", Json::Value(Json::objectValue)), 400, "id is required"));
  EXPECT_TRUE(IsError(editor().post(columns_path(board), fields({{"name", std::string(201, 'c')}})), 400,
                      "name must be at most 200 characters"));
  EXPECT_TRUE(IsError(editor().post(columns_path(board), fields({{"name", "x"}, {"position", -1}})), 400,
                      "position must be zero or greater"));
  EXPECT_TRUE(IsError(editor().post(columns_path(board), fields({{"name", "x"}, {"position", "first"}})), 400,
                      "position must be an integer"));
  EXPECT_TRUE(
      IsError(editor().put(columns_path(board), fields({{"id", column_id}, {"name", ""}})), 400, "name is required"));
  EXPECT_TRUE(IsError(editor().post(tickets_path(column), fields({{"title", ""}})), 400, "title is required"));
  EXPECT_TRUE(IsError(editor().post(tickets_path(column), fields({{"title", std::string(201, 't')}})), 400,
                      "title must be at most 200 characters"));
  EXPECT_TRUE(
      IsError(editor().post(tickets_path(column), fields({{"title", "t"}, {"description", std::string(10001, 'd')}})),
              400, "description must be at most 10000 characters"));
  EXPECT_TRUE(IsError(editor().post(tickets_path(column), fields({{"title", "t"}, {"description", true}})), 400,
                      "description must be a string"));
  EXPECT_TRUE(IsError(editor().put(tickets_path(column), fields({{"id", ticket_id}, {"position", -2}})), 400,
                      "position must be zero or greater"));
  EXPECT_TRUE(IsError(editor().put(tickets_path(column), fields({{"id", ticket_id}, {"column_id", "other"}})), 400,
                      "column_id must be an integer"));
  EXPECT_TRUE(IsError(editor().put(tickets_path(column), fields({{"id", 1.5}})), 400, "id must be an integer"));

  // Malformed JSON and bodies that are not objects.
  for (const std::string& path : {std::string("/boards"), columns_path(board), tickets_path(column)}) {
    for (const char* method : {"POST", "PUT", "DELETE"}) {
      EXPECT_TRUE(IsError(editor().send(method, path, "{\"name\": "), 400, "Invalid JSON body"))
          << method << " " << path;
      EXPECT_TRUE(IsError(editor().send(method, path, "[1, 2]"), 400, "Request body must be a JSON object"))
          << method << " " << path;
    }
  }
  // A 10,000-character description is fine; nothing else was written.
  EXPECT_GT(new_ticket(column, "long", std::nullopt), 0);
  const Response longest = editor().post(
      tickets_path(column), fields({{"title", std::string(200, 't')}, {"description", std::string(10000, 'd')}}));
  EXPECT_GT(created_id(longest), 0);
  EXPECT_EQ(tickets_of(column).size(), 3u);
  EXPECT_EQ(columns_of(board), (Ids{column}));
}

// --- concurrency -----------------------------------------------------------------------------------

TEST_F(BoardTest, FiftyParallelMovesLeavePositionsExactlyZeroToNMinusOne) {
  const long long board = new_board("race");
  ASSERT_GT(board, 0);
  const long long hot = new_column(board, "Hot");
  const long long cold = new_column(board, "Cold");
  Ids hot_tickets, cold_tickets;
  for (int i = 0; i < 20; ++i) hot_tickets.push_back(new_ticket(hot, "h" + std::to_string(i)));
  for (int i = 0; i < 5; ++i) cold_tickets.push_back(new_ticket(cold, "c" + std::to_string(i)));
  ASSERT_EQ(tickets_of(hot).size(), 20u);

  // Requests 0..39 move tickets 10..19 inside Hot; 40..49 move tickets 0..9 to Cold, each
  // once, so every request has a ticket that is still where its path says: all must be 200.
  constexpr int kRequests = 50;
  std::vector<Response> answers(kRequests);
  std::latch start(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      Session session;
      for (const auto& [name, value] : editor().client.cookies()) session.client.set_cookie(name, value);
      session.csrf = editor().csrf;
      Json::Value body;
      if (i < 40) {
        body = fields({{"id", static_cast<Json::Int64>(hot_tickets[10 + i % 10])}, {"position", (i * 7) % 23}});
      } else {
        body = fields({{"id", static_cast<Json::Int64>(hot_tickets[i - 40])},
                       {"column_id", static_cast<Json::Int64>(cold)},
                       {"position", (i * 3) % 9}});
      }
      start.arrive_and_wait();
      answers[i] = session.put(tickets_path(hot), body);
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 0; i < kRequests; ++i) EXPECT_TRUE(IsSuccess(answers[i], 200)) << "request " << i;

  const Ids hot_after = tickets_of(hot);    // checks 0..n-1
  const Ids cold_after = tickets_of(cold);  // checks 0..n-1
  EXPECT_EQ(std::set<long long>(hot_after.begin(), hot_after.end()),
            std::set<long long>(hot_tickets.begin() + 10, hot_tickets.end()));
  std::set<long long> expected_cold(cold_tickets.begin(), cold_tickets.end());
  expected_cold.insert(hot_tickets.begin(), hot_tickets.begin() + 10);
  EXPECT_EQ(std::set<long long>(cold_after.begin(), cold_after.end()), expected_cold);
}

}  // namespace
}  // namespace t2o::it
