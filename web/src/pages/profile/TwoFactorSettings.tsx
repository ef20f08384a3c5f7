// Turning 2FA on: GET /twofa_uri makes a pending secret (shown as the API's QR code and
// as text), and POST /update_twofa with a code from it turns it on and answers the ten
// recovery codes, which are shown this once. Turning it off takes a current code.
import { useState, type FormEvent } from "react";
import { authApi } from "../../api/auth";
import type { TwofaUri } from "../../api/types";
import { useAuth } from "../../auth/AuthContext";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { useAction } from "../../lib/useAction";
import { normalizeCode } from "../../lib/validation";
import { RecoveryCodes } from "./RecoveryCodes";

/** The base32 secret in an otpauth:// URI, for people who type it instead of scanning. */
export function secretOf(uri: string): string {
  const query = uri.split("?")[1] ?? "";
  return new URLSearchParams(query).get("secret") ?? "";
}

/** The API's SVG as an <img> source: no markup from the network enters the page. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function TwoFactorSettings() {
  const { user, refresh } = useAuth();
  const [setup, setSetup] = useState<TwofaUri>();
  const [code, setCode] = useState("");
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>();

  const start = useAction(async () => {
    setSetup(await authApi.twofaUri());
    setCode("");
  });
  const update = useAction(async (enabled: boolean) => {
    const answer = await authApi.updateTwofa(enabled, normalizeCode(code));
    setCode("");
    setSetup(undefined);
    if (enabled) setRecoveryCodes(answer.recovery_codes ?? []);
    await refresh();
    return enabled ? "Two-factor authentication is on" : "Two-factor authentication is off";
  });

  const submit = (enabled: boolean) => (event: FormEvent) => {
    event.preventDefault();
    if (normalizeCode(code)) void update.run(enabled);
  };

  return (
    <Card title="Two-factor authentication" description="A code from an authenticator app, asked for at every login.">
      {recoveryCodes && <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(undefined)} />}
      {!recoveryCodes && user?.twofa_enabled && (
        <form onSubmit={submit(false)} className="space-y-4" noValidate>
          <Notice tone="success">Two-factor authentication is on.</Notice>
          <Notice tone="error">{update.error}</Notice>
          <TextField label="Code to turn it off" hint="A code from your authenticator app, or one of your recovery codes." autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
          <Button type="submit" variant="danger" busy={update.busy}>
            Turn off 2FA
          </Button>
        </form>
      )}
      {!recoveryCodes && !user?.twofa_enabled && !setup && (
        <div className="space-y-4">
          <p className="text-sm text-slate-600 dark:text-slate-300">Two-factor authentication is off.</p>
          <Notice tone="error">{start.error}</Notice>
          <Button onClick={() => void start.run()} busy={start.busy}>
            Set up two-factor authentication
          </Button>
        </div>
      )}
      {!recoveryCodes && !user?.twofa_enabled && setup && (
        <form onSubmit={submit(true)} className="space-y-4" noValidate>
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-600 dark:text-slate-300">
            <li>Scan this QR code with your authenticator app.</li>
            <li>Enter the 6-digit code it shows.</li>
          </ol>
          <img src={svgDataUri(setup.qr_svg)} alt="QR code for your authenticator app" className="h-48 w-48 rounded bg-white p-2" />
          <p className="text-sm text-slate-600 dark:text-slate-300">
            Cannot scan? Enter this key instead: <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900 dark:bg-slate-800 dark:text-slate-100" data-testid="twofa-secret">{secretOf(setup.uri)}</code>
          </p>
          <Notice tone="error">{update.error}</Notice>
          <TextField label="Code from your app" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" busy={update.busy}>
              Turn on 2FA
            </Button>
            <Button variant="secondary" onClick={() => setSetup(undefined)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
