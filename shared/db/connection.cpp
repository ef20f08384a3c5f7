#include "db/connection.hpp"

#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <cstdio>

#include "crypto/digest.hpp"
#include "db/statement_kind.hpp"

namespace t2o::db {

namespace {
bool query_logging = false;
bool prepared_statements = true;

void log_query(std::string_view sql, std::chrono::steady_clock::time_point started) {
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  char prefix[64];
  std::snprintf(prefix, sizeof prefix, "db query duration_ms=%.3f sql=\"", ms);
  std::string line = prefix;
  for (char c : sql.substr(0, 500)) line += (c == '\n' || c == '"') ? ' ' : c;
  line += "\"\n";
  [[maybe_unused]] ssize_t written = ::write(STDERR_FILENO, line.data(), line.size());
}
}  // namespace

void set_query_logging(bool enabled) { query_logging = enabled; }

void set_prepared_statements(bool enabled) { prepared_statements = enabled; }

Param bytea(std::string_view raw) { return Param("\\x" + crypto::to_hex(raw)); }

Connection::Connection(std::string url, Connect when) : url_(std::move(url)) {
  if (when == Connect::Now) connect();
}

Connection::Connection(Connection&& other) noexcept
    : url_(std::move(other.url_)),
      conn_(other.conn_),
      prepared_(std::move(other.prepared_)),
      on_connect_(std::move(other.on_connect_)),
      generation_(other.generation_),
      statements_sent_(other.statements_sent_),
      on_write_(std::move(other.on_write_)) {
  other.conn_ = nullptr;
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (conn_) PQfinish(conn_);
    url_ = std::move(other.url_);
    conn_ = other.conn_;
    prepared_ = std::move(other.prepared_);
    on_connect_ = std::move(other.on_connect_);
    generation_ = other.generation_;
    statements_sent_ = other.statements_sent_;
    on_write_ = std::move(other.on_write_);
    other.conn_ = nullptr;
  }
  return *this;
}

Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

void Connection::connect() {
  if (conn_) PQfinish(conn_);
  prepared_.clear();
  conn_ = PQconnectdb(url_.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    // PQerrorMessage never contains the password.
    std::string message = "cannot connect to the database: ";
    message += PQerrorMessage(conn_);
    // Freed here: a constructor that throws never runs the destructor.
    PQfinish(conn_);
    conn_ = nullptr;
    throw ConnectionLost(message, "08001");
  }
  ++generation_;
  // LISTEN and SET change only this session: they say nothing about the caller's work.
  const bool had_taken_effect = may_have_taken_effect_;
  for (const std::string& sql : on_connect_) run(sql);
  may_have_taken_effect_ = had_taken_effect;
}

void Connection::add_on_connect(std::string sql) {
  if (connected()) run(idempotent(sql));
  on_connect_.push_back(std::move(sql));
}

bool Connection::connected() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

void Connection::reconnect() { connect(); }

bool Connection::in_transaction() const {
  return conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE && PQtransactionStatus(conn_) != PQTRANS_UNKNOWN;
}

void Connection::throw_error(PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string message = result ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(conn_);
  const std::string sqlstate = state ? state : (PQstatus(conn_) == CONNECTION_BAD ? "08006" : "XX000");
  const std::string constraint_name = constraint ? constraint : "";
  if (result) PQclear(result);
  throw_for_sqlstate(message, sqlstate, constraint_name);
}

Result Connection::exec_once(std::string_view sql, const std::vector<Param>& params) {
  if (!connected()) connect();
  std::string key(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& param : params) values.push_back(param.value ? param.value->c_str() : nullptr);

  PGresult* result = nullptr;
  const auto started = std::chrono::steady_clock::now();
  if (!prepared_statements) {
    ++statements_sent_;
    result = PQexecParams(conn_, key.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                          nullptr, 0);
  } else {
    auto found = prepared_.find(key);
    if (found == prepared_.end()) {
      std::string name = "t2o_" + std::to_string(prepared_.size() + 1);
      PGresult* prepared = PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr);
      if (PQresultStatus(prepared) != PGRES_COMMAND_OK) throw_error(prepared);
      PQclear(prepared);
      found = prepared_.emplace(std::move(key), std::move(name)).first;
    }
    ++statements_sent_;
    result = PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                            nullptr, 0);
  }
  if (query_logging) log_query(sql, started);
  const ExecStatusType status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_error(result);
  return Result(result);
}

void Connection::wrote() {
  if (on_write_) on_write_();
}

