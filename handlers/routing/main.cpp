// t2o-routes: what the route tables say, for the build and the tools around it.
//   t2o-routes nginx FILE    nginx's routing template (see routing/nginx_routes.hpp)
//   t2o-routes groups FILE   the HTTP groups, one name a line (deploy/up starts these)
//   t2o-routes list          every route: group, method, pattern, access, tab-separated
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "routing/nginx_routes.hpp"
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

}  // namespace

int main(int argc, char** argv) {
  using t2o::routing::http_groups;
  const std::string command = argc > 1 ? argv[1] : "";
  if ((command == "nginx" || command == "groups") && argc == 3) {
    std::string text;
    if (command == "nginx") {
      text = t2o::routing::nginx_routes_conf(http_groups());
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
  std::fprintf(stderr, "usage: t2o-routes nginx FILE | groups FILE | list\n");
  return 2;
}
