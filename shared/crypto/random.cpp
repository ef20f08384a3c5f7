#include "crypto/random.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

#include "crypto/digest.hpp"

namespace t2o::crypto {

std::string random_bytes(std::size_t byte_count) {
  std::string out(byte_count, '\0');
  std::size_t done = 0;
  // RAND_bytes takes an int length, so fill large buffers in chunks.
  while (done < byte_count) {
    const std::size_t chunk = std::min<std::size_t>(byte_count - done, INT_MAX);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data() + done),
                   static_cast<int>(chunk)) != 1) {
      throw std::runtime_error("RAND_bytes failed");
    }
    done += chunk;
  }
  return out;
}

std::string random_token(std::size_t byte_count) {
  return base64url_encode(random_bytes(byte_count));
}

std::string random_digits(std::size_t digits) {
  std::string out;
  out.reserve(digits);
  while (out.size() < digits) {
    // Rejection sampling: bytes 250..255 are discarded so that every digit is equally
    // likely (250 = 25 * 10); on average 2.4% of bytes are thrown away.
    const std::string pool = random_bytes(digits - out.size() + 8);
    for (const char c : pool) {
      const auto b = static_cast<unsigned char>(c);
      if (b >= 250) continue;
      out += static_cast<char>('0' + b % 10);
      if (out.size() == digits) break;
    }
  }
  return out;
}

}  // namespace t2o::crypto
