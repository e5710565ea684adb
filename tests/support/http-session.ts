/** A signed-in (or anonymous) HTTP client with its own cookie jar, for tests against the real server. */
import { TEST_PASSWORD } from "./course-data.ts";

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  readonly json?: unknown;
  /** A raw body (string or bytes); sent as-is with `contentType`. */
  readonly body?: string | Uint8Array;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

export class HttpSession {
  readonly baseUrl: string;
  readonly #cookies = new Map<string, string>();

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  cookie(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.#cookies.size > 0) headers.cookie = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers["content-type"] = "application/json";
    } else if (options.body !== undefined) {
      body = options.body;
      if (options.contentType) headers["content-type"] = options.contentType;
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body as BodyInit | undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const index = pair!.indexOf("=");
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
  }

  /** Auth.js's credentials sign-in, as the login form does it: CSRF token first, then the callback. */
  async signIn(email: string, password = TEST_PASSWORD): Promise<this> {
    const csrf = await this.request("GET", "/api/auth/csrf");
    const { csrfToken } = csrf.json<{ csrfToken: string }>();
    const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" });
    await this.request("POST", "/api/auth/callback/credentials", { body: form.toString(), contentType: "application/x-www-form-urlencoded" });
    const session = await this.request("GET", "/api/auth/session");
    const user = session.json<{ user?: { email?: string } } | null>()?.user;
    if (user?.email !== email) throw new Error(`signing in as ${email} failed (session: ${session.text})`);
    return this;
  }
}
