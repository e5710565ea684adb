/** A signed-in (or anonymous) HTTP client with its own cookie jar, for tests against the real server. */
import { Agent, request as httpRequest } from "node:http";
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

export interface SessionOptions {
  /**
   * Connections of its own, as a browser has (keep-alive, at most six at once), instead of the
   * pool `fetch` shares across the whole test process. Simulated students need this: sharing one
   * pool, a burst of them queues in the client, and the server is blamed for the wait.
   */
  readonly ownConnections?: boolean;
}

/** At most this many connections per session, as browsers open per server. */
const BROWSER_CONNECTIONS = 6;

export class HttpSession {
  readonly baseUrl: string;
  readonly #cookies = new Map<string, string>();
  readonly #agent: Agent | null;

  constructor(baseUrl: string, options: SessionOptions = {}) {
    this.baseUrl = baseUrl;
    this.#agent = options.ownConnections ? new Agent({ keepAlive: true, maxSockets: BROWSER_CONNECTIONS }) : null;
  }

  /** Closes the session's own connections, if it has any. */
  close(): void {
    this.#agent?.destroy();
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
    const timeoutMs = options.timeoutMs ?? 30_000;
    const response = this.#agent
      ? await this.#send(this.#agent, method, path, headers, body, timeoutMs)
      : await fetch(`${this.baseUrl}${path}`, { method, headers, body: body as BodyInit | undefined, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
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

  /** One request on the session's own connections, answered as `fetch` would (redirects not followed). */
  #send(agent: Agent, method: string, path: string, headers: Record<string, string>, body: string | Uint8Array | undefined, timeoutMs: number): Promise<Response> {
    return new Promise((resolve, reject) => {
      const sent = httpRequest(
        `${this.baseUrl}${path}`,
        { method, agent, headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) } },
        (reply) => {
          const chunks: Buffer[] = [];
          reply.on("data", (chunk: Buffer) => chunks.push(chunk));
          reply.on("error", reject);
          reply.on("end", () => {
            const answerHeaders = new Headers();
            for (const [name, value] of Object.entries(reply.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) answerHeaders.append(name, one);
            }
            const status = reply.statusCode ?? 500;
            // Statuses that carry no body cannot be given one.
            const noBody = [101, 204, 205, 304].includes(status);
            resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers: answerHeaders }));
          });
        },
      );
      sent.setTimeout(timeoutMs, () => sent.destroy(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`)));
      sent.on("error", reject);
      sent.end(body);
    });
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
