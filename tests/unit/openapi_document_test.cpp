// The OpenAPI document (GET /openapi.json) is generated from the route tables and
// handlers/routing/openapi_operations.json. These tests generate it in-process: every route
// of every table is an operation with its method, path and access, nothing else is, and the
// generator refuses to run when the tables and the descriptions disagree.
#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "json/json.hpp"
#include "routing/openapi_document.hpp"
#include "routing/openapi_paths.hpp"
#include "routing/registry.hpp"
#include "util/text.hpp"

namespace t2o {
namespace {

using MethodAndPath = std::pair<std::string, std::string>;  // {"post", "/boards/{board_id}/columns"}

const std::set<std::string> kHttpMethods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

Json::Value generated() { return routing::openapi_document(routing::http_groups(), routing::openapi_operations_json()); }

const Json::Value& operation_of(const Json::Value& document, const Route& route) {
  return document["paths"][routing::openapi_path(route.pattern)][text::to_lower(method_name(route.method))];
}

std::string what_generating_throws(std::span<const GroupTable* const> groups, std::string_view descriptions) {
  try {
    routing::openapi_document(groups, descriptions);
  } catch (const routing::OpenApiMismatch& mismatch) {
    return mismatch.what();
  }
  return {};
}

// The committed descriptions with one change made by `edit`.
template <typename Edit>
std::string edited_descriptions(Edit edit) {
  Json::Value descriptions = json::parse(routing::openapi_operations_json());
  edit(descriptions);
  return json::write(descriptions);
}

Response no_answer(Context&, const Request&) { return {}; }

TEST(OpenApiDocument, PatternsBecomeOpenApiPaths) {
  EXPECT_EQ(routing::openapi_path("/login"), "/login");
  EXPECT_EQ(routing::openapi_path("/reset_password/<token>"), "/reset_password/{token}");
  EXPECT_EQ(routing::openapi_path("/boards/<int:board_id>/columns"), "/boards/{board_id}/columns");
  EXPECT_EQ(routing::operation_id(Method::Delete, "/sessions/<int:id>"), "delete_sessions_id");
  EXPECT_EQ(routing::operation_id(Method::Post, "/create-product"), "post_create_product");
}

TEST(OpenApiDocument, IsOpenApi31WithTheSessionAndCsrfSchemes) {
  const Json::Value document = generated();
  EXPECT_EQ(document["openapi"].asString().rfind("3.1", 0), 0u) << document["openapi"];
  const Json::Value& schemes = document["components"]["securitySchemes"];
  EXPECT_EQ(schemes["sessionCookie"]["in"], "cookie");
  EXPECT_EQ(schemes["sessionCookie"]["name"], "session");
  EXPECT_EQ(schemes["csrfHeader"]["in"], "header");
  EXPECT_EQ(text::to_lower(schemes["csrfHeader"]["name"].asString()), "x-csrftoken");
}

TEST(OpenApiDocument, EveryTableRouteIsAnOperationAndNothingElseIs) {
  const Json::Value document = generated();
  std::set<MethodAndPath> from_tables;
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      from_tables.insert({text::to_lower(method_name(route.method)), routing::openapi_path(route.pattern)});
      const Json::Value& operation = operation_of(document, route);
      SCOPED_TRACE(routing::operation_key(route.method, route.pattern));
      ASSERT_TRUE(operation.isObject());
      EXPECT_EQ(operation["operationId"], routing::operation_id(route.method, route.pattern));
      ASSERT_EQ(operation["tags"].size(), 1u);
      EXPECT_EQ(operation["tags"][0], std::string(group->name));
      EXPECT_TRUE(operation["summary"].isString());
    }
  }
  std::set<MethodAndPath> in_document;
  for (const std::string& path : document["paths"].getMemberNames()) {
    for (const std::string& method : document["paths"][path].getMemberNames()) {
      EXPECT_TRUE(kHttpMethods.count(method)) << path << " has " << method;
      in_document.insert({method, path});
    }
  }
  EXPECT_EQ(in_document, from_tables);
  EXPECT_GT(from_tables.size(), 50u);
}

