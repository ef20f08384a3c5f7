#pragma once
// GoogleTest predicates shared by the integration tests: the API.md response shapes.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "http_client.hpp"

namespace t2o::it {

inline constexpr const char* kLoginRequired = "Please log in to access this resource.";
inline constexpr const char* kCsrfFailed = "CSRF token validation failed";

// Transport OK and the expected status.
inline ::testing::AssertionResult HasStatus(const Response& r, long status) {
  if (!r) return ::testing::AssertionFailure() << r.error;
  if (r.status != status) {
    return ::testing::AssertionFailure() << "expected HTTP " << status << ", got " << r.describe();
  }
  return ::testing::AssertionSuccess();
}

// API.md error shape: status, JSON object, success:false, message == error (== `message`
// when one is given).
inline ::testing::AssertionResult IsError(const Response& r, long status, const std::string& message = {}) {
  if (auto s = HasStatus(r, status); !s) return s;
  if (!r.json || !r.json->isObject()) return ::testing::AssertionFailure() << "body is not a JSON object: " << r.describe();
  const Json::Value& j = *r.json;
  if (!j["success"].isBool() || j["success"].asBool()) {
    return ::testing::AssertionFailure() << "expected \"success\": false in " << r.describe();
  }
  if (!j["message"].isString()) return ::testing::AssertionFailure() << "no string \"message\" in " << r.describe();
  if (!j["error"].isString()) return ::testing::AssertionFailure() << "no string \"error\" in " << r.describe();
  if (j["message"].asString() != j["error"].asString()) {
    return ::testing::AssertionFailure() << "\"message\" and \"error\" differ in " << r.describe();
  }
  if (!message.empty() && j["message"].asString() != message) {
    return ::testing::AssertionFailure() << "expected message \"" << message << "\", got " << r.describe();
  }
  return ::testing::AssertionSuccess();
}

// API.md success shape: status, success:true and (when given) the message.
inline ::testing::AssertionResult IsSuccess(const Response& r, long status, const std::string& message = {}) {
  if (auto s = HasStatus(r, status); !s) return s;
  if (!r.json || !r.json->isObject()) return ::testing::AssertionFailure() << "body is not a JSON object: " << r.describe();
  const Json::Value& j = *r.json;
  if (!j["success"].isBool() || !j["success"].asBool()) {
    return ::testing::AssertionFailure() << "expected \"success\": true in " << r.describe();
  }
  if (!message.empty() && (!j["message"].isString() || j["message"].asString() != message)) {
    return ::testing::AssertionFailure() << "expected message \"" << message << "\", got " << r.describe();
  }
  return ::testing::AssertionSuccess();
}

inline std::set<std::string> string_set(const Json::Value& array) {
  std::set<std::string> out;
  if (!array.isArray()) return out;
  for (const auto& v : array) out.insert(v.isString() ? v.asString() : json_text(v));
  return out;
}

inline std::set<std::string> member_names(const Json::Value& object) {
  std::set<std::string> out;
  if (!object.isObject()) return out;
  for (const auto& name : object.getMemberNames()) out.insert(name);
  return out;
}

// The value of the sample NAME{LABELS} in a Prometheus text page; -1 when it is missing.
inline long long metric_sample(const std::string& page, const std::string& name_and_labels) {
  const std::string prefix = "\n" + name_and_labels + " ";
  const auto at = page.find(prefix);
  if (at == std::string::npos) return -1;
  return std::stoll(page.substr(at + prefix.size()));
}

}  // namespace t2o::it
