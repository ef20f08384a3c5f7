#pragma once
#include <optional>
#include <string>

#include "db/connection.hpp"

namespace t2o::setup {

// Sets the seeded `admin` user's password: to `wanted` when given (every run, so changing
// ADMIN_PASSWORD takes effect); otherwise, when admin has no password yet, to a generated
// one that is returned so the caller can print it once. nullopt: nothing to print.
std::optional<std::string> ensure_admin_password(db::Executor& db, const std::string& wanted);

}  // namespace t2o::setup
