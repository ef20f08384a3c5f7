#include "routing/openapi_document.hpp"

#include <cctype>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "routing/openapi_access.hpp"
#include "routing/openapi_paths.hpp"

namespace t2o::routing {
namespace {

using Problems = std::vector<std::string>;

// What openapi_operations.json holds at its top level ("$comment" says what the file is).
const std::set<std::string> kTopLevelKeys{"$comment", "info", "servers", "tags", "path_parameters", "components",
                                          "operations"};
// What only the route tables decide.
const char* const kTableOwnedKeys[] = {"operationId", "tags", "security", "x-permission"};

Json::Value parse_descriptions(std::string_view text) {
  Json::CharReaderBuilder builder;
  Json::CharReaderBuilder::strictMode(&builder.settings_);
  const std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  Json::Value value;
  std::string errors;
  if (!reader->parse(text.data(), text.data() + text.size(), &value, &errors) || !value.isObject()) {
    throw OpenApiMismatch("openapi_operations.json is not a JSON object: " + errors);
  }
  return value;
}

std::string lower_method(Method method) {
  std::string name(method_name(method));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

// A response written as text is shorthand: for 2xx a {"success": true, "message"} answer,
// for 204 no body, for the rest the API's error shape; the text is its description.
Json::Value expand_response(const std::string& status, const Json::Value& given) {
  if (!given.isString()) return given;
  Json::Value response;
  response["description"] = given;
  if (status == "204") return response;
  response["content"]["application/json"]["schema"]["$ref"] =
      status.starts_with('2') ? "#/components/schemas/Message" : "#/components/schemas/Error";
  return response;
}

// "nginx also answers the original client's paths: `/roles` (`/admin/roles`), ..."
std::string alias_text(const GroupTable& group) {
  std::string text = "nginx also answers the original client's paths:";
  for (std::size_t i = 0; i < group.aliases.size(); ++i) {
    text += i == 0 ? " `" : ", `";
    text += group.aliases[i].from;
    text += "` (`";
    text += group.aliases[i].to;
    text += "`)";
  }
  return text + ".";
}

// The groups' tags in table order, each with the description the file gives it.
Json::Value group_tags(std::span<const GroupTable* const> groups, const Json::Value& given, Problems& problems) {
  std::set<std::string> group_names;
  for (const GroupTable* group : groups) group_names.insert(std::string(group->name));
  Json::Value by_name(Json::objectValue);
  for (const Json::Value& tag : given) {
    if (!tag.isObject() || !tag["name"].isString()) {
      problems.push_back("openapi_operations.json: a tag without a name");
      continue;
    }
    const std::string name = tag["name"].asString();
    if (!group_names.count(name)) problems.push_back("tag " + name + ": names no group of the route tables");
    by_name[name] = tag;
  }
  Json::Value tags(Json::arrayValue);
  for (const GroupTable* group : groups) {
    const std::string name(group->name);
    Json::Value& tag = by_name[name];
    if (!tag["description"].isString()) {
      problems.push_back("group " + name + ": no tag with a description");
      continue;
    }
    if (!group->aliases.empty()) tag["description"] = tag["description"].asString() + " " + alias_text(*group);
    tags.append(tag);
  }
  return tags;
}

Json::Value path_parameter(const PathParameter& parameter, const Json::Value& texts) {
  Json::Value out;
  out["name"] = parameter.name;
  out["in"] = "path";
  out["required"] = true;
  out["description"] = texts[parameter.name];
  out["schema"]["type"] = parameter.is_integer ? "integer" : "string";
  if (parameter.is_integer) out["schema"]["minimum"] = 0;
  return out;
}

struct RouteInGroup {
  const GroupTable& group;
  const Route& route;
  std::string where;  // "POST /signup (auth)", for problems
};

Json::Value parameters_of(const RouteInGroup& at, const Json::Value& described, const Json::Value& texts,
                          Problems& problems) {
  Json::Value parameters(Json::arrayValue);
  for (const PathParameter& parameter : path_parameters(at.route.pattern)) {
    if (!texts[parameter.name].isString()) {
      problems.push_back(at.where + ": path parameter " + parameter.name + " has no text in path_parameters");
    }
    parameters.append(path_parameter(parameter, texts));
  }
  if (!described["parameters"].isNull() && !described["parameters"].isArray()) {
    problems.push_back(at.where + ": parameters must be a list");
    return parameters;
  }
  for (const Json::Value& parameter : described["parameters"]) {
    if (parameter["in"] == "path") problems.push_back(at.where + ": path parameters come from the route's pattern");
    parameters.append(parameter);
  }
  return parameters;
}

Json::Value operation(const RouteInGroup& at, const Json::Value& described, const Json::Value& texts,
                      Problems& problems) {
  if (!described.isObject()) {
    problems.push_back(at.where + ": its description is not a JSON object");
    return Json::Value(Json::objectValue);
  }
  for (const char* owned : kTableOwnedKeys) {
    if (described.isMember(owned)) problems.push_back(at.where + ": sets " + owned + ", which the route table decides");
  }
  if (!described["summary"].isString()) problems.push_back(at.where + ": no summary");
  if (!described["responses"].isObject()) problems.push_back(at.where + ": no responses");
  if (described.isMember("body") && described.isMember("requestBody")) {
    problems.push_back(at.where + ": both body and requestBody");
  }

  Json::Value op = described;
  op.removeMember("body");
  op["operationId"] = operation_id(at.route.method, at.route.pattern);
  op["tags"].append(std::string(at.group.name));
  const Json::Value parameters = parameters_of(at, described, texts, problems);
  if (parameters.empty()) {
    op.removeMember("parameters");
  } else {
    op["parameters"] = parameters;
  }
  // "body": a schema, shorthand for a required JSON request body.
  if (described.isMember("body")) {
    op["requestBody"]["required"] = true;
    op["requestBody"]["content"]["application/json"]["schema"] = described["body"];
  }
  Json::Value responses(Json::objectValue);
  if (described["responses"].isObject()) {
    for (const std::string& status : described["responses"].getMemberNames()) {
      responses[status] = expand_response(status, described["responses"][status]);
    }
  }
  add_access_responses(at.route, responses);
  op["responses"] = responses;
  op["security"] = security_requirements(at.route);
  if (!at.route.access.permission.empty()) op["x-permission"] = std::string(at.route.access.permission);
  const std::string given = described["description"].isString() ? described["description"].asString() + "\n\n" : "";
  op["description"] = given + access_description(at.route);
  return op;
}

std::string joined_lines(const Problems& problems) {
  std::string text;
  for (const std::string& problem : problems) {
    if (!text.empty()) text += '\n';
    text += problem;
  }
  return text;
}

}  // namespace

Json::Value openapi_document(std::span<const GroupTable* const> groups, std::string_view operations_json) {
  const Json::Value given = parse_descriptions(operations_json);
  Problems problems;
  for (const std::string& key : given.getMemberNames()) {
    if (!kTopLevelKeys.count(key)) problems.push_back("openapi_operations.json: unknown top-level key " + key);
  }
  for (const char* key : {"info", "components", "operations"}) {
    if (!given[key].isObject()) problems.push_back(std::string("openapi_operations.json: no object ") + key);
  }
  if (!given["tags"].isArray()) problems.push_back("openapi_operations.json: no list of tags");
  if (!problems.empty()) throw OpenApiMismatch(joined_lines(problems));

  Json::Value document;
  document["openapi"] = "3.1.0";
  document["info"] = given["info"];
  if (given.isMember("servers")) document["servers"] = given["servers"];
  document["components"] = given["components"];
  document["components"]["securitySchemes"] = security_schemes();
  document["tags"] = group_tags(groups, given["tags"], problems);
  document["paths"] = Json::Value(Json::objectValue);

  const Json::Value& operations = given["operations"];
  const Json::Value texts =
      given["path_parameters"].isObject() ? given["path_parameters"] : Json::Value(Json::objectValue);
  std::set<std::string> described;
  for (const GroupTable* group : groups) {
    for (const Route& route : group->routes) {
      const std::string key = operation_key(route.method, route.pattern);
      const RouteInGroup at{*group, route, key + " (" + std::string(group->name) + ")"};
      if (!described.insert(key).second) {
        problems.push_back(at.where + ": the route tables have this route twice");
      } else if (!operations.isMember(key)) {
        problems.push_back(at.where + ": no description in openapi_operations.json");
      } else {
        document["paths"][openapi_path(route.pattern)][lower_method(route.method)] =
            operation(at, operations[key], texts, problems);
      }
    }
  }
  for (const std::string& key : operations.getMemberNames()) {
    if (!described.count(key)) {
      problems.push_back(key + ": described in openapi_operations.json, but no route table has it");
    }
  }
  if (!problems.empty()) throw OpenApiMismatch(joined_lines(problems));
  return document;
}

}  // namespace t2o::routing
