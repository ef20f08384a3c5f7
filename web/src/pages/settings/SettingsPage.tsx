// Roles, permissions and users' roles. Reading needs manage_users (the route itself is
// hidden otherwise); changing roles and permissions needs manage_admin. The API's
// refusals (escalation, the last admin) arrive as toasts in its own words.
import { adminApi } from "../../api/admin";
import { useAuth } from "../../auth/AuthContext";
import { PageTitle } from "../../components/Card";
import { Failed, Loading } from "../../components/States";
import { useLoad } from "../../lib/useLoad";
import { PermissionsPanel } from "./PermissionsPanel";
import { RolesPanel } from "./RolesPanel";
import { UsersPanel } from "./UsersPanel";

export function SettingsPage() {
  const { can, refresh } = useAuth();
  const rbac = useLoad(async () => {
    const [roles, permissions] = await Promise.all([adminApi.roles(), adminApi.permissions()]);
    return { roles, permissions };
  }, []);
  // A change may have touched the caller's own roles: read them again too.
  const changed = async () => {
    await Promise.all([rbac.reload(), refresh()]);
  };

  return (
    <div className="space-y-6">
      <PageTitle>Settings</PageTitle>
      {rbac.error && <Failed message={rbac.error} onRetry={rbac.reload} />}
      {rbac.loading && !rbac.data && <Loading label="Loading roles and permissions…" />}
      {rbac.data && (
        <>
          <RolesPanel roles={rbac.data.roles} permissions={rbac.data.permissions} editable={can("manage_admin")} onChanged={changed} />
          <PermissionsPanel permissions={rbac.data.permissions} editable={can("manage_admin")} onChanged={changed} />
          <UsersPanel roles={rbac.data.roles} onChanged={changed} />
        </>
      )}
    </div>
  );
}