Result Connection::exec(const Query& query, const std::vector<Param>& params) {
  const bool was_in_transaction = in_transaction();
  if (!was_in_transaction && query.retry != Retry::Safe) may_have_taken_effect_ = true;
  if (on_write_ && !is_read_only(query.sql)) {
    if (was_in_transaction) {
      wrote_in_transaction_ = true;
    } else {
      // After the statement, whatever its outcome: a lost answer may hide a commit.
      struct AfterWrite {
        Connection& connection;
        ~AfterWrite() { connection.wrote(); }
      } after{*this};
      return exec_retrying(query, params, was_in_transaction);
    }
  }
  return exec_retrying(query, params, was_in_transaction);
}

Result Connection::exec_retrying(const Query& query, const std::vector<Param>& params, bool was_in_transaction) {
  try {
    return exec_once(query.sql, params);
  } catch (const ConnectionLost&) {
    // Inside a transaction the work so far is gone, and a statement not declared
    // idempotent may have taken effect: the caller must see the failure.
    if (was_in_transaction || query.retry != Retry::Safe) throw;
    connect();
    return exec_once(query.sql, params);
  }
}

void Connection::run(const Query& query) {
  const bool was_in_transaction = in_transaction();
  if (!was_in_transaction && query.retry != Retry::Safe) may_have_taken_effect_ = true;
  if (!connected()) connect();
  const std::string sql(query.sql);
  PGresult* result = PQexec(conn_, sql.c_str());
  if (PQresultStatus(result) != PGRES_COMMAND_OK && PQresultStatus(result) != PGRES_TUPLES_OK) {
    if (PQstatus(conn_) == CONNECTION_BAD && !was_in_transaction && query.retry == Retry::Safe) {
      PQclear(result);
      connect();
      result = PQexec(conn_, sql.c_str());
      if (PQresultStatus(result) == PGRES_COMMAND_OK || PQresultStatus(result) == PGRES_TUPLES_OK) {
        PQclear(result);
        return;
      }
    }
    throw_error(result);
  }
  PQclear(result);
}

void append_copy_field(std::string& out, const std::optional<std::string>& value) {
  if (!value) {
    out += "\\N";
    return;
  }
  for (char c : *value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
}

void Connection::copy_in(const char* copy_statement, const std::string& data) {
  if (!in_transaction()) may_have_taken_effect_ = true;
  if (!connected()) connect();
  PGresult* started = PQexec(conn_, copy_statement);
  if (PQresultStatus(started) != PGRES_COPY_IN) throw_error(started);
  PQclear(started);
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1 || PQputCopyEnd(conn_, nullptr) != 1) {
    throw ConnectionLost(std::string("COPY failed: ") + PQerrorMessage(conn_), "08006");
  }
  PGresult* finished = PQgetResult(conn_);
  const bool ok = PQresultStatus(finished) == PGRES_COMMAND_OK;
  if (!ok) {
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    throw_error(finished);
  }
  PQclear(finished);
  while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
}

std::vector<Notification> Connection::take_notifications() {
  std::vector<Notification> notifications;
  if (!conn_ || PQconsumeInput(conn_) == 0) {
    throw ConnectionLost("notification connection lost", "08006");
  }
  while (PGnotify* notify = PQnotifies(conn_)) {
    notifications.push_back({notify->relname, notify->extra ? notify->extra : ""});
    PQfreemem(notify);
  }
  return notifications;
}

Transaction::Transaction(Connection& connection, const char* begin_sql) : connection_(connection) {
  // A second BEGIN would be ignored and the inner commit() would commit the outer work:
  // a service must use the transaction its caller opened instead.
  if (connection_.in_transaction()) throw std::logic_error("a transaction is already open on this connection");
  connection_.wrote_in_transaction_ = false;
  // Nothing has happened yet when BEGIN is lost, so it may be sent again.
  connection_.run(idempotent(begin_sql));
}

Transaction::~Transaction() {
  // A lost connection took the transaction with it (the server rolled back): nothing to
  // send, and no reconnecting just to say ROLLBACK.
  if (done_ || !connection_.in_transaction()) return;
  try {
    connection_.run("ROLLBACK");
  } catch (...) {
    // Lost while rolling back: the server rolls back for us.
  }
}

void Transaction::commit() {
  // Once COMMIT is sent the work may be durable, even if its answer never arrives.
  connection_.note_side_effect();
  const bool wrote = connection_.wrote_in_transaction_;
  connection_.wrote_in_transaction_ = false;
  try {
    connection_.run("COMMIT");
  } catch (...) {
    if (wrote) connection_.wrote();  // the COMMIT may have landed before its answer was lost
    throw;
  }
  if (wrote) connection_.wrote();
  done_ = true;
  for (auto& action : after_commit_) action();
  after_commit_.clear();
}

}  // namespace t2o::db
