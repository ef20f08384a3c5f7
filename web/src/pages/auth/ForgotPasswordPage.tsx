import { useState, type FormEvent } from "react";
import { authApi } from "../../api/auth";
import { AuthLayout } from "../../components/AuthLayout";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { TextLink } from "../../components/TextLink";
import { useAction } from "../../lib/useAction";
import { isEmail } from "../../lib/validation";

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [invalid, setInvalid] = useState<string>();
  const [sent, setSent] = useState<string>();
  const send = useAction(async (address: string) => {
    setSent((await authApi.forgotPassword(address)).message);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    setInvalid(isEmail(address) ? undefined : "Enter a valid email address");
    if (isEmail(address)) void send.run(address);
  };

  return (
    <AuthLayout title="Forgot password" footer={<TextLink to="/login">Back to log in</TextLink>}>
      {sent ? (
        <div className="space-y-3">
          <Notice tone="success">{sent}</Notice>
          <p className="text-sm text-slate-600 dark:text-slate-300">If an account uses that address, a link to choose a new password is on its way. It is valid for one hour.</p>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <p className="text-sm text-slate-600 dark:text-slate-300">Enter your account's email address and we will send you a link to reset your password.</p>
          <Notice tone="error">{send.error}</Notice>
          <TextField label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={invalid} required autoFocus />
          <Button type="submit" busy={send.busy} className="w-full">
            Send reset link
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
