#pragma once
// Roles and permissions (many to many), with the audit trail and the RBAC rules.
#include <json/json.h>

#include <string>

#include "audit/audit_log.hpp"
#include "db/connection.hpp"

namespace t2o::admin {

Json::Value list_roles(db::Connection& db);        // [{"id","name","permissions":[names]}]
Json::Value list_permissions(db::Connection& db);  // [{"id","name"}]

Json::Value create_role(db::Connection& db, const AuditActor& actor, const std::string& name);
void delete_role(db::Connection& db, const AuditActor& actor, long long role_id);
Json::Value create_permission(db::Connection& db, const AuditActor& actor, const std::string& name);
void delete_permission(db::Connection& db, const AuditActor& actor, long long permission_id);

// Idempotent. NotFound("Permission does not exist" / "Role does not exist"); Forbidden
// when the caller does not hold the permission themselves.
void assign_permission_to_role(db::Connection& db, const AuditActor& actor, const std::string& permission_name,
                               const std::string& role_name);
void revoke_permission_from_role(db::Connection& db, const AuditActor& actor, const std::string& permission_name,
                                 const std::string& role_name);

}  // namespace t2o::admin
