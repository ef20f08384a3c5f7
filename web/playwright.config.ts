// End-to-end tests: Debian's Chromium (no browser download) driving the dashboard against
// the real stack that tests/run brings up (nginx over HTTPS, the handlers, PostgreSQL, the
// mail catcher, the fake Stripe). tests/run passes where everything is in the environment;
// see e2e/support/env.ts.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  // The scenarios build on one another (sign up, then log in, ...): one worker, in order.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: process.env.T2O_E2E_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL: process.env.T2O_BASE_URL ?? "https://localhost:8443",
    // deploy/up's certificate is self-signed.
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.T2O_CHROMIUM ?? "/usr/bin/chromium",
      // As root in a container, without the network Chromium reaches for at start.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
