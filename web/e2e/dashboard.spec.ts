// A new user's whole journey through the dashboard, against the real stack: sign up, open
// the verification link from the caught mail, log in, turn on 2FA, log in again with a
// TOTP code, use the Kanban board (mouse and keyboard), be given a role by an admin, read
// their requests in the logs, and subscribe through the fake Stripe. Each scenario saves a
// screenshot. The page must never break its Content-Security-Policy or throw.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { stack } from "./support/env";
import { latestLoginCode, mailCount, waitForMail } from "./support/mail";
import { completeCheckout, sendWebhook } from "./support/stripe";
import { freshCode } from "./support/totp";

test.describe.configure({ mode: "serial" });

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const user = {
  first: "Ada",
  last: "Lovelace",
  username: `ada_${suffix}`,
  email: `ada_${suffix}@example.com`,
  password: "Analytical-Engine-1",
};
const roleName = `Reviewer ${suffix}`;
const productName = `Pro ${suffix}`;

let userContext: BrowserContext;
let userPage: Page;
let adminContext: BrowserContext;
let adminPage: Page;
let totpSecret = "";
let lastTotpStep = 0;
let recoveryCodes: string[] = [];
const pageProblems: string[] = [];

async function screenshot(page: Page, name: string) {
  mkdirSync(stack.screenshotDir, { recursive: true });
  await page.screenshot({ path: join(stack.screenshotDir, `${name}.png`) });
}

async function openContext(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (error) => pageProblems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) {
      pageProblems.push(`CSP: ${message.text()}`);
    }
  });
  return { context, page };
}

