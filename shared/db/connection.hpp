#pragma once
// A move-only PostgreSQL connection. Every value is a bound parameter; statements are
// prepared once per connection and cached by their SQL text. When the server went away
// during a statement, only a statement declared idempotent (db::idempotent) and outside a
// transaction is sent again on a fresh connection; any other fails with ConnectionLost,
// because it may have taken effect before the answer was lost.
#include <libpq-fe.h>

#include <concepts>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "db/errors.hpp"
#include "db/result.hpp"

namespace t2o::db {

// One bound parameter in text format; std::nullopt binds SQL NULL.
struct Param {
  std::optional<std::string> value;
  Param(std::nullopt_t) {}
  Param(std::string text) : value(std::move(text)) {}
  Param(std::string_view text) : value(std::string(text)) {}
  Param(const char* text) : value(std::string(text)) {}
  Param(bool flag) : value(flag ? "true" : "false") {}
  template <std::integral Integer>
    requires(!std::same_as<Integer, bool>)
  Param(Integer number) : value(std::to_string(number)) {}
  template <typename T>
  Param(const std::optional<T>& maybe) {
    if (maybe) value = Param(*maybe).value;
  }
};

// LOG_DB_QUERIES: when on, every statement's SQL text and duration (never its parameter
// values, which may be secrets) go to stderr.
void set_query_logging(bool enabled);

// T2O_DB_PREPARED_STATEMENTS: on (the default), statements are prepared once per
// connection; off, each is sent with its parameters (PQexecParams, unnamed), which is
// what a pooler in transaction mode (pgbouncer before 1.21) needs.
void set_prepared_statements(bool enabled);

// Appends one field in COPY text format (backslash escapes; NULL is \N).
void append_copy_field(std::string& out, const std::optional<std::string>& value);

// Raw bytes as a bytea parameter (hex input format).
Param bytea(std::string_view raw);

// Whether a statement may be sent again after the connection broke before its answer came.
enum class Retry { Never, Safe };

// A statement and its retry policy, declared beside the code that runs it. Plain SQL
// text converts to a Query that is never re-sent.
struct Query {
  std::string_view sql;
  Retry retry = Retry::Never;

  constexpr Query(std::string_view text, Retry policy = Retry::Never) : sql(text), retry(policy) {}
  constexpr Query(const char* text) : sql(text) {}
  Query(const std::string& text) : sql(text) {}
};

// A read, or a write whose second run changes nothing the first did not: safe to send
// again after a lost connection.
constexpr Query idempotent(std::string_view sql) { return Query(sql, Retry::Safe); }

// Whether a Connection connects in its constructor or at its first statement.
enum class Connect { Now, Lazily };

struct Notification {
  std::string channel;
  std::string payload;
};

// What services run statements on: the transaction their caller opened, or (for a
// service that only reads) a plain connection, where each statement commits by itself.
// Nothing else can be one, so a service cannot open a transaction of its own by accident.
class Executor {
 public:
  virtual ~Executor() = default;
  virtual Result exec(const Query& query, const std::vector<Param>& params) = 0;
  Result exec(const Query& query, std::initializer_list<Param> params = {}) {
    return exec(query, std::vector<Param>(params));
  }
};

class Connection final : public Executor {
 public:
  // Connect::Lazily lets a process start while the database is down: each statement
  // then fails with ConnectionLost (503) until a connection can be made.
  explicit Connection(std::string url, Connect when = Connect::Now);
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Result exec(const Query& query, const std::vector<Param>& params) override;
  using Executor::exec;
  // Runs SQL with no parameters and no statement cache (BEGIN, LISTEN, SET ...): session
  // and transaction control, never counted as a write (set_on_write).
  void run(const Query& query);
  // COPY ... FROM STDIN with `data` in COPY's text format (see append_copy_field): the
  // cheapest way to load many rows; values travel as data, never as SQL.
  void copy_in(const char* copy_statement, const std::string& data);

  bool in_transaction() const;
  // Non-blocking: reads what arrived on the socket and returns pending notifications.
  std::vector<Notification> take_notifications();
  int socket() const { return PQsocket(conn_); }
  // Drops the connection and connects again (used after the server went away).
  void reconnect();
  // Statements run after every (re)connect, e.g. LISTEN (at once too, when connected);
  // and a counter that changes each time the connection is replaced, so caches fed by
  // notifications know they missed some.
  void add_on_connect(std::string sql);
  unsigned long long generation() const { return generation_; }
  // Statements sent on this connection so far (tests count round trips with it).
  unsigned long long statements_sent() const { return statements_sent_; }

  // Whether the work since begin_unit() may have changed something that outlives it: a
  // statement not declared idempotent sent outside a transaction, a COMMIT sent, or
  // note_side_effect() (a call to another service). The dispatcher runs a request again
  // after a lost connection only while this is false.
  void begin_unit() { may_have_taken_effect_ = false; }
  void note_side_effect() { may_have_taken_effect_ = true; }
  bool may_have_taken_effect() const { return may_have_taken_effect_; }

  // Called once a change made on this connection may be durable: after the COMMIT of a
  // transaction that ran a statement other than a read (db::is_read_only), or after such a
  // statement outside a transaction, even when its answer was lost. Caches of table data
  // (cache/data_version.hpp) hang their invalidation here.
  void set_on_write(std::function<void()> hook) { on_write_ = std::move(hook); }

 private:
  friend class Transaction;
  void wrote();  // runs on_write_
  void connect();
  Result exec_once(std::string_view sql, const std::vector<Param>& params);
  Result exec_retrying(const Query& query, const std::vector<Param>& params, bool was_in_transaction);
  bool connected() const;
  [[noreturn]] void throw_error(PGresult* result);

  std::string url_;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  std::vector<std::string> on_connect_;
  unsigned long long generation_ = 0;
  unsigned long long statements_sent_ = 0;
  bool may_have_taken_effect_ = false;
  bool wrote_in_transaction_ = false;
  std::function<void()> on_write_;
};

// BEGIN on construction; ROLLBACK in the destructor unless commit() ran. Services take
// one by reference and never open their own, so they nest inside their caller's work.
class Transaction final : public Executor {
 public:
  explicit Transaction(Connection& connection, const char* begin_sql = "BEGIN");
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Inside a transaction nothing is ever re-sent: a lost connection lost the work so far.
  Result exec(const Query& query, const std::vector<Param>& params) override { return connection_.exec(query, params); }
  using Executor::exec;
  // COMMIT, then the on_commit actions in the order they were added.
  void commit();
  // Something to do once the work is durable (tell other processes, say); never runs when
  // the transaction rolls back.
  void on_commit(std::function<void()> action) { after_commit_.push_back(std::move(action)); }

 private:
  Connection& connection_;
  bool done_ = false;
  std::vector<std::function<void()>> after_commit_;
};

// Runs `work(tx)` in a transaction of its own (opened with `begin_sql`) and commits it
// when `work` returns (an exception rolls back). Returns what `work` returns.
template <typename Work>
auto in_transaction(Connection& connection, const char* begin_sql, Work&& work) {
  Transaction tx(connection, begin_sql);
  if constexpr (std::is_void_v<std::invoke_result_t<Work, Transaction&>>) {
    work(tx);
    tx.commit();
  } else {
    auto result = work(tx);
    tx.commit();
    return result;
  }
}

template <typename Work>
auto in_transaction(Connection& connection, Work&& work) {
  return in_transaction(connection, "BEGIN", std::forward<Work>(work));
}

}  // namespace t2o::db
