#include "billing/webhook_signature.hpp"

#include <optional>
#include <string>
#include <vector>

#include "crypto/digest.hpp"
#include "util/text.hpp"

namespace t2o::billing {

SignatureCheck check_signature(std::string_view header, std::string_view payload, std::string_view secret,
                               std::time_t now, long long tolerance) {
  std::optional<long long> timestamp;
  std::vector<std::string_view> candidates;
  for (std::string_view item : text::split(header, ',')) {
    item = text::trim(item);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) return SignatureCheck::Malformed;
    const std::string_view key = item.substr(0, equals);
    const std::string_view value = item.substr(equals + 1);
    if (key == "t") {
      // One timestamp, plain digits: "t=+1" or two t's would make "which one?" ambiguous.
      if (timestamp || value.empty() || value.size() > 12 || value.find_first_not_of("0123456789") != value.npos) {
        return SignatureCheck::Malformed;
      }
      timestamp = text::parse_int(value);
    } else if (key == "v1") {
      candidates.push_back(value);
    }
  }
  if (!timestamp || candidates.empty() || secret.empty()) return SignatureCheck::Malformed;

  std::string signed_payload = std::to_string(*timestamp);
  signed_payload += '.';
  signed_payload += payload;
  const std::string expected = crypto::to_hex(crypto::hmac_sha256(secret, signed_payload));
  bool matched = false;
  for (std::string_view candidate : candidates) {
    // No early exit: every candidate costs the same whether or not an earlier one matched.
    matched = crypto::constant_time_equal(expected, candidate) || matched;
  }
  if (!matched) return SignatureCheck::Mismatch;
  const long long age = static_cast<long long>(now) - *timestamp;
  if (age > tolerance || age < -tolerance) return SignatureCheck::OutsideTolerance;
  return SignatureCheck::Valid;
}

const char* signature_error(SignatureCheck result) {
  switch (result) {
    case SignatureCheck::Valid: return "";
    case SignatureCheck::Malformed: return "Malformed Stripe-Signature header";
    case SignatureCheck::Mismatch: return "Invalid webhook signature";
    case SignatureCheck::OutsideTolerance: return "Webhook timestamp is outside the tolerance";
  }
  return "Invalid webhook signature";
}

}  // namespace t2o::billing
