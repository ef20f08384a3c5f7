#pragma once
// The audit trail: every admin change writes who, what, when, target, before and after,
// in the same transaction as the change. Entries are request-log rows at level AUDIT, so
// holders of access_logs read them through /logs.
#include <json/json.h>

#include <string>

#include "db/connection.hpp"
#include "http/request.hpp"
#include "server/context.hpp"

namespace t2o {

struct AuditActor {
  long long user_id = 0;
  std::string email;
  std::string client_ip;
  std::string user_agent;
  std::string request_id;
};

AuditActor audit_actor(const Context& context, const Request& request);

// `action` like "role.create"; `target` like "role 7 (Editor)"; before/after null when n/a.
void write_audit(db::Transaction& tx, const AuditActor& actor, const std::string& action, const std::string& target,
                 const Json::Value& before, const Json::Value& after);

}  // namespace t2o
