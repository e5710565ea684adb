import { RequestError } from "../../app/_server/errors.ts";

/** The HTTP status a server call ends with: 200 when it resolves, the refusal's status when it throws one. */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (error) {
    if (error instanceof RequestError) return error.status;
    throw error;
  }
}
