#pragma once
// API.md's USER, as a struct: who a user is, their roles and (through them) permissions.
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"

namespace t2o::users {

struct UserProfile {
  long long id = 0;
  std::string first_name;
  std::string last_name;
  std::string username;
  std::string email;
  bool twofa_enabled = false;
  bool verified = false;
  std::vector<std::string> roles;        // names, sorted
  std::vector<std::string> permissions;  // names, sorted, each once
};

// One query.
std::optional<UserProfile> load_user(db::Executor& db, long long user_id);
// Every user by id, in one query whatever their number.
std::vector<UserProfile> load_all_users(db::Executor& db);

}  // namespace t2o::users
