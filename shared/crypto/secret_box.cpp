#include "crypto/secret_box.hpp"

#include <sodium.h>

#include <stdexcept>

#include "crypto/digest.hpp"

namespace t2o::crypto {
namespace {

constexpr std::string_view kVersion = "v1";
// The derivation's context: a key for sealing data at rest, distinct from every other use
// of the same material (SECRET_KEY also signs CSRF tokens).
constexpr std::string_view kContext = "t2o data at rest, XChaCha20-Poly1305, v1";

const unsigned char* bytes_of(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

std::string blake2b(std::size_t out_size, std::string_view message, std::string_view key) {
  std::string out(out_size, '\0');
  if (crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out_size, bytes_of(message), message.size(),
                         bytes_of(key), key.size()) != 0) {
    throw std::runtime_error("BLAKE2b failed");
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace

SecretBox::SecretBox(const std::vector<std::string>& materials) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (materials.empty()) throw std::invalid_argument("SecretBox needs at least one key");
  for (const std::string& material : materials) {
    if (material.empty()) throw std::invalid_argument("an empty data key");
    // The material keys BLAKE2b over the context (keys longer than 64 bytes are hashed first).
    const std::string keying = material.size() > crypto_generichash_KEYBYTES_MAX
                                   ? blake2b(crypto_generichash_KEYBYTES_MAX, material, "")
                                   : material;
    Key key;
    key.bytes = blake2b(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, kContext, keying);
    key.id = to_hex(blake2b(4, "key id", key.bytes));
    keys_.push_back(std::move(key));
  }
}

const SecretBox& SecretBox::for_config(const Config& config) {
  const std::vector<std::string> materials = config.data_keys.empty() ? std::vector{config.secret_key} : config.data_keys;
  thread_local std::optional<std::pair<std::vector<std::string>, SecretBox>> derived;
  if (!derived || derived->first != materials) derived.emplace(materials, SecretBox(materials));
  return derived->second;
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view associated) const {
  const Key& key = keys_.front();
  std::string box(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long sealed_length = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &sealed_length,
                                             bytes_of(plaintext), plaintext.size(), bytes_of(associated),
                                             associated.size(), nullptr, nonce, bytes_of(key.bytes));
  box.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + sealed_length);
  return std::string(kVersion) + "." + key.id + "." + base64url_encode(box);
}

bool SecretBox::is_sealed(std::string_view value) {
  return value.size() > kVersion.size() + 10 && value.substr(0, kVersion.size() + 1) == "v1." &&
         value[kVersion.size() + 9] == '.';
}

bool SecretBox::sealed_with_current_key(std::string_view value) const {
  return is_sealed(value) && value.substr(kVersion.size() + 1, 8) == keys_.front().id;
}

std::optional<std::string> SecretBox::open(std::string_view sealed, std::string_view associated) const {
  if (!is_sealed(sealed)) return std::nullopt;
  const std::string_view key_id = sealed.substr(kVersion.size() + 1, 8);
  const auto box = base64url_decode(sealed.substr(kVersion.size() + 10));
  constexpr std::size_t kOverhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (!box || box->size() < kOverhead) return std::nullopt;
  const auto* nonce = bytes_of(*box);
  for (const Key& key : keys_) {
    if (key.id != key_id) continue;
    std::string plain(box->size() - kOverhead, '\0');
    unsigned long long plain_length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &plain_length, nullptr,
            nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, box->size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            bytes_of(associated), associated.size(), nonce, bytes_of(key.bytes)) == 0) {
      plain.resize(plain_length);
      return plain;
    }
  }
  return std::nullopt;
}

}  // namespace t2o::crypto
