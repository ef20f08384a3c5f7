// The server's password policy as a live checklist under a password field.
import { PASSWORD_RULES } from "../lib/validation";

export function PasswordRules({ password }: { password: string }) {
  return (
    <ul className="mt-1 space-y-0.5" aria-label="Password rules">
      {PASSWORD_RULES.map((rule) => {
        const met = rule.test(password);
        return (
          <li key={rule.id} className={met ? "text-emerald-700 dark:text-emerald-400" : "text-slate-500 dark:text-slate-400"}>
            <span aria-hidden="true">{met ? "✓" : "○"}</span> {rule.label}
            <span className="sr-only">{met ? " (met)" : " (not met yet)"}</span>
          </li>
        );
      })}
    </ul>
  );
}
