// The Stripe-Signature header: billing::check_signature. Input: the header, a newline, then
// the payload. Any header must be answered without crashing, with an error text unless it
// is Valid; the header Stripe would send for this payload must be Valid now and
// OutsideTolerance later.
#include <string>

#include "billing/webhook_signature.hpp"
#include "crypto/digest.hpp"
#include "fuzz_input.hpp"

namespace {

constexpr std::string_view kSecret = "whsec_fuzz";
constexpr std::time_t kNow = 1'700'000'000;  // fixed, so a crash replays the same way

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using t2o::billing::SignatureCheck;
  using t2o::fuzz::require;
  const auto [header, payload] = t2o::fuzz::split_first_line(t2o::fuzz::as_text(data, size));

  const SignatureCheck result = t2o::billing::check_signature(header, payload, kSecret, kNow);
  require((*t2o::billing::signature_error(result) == '\0') == (result == SignatureCheck::Valid),
          "every result but Valid has an error text");

  const std::string timestamp = std::to_string(kNow);
  const std::string signature =
      t2o::crypto::to_hex(t2o::crypto::hmac_sha256(kSecret, timestamp + "." + std::string(payload)));
  const std::string stripe_header = "t=" + timestamp + ",v1=" + signature;
  require(t2o::billing::check_signature(stripe_header, payload, kSecret, kNow) == SignatureCheck::Valid,
          "Stripe's own header is valid");
  require(t2o::billing::check_signature(stripe_header, payload, kSecret,
                                        kNow + t2o::billing::kSignatureToleranceSeconds + 1) ==
              SignatureCheck::OutsideTolerance,
          "an old delivery is refused");
  return 0;
}
