#pragma once
// Stripe's REST API over libcurl. Services talk to the StripeApi interface, so unit tests
// can hand them a scripted stand-in; the handler uses HttpStripeClient.
#include <json/json.h>

#include <string>
#include <string_view>

#include "errors/http_error.hpp"

namespace t2o::billing {

// Stripe answered with an error, or no answer came: 502 carrying Stripe's own message.
struct StripeError : BadGateway {
  StripeError(int stripe_status_, std::string message) : BadGateway(std::move(message)), stripe_status(stripe_status_) {}
  int stripe_status;  // Stripe's HTTP status; 0 when it could not be reached
};

enum class StripeMethod { Get, Post, Delete };

class StripeApi {
 public:
  virtual ~StripeApi() = default;
  // One call; `path` like "/v1/products". GET sends `params` as the query string, POST as
  // the form body together with a fresh Idempotency-Key, DELETE sends neither. Returns the
  // JSON object Stripe answered with; throws StripeError.
  virtual Json::Value send(StripeMethod method, const std::string& path, const Json::Value& params) = 0;

  Json::Value get(const std::string& path, const Json::Value& params = Json::objectValue) {
    return send(StripeMethod::Get, path, params);
  }
  Json::Value post(const std::string& path, const Json::Value& params) { return send(StripeMethod::Post, path, params); }
  Json::Value del(const std::string& path) { return send(StripeMethod::Delete, path, Json::objectValue); }
};

// "/v1/prices" + "/" + the id, percent-encoded, so no id can walk into another endpoint.
std::string object_path(std::string_view collection, std::string_view id);

// The API version every request pins (Stripe-Version header), so response shapes do not
// move when the account's default version changes; e.g. from 2025-03-31 on,
// current_period_end lives on subscription items rather than on the subscription.
inline constexpr const char* kStripeApiVersion = "2024-06-20";

struct StripeSettings {
  std::string api_base = "https://api.stripe.com";  // STRIPE_API_BASE, no trailing slash
  std::string secret_key;                           // STRIPE_SECRET_KEY; never logged
  long connect_timeout_seconds = 5;
  long timeout_seconds = 20;  // two attempts stay under nginx's 60 s fastcgi_read_timeout

  bool operator==(const StripeSettings&) const = default;
};

class HttpStripeClient final : public StripeApi {
 public:
  explicit HttpStripeClient(StripeSettings settings);
  ~HttpStripeClient() override;
  HttpStripeClient(const HttpStripeClient&) = delete;
  HttpStripeClient& operator=(const HttpStripeClient&) = delete;

  // A request that got no HTTP answer is sent once more, with the same Idempotency-Key, so
  // Stripe performs a create at most once even when the first answer was lost.
  Json::Value send(StripeMethod method, const std::string& path, const Json::Value& params) override;

  const StripeSettings& settings() const { return settings_; }

 private:
  struct Answer {
    bool transport_ok = false;
    long status = 0;
    std::string body;
    std::string transport_error;
  };
  Answer perform(StripeMethod method, const std::string& url, const std::string& form_body,
                 const std::string& idempotency_key);

  StripeSettings settings_;
  void* curl_ = nullptr;  // CURL*, reused so the TLS connection to Stripe is kept alive
};

}  // namespace t2o::billing
