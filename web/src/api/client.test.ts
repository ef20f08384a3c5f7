import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi } from "../test/fakeApi";
import { ApiError, api, getCsrfToken, messageOf, setCsrfToken, setSessionLostHandler, withQuery } from "./client";
import { authApi } from "./auth";

afterEach(() => {
  setCsrfToken(null);
  setSessionLostHandler(() => {});
});

describe("CSRF header", () => {
  it("sends the token from the login answer on state-changing requests, never on reads", async () => {
    const { seen } = fakeApi({
      "POST /login": [200, { success: true, message: "Login successful", user: {}, csrf_token: "tok-123" }],
      "GET /boards": [200, []],
      "POST /boards": [201, { success: true, id: 1 }],
      "DELETE /boards": [204],
    });
    const answer = await authApi.login({ username_or_email: "ada", password: "pw" });
    setCsrfToken(answer.csrf_token);
    await api.get("/boards");
    await api.post("/boards", { name: "B" });
    await api.delete("/boards", { id: 1 });
    expect(seen.map((r) => [r.method, r.headers["X-CSRFToken"]])).toEqual([
      ["POST", undefined],
      ["GET", undefined],
      ["POST", "tok-123"],
      ["DELETE", "tok-123"],
    ]);
  });

  it("fetches the token again and retries once when the server refuses it", async () => {
    setCsrfToken("stale");
    let attempts = 0;
    const { seen } = fakeApi({
      "POST /boards": (request) => {
        attempts += 1;
        return request.headers["X-CSRFToken"] === "fresh"
          ? [201, { success: true, id: 2 }]
          : [403, { success: false, message: "CSRF token validation failed", error: "CSRF token validation failed" }];
      },
      "GET /csrf_token": [200, { success: true, csrf_token: "fresh" }],
    });
    await expect(api.post("/boards", { name: "B" })).resolves.toEqual({ success: true, id: 2 });
    expect(attempts).toBe(2);
    expect(getCsrfToken()).toBe("fresh");
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /boards", "GET /csrf_token", "POST /boards"]);
  });

  it("does not retry a 403 that is a permission refusal", async () => {
    const { seen } = fakeApi({ "POST /admin/create_role": [403, { success: false, message: "Unauthorized access", error: "Unauthorized access" }] });
    await expect(api.post("/admin/create_role", { name: "x" })).rejects.toMatchObject({ status: 403, message: "Unauthorized access" });
    expect(seen).toHaveLength(1);
  });
});

describe("401", () => {
  it("on an authenticated call tells the app the session is gone", async () => {
    const lost = vi.fn();
    setSessionLostHandler(lost);
    fakeApi({ "GET /sessions": [401, { success: false, message: "Please log in to access this resource." }] });
    await expect(api.get("/sessions")).rejects.toBeInstanceOf(ApiError);
    expect(lost).toHaveBeenCalledOnce();
  });

  it("on a login is an answer to show, not a lost session", async () => {
    const lost = vi.fn();
    setSessionLostHandler(lost);
    fakeApi({ "POST /login": [401, { success: false, message: "Invalid credentials", error: "Invalid credentials" }] });
    await expect(authApi.login({ username_or_email: "ada", password: "bad" })).rejects.toMatchObject({ status: 401, message: "Invalid credentials" });
    expect(lost).not.toHaveBeenCalled();
  });
});

describe("answers", () => {
  it("reads the API's message, then error, then says the status", () => {
    expect(messageOf({ message: "m", error: "e" }, 400)).toBe("m");
    expect(messageOf({ error: "e" }, 400)).toBe("e");
    expect(messageOf("<html>", 502)).toBe("The server answered 502.");
  });

  it("turns a network failure into a readable error", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    await expect(api.get("/boards")).rejects.toMatchObject({ status: 0, message: expect.stringContaining("cannot be reached") });
  });

  it("takes a 204 as no body and a non-JSON error body as text", async () => {
    fakeApi({ "DELETE /boards": [204] });
    await expect(api.delete("/boards", { id: 1 })).resolves.toBeUndefined();
  });

  it("builds query strings without empty values", () => {
    expect(withQuery("/logs", { page: 2, per_page: 25, level: undefined, q: "" })).toBe("/logs?page=2&per_page=25");
    expect(withQuery("/logs", { q: "a b&c" })).toBe("/logs?q=a+b%26c");
  });
});
