// GET /openapi.json through the real nginx: the document the build wrote from the route
// tables (deploy/up copies it into the web dir), as JSON, revalidated on every use, with
// the security headers, and describing every route of every table.
#include <gtest/gtest.h>

#include <string>

#include "routing/openapi_document.hpp"
#include "routing/openapi_paths.hpp"
#include "routing/registry.hpp"
#include "util/text.hpp"
#include "test_support.hpp"

namespace t2o::it {
namespace {

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(env_problem().empty()) << env_problem(); }
  Client client;
};

TEST_F(OpenApiTest, IsServedAsJsonThatIsRevalidatedAndCarriesTheSecurityHeaders) {
  const Response r = client.get("/openapi.json");
  ASSERT_TRUE(HasStatus(r, 200));
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_NE(r.header("content-security-policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(r.header("strict-transport-security"), "max-age=31536000");
  EXPECT_FALSE(r.has_header("x-handler-pid")) << "a handler answered, not nginx's file";
  // Over plain HTTP too, like the rest of the API.
  Client plain(env().http_base_url);
  EXPECT_TRUE(HasStatus(plain.get("/openapi.json"), 200));
}

TEST_F(OpenApiTest, IsOpenApi31AndDescribesEveryRouteOfEveryTable) {
  const Response r = client.get("/openapi.json");
  ASSERT_TRUE(HasStatus(r, 200));
  ASSERT_TRUE(r.json && r.json->isObject()) << "not a JSON object: " << r.body.substr(0, 200);
  const Json::Value& document = *r.json;
  EXPECT_EQ(document["openapi"].asString().rfind("3.1", 0), 0u) << document["openapi"];
  int routes = 0;
  for (const GroupTable* group : routing::http_groups()) {
    for (const Route& route : group->routes) {
      const std::string path = routing::openapi_path(route.pattern);
      const Json::Value& operation = document["paths"][path][text::to_lower(method_name(route.method))];
      EXPECT_TRUE(operation.isObject()) << method_name(route.method) << " " << path << " is not in the document";
      ++routes;
    }
  }
  EXPECT_GT(routes, 50);
}

// The deployed file is the document of the tables this test binary was built with.
TEST_F(OpenApiTest, IsTheDocumentOfTheTablesAsBuilt) {
  const Response r = client.get("/openapi.json");
  ASSERT_TRUE(HasStatus(r, 200));
  ASSERT_TRUE(r.json);
  EXPECT_EQ(*r.json, routing::openapi_document(routing::http_groups(), routing::openapi_operations_json()))
      << "nginx serves another build's openapi.json: run deploy/up again";
}

}  // namespace
}  // namespace t2o::it
