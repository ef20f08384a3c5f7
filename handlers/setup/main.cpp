// t2o-setup: one-shot start-up task after the migrations: gives the seeded admin its
// password (ADMIN_PASSWORD, or a generated one printed exactly once).
#include <cstdio>
#include <cstdlib>

#include "config/config.hpp"
#include "setup/admin_password.hpp"

int main() {
  try {
    const t2o::Config config = t2o::load_config();
    t2o::db::Connection db(config.database_url);
    const char* wanted = std::getenv("ADMIN_PASSWORD");
    if (auto generated = t2o::setup::ensure_admin_password(db, wanted ? wanted : "")) {
      std::printf("admin password: %s\n", generated->c_str());
    }
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "t2o-setup: %s\n", error.what());
    return 1;
  }
}
