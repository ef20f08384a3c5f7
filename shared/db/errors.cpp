#include "db/errors.hpp"

namespace t2o::db {

void throw_for_sqlstate(const std::string& message, const std::string& sqlstate, const std::string& constraint) {
  const std::string family = sqlstate.substr(0, 2);
  if (sqlstate == "23505") throw UniqueViolation(message, sqlstate, constraint);
  if (sqlstate == "23503") throw ForeignKeyViolation(message, sqlstate, constraint);
  if (sqlstate == "23514" || sqlstate == "23502") throw CheckViolation(message, sqlstate, constraint);
  if (family == "22") throw DataException(message, sqlstate, constraint);
  if (sqlstate == "40001" || sqlstate == "40P01") throw SerializationFailure(message, sqlstate, constraint);
  if (family == "08" || family == "57" || sqlstate.empty()) throw ConnectionLost(message, sqlstate, constraint);
  throw DbError(message, sqlstate, constraint);
}

}  // namespace t2o::db
