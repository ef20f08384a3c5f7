#include "billing/stripe_form.hpp"

#include <stdexcept>

#include "util/text.hpp"

namespace t2o::billing {
namespace {

void flatten(const std::string& key, const Json::Value& value, FormFields& out) {
  switch (value.type()) {
    case Json::objectValue:
      for (const std::string& name : value.getMemberNames()) {
        std::string nested = key.empty() ? name : key;
        if (!key.empty()) nested.append("[").append(name).append("]");
        flatten(nested, value[name], out);
      }
      return;
    case Json::arrayValue:
      for (Json::ArrayIndex i = 0; i < value.size(); ++i) flatten(key + "[" + std::to_string(i) + "]", value[i], out);
      return;
    case Json::nullValue: out.emplace_back(key, ""); return;
    case Json::booleanValue: out.emplace_back(key, value.asBool() ? "true" : "false"); return;
    case Json::intValue: out.emplace_back(key, std::to_string(value.asInt64())); return;
    case Json::uintValue: out.emplace_back(key, std::to_string(value.asUInt64())); return;
    case Json::stringValue: out.emplace_back(key, value.asString()); return;
    case Json::realValue: break;
  }
  throw std::invalid_argument("Stripe parameter " + key + " is not an integer");
}

}  // namespace

FormFields form_fields(const Json::Value& params) {
  FormFields fields;
  if (params.isNull()) return fields;
  if (!params.isObject()) throw std::invalid_argument("Stripe parameters must be an object");
  flatten("", params, fields);
  return fields;
}

std::string form_encode(const Json::Value& params) {
  std::string body;
  for (const auto& [key, value] : form_fields(params)) {
    if (!body.empty()) body += '&';
    body += text::url_encode(key);
    body += '=';
    body += text::url_encode(value);
  }
  return body;
}

}  // namespace t2o::billing
