// The app's routing and session handling with a stand-in API: who sees which page, and
// what a 401 or a "2FA token required" does.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { afterEach, describe, expect, it } from "vitest";
import { AppRoutes, ROUTER_FUTURE } from "./App";
import { setCsrfToken } from "./api/client";
import { AuthProvider } from "./auth/AuthContext";
import { pendingLogin } from "./auth/pendingLogin";
import { ToastProvider } from "./components/Toast";
import { aUser, fakeApi, type Routes } from "./test/fakeApi";

const LOGGED_OUT: Routes = { "GET /check_auth_status": [200, { success: false, message: "User is not logged in" }] };
const loggedIn = (user = aUser()): Routes => ({
  "GET /check_auth_status": [200, { success: true, message: "User is currently logged in" }],
  "GET /current_user_details": [200, { success: true, message: user, user }],
  "GET /csrf_token": [200, { success: true, csrf_token: "csrf-1" }],
  "GET /sessions": [200, { success: true, sessions: [] }],
});

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]} future={ROUTER_FUTURE}>
      <ToastProvider>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </ToastProvider>
    </MemoryRouter>,
  );
}

afterEach(() => {
  setCsrfToken(null);
  pendingLogin.clear();
});

describe("signed out", () => {
  it("a page behind login sends the visitor to the login page", async () => {
    fakeApi(LOGGED_OUT);
    renderAt("/kanban");
    expect(await screen.findByRole("heading", { name: "Log in" })).toBeInTheDocument();
    expect(screen.getByLabelText("Username or email")).toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Log in" })).toBeInTheDocument();
  });

  it("shows the server's refusal of a login in its own words", async () => {
    fakeApi({ ...LOGGED_OUT, "POST /login": [401, { success: false, message: "Invalid credentials", error: "Invalid credentials" }] });
    renderAt("/login");
    await userEvent.type(await screen.findByLabelText("Username or email"), "ada");
    await userEvent.type(screen.getByLabelText("Password"), "wrong");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid credentials");
  });

  it("on '2FA token required' goes to the code page, then logs in with the code", async () => {
    const user = aUser({ twofa_enabled: true });
    const { seen } = fakeApi({
      ...LOGGED_OUT,
      "POST /login": (request) =>
        (request.body as { token?: string }).token === "123456"
          ? [200, { success: true, message: "Login successful", user, csrf_token: "csrf-2" }]
          : [400, { success: false, message: "2FA token required", error: "2FA token required" }],
      "GET /sessions": [200, { success: true, sessions: [] }],
    });
    renderAt("/login");
    await userEvent.type(await screen.findByLabelText("Username or email"), "ada");
    await userEvent.type(screen.getByLabelText("Password"), "Analytical-Engine-1");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("heading", { name: "Two-factor code" })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Code"), "123 456");
    await userEvent.click(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByRole("heading", { name: "Profile" })).toBeInTheDocument();
    const logins = seen.filter((r) => r.path === "/login").map((r) => r.body);
    expect(logins).toEqual([
      { username_or_email: "ada", password: "Analytical-Engine-1" },
      { username_or_email: "ada", password: "Analytical-Engine-1", token: "123456" },
    ]);
    expect(pendingLogin.get()).toBeNull();
  });

  it("the code page without a pending login goes back to log in", async () => {
    fakeApi(LOGGED_OUT);
    renderAt("/two-factor");
    expect(await screen.findByRole("heading", { name: "Log in" })).toBeInTheDocument();
  });
});

describe("signed in", () => {
  it("fetches the CSRF token after a reload and sends it", async () => {
    const { seen } = fakeApi({ ...loggedIn(), "POST /change_password": [200, { success: true, message: "Password changed" }] });
    renderAt("/profile");
    await userEvent.type(await screen.findByLabelText("Current password"), "Old-Password-1");
    await userEvent.type(screen.getByLabelText("New password"), "New-Password-2");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Password changed")).toBeInTheDocument();
    expect(seen.find((r) => r.path === "/change_password")?.headers["X-CSRFToken"]).toBe("csrf-1");
  });

  it("a 401 from any page sends the user to the login page", async () => {
    fakeApi({ ...loggedIn(), "GET /sessions": [401, { success: false, message: "Please log in to access this resource." }] });
    renderAt("/profile");
    expect(await screen.findByRole("heading", { name: "Log in" })).toBeInTheDocument();
  });

  it("hides Settings from a user without manage_users, and refuses its address", async () => {
    fakeApi(loggedIn());
    renderAt("/settings");
    expect(await screen.findByText("You do not have access to this page.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Settings" })).not.toBeInTheDocument();
  });

  it("shows Settings to a holder of manage_users", async () => {
    fakeApi({
      ...loggedIn(aUser({ permissions: ["manage_users"] })),
      "GET /admin/roles": [200, { success: true, roles: [{ id: 1, name: "Admin", permissions: ["manage_users"] }] }],
      "GET /admin/permissions": [200, { success: true, permissions: [{ id: 1, name: "manage_users" }] }],
      "GET /admin/users/details": [200, { success: true, users: [], total: 0 }],
      "GET /all_user_profiles": [200, { success: true, message: [] }],
    });
    renderAt("/settings");
    expect(await screen.findByRole("heading", { name: "Roles" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Settings" })).toBeInTheDocument();
    // Without manage_admin the roles are read-only.
    expect(screen.queryByLabelText("New role")).not.toBeInTheDocument();
  });
});
