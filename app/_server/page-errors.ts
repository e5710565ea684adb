import "server-only";
import { notFound } from "next/navigation";
import { RequestError } from "./errors.ts";

/** Runs a data-access call for a page: "not found" and "forbidden" become the 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof RequestError && (error.status === 404 || error.status === 403)) notFound();
    throw error;
  }
}
