// t2o-routes: what the route tables say, for the build and the tools around it.
//   t2o-routes nginx FILE    nginx's routing template (see routing/nginx_routes.hpp)
//   t2o-routes groups FILE   the HTTP groups, one name a line (deploy/up starts these)
//   t2o-routes openapi FILE  the OpenAPI document (see routing/openapi_document.hpp); fails,
//                            naming the routes, when the tables and the descriptions disagree
//   t2o-routes list          every route: group, method, pattern, access, tab-separated
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "routing/nginx_routes.hpp"
#include "routing/openapi_document.hpp"
#include "routing/registry.hpp"

namespace {

std::string access_text(const t2o::Access& access) {
  if (!access.permission.empty()) return "needs " + std::string(access.permission);
  std::string text = access.needs_session ? "session" : "public";
  if (access.csrf_exempt) text += ", no CSRF";
  return text;
}

bool write_file(const char* path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  return static_cast<bool>(file);
}

std::string openapi_text() {
  Json::StreamWriterBuilder writer;
  writer["indentation"] = "";  // one line: a document for tools (jq . reads it)
  writer["emitUTF8"] = true;
  const Json::Value document =
      t2o::routing::openapi_document(t2o::routing::http_groups(), t2o::routing::openapi_operations_json());
  return Json::writeString(writer, document) + "\n";
}

}  // namespace

int main(int argc, char** argv) {
  using t2o::routing::http_groups;
  const std::string command = argc > 1 ? argv[1] : "";
  if ((command == "nginx" || command == "groups" || command == "openapi") && argc == 3) {
    std::string text;
    if (command == "nginx") {
      text = t2o::routing::nginx_routes_conf(http_groups());
    } else if (command == "openapi") {
      try {
        text = openapi_text();
      } catch (const t2o::routing::OpenApiMismatch& mismatch) {
        // Nothing is written: the build stops here until tables and descriptions agree.
        std::fprintf(stderr, "t2o-routes: the route tables and routing/openapi_operations.json disagree:\n%s\n",
                     mismatch.what());
        return 1;
      }
    } else {
      for (const t2o::GroupTable* group : http_groups()) text += std::string(group->name) + "\n";
    }
    if (write_file(argv[2], text)) return 0;
    std::fprintf(stderr, "t2o-routes: cannot write %s\n", argv[2]);
    return 1;
  }
  if (command == "list" && argc == 2) {
    for (const t2o::GroupTable* group : http_groups()) {
      for (const t2o::Route& route : group->routes) {
        std::cout << group->name << '\t' << t2o::method_name(route.method) << '\t' << route.pattern << '\t'
                  << access_text(route.access) << '\n';
      }
    }
    return 0;
  }
  std::fprintf(stderr, "usage: t2o-routes nginx FILE | groups FILE | openapi FILE | list\n");
  return 2;
}
