#pragma once
// Configuration from environment variables (names as in API.md). Loaded once at start.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace t2o {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline constexpr const char* kDefaultSecretKey = "dev-secret-key-change-me";
inline constexpr std::size_t kMinSecretKeyLength = 32;  // in production

struct Config {
  std::string app_env = "development";  // development | testing | production
  std::string database_url;
  std::string secret_key = kDefaultSecretKey;
  // DATA_KEY: keys that seal secrets at rest (TOTP secrets), comma-separated; the first
  // seals, every one opens (rotation: put the new key first, run t2o-setup
  // rotate-data-key, then drop the old). Empty: a key derived from SECRET_KEY.
  std::vector<std::string> data_keys;
  std::string public_base_url = "https://localhost:8443";
  std::string app_name = "T2Overse";
  long long session_lifetime_seconds = 86400;
  std::vector<std::string> cors_allowed_origins;

  std::string mail_server = "127.0.0.1";
  int mail_port = 25;
  bool mail_use_tls = false;  // STARTTLS
  bool mail_use_ssl = false;  // implicit TLS
  std::string mail_username;
  std::string mail_password;
  std::string mail_default_sender = "no-reply@localhost";
  int mail_retry_base_seconds = 5;
  std::vector<std::string> admin_emails;

  std::string log_level = "INFO";  // the least severe level of the per-request stderr lines
  bool log_route_access = true;
  bool log_db_queries = false;

  std::string stripe_secret_key;
  std::string stripe_public_key;
  std::string stripe_webhook_secret;
  std::string stripe_api_base = "https://api.stripe.com";

  std::string run_dir;  // T2O_RUN_DIR: shared-memory files common to all handler processes
  // How long a request may spend reconnecting and running again after the database
  // connection broke, before it answers 503 (T2O_DB_RETRY_BUDGET_MS; 0 never retries).
  long long db_retry_budget_ms = 2000;
  // Worker processes one supervisor forks on the group's socket (T2O_WORKERS).
  int workers = 1;
  // Through a pooler in transaction mode: no prepared statements, and LISTEN (session
  // revocations, the mailer's wake-ups) on a direct connection of its own.
  bool db_prepared_statements = true;  // T2O_DB_PREPARED_STATEMENTS
  std::string listen_database_url;     // T2O_LISTEN_DATABASE_URL ("": DATABASE_URL itself)

  bool is_production() const { return app_env == "production"; }
  bool is_testing() const { return app_env == "testing"; }
};

// DEBUG 0, INFO (and AUDIT) 1, WARNING 2, ERROR 3; nullopt for anything else.
std::optional<int> log_level_rank(std::string_view level);
// True when a line of `level` is at least as severe as the `threshold` (LOG_LEVEL).
bool log_level_enabled(std::string_view threshold, std::string_view level);

using EnvLookup = std::function<const char*(const char*)>;

// Reads the configuration; throws ConfigError with a message a person can act on.
// `lookup` defaults to getenv (tests pass their own).
Config load_config(const EnvLookup& lookup = nullptr);

}  // namespace t2o
