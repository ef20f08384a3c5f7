// The parts of Stripe that are not the API the handlers call: the hosted checkout page the
// customer pays on, and the webhooks Stripe sends afterwards. The fake Stripe
// (tests/fake_stripe) completes a session; the webhook is signed here as Stripe signs it.
import { createHmac } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { stack } from "./env";

interface CompletedCheckout {
  session: { id: string; success_url: string; subscription: string | null };
  subscription?: Record<string, unknown>;
}

/** The customer pays: the fake marks the session paid (and makes its subscription). */
export async function completeCheckout(sessionId: string): Promise<CompletedCheckout> {
  const response = await fetch(`${stack.fakeStripeUrl}/__checkout/complete`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ session_id: sessionId }),
  });
  if (!response.ok) throw new Error(`fake Stripe: ${response.status} ${await response.text()}`);
  return (await response.json()) as CompletedCheckout;
}

/** Stripe's webhook for `object`, signed with the stack's STRIPE_WEBHOOK_SECRET. */
export async function sendWebhook(request: APIRequestContext, type: string, object: unknown): Promise<number> {
  const payload = JSON.stringify({
    id: `evt_e2e_${Date.now()}_${Math.random().toString(36).slice(2)}`,
    object: "event",
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", stack.webhookSecret).update(`${timestamp}.${payload}`).digest("hex");
  const response = await request.post("/stripe/webhook", {
    headers: { "Content-Type": "application/json", "Stripe-Signature": `t=${timestamp},v1=${signature}` },
    data: payload,
  });
  return response.status();
}
