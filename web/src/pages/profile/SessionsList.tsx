import { useNavigate } from "react-router-dom";
import { accountApi } from "../../api/account";
import type { SessionInfo } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Empty, Failed, Loading } from "../../components/States";
import { formatTime } from "../../lib/format";
import { useAction } from "../../lib/useAction";
import { useLoad } from "../../lib/useLoad";

export function SessionsList() {
  const sessions = useLoad(accountApi.sessions, []);
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const end = useAction(
    async (session: SessionInfo) => {
      if (session.current) {
        await signOut();
        navigate("/login", { replace: true });
        return;
      }
      const answer = await accountApi.endSession(session.id);
      await sessions.reload();
      return answer.message || "Signed out that device";
    },
    { toastErrors: true },
  );

  return (
    <Card title="Active sessions" description="Every device signed in to your account. Sign out any you do not recognise.">
      {sessions.loading && !sessions.data && <Loading />}
      {sessions.error && <Failed message={sessions.error} onRetry={sessions.reload} />}
      {sessions.data?.length === 0 && <Empty>No active sessions.</Empty>}
      {sessions.data && sessions.data.length > 0 && (
        <ul className="divide-y divide-slate-200 dark:divide-slate-700">
          {sessions.data.map((session) => (
            <li key={session.id} className="flex flex-wrap items-center gap-3 py-3">
              <div className="min-w-0 flex-1 text-sm">
                {session.current && <p className="mb-1 inline-block rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-semibold text-indigo-700 dark:bg-indigo-900 dark:text-indigo-200">This device</p>}
                <p className="truncate font-medium text-slate-900 dark:text-slate-100" title={session.user_agent}>
                  {session.user_agent || "Unknown device"}
                </p>
                <p className="text-slate-500 dark:text-slate-400">
                  {session.ip} · signed in {formatTime(session.created_at)} · last seen {formatTime(session.last_seen_at)}
                </p>
              </div>
              <Button variant="secondary" small onClick={() => void end.run(session)} disabled={end.busy} aria-label={`Sign out ${session.current ? "this device" : `the session from ${session.ip}, ${session.user_agent}`}`}>
                Sign out
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
