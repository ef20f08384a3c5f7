#pragma once
// Roles and permissions (many to many), with the audit trail and the RBAC rules, over the
// transaction the caller opened (reads: any executor).
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "db/connection.hpp"

namespace t2o::admin {

struct Role {
  long long id = 0;
  std::string name;
  std::vector<std::string> permissions;  // names, sorted
};

struct Permission {
  long long id = 0;
  std::string name;
};

std::vector<Role> list_roles(db::Executor& db);
std::vector<Permission> list_permissions(db::Executor& db);

Role create_role(db::Transaction& tx, const AuditActor& actor, const std::string& name);
void delete_role(db::Transaction& tx, const AuditActor& actor, long long role_id);
Permission create_permission(db::Transaction& tx, const AuditActor& actor, const std::string& name);
void delete_permission(db::Transaction& tx, const AuditActor& actor, long long permission_id);

// Idempotent. NotFound("Permission does not exist" / "Role does not exist"); Forbidden
// when the caller does not hold the permission themselves.
void assign_permission_to_role(db::Transaction& tx, const AuditActor& actor, const std::string& permission_name,
                               const std::string& role_name);
void revoke_permission_from_role(db::Transaction& tx, const AuditActor& actor, const std::string& permission_name,
                                 const std::string& role_name);

}  // namespace t2o::admin