async function logIn(page: Page, login: string, password: string) {
  await page.goto("/app/login");
  await page.getByLabel("Username or email").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

function column(page: Page, name: string): Locator {
  return page.getByRole("region", { name: `Column ${name}` });
}

test.beforeAll(async ({ browser }) => {
  ({ context: userContext, page: userPage } = await openContext(browser));
  ({ context: adminContext, page: adminPage } = await openContext(browser));
});

test.afterAll(async () => {
  await userContext?.close();
  await adminContext?.close();
});

test.afterEach(() => {
  expect(pageProblems, "the dashboard broke its CSP or threw").toEqual([]);
});

test("https://host/ opens the dashboard's login page", async () => {
  await userPage.goto("/");
  await expect(userPage).toHaveURL(/\/app\/login$/);
  await expect(userPage.getByRole("heading", { name: "Log in" })).toBeVisible();
});

test("sign up, then verify the address from the link in the caught mail", async () => {
  const page = userPage;
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("First name").fill(user.first);
  await page.getByLabel("Last name").fill(user.last);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Email").fill(user.email);
  const rules = page.getByRole("list", { name: "Password rules" });
  await page.getByLabel("Password", { exact: true }).fill("short");
  await expect(rules.getByText("8 to 128 characters (not met yet)")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await expect(rules.getByText("(not met yet)")).toHaveCount(0);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Please check your email to verify your account")).toBeVisible();

  const [link] = await waitForMail(user.email, /https?:\/\/\S+\/app\/verify-email\/[A-Za-z0-9_-]+/);
  expect(link.startsWith(stack.baseUrl)).toBe(true);
  await page.goto(link);
  await expect(page.getByText("Your account has been verified")).toBeVisible();
  await screenshot(page, "01-email-verified");
});

test("log in with the labelled form and land on the profile", async () => {
  await logIn(userPage, user.username, user.password);
  await expect(userPage).toHaveURL(/\/app\/profile$/);
  await expect(userPage.getByRole("heading", { name: "Profile" })).toBeVisible();
  // The sidebar shows what a new user may use, and not the admin's settings.
  const nav = userPage.getByRole("navigation", { name: "Main" });
  for (const name of ["Profile", "Logs", "Kanban", "Billing"]) await expect(nav.getByRole("link", { name })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
});

test("turn on 2FA with the QR code's secret; recovery codes are shown once", async () => {
  const page = userPage;
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  totpSecret = (await page.getByTestId("twofa-secret").textContent()) ?? "";
  expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
  const { code, step } = await freshCode(totpSecret, lastTotpStep);
  await page.getByLabel("Code from your app").fill(code);
  await page.getByRole("button", { name: "Turn on 2FA" }).click();
  lastTotpStep = step;
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  recoveryCodes = await codes.allTextContents();
  await expect(page.getByRole("button", { name: "Download codes" })).toBeVisible();
  await screenshot(page, "02-recovery-codes");
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByText("Two-factor authentication is on.")).toBeVisible();
});

async function logOutAndReachCodePage(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/app\/login$/);
  await logIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/app\/two-factor$/);
  await expect(page.getByRole("heading", { name: "Two-factor code" })).toBeVisible();
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Code").fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

test("log out, then log in again with a TOTP code on the code page", async () => {
  const page = userPage;
  await logOutAndReachCodePage(page);
  await enterCode(page, "000000");
  await expect(page.getByText("That code is not valid")).toBeVisible();
  const { code, step } = await freshCode(totpSecret, lastTotpStep);
  await enterCode(page, code);
  lastTotpStep = step;
  await expect(page).toHaveURL(/\/app\/profile$/);
});

test("the code page also takes the emailed code, and a recovery code once", async () => {
  const page = userPage;
  const known = mailCount(user.email);
  await logOutAndReachCodePage(page);
  await enterCode(page, await latestLoginCode(user.email, known));
  await expect(page).toHaveURL(/\/app\/profile$/);

  const recovery = recoveryCodes[0] ?? "";
  await logOutAndReachCodePage(page);
  await enterCode(page, recovery);
  await expect(page).toHaveURL(/\/app\/profile$/);
  await logOutAndReachCodePage(page);
  await enterCode(page, recovery);
  await expect(page.getByText("That code is not valid")).toBeVisible();
  const { code, step } = await freshCode(totpSecret, lastTotpStep);
  await enterCode(page, code);
  lastTotpStep = step;
  await expect(page).toHaveURL(/\/app\/profile$/);
});

test("Kanban: create a board, drag a ticket to another column by mouse and by keyboard, reload, it stayed", async () => {
  const page = userPage;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Kanban" }).click();
  await page.getByLabel("New board").fill(`Launch ${suffix}`);
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page.getByRole("heading", { name: `Launch ${suffix}` })).toBeVisible();
  for (const name of ["To do", "Done"]) {
    await page.getByLabel("New column").fill(name);
    await page.getByRole("button", { name: "Add column" }).click();
    await expect(column(page, name)).toBeVisible();
  }
  for (const title of ["Write the docs", "Ship it"]) {
    await column(page, "To do").getByRole("button", { name: "+ Add ticket" }).click();
    await column(page, "To do").getByLabel("Ticket title").fill(title);
    await column(page, "To do").getByRole("button", { name: "Add ticket" }).click();
    await expect(column(page, "To do").getByText(title)).toBeVisible();
  }

  // Mouse: drag the handle of "Write the docs" onto the Done column.
  const handle = page.getByRole("button", { name: "Move ticket Write the docs" });
  const from = await handle.boundingBox();
  const to = await column(page, "Done").getByText("No tickets").boundingBox();
  if (!from || !to) throw new Error("no layout for the drag");
  const moved = page.waitForResponse((r) => r.request().method() === "PUT" && /\/columns\/\d+\/tickets$/.test(r.url()));
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  // The Done column has opened a place for it before the button is let go.
  await expect(column(page, "Done").getByText("Write the docs")).toBeVisible();
  await page.mouse.up();
  expect((await moved).status()).toBe(200);
  await expect(column(page, "To do").getByText("Write the docs")).toHaveCount(0);

  // Keyboard: pick "Ship it" up with space, move right into Done, drop with space.
  const keyboardMoved = page.waitForResponse((r) => r.request().method() === "PUT" && /\/columns\/\d+\/tickets$/.test(r.url()));
  await page.getByRole("button", { name: "Move ticket Ship it" }).focus();
  await page.keyboard.press("Space");
  // dnd-kit starts listening for the arrow keys a moment after the pick-up (on a timer),
  // so on a busy machine the first ArrowRight can come too early: press it again until the
  // ticket is over Done.
  await expect(async () => {
    await page.keyboard.press("ArrowRight");
    await expect(column(page, "Done").getByText("Ship it")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15000 });
  await page.keyboard.press("Space");
  expect((await keyboardMoved).status()).toBe(200);

  await page.reload();
  await expect(column(page, "Done").getByText("Write the docs")).toBeVisible();
  await expect(column(page, "Done").getByText("Ship it")).toBeVisible();
  await expect(column(page, "To do").getByText("No tickets")).toBeVisible();
  await screenshot(page, "03-kanban");
});

test("an admin creates a role, gives it a permission and assigns it to the new user", async () => {
  const page = adminPage;
  await logIn(page, "admin", stack.adminPassword);
  await expect(page).toHaveURL(/\/app\/profile$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("New role").fill(roleName);
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByText("New role created")).toBeVisible();
  const role = page.getByRole("listitem", { name: `Role ${roleName}` });
  await role.getByLabel(`Add a permission to ${roleName}`).selectOption("view_reports");
  await role.getByRole("button", { name: "Add" }).click();
  await expect(role.getByRole("list", { name: `Permissions of ${roleName}` }).getByText("view_reports")).toBeVisible();

  await page.getByLabel("Search users").fill(user.username);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row", { name: `User ${user.username}` });
  await row.getByLabel(`Give ${user.username} a role`).selectOption({ label: roleName });
  await row.getByRole("button", { name: "Assign" }).click();
  await expect(row.getByRole("list", { name: `Roles of ${user.username}` }).getByText(roleName)).toBeVisible();

  // A refusal reads as the API words it: the last Super Admin cannot lose the role.
  await page.getByLabel("Search users").fill("admin@example.com");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: "Remove role Super Admin from admin" }).click();
  await expect(page.getByText("This change would leave no user holding manage_admin")).toBeVisible();
  await screenshot(page, "04-settings");
});

