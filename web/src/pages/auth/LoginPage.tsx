import { useState, type FormEvent } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { ApiError } from "../../api/client";
import { authApi, TWOFA_REQUIRED } from "../../api/auth";
import { useAuth } from "../../auth/AuthContext";
import { pendingLogin } from "../../auth/pendingLogin";
import { AuthLayout } from "../../components/AuthLayout";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { TextLink } from "../../components/TextLink";
import { errorText } from "../../lib/useLoad";

/** Where to go after logging in: back where the user was sent from, else the profile. */
export function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") ? from : "/profile";
}

export function LoginPage() {
  const { status, signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (status === "signed-in") return <Navigate to={returnPath(location.state)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const credentials = { username_or_email: login.trim(), password };
    if (!credentials.username_or_email || !password) {
      setError("Enter your username or email and your password.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await authApi.login(credentials));
      navigate(returnPath(location.state), { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 400 && caught.message === TWOFA_REQUIRED) {
        pendingLogin.set(credentials);
        navigate("/two-factor", { state: location.state });
        return;
      }
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout
      title="Log in"
      footer={
        <>
          No account yet? <TextLink to="/signup">Sign up</TextLink>
        </>
      }
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Notice tone="error">{error}</Notice>
        <TextField label="Username or email" name="username_or_email" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required autoFocus />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <Button type="submit" busy={busy} className="w-full">
          Log in
        </Button>
        <p className="text-center text-sm">
          <TextLink to="/forgot-password">Forgot your password?</TextLink>
        </p>
      </form>
    </AuthLayout>
  );
}
