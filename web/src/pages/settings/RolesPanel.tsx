import { adminApi } from "../../api/admin";
import type { Permission, Role } from "../../api/types";
import { Card } from "../../components/Card";
import { Chip, PickAndAdd } from "../../components/Chips";
import { ConfirmButton } from "../../components/ConfirmButton";
import { InlineForm } from "../../components/InlineForm";
import { useAction } from "../../lib/useAction";

interface RolesPanelProps {
  roles: Role[];
  permissions: Permission[];
  editable: boolean;
  onChanged: () => Promise<void>;
}

export function RolesPanel({ roles, permissions, editable, onChanged }: RolesPanelProps) {
  const change = useAction(async (act: () => Promise<{ message: string }>) => {
    const answer = await act();
    await onChanged();
    return answer.message || "Saved";
  }, { toastErrors: true });

  return (
    <Card title="Roles" description={editable ? "A user holds every permission of each of their roles." : "Only holders of manage_admin can change roles."}>
      {editable && (
        <div className="mb-4 max-w-sm">
          <InlineForm
            label="New role"
            submitLabel="Create role"
            maxLength={80}
            onSubmit={async (name) => {
              const answer = await adminApi.createRole(name);
              await onChanged();
              return answer.message;
            }}
          />
        </div>
      )}
      <ul className="divide-y divide-slate-200 dark:divide-slate-700">
        {roles.map((role) => (
          <RoleRow key={role.id} role={role} permissions={permissions} editable={editable} busy={change.busy} run={(act) => void change.run(act)} />
        ))}
      </ul>
    </Card>
  );
}

function RoleRow({ role, permissions, editable, busy, run }: { role: Role; permissions: Permission[]; editable: boolean; busy: boolean; run: (act: () => Promise<{ message: string }>) => void }) {
  const missing = permissions.filter((p) => !role.permissions.includes(p.name));
  return (
    <li className="space-y-2 py-3" aria-label={`Role ${role.name}`}>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium text-slate-900 dark:text-slate-100">{role.name}</h3>
        <span className="flex-1" />
        {editable && <ConfirmButton label="Delete role" question={`Delete role ${role.name}?`} onConfirm={() => run(() => adminApi.deleteRole(role.id))} />}
      </div>
      <ul className="flex flex-wrap gap-1.5" aria-label={`Permissions of ${role.name}`}>
        {role.permissions.length === 0 && <li className="text-xs text-slate-500">No permissions</li>}
        {role.permissions.map((name) => (
          <Chip key={name} label={name} disabled={busy} removeLabel={`Remove ${name} from ${role.name}`} onRemove={editable ? () => run(() => adminApi.revokePermission(name, role.name)) : undefined} />
        ))}
      </ul>
      {editable && (
        <PickAndAdd
          label={`Add a permission to ${role.name}`}
          submitLabel="Add"
          disabled={busy}
          options={missing.map((p) => ({ value: p.name, label: p.name }))}
          onAdd={(name) => run(() => adminApi.assignPermission(name, role.name))}
        />
      )}
    </li>
  );
}
