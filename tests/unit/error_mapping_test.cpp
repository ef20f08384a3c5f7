// Unit tests for server/error_mapping: every branch of map_exception, plus the SQLSTATE to
// exception class step (db/errors) that feeds it.
#include "server/error_mapping.hpp"

#include <gtest/gtest.h>
#include <json/json.h>

#include <stdexcept>
#include <string>

#include "db/errors.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"

namespace t2o {
namespace {

template <typename Exception>
MappedError map(const Exception& exception) {
  return map_exception(std::make_exception_ptr(exception));
}

// Status, the error shape with `message`, and no trace of `hidden` in the body.
void expect_mapped(const MappedError& mapped, int status, const std::string& message, bool unexpected,
                   const std::string& hidden = "") {
  SCOPED_TRACE(mapped.response.body);
  EXPECT_EQ(mapped.response.status, status);
  EXPECT_EQ(mapped.response.content_type, "application/json");
  EXPECT_EQ(mapped.unexpected, unexpected);
  const Json::Value body = json::parse(mapped.response.body);
  EXPECT_EQ(body["success"], Json::Value(false));
  EXPECT_EQ(body["message"].asString(), message);
  EXPECT_EQ(body["error"].asString(), message);
  EXPECT_EQ(body.size(), 3u);
  if (!hidden.empty()) {
    EXPECT_EQ(mapped.response.body.find(hidden), std::string::npos);
  }
}

TEST(ErrorMapping, HttpErrorsKeepStatusAndMessage) {
  expect_mapped(map(BadRequest("email is required")), 400, "email is required", false);
  expect_mapped(map(Unauthorized()), 401, "Please log in to access this resource.", false);
  expect_mapped(map(Unauthorized("Invalid credentials")), 401, "Invalid credentials", false);
  expect_mapped(map(Forbidden()), 403, "Unauthorized access", false);
  expect_mapped(map(Forbidden(kCsrfFailed)), 403, "CSRF token validation failed", false);
  expect_mapped(map(NotFound()), 404, "Not found", false);
  expect_mapped(map(Conflict("Email already exists")), 409, "Email already exists", false);
  expect_mapped(map(TooManyRequests("Too many failed logins")), 429, "Too many failed logins", false);
  expect_mapped(map(HttpError(418, "teapot")), 418, "teapot", false);
}

TEST(ErrorMapping, HttpErrorDetailIsItsMessage) {
  EXPECT_EQ(map(Conflict("Username already exists")).detail, "Username already exists");
}

TEST(ErrorMapping, Http5xxIsUnexpectedButKeepsItsMessage) {
  expect_mapped(map(ServiceUnavailable()), 503, "Service temporarily unavailable", true);
  expect_mapped(map(ServiceUnavailable("Database unavailable")), 503, "Database unavailable", true);
  expect_mapped(map(HttpError(502, "Stripe said no")), 502, "Stripe said no", true);
  expect_mapped(map(HttpError(499, "client closed")), 499, "client closed", false);
}

TEST(ErrorMapping, HttpErrorHeadersAreCopied) {
  HttpError error(405, "Method not allowed");
  error.headers.emplace_back("Allow", "GET, POST");
  error.headers.emplace_back("Retry-After", "60");
  const MappedError mapped = map(error);
  expect_mapped(mapped, 405, "Method not allowed", false);
  ASSERT_EQ(mapped.response.headers.size(), 2u);
  EXPECT_EQ(mapped.response.headers[0], (std::pair<std::string, std::string>{"Allow", "GET, POST"}));
  EXPECT_EQ(mapped.response.headers[1], (std::pair<std::string, std::string>{"Retry-After", "60"}));
}

TEST(ErrorMapping, UniqueViolationIs409) {
  const std::string detail = "duplicate key value violates unique constraint \"roles_name_key\"";
  const MappedError mapped = map(db::UniqueViolation(detail, "23505", "roles_name_key"));
  expect_mapped(mapped, 409, "Resource already exists", false, "roles_name_key");
  EXPECT_EQ(mapped.detail, detail);
}

TEST(ErrorMapping, DataExceptionIs400) {
  const MappedError mapped = map(db::DataException("invalid input syntax for type bigint: \"x\"", "22P02"));
  expect_mapped(mapped, 400, "Invalid value in request", false, "bigint");
  EXPECT_EQ(mapped.detail, "invalid input syntax for type bigint: \"x\"");
}

TEST(ErrorMapping, CheckViolationIs400) {
  const MappedError mapped = map(db::CheckViolation("new row violates check constraint \"c\"", "23514", "c"));
  expect_mapped(mapped, 400, "Invalid value in request", false, "check constraint");
  EXPECT_EQ(mapped.detail, "new row violates check constraint \"c\"");
}

TEST(ErrorMapping, ForeignKeyViolationIs404) {
  const MappedError mapped = map(db::ForeignKeyViolation("violates foreign key constraint \"fk\"", "23503", "fk"));
  expect_mapped(mapped, 404, "Referenced resource not found", false, "foreign key");
  EXPECT_EQ(mapped.detail, "violates foreign key constraint \"fk\"");
}

TEST(ErrorMapping, SerializationFailureIs503Retry) {
  const MappedError mapped = map(db::SerializationFailure("could not serialize access", "40001"));
  expect_mapped(mapped, 503, "Service temporarily unavailable, please retry", true, "serialize");
  EXPECT_EQ(mapped.detail, "could not serialize access");
}

TEST(ErrorMapping, ConnectionLostIs503) {
  const MappedError mapped = map(db::ConnectionLost("server closed the connection unexpectedly", "08006"));
  expect_mapped(mapped, 503, "Service temporarily unavailable", true, "closed");
  EXPECT_EQ(mapped.detail, "server closed the connection unexpectedly");
}

TEST(ErrorMapping, OtherDatabaseErrorsAre500) {
  expect_mapped(map(db::DbError("relation \"nope\" does not exist", "42P01")), 500, "Internal server error", true,
                "nope");
  expect_mapped(map(db::UnexpectedResult("expected one row, got 2", "")), 500, "Internal server error", true,
                "expected");
}

TEST(ErrorMapping, StdExceptionIs500WithDetailOnlyInTheLog) {
  const MappedError mapped = map(std::runtime_error("password=hunter2 leaked"));
  expect_mapped(mapped, 500, "Internal server error", true, "hunter2");
  EXPECT_EQ(mapped.detail, "password=hunter2 leaked");
}

TEST(ErrorMapping, JsoncppExceptionIs500) {
  // What escapes jsoncpp when asInt64() is called on an out-of-range value.
  const MappedError mapped = map(Json::LogicError("LargestUInt out of Int64 range"));
  expect_mapped(mapped, 500, "Internal server error", true, "Int64");
}

TEST(ErrorMapping, NonStandardExceptionIs500) {
  const MappedError number = map_exception(std::make_exception_ptr(42));
  expect_mapped(number, 500, "Internal server error", true);
  EXPECT_EQ(number.detail, "unknown exception");
  const MappedError text = map_exception(std::make_exception_ptr("c string"));
  expect_mapped(text, 500, "Internal server error", true, "c string");
  EXPECT_EQ(text.detail, "unknown exception");
}

// ---- SQLSTATE -> class -> status --------------------------------------------------------

int status_for_sqlstate(const std::string& sqlstate) {
  try {
    db::throw_for_sqlstate("db message", sqlstate, "");
  } catch (...) {
    return map_exception(std::current_exception()).response.status;
  }
  ADD_FAILURE() << "throw_for_sqlstate returned";
  return 0;
}

TEST(ErrorMapping, SqlStatesMapToStatuses) {
  EXPECT_EQ(status_for_sqlstate("23505"), 409);  // unique_violation
  EXPECT_EQ(status_for_sqlstate("23503"), 404);  // foreign_key_violation
  EXPECT_EQ(status_for_sqlstate("23514"), 400);  // check_violation
  EXPECT_EQ(status_for_sqlstate("23502"), 400);  // not_null_violation
  EXPECT_EQ(status_for_sqlstate("22P02"), 400);  // invalid_text_representation
  EXPECT_EQ(status_for_sqlstate("22001"), 400);  // string_data_right_truncation
  EXPECT_EQ(status_for_sqlstate("22003"), 400);  // numeric_value_out_of_range
  EXPECT_EQ(status_for_sqlstate("40001"), 503);  // serialization_failure
  EXPECT_EQ(status_for_sqlstate("40P01"), 503);  // deadlock_detected
  EXPECT_EQ(status_for_sqlstate("08006"), 503);  // connection_failure
  EXPECT_EQ(status_for_sqlstate("57P01"), 503);  // admin_shutdown
  EXPECT_EQ(status_for_sqlstate(""), 503);
  EXPECT_EQ(status_for_sqlstate("42P01"), 500);  // undefined_table
  EXPECT_EQ(status_for_sqlstate("42601"), 500);  // syntax_error
  EXPECT_EQ(status_for_sqlstate("23P01"), 500);  // exclusion_violation: not mapped
}

TEST(ErrorMapping, SqlStateExceptionsCarryStateAndConstraint) {
  try {
    db::throw_for_sqlstate("dup", "23505", "users_email_lower_key");
    FAIL() << "did not throw";
  } catch (const db::UniqueViolation& error) {
    EXPECT_EQ(error.sqlstate, "23505");
    EXPECT_EQ(error.constraint, "users_email_lower_key");
    EXPECT_STREQ(error.what(), "dup");
  }
}

}  // namespace
}  // namespace t2o
