#include "json/json.hpp"

#include <memory>
#include <sstream>

#include "errors/http_error.hpp"
#include "util/text.hpp"

namespace t2o::json {

Json::Value parse(std::string_view text) {
  static const std::unique_ptr<Json::CharReader> reader = [] {
    Json::CharReaderBuilder builder;
    Json::CharReaderBuilder::strictMode(&builder.settings_);
    builder.settings_["stackLimit"] = 64;
    return std::unique_ptr<Json::CharReader>(builder.newCharReader());
  }();
  Json::Value value;
  std::string errors;
  try {
    if (!reader->parse(text.data(), text.data() + text.size(), &value, &errors)) throw BadRequest("Invalid JSON body");
  } catch (const Json::Exception&) {
    throw BadRequest("Invalid JSON body");  // e.g. nesting deeper than stackLimit
  }
  return value;
}

std::string write(const Json::Value& value) {
  static const std::unique_ptr<Json::StreamWriter> writer = [] {
    Json::StreamWriterBuilder builder;
    builder["indentation"] = "";
    builder["emitUTF8"] = true;
    return std::unique_ptr<Json::StreamWriter>(builder.newStreamWriter());
  }();
  std::ostringstream out;
  writer->write(value, &out);
  return out.str();
}

std::optional<std::string> optional_string(const Json::Value& object, const char* name) {
  if (!object.isObject()) throw BadRequest("Request body must be a JSON object");
  const Json::Value& field = object[name];
  if (field.isNull()) return std::nullopt;
  if (!field.isString()) throw BadRequest(std::string(name) + " must be a string");
  return field.asString();
}

std::string require_string(const Json::Value& object, const char* name) {
  auto value = optional_string(object, name);
  std::string trimmed = value ? std::string(text::trim(*value)) : std::string();
  if (trimmed.empty()) throw BadRequest(std::string(name) + " is required");
  return trimmed;
}

std::optional<long long> optional_int(const Json::Value& object, const char* name) {
  if (!object.isObject()) throw BadRequest("Request body must be a JSON object");
  const Json::Value& field = object[name];
  if (field.isNull()) return std::nullopt;
  if (field.isInt64()) return field.asInt64();
  if (field.isString()) {
    if (auto parsed = text::parse_int(text::trim(field.asString()))) return parsed;
  }
  throw BadRequest(std::string(name) + " must be an integer");
}

std::optional<bool> optional_bool(const Json::Value& object, const char* name) {
  if (!object.isObject()) throw BadRequest("Request body must be a JSON object");
  const Json::Value& field = object[name];
  if (field.isNull()) return std::nullopt;
  if (field.isBool()) return field.asBool();
  if (field.isInt64() && (field.asInt64() == 0 || field.asInt64() == 1)) return field.asInt64() == 1;
  if (field.isString()) {
    const std::string value = text::to_lower(text::trim(field.asString()));
    if (value == "true" || value == "1") return true;
    if (value == "false" || value == "0") return false;
  }
  throw BadRequest(std::string(name) + " must be a boolean");
}

}  // namespace t2o::json
