#include "config/config.hpp"

#include <cctype>
#include <cstdlib>
#include <optional>

#include "util/text.hpp"

namespace t2o {
namespace {

struct Reader {
  const EnvLookup& lookup;

  std::optional<std::string> get(const char* name) const {
    const char* value = lookup ? lookup(name) : std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  }

  void string(const char* name, std::string& target) const {
    if (auto value = get(name)) target = *value;
  }

  void boolean(const char* name, bool& target) const {
    auto value = get(name);
    if (!value) return;
    const std::string lower = text::to_lower(text::trim(*value));
    if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") target = true;
    else if (lower == "false" || lower == "0" || lower == "no" || lower == "off") target = false;
    else throw ConfigError(std::string(name) + " must be true or false, not '" + *value + "'");
  }

  template <typename Integer>
  void integer(const char* name, Integer& target, long long min, long long max) const {
    auto value = get(name);
    if (!value) return;
    auto parsed = text::parse_int(text::trim(*value));
    if (!parsed || *parsed < min || *parsed > max) {
      throw ConfigError(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max));
    }
    target = static_cast<Integer>(*parsed);
  }

  void list(const char* name, std::vector<std::string>& target) const {
    auto value = get(name);
    if (!value) return;
    target.clear();
    for (std::string_view item : text::split(*value, ',')) {
      item = text::trim(item);
      if (!item.empty()) target.emplace_back(item);
    }
  }
};

}  // namespace

std::optional<int> log_level_rank(std::string_view level) {
  if (level == "DEBUG") return 0;
  if (level == "INFO" || level == "AUDIT") return 1;
  if (level == "WARNING") return 2;
  if (level == "ERROR") return 3;
  return std::nullopt;
}

bool log_level_enabled(std::string_view threshold, std::string_view level) {
  return log_level_rank(level).value_or(3) >= log_level_rank(threshold).value_or(1);
}

Config load_config(const EnvLookup& lookup) {
  const Reader env{lookup};
  Config config;
  env.string("FLASK_ENV", config.app_env);
  env.string("APP_ENV", config.app_env);
  if (config.app_env != "development" && config.app_env != "testing" && config.app_env != "production") {
    throw ConfigError("APP_ENV must be development, testing or production, not '" + config.app_env + "'");
  }
  env.string("DATABASE_URL", config.database_url);
  env.string("SECRET_KEY", config.secret_key);
  env.list("DATA_KEY", config.data_keys);
  env.string("PUBLIC_BASE_URL", config.public_base_url);
  while (!config.public_base_url.empty() && config.public_base_url.back() == '/') config.public_base_url.pop_back();
  env.string("APP_NAME", config.app_name);
  env.integer("SESSION_LIFETIME_SECONDS", config.session_lifetime_seconds, 60, 365LL * 86400);
  env.list("CORS_ALLOWED_ORIGINS", config.cors_allowed_origins);

  env.string("MAIL_SERVER", config.mail_server);
  env.integer("MAIL_PORT", config.mail_port, 1, 65535);
  env.boolean("MAIL_USE_TLS", config.mail_use_tls);
  env.boolean("MAIL_USE_SSL", config.mail_use_ssl);
  env.string("MAIL_USERNAME", config.mail_username);
  env.string("MAIL_PASSWORD", config.mail_password);
  env.string("MAIL_DEFAULT_SENDER", config.mail_default_sender);
  env.integer("MAIL_RETRY_BASE_SECONDS", config.mail_retry_base_seconds, 1, 3600);
  env.list("ADMIN_EMAILS", config.admin_emails);

  env.string("LOG_LEVEL", config.log_level);
  for (char& c : config.log_level) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!log_level_rank(config.log_level)) {
    throw ConfigError("LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not '" + config.log_level + "'");
  }
  env.boolean("LOG_ROUTE_ACCESS", config.log_route_access);
  env.boolean("LOG_DB_QUERIES", config.log_db_queries);

  env.string("STRIPE_KEY", config.stripe_secret_key);
  env.string("STRIPE_SECRET_KEY", config.stripe_secret_key);
  env.string("STRIPE_PUBLIC_KEY", config.stripe_public_key);
  env.string("STRIPE_WEBHOOK_SECRET", config.stripe_webhook_secret);
  env.string("STRIPE_API_BASE", config.stripe_api_base);
  while (!config.stripe_api_base.empty() && config.stripe_api_base.back() == '/') config.stripe_api_base.pop_back();

  env.string("T2O_RUN_DIR", config.run_dir);
  env.integer("T2O_DB_RETRY_BUDGET_MS", config.db_retry_budget_ms, 0, 60000);
  env.integer("T2O_WORKERS", config.workers, 1, 256);
  env.boolean("T2O_DB_PREPARED_STATEMENTS", config.db_prepared_statements);
  env.string("T2O_LISTEN_DATABASE_URL", config.listen_database_url);

  if (config.is_production()) {
    if (config.secret_key == kDefaultSecretKey || config.secret_key.size() < kMinSecretKeyLength) {
      throw ConfigError("SECRET_KEY is missing, the default, or shorter than " + std::to_string(kMinSecretKeyLength) +
                        " characters; production refuses to start without a real secret (generate one with: "
                        "openssl rand -hex 32)");
    }
    for (const std::string& key : config.data_keys) {
      if (key.size() < kMinSecretKeyLength) {
        throw ConfigError("every DATA_KEY entry must be at least " + std::to_string(kMinSecretKeyLength) +
                          " characters (generate one with: openssl rand -hex 32)");
      }
    }
    if (config.database_url.empty()) {
      throw ConfigError("DATABASE_URL is not set; production refuses to start without it");
    }
  }
  if (config.database_url.empty()) {
    throw ConfigError("DATABASE_URL is not set (e.g. postgresql://t2o:secret@localhost:5432/t2o)");
  }
  return config;
}

}  // namespace t2o
