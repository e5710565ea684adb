/** Calls a JSON route handler from a client component; a refusal becomes an Error carrying the server's message. */
export async function sendJson<T>(url: string, method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", body?: unknown, options: { keepalive?: boolean } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      cache: "no-store",
      // keepalive lets a request finish after the page is gone (a draft saved on leaving).
      ...(options.keepalive ? { keepalive: true } : {}),
      ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    });
  } catch {
    throw new Error("Could not reach the server. Check your connection and try again.");
  }
  const payload = (await response.json().catch(() => null)) as ({ error?: { message?: string } } & T) | null;
  if (!response.ok) throw new Error(payload?.error?.message ?? `The server answered ${response.status}.`);
  if (payload === null) throw new Error("The server sent an unreadable answer.");
  return payload;
}

/** The message of anything thrown, for a role="alert" notice. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
