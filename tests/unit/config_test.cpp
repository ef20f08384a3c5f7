// Unit tests for config/config: load_config with a lookup function instead of the process
// environment.
#include "config/config.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace t2o {
namespace {

using Env = std::map<std::string, std::string>;

constexpr const char* kDatabaseUrl = "postgresql://t2o:secret@db:5432/t2o";
const std::string kStrongSecret(64, 'k');

Config load(const Env& env) {
  return load_config([&env](const char* name) -> const char* {
    const auto found = env.find(name);
    return found == env.end() ? nullptr : found->second.c_str();
  });
}

// The ConfigError message load(env) throws; fails the test when it does not throw one.
std::string config_error(const Env& env) {
  try {
    load(env);
  } catch (const ConfigError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected ConfigError";
  return "";
}

TEST(Config, Defaults) {
  const Config config = load({{"DATABASE_URL", kDatabaseUrl}});
  EXPECT_EQ(config.app_env, "development");
  EXPECT_FALSE(config.is_production());
  EXPECT_FALSE(config.is_testing());
  EXPECT_EQ(config.database_url, kDatabaseUrl);
  EXPECT_EQ(config.secret_key, kDefaultSecretKey);
  EXPECT_EQ(config.public_base_url, "https://localhost:8443");
  EXPECT_EQ(config.app_name, "T2Overse");
  EXPECT_EQ(config.session_lifetime_seconds, 86400);
  EXPECT_TRUE(config.cors_allowed_origins.empty());
  EXPECT_EQ(config.mail_server, "127.0.0.1");
  EXPECT_EQ(config.mail_port, 25);
  EXPECT_FALSE(config.mail_use_tls);
  EXPECT_FALSE(config.mail_use_ssl);
  EXPECT_EQ(config.mail_default_sender, "no-reply@localhost");
  EXPECT_EQ(config.mail_retry_base_seconds, 5);
  EXPECT_TRUE(config.admin_emails.empty());
  EXPECT_EQ(config.log_level, "INFO");
  EXPECT_TRUE(config.log_route_access);
  EXPECT_FALSE(config.log_db_queries);
  EXPECT_EQ(config.stripe_secret_key, "");
  EXPECT_EQ(config.stripe_api_base, "https://api.stripe.com");
  EXPECT_EQ(config.run_dir, "");
}

TEST(Config, EveryVariableIsRead) {
  const Config config = load({{"APP_ENV", "testing"},
                              {"DATABASE_URL", kDatabaseUrl},
                              {"SECRET_KEY", "s3cret"},
                              {"PUBLIC_BASE_URL", "https://t2o.example/"},
                              {"APP_NAME", "Other"},
                              {"SESSION_LIFETIME_SECONDS", "3600"},
                              {"CORS_ALLOWED_ORIGINS", " https://a.example , ,https://b.example"},
                              {"MAIL_SERVER", "smtp.example"},
                              {"MAIL_PORT", "587"},
                              {"MAIL_USE_TLS", "true"},
                              {"MAIL_USE_SSL", "false"},
                              {"MAIL_USERNAME", "mailer"},
                              {"MAIL_PASSWORD", "mail-pw"},
                              {"MAIL_DEFAULT_SENDER", "T2O <no-reply@t2o.example>"},
                              {"MAIL_RETRY_BASE_SECONDS", "1"},
                              {"ADMIN_EMAILS", "ops@t2o.example,dev@t2o.example"},
                              {"LOG_LEVEL", "debug"},
                              {"LOG_ROUTE_ACCESS", "false"},
                              {"LOG_DB_QUERIES", "true"},
                              {"STRIPE_SECRET_KEY", "sk_test_1"},
                              {"STRIPE_PUBLIC_KEY", "pk_test_1"},
                              {"STRIPE_WEBHOOK_SECRET", "whsec_1"},
                              {"STRIPE_API_BASE", "http://127.0.0.1:12111//"},
                              {"T2O_RUN_DIR", "/run/t2o"}});
  EXPECT_TRUE(config.is_testing());
  EXPECT_EQ(config.secret_key, "s3cret");
  EXPECT_EQ(config.public_base_url, "https://t2o.example") << "trailing slash dropped";
  EXPECT_EQ(config.app_name, "Other");
  EXPECT_EQ(config.session_lifetime_seconds, 3600);
  EXPECT_EQ(config.cors_allowed_origins, (std::vector<std::string>{"https://a.example", "https://b.example"}));
  EXPECT_EQ(config.mail_server, "smtp.example");
  EXPECT_EQ(config.mail_port, 587);
  EXPECT_TRUE(config.mail_use_tls);
  EXPECT_FALSE(config.mail_use_ssl);
  EXPECT_EQ(config.mail_username, "mailer");
  EXPECT_EQ(config.mail_password, "mail-pw");
  EXPECT_EQ(config.mail_default_sender, "T2O <no-reply@t2o.example>");
  EXPECT_EQ(config.mail_retry_base_seconds, 1);
  EXPECT_EQ(config.admin_emails, (std::vector<std::string>{"ops@t2o.example", "dev@t2o.example"}));
  EXPECT_EQ(config.log_level, "DEBUG");
  EXPECT_FALSE(config.log_route_access);
  EXPECT_TRUE(config.log_db_queries);
  EXPECT_EQ(config.stripe_secret_key, "sk_test_1");
  EXPECT_EQ(config.stripe_public_key, "pk_test_1");
  EXPECT_EQ(config.stripe_webhook_secret, "whsec_1");
  EXPECT_EQ(config.stripe_api_base, "http://127.0.0.1:12111");
  EXPECT_EQ(config.run_dir, "/run/t2o");
}

TEST(Config, EmptyValueCountsAsUnset) {
  const Config config = load({{"DATABASE_URL", kDatabaseUrl}, {"APP_NAME", ""}, {"MAIL_PORT", ""}, {"APP_ENV", ""}});
  EXPECT_EQ(config.app_name, "T2Overse");
  EXPECT_EQ(config.mail_port, 25);
  EXPECT_EQ(config.app_env, "development");
}

TEST(Config, FlaskEnvIsAnAliasAndAppEnvWins) {
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"FLASK_ENV", "testing"}}).app_env, "testing");
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"FLASK_ENV", "testing"}, {"APP_ENV", "development"}}).app_env,
            "development");
}

