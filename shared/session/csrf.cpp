#include "session/csrf.hpp"

#include "crypto/digest.hpp"

namespace t2o {

std::string csrf_token_for(std::string_view secret_key, std::string_view session_token) {
  return crypto::base64url_encode(crypto::hmac_sha256(secret_key, "csrf:" + std::string(session_token)));
}

bool csrf_token_valid(std::string_view secret_key, std::string_view session_token, std::string_view presented) {
  if (presented.empty() || session_token.empty()) return false;
  return crypto::constant_time_equal(csrf_token_for(secret_key, session_token), presented);
}

}  // namespace t2o
