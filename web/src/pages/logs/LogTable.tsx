import type { LogEntry } from "../../api/types";
import { formatTime } from "../../lib/format";

const LEVEL_STYLE: Record<string, string> = {
  ERROR: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  WARNING: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  AUDIT: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200",
};

export function LogTable({ entries, busy }: { entries: LogEntry[]; busy: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700" aria-busy={busy}>
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm dark:divide-slate-700">
        <caption className="sr-only">Log entries, newest first</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2">Time</th>
            <th scope="col" className="px-3 py-2">Level</th>
            <th scope="col" className="px-3 py-2">Message</th>
            <th scope="col" className="px-3 py-2">User</th>
            <th scope="col" className="px-3 py-2">IP</th>
            <th scope="col" className="px-3 py-2">User agent</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-900">
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-300">{formatTime(entry.timestamp)}</td>
              <td className="px-3 py-2">
                <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${LEVEL_STYLE[entry.log_level] ?? "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200"}`}>{entry.log_level}</span>
              </td>
              <td className="max-w-md break-words px-3 py-2 font-mono text-xs text-slate-900 dark:text-slate-100">{entry.message}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-300">{entry.user_email ?? "—"}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-300">{entry.client_ip}</td>
              <td className="max-w-xs truncate px-3 py-2 text-slate-500 dark:text-slate-400" title={entry.user_agent}>{entry.user_agent}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
