// Admin group (API.md "RBAC"): roles, permissions and users' roles.
import { api } from "./client";
import type { Message, Permission, Role, User, UserSummary } from "./types";

export interface UserPage {
  users: UserSummary[];
  total: number;
}

export const adminApi = {
  roles: async () => (await api.get<{ roles: Role[] }>("/admin/roles")).roles,
  createRole: (name: string) => api.post<Message>("/admin/create_role", { name }),
  deleteRole: (role_id: number) => api.delete<Message>("/admin/delete_role", { role_id }),
  permissions: async () => (await api.get<{ permissions: Permission[] }>("/admin/permissions")).permissions,
  createPermission: (name: string) => api.post<Message>("/admin/create_permission", { name }),
  deletePermission: (permission_id: number) => api.delete<Message>("/admin/delete_permission", { permission_id }),
  assignPermission: (permission_name: string, role_name: string) =>
    api.post<Message>("/admin/assign_permission_to_role", { permission_name, role_name }),
  revokePermission: (permission_name: string, role_name: string) =>
    api.post<Message>("/admin/revoke_permission_from_role", { permission_name, role_name }),
  users: (page: number, per_page: number, q: string) =>
    api.get<UserPage>("/admin/users/details", { query: { page, per_page, q } }),
  /** Every user with roles and permissions; the only route that tells a user's roles. */
  profiles: async () => (await api.get<{ message: User[] }>("/all_user_profiles")).message,
  assignRole: (user_id: number, role_id: number) => api.post<Message>("/assign_role_to_user", { user_id, role_id }),
  revokeRole: (user_id: number, role_id: number) =>
    api.post<Message>("/admin/revoke_role_from_user", { user_id, role_id }),
};
