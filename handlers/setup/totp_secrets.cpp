#include "setup/totp_secrets.hpp"

#include <optional>
#include <stdexcept>
#include <string>

#include "crypto/secret_box.hpp"
#include "security/totp.hpp"
#include "security/totp_secrets.hpp"

namespace t2o::setup {
namespace {

constexpr const char* kLockSecrets =
    "SELECT id, twofa_secret, twofa_pending_secret FROM users "
    "WHERE twofa_secret IS NOT NULL OR twofa_pending_secret IS NOT NULL ORDER BY id FOR UPDATE";
constexpr const char* kStoreSecrets = "UPDATE users SET twofa_secret = $2, twofa_pending_secret = $3 WHERE id = $1";

// The value under the first key: nullopt when it already is.
std::optional<std::string> resealed(const Config& config, const crypto::SecretBox& box, long long user_id,
                                    const std::string& stored) {
  if (box.sealed_with_current_key(stored)) return std::nullopt;
  std::string plain;
  if (crypto::SecretBox::is_sealed(stored)) {
    auto opened = totp::open_secret(config, user_id, stored);
    if (!opened) throw std::runtime_error("the TOTP secret of user " + std::to_string(user_id) +
                                          " opens with none of the data keys (DATA_KEY, or SECRET_KEY)");
    plain = std::move(*opened);
  } else {
    if (!totp::base32_decode(stored)) {
      throw std::runtime_error("the TOTP secret of user " + std::to_string(user_id) + " is neither sealed nor base32");
    }
    plain = stored;
  }
  return totp::seal_secret(config, user_id, plain);
}

}  // namespace

ResealOutcome reseal_totp_secrets(db::Connection& db, const Config& config) {
  const crypto::SecretBox& box = crypto::SecretBox::for_config(config);
  return db::in_transaction(db, [&](db::Transaction& tx) {
    ResealOutcome outcome;
    for (auto row : tx.exec(kLockSecrets)) {
      const long long user_id = row.integer("id");
      std::optional<std::string> live = row.opt_str("twofa_secret"), pending = row.opt_str("twofa_pending_secret");
      std::optional<std::string> new_live, new_pending;
      try {
        new_live = live ? resealed(config, box, user_id, *live) : std::nullopt;
        new_pending = pending ? resealed(config, box, user_id, *pending) : std::nullopt;
      } catch (const std::runtime_error& problem) {
        outcome.problems.emplace_back(problem.what());
        continue;
      }
      if (!new_live && !new_pending) continue;
      tx.exec(kStoreSecrets, {user_id, new_live ? new_live : live, new_pending ? new_pending : pending});
      ++outcome.resealed;
    }
    return outcome;
  });
}

}  // namespace t2o::setup
