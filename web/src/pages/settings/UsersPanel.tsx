// Users with search and paging (GET /admin/users/details), and each user's roles. Roles
// per user come from /all_user_profiles, the one route that tells them.
import { useState, type FormEvent } from "react";
import { adminApi } from "../../api/admin";
import type { Role, User, UserSummary } from "../../api/types";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Chip, PickAndAdd } from "../../components/Chips";
import { TextField } from "../../components/Field";
import { Pager } from "../../components/Pager";
import { Empty, Failed, Loading } from "../../components/States";
import { useAction } from "../../lib/useAction";
import { useLoad } from "../../lib/useLoad";

const PER_PAGE = 20;

export function UsersPanel({ roles, onChanged }: { roles: Role[]; onChanged: () => Promise<void> }) {
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const users = useLoad(() => adminApi.users(page, PER_PAGE, query), [page, query]);
  const profiles = useLoad(adminApi.profiles, []);
  const byId = new Map<number, User>((profiles.data ?? []).map((u) => [u.id, u]));

  const change = useAction(async (act: () => Promise<{ message: string }>) => {
    const answer = await act();
    await Promise.all([profiles.reload(), onChanged()]);
    return answer.message || "Saved";
  }, { toastErrors: true });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPage(1);
    setQuery(search.trim());
  };

  return (
    <Card title="Users">
      <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <div className="w-full max-w-xs">
          <TextField label="Search users" type="search" placeholder="Name, username or email" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </form>
      {users.error && <Failed message={users.error} onRetry={users.reload} />}
      {users.loading && !users.data && <Loading label="Loading users…" />}
      {users.data?.users.length === 0 && <Empty>No users match.</Empty>}
      {users.data && users.data.users.length > 0 && (
        <>
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Users and their roles</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-2 py-2">User</th>
                  <th scope="col" className="px-2 py-2">Email</th>
                  <th scope="col" className="px-2 py-2">Roles</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-700">
                {users.data.users.map((user) => (
                  <UserRow key={user.id} user={user} held={byId.get(user.id)?.roles ?? []} roles={roles} busy={change.busy} run={(act) => void change.run(act)} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-4">
            <Pager page={page} totalPages={Math.ceil(users.data.total / PER_PAGE)} onPage={setPage} busy={users.loading} />
          </div>
        </>
      )}
    </Card>
  );
}

function UserRow({ user, held, roles, busy, run }: { user: UserSummary; held: string[]; roles: Role[]; busy: boolean; run: (act: () => Promise<{ message: string }>) => void }) {
  const addable = roles.filter((role) => !held.includes(role.name));
  return (
    <tr aria-label={`User ${user.username}`}>
      <td className="px-2 py-3 align-top">
        <p className="font-medium text-slate-900 dark:text-slate-100">{user.username}</p>
        <p className="text-slate-500 dark:text-slate-400">
          {user.first_name} {user.last_name}
        </p>
      </td>
      <td className="px-2 py-3 align-top text-slate-700 dark:text-slate-300">{user.email}</td>
      <td className="space-y-2 px-2 py-3 align-top">
        <ul className="flex flex-wrap gap-1.5" aria-label={`Roles of ${user.username}`}>
          {held.length === 0 && <li className="text-xs text-slate-500">No roles</li>}
          {held.map((name) => {
            const role = roles.find((r) => r.name === name);
            return <Chip key={name} label={name} disabled={busy} removeLabel={`Remove role ${name} from ${user.username}`} onRemove={role ? () => run(() => adminApi.revokeRole(user.id, role.id)) : undefined} />;
          })}
        </ul>
        <PickAndAdd
          label={`Give ${user.username} a role`}
          submitLabel="Assign"
          disabled={busy}
          options={addable.map((role) => ({ value: String(role.id), label: role.name }))}
          onAdd={(roleId) => run(() => adminApi.assignRole(user.id, Number(roleId)))}
        />
      </td>
    </tr>
  );
}
