// Opened from the reset email: /app/reset-password/<token>.
import { useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { authApi } from "../../api/auth";
import { AuthLayout } from "../../components/AuthLayout";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { PasswordRules } from "../../components/PasswordRules";
import { TextLink } from "../../components/TextLink";
import { useAction } from "../../lib/useAction";
import { isEmail, passwordProblems } from "../../lib/validation";

export function ResetPasswordPage() {
  const { token = "" } = useParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ email?: string; password?: string; confirm?: string }>({});
  const [done, setDone] = useState<string>();
  const reset = useAction(async () => {
    setDone((await authApi.resetPassword(token, email.trim(), password)).message);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      email: isEmail(email.trim()) ? undefined : "Enter the email address of your account",
      password: passwordProblems(password).length ? "The password does not meet every rule below" : undefined,
      confirm: confirm === password ? undefined : "The two passwords differ",
    };
    setErrors(found);
    if (!found.email && !found.password && !found.confirm) void reset.run();
  };

  if (done) {
    return (
      <AuthLayout title="Password reset" footer={<TextLink to="/login">Log in</TextLink>}>
        <Notice tone="success">{done}</Notice>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">Every device that was signed in has been signed out. Log in with your new password.</p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Reset password" footer={<TextLink to="/forgot-password">Ask for a new link</TextLink>}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Notice tone="error">{reset.error}</Notice>
        <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} required autoFocus />
        <TextField label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} hint={<PasswordRules password={password} />} required />
        <TextField label="Repeat the new password" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} error={errors.confirm} required />
        <Button type="submit" busy={reset.busy} className="w-full">
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
