#pragma once
// Brings every stored TOTP secret (live and pending) under the first data key: plain
// base32 from before secrets were sealed, or text sealed with an older key of DATA_KEY's
// list. Run by t2o-setup at every start (the migration of existing rows) and by
// `t2o-setup rotate-data-key`.
#include <string>
#include <vector>

#include "config/config.hpp"
#include "db/connection.hpp"

namespace t2o::setup {

struct ResealOutcome {
  long long resealed = 0;             // users whose secrets were rewritten
  std::vector<std::string> problems;  // one per user left as it was, naming the user
};

// In one transaction. A value that opens with none of the listed keys, or a plain one that
// is not base32, is left as it is and reported: the others are sealed all the same (a
// plain secret no longer opens for login until it is).
ResealOutcome reseal_totp_secrets(db::Connection& db, const Config& config);

}  // namespace t2o::setup
