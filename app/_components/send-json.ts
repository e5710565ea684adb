/** JSON calls to the API from client components: the server's error message becomes the Error's message. */
interface ApiErrorBody {
  error?: { message?: string };
}

/** Sends JSON and returns the parsed answer; a 4xx/5xx becomes an Error carrying the server's message. */
export async function sendJson<T>(url: string, method: "POST" | "PUT" | "PATCH" | "DELETE", body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new Error("Could not reach the server. Check your connection and try again.");
  }
  const parsed = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) throw new Error((parsed as ApiErrorBody).error?.message ?? `The server answered ${response.status}.`);
  return parsed as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
