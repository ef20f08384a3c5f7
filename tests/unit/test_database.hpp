#pragma once
// A fixture for unit tests that need the real test database (T2O_TEST_DATABASE_URL, a
// migrated database of its own). Each test starts from the seed data: rows the tests
// create are removed in SetUp.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "db/connection.hpp"
#include "session/revocation_epoch.hpp"
#include "session/session_store.hpp"

namespace t2o::testing {

inline std::string test_database_url() {
  const char* url = std::getenv("T2O_TEST_DATABASE_URL");
  return url ? url : "";
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url = test_database_url();
    if (url.empty()) GTEST_FAIL() << "T2O_TEST_DATABASE_URL is not set (tests/run sets it)";
    db = std::make_unique<db::Connection>(url);
    db->run(
        "DELETE FROM users WHERE username <> 'admin'; DELETE FROM sessions; DELETE FROM one_time_tokens; "
        "DELETE FROM mail_outbox; DELETE FROM request_log; "
        "DELETE FROM roles WHERE name NOT IN ('Super Admin', 'Admin', 'User'); "
        "DELETE FROM permissions WHERE name NOT IN ('view_dashboard', 'manage_users', 'view_reports', "
        "'manage_settings', 'access_logs', 'manage_admin', 'edit')");
    config.database_url = url;
    config.app_env = "testing";
    config.public_base_url = "https://example.test";
    epoch = std::make_unique<RevocationEpoch>(run_dir());
    sessions = std::make_unique<SessionStore>(*db, *epoch, config.session_lifetime_seconds);
  }

  // Runs `work(tx)` in a transaction and commits it, as a route does (an exception rolls
  // back). Returns what `work` returns.
  template <typename Work>
  auto in_tx(Work&& work) {
    return db::in_transaction(*db, std::forward<Work>(work));
  }

  // A private directory for the shared-memory epoch file, so the cache is exercised.
  std::string run_dir() {
    static const std::string dir = [] {
      char pattern[] = "/tmp/t2o-unit-XXXXXX";
      const char* made = mkdtemp(pattern);
      return std::string(made ? made : "");
    }();
    return dir;
  }

  std::unique_ptr<db::Connection> db;
  Config config;
  std::unique_ptr<RevocationEpoch> epoch;
  std::unique_ptr<SessionStore> sessions;
};

}  // namespace t2o::testing
