#pragma once
// Small helpers shared by the unit tests that need users, sessions or requests.
#include <gtest/gtest.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "db/connection.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "json/json.hpp"
#include "session/session_store.hpp"

namespace t2o::testing {

// Inserts a user directly (no validation, no mail) and gives it `role` (if not empty).
inline long long insert_user(db::Connection& db, const std::string& username, const std::string& email,
                             const std::optional<std::string>& password_hash = std::nullopt, bool verified = true,
                             const std::string& role = "User") {
  const long long id = db.exec(
                             "INSERT INTO users (first_name, last_name, username, email, password_hash, verified) "
                             "VALUES ('Test', 'User', $1, $2, $3, $4) RETURNING id",
                             {username, email, password_hash, verified})
                           .one_row()
                           .integer(0);
  if (!role.empty()) {
    db.exec("INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = $2", {id, role});
  }
  return id;
}

inline long long admin_user_id(db::Connection& db) {
  return db.exec("SELECT id FROM users WHERE username = 'admin'").one_row().integer(0);
}

// Opens a session the way a login does, committed.
inline NewSession open_session(db::Connection& db, SessionStore& sessions, long long user_id,
                               const std::string& ip = "203.0.113.7", const std::string& user_agent = "unit-test") {
  db::Transaction tx(db);
  NewSession session = sessions.create(tx, user_id, ip, user_agent);
  tx.commit();
  return session;
}

inline long long count_rows(db::Connection& db, const std::string& sql_count_query,
                            std::initializer_list<db::Param> params = {}) {
  return db.exec(sql_count_query, params).one_row().integer(0);
}

inline Request make_request(Method method, std::string path) {
  Request request;
  request.method = method;
  request.method_text = std::string(method_name(method));
  request.path = std::move(path);
  request.client_ip = "198.51.100.1";
  request.headers["user-agent"] = "unit-test-agent";
  return request;
}

// The value of the first response header called `name` (exact case), or nullopt.
inline std::optional<std::string> header_value(const Response& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

inline Json::Value body_json(const Response& response) { return json::parse(response.body); }

// Asserts the API.md error shape with the given message.
inline void expect_error_body(const Response& response, const std::string& message) {
  SCOPED_TRACE(response.body);
  const Json::Value body = body_json(response);
  ASSERT_TRUE(body.isObject());
  EXPECT_EQ(body["success"], Json::Value(false));
  EXPECT_EQ(body["message"].asString(), message);
  EXPECT_EQ(body["error"].asString(), message);
}

}  // namespace t2o::testing
