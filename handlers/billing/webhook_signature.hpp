#pragma once
// Stripe's webhook signature scheme: the Stripe-Signature header is
// "t=<unix time>,v1=<hex>[,v1=<hex>...][,v0=...]", where each v1 is
// HMAC-SHA256(webhook secret, "<t>.<raw body>") in lower-case hex. Several v1 values
// appear while a secret is being rolled; any one matching is enough.
#include <ctime>
#include <string_view>

namespace t2o::billing {

inline constexpr long long kSignatureToleranceSeconds = 300;

enum class SignatureCheck { Valid, Malformed, Mismatch, OutsideTolerance };

// Checks the signature first (in constant time per candidate), then that `t` lies within
// `tolerance` seconds of `now` in either direction (a replay of an old delivery is refused).
SignatureCheck check_signature(std::string_view header, std::string_view payload, std::string_view secret,
                               std::time_t now, long long tolerance = kSignatureToleranceSeconds);

// The error text for a failed check.
const char* signature_error(SignatureCheck result);

}  // namespace t2o::billing
