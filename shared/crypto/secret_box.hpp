#pragma once
// Secrets the server must read back (TOTP secrets), sealed at rest with libsodium's
// XChaCha20-Poly1305 (an AEAD). Each key is derived from its material (DATA_KEY's entries,
// or else SECRET_KEY) under a context of its own, so the CSRF and data keys never
// coincide. Sealed text: "v1.<key id>.<base64url(nonce | ciphertext)>", where the key id
// (8 hex digits from the key) says which key opens it. The first key seals; any listed key
// opens, which is how keys rotate. `associated` binds a value to its row (a user's id):
// copied onto another row it no longer opens.
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace t2o::crypto {

class SecretBox {
 public:
  // `materials`: first the key that seals, then older ones that only open. Not empty.
  explicit SecretBox(const std::vector<std::string>& materials);
  // DATA_KEY's keys when set, else one derived from SECRET_KEY. Derived once per key list
  // and thread, not on every TOTP check.
  static const SecretBox& for_config(const Config& config);

  std::string seal(std::string_view plaintext, std::string_view associated) const;
  // nullopt: not sealed text, no listed key has its id, or it fails to authenticate (a
  // wrong key, an edited value, another row's value).
  std::optional<std::string> open(std::string_view sealed, std::string_view associated) const;
  // Whether `value` is sealed text, and whether the sealing key (the first) sealed it.
  static bool is_sealed(std::string_view value);
  bool sealed_with_current_key(std::string_view value) const;

 private:
  struct Key {
    std::string id;     // 8 hex digits
    std::string bytes;  // 32
  };
  std::vector<Key> keys_;
};

}  // namespace t2o::crypto
