// The request log, newest first (GET /logs). Holders of access_logs see everyone's
// entries and can filter by user; others see their own.
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { accountApi, type LogQuery } from "../../api/account";
import { useAuth } from "../../auth/AuthContext";
import { Button } from "../../components/Button";
import { PageTitle } from "../../components/Card";
import { SelectField, TextField } from "../../components/Field";
import { Empty, Failed, Loading } from "../../components/States";
import { useLoad } from "../../lib/useLoad";
import { LogTable } from "./LogTable";
import { Pager } from "../../components/Pager";

export const LOG_LEVELS = ["INFO", "WARNING", "ERROR", "AUDIT"] as const;
const PER_PAGE = 25;

/** The page's query from the address bar, so a filtered view can be reloaded or shared. */
export function logQueryFrom(params: URLSearchParams): LogQuery {
  const page = Number(params.get("page"));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    per_page: PER_PAGE,
    level: params.get("level") || undefined,
    user_email: params.get("user") || undefined,
    q: params.get("q") || undefined,
  };
}

export function LogsPage() {
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = logQueryFrom(params);
  const logs = useLoad(() => accountApi.logs(query), [params.toString()]);
  const [level, setLevel] = useState(query.level ?? "");
  const [user, setUser] = useState(query.user_email ?? "");
  const [text, setText] = useState(query.q ?? "");

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (level) next.set("level", level);
    if (user.trim()) next.set("user", user.trim());
    if (text.trim()) next.set("q", text.trim());
    setParams(next);
  };

  const goTo = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    setParams(next);
  };

  return (
    <div className="space-y-4">
      <PageTitle>Logs</PageTitle>
      {!can("access_logs") && <p className="text-sm text-slate-600 dark:text-slate-300">These are your own requests.</p>}
      <form onSubmit={apply} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 dark:border-slate-700 dark:bg-slate-900" aria-label="Filter logs">
        <SelectField label="Level" value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="">All levels</option>
          {LOG_LEVELS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        {can("access_logs") && <TextField label="User email" type="search" value={user} onChange={(e) => setUser(e.target.value)} />}
        <TextField label="Text in message" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <div className="flex items-end">
          <Button type="submit" className="w-full sm:w-auto">
            Filter
          </Button>
        </div>
      </form>
      {logs.error && <Failed message={logs.error} onRetry={logs.reload} />}
      {logs.loading && !logs.data && <Loading label="Loading logs…" />}
      {logs.data && logs.data.logs.length === 0 && <Empty>No log entries match.</Empty>}
      {logs.data && logs.data.logs.length > 0 && (
        <>
          <LogTable entries={logs.data.logs} busy={logs.loading} />
          <Pager page={logs.data.current_page} totalPages={logs.data.total_pages} estimate={logs.data.total_is_estimate ?? false} onPage={goTo} busy={logs.loading} />
        </>
      )}
    </div>
  );
}
