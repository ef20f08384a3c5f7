#pragma once
// Two-factor authentication: pending TOTP secrets, enabling and disabling, recovery codes,
// emailed one-time login codes, and checking a login's second factor.
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "db/connection.hpp"

namespace t2o::auth {

inline constexpr int kRecoveryCodeCount = 10;
inline constexpr long long kLoginCodeMailIntervalSeconds = 60;
inline constexpr const char* kTwofaUpdateFailed = "Failed to update 2FA. Invalid token or not provided.";

struct TwofaSetup {
  std::string uri;
  std::string qr_svg;
  std::string secret_base32;
};

// Stores a new pending secret (the live one, if any, stays in force) and describes it.
TwofaSetup begin_twofa_setup(db::Executor& db, const Config& config, long long user_id);

// Turns 2FA on with a valid code for the pending secret: returns the new recovery codes.
// Throws BadRequest(kTwofaUpdateFailed) otherwise.
std::vector<std::string> enable_twofa(db::Transaction& tx, const Config& config, long long user_id,
                                      const std::string& code, std::time_t now);

// Turns 2FA off with a valid current TOTP code or an unused recovery code.
void disable_twofa(db::Transaction& tx, const Config& config, long long user_id, const std::string& code,
                   std::time_t now);

// A login's second factor: a TOTP code (not replayed), the emailed code, or an unused
// recovery code. Marks what it used as used.
bool accept_second_factor(db::Transaction& tx, const Config& config, long long user_id, const std::string& token,
                          std::time_t now);

// Emails a fresh 6-digit login code unless one went out less than a minute ago.
// Returns true when a mail was queued.
bool send_login_code(db::Transaction& tx, const Config& config, long long user_id, std::time_t now);

// "abcde-fghij" style, for humans to type; compared case-insensitively, dash optional.
std::string normalize_recovery_code(const std::string& code);

}  // namespace t2o::auth