test("the logs page shows the user's own requests, filterable by text", async () => {
  const page = userPage;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Logs" }).click();
  const table = page.getByRole("table");
  await expect(table.getByText("POST /boards 201").first()).toBeVisible();
  await expect(table.getByRole("cell", { name: user.email }).first()).toBeVisible();
  await page.getByLabel("Text in message").fill("/tickets");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/q=%2Ftickets/);
  const messages = await table.locator("tbody tr td:nth-child(3)").allTextContents();
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) expect(message).toContain("/tickets");
  await expect(page.getByText(/^Page 1 of (about )?\d+/)).toBeVisible();
  await screenshot(page, "05-logs");
});

test("billing: an admin adds a plan; the user subscribes through checkout, then pauses, resumes and cancels", async () => {
  const admin = adminPage;
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Billing" }).click();
  await admin.getByLabel("Product name").fill(productName);
  await admin.getByLabel("Product description").fill("Everything, monthly");
  await admin.getByRole("button", { name: "Create product" }).click();
  await expect(admin.getByText("Product created")).toBeVisible();
  await admin.getByLabel("For product").selectOption({ label: productName });
  await admin.getByLabel("Amount").fill("9.99");
  await admin.getByLabel("Billed").selectOption("month");
  await admin.getByRole("button", { name: "Create price" }).click();
  await expect(admin.getByText("Price created")).toBeVisible();

  const page = userPage;
  // Stripe's hosted page is out of reach here: answer it as the customer paying would,
  // then send them back to where the session says.
  await page.route("https://checkout.stripe.com/**", async (route) => {
    const sessionId = new URL(route.request().url()).pathname.split("/").pop() ?? "";
    const paid = await completeCheckout(sessionId);
    expect(await sendWebhook(page.request, "customer.subscription.created", paid.subscription)).toBe(200);
    await route.fulfill({ status: 303, headers: { Location: paid.session.success_url.replace("{CHECKOUT_SESSION_ID}", sessionId) } });
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Billing" }).click();
  const plan = page.getByRole("listitem", { name: `Plan ${productName}` });
  await expect(plan.getByText("per month")).toBeVisible();
  await plan.getByRole("button", { name: /^Subscribe to/ }).click();
  await expect(page).toHaveURL(/\/app\/billing\/checkout-success\?session_id=cs_/);
  await expect(page.getByText("Payment successful")).toBeVisible();

  await page.getByRole("link", { name: "Back to billing" }).click();
  const subscription = page.getByRole("listitem", { name: `Subscription ${productName}` });
  await expect(subscription.getByTestId("subscription-status")).toHaveText("active");
  await subscription.getByRole("button", { name: "Pause" }).click();
  await expect(subscription.getByTestId("subscription-status")).toHaveText("paused");
  await subscription.getByRole("button", { name: "Resume" }).click();
  await expect(subscription.getByTestId("subscription-status")).toHaveText("active");
  await subscription.getByRole("button", { name: `Cancel ${productName}` }).click();
  await subscription.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByText("Subscription canceled")).toBeVisible();
  await screenshot(page, "06-billing");
});

test("a lost session sends the user back to the login page", async () => {
  const page = userPage;
  // The session cookie is gone (as after a logout elsewhere or an expiry): the next API
  // call answers 401 and the dashboard goes to its login page.
  await page.context().clearCookies();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Profile" }).click();
  await expect(page).toHaveURL(/\/app\/login$/);
});

test("usable at 375 px: the sidebar folds into a menu; dark mode follows the system, and the toggle overrides it", async () => {
  const page = adminPage;
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/app/profile");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await nav.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await background()).toBe("rgb(2, 6, 23)"); // slate-950: the system is dark
  await screenshot(page, "07-mobile-dark");

  // System → dark → light: the choice beats the system's and survives a reload.
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("button", { name: /^System theme/ }).click();
  await page.getByRole("button", { name: /^Dark theme/ }).click();
  await expect(page.getByRole("button", { name: /^Light theme/ })).toBeVisible();
  expect(await background()).toBe("rgb(248, 250, 252)"); // slate-50
  await page.reload();
  expect(await background()).toBe("rgb(248, 250, 252)");
});
