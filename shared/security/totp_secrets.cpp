#include "security/totp_secrets.hpp"

#include <cstdio>

#include "crypto/secret_box.hpp"

namespace t2o::totp {
namespace {

std::string associated_data(long long user_id) { return "users.totp:" + std::to_string(user_id); }

}  // namespace

std::string seal_secret(const Config& config, long long user_id, std::string_view secret_base32) {
  return crypto::SecretBox::for_config(config).seal(secret_base32, associated_data(user_id));
}

std::optional<std::string> open_secret(const Config& config, long long user_id, std::string_view sealed) {
  auto secret = crypto::SecretBox::for_config(config).open(sealed, associated_data(user_id));
  if (!secret) {
    // The operator must hear of it: every 2FA code of this user is refused until fixed.
    std::fprintf(stderr,
                 "level=ERROR TOTP secret of user %lld cannot be opened: wrong DATA_KEY or SECRET_KEY, or an edited "
                 "value; its 2FA codes are refused\n",
                 user_id);
  }
  return secret;
}

}  // namespace t2o::totp
