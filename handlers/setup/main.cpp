// t2o-setup: one-shot start-up task after the migrations: gives the seeded admin its
// password (ADMIN_PASSWORD, or a generated one printed exactly once), and seals every
// TOTP secret under the first data key (plain ones from before sealing, or ones under an
// older key).
//   t2o-setup                    both, at every start (deploy/up runs it)
//   t2o-setup rotate-data-key    only the resealing, after DATA_KEY got a new first key
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "setup/admin_password.hpp"
#include "setup/totp_secrets.hpp"

namespace {

// False when some user's secret could not be sealed (each is reported; the rest are).
bool reseal(t2o::db::Connection& db, const t2o::Config& config) {
  const t2o::setup::ResealOutcome outcome = t2o::setup::reseal_totp_secrets(db, config);
  if (outcome.resealed > 0) {
    std::printf("t2o-setup: sealed the TOTP secrets of %lld users under the first data key\n", outcome.resealed);
  }
  for (const std::string& problem : outcome.problems) std::fprintf(stderr, "t2o-setup: %s\n", problem.c_str());
  return outcome.problems.empty();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view command = argc > 1 ? argv[1] : "";
  if (!command.empty() && command != "rotate-data-key") {
    std::fprintf(stderr, "usage: t2o-setup [rotate-data-key]\n");
    return 2;
  }
  try {
    const t2o::Config config = t2o::load_config();
    t2o::db::Connection db(config.database_url);
    if (command.empty()) {
      const char* wanted = std::getenv("ADMIN_PASSWORD");
      if (auto generated = t2o::setup::ensure_admin_password(db, wanted ? wanted : "")) {
        std::printf("admin password: %s\n", generated->c_str());
      }
    }
    return reseal(db, config) ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "t2o-setup: %s\n", error.what());
    return 1;
  }
}
