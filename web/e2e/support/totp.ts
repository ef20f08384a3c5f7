// RFC 6238 TOTP (SHA-1, 6 digits, 30 s), what an authenticator app computes from the
// secret the dashboard shows.
import { createHmac } from "node:crypto";

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, "").toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  const code = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, "0");
}

export const currentStep = () => Math.floor(Date.now() / 1000 / 30);

/**
 * A code the server will take after it accepted `lastStep`: it refuses a step it already
 * accepted (replay), and takes one step ahead of its clock. Waits for the clock if needed.
 */
export async function freshCode(secret: string, lastStep: number): Promise<{ code: string; step: number }> {
  while (lastStep + 1 > currentStep() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  const step = Math.max(currentStep(), lastStep + 1);
  return { code: totpAt(secret, step), step };
}
