// Reading the mail catcher's files (one .eml per message in $T2O_VAR_DIR/mail).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stack } from "./env";

function decodedText(raw: string): string {
  // The text/plain part, 7bit or base64, as the mailer writes it.
  const part = /Content-Type: text\/plain[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(raw);
  if (!part?.[1]) return raw;
  const encoding = /Content-Type: text\/plain[^]*?Content-Transfer-Encoding: *(\S+)/i.exec(raw)?.[1]?.toLowerCase();
  return encoding === "base64" ? Buffer.from(part[1].replace(/\s+/g, ""), "base64").toString("utf8") : part[1];
}

function mailsTo(recipient: string): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(stack.mailDir).filter((name) => name.endsWith(".eml")).sort();
  } catch {
    return [];
  }
  const to = new RegExp(`^To: .*${recipient.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "im");
  return names.map((name) => readFileSync(join(stack.mailDir, name), "utf8")).filter((raw) => to.test(raw));
}

export const mailCount = (recipient: string) => mailsTo(recipient).length;

/**
 * The 6-digit code of the newest login-code mail to `recipient`. A login that asked for a
 * code sends one unless one went out in the last minute, so wait briefly for a mail newer
 * than the `known` count; without one, the newest code is still the live one.
 */
export async function latestLoginCode(recipient: string, known: number): Promise<string> {
  const deadline = Date.now() + 3000;
  while (mailCount(recipient) <= known && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const [, code] = await waitForMail(recipient, /login code is:\s+(\d{6})\b/);
  return code as string;
}

/** Waits for a message to `recipient` whose text matches `pattern`; returns the match. */
export async function waitForMail(recipient: string, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const raw of mailsTo(recipient).reverse()) {
      const match = pattern.exec(decodedText(raw));
      if (match) return match;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${recipient} matching ${pattern} in ${stack.mailDir}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