TEST(OpenApiDocument, PathParametersComeFromThePatterns) {
  const Json::Value document = generated();
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      SCOPED_TRACE(routing::operation_key(route.method, route.pattern));
      std::set<std::pair<std::string, std::string>> wanted, documented;  // {name, schema type}
      for (const routing::PathParameter& parameter : routing::path_parameters(route.pattern)) {
        wanted.insert({parameter.name, parameter.is_integer ? "integer" : "string"});
      }
      for (const Json::Value& parameter : operation_of(document, route)["parameters"]) {
        if (parameter["in"] != "path") continue;
        EXPECT_TRUE(parameter["required"].asBool());
        documented.insert({parameter["name"].asString(), parameter["schema"]["type"].asString()});
      }
      EXPECT_EQ(documented, wanted);
    }
  }
}

TEST(OpenApiDocument, SecurityAndPermissionFollowTheTables) {
  const Json::Value document = generated();
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      SCOPED_TRACE(routing::operation_key(route.method, route.pattern));
      const Json::Value& operation = operation_of(document, route);
      const bool csrf = is_state_changing(route.method) && !route.access.csrf_exempt;
      std::set<std::string> schemes;
      ASSERT_TRUE(operation["security"].isArray());
      ASSERT_LE(operation["security"].size(), 1u);
      for (const Json::Value& requirement : operation["security"]) {
        for (const std::string& name : requirement.getMemberNames()) schemes.insert(name);
      }
      EXPECT_EQ(schemes.count("sessionCookie") == 1, route.access.needs_session);
      EXPECT_EQ(schemes.count("csrfHeader") == 1, csrf);
      if (route.access.needs_session) {
        EXPECT_NE(operation["responses"]["401"]["description"].asString().find("Please log in"), std::string::npos);
      }
      if (route.access.permission.empty()) {
        EXPECT_FALSE(operation.isMember("x-permission"));
      } else {
        EXPECT_EQ(operation["x-permission"], std::string(route.access.permission));
        EXPECT_NE(operation["description"].asString().find(std::string(route.access.permission)), std::string::npos);
      }
      if (csrf || !route.access.permission.empty()) {
        EXPECT_TRUE(operation["responses"].isMember("403"));
      }
    }
  }
}

TEST(OpenApiDocument, ARouteWithoutADescriptionStopsTheGeneratorNamingIt) {
  static const Route kExtra[] = {{Method::Get, "/no_such_route/<int:id>", no_answer, kSession}};
  static const GroupTable kExtraGroup{"extra", kExtra};
  std::vector<const GroupTable*> groups(routing::http_groups().begin(), routing::http_groups().end());
  groups.push_back(&kExtraGroup);
  const std::string problems = what_generating_throws(groups, routing::openapi_operations_json());
  EXPECT_NE(problems.find("GET /no_such_route/<int:id> (extra): no description"), std::string::npos) << problems;
}

TEST(OpenApiDocument, ADescriptionOfNoRouteStopsTheGeneratorNamingIt) {
  const std::string descriptions = edited_descriptions([](Json::Value& all) {
    all["operations"]["PATCH /boards"] = all["operations"]["PUT /boards"];
  });
  const std::string problems = what_generating_throws(routing::http_groups(), descriptions);
  EXPECT_NE(problems.find("PATCH /boards: described in openapi_operations.json, but no route table has it"),
            std::string::npos)
      << problems;
}

TEST(OpenApiDocument, ADescriptionMayNotDecideWhatTheTablesDecide) {
  const std::string descriptions = edited_descriptions([](Json::Value& all) {
    all["operations"]["POST /admin/create_role"]["security"] = Json::Value(Json::arrayValue);
  });
  const std::string problems = what_generating_throws(routing::http_groups(), descriptions);
  EXPECT_NE(problems.find("POST /admin/create_role (admin): sets security"), std::string::npos) << problems;
}

// nginx serves the document with `location = /openapi.json`, which would hide a route there.
TEST(OpenApiDocument, NoRouteTakesTheDocumentsOwnPath) {
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) EXPECT_NE(route.pattern, "/openapi.json");
    for (const PathAlias& alias : group->aliases) EXPECT_NE(alias.from, "/openapi.json");
  }
}

std::string built_document() {
  char self[PATH_MAX] = {};
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string dir = n > 0 ? std::string(self, static_cast<std::size_t>(n)) : std::string();
  dir = dir.substr(0, dir.rfind('/'));
  std::ifstream file(dir + "/openapi.json");
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(OpenApiDocument, TheBuildWroteTheDocumentOfTheTablesAsTheyAreNow) {
  const std::string text = built_document();
  ASSERT_FALSE(text.empty()) << "no openapi.json beside the test binary: the build writes it";
  EXPECT_EQ(json::parse(text), generated()) << "a stale openapi.json: rebuild";
}

}  // namespace
}  // namespace t2o
