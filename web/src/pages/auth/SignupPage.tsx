import { useState, type FormEvent } from "react";
import { authApi, type SignupFields } from "../../api/auth";
import { AuthLayout } from "../../components/AuthLayout";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { PasswordRules } from "../../components/PasswordRules";
import { TextLink } from "../../components/TextLink";
import { errorText } from "../../lib/useLoad";
import { passwordProblems, profileErrors, type FieldErrors } from "../../lib/validation";

const EMPTY: SignupFields = { first_name: "", last_name: "", username: "", email: "", password: "" };

export function SignupPage() {
  const [fields, setFields] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<keyof SignupFields>>({});
  const [serverError, setServerError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = (name: keyof SignupFields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields((current) => ({ ...current, [name]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors<keyof SignupFields> = profileErrors(fields);
    if (passwordProblems(fields.password).length) found.password = "The password does not meet every rule below";
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setServerError(undefined);
    try {
      const trimmed = { ...fields, first_name: fields.first_name.trim(), last_name: fields.last_name.trim(), username: fields.username.trim(), email: fields.email.trim() };
      setDone((await authApi.signup(trimmed)).message);
    } catch (caught) {
      setServerError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <AuthLayout title="Check your email" footer={<TextLink to="/login">Go to log in</TextLink>}>
        <Notice tone="success">{done}</Notice>
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-300">
          We sent a link to <strong>{fields.email.trim()}</strong>. Open it to verify your address, then log in.
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Sign up" footer={<>Already have an account? <TextLink to="/login">Log in</TextLink></>}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Notice tone="error">{serverError}</Notice>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="First name" autoComplete="given-name" value={fields.first_name} onChange={set("first_name")} error={errors.first_name} required maxLength={60} />
          <TextField label="Last name" autoComplete="family-name" value={fields.last_name} onChange={set("last_name")} error={errors.last_name} required maxLength={60} />
        </div>
        <TextField label="Username" autoComplete="username" value={fields.username} onChange={set("username")} error={errors.username} hint="3 to 80 letters, digits, '_', '.' or '-'" required />
        <TextField label="Email" type="email" autoComplete="email" value={fields.email} onChange={set("email")} error={errors.email} required />
        <TextField label="Password" type="password" autoComplete="new-password" value={fields.password} onChange={set("password")} error={errors.password} hint={<PasswordRules password={fields.password} />} required />
        <Button type="submit" busy={busy} className="w-full">
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
