// The one place the dashboard talks HTTP. Same origin as the API (nginx serves both), so
// the session cookie travels by itself; the CSRF token, which the API hands out in the
// login answer and at GET /csrf_token, is kept in memory and sent as X-CSRFToken on every
// state-changing request (API.md "Sessions, cookies and CSRF").

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** An answer that was not 2xx, with the API's own words (`message`, else `error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface RequestOptions {
  /** A 401 here is an answer to show (wrong password, say), not a lost session. */
  anonymous?: boolean;
  query?: Record<string, string | number | undefined>;
}

const CSRF_FAILED = "CSRF token validation failed";
const STATE_CHANGING = new Set<Method>(["POST", "PUT", "PATCH", "DELETE"]);

let csrfToken: string | null = null;
let onSessionLost: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Called when an authenticated request answers 401: the session ended elsewhere. */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

/** The text to show for a failed answer: the API's `message`, else `error`, else a fallback. */
export function messageOf(body: unknown, status: number): string {
  if (body && typeof body === "object") {
    const { message, error } = body as { message?: unknown; error?: unknown };
    if (typeof message === "string" && message) return message;
    if (typeof error === "string" && error) return error;
  }
  if (status === 0) return "The server cannot be reached. Check your connection and try again.";
  return `The server answered ${status}.`;
}

export function withQuery(path: string, query?: RequestOptions["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: Method, url: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (STATE_CHANGING.has(method) && csrfToken) headers["X-CSRFToken"] = csrfToken;
  try {
    return await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, messageOf(null, 0), null);
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Fetches the session's CSRF token again (after a reload, or when the server refused it). */
export async function refreshCsrfToken(): Promise<string | null> {
  const response = await send("GET", "/csrf_token", undefined);
  const body = (await readBody(response)) as { csrf_token?: string } | undefined;
  setCsrfToken(response.ok && body?.csrf_token ? body.csrf_token : null);
  return csrfToken;
}

export async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const url = withQuery(path, options.query);
  let response = await send(method, url, body);
  let answer = await readBody(response);
  // A token from before a reload or another tab's login: fetch the current one, try once more.
  if (response.status === 403 && STATE_CHANGING.has(method) && messageOf(answer, 403) === CSRF_FAILED) {
    if (await refreshCsrfToken()) {
      response = await send(method, url, body);
      answer = await readBody(response);
    }
  }
  if (response.ok) return answer as T;
  if (response.status === 401 && !options.anonymous) onSessionLost();
  throw new ApiError(response.status, messageOf(answer, response.status), answer);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>("GET", path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>("POST", path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PUT", path, body, options),
  delete: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>("DELETE", path, body, options),
};
