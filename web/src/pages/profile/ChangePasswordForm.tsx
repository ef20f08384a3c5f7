import { useState, type FormEvent } from "react";
import { accountApi } from "../../api/account";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { PasswordRules } from "../../components/PasswordRules";
import { useAction } from "../../lib/useAction";
import { passwordProblems } from "../../lib/validation";

export function ChangePasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [invalid, setInvalid] = useState<string>();
  const change = useAction(async () => {
    const answer = await accountApi.changePassword(current, next);
    setCurrent("");
    setNext("");
    return answer.message || "Password changed";
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = !current ? "Enter your current password" : passwordProblems(next).length ? "The new password does not meet every rule below" : undefined;
    setInvalid(problem);
    if (!problem) void change.run();
  };

  return (
    <Card title="Change password" description="Your other devices are signed out when the password changes.">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Notice tone="error">{invalid ?? change.error}</Notice>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          <TextField label="New password" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} hint={<PasswordRules password={next} />} />
        </div>
        <Button type="submit" busy={change.busy}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
