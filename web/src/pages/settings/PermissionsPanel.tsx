import { adminApi } from "../../api/admin";
import type { Permission } from "../../api/types";
import { Card } from "../../components/Card";
import { ConfirmButton } from "../../components/ConfirmButton";
import { InlineForm } from "../../components/InlineForm";
import { useAction } from "../../lib/useAction";

export function PermissionsPanel({ permissions, editable, onChanged }: { permissions: Permission[]; editable: boolean; onChanged: () => Promise<void> }) {
  const remove = useAction(async (permission: Permission) => {
    const answer = await adminApi.deletePermission(permission.id);
    await onChanged();
    return answer.message;
  }, { toastErrors: true });

  return (
    <Card title="Permissions" description="A new permission is given to the roles that hold manage_admin.">
      {editable && (
        <div className="mb-4 max-w-sm">
          <InlineForm
            label="New permission"
            submitLabel="Create permission"
            maxLength={80}
            onSubmit={async (name) => {
              const answer = await adminApi.createPermission(name);
              await onChanged();
              return answer.message;
            }}
          />
        </div>
      )}
      <ul className="flex flex-wrap gap-2">
        {permissions.map((permission) => (
          <li key={permission.id} className="inline-flex items-center gap-1 rounded-md border border-slate-200 px-2 py-1 text-sm text-slate-800 dark:border-slate-700 dark:text-slate-100">
            {permission.name}
            {editable && <ConfirmButton label="Delete" question={`Delete permission ${permission.name}?`} busy={remove.busy} onConfirm={() => void remove.run(permission)} />}
          </li>
        ))}
      </ul>
    </Card>
  );
}
