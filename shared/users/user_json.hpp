#pragma once
// API.md's USER object, read in one query.
#include <json/json.h>

#include <optional>

#include "db/connection.hpp"

namespace t2o::users {

// {"id","first_name","last_name","username","email","twofa_enabled","verified","roles","permissions"}
std::optional<Json::Value> load_user_json(db::Connection& db, long long user_id);

}  // namespace t2o::users