TEST(Config, UnknownEnvironmentIsAnError) {
  const std::string message = config_error({{"DATABASE_URL", kDatabaseUrl}, {"APP_ENV", "staging"}});
  EXPECT_NE(message.find("APP_ENV"), std::string::npos) << message;
  EXPECT_NE(message.find("staging"), std::string::npos) << message;
}

TEST(Config, StripeKeyIsAnAliasAndStripeSecretKeyWins) {
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"STRIPE_KEY", "sk_alias"}}).stripe_secret_key, "sk_alias");
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"STRIPE_KEY", "sk_alias"}, {"STRIPE_SECRET_KEY", "sk_real"}})
                .stripe_secret_key,
            "sk_real");
}

TEST(Config, Booleans) {
  for (const char* yes : {"true", "TRUE", "1", "yes", "On", " true "}) {
    EXPECT_TRUE(load({{"DATABASE_URL", kDatabaseUrl}, {"MAIL_USE_SSL", yes}}).mail_use_ssl) << yes;
  }
  for (const char* no : {"false", "False", "0", "no", "OFF"}) {
    EXPECT_FALSE(load({{"DATABASE_URL", kDatabaseUrl}, {"LOG_ROUTE_ACCESS", no}}).log_route_access) << no;
  }
  for (const char* bad : {"maybe", "2", "truee", "y"}) {
    const std::string message = config_error({{"DATABASE_URL", kDatabaseUrl}, {"MAIL_USE_TLS", bad}});
    EXPECT_NE(message.find("MAIL_USE_TLS"), std::string::npos) << message;
  }
}

TEST(Config, BadNumbers) {
  const std::map<std::string, std::vector<std::string>> bad = {
      {"SESSION_LIFETIME_SECONDS", {"abc", "12x", "59", "-1", "1.5", "31536001", "99999999999999999999"}},
      {"MAIL_PORT", {"0", "65536", "smtp", "25 25"}},
      {"MAIL_RETRY_BASE_SECONDS", {"0", "3601"}},
  };
  for (const auto& [name, values] : bad) {
    for (const std::string& value : values) {
      const std::string message = config_error({{"DATABASE_URL", kDatabaseUrl}, {name, value}});
      EXPECT_NE(message.find(name), std::string::npos) << name << "=" << value << ": " << message;
    }
  }
}

TEST(Config, NumberBoundsAndSpaces) {
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"SESSION_LIFETIME_SECONDS", "60"}}).session_lifetime_seconds, 60);
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"SESSION_LIFETIME_SECONDS", "31536000"}}).session_lifetime_seconds,
            31536000);
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"MAIL_PORT", " 2525 "}}).mail_port, 2525);
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"MAIL_PORT", "65535"}}).mail_port, 65535);
}

