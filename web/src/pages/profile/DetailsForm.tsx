import { useState, type FormEvent } from "react";
import { accountApi, type ProfileFields } from "../../api/account";
import { useAuth } from "../../auth/AuthContext";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { useAction } from "../../lib/useAction";
import { profileErrors, type FieldErrors } from "../../lib/validation";

export function DetailsForm() {
  const { user, refresh } = useAuth();
  const [fields, setFields] = useState<ProfileFields>({
    first_name: user?.first_name ?? "",
    last_name: user?.last_name ?? "",
    username: user?.username ?? "",
    email: user?.email ?? "",
  });
  const [errors, setErrors] = useState<FieldErrors<keyof ProfileFields>>({});
  const save = useAction(async (changed: ProfileFields) => {
    const answer = await accountApi.updateProfile(changed);
    await refresh();
    const emailChanged = changed.email.toLowerCase() !== (user?.email ?? "").toLowerCase();
    return emailChanged ? `${answer.message} Check ${changed.email} for a link to verify the new address.` : answer.message;
  });

  const set = (name: keyof ProfileFields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields((current) => ({ ...current, [name]: event.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = {
      first_name: fields.first_name.trim(),
      last_name: fields.last_name.trim(),
      username: fields.username.trim(),
      email: fields.email.trim(),
    };
    const found = profileErrors(trimmed);
    setErrors(found);
    if (!Object.keys(found).length) void save.run(trimmed);
  };

  return (
    <Card title="Your details" description={user && !user.verified ? "Your email address is not verified yet: open the link we sent you." : undefined}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Notice tone="error">{save.error}</Notice>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="First name" autoComplete="given-name" value={fields.first_name} onChange={set("first_name")} error={errors.first_name} maxLength={60} />
          <TextField label="Last name" autoComplete="family-name" value={fields.last_name} onChange={set("last_name")} error={errors.last_name} maxLength={60} />
          <TextField label="Username" autoComplete="username" value={fields.username} onChange={set("username")} error={errors.username} />
          <TextField label="Email" type="email" autoComplete="email" value={fields.email} onChange={set("email")} error={errors.email} hint="Changing it asks you to verify the new address." />
        </div>
        <Button type="submit" busy={save.busy}>
          Save details
        </Button>
      </form>
    </Card>
  );
}
