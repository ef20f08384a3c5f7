// A stand-in for the API in component tests: answers fetch() from a table of
// "METHOD /path" → (status, body), and records every request it saw. (The real API is
// exercised end to end in e2e/ and by the C++ integration tests.)
import { vi } from "vitest";

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = [status: number, body?: unknown];
export type Routes = Record<string, Answer | ((request: SeenRequest) => Answer)>;

export function fakeApi(routes: Routes) {
  const seen: SeenRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "https://t2o.test");
    const request: SeenRequest = {
      method: init.method ?? "GET",
      path: url.pathname + url.search,
      headers: (init.headers as Record<string, string>) ?? {},
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
    };
    seen.push(request);
    const route = routes[`${request.method} ${url.pathname}`];
    if (!route) return new Response(JSON.stringify({ success: false, message: "Not found", error: "Not found" }), { status: 404 });
    const [status, body] = typeof route === "function" ? route(request) : route;
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { seen, fetchMock };
}

export const aUser = (overrides: Partial<import("../api/types").User> = {}): import("../api/types").User => ({
  id: 7,
  first_name: "Ada",
  last_name: "Lovelace",
  username: "ada",
  email: "ada@example.com",
  twofa_enabled: false,
  verified: true,
  roles: ["User"],
  permissions: ["view_dashboard", "edit"],
  ...overrides,
});
