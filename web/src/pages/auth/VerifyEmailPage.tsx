// Opened from the welcome email: /app/verify-email/<token>. Verifies once on arrival; a
// stale link offers to send a new one.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { authApi } from "../../api/auth";
import { AuthLayout } from "../../components/AuthLayout";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { Loading } from "../../components/States";
import { TextLink } from "../../components/TextLink";
import { useAction } from "../../lib/useAction";
import { errorText } from "../../lib/useLoad";
import { isEmail } from "../../lib/validation";

type Outcome = { ok: true; message: string } | { ok: false; message: string };

export function VerifyEmailPage() {
  const { token = "" } = useParams();
  const [outcome, setOutcome] = useState<Outcome>();
  const started = useRef(false);
  const [email, setEmail] = useState("");
  const [resent, setResent] = useState<string>();
  const resend = useAction(async () => {
    setResent((await authApi.resendVerification(email.trim())).message || "If that address has an unverified account, a new link is on its way.");
  });

  useEffect(() => {
    // The token is single use: never send it twice, even if the effect runs twice.
    if (started.current) return;
    started.current = true;
    authApi
      .verifyEmail(token)
      .then((answer) => setOutcome({ ok: true, message: answer.message }))
      .catch((error: unknown) => setOutcome({ ok: false, message: errorText(error) }));
  }, [token]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isEmail(email.trim())) void resend.run();
  };

  return (
    <AuthLayout title="Verify email" footer={<TextLink to="/login">Go to log in</TextLink>}>
      {!outcome && <Loading label="Verifying your email address…" />}
      {outcome?.ok && (
        <div className="space-y-3">
          <Notice tone="success">{outcome.message}</Notice>
          <p className="text-sm text-slate-600 dark:text-slate-300">You can log in now.</p>
        </div>
      )}
      {outcome && !outcome.ok && (
        <div className="space-y-4">
          <Notice tone="error">{outcome.message}</Notice>
          {resent ? (
            <Notice tone="success">{resent}</Notice>
          ) : (
            <form onSubmit={submit} className="space-y-3" noValidate>
              <p className="text-sm text-slate-600 dark:text-slate-300">Links are valid for one hour and work once. Enter your email to get a new one.</p>
              <Notice tone="error">{resend.error}</Notice>
              <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
              <Button type="submit" busy={resend.busy}>
                Send a new link
              </Button>
            </form>
          )}
        </div>
      )}
    </AuthLayout>
  );
}
