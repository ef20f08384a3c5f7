// Who is signed in. On start the dashboard asks the API (GET /current_user_details) rather
// than trusting anything stored in the browser; the session cookie is HttpOnly, and the
// CSRF token lives only in memory, fetched again after a reload.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, refreshCsrfToken, setCsrfToken, setSessionLostHandler } from "../api/client";
import { authApi } from "../api/auth";
import type { LoginAnswer, User } from "../api/types";

type Status = "loading" | "anonymous" | "signed-in";

interface AuthState {
  status: Status;
  user: User | null;
  /** True when the user holds `permission` (API.md's permission names). */
  can: (permission: string) => boolean;
  /** Takes the login answer: its user and its CSRF token. */
  signedIn: (answer: LoginAnswer) => void;
  signOut: () => Promise<void>;
  /** Reads the user again (after a profile, role or 2FA change). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>("loading");
  const [user, setUser] = useState<User | null>(null);

  const forget = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    setStatus("anonymous");
  }, []);

  const refresh = useCallback(async () => {
    try {
      setUser(await authApi.currentUser());
      setStatus("signed-in");
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) forget();
      else throw error;
    }
  }, [forget]);

  useEffect(() => {
    setSessionLostHandler(forget);
    (async () => {
      try {
        // check_auth_status answers 200 either way, so a visitor's first page load logs
        // no failed request.
        if (!(await authApi.status()).success) {
          forget();
          return;
        }
        const current = await authApi.currentUser();
        await refreshCsrfToken();
        setUser(current);
        setStatus("signed-in");
      } catch {
        forget();
      }
    })();
  }, [forget]);

  const signedIn = useCallback((answer: LoginAnswer) => {
    setCsrfToken(answer.csrf_token);
    setUser(answer.user);
    setStatus("signed-in");
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      forget();
    }
  }, [forget]);

  const value = useMemo<AuthState>(() => {
    const permissions = new Set(user?.permissions ?? []);
    return { status, user, can: (p) => permissions.has(p), signedIn, signOut, refresh };
  }, [status, user, signedIn, signOut, refresh]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth outside <AuthProvider>");
  return state;
}
