// crypto/secret_box: sealing secrets at rest with XChaCha20-Poly1305 under derived keys.
#include <gtest/gtest.h>

#include "crypto/secret_box.hpp"

namespace t2o::crypto {
namespace {

TEST(SecretBox, SealsAndOpensWithTheSameKeyAndAssociatedData) {
  const SecretBox box({"material-one"});
  const std::string sealed = box.seal("JBSWY3DPEHPK3PXP", "users.totp:7");
  EXPECT_TRUE(SecretBox::is_sealed(sealed));
  EXPECT_EQ(sealed.find("JBSWY3DPEHPK3PXP"), std::string::npos);
  EXPECT_EQ(box.open(sealed, "users.totp:7"), "JBSWY3DPEHPK3PXP");
  EXPECT_NE(box.seal("JBSWY3DPEHPK3PXP", "users.totp:7"), sealed) << "a fresh nonce each time";
}

TEST(SecretBox, RefusesAnotherRowAKeyItDoesNotHaveAndAnyEdit) {
  const SecretBox box({"material-one"});
  const std::string sealed = box.seal("JBSWY3DPEHPK3PXP", "users.totp:7");
  EXPECT_FALSE(box.open(sealed, "users.totp:8"));
  EXPECT_FALSE(SecretBox({"material-two"}).open(sealed, "users.totp:7"));
  for (std::size_t at = 12; at < sealed.size(); at += 7) {
    std::string edited = sealed;
    edited[at] = edited[at] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(box.open(edited, "users.totp:7")) << "edited at " << at;
  }
  EXPECT_FALSE(box.open("JBSWY3DPEHPK3PXP", "users.totp:7")) << "plain text is not sealed text";
  EXPECT_FALSE(box.open("v1.00000000.", "users.totp:7"));
  EXPECT_FALSE(box.open("v1.zzzzzzzz.!!!", "users.totp:7"));
}

TEST(SecretBox, TheFirstKeySealsAndEveryListedKeyOpens) {
  const SecretBox old_box({"old-material"});
  const SecretBox rotated({"new-material", "old-material"});
  const std::string under_old = old_box.seal("secret", "ad");
  EXPECT_EQ(rotated.open(under_old, "ad"), "secret");
  EXPECT_FALSE(rotated.sealed_with_current_key(under_old));
  const std::string under_new = rotated.seal("secret", "ad");
  EXPECT_TRUE(rotated.sealed_with_current_key(under_new));
  EXPECT_FALSE(old_box.open(under_new, "ad"));
}

TEST(SecretBox, WithoutDataKeyTheKeyIsDerivedFromSecretKey) {
  Config config;
  config.secret_key = "the-csrf-signing-secret-0123456789";
  const SecretBox derived = SecretBox::for_config(config);
  const std::string sealed = derived.seal("x", "ad");
  EXPECT_EQ(SecretBox({config.secret_key}).open(sealed, "ad"), "x") << "derived from SECRET_KEY when DATA_KEY is unset";
  config.data_keys = {"a-separate-data-key"};
  EXPECT_FALSE(SecretBox::for_config(config).open(sealed, "ad")) << "DATA_KEY, when set, replaces it";
  EXPECT_THROW(SecretBox({}), std::invalid_argument);
}

}  // namespace
}  // namespace t2o::crypto