TEST(Config, DatabaseUrlIsRequiredEverywhere) {
  const std::string message = config_error({});
  EXPECT_NE(message.find("DATABASE_URL"), std::string::npos) << message;
  config_error({{"APP_ENV", "testing"}});
}

TEST(Config, ProductionRefusesDefaultOrShortSecret) {
  for (const Env& env :
       {Env{{"APP_ENV", "production"}, {"DATABASE_URL", kDatabaseUrl}},
        Env{{"APP_ENV", "production"}, {"DATABASE_URL", kDatabaseUrl}, {"SECRET_KEY", kDefaultSecretKey}},
        Env{{"APP_ENV", "production"}, {"DATABASE_URL", kDatabaseUrl}, {"SECRET_KEY", std::string(31, 'x')}},
        Env{{"FLASK_ENV", "production"}, {"DATABASE_URL", kDatabaseUrl}}}) {
    const std::string message = config_error(env);
    EXPECT_NE(message.find("SECRET_KEY"), std::string::npos) << message;
  }
}

TEST(Config, ProductionRefusesMissingDatabaseUrl) {
  const std::string message = config_error({{"APP_ENV", "production"}, {"SECRET_KEY", kStrongSecret}});
  EXPECT_NE(message.find("DATABASE_URL"), std::string::npos) << message;
  EXPECT_NE(message.find("production"), std::string::npos) << message;
}

TEST(Config, DataKeysAreAListAndProductionRefusesAShortOne) {
  const std::string strong(32, 'k'), older(40, 'o');
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"DATA_KEY", strong + ", " + older}}).data_keys,
            (std::vector<std::string>{strong, older}));
  EXPECT_TRUE(load({{"DATABASE_URL", kDatabaseUrl}}).data_keys.empty()) << "unset: derived from SECRET_KEY";
  const std::string message = config_error({{"APP_ENV", "production"},
                                            {"DATABASE_URL", kDatabaseUrl},
                                            {"SECRET_KEY", kStrongSecret},
                                            {"DATA_KEY", strong + ",short"}});
  EXPECT_NE(message.find("DATA_KEY"), std::string::npos) << message;
}

TEST(Config, ValidProductionLoads) {
  const Config config = load({{"APP_ENV", "production"},
                              {"DATABASE_URL", kDatabaseUrl},
                              {"SECRET_KEY", std::string(32, 'x')},
                              {"PUBLIC_BASE_URL", "https://t2o.example"}});
  EXPECT_TRUE(config.is_production());
  EXPECT_EQ(config.secret_key, std::string(32, 'x'));
  EXPECT_EQ(config.database_url, kDatabaseUrl);
  EXPECT_EQ(config.public_base_url, "https://t2o.example");
}

TEST(Config, DevelopmentAcceptsTheDefaultSecret) {
  EXPECT_EQ(load({{"APP_ENV", "development"}, {"DATABASE_URL", kDatabaseUrl}}).secret_key, kDefaultSecretKey);
  EXPECT_EQ(load({{"APP_ENV", "testing"}, {"DATABASE_URL", kDatabaseUrl}, {"SECRET_KEY", "short"}}).secret_key,
            "short");
}

}  // namespace
}  // namespace t2o

namespace t2o {
namespace {

// LOG_LEVEL was read and then never used; it now sets the least severe stderr line.
TEST(Config, LogLevelIsCheckedAndCaseInsensitive) {
  EXPECT_EQ(load({{"DATABASE_URL", kDatabaseUrl}, {"LOG_LEVEL", "warning"}}).log_level, "WARNING");
  const std::string message = config_error({{"DATABASE_URL", kDatabaseUrl}, {"LOG_LEVEL", "verbose"}});
  EXPECT_NE(message.find("LOG_LEVEL"), std::string::npos) << message;
}

TEST(Config, LogLevelDecidesWhichLinesAreWritten) {
  EXPECT_TRUE(log_level_enabled("INFO", "INFO"));
  EXPECT_TRUE(log_level_enabled("INFO", "ERROR"));
  EXPECT_FALSE(log_level_enabled("WARNING", "INFO"));
  EXPECT_TRUE(log_level_enabled("WARNING", "WARNING"));
  EXPECT_FALSE(log_level_enabled("ERROR", "WARNING"));
  EXPECT_TRUE(log_level_enabled("DEBUG", "INFO"));
  EXPECT_TRUE(log_level_enabled("ERROR", "ERROR"));
}

}  // namespace
}  // namespace t2o
