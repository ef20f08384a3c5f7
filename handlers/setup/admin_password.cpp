#include "setup/admin_password.hpp"

#include <stdexcept>

#include "crypto/password.hpp"
#include "crypto/random.hpp"
#include "users/validation.hpp"

namespace t2o::setup {
namespace {

constexpr const char* kSelectAdminHash = "SELECT password_hash FROM users WHERE username = 'admin'";
constexpr const char* kSetAdminHash = "UPDATE users SET password_hash = $1, updated_at = now() WHERE username = 'admin'";
// Only a first run, when admin has no password yet.
constexpr const char* kSetFirstAdminHash =
    "UPDATE users SET password_hash = $1, updated_at = now() WHERE username = 'admin' AND password_hash IS NULL "
    "RETURNING id";

}  // namespace

std::optional<std::string> ensure_admin_password(db::Executor& db, const std::string& wanted) {
  if (!wanted.empty()) {
    if (!users::password_meets_policy(wanted)) {
      throw std::runtime_error("ADMIN_PASSWORD does not meet the password policy (" + users::password_policy_words() +
                               ")");
    }
    auto current = db.exec(kSelectAdminHash).optional_row();
    if (!current) throw std::runtime_error("the admin user is missing; run the migrations first");
    if (!current->is_null("password_hash") && crypto::verify_password(wanted, current->view("password_hash")).matches) {
      return std::nullopt;
    }
    db.exec(kSetAdminHash, {crypto::hash_password(wanted)});
    return std::nullopt;
  }
  // Letters, digits and a symbol so the generated password meets the policy.
  const std::string generated = crypto::random_token(15) + "-Aa1";
  auto updated = db.exec(kSetFirstAdminHash, {crypto::hash_password(generated)});
  if (updated.empty()) return std::nullopt;
  return generated;
}

}  // namespace t2o::setup
