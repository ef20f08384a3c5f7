// The second step of a login with 2FA on: the API has just emailed a one-time code, and
// accepts that, the authenticator's code or a recovery code as `token`.
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
import { normalizeCode } from "../../lib/validation";
import { returnPath } from "./LoginPage";

export function TwoFactorPage() {
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const credentials = pendingLogin.get();

  if (!credentials) return <Navigate to="/login" replace state={location.state} />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const token = normalizeCode(code);
    if (!token) {
      setError("Enter a code.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await authApi.login({ ...credentials, token }));
      pendingLogin.clear();
      navigate(returnPath(location.state), { replace: true });
    } catch (caught) {
      const refused = caught instanceof ApiError && caught.status === 400 && caught.message === TWOFA_REQUIRED;
      setError(refused ? "That code is not valid. Check it and try again, or use a recovery code." : errorText(caught));
      setCode("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Two-factor code" footer={<TextLink to="/login" onClick={() => pendingLogin.clear()}>Back to log in</TextLink>}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Enter the 6-digit code from your authenticator app, or the code we just emailed you. Lost your device? A recovery code works too.
        </p>
        <Notice tone="error">{error}</Notice>
        <TextField
          label="Code"
          name="token"
          inputMode="text"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus
          required
        />
        <Button type="submit" busy={busy} className="w-full">
          Verify
        </Button>
      </form>
    </AuthLayout>
  );
}
