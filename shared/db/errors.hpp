#pragma once
// Database errors as exception classes, chosen from the SQLSTATE in one place
// (db/errors.cpp). server/error_mapping.cpp maps them to HTTP statuses.
#include <stdexcept>
#include <string>

namespace t2o::db {

struct DbError : std::runtime_error {
  // runtime_error copies its message whatever it is given, so it takes a const reference.
  DbError(const std::string& message, std::string sqlstate_, std::string constraint_ = {})
      : std::runtime_error(message), sqlstate(std::move(sqlstate_)), constraint(std::move(constraint_)) {}
  std::string sqlstate;
  std::string constraint;  // constraint or index name, when the server names one
};

struct UniqueViolation : DbError { using DbError::DbError; };       // 23505 -> 409
struct ForeignKeyViolation : DbError { using DbError::DbError; };   // 23503 -> 404/409 by caller
struct CheckViolation : DbError { using DbError::DbError; };        // 23514, 23502 -> 400
struct DataException : DbError { using DbError::DbError; };         // 22xxx -> 400
struct SerializationFailure : DbError { using DbError::DbError; };  // 40001, 40P01 -> 503
struct ConnectionLost : DbError { using DbError::DbError; };        // 08xxx, 57P0x -> 503
struct UnexpectedResult : DbError { using DbError::DbError; };      // wrong row count -> 500

// Throws the class that fits `sqlstate`.
[[noreturn]] void throw_for_sqlstate(const std::string& message, const std::string& sqlstate,
                                     const std::string& constraint);

}  // namespace t2o::db
