import "server-only";
import { notFound } from "next/navigation";
import { AccessDenied } from "./errors.ts";

/**
 * Runs a data-access call for a page: a refusal ("not found", "forbidden") becomes the 404 page;
 * anything else (a database failure, a bug) is rethrown, so it reaches the error page and the log.
 */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AccessDenied) notFound();
    throw error;
  }
}
