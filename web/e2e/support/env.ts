// What the end-to-end tests need to know about the running stack, from tests/run.
import { join } from "node:path";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through tests/run`);
  return value;
}

export const stack = {
  get baseUrl() {
    return required("T2O_BASE_URL");
  },
  get mailDir() {
    return join(required("T2O_VAR_DIR"), "mail");
  },
  get adminPassword() {
    return required("ADMIN_PASSWORD");
  },
  get fakeStripeUrl() {
    return required("STRIPE_API_BASE");
  },
  get stripeSecretKey() {
    return required("STRIPE_SECRET_KEY");
  },
  get webhookSecret() {
    return required("STRIPE_WEBHOOK_SECRET");
  },
  get screenshotDir() {
    return process.env.T2O_E2E_SCREENSHOT_DIR ?? join(process.env.T2O_E2E_OUTPUT_DIR ?? "test-results", "screenshots");
  },
};
