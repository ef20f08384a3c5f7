#pragma once
// TOTP secrets as stored (users.twofa_secret, users.twofa_pending_secret): sealed with the
// data keys (crypto/secret_box.hpp) and bound to their user, so a database backup holds
// no secret that mints codes, and a value copied onto another account does not open.
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace t2o::totp {

std::string seal_secret(const Config& config, long long user_id, std::string_view secret_base32);
// Fails closed: nullopt, with an error on stderr, when no data key opens it (a wrong or
// missing DATA_KEY, or an edited value); the caller then refuses the code.
std::optional<std::string> open_secret(const Config& config, long long user_id, std::string_view sealed);

}  // namespace t2o::totp
