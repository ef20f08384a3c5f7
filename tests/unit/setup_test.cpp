// Unit tests for handlers/setup/admin_password: the seeded admin's first password.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "auth/auth_service.hpp"
#include "crypto/password.hpp"
#include "setup/admin_password.hpp"
#include "service_calls.hpp"
#include "test_database.hpp"
#include "test_support.hpp"
#include "users/validation.hpp"

namespace t2o::setup {
namespace {

class AdminPasswordTest : public t2o::testing::DatabaseTest {
 protected:
  // The seed state: admin exists without a password. Restored afterwards too, so other
  // tests see the seed data.
  void SetUp() override {
    DatabaseTest::SetUp();
    if (HasFatalFailure()) return;
    reset_admin_password();
  }
  void TearDown() override {
    if (db) reset_admin_password();
  }
  void reset_admin_password() { db->exec("UPDATE users SET password_hash = NULL WHERE username = 'admin'"); }

  std::optional<std::string> stored_hash() {
    return db->exec("SELECT password_hash FROM users WHERE username = 'admin'").one_row().opt_str(0);
  }

  long long admin_login(const std::string& password) {
    auth::LoginInput input;
    input.username_or_email = "admin";
    input.password = password;
    return auth::log_in(*db, *sessions, config, input).user_id;
  }
};

TEST_F(AdminPasswordTest, GeneratedOnceWhenNoneIsConfigured) {
  const auto generated = ensure_admin_password(*db, "");
  ASSERT_TRUE(generated);
  EXPECT_TRUE(users::password_meets_policy(*generated)) << *generated;
  EXPECT_GE(generated->size(), 20u);

  const auto hash = stored_hash();
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(crypto::verify_password(*generated, *hash).matches);
  EXPECT_GT(admin_login(*generated), 0);

  EXPECT_FALSE(ensure_admin_password(*db, "")) << "printed once only";
  EXPECT_EQ(stored_hash(), hash) << "the second run changes nothing";
}

TEST_F(AdminPasswordTest, GeneratedPasswordsDiffer) {
  const auto first = ensure_admin_password(*db, "");
  reset_admin_password();
  const auto second = ensure_admin_password(*db, "");
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  EXPECT_NE(*first, *second);
}

TEST_F(AdminPasswordTest, ConfiguredPasswordIsSetAndLogsIn) {
  EXPECT_FALSE(ensure_admin_password(*db, "Adm1n-Passw0rd!")) << "nothing to print";
  const auto hash = stored_hash();
  ASSERT_TRUE(hash);
  EXPECT_TRUE(hash->starts_with("$argon2id$"));
  EXPECT_EQ(admin_login("Adm1n-Passw0rd!"), t2o::testing::admin_user_id(*db));

  // Running again with the same value keeps the hash; with no value it does not generate.
  EXPECT_FALSE(ensure_admin_password(*db, "Adm1n-Passw0rd!"));
  EXPECT_EQ(stored_hash(), hash);
  EXPECT_FALSE(ensure_admin_password(*db, ""));
  EXPECT_EQ(stored_hash(), hash);
}

TEST_F(AdminPasswordTest, ChangingTheConfiguredPasswordTakesEffect) {
  ensure_admin_password(*db, "Adm1n-Passw0rd!");
  ensure_admin_password(*db, "N3w-Adm1n-Passw0rd");
  EXPECT_GT(admin_login("N3w-Adm1n-Passw0rd"), 0);
  // Checked on the hash rather than by a failed login, which would count towards the
  // (persistent) admin account's lockout.
  EXPECT_FALSE(crypto::verify_password("Adm1n-Passw0rd!", *stored_hash()).matches);
}

TEST_F(AdminPasswordTest, ConfiguredPasswordReplacesAGeneratedOne) {
  const auto generated = ensure_admin_password(*db, "");
  ASSERT_TRUE(generated);
  ensure_admin_password(*db, "Adm1n-Passw0rd!");
  EXPECT_TRUE(crypto::verify_password("Adm1n-Passw0rd!", *stored_hash()).matches);
  EXPECT_FALSE(crypto::verify_password(*generated, *stored_hash()).matches);
}

TEST_F(AdminPasswordTest, WeakConfiguredPasswordThrows) {
  for (const char* weak : {"admin", "password123", "Password123", "Pass1!x"}) {
    try {
      ensure_admin_password(*db, weak);
      ADD_FAILURE() << "accepted " << weak;
    } catch (const std::runtime_error& error) {
      EXPECT_NE(std::string(error.what()).find("ADMIN_PASSWORD"), std::string::npos) << error.what();
    }
    EXPECT_FALSE(stored_hash()) << "nothing stored for " << weak;
  }
}

}  // namespace
}  // namespace t2o::setup
