#include "audit/audit_log.hpp"

#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o {
namespace {

constexpr const char* kInsertAudit =
    "INSERT INTO request_log (log_level, message, request_id, user_id, user_email, client_ip, user_agent, "
    "  audit_action, audit_target, audit_before, audit_after) "
    "VALUES ('AUDIT', $1, $2, $3, $4, $5, left($6, 512), $7, $8, $9::jsonb, $10::jsonb)";

}  // namespace

AuditActor audit_actor(const Context& context, const Request& request) {
  const SessionInfo& session = context.require_session();
  return AuditActor{session.user_id, session.user_email, request.client_ip, request.header("user-agent"),
                    request.request_id};
}

void write_audit(db::Transaction& tx, const AuditActor& actor, const std::string& action, const std::string& target,
                 const Json::Value& before, const Json::Value& after) {
  const auto as_json = [](const Json::Value& value) -> db::Param {
    if (value.isNull()) return std::nullopt;
    return json::write(value);
  };
  const std::string message = actor.email + " " + action + " " + target;
  tx.exec(kInsertAudit,
          {text::clean_utf8(message, 4096), text::clean_utf8(actor.request_id, 40), actor.user_id, actor.email,
       text::clean_utf8(actor.client_ip, 64), text::clean_utf8(actor.user_agent, 512), action, text::clean_utf8(target, 1000),
       as_json(before), as_json(after)});
}

}  // namespace t2o
