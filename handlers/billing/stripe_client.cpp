#include "billing/stripe_client.hpp"

#include <curl/curl.h>

#include <memory>

#include "billing/stripe_form.hpp"
#include "crypto/random.hpp"
#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o::billing {
namespace {

constexpr int kAttempts = 2;

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

struct HeaderList {
  curl_slist* list = nullptr;
  void add(const std::string& header) { list = curl_slist_append(list, header.c_str()); }
  ~HeaderList() { curl_slist_free_all(list); }
};

// Stripe's error object is {"error": {"message": ..., "type": ...}}; fall back to the status.
std::string stripe_error_message(long status, const std::string& body) {
  try {
    const Json::Value parsed = json::parse(body);
    const Json::Value& message = parsed["error"]["message"];
    if (message.isString() && !message.asString().empty()) return message.asString();
  } catch (const std::exception&) {
    // not JSON: use the status below
  }
  return "Stripe answered HTTP " + std::to_string(status);
}

}  // namespace

std::string object_path(std::string_view collection, std::string_view id) {
  return std::string(collection) + "/" + text::url_encode(id);
}

HttpStripeClient::HttpStripeClient(StripeSettings settings) : settings_(std::move(settings)) {}

HttpStripeClient::~HttpStripeClient() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpStripeClient::Answer HttpStripeClient::perform(StripeMethod method, const std::string& url,
                                                   const std::string& form_body,
                                                   const std::string& idempotency_key) {
  if (!curl_) curl_ = curl_easy_init();
  Answer answer;
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) {
    answer.transport_error = "curl_easy_init failed";
    return answer;
  }
  curl_easy_reset(curl);
  HeaderList headers;
  headers.add("Authorization: Bearer " + settings_.secret_key);
  headers.add(std::string("Stripe-Version: ") + kStripeApiVersion);
  headers.add("Accept: application/json");
  if (!idempotency_key.empty()) headers.add("Idempotency-Key: " + idempotency_key);
  if (method == StripeMethod::Post) headers.add("Content-Type: application/x-www-form-urlencoded");
  headers.add("Expect:");  // no 100-continue round trip

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings_.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "t2o-billing/1");
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  switch (method) {
    case StripeMethod::Get: curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L); break;
    case StripeMethod::Post:
      curl_easy_setopt(curl, CURLOPT_POST, 1L);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form_body.c_str());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(form_body.size()));
      break;
    case StripeMethod::Delete: curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE"); break;
  }

  const CURLcode code = curl_easy_perform(curl);
  if (code != CURLE_OK) {
    answer.transport_error = curl_easy_strerror(code);
    return answer;
  }
  answer.transport_ok = true;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

Json::Value HttpStripeClient::send(StripeMethod method, const std::string& path, const Json::Value& params) {
  std::string url = settings_.api_base + path;
  std::string form_body;
  std::string idempotency_key;
  if (method == StripeMethod::Get) {
    const std::string query = form_encode(params);
    if (!query.empty()) url += "?" + query;
  } else if (method == StripeMethod::Post) {
    form_body = form_encode(params);
    idempotency_key = "t2o-" + crypto::random_token(24);
  }

  Answer answer;
  for (int attempt = 0; attempt < kAttempts && !answer.transport_ok; ++attempt) {
    answer = perform(method, url, form_body, idempotency_key);
  }
  if (!answer.transport_ok) throw StripeError(0, "Could not reach Stripe: " + answer.transport_error);
  if (answer.status < 200 || answer.status >= 300) {
    throw StripeError(static_cast<int>(answer.status), stripe_error_message(answer.status, answer.body));
  }
  try {
    Json::Value object = json::parse(answer.body);
    if (object.isObject()) return object;
  } catch (const std::exception&) {
    // reported below
  }
  throw StripeError(static_cast<int>(answer.status), "Stripe sent a response that is not a JSON object");
}

}  // namespace t2o::billing
