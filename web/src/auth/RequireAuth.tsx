import { Navigate, Outlet, useLocation } from "react-router-dom";
import { Loading } from "../components/States";
import { useAuth } from "./AuthContext";

/** Pages behind login; anyone else goes to /login and comes back after. */
export function RequireAuth() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === "loading") return <Loading label="Checking your session…" />;
  if (status === "anonymous") return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

/** A page only holders of `permission` may see; others get a plain refusal. */
export function RequirePermission({ permission, children }: { permission: string; children: React.ReactNode }) {
  const { can } = useAuth();
  if (!can(permission)) {
    return (
      <p role="alert" className="text-sm text-slate-600 dark:text-slate-300">
        You do not have access to this page.
      </p>
    );
  }
  return <>{children}</>;
}
